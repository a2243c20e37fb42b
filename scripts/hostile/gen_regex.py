#!/usr/bin/env python3
"""Hostile class 4 (issue #12): huge and deeply nested regular expressions as -focus, -ignore
and -show on a profile with deep stacks. Matching must stay linear in input x program with
match state made once per regex; Go's parser limits (maxHeight 1000, maxSize, maxRunes) must
accept and refuse exactly what Go 1.19 does, with its messages. Usage: gen_regex.py OUTDIR"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pbwrite  # noqa: E402


def deep_profile():
    """400 samples, each a 300-frame stack over 2,000 distinct functions."""
    p = pbwrite.Profile([("samples", "count"), ("cpu", "nanoseconds")],
                        period_type=("cpu", "nanoseconds"), period=10000000)
    funcs = [p.function("pkg%d.func%d" % (i % 37, i), filename="f%d.go" % (i % 50)) for i in range(2000)]
    locs = [p.location([(f, 10 + i % 90)], address=0x1000 + 16 * i) for i, f in enumerate(funcs)]
    for s in range(400):
        stack = [locs[(s * 7 + k * 13) % len(locs)] for k in range(300)]
        p.sample(stack, [1 + s % 5, 10000000 * (1 + s % 5)])
    return p


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    case = lambda name, *a, **k: pbwrite.write_case(out, name, *a, **k)
    deep_profile().write(os.path.join(out, "deep.pb.gz"))
    prof = "{dir}/deep.pb.gz"

    # A 33 KB alternation of names (what a pasted function list looks like).
    names = "|".join("pkg%d\\.func%d$" % (i % 37, i) for i in range(0, 6000, 3))
    alt = "(?:" + names + ")"
    for opt in ("focus", "ignore", "show"):
        case("alternation-" + opt, ["-top", "-nodecount=10", "-%s=%s" % (opt, alt), prof], "ok", pprof_same=True)

    # Nesting: Go accepts 999 groups around a word and refuses 1000.
    ok = "(" * 999 + "func1" + ")" * 999
    case("nest-999", ["-top", "-nodecount=5", "-focus=" + ok, prof], "ok", pprof_same=True)
    bad = "(" * 1000 + "func1" + ")" * 1000
    case("nest-1000", ["-top", "-focus=" + bad, prof], "error", stderr_re="expression nests too deeply")


if __name__ == "__main__":
    main()
