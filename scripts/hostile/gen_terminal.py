#!/usr/bin/env python3
"""Hostile class 9 (issue #12): terminal control bytes in every string a profile carries.

Usage: scripts/hostile/gen_terminal.py OUTDIR

ESC sequences (CSI, OSC title and hyperlink, DCS), BEL, BS, CR, DEL, raw C1 bytes (0x9b CSI,
0x9d OSC: invalid UTF-8 alone) and UTF-8-encoded C1 (U+009B) go into function and system names,
file names, label keys and values, numeric label units, sample types and units, the period
type, comments, drop_frames/keep_frames, mapping file names and build ids. Every report, the
line-mode shell's greeting (it prints labels and comments), its errors and its commands must
print them escaped: replay.py fails any case whose stdout or stderr carries a control byte.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pbwrite  # noqa: E402

NASTY = [
    b"\x1b[2J\x1b[H",            # clear screen, cursor home
    b"\x1b]0;owned\x07",         # OSC: window title, BEL-terminated
    b"\x1b]8;;http://x\x1b\\",   # OSC 8 hyperlink, ST-terminated
    b"\x1bP+q\x1b\\",            # DCS request
    b"\x07\x08\x08\r\x7f",       # BEL, BS, CR, DEL
    b"\x9b31m\x9d0;t\x07",       # raw C1 CSI / OSC (invalid UTF-8)
    "\u009b31m\u0085\u009c".encode(),  # C1 encoded as UTF-8
    b"\x1b",                     # a lone ESC at the end
]


def nasty(i, what):
    """A printable prefix, so the report still has a name to sort by, then a control run."""
    return ("%s%d" % (what, i)).encode() + NASTY[i % len(NASTY)] + b"end"


def build(path, where):
    """A profile whose strings of kind `where` are hostile (all kinds when where == "all")."""
    on = lambda kind: where in (kind, "all")
    st = [(nasty(0, "type") if on("types") else "samples", nasty(1, "unit") if on("types") else "count"),
          ("cpu", "nanoseconds")]
    p = pbwrite.Profile(st, period_type=(nasty(2, "ptype") if on("types") else "cpu",
                                         nasty(3, "punit") if on("types") else "nanoseconds"),
                        period=10000000)
    mapping = p.mapping(0x1000, 0x100000, filename=nasty(4, "/bin/map") if on("mappings") else "/bin/app",
                        build_id=nasty(5, "bid") if on("mappings") else "abc")
    root = p.location([(p.function("main", filename="main.go"), 1)], address=0x1000, mapping_id=mapping)
    for i in range(8):
        name = nasty(i, "pkg.f") if on("names") else ("pkg.f%d" % i).encode()
        system = nasty(i + 1, "sys.f") if on("system") else name
        filename = nasty(i, "src/f") if on("files") else ("src/f%d.go" % i).encode()
        f = p.function(name, system_name=system, filename=filename, start_line=i + 1)
        loc = p.location([(f, i + 2)], address=0x2000 + 16 * i, mapping_id=mapping)
        labels = []
        if on("labels"):
            labels = [(nasty(i, "key"), nasty(i + 3, "val")), (nasty(i + 1, "num"), i + 1, nasty(i + 2, "u"))]
        p.sample([loc, root], [i + 1, 10000000 * (i + 1)], labels=labels)
    if on("comments"):
        for i in range(3):
            p.comment(nasty(i, "comment"))
    if on("frames"):
        p.drop_frames = p.s(nasty(6, "drop"))
        p.keep_frames = p.s(nasty(7, "keep"))
    p.write(path)


def main():
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)
    case = lambda name, *a, **k: pbwrite.write_case(out, name, *a, **k)
    kinds = ("names", "system", "files", "labels", "types", "comments", "frames", "mappings", "all")
    reports = {
        "top": ["-top"], "traces": ["-traces"], "tree": ["-tree"], "peek": ["-peek=."], "dot": ["-dot"],
        "callgrind": ["-callgrind"], "raw": ["-raw"], "tags": ["-tags"], "collapsed": ["-collapsed"],
        "list": ["-list=."], "disasm": ["-disasm=."], "comments": ["-comments"], "text": ["-text", "-lines"],
        "addresses": ["-top", "-addresses"], "orig": ["-top", "-symbolize=none"],
        "files": ["-top", "-files"], "filefunctions": ["-top", "-filefunctions"],
        "svg": ["-svg"], "flame": ["-flame_svg", "-output={dir}/flame.svg"],
        "tagfocus": ["-top", "-tagfocus=nomatch=1"], "focus": ["-top", "-focus=end"],
        "showfrom": ["-traces", "-show_from=f"], "mean": ["-top", "-mean"],
        "unit": ["-top", "-sample_index=1", "-unit=ms"],
    }
    # The shell: its greeting (labels, comments), commands and their errors.
    shell = ("top\ntags\ncomments\ntraces\nlist .\nsample_index=0\nfocus=\\x1b\nnosuchcmd\x1b[2J\n"
             "top -\x1b]0;t\x07\nfocus=\x9b[\nsample_index=\x1b[31m\nquit\n")
    for kind in kinds:
        pb = "{dir}/%s.pb.gz" % kind
        build(os.path.join(out, kind + ".pb.gz"), kind)
        for name, flags in sorted(reports.items()):
            case("%s-%s" % (kind, name), flags + [pb], "either")
        case(kind + "-shell", [pb], "ok", stdin=shell)
        # Command-line errors that quote a profile string (sample index by a hostile name).
        case(kind + "-bad-index", ["-top", "-sample_index=\x1b[2J", pb], "error")
    # Hostile text in the arguments themselves reaches error messages.
    case("arg-bad-flag", ["-\x1b[2Jtop", "{dir}/names.pb.gz"], "error")
    case("arg-bad-file", ["-top", "{dir}/\x1b]0;t\x07missing.pb.gz"], "error")
    case("arg-bad-regex", ["-top", "-focus=(\x1b[31m", "{dir}/names.pb.gz"], "error")


if __name__ == "__main__":
    main()
