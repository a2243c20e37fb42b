#!/usr/bin/env python3
"""Writes address-only CPU profiles for the binaries scripts/build-binary-fixtures.sh built in
OUTDIR, with addresses taken from `nm` (so they land in the same instructions whatever the
compiler's layout): hot.pb.gz (non-PIE, with build ID), stripped.pb.gz (the stripped copy),
pie.pb.gz (a PIE mapped at an ASLR base), moved.pb.gz (no build ID, a file name that does not
exist: found through PPROF_BINARY_PATH by basename).

Usage: binary_profiles.py OUTDIR
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile"))
import pbwrite  # noqa: E402


def symbols(path):
    out = {}
    for line in subprocess.run(["nm", "--", path], check=True, capture_output=True, text=True).stdout.splitlines():
        f = line.split()
        if len(f) == 3:
            out[f[2]] = int(f[0], 16)
    return out


def instructions(path, start, stop):
    out = []
    text = subprocess.run(["objdump", "-d", "--no-show-raw-insn", "--start-address=%#x" % start,
                           "--stop-address=%#x" % stop, "--", path], check=True, capture_output=True, text=True).stdout
    for line in text.splitlines():
        head = line.split(":", 1)[0].strip()
        if line.startswith(" ") and head and all(c in "0123456789abcdef" for c in head):
            out.append(int(head, 16))
    return out


def build_id(path):
    text = subprocess.run(["readelf", "-n", "--", path], check=True, capture_output=True, text=True).stdout
    for line in text.splitlines():
        if "Build ID:" in line:
            return line.split("Build ID:")[1].strip()
    return ""


def make(path, binary, file, bid, start, limit, offset, bias):
    """Samples at fixed instruction indexes of work and after outer's two calls of work."""
    syms = symbols(binary)
    work = instructions(binary, syms["work"], syms["outer"])
    outer = instructions(binary, syms["outer"], syms["main"])
    main = instructions(binary, syms["main"], syms["main"] + 64)
    calls = [i + 1 for i, a in enumerate(outer[:-1]) if i + 1 < len(outer)]
    p = pbwrite.Profile([("samples", "count"), ("cpu", "nanoseconds")], period_type=("cpu", "nanoseconds"), period=10000000)
    m = p.mapping(start, limit, offset, filename=file, build_id=bid, symbolized=False)
    loc = {}

    def L(a):
        if a not in loc:
            loc[a] = p.location(address=a + bias, mapping_id=m)
        return loc[a]
    # the instructions after outer's calls: indexes 6 and 10 in this program (push*4, mov, call)
    o1, o2 = outer[6], outer[10]
    mn = main[calls[0] if False else 6]
    for w, o, v in [(work[6], o1, 30), (work[5], o1, 50), (work[9], o2, 20), (work[5], o2, 15), (work[7], o1, 3)]:
        p.sample([L(w), L(o), L(mn)], [v, v * 10000000])
    p.write(path)


def make_go(path, binary):
    """The Go program: samples in main.work and in main.outer (one at an address Go's line
    table knows only by function)."""
    syms = symbols(binary)
    work = instructions(binary, syms["main.work"], syms["main.outer"])
    outer = instructions(binary, syms["main.outer"], syms["main.main"])
    p = pbwrite.Profile([("samples", "count"), ("cpu", "nanoseconds")], period_type=("cpu", "nanoseconds"), period=10000000)
    m = p.mapping(0x400000, 0x482000, 0, filename=binary, symbolized=False)
    w1, w2, o1, o2 = (p.location(address=a, mapping_id=m) for a in (work[8], work[11], outer[9], outer[-3]))
    for locs, v in [([w1, o1], 30), ([w2, o2], 20), ([w1, o2], 7)]:
        p.sample(locs, [v, v * 10000000])
    p.write(path)


def main():
    d = os.path.abspath(sys.argv[1])
    hot = os.path.join(d, "hot")
    make(os.path.join(d, "hot.pb.gz"), hot, hot, build_id(hot), 0x401000, 0x402000, 0x1000, 0)
    make(os.path.join(d, "stripped.pb.gz"), hot, os.path.join(d, "hot_stripped"), "", 0x401000, 0x402000, 0x1000, 0)
    make(os.path.join(d, "moved.pb.gz"), hot, "/nonexistent/dir/hot", "", 0x401000, 0x402000, 0x1000, 0)
    gohot = os.path.join(d, "gohot")
    if os.path.exists(gohot):
        make_go(os.path.join(d, "gohot.pb.gz"), gohot)
    pie = os.path.join(d, "hot_pie")
    base = 0x555555554000
    make(os.path.join(d, "pie.pb.gz"), pie, pie, build_id(pie), base + 0x1000, base + 0x2000, 0x1000, base)


if __name__ == "__main__":
    main()
