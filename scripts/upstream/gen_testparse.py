#!/usr/bin/env python3
"""Writes, as profile.proto files, the test profiles that google/pprof's
internal/driver/driver_test.go (TestParse, TestSymbolzAfterMerge) and
internal/report/report_test.go (TestSource) build in Go code, so that
scripts/upstream/compare.sh can replay upstream's golden cases from files.

Usage: scripts/upstream/gen_testparse.py OUTDIR

Python 3 standard library only; the same bytes on every run (gzip mtime 0).

The values (mappings, functions, locations, samples, labels, drop_frames, comments) are the
facts read from upstream's test source; the encoder below is our own. Upstream's TestParse
runs pprof twice: pass 1 fetches the profile built in code (symbolizer: a no-op) and writes
it with -proto (or -topproto -addresses for the topproto cases); pass 2 reads that file with
the case's flags and a fake demangler (mangledNNNN -> lineNNNN, mangledNEW -> "operator new",
mangledMALLOC -> malloc). A file cannot carry the fake demangler, so OUTDIR/<name>.pb.gz
holds what pass 2 sees after demangling: Function.name is the fake demangler's output and
Function.system_name the original. OUTDIR/source/<name>.pb.gz holds the profile exactly as
the Go code builds it (mangled names), for reference and for two-pass replays.

Files:
  cpu, cpusmall, heap, heap_alloc, heap_request, heap_sizetags, heap_tags, contention,
  long_name_funcs, symbolz      TestParse's testFetcher sources ("unknown" is cpu)
  cpu.topproto                  pass 1 of the topproto cases: printTopProto of cpu at
                                addresses granularity (names stay mangled: pass 2 does not
                                demangle them, their system_name is empty)
  report_source                 report_test.go's testProfile (TestSource: source.rpt/.dot)
"""
import gzip
import os
import sys

# The protobuf wire helpers are shared with the hostile generators (one copy).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '../hostile'))
from pbwrite import f_bytes, f_int, f_packed, key, varint  # noqa: E402


# ---------------------------------------------------------------- protobuf wire writer


def f_bool(field, x):
    return key(field, 0) + varint(1) if x else b""


# ---------------------------------------------------------------- profile model


class Strings:
    def __init__(self):
        self.table = [""]
        self.index = {"": 0}

    def __call__(self, s):
        if s not in self.index:
            self.index[s] = len(self.table)
            self.table.append(s)
        return self.index[s]


def encode(p):
    """p: dict with keys sample_type, sample, mapping, location, function, drop_frames,
    keep_frames, time_nanos, duration_nanos, period_type, period, comments,
    default_sample_type, doc_url (all optional)."""
    st = Strings()
    out = bytearray()
    for t, u in p.get("sample_type", []):
        out += f_bytes(1, f_int(1, st(t)) + f_int(2, st(u)))
    for s in p.get("sample", []):
        body = f_packed(1, s["loc"]) + f_packed(2, s["value"])
        # Go's encoder writes string labels then numeric labels, each sorted by key.
        for k in sorted(s.get("label", {})):
            for v in s["label"][k]:
                body += f_bytes(3, f_int(1, st(k)) + f_int(2, st(v)))
        for k in sorted(s.get("numlabel", {})):
            units = s.get("numunit", {}).get(k, [])
            for i, v in enumerate(s["numlabel"][k]):
                lb = f_int(1, st(k)) + f_int(3, v)
                if i < len(units) and units[i]:
                    lb += f_int(4, st(units[i]))
                body += f_bytes(3, lb)
        out += f_bytes(2, body)
    for m in p.get("mapping", []):
        body = (f_int(1, m["id"]) + f_int(2, m.get("start", 0)) + f_int(3, m.get("limit", 0))
                + f_int(4, m.get("offset", 0)) + f_int(5, st(m.get("file", "")))
                + f_int(6, st(m.get("build_id", ""))) + f_bool(7, m.get("has_functions"))
                + f_bool(8, m.get("has_filenames")) + f_bool(9, m.get("has_line_numbers"))
                + f_bool(10, m.get("has_inline_frames")))
        out += f_bytes(3, body)
    for loc in p.get("location", []):
        body = f_int(1, loc["id"]) + f_int(2, loc.get("mapping", 0)) + f_int(3, loc.get("address", 0))
        for ln in loc.get("line", []):
            fid, line = ln[0], ln[1]
            col = ln[2] if len(ln) > 2 else 0
            body += f_bytes(4, f_int(1, fid) + f_int(2, line) + f_int(3, col))
        out += f_bytes(4, body)
    for fn in p.get("function", []):
        body = (f_int(1, fn["id"]) + f_int(2, st(fn.get("name", ""))) + f_int(3, st(fn.get("system_name", "")))
                + f_int(4, st(fn.get("filename", ""))) + f_int(5, fn.get("start_line", 0)))
        out += f_bytes(5, body)
    # Indices of the trailing scalar strings must exist before the table is written.
    drop = st(p.get("drop_frames", ""))
    keep = st(p.get("keep_frames", ""))
    comments = [st(c) for c in p.get("comments", [])]
    default_type = st(p.get("default_sample_type", ""))
    doc_url = st(p.get("doc_url", ""))
    pt = p.get("period_type")
    pt_body = f_int(1, st(pt[0])) + f_int(2, st(pt[1])) if pt else b""
    for s in st.table:
        out += f_bytes(6, s.encode("utf-8"))
    out += f_int(7, drop) + f_int(8, keep)
    out += f_int(9, p.get("time_nanos", 0)) + f_int(10, p.get("duration_nanos", 0))
    if pt:
        out += f_bytes(11, pt_body)
    out += f_int(12, p.get("period", 0))
    out += f_packed(13, comments)
    out += f_int(14, default_type) + f_int(15, doc_url)
    return bytes(out)


def write(path, p):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = encode(p)
    with open(path, "wb") as f:
        # mtime=0 and no file name: the same bytes on every run.
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as gz:
            gz.write(data)


# ---------------------------------------------------------------- TestParse's profiles

FAKE_DEMANGLER = {
    "mangled1000": "line1000", "mangled2000": "line2000", "mangled2001": "line2001",
    "mangled3000": "line3000", "mangled3001": "line3001", "mangled3002": "line3002",
    "mangledNEW": "operator new", "mangledMALLOC": "malloc",
}


def fn(fid, name, filename):
    return {"id": fid, "name": name, "system_name": name, "filename": filename}


def full_mapping(mid, **kw):
    m = {"id": mid, "has_functions": True, "has_filenames": True, "has_line_numbers": True,
         "has_inline_frames": True}
    m.update(kw)
    return m


def cpu_profile():
    f = [fn(1, "mangled1000", "testdata/file1000.src"), fn(2, "mangled2000", "testdata/file2000.src"),
         fn(3, "mangled2001", "testdata/file2000.src"), fn(4, "mangled3000", "testdata/file3000.src"),
         fn(5, "mangled3001", "testdata/file3000.src"), fn(6, "mangled3002", "testdata/file3000.src")]
    # Line lists are leaf (innermost inlined frame) first: (function id, line).
    loc = [
        {"id": 1000, "mapping": 1, "address": 0x1000, "line": [(1, 1)]},
        {"id": 2000, "mapping": 1, "address": 0x2000, "line": [(3, 9), (2, 4)]},
        {"id": 3000, "mapping": 1, "address": 0x3000, "line": [(6, 2), (5, 5), (4, 6)]},
        {"id": 3001, "mapping": 1, "address": 0x3001, "line": [(5, 8), (4, 9)]},
        {"id": 3002, "mapping": 1, "address": 0x3002, "line": [(6, 5), (4, 9)]},
    ]
    return {
        "period_type": ("cpu", "milliseconds"), "period": 1, "duration_nanos": 10 * 10**9,
        "sample_type": [("samples", "count"), ("cpu", "milliseconds")],
        "sample": [
            {"loc": [1000, 2000, 3000], "value": [1000, 1000], "label": {"key1": ["tag1"], "key2": ["tag1"]}},
            {"loc": [1000, 3001], "value": [100, 100], "label": {"key1": ["tag2"], "key3": ["tag2"]}},
            {"loc": [2000, 3002], "value": [10, 10], "label": {"key1": ["tag3"], "key2": ["tag2"]}},
            {"loc": [3000], "value": [10, 10], "label": {"key1": ["tag4"], "key2": ["tag1"]}},
        ],
        "location": loc, "function": f,
        "mapping": [full_mapping(1, start=0x1000, limit=0x4000, file="/path/to/testbinary")],
    }


def cpu_profile_small():
    return {
        "period_type": ("cpu", "milliseconds"), "period": 1, "duration_nanos": 10 * 10**9,
        "sample_type": [("samples", "count"), ("cpu", "milliseconds")],
        "sample": [
            {"loc": [1000, 2000, 3000], "value": [1000, 1000]},
            {"loc": [4000, 2000, 5000], "value": [1000, 1000]},
            {"loc": [3000], "value": [1000, 1000]},
            {"loc": [5000], "value": [1000, 1000]},
        ],
        "location": [{"id": i, "mapping": 1, "address": a} for i, a in
                     ((1000, 0x1000), (2000, 0x2000), (3000, 0x3000), (4000, 0x4000), (5000, 0x5000))],
        "function": [],
        "mapping": [full_mapping(1, start=0x1000, limit=0x4000, file="/path/to/testbinary")],
    }


def heap_profile():
    f = [fn(1, "pruneme", "prune.h"), fn(2, "mangled1000", "testdata/file1000.src"),
         fn(3, "mangled2000", "testdata/file2000.src"), fn(4, "mangled2001", "testdata/file2000.src"),
         fn(5, "mangled3000", "testdata/file3000.src"), fn(6, "mangled3001", "testdata/file3000.src"),
         fn(7, "mangled3002", "testdata/file3000.src"), fn(8, "mangledMALLOC", "malloc.h"),
         fn(9, "mangledNEW", "new.h")]
    loc = [
        {"id": 1000, "mapping": 1, "address": 0x1000, "line": [(1, 100), (8, 100), (2, 1)]},
        {"id": 2000, "mapping": 1, "address": 0x2000, "line": [(9, 100), (4, 2), (3, 3)]},
        {"id": 3000, "mapping": 1, "address": 0x3000, "line": [(9, 100), (7, 3), (6, 2), (5, 4)]},
        {"id": 3001, "mapping": 1, "address": 0x3001, "line": [(1, 100), (9, 100), (6, 2), (5, 4)]},
        {"id": 3002, "mapping": 1, "address": 0x3002, "line": [(7, 3), (5, 4)]},
    ]
    return {
        "comments": ["comment", "#hidden comment"],
        "period_type": ("allocations", "bytes"), "period": 524288,
        "sample_type": [("inuse_objects", "count"), ("inuse_space", "bytes")],
        "sample": [
            {"loc": [1000, 2000, 3000], "value": [10, 1024000], "numlabel": {"bytes": [102400]}},
            {"loc": [1000, 3001], "value": [20, 4096000], "numlabel": {"bytes": [204800]}},
            {"loc": [2000, 3002], "value": [40, 65536000], "numlabel": {"bytes": [1638400]}},
            {"loc": [3000], "value": [80, 32768000], "numlabel": {"bytes": [409600]}},
        ],
        "drop_frames": ".*operator new.*|malloc",
        "location": loc, "function": f,
        "mapping": [full_mapping(1, build_id="buildid", start=0x1000, limit=0x4000)],
    }


def heap_variant(kind):
    p = heap_profile()
    if kind == "heap_alloc":
        p["sample_type"] = [("alloc_objects", "count"), ("alloc_space", "bytes")]
    elif kind == "heap_request":
        for s in p["sample"]:
            s["numlabel"]["request"] = list(s["numlabel"]["bytes"])
    elif kind == "heap_sizetags":
        for s in p["sample"]:
            s["numlabel"]["bytes"] = s["numlabel"]["bytes"] + [2, 4, 8, 16, 32, 64, 128, 256]
    elif kind == "heap_tags":
        for i in range(0, len(p["sample"]), 2):
            s = p["sample"][i]
            s["numlabel"]["request"] = list(s["numlabel"]["bytes"])
            s["label"] = {"key1": ["tag"]}
    return p


def contention_profile():
    f = [fn(1, "mangled1000", "testdata/file1000.src"), fn(2, "mangled2000", "testdata/file2000.src"),
         fn(3, "mangled2001", "testdata/file2000.src"), fn(4, "mangled3000", "testdata/file3000.src"),
         fn(5, "mangled3001", "testdata/file3000.src"), fn(6, "mangled3002", "testdata/file3000.src")]
    loc = [
        {"id": 1000, "mapping": 1, "address": 0x1000, "line": [(1, 1)]},
        {"id": 2000, "mapping": 1, "address": 0x2000, "line": [(3, 2), (2, 3)]},
        {"id": 3000, "mapping": 1, "address": 0x3000, "line": [(6, 2), (5, 3), (4, 5)]},
        {"id": 3001, "mapping": 1, "address": 0x3001, "line": [(5, 3), (4, 5)]},
        {"id": 3002, "mapping": 1, "address": 0x3002, "line": [(6, 4), (4, 3)]},
    ]
    return {
        "period_type": ("contentions", "count"), "period": 524288,
        "sample_type": [("contentions", "count"), ("delay", "nanoseconds")],
        "sample": [
            {"loc": [1000, 2000, 3000], "value": [10, 10240000]},
            {"loc": [1000, 3001], "value": [20, 40960000]},
            {"loc": [2000, 3002], "value": [40, 65536000]},
            {"loc": [3000], "value": [80, 32768000]},
        ],
        "location": loc, "function": f,
        "mapping": [full_mapping(1, build_id="buildid-contention", start=0x1000, limit=0x4000)],
        "comments": ["Comment #1", "Comment #2"],
    }


def symz_profile():
    start = 0x1000  # testStart
    return {
        "period_type": ("cpu", "milliseconds"), "period": 1, "duration_nanos": 10 * 10**9,
        "sample_type": [("samples", "count"), ("cpu", "milliseconds")],
        "sample": [{"loc": [1, 2, 3], "value": [1, 1]}],
        "location": [{"id": 1, "mapping": 1, "address": start}, {"id": 2, "mapping": 1, "address": start + 0x1000},
                     {"id": 3, "mapping": 1, "address": start + 0x2000}],
        "function": [],
        "mapping": [{"id": 1, "start": start, "limit": 0x4000, "file": "/path/to/testbinary"}],
    }


def long_name_funcs_profile():
    f = [fn(1, "path/to/package1.object.function1", "path/to/package1.go"),
         fn(2, "(anonymous namespace)::Bar::Foo", "a/long/path/to/package2.cc"),
         fn(3, "java.bar.foo.FooBar.run(java.lang.Runnable)", "FooBar.java")]
    loc = [
        {"id": 1000, "mapping": 1, "address": 0x1000, "line": [(1, 1)]},
        {"id": 2000, "mapping": 1, "address": 0x2000, "line": [(2, 4)]},
        {"id": 3000, "mapping": 1, "address": 0x3000, "line": [(3, 9)]},
    ]
    return {
        "period_type": ("cpu", "milliseconds"), "period": 1, "duration_nanos": 10 * 10**9,
        "sample_type": [("samples", "count"), ("cpu", "milliseconds")],
        "sample": [
            {"loc": [1000, 2000, 3000], "value": [1000, 1000]},
            {"loc": [1000, 2000], "value": [100, 100]},
            {"loc": [3000], "value": [10, 10]},
        ],
        "location": loc, "function": f,
        "mapping": [full_mapping(1, start=0x1000, limit=0x4000, file="/path/to/testbinary")],
    }


def report_test_profile():
    """report_test.go's testProfile (TestSource's source.rpt and source.dot)."""
    f = [{"id": 1, "name": "main", "filename": "testdata/source1"},
         {"id": 2, "name": "foo", "filename": "testdata/source1"},
         {"id": 3, "name": "bar", "filename": "testdata/source1"},
         {"id": 4, "name": "tee", "filename": "/some/path/testdata/source2"}]
    loc = [
        {"id": 1, "mapping": 1, "line": [(1, 2, 2)]},
        {"id": 2, "mapping": 1, "line": [(2, 4, 4)]},
        {"id": 3, "mapping": 1, "line": [(3, 10)]},
        {"id": 4, "mapping": 1, "line": [(4, 2)]},
        {"id": 5, "mapping": 1, "line": [(4, 8)]},
        {"id": 6, "mapping": 1, "line": [(4, 7), (3, 6)]},
    ]
    return {
        "period_type": ("cpu", "millisecond"), "period": 10, "duration_nanos": 10 * 10**9,
        "sample_type": [("samples", "count"), ("cpu", "cycles")],
        "sample": [
            {"loc": [1], "value": [1, 1]},
            {"loc": [3, 2, 1], "value": [1, 10]},
            {"loc": [5, 3, 1], "value": [1, 100]},
            {"loc": [4, 1], "value": [1, 1000]},
            {"loc": [5, 4, 1], "value": [1, 10000]},
        ],
        "location": loc, "function": f,
        "mapping": [full_mapping(1)],
    }


def demangled(p):
    """Pass 2's view: testSymbolizeDemangler sets Name = fakeDemangler(SystemName) where Name is
    empty or equal to SystemName."""
    q = dict(p)
    q["function"] = []
    for f in p.get("function", []):
        g = dict(f)
        if not g.get("name") or g.get("system_name") == g.get("name"):
            g["name"] = FAKE_DEMANGLER.get(g.get("system_name", ""), g.get("system_name", ""))
        q["function"].append(g)
    return q


# ---------------------------------------------------------------- pass 1 of the topproto cases


def scale_ms(value, unit):
    return value / {"ms": 1.0, "s": 1000.0}[unit]


def auto_unit_ms(v):
    """measurement.Scale(v, "milliseconds", "minimum") for the time units pass 1 meets here:
    the largest unit whose value is >= 1 (ns, us, ms, s, hrs)."""
    ns = abs(v) * 1e6
    best, unit = 0, ""
    for name, factor in (("ns", 1), ("us", 1e3), ("ms", 1e6), ("s", 1e9), ("hrs", 3600e9)):
        if factor >= best and ns / factor >= 1.0:
            best, unit = factor, name
    return unit or "s"


def cpu_topproto():
    """printTopProto of cpu as pass 1 runs it: -topproto -addresses with baseFlags
    (nodecount=20, nodefraction=0.05, unit=minimum), names not yet demangled.

    Graph at address granularity: one node per (address, inlined frame); flat to the leaf
    frame, cum once per node per sample; nodes with cum < total*nodefraction are dropped
    (the graph is rebuilt from the kept nodes; flat only reaches a kept leaf); sorted by flat
    desc then printable name ("%016x name file:line"); values scaled to the selected output
    unit and truncated to int64; sample types [cum, flat]; no mappings."""
    p = cpu_profile()
    funcs = {f["id"]: f for f in p["function"]}
    locs = {l["id"]: l for l in p["location"]}
    vi = 1  # default sample index: the last one (cpu)

    def nodes_of(loc_id):
        l = locs[loc_id]
        return [(l["address"], funcs[fid]["name"], funcs[fid]["filename"], line) for fid, line in l["line"]]

    def build(kept):
        flat, cum = {}, {}
        for s in p["sample"]:
            w = s["value"][vi]
            seen = set()
            leaf, residual = None, False
            for lid in reversed(s["loc"]):
                for n in reversed(nodes_of(lid)):
                    if kept is not None and n not in kept:
                        residual = True
                        continue
                    if n not in seen:
                        seen.add(n)
                        cum[n] = cum.get(n, 0) + w
                    leaf, residual = n, False
            if leaf is not None and not residual:
                flat[leaf] = flat.get(leaf, 0) + w
        for n in cum:
            flat.setdefault(n, 0)
        return flat, cum

    flat, cum = build(None)
    total = sum(flat.values())
    cutoff = abs(int(total * 0.05))
    kept = {n for n in cum if abs(cum[n]) >= cutoff} if cutoff > 0 else set(cum)
    flat, cum = build(kept)

    def printable(n):
        return "%016x %s %s:%d" % n

    order = sorted(cum, key=lambda n: (-abs(flat[n]), printable(n), -abs(cum[n])))
    order = order[:20]
    # selectOutputUnit: smallest non-zero flat (else cum) against the total.
    mins = [abs(flat[n]) or abs(cum[n]) for n in order]
    min_value = min([m for m in mins if m > 0] or [total])
    min_unit, max_unit = auto_unit_ms(min_value), auto_unit_ms(total)
    unit = min_unit
    if min_unit != max_unit and min_value * 100 < total:
        unit = auto_unit_ms(100 * min_value)
    out_funcs, fkeys, out_locs, samples = [], {}, [], []
    for i, n in enumerate(order):
        k = (n[1], "", n[2], 0)
        if k not in fkeys:
            fkeys[k] = len(fkeys) + 1
            out_funcs.append({"id": fkeys[k], "name": n[1], "system_name": "", "filename": n[2]})
        out_locs.append({"id": i + 1, "address": n[0], "line": [(fkeys[k], n[3])]})
        samples.append({"loc": [i + 1], "value": [int(scale_ms(cum[n], unit)), int(scale_ms(flat[n], unit))]})
    return {
        "sample_type": [("cum", unit), ("flat", unit)],
        "duration_nanos": p["duration_nanos"], "period_type": p["period_type"], "period": p["period"],
        "sample": samples, "location": out_locs, "function": out_funcs,
    }


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_testparse.py OUTDIR")
    out = sys.argv[1]
    built = {
        "cpu": cpu_profile(),
        "cpusmall": cpu_profile_small(),
        "heap": heap_profile(),
        "heap_alloc": heap_variant("heap_alloc"),
        "heap_request": heap_variant("heap_request"),
        "heap_sizetags": heap_variant("heap_sizetags"),
        "heap_tags": heap_variant("heap_tags"),
        "contention": contention_profile(),
        "long_name_funcs": long_name_funcs_profile(),
        "symbolz": symz_profile(),
    }
    for name, p in built.items():
        write(os.path.join(out, "source", name + ".pb.gz"), p)
        write(os.path.join(out, name + ".pb.gz"), demangled(p))
    write(os.path.join(out, "cpu.topproto.pb.gz"), cpu_topproto())
    write(os.path.join(out, "report_source.pb.gz"), report_test_profile())


if __name__ == "__main__":
    main()
