#!/usr/bin/env python3
"""Writes small profiles that exercise the output changes listed in docs/UPSTREAM.md (U1-U10),
for the tests of issue #18: each shows a difference between Go 1.19's pprof and current pprof.

Usage: scripts/upstream/gen_changes.py OUTDIR

Python 3 standard library only; the same bytes on every run. The encoder is gen_testparse.py's.
What each file is for (the expected outputs follow from the rules in docs/UPSTREAM.md; Go 1.19's
outputs can be recorded with `go tool pprof` through the golden record switch):

  columns.pb.gz     U5: lines with columns (inlined frames, a column on line 0), a doc_url (U4)
                    and a time (U3). -raw, -top -addresses, -lines -showcolumns, -proto.
  dupzero.pb.gz     U7: a single source with duplicate samples (same stack and labels), an
                    all-zero sample, ids that are not 1..n in order of use and an unreferenced
                    location and function. -raw, -traces, -proto.
  types_a.pb.gz, types_b.pb.gz
                    U8: sample types [alloc_objects, alloc_space, inuse_space] vs
                    [inuse_space, alloc_objects]: merged (two sources, or -base) at HEAD they
                    keep [alloc_objects, inuse_space]; Go 1.19 fails.
  types_dup.pb.gz   U8: one source whose two sample types share the name cpu: HEAD fails with
                    "profiles have empty common sample type list".
  names.pb.gz       U9, U10: foo/xyz, libx.so/fn, a/b.c/d (dot shortening), _start,
                    __libc_start_main, __ZdaPv, __some_special_name (underscore retry), an
                    Itanium name with name == system_name and one with an empty name
                    (demangle=none), a Rust v0 generic, a local lambda (NoEnclosingParams).
  negtags.pb.gz     U1: labelled samples whose total is negative (a diff): -tags prints
                    "Total X of Y" without a percentage and rows without percentages.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_testparse import write  # noqa: E402


def columns():
    f = [
        {"id": 1, "name": "main.main", "system_name": "main.main", "filename": "/src/app/main.go", "start_line": 10},
        {"id": 2, "name": "main.work", "system_name": "main.work", "filename": "/src/app/main.go", "start_line": 20},
        {"id": 3, "name": "main.add", "system_name": "main.add", "filename": "/src/app/util.go", "start_line": 3},
    ]
    loc = [
        # Same line 22, two columns: separate nodes at -addresses and -lines -showcolumns.
        {"id": 1, "mapping": 1, "address": 0x401000, "line": [(3, 4, 9), (2, 22, 5)]},
        {"id": 2, "mapping": 1, "address": 0x401010, "line": [(2, 22, 17)]},
        {"id": 3, "mapping": 1, "address": 0x401100, "line": [(1, 12, 2)]},
        # A column without a line number: not printed (Lineno is 0).
        {"id": 4, "mapping": 1, "address": 0x401200, "line": [(2, 0, 7)]},
    ]
    return {
        "period_type": ("cpu", "nanoseconds"), "period": 10000000,
        "time_nanos": 1700000000123456789, "duration_nanos": 2 * 10**9,
        "sample_type": [("samples", "count"), ("cpu", "nanoseconds")],
        "sample": [
            {"loc": [1, 3], "value": [3, 30000000]},
            {"loc": [2, 3], "value": [2, 20000000]},
            {"loc": [4, 3], "value": [1, 10000000]},
        ],
        "location": loc, "function": f,
        "mapping": [{"id": 1, "start": 0x400000, "limit": 0x500000, "file": "/bin/app", "has_functions": True,
                     "has_filenames": True, "has_line_numbers": True, "has_inline_frames": True}],
        "doc_url": "https://example.com/docs/cpu.html",
    }


def dupzero():
    f = [
        {"id": 7, "name": "main.main", "system_name": "main.main", "filename": "main.go"},
        {"id": 5, "name": "main.leaf", "system_name": "main.leaf", "filename": "main.go"},
        {"id": 9, "name": "main.unused", "system_name": "main.unused", "filename": "main.go"},
    ]
    loc = [
        {"id": 30, "mapping": 1, "address": 0x1030, "line": [(5, 8)]},
        {"id": 10, "mapping": 1, "address": 0x1010, "line": [(7, 3)]},
        {"id": 99, "mapping": 1, "address": 0x1099, "line": [(9, 40)]},
    ]
    return {
        "period_type": ("space", "bytes"), "period": 1,
        "sample_type": [("alloc_objects", "count"), ("alloc_space", "bytes")],
        "sample": [
            {"loc": [30, 10], "value": [1, 100], "label": {"phase": ["a"]}},
            {"loc": [10], "value": [0, 0]},
            {"loc": [30, 10], "value": [2, 200], "label": {"phase": ["a"]}},
            {"loc": [30, 10], "value": [4, 400], "label": {"phase": ["b"]}},
        ],
        "location": loc, "function": f,
        "mapping": [{"id": 1, "start": 0x1000, "limit": 0x2000, "file": "/bin/dup", "has_functions": True,
                     "has_filenames": True, "has_line_numbers": True}],
    }


def simple(types, values_per_sample, default=""):
    f = [{"id": 1, "name": "main.main", "system_name": "main.main", "filename": "main.go"},
         {"id": 2, "name": "main.f", "system_name": "main.f", "filename": "main.go"}]
    loc = [{"id": 1, "mapping": 1, "address": 0x1001, "line": [(2, 5)]},
           {"id": 2, "mapping": 1, "address": 0x1002, "line": [(1, 9)]}]
    p = {
        "sample_type": types,
        "sample": [{"loc": [1, 2], "value": v} for v in values_per_sample],
        "location": loc, "function": f,
        "mapping": [{"id": 1, "start": 0x1000, "limit": 0x2000, "file": "/bin/t", "has_functions": True,
                     "has_filenames": True, "has_line_numbers": True}],
    }
    if default:
        p["default_sample_type"] = default
    return p


def names():
    syms = [
        ("foo/xyz", "foo/xyz"),
        ("libx.so/fn", "libx.so/fn"),
        ("a/b.c/d", "a/b.c/d"),
        ("_start", "_start"),
        ("__libc_start_main", "__libc_start_main"),
        ("__ZdaPv", "__ZdaPv"),
        ("__some_special_name", "__some_special_name"),
        ("_ZN2ns6Widget4drawEv", "_ZN2ns6Widget4drawEv"),
        ("", "_ZN2ns6Widget5resetEv"),
        ("_RINvNtCs1234_4core3ptr13drop_in_placeINtNtCs1234_5alloc3vec3VeclEEB6_",
         "_RINvNtCs1234_4core3ptr13drop_in_placeINtNtCs1234_5alloc3vec3VeclEEB6_"),
        ("_ZZN2ns4Pool6submitESt8functionIFvvEEENKUlvE_clEv", "_ZZN2ns4Pool6submitESt8functionIFvvEEENKUlvE_clEv"),
    ]
    f = [{"id": i + 1, "name": n, "system_name": sn, "filename": "x.cc"} for i, (n, sn) in enumerate(syms)]
    loc = [{"id": i + 1, "mapping": 1, "address": 0x1000 + 16 * i, "line": [(i + 1, 1)]} for i in range(len(syms))]
    return {
        "period_type": ("cpu", "nanoseconds"), "period": 1,
        "sample_type": [("cpu", "nanoseconds")],
        # One sample per name, each its own leaf, values 1..n so every node has a distinct flat.
        "sample": [{"loc": [i + 1], "value": [(i + 1) * 1000]} for i in range(len(syms))],
        "location": loc, "function": f,
        "mapping": [{"id": 1, "start": 0x1000, "limit": 0x2000, "file": "/bin/names", "has_functions": True,
                     "has_filenames": True, "has_line_numbers": True}],
    }


def negtags():
    p = simple([("samples", "count"), ("cpu", "nanoseconds")], [[1, 5000000], [-1, -9000000], [-1, -2000000]])
    p["sample"][0]["label"] = {"op": ["read"]}
    p["sample"][1]["label"] = {"op": ["write"]}
    p["sample"][2]["label"] = {"op": ["read"]}
    return p


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_changes.py OUTDIR")
    out = sys.argv[1]
    files = {
        "columns": columns(),
        "dupzero": dupzero(),
        "types_a": simple([("alloc_objects", "count"), ("alloc_space", "bytes"), ("inuse_space", "bytes")],
                          [[1, 100, 50], [2, 200, 0]], default="alloc_space"),
        "types_b": simple([("inuse_space", "bytes"), ("alloc_objects", "count")], [[70, 3]]),
        "types_dup": simple([("cpu", "nanoseconds"), ("cpu", "milliseconds")], [[1000000, 1]]),
        "names": names(),
        "negtags": negtags(),
    }
    for name, p in files.items():
        write(os.path.join(out, name + ".pb.gz"), p)


if __name__ == "__main__":
    main()
