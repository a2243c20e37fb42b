#!/usr/bin/env python3
"""Smoke cases for the hostile replay harness itself (scripts/hostile/replay.py): a tiny valid
profile (report, shell on stdin, pprof's output), malformed files refused with one line, names
carrying terminal escapes, and the stdout modes. Usage: gen_smoke.py OUTDIR"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pbwrite  # noqa: E402


def tiny(names=("main.main", "main.work")):
    p = pbwrite.Profile([("samples", "count"), ("cpu", "nanoseconds")],
                        period_type=("cpu", "nanoseconds"), period=10000000)
    funcs = [p.function(n, filename="main.go", start_line=10 * (i + 1)) for i, n in enumerate(names)]
    locs = [p.location([(f, 10 * (i + 1) + 2)], address=0x1000 + i) for i, f in enumerate(funcs)]
    p.sample(locs[::-1], [3, 30000000])
    p.sample(locs[:1], [1, 10000000])
    return p


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    case = lambda name, *a, **k: pbwrite.write_case(out, name, *a, **k)

    tiny().write(os.path.join(out, "tiny.pb.gz"))
    case("top", ["-top", "{dir}/tiny.pb.gz"], "ok", pprof_same=True)
    case("shell-stdin", ["{dir}/tiny.pb.gz"], "ok", stdin="top\ntraces\n", pprof_same=True)
    case("proto-stdout", ["-proto", "{dir}/tiny.pb.gz"], "ok", stdout_binary=True)

    pbwrite.write_file(os.path.join(out, "empty.pb.gz"), b"", compress=False)
    case("empty", ["-top", "{dir}/empty.pb.gz"], "error", stderr_re="empty|profile")
    whole = tiny().encode()
    pbwrite.write_file(os.path.join(out, "truncated-gzip.pb.gz"), pbwrite.gz(whole)[:-9], compress=False)
    case("truncated-gzip", ["-top", "{dir}/truncated-gzip.pb.gz"], "error")
    pbwrite.write_file(os.path.join(out, "truncated-proto.pb"), whole[: len(whole) // 2], compress=False)
    case("truncated-proto", ["-top", "{dir}/truncated-proto.pb"], "error")
    rnd = random.Random(12)
    pbwrite.write_file(os.path.join(out, "garbage.pb.gz"), bytes(rnd.randrange(256) for _ in range(4096)))
    case("garbage", ["-top", "{dir}/garbage.pb.gz"], "error")
    case("missing-file", ["-top", "{dir}/no-such-file.pb.gz"], "error", stderr_re="no-such-file")
    case("bad-flag", ["-no_such_flag", "{dir}/tiny.pb.gz"], "error", stderr_re="no_such_flag")

    # Names that would steer a terminal: printed escaped, so pprof's raw output is not the match.
    tiny(("main.\x1b[31mred\x07", "main.\x9b2J\x08\x7f")).write(os.path.join(out, "escapes.pb.gz"))
    for cmd in ("-top", "-traces", "-tags", "-raw"):
        case("escapes" + cmd, [cmd, "{dir}/escapes.pb.gz"], "ok")
    case("escapes-shell", ["{dir}/escapes.pb.gz"], "ok", stdin="top\npeek .\n")

    # Output that cannot be written: exit 0 or 1 (never a signal) until every write reports its
    # error; class 7's generator asserts the error itself.
    case("stdout-devfull", ["-top", "{dir}/tiny.pb.gz"], "either", stdout="devfull")
    case("stdout-closed", ["-top", "{dir}/tiny.pb.gz"], "either", stdout="closed")


if __name__ == "__main__":
    main()
