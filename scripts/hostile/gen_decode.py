#!/usr/bin/env python3
"""Hostile inputs of class 5 (issue 12): memory amplification while decoding. Usage: gen_decode.py OUTDIR

Each repeated field of profile.proto blown up far past its limit (strings, comments, sample
types, mappings, locations, functions, samples, lines of one location, values, frames and labels
of one sample), packed and unpacked, gzip'd (tiny files that inflate to hundreds of MB: refused
while inflating) and raw (small, under a limit lowered by its flag). Refused cases must stay under
256 MiB and name their limit; the "ok" cases sit at or under a limit, or are big strings nothing
refers to (which must cost about their raw size, not twice it). Small files double as fuzz seeds.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pbwrite  # noqa: E402
from pbwrite import f_bytes, f_int, key, varint  # noqa: E402

# A valid prologue: sample type "samples"/"count" (strings 1, 2).
HEAD = f_bytes(1, f_int(1, 1) + f_int(2, 2))
STRINGS = f_bytes(6, b"") + f_bytes(6, b"samples") + f_bytes(6, b"count")


class GzStream:
    """Writes a multi-member gzip file (as `cat a.gz b.gz` makes; pprof reads every member) from
    pieces, some repeated many times: a repeated block is compressed once and its member written
    again, so hundreds of MB of inflated data take milliseconds to write."""

    def __init__(self, path):
        self.f = open(path, "wb")

    def write(self, data, times=1):
        per = max(1, (1 << 20) // max(1, len(data)))
        if times >= per:
            member = pbwrite.gz(data * per)
            for _ in range(times // per):
                self.f.write(member)
            times %= per
        if times:
            self.f.write(pbwrite.gz(data * times))

    def close(self):
        self.f.close()


def blown(out, name, field_prefix, element, times, suffix=b""):
    """OUTDIR/NAME.pb.gz: HEAD, STRINGS, field_prefix, element x times, suffix (gzip'd, streamed)."""
    g = GzStream(os.path.join(out, name + ".pb.gz"))
    g.write(HEAD + STRINGS + field_prefix)
    g.write(element, times)
    if suffix:
        g.write(suffix)
    g.close()


def raw(out, name, data):
    pbwrite.write_file(os.path.join(out, name + ".pb"), data, compress=False)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)

    def refused(name, file, limit, flags=()):
        pbwrite.write_case(out, name, list(flags) + ["-top", "{dir}/" + file], "error",
                           max_seconds=10, max_rss_mib=256, stderr_re=r"exceeds the limit of \d+ (bytes )?\(%s\)" % limit)

    def ok(name, file, flags=(), rss=1024):
        pbwrite.write_case(out, name, list(flags) + ["-top", "{dir}/" + file], "ok", max_seconds=10, max_rss_mib=rss)

    M = 1_000_000

    # The inputs, at the default limits: tiny gzip files refused while inflating.
    blown(out, "strings-empty-400M", b"", f_bytes(6, b""), 400 * M)  # 800 MB inflated
    refused("strings-empty-400M", "strings-empty-400M.pb.gz", "max_strings")
    blown(out, "comments-packed-200M", key(13, 2) + varint(200 * M), b"\x01", 200 * M)
    refused("comments-packed-200M", "comments-packed-200M.pb.gz", "max_comments")
    blown(out, "comments-unpacked-40M", b"", key(13, 0) + b"\x01", 40 * M)
    refused("comments-unpacked-40M", "comments-unpacked-40M.pb.gz", "max_comments")
    blown(out, "mappings-40M", b"", f_bytes(3, b""), 40 * M)
    refused("mappings-40M", "mappings-40M.pb.gz", "max_mappings")
    line = f_bytes(4, b"")
    blown(out, "lines-one-location-40M", key(4, 2) + varint(len(line) * 40 * M + 2) + f_int(1, 1), line, 40 * M)
    refused("lines-one-location-40M", "lines-one-location-40M.pb.gz", "max_lines_per_location")
    blown(out, "locations-40M", b"", f_bytes(4, b""), 40 * M)
    refused("locations-40M", "locations-40M.pb.gz", "max_locations")
    blown(out, "functions-40M", b"", f_bytes(5, b""), 40 * M)
    refused("functions-40M", "functions-40M.pb.gz", "max_functions")
    blown(out, "sample-types-40M", b"", f_bytes(1, b""), 40 * M)
    refused("sample-types-40M", "sample-types-40M.pb.gz", "max_sample_types")
    blown(out, "samples-empty-60M", b"", f_bytes(2, b""), 60 * M)
    refused("samples-empty-60M", "samples-empty-60M.pb.gz", "max_samples")
    # One sample: 200M values / frames packed, 40M unpacked, 40M (empty) labels.
    n = 200 * M
    blown(out, "values-packed-200M", key(2, 2) + varint(n + 1 + len(varint(n))) + key(2, 2) + varint(n), b"\x01", n)
    refused("values-packed-200M", "values-packed-200M.pb.gz", "max_values_per_sample")
    n = 40 * M
    blown(out, "values-unpacked-40M", key(2, 2) + varint(2 * n), key(2, 0) + b"\x01", n)
    refused("values-unpacked-40M", "values-unpacked-40M.pb.gz", "max_values_per_sample")
    n = 200 * M
    blown(out, "frames-packed-200M", key(2, 2) + varint(n + 1 + len(varint(n))) + key(1, 2) + varint(n), b"\x01", n)
    refused("frames-packed-200M", "frames-packed-200M.pb.gz", "max_stack_depth")
    n = 40 * M
    blown(out, "frames-unpacked-40M", key(2, 2) + varint(2 * n), key(1, 0) + b"\x01", n)
    refused("frames-unpacked-40M", "frames-unpacked-40M.pb.gz", "max_stack_depth")
    blown(out, "labels-40M", key(2, 2) + varint(2 * n), f_bytes(3, b""), n)
    refused("labels-40M", "labels-40M.pb.gz", "max_labels_per_sample")

    # Big strings nothing refers to: loaded at about their raw size (800 MB), not twice it;
    # under a lowered decoded-size budget the same file is refused while inflating.
    big = f_bytes(6, b"x" * 100_000)
    blown(out, "strings-8k-of-100k", b"", big, 8000)
    ok("strings-8k-of-100k", "strings-8k-of-100k.pb.gz")
    refused("strings-8k-of-100k-budget", "strings-8k-of-100k.pb.gz", "max_decoded_size",
            ["-max_decoded_size=100000000"])
    # Labels spread over many samples (each under the per-sample limit) add up in the budget.
    label = f_bytes(3, f_int(1, 1) + f_int(2, 2))
    sample = f_bytes(2, label * 1000)
    blown(out, "labels-spread-20M", b"", sample, 20_000)
    refused("labels-spread-20M", "labels-spread-20M.pb.gz", "max_decoded_size", ["-max_decoded_size=200000000"])

    # Raw (uncompressed) variants, small: over a limit lowered by its flag, and exactly at it.
    k = 20_000
    cases = [
        ("strings", "max_strings", b"", f_bytes(6, b""), k, b""),
        ("comments-packed", "max_comments", key(13, 2) + varint(k), b"\x01", k, b""),
        ("comments-unpacked", "max_comments", b"", key(13, 0) + b"\x01", k, b""),
        ("mappings", "max_mappings", b"", f_bytes(3, b""), k, b""),
        ("locations", "max_locations", b"", f_bytes(4, b""), k, b""),
        ("functions", "max_functions", b"", f_bytes(5, b""), k, b""),
        ("lines", "max_lines_per_location", key(4, 2) + varint(2 * k), line, k, b""),
        ("values-packed", "max_values_per_sample", key(2, 2) + varint(k + 1 + len(varint(k))) + key(2, 2) + varint(k),
         b"\x01", k, b""),
        ("labels", "max_labels_per_sample", key(2, 2) + varint(2 * k), f_bytes(3, b""), k, b""),
    ]
    for name, limit, prefix, element, times, suffix in cases:
        data = HEAD + STRINGS + prefix + element * times + suffix
        raw(out, "raw-" + name, data)
        refused("raw-%s-over" % name, "raw-%s.pb" % name, limit, ["-%s=%d" % (limit, times - 1)])
        pbwrite.write_file(os.path.join(out, "gz-" + name + ".pb.gz"), data)
        refused("gz-%s-over" % name, "gz-%s.pb.gz" % name, limit, ["-%s=%d" % (limit, times - 1)])
    # Exactly at a limit: accepted (these are also well-formed enough to report on).
    raw(out, "raw-strings-at", HEAD + STRINGS + f_bytes(6, b"") * (k - 3))
    ok("raw-strings-at-limit", "raw-strings-at.pb", ["-max_strings=%d" % k], rss=256)
    raw(out, "raw-comments-at", HEAD + STRINGS + key(13, 2) + varint(k) + b"\x01" * k)
    ok("raw-comments-at-limit", "raw-comments-at.pb", ["-max_comments=%d" % k], rss=256)
    raw(out, "raw-mappings-at", HEAD + STRINGS + b"".join(f_bytes(3, f_int(1, i + 1)) for i in range(k)))
    ok("raw-mappings-at-limit", "raw-mappings-at.pb", ["-max_mappings=%d" % k], rss=256)


if __name__ == "__main__":
    main()
