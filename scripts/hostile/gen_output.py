#!/usr/bin/env python3
"""Hostile class 7 (issue #12): output that cannot be written.

Usage: scripts/hostile/gen_output.py OUTDIR

Every report, written to stdout on /dev/full or a closed stdout, or with -output into a missing
directory, onto a directory, or under a read-only path, must exit 1 with pprof's one-line
message (`write /dev/stdout: no space left on device`, `open ...: no such file or directory`),
never 0 with the output lost, never a trap. Reports small enough to fit a pipe buffer are
included: a write error must be caught at the flush too, not only while writing.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pbwrite  # noqa: E402


def profile(path, n):
    """n functions called from main (labelled, for -tags), so the reports are n lines or more."""
    p = pbwrite.Profile([("samples", "count"), ("cpu", "nanoseconds")],
                        period_type=("cpu", "nanoseconds"), period=10000000)
    root = p.location([(p.function("main", filename="main.go"), 1)], address=0x1000)
    for i in range(n):
        f = p.function("out.f%d" % i, filename="out/f.go", start_line=i + 1)
        loc = p.location([(f, i + 2)], address=0x2000 + 16 * i)
        p.sample([loc, root], [i + 1, 10000000 * (i + 1)], labels=[("worker", "w%d" % (i % 7))])
    p.write(path)


def main():
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)
    case = lambda name, *a, **k: pbwrite.write_case(out, name, *a, **k)
    profile(os.path.join(out, "small.pb.gz"), 3)
    profile(os.path.join(out, "large.pb.gz"), 5000)
    readonly = os.path.join(out, "readonly")
    os.makedirs(readonly, exist_ok=True)
    os.chmod(readonly, 0o555)

    reports = {
        "top": ["-top"], "traces": ["-traces"], "tree": ["-tree"], "dot": ["-dot"],
        "callgrind": ["-callgrind"], "raw": ["-raw"], "tags": ["-tags"], "text": ["-text"],
        "proto": ["-proto"], "svg": ["-svg"], "collapsed": ["-collapsed"],
        "list": ["-list=out\\.f1$"],
    }
    no_space = "no space left on device"
    for size in ("small", "large"):
        pb = "{dir}/%s.pb.gz" % size
        for name, flags in sorted(reports.items()):
            binary = name == "proto"
            case("%s-%s-devfull" % (name, size), flags + [pb], "error", stdout="devfull",
                 stderr_re=no_space, stdout_binary=binary)
            case("%s-%s-closed" % (name, size), flags + [pb], "error", stdout="closed",
                 stderr_re="bad file descriptor|closed|write", stdout_binary=binary)
    # -output: into a directory that does not exist, onto a directory, under a read-only one
    # (root may still write there: either), and to /dev/full.
    for name, flags in sorted(reports.items()):
        pb = "{dir}/small.pb.gz"
        case("%s-output-missing-dir" % name, flags + ["-output={dir}/nodir/x.out", pb], "error",
             stderr_re="no such file or directory")
        case("%s-output-onto-dir" % name, flags + ["-output={dir}", pb], "error",
             stderr_re="is a directory")
        case("%s-output-readonly" % name, flags + ["-output={dir}/readonly/x.out", pb], "either")
        case("%s-output-devfull" % name, flags + ["-output=/dev/full", pb], "error",
             stderr_re=no_space)
    # The shell: a command's output lost on /dev/full ends the session with the error.
    case("shell-top-devfull", ["{dir}/large.pb.gz"], "error", stdout="devfull", stdin="top\nquit\n",
         stderr_re=no_space)


if __name__ == "__main__":
    main()
