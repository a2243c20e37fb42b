#!/usr/bin/env python3
"""Hostile mappings for local symbolization and disasm (issue #17): the binary path comes from
the profile and is untrusted. Cases: names starting with "-" (option injection into nm, objdump,
addr2line), /dev/zero and a FIFO (must never be read as a stream), a huge sparse file with an
ELF magic, garbage after an ELF header, a directory, and PPROF_BINARY_PATH pointing at them.
Each must end with exit 0 (unsymbolized report) or 1 (one-line error), fast.

Usage: gen_binaries.py OUTDIR
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pbwrite  # noqa: E402


def profile(path, filename, build_id=""):
    p = pbwrite.Profile([("samples", "count")])
    m = p.mapping(0x400000, 0x500000, 0, filename=filename, build_id=build_id, symbolized=False)
    a = p.location(address=0x401000, mapping_id=m)
    b = p.location(address=0x401234, mapping_id=m)
    p.sample([a, b], [5])
    p.write(path)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    # A file whose name is an option, in the case directory (the process runs there).
    with open(os.path.join(out, "-v"), "wb") as f:
        f.write(b"\x7fELF" + b"\x02\x01\x01" + b"\x00" * 57)
    with open(os.path.join(out, "--help"), "wb") as f:
        f.write(b"not an object\n")
    with open(os.path.join(out, "garbage.elf"), "wb") as f:
        f.write(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 64)
    with open(os.path.join(out, "huge.elf"), "wb") as f:
        f.write(b"\x7fELF\x02\x01\x01\x00" + b"\xff" * 56)
        f.truncate(8 << 30)  # sparse: 8 GiB of apparent size, no disk
    fifo = os.path.join(out, "fifo")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)
    os.makedirs(os.path.join(out, "dir.elf"), exist_ok=True)
    names = {
        "dash-v": "-v", "dash-help": "--help", "dash-abs": "-e/../../bin/true", "devzero": "/dev/zero",
        "fifo": "{dir}/fifo", "garbage": "{dir}/garbage.elf", "huge": "{dir}/huge.elf", "dir": "{dir}/dir.elf",
        "devtty": "/dev/tty", "proc-self-mem": "/proc/self/mem",
    }
    for name, file in names.items():
        real = file.replace("{dir}", os.path.abspath(out))
        profile(os.path.join(out, name + ".pb.gz"), real)
        for cmd in (["-top"], ["-disasm=."], ["-list=."]):
            case = name + "-" + cmd[0].strip("-=.")
            pbwrite.write_case(out, case, cmd + ["{dir}/" + name + ".pb.gz"], "either", max_seconds=10)
    # Found through the search path by build ID and basename.
    profile(os.path.join(out, "search.pb.gz"), "/nonexistent/fifo", build_id="-v")
    pbwrite.write_case(out, "search-path", ["-top", "{dir}/search.pb.gz"], "either", max_seconds=10,
                       env={"PPROF_BINARY_PATH": "{dir}:/dev:/proc/self"})
    # The binary on the command line names an option.
    pbwrite.write_case(out, "exec-dash", ["-top", "-v", "{dir}/garbage.pb.gz"], "either", max_seconds=10)


if __name__ == "__main__":
    main()
