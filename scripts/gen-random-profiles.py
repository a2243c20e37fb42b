#!/usr/bin/env python3
"""Writes random but valid profile.proto files (protobuf wire format by hand, gzipped) for
side-by-side checks against go tool pprof (scripts/diff-random.sh). Deterministic per seed.

Usage: scripts/gen-random-profiles.py OUTDIR COUNT [SEED]

Each profile mixes what other producers emit: Go, C++ (demangled, mangled, templates), Rust,
Java names; one to four sample types with assorted units; mappings with and without symbols;
locations with addresses only, with one line or with inlined frames; recursion; zero, negative
and large values; string and numeric labels (with units) on some samples; empty stacks.
"""
import gzip
import os
import random
import sys

# The protobuf wire helpers are shared with the hostile generators (one copy).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'hostile'))
from pbwrite import f_bytes, f_int, f_packed, key, varint  # noqa: E402


NAMES = [
    "main.main", "main.(*Server).ServeHTTP", "runtime.mallocgc", "runtime.main", "sync.(*Mutex).Lock",
    "java/util/HashMap.get", "java.util.ArrayList.add", "com.foo.Bar.baz", "com.foo.Bar.lambda$run$0",
    "java.lang.Thread.run", "Interpreter", "[unknown]", "[vdso]", "G1 Young Gen",
    "std::vector<int, std::allocator<int> >::push_back(int const&)", "ns::Foo<ns::Bar<char> >::operator()(int) const",
    "_ZN2ns4Pool3runEv", "_ZNSt6vectorIiSaIiEE9push_backERKi", "_Z3bigi", "operator new(unsigned long)",
    "(anonymous namespace)::Worker::run()", "memcpy", "__libc_start_main", "start_thread", "clone",
    "_ZN4core3ptr13drop_in_place17h1234567890abcdefE", "<alloc::vec::Vec<T,A> as core::ops::drop::Drop>::drop",
    "tokio::runtime::park::CachedParkThread::block_on::h0011223344556677", "_RNvCs1234_7mycrate4main",
    "worker loop (idle)", "", "a", "x.y.z.w.v.u.t.s.r.q.p.o.n.m.l.k.j.i.h.g.f.e.d.c.b.a",
    "fmt.Sprintf", "strconv.ParseInt", "encoding/json.(*decodeState).object", "net/http.(*conn).serve",
]
FILES = ["main.go", "server.go", "HashMap.java", "Bar.java", "/usr/include/c++/12/bits/stl_vector.h",
         "src/lib.rs", "/rustc/abc/library/core/src/ptr/mod.rs", "", "runtime/malloc.go", "worker.cc"]
TYPES = [("samples", "count"), ("cpu", "nanoseconds"), ("alloc_space", "bytes"), ("alloc_objects", "count"),
         ("wall", "microseconds"), ("delay", "milliseconds"), ("events", "widgets"), ("inuse_space", "bytes"),
         ("lock", "seconds")]
LKEYS = [("thread", None), ("endpoint", None), ("bytes", "bytes"), ("size", "kilobytes"), ("latency", "ms"),
         ("requests", ""), ("pid", ""), ("wait", "seconds")]


def profile(rnd):
    strings = [""]
    index = {"": 0}

    def s(x):
        if x not in index:
            index[x] = len(strings)
            strings.append(x)
        return index[x]

    ntypes = rnd.randint(1, 4)
    types = rnd.sample(TYPES, ntypes)
    out = bytearray()
    for t, u in types:
        out += f_bytes(1, f_int(1, s(t)) + f_int(2, s(u)))

    nmaps = rnd.randint(0, 3)
    mappings = []
    for m in range(nmaps):
        start = 0x400000 + m * 0x1000000
        symbolized = rnd.random() < 0.7
        body = (f_int(1, m + 1) + f_int(2, start) + f_int(3, start + 0x1000000) + f_int(4, rnd.choice([0, 0x1000]))
                + f_int(5, s(rnd.choice(["/opt/x/bin/app", "/opt/x/lib/libfoo.so", "", "[vdso]", "/opt/x/bin/other"])))
                + f_int(6, s(rnd.choice(["", "abcdef0123", "feedface"]))))
        if symbolized:
            body += f_int(7, 1) + f_int(8, 1) + f_int(9, 1) + f_int(10, rnd.choice([0, 1]))
        mappings.append((start, symbolized))
        out += f_bytes(3, body)

    nfuncs = rnd.randint(1, 14)
    names = rnd.sample(NAMES, nfuncs)
    for i, n in enumerate(names):
        sysname = n if rnd.random() < 0.9 else "_Zsys" + str(i)
        out += f_bytes(5, f_int(1, i + 1) + f_int(2, s(n)) + f_int(3, s(sysname))
                       + f_int(4, s(rnd.choice(FILES))) + f_int(5, rnd.choice([0, 1, 10, 100])))

    nlocs = rnd.randint(1, 20)
    for i in range(nlocs):
        body = f_int(1, i + 1)
        addr = 0
        if mappings and rnd.random() < 0.8:
            m = rnd.randrange(len(mappings))
            body += f_int(2, m + 1)
            addr = mappings[m][0] + rnd.randrange(0, 0x10000)
        elif rnd.random() < 0.5:
            addr = rnd.randrange(0x1000, 0xFFFFFF)
        body += f_int(3, addr)
        nlines = rnd.choice([0, 1, 1, 1, 2, 3]) if addr else rnd.choice([1, 1, 2])
        for _ in range(nlines):
            body += f_bytes(4, f_int(1, rnd.randint(1, nfuncs)) + f_int(2, rnd.choice([0, 1, 7, 42, 100, 1234])))
        out += f_bytes(4, body)

    for _ in range(rnd.randint(1, 25)):
        depth = rnd.choice([0, 1, 2, 3, 4, 5, 6, 8])
        stack = [rnd.randint(1, nlocs) for _ in range(depth)]
        if depth > 2 and rnd.random() < 0.3:
            stack[1] = stack[0]  # direct recursion
        vals = []
        for t, u in types:
            r = rnd.random()
            if r < 0.1:
                v = 0
            elif r < 0.15:
                v = -rnd.randint(1, 1000)
            elif r < 0.2:
                v = rnd.randint(1, 1 << 50)
            else:
                v = rnd.randint(1, 5000) * rnd.choice([1, 1, 1000, 1000000])
            vals.append(v)
        body = f_packed(1, stack) + f_packed(2, vals)
        for _ in range(rnd.choice([0, 0, 1, 2])):
            k, unit = rnd.choice(LKEYS)
            if unit is None:
                body += f_bytes(3, f_int(1, s(k)) + f_int(2, s(rnd.choice(["a", "b", "worker-1", "/api"]))))
            else:
                body += f_bytes(3, f_int(1, s(k)) + f_int(3, rnd.randint(0, 1 << 22)) + f_int(4, s(unit)))
        out += f_bytes(2, body)

    if rnd.random() < 0.5:
        out += f_int(9, 1700000000000000000 + rnd.randint(0, 10 ** 12))
    if rnd.random() < 0.5:
        out += f_int(10, rnd.choice([1, 10 ** 9, 3 * 10 ** 10]))
    if rnd.random() < 0.7:
        pt, pu = rnd.choice(types)
        out += f_bytes(11, f_int(1, s(pt)) + f_int(2, s(pu))) + f_int(12, rnd.choice([1, 100, 10000000]))
    if rnd.random() < 0.2:
        out += f_int(13, s("note " + str(rnd.randint(0, 99))))
    if rnd.random() < 0.2 and ntypes > 1:
        out += f_int(14, s(rnd.choice(types)[0]))
    # The string table goes last in the message but first in pprof's decoder's eyes (field 6).
    table = b"".join(f_bytes(6, x.encode()) for x in strings)
    return bytes(table + out)


def main():
    outdir, count = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    os.makedirs(outdir, exist_ok=True)
    for i in range(count):
        rnd = random.Random(seed * 100003 + i)
        with open(os.path.join(outdir, "r%04d.pb.gz" % i), "wb") as f:
            f.write(gzip.compress(profile(rnd), mtime=0))


if __name__ == "__main__":
    main()
