#!/usr/bin/env python3
"""Hostile class 8 (issue #12): what reaches graphviz.

Usage: scripts/hostile/gen_dot.py OUTDIR

-svg (and -png, -pdf: they run dot) and -dot on names over graphviz's 16 KB quoted-string limit,
on thousands of nodes, and on labels carrying quotes, backslashes, newlines, NULs, braces and
HTML-ish text. dot may fail or exit early: that must never kill us by SIGPIPE; dot's own error
is reported as one line and exit 1, or the labels are shortened so dot succeeds. -dot text is
pprof's where pprof writes it (pprof_same), and -output files are written or refused cleanly.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pbwrite  # noqa: E402


def profile(path, names, labels=()):
    """One sample per name under main, values growing so every node survives the cut."""
    p = pbwrite.Profile([("samples", "count"), ("cpu", "nanoseconds")],
                        period_type=("cpu", "nanoseconds"), period=10000000)
    root = p.location([(p.function("main", filename="main.go"), 1)], address=0x1000)
    for i, name in enumerate(names):
        f = p.function(name, filename="dot/%d.go" % (i % 5), start_line=i + 1)
        loc = p.location([(f, i + 2)], address=0x2000 + 16 * i)
        p.sample([loc, root], [i + 1, 10000000 * (i + 1)], labels=labels)
    p.write(path)


def main():
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)
    case = lambda name, *a, **k: pbwrite.write_case(out, name, *a, **k)

    profiles = {
        # Over graphviz's 16,384-byte quoted string, one node and several.
        "long1": ["pkg." + "x" * 20000],
        "long5": ["pkg%d.%s" % (i, "y" * (16380 + i)) for i in range(5)],
        "long1m": ["pkg." + "z" * (1 << 19)],
        # Every character dot's lexer or record shapes care about.
        "quotes": ['a"b', 'c\\"d', 'e\\', '"', '\\\\"', 'f"g"h"'],
        "newlines": ["a\nb", "c\r\nd", "\n", "e\\nf", "g\\lh"],
        "nuls": ["a\x00b", "\x00", "c\x00\x00d"],
        "syntax": ["{a|b}", "<b>html</b>", "a;b", "a]b[", "a->b", "digraph { x }", "}}}", "a -- b"],
        "nonutf8": [b"a\xff\xfeb", "\u202eevil", "\u0085x", b"\xc0\x80"],
        # Many nodes: -nodecount=0 hands dot all of them.
        "many": ["many.f%d" % i for i in range(5000)],
    }
    for name, names in sorted(profiles.items()):
        pb = "{dir}/%s.pb.gz" % name
        profile(os.path.join(out, name + ".pb.gz"), names)
        big = name in ("long1m", "many")
        case(name + "-dot", ["-dot", pb], "ok", pprof_same=not big)
        case(name + "-dot-nodecount0", ["-dot", "-nodecount=0", pb], "ok", pprof_same=not big)
        for fmt in ("svg", "png", "pdf"):
            # Binary formats go to a file; the SVG also to stdout.
            case("%s-%s-file" % (name, fmt), ["-" + fmt, "-output={dir}/%s.%s" % (name, fmt), pb],
                 "either", max_seconds=10)
        case(name + "-svg", ["-svg", pb], "either")
        case(name + "-svg-nodecount0", ["-svg", "-nodecount=0", pb], "either")
        case(name + "-dot-labels", ["-dot", "-tagfocus=worker=w", pb], "ok")

    # Labels and tag values that are themselves hostile, shown in the dot tag nodes.
    tag_names = ['q"uote', "new\nline", "nul\x00", "x" * 17000]
    profile(os.path.join(out, "tags.pb.gz"), ["tags.f%d" % i for i in range(4)],
            labels=[("k", v) for v in tag_names] + [(v, "v") for v in tag_names])
    case("tags-dot", ["-dot", "{dir}/tags.pb.gz"], "ok", pprof_same=True)
    case("tags-svg", ["-svg", "{dir}/tags.pb.gz"], "either")


if __name__ == "__main__":
    main()
