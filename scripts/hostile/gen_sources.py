#!/usr/bin/env python3
"""Hostile class 6 (issue #12): source files a profile names that are not ordinary text.

Usage: scripts/hostile/gen_sources.py OUTDIR

A profile's function names a file; `-list` (and the shell's `list`) reads it. Here the file is
/dev/zero (endless), /dev/urandom (endless, binary), a FIFO nobody writes (open would block), a
2 GiB sparse file, a file with a 100 MB line, a directory, an unreadable file (mode 000; root
reads it anyway, so the case accepts either outcome). Every case must end in time and memory:
the listing with its truncation note, the lines before an over-long line, or a one-line error.
The FIFO, the sparse file and the long line are made here at replay time (not committed).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pbwrite  # noqa: E402


def profile(path, filename, first=1):
    """main -> src.f, src.f's lines first..first+4 sampled, in `filename`."""
    p = pbwrite.Profile([("samples", "count")])
    main = p.function("main", filename="main.go")
    f = p.function("src.f", filename=filename, start_line=first)
    root = p.location([(main, 3)], address=0x1000)
    for line in range(first, first + 5):
        loc = p.location([(f, line)], address=0x2000 + 16 * line)
        p.sample([loc, root], [line])
    p.write(path)


def main():
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)
    case = lambda name, *a, **k: pbwrite.write_case(out, name, *a, **k)

    fifo = os.path.join(out, "fifo.go")
    if os.path.exists(fifo):
        os.remove(fifo)
    os.mkfifo(fifo)

    sparse = os.path.join(out, "sparse.go")
    with open(sparse, "wb") as f:
        f.write(b"package src\n\nfunc f() {\n\tfor {\n\t}\n}\n")
        f.truncate(2 << 30)

    # Five short lines, then one line of 100 MB (NULs, sparse: nothing written to disk).
    longline = os.path.join(out, "longline.go")
    with open(longline, "wb") as f:
        f.write(b"package src\nfunc f() {\n\tx := 1\n\t_ = x\n}\n")
        f.seek(100 << 20, 1)
        f.write(b"\nafter\n")

    # 72 MiB of short lines: past the 64 MiB read cap, so the listing carries the note.
    big = os.path.join(out, "big.go")
    with open(big, "wb") as f:
        f.write(b"package src\nfunc f() {\n\tx := 1\n\t_ = x\n}\n" + b"//\n" * (24 << 20))

    directory = os.path.join(out, "dir.go")
    os.makedirs(directory, exist_ok=True)

    unreadable = os.path.join(out, "unreadable.go")
    with open(unreadable, "wb") as f:
        f.write(b"package src\nfunc f() {}\n")
    os.chmod(unreadable, 0)

    targets = {
        "devzero": ("/dev/zero", "either"),
        "urandom": ("/dev/urandom", "either"),
        "fifo": (fifo, "either"),
        "sparse": (sparse, "ok"),
        "longline": (longline, "ok"),
        "big": (big, "ok"),
        "directory": (directory, "either"),
        "unreadable": (unreadable, "either"),
        "missing": (os.path.join(out, "missing.go"), "either"),
    }
    for name, (filename, expect) in sorted(targets.items()):
        pb = "%s.pb.gz" % name
        profile(os.path.join(out, pb), filename)
        # pprof itself hangs on the FIFO and /dev/urandom and allocates without end on
        # /dev/zero; on the others our listing is pprof's (plus the documented note).
        same = name in ("longline", "directory", "missing")
        case(name + "-list", ["-list=src\\.f", "{dir}/" + pb], expect, pprof_same=same)
        case(name + "-list-lines", ["-lines", "-list=src\\.f", "{dir}/" + pb], expect)
        # The line-mode shell's list: its errors stay one line and the shell goes on.
        case(name + "-shell-list", ["{dir}/" + pb], "ok", stdin="list src.f\ntop\nquit\n")
    # Lines past the read cap: listed as missing, with the note that says why.
    profile(os.path.join(out, "bigtail.pb.gz"), big, first=(24 << 20) - 2)
    case("bigtail-list", ["-list=src\\.f", "{dir}/bigtail.pb.gz"], "ok",
         stdout_contains=" Note: only the first 64 MiB of ")


if __name__ == "__main__":
    main()
