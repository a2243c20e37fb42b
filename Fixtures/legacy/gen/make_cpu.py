#!/usr/bin/env python3
"""Writes the binary gperftools CPU profiles under Fixtures/legacy/ (re-run to regenerate).

Layout (gperftools' profiler, as pprof's parseCPU reads it): header words
0, 3, 0 (C++) or 1 (Java), sampling period in microseconds, 0; then samples
(count, depth, depth addresses, leaf first); then the end marker 0, 1, 0; then
text: a memory map for C++, "0x<addr> <frame>" lines for Java.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)


def words(fmt, values):
    return b"".join(struct.pack(fmt, v) for v in values)


def profile(fmt, java, period, samples, trailer):
    ws = [0, 3, 1 if java else 0, period, 0]
    for count, stack in samples:
        ws += [count, len(stack)] + list(stack)
    ws += [0, 1, 0]
    return words(fmt, ws) + trailer.encode()


SIG = 0x400105  # signal-handler frame in second position of every sample: stripped
MAIN_MAPS = """\
7f0000000000-7f0000020000 r-xp 00000000 08:01 5678   /opt/legacy/lib/libfoo.so.1
7f0000020000-7f0000040000 r-xp 00020000 08:01 5678   /opt/legacy/lib/libfoo.so.1
7f0000040000-7f0000041000 rw-p 00040000 08:01 5678   /opt/legacy/lib/libfoo.so.1
00400000-00452000 r-xp 00000000 08:01 1234       /opt/legacy/bin/server
00651000-00652000 rw-p 00051000 08:01 1234       /opt/legacy/bin/server
7fff00000000-7fff00002000 r-xp 00000000 00:00 0  [vdso]
"""

# 64-bit little-endian C++ profile: signal frame stripping, duplicated leaf,
# split adjacent library mapping, main binary moved first, an unmapped address.
cpu_le64 = [
    (5, [0x401000, SIG, 0x402001, 0x403001]),
    (3, [0x401010, SIG, 0x402001, 0x403001]),
    (2, [0x401000, SIG, 0x401000, 0x402001]),  # duplicated leaf after stripping
    (2, [0x7F0000021000, SIG, 0x401000, 0x402001]),
    (7, [0x7F0000000100, SIG, 0x7F0000022001, 0x403001]),
    (1, [0x7FFF00000500, SIG, 0x403001]),
    (4, [0x900000, SIG, 0x402001, 0x403001]),  # no mapping: fake mapping
    (2, [0x401000, SIG, 0x402001, 0x403001]),  # same stack again
]

# 32-bit big-endian C++ profile with the brief map format, glog prefixes and
# $attr substitution; no frame is common enough to be stripped.
cpu_be32 = [
    (10, [0x08049000, 0x0804A001, 0x0804B001]),
    (6, [0x0804A100, 0x0804B001]),
    (1, [0x08049000]),
    (3, [0xB7000100, 0x08049801, 0x0804B001]),
]
BRIEF_MAPS = """\
I0102 03:04:05.678901  1234 profiler.cc:99] build=/opt/legacy32
0x08048000-0x08060000 r-xp $build/bin/tool (@0) 0123456789abcdef
# comment lines and blank lines are ignored

0xb7000000-0xb7010000 r-xp $build/lib/libbar.so (@1000)
"""

# 64-bit big-endian Java CPU profile: frames are symbolized by the trailer.
java_cpu = [
    (4, [0x10, 0x20, 0x30]),
    (2, [0x11, 0x20, 0x30]),
    (1, [0x40]),
    (3, [0x12, 0x30]),
]
JAVA_FRAMES = """\
0x0000000000000010 com.example.Work.compute (Work.java:42)
0x0000000000000011 com.example.Work.compute (Work.java:44)
0x0000000000000020 com.example.Work.run (Work.java:20)
0x0000000000000030 java.lang.Thread.run (Thread.java:748)
0x0000000000000012 os::javaTimeNanos() (/usr/lib/jvm/lib/server/libjvm.so)
0x0000000000000040 GC
0x0000000000000099 unused.Frame (Unused.java:1)
"""

# 32-bit little-endian C++ profile, no memory map at all: every location gets the fake mapping.
cpu_le32_nomap = [
    (1, [0x1000, 0x2001]),
    (2, [0x1004, 0x2001]),
    (40, [0x1008, 0x3001, 0x2001]),
]

files = {
    "cpu.le64.prof": profile("<Q", False, 10000, cpu_le64, MAIN_MAPS),
    "cpu.be32.prof": profile(">I", False, 4000, cpu_be32, BRIEF_MAPS),
    "cpu.le32.nomap.prof": profile("<I", False, 1000, cpu_le32_nomap, ""),
    "java.cpu.prof": profile(">Q", True, 20000, java_cpu, JAVA_FRAMES),
}
for name, data in files.items():
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
