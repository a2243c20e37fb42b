#!/usr/bin/env python3
"""Hostile class 2 (issue #12): C++ and Rust symbol names nested far deeper than real code,
as function names (name == system name, so pprof's symbolizer demangles them). The demanglers
recurse per level, as upstream's do; they must never overflow the stack, must stay linear in
the depth (each case < 10 s at 50,000 levels), and names pprof (Go 1.19, which grows its stack
to 1 GB and has no depth limit, so it demangles all of these) demangles must come out identical.
pprof's own demangler is quadratic (it scans lists of visited and printing nodes): it needs
25 s to minutes from 20,000 levels on, so those depths check our text against the expected
demangling (stdout_contains) instead of running pprof.
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


def funcptrs(n):
    """f(void (*)(void (*)(...(int)))): n nested function-pointer parameter types (the printer's
    inside-out declarator path)."""
    return "_Z1f" + "PFv" * n + "i" + "E" * n


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

    kinds = (("qualified", qualified), ("pointers", pointers), ("templates", templates),
             ("funcptrs", funcptrs), ("rustv0", rust_v0), ("rustlegacy", rust_legacy))
    # What each kind demangles to: in pprof's default mode (no parameters, no template
    # arguments) and with -symbolize=demangle=full.
    short = {"qualified": lambda n: "foo::" * (n - 1) + "foo", "pointers": lambda n: "f",
             "templates": lambda n: "f", "funcptrs": lambda n: "f",
             "rustv0": lambda n: "crate" + "::m" * n, "rustlegacy": lambda n: "crate" + "::m" * n}
    full = {"pointers": lambda n: "f(int" + "*" * n + ")",
            "templates": lambda n: "void f<" + "a<" * n + "int" + ">" + " >" * n + "()",
            "funcptrs": lambda n: "f(" + "void (*)(" * n + "int" + ")" * (n + 1)}
    for n in (200, 1000, 5000, 20000, 50000):
        # pprof (quadratic) is compared up to 5,000 levels (~2.5 s there).
        same = n <= 5000
        for kind, make in kinds:
            name = "%s-%d" % (kind, n)
            profile([make(n)]).write(os.path.join(out, name + ".pb.gz"))
            extra = {} if same else {"stdout_contains": "  " + short[kind](n) + "\n"}
            case(name + "-top", ["-top", "{dir}/%s.pb.gz" % name], "ok", pprof_same=same, **extra)
            if kind in full:
                extra = {} if same else {"stdout_contains": "  " + full[kind](n) + "\n"}
                case(name + "-full", ["-top", "-symbolize=demangle=full", "{dir}/%s.pb.gz" % name], "ok",
                     pprof_same=same, **extra)

    # Many long names in one profile: one demangling thread for all of them.
    many = [qualified(60 + i % 40) for i in range(3000)] + [templates(30 + i % 20) for i in range(1000)]
    profile(many).write(os.path.join(out, "many.pb.gz"))
    case("many-top", ["-top", "-nodecount=20", "{dir}/many.pb.gz"], "ok", pprof_same=True)


if __name__ == "__main__":
    main()
