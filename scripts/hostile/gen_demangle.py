#!/usr/bin/env python3
"""Hostile class 2 (issue #12): C++ and Rust symbol names nested far deeper than real code,
as function names (name == system name, so pprof's symbolizer demangles them). The demanglers
recurse per level, as upstream's do; they must never overflow the stack, and names pprof
(Go 1.19, which grows its stack to 1 GB) demangles must come out identical.
Usage: gen_demangle.py OUTDIR"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pbwrite  # noqa: E402


def profile(names):
    """One sample per name, each in its own two-frame stack under main."""
    p = pbwrite.Profile([("samples", "count"), ("cpu", "nanoseconds")],
                        period_type=("cpu", "nanoseconds"), period=10000000)
    root = p.function("main", filename="main.cc")
    root_loc = p.location([(root, 1)], address=0x1000)
    for i, name in enumerate(names):
        f = p.function(name, filename="deep.cc", start_line=i + 1)
        loc = p.location([(f, i + 2)], address=0x2000 + 16 * i)
        p.sample([loc, root_loc], [i + 1, 10000000 * (i + 1)])
    return p


def qualified(n):
    """_ZN3foo...3fooE: a left-deep chain of n qualified names (parsed in a loop, printed and
    freed recursively)."""
    return "_ZN" + "3foo" * n + "E"


def pointers(n):
    """f(int**...*): n nested pointer types (parsed recursively)."""
    return "_Z1f" + "P" * n + "i"


def templates(n):
    """a<a<...<int>...>>: n nested template argument lists."""
    return "_Z1fI" + "N1aI" * n + "i" + "EE" * n + "Evv"


def rust_v0(n):
    """crate::m::m::...::m as a v0 path n deep (recursive in both demanglers)."""
    return "_R" + "Nv" * n + "C5crate" + "1m" * n


def rust_legacy(n):
    """Legacy Rust: _ZN + n identifiers + 17h<hash>E."""
    return "_ZN" + "5crate" + "1m" * n + "17h0123456789abcdefE"


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    case = lambda name, *a, **k: pbwrite.write_case(out, name, *a, **k)

    # Depths pprof demangles; the output must be pprof's, character for character.
    # Deeper names (5,000..50,000) are not here yet: both pprof and pprof-tui take tens of
    # seconds on them (quadratic printing/parsing), see the report of issue #12 class 2.
    for n in (200, 1000):
        for kind, make in (("qualified", qualified), ("pointers", pointers), ("templates", templates),
                           ("rustv0", rust_v0), ("rustlegacy", rust_legacy)):
            name = "%s-%d" % (kind, n)
            profile([make(n)]).write(os.path.join(out, name + ".pb.gz"))
            case(name + "-top", ["-top", "{dir}/%s.pb.gz" % name], "ok", pprof_same=True)
        full = "pointers-full-%d" % n
        profile([pointers(n)]).write(os.path.join(out, full + ".pb.gz"))
        case(full, ["-top", "-symbolize=demangle=full", "{dir}/%s.pb.gz" % full], "ok", pprof_same=True)

    # Many long names in one profile: one demangling thread for all of them.
    many = [qualified(60 + i % 40) for i in range(3000)] + [templates(30 + i % 20) for i in range(1000)]
    profile(many).write(os.path.join(out, "many.pb.gz"))
    case("many-top", ["-top", "-nodecount=20", "{dir}/many.pb.gz"], "ok", pprof_same=True)


if __name__ == "__main__":
    main()
