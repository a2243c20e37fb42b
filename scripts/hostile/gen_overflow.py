#!/usr/bin/env python3
"""Hostile class 1 (issue #12): profile numbers at the edges of int64.

Usage: scripts/hostile/gen_overflow.py OUTDIR

Sample values, counts, label numbers, line numbers, addresses, mapping ranges, time, duration
and period near Int64.min/Int64.max, run through every report that adds, negates, divides or
scales them (-mean divides Int64.min by a count of -1; -list and the Source pane build line
ranges around Int64.max). pprof computes in Go's wrapping int64 arithmetic, so it succeeds on
all of these: every case must exit 0 with pprof's bytes (pprof_same), except where noted.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pbwrite  # noqa: E402

MIN = -(1 << 63)
MAX = (1 << 63) - 1


def values_profile(path):
    """Two sample types (count, cpu ns): counts of -1 and 0 next to values at both edges."""
    p = pbwrite.Profile([("samples", "count"), ("cpu", "nanoseconds")], period_type=("cpu", "nanoseconds"),
                        period=MIN)
    main = p.function("main.main", filename="main.go", start_line=MIN)
    work = p.function("main.work", filename="work.go", start_line=MAX)
    leaf = p.function("main.leaf", filename="leaf.go", start_line=-1)
    l1 = p.location([(main, 10)], address=0x1000)
    l2 = p.location([(leaf, 30), (work, 20)], address=0x2000)
    l3 = p.location([(leaf, 31)], address=0x3000)
    p.sample([l2, l1], [-1, MIN], [("bytes", MIN, "bytes"), ("thread", "t1")])
    p.sample([l3, l1], [1, MAX], [("bytes", MAX, "bytes"), ("lat", MIN, "ns")])
    p.sample([l2, l1], [-1, MAX], [("lat", MAX, "ns"), ("n", -1, "")])
    p.sample([l3, l2, l1], [MIN, -1], [("n", MIN, "")])
    p.sample([l3], [MAX, MIN], [("bytes", -1, "bytes")])
    p.sample([l1], [0, MIN])
    p.time_nanos = MIN
    p.duration_nanos = MIN
    p.write(path)


def single_min_profile(path):
    """One sample: count -1, value Int64.min (Go: MinInt64 / -1 == MinInt64)."""
    p = pbwrite.Profile([("samples", "count"), ("alloc_space", "bytes")])
    f = p.function("main.alloc", filename="alloc.go")
    loc = p.location([(f, 5)], address=0x4000)
    p.sample([loc], [-1, MIN])
    p.time_nanos = MAX
    p.duration_nanos = MAX
    p.write(path)


def lines_profile(path):
    """Line and start-line numbers at both edges, in a file that exists (for -list)."""
    p = pbwrite.Profile([("samples", "count"), ("cpu", "nanoseconds")])
    fa = p.function("main.top", filename="src.go", start_line=MAX)
    fb = p.function("main.bottom", filename="src.go", start_line=MIN)
    fc = p.function("main.mid", filename="src.go", start_line=3)
    la = p.location([(fa, MAX)], address=0x1000)
    lb = p.location([(fb, MIN)], address=0x2000)
    lc = p.location([(fc, MAX - 1), (fa, MIN + 1)], address=0x3000)
    ld = p.location([(fc, 2)], address=0x4000)
    le = p.location([(fc, -1)], address=0x5000)
    p.sample([la, lb], [3, 300])
    p.sample([lc, lb], [2, 200])
    p.sample([ld, la], [1, 100])
    p.sample([le, lc], [1, 50])
    p.write(path)


def addresses_profile(path):
    """Mappings at the top of the address space, one inverted, offsets that wrap."""
    p = pbwrite.Profile([("samples", "count")])
    hi = p.mapping(0xFFFFFFFFFFFFF000, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFF000, "/bin/hi", "b1")
    inv = p.mapping(0x9000, 0x1000, 0xFFFFFFFFFFFFFFFF, "/bin/inverted", "b2")
    f = p.function("main.f", filename="f.go")
    g = p.function("main.g", filename="g.go")
    l1 = p.location([(f, 1)], address=0xFFFFFFFFFFFFFFFF, mapping_id=hi)
    l2 = p.location([(g, 2)], address=0xFFFFFFFFFFFFF000, mapping_id=hi)
    l3 = p.location([], address=0x5000, mapping_id=inv)
    l4 = p.location([], address=0xFFFFFFFFFFFFFFFE, mapping_id=hi)
    p.sample([l1, l2], [MAX])
    p.sample([l3, l4, l2], [MIN])
    p.sample([l4], [-1])
    p.write(path)


def font_profile(path):
    """A leaf whose flat is Int64.min next to a positive one: Go's abs keeps it negative, so
    the DOT font size takes the root of a negative number (NaN, which Go converts to MinInt64)."""
    p = pbwrite.Profile([("samples", "count")])
    a = p.location([(p.function("main.a", filename="a.go"), 1)], address=0x1000)
    b = p.location([(p.function("main.b", filename="b.go"), 2)], address=0x2000)
    p.sample([a], [MIN])
    p.sample([b], [5])
    p.write(path)


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)

    def case(name, args, expect="ok", pprof_same=True, **extra):
        pbwrite.write_case(outdir, name, args, expect, max_seconds=10, max_rss_mib=1024, pprof_same=pprof_same,
                           **extra)

    values_profile(os.path.join(outdir, "values.pb.gz"))
    single_min_profile(os.path.join(outdir, "minmean.pb.gz"))
    lines_profile(os.path.join(outdir, "lines.pb.gz"))
    addresses_profile(os.path.join(outdir, "addrs.pb.gz"))
    font_profile(os.path.join(outdir, "font.pb.gz"))
    with open(os.path.join(outdir, "src.go"), "w") as f:
        f.write("package main\n\nfunc mid() {\n\tbottom()\n}\n")

    v = "{dir}/values.pb.gz"
    for idx in ("0", "1"):
        for mean in ([], ["-mean"]):
            tag = "mean-" if mean else ""
            for report in ("-top", "-traces", "-tree", "-peek=.", "-raw", "-tags", "-callgrind", "-collapsed",
                           "-dot"):
                name = "values-%ssi%s%s" % (tag, idx, report.split("=")[0])
                # Not pprof commands: no pprof output to compare with. -tags: pprof orders values
                # that tie under its wrapping abs (MinInt64 against MaxInt64) in map order, so its
                # own output differs from run to run (seen in the replay).
                ours_only = report in ("-collapsed", "-tags")
                case(name, mean + ["-sample_index=" + idx, report, v], pprof_same=not ours_only)
    case("values-mean-flame_svg", ["-mean", "-sample_index=1", "-flame_svg", "-output={dir}/out.svg", v],
         pprof_same=False)
    for unit in ("ns", "hrs", "auto", "B", "widgets"):
        case("values-unit-" + unit, ["-sample_index=1", "-unit=" + unit, "-top", v])
    for div in ("1e-300", "-1", "3", "1e300", "-1e-300"):
        case("values-divide_by" + div, ["-sample_index=1", "-divide_by=" + div, "-top", v])
        case("values-mean-divide_by" + div, ["-mean", "-sample_index=1", "-divide_by=" + div, "-traces", v])
    case("values-lines", ["-sample_index=1", "-lines", "-top", v])
    case("values-addresses", ["-sample_index=1", "-addresses", "-top", v])
    case("values-cum", ["-sample_index=1", "-cum", "-top", v])
    case("values-nodefraction", ["-sample_index=1", "-nodefraction=0.5", "-edgefraction=0.5", "-top", v])
    case("values-tagfocus", ["-sample_index=1", "-tagfocus=bytes=-9223372036854775808:", "-top", v])
    case("values-tagfocus-range", ["-sample_index=1", "-tagfocus=lat=-1ns:1ns", "-traces", v])
    case("values-base", ["-sample_index=1", "-base=" + v, "-top", v])
    case("values-diff_base", ["-sample_index=1", "-diff_base=" + v, "-top", v])
    case("values-normalize", ["-sample_index=1", "-normalize", "-base=" + v, "-top", v])
    case("values-relative", ["-sample_index=1", "-relative_percentages", "-focus=leaf", "-top", v])

    m = "{dir}/minmean.pb.gz"
    for report in ("-top", "-traces", "-tree", "-raw", "-callgrind", "-dot"):
        case("minmean-mean" + report, ["-mean", "-sample_index=1", report, m])
    case("minmean-mean-unit", ["-mean", "-sample_index=1", "-unit=kB", "-top", m])

    ln = "{dir}/lines.pb.gz"
    for report in ("-top", "-traces", "-tree", "-raw", "-callgrind", "-dot"):
        case("lines" + report, ["-lines", report, ln])
    case("lines-list", ["-list=.", "-source_path={dir}", ln])
    case("lines-list-mid", ["-list=main.mid", "-source_path={dir}", ln])
    case("lines-list-nosource", ["-list=.", "-source_path={dir}/nowhere", ln])
    case("lines-collapsed", ["-lines", "-collapsed", ln], pprof_same=False)
    case("lines-flame_svg", ["-lines", "-flame_svg", "-output={dir}/lines.svg", ln], pprof_same=False)

    for report in ("-dot", "-top", "-tree"):
        case("font-nofraction" + report, ["-nodefraction=0", "-edgefraction=0", "-nodecount=0", report, "{dir}/font.pb.gz"])

    a = "{dir}/addrs.pb.gz"
    for report in ("-top", "-traces", "-raw", "-callgrind", "-tree"):
        case("addrs" + report, ["-addresses", report, a])
    case("addrs-functions-top", ["-top", a])


if __name__ == "__main__":
    main()
