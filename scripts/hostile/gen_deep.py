#!/usr/bin/env python3
"""Hostile class 3 (issue #12): deep stacks, deep inline chains, huge inline counts.

Usage: scripts/hostile/gen_deep.py OUTDIR     (HOSTILE_SEEDS=1: small variants, as fuzzer seeds)

Every report must stay linear (or n log n) in the frames of its input: a walk that re-walks the
stack per frame, or looks every node up again per node, turns these into hours. The flame graph
SVG must stay bounded whatever the depth (frames under a pixel and levels past its budget are
culled). Where pprof succeeds (it has no -collapsed or -flame_svg) our stdout must be its.
"""
import gzip
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pbwrite  # noqa: E402

DEPTH = 99_000          # under the decoder's max_stack_depth (100,000)
INLINE = 100_000        # inlined lines in one location
CHAIN_LOCS = 1_000      # 1,000 locations x 1,000 inlined lines: a 1M-deep chain
CHAIN_LINES = 1_000
WIDE_TRUNK, WIDE_BRANCHES, WIDE_DEPTH = 500, 4_000, 60
if pbwrite.SEEDS:
    # Fuzzer seeds (at most 64 KiB, gzip'd or not): the same shapes, a few hundred frames deep.
    DEPTH, INLINE, CHAIN_LOCS, CHAIN_LINES = 600, 600, 25, 25
    WIDE_TRUNK, WIDE_BRANCHES, WIDE_DEPTH = 50, 40, 10


_FIELD = {}


def _field(field, x):
    """pbwrite.f_int, memoized: the same few ids and line numbers repeat a million times."""
    k = (field, x)
    if k not in _FIELD:
        _FIELD[k] = pbwrite.f_int(field, x)
    return _FIELD[k]


def location(p, lines, address):
    """`Profile.location` for thousands of lines: one join instead of a copy per line."""
    lid = len(p.locations) + 1
    parts = [pbwrite.f_int(1, lid), pbwrite.f_int(3, address)]
    for fid, line in lines:
        body = _field(1, fid) + _field(2, line)
        parts.append(b"\x22" + pbwrite.varint(len(body)) + body)
    p.locations.append(b"".join(parts))
    return lid


def write(p, path):
    """Fast gzip (level 1): the same bytes every run, seconds instead of a minute."""
    with open(path, "wb") as f:
        f.write(gzip.compress(p.encode(), compresslevel=1, mtime=0))


def chain(path):
    """One function and one location per frame, DEPTH frames called in a chain."""
    p = pbwrite.Profile([("samples", "count"), ("cpu", "nanoseconds")])
    locs = []
    for i in range(DEPTH):
        f = p.function("deep.f%d" % i, filename="deep/f%d.go" % (i % 7))
        locs.append(location(p, [(f, i % 50 + 1)], 0x400000 + 16 * i))
    p.sample(locs, [3, 3000])
    p.sample(locs[DEPTH // 2:], [1, 1000])
    p.sample(locs[DEPTH - 10:], [2, 2000])
    write(p, path)


def inline(path):
    """One location carrying INLINE inlined frames of distinct functions, under a caller."""
    p = pbwrite.Profile([("samples", "count")])
    lines = []
    for i in range(INLINE):
        f = p.function("inl.g%d" % i, filename="inl/g.go")
        lines.append((f, i + 1))
    big = location(p, lines, 0x500000)
    caller = p.location([(p.function("inl.main", filename="inl/main.go"), 7)], address=0x600000)
    p.sample([big, caller], [5])
    p.sample([caller], [1])
    write(p, path)


def chain_1m(path):
    """A 1M-deep stack of inlined frames (CHAIN_LOCS locations of CHAIN_LINES lines each),
    names cycling over CHAIN_LINES functions: a million nested flame graph frames."""
    p = pbwrite.Profile([("samples", "count")])
    funcs = [p.function("chain.h%d" % i, filename="chain/h.go") for i in range(CHAIN_LINES)]
    locs = []
    for k in range(CHAIN_LOCS):
        locs.append(location(p, [(funcs[j], k + 1) for j in range(CHAIN_LINES)], 0x700000 + 16 * k))
    p.sample(locs, [7])
    p.sample(locs[:1], [1])
    write(p, path)


def wide(path):
    """A WIDE_TRUNK-deep common trunk, then WIDE_BRANCHES distinct WIDE_DEPTH-deep branches:
    most frames are far narrower than a pixel of the flame graph."""
    p = pbwrite.Profile([("samples", "count")])
    trunk = [location(p, [(p.function("wide.t%d" % i, filename="wide/t.go"), i + 1)], 0x800000 + 16 * i)
             for i in range(WIDE_TRUNK)]
    branch_funcs = [p.function("wide.b%d" % i, filename="wide/b.go") for i in range(WIDE_BRANCHES)]
    for b in range(WIDE_BRANCHES):
        tail = [location(p, [(branch_funcs[(b + j) % WIDE_BRANCHES], j + 1)],
                         0x900000 + 16 * (b * WIDE_DEPTH + j))
                for j in range(WIDE_DEPTH)]
        p.sample(list(reversed(tail)) + list(reversed(trunk)), [b % 5 + 1])
    write(p, path)


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)

    # go tool pprof itself needs more than the replay's two minutes on these (measured).
    slow_in_pprof = {"chain1m-callgrind", "chain1m-addresses-callgrind", "chain1m-lines-callgrind",
                     "inline-addresses-callgrind", "wide-callgrind"}

    def case(name, args, pprof_same=True):
        pbwrite.write_case(outdir, name, args, "ok", max_seconds=10, max_rss_mib=1024,
                           pprof_same=pprof_same and name not in slow_in_pprof)

    chain(os.path.join(outdir, "chain.pb.gz"))
    inline(os.path.join(outdir, "inline.pb.gz"))
    chain_1m(os.path.join(outdir, "chain1m.pb.gz"))
    wide(os.path.join(outdir, "wide.pb.gz"))

    for prof in ("chain", "inline", "chain1m"):
        f = "{dir}/%s.pb.gz" % prof
        for report in ("-callgrind", "-top", "-tree", "-traces", "-raw", "-dot"):
            case("%s%s" % (prof, report), [report, f])
        case(prof + "-addresses-callgrind", ["-addresses", "-callgrind", f])
        case(prof + "-lines-callgrind", ["-lines", "-callgrind", f])
        case(prof + "-peek", ["-peek=.", f])
        case(prof + "-nodecount0-top", ["-nodecount=0", "-top", f])
        case(prof + "-collapsed", ["-collapsed", f], pprof_same=False)
        case(prof + "-flame_svg", ["-flame_svg", "-output={dir}/%s.svg" % prof, f], pprof_same=False)
    case("chain-list", ["-list=^deep\\.f1$", "{dir}/chain.pb.gz"])
    case("chain-call_tree-callgrind", ["-call_tree", "-callgrind", "{dir}/chain.pb.gz"])
    w = "{dir}/wide.pb.gz"
    for report in ("-callgrind", "-top", "-tree", "-dot"):
        case("wide" + report, [report, w])
    case("wide-collapsed", ["-collapsed", w], pprof_same=False)
    case("wide-flame_svg", ["-flame_svg", "-output={dir}/wide.svg", w], pprof_same=False)


if __name__ == "__main__":
    main()
