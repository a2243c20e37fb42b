"""Small stdlib-only writer for profile.proto files, for the hostile-input generators
(scripts/hostile/gen_*.py). Same wire encoding as scripts/gen-random-profiles.py; everything is
deterministic (gzip mtime 0), so a generator writes the same bytes on every run.

    import os, sys
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import pbwrite

    p = pbwrite.Profile([("samples", "count"), ("cpu", "nanoseconds")])
    f = p.function("main.main", filename="main.go")
    loc = p.location([(f, 10)])
    p.sample([loc], [1, 1000])
    p.write(os.path.join(outdir, "x.pb.gz"))
    pbwrite.write_case(outdir, "x", ["-top", "{dir}/x.pb.gz"], "ok", pprof_same=True)

The field-level helpers (varint, f_int, f_bytes, f_packed) are there for hand-built malformed
messages the Profile builder cannot express.
"""
import gzip
import json
import os

# Set (HOSTILE_SEEDS=1, by `replay.py --gen-only --seeds`) when the cases are written as fuzzer
# seeds (scripts/fuzz.sh): generators whose inputs are huge by design write small ones of the
# same shape instead, since the fuzzers take inputs of at most 64 KiB.
SEEDS = os.environ.get("HOSTILE_SEEDS") == "1"


def varint(x):
    """Base-128 varint of x as an unsigned 64-bit value (negative int64s wrap, as protobuf does)."""
    x &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = x & 0x7F
        x >>= 7
        if x:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def key(field, wire):
    return varint(field << 3 | wire)


def f_int(field, x):
    """A varint field; zero is omitted, as proto3 writers do."""
    return key(field, 0) + varint(x) if x else b""


def f_int_always(field, x):
    """A varint field written even when zero."""
    return key(field, 0) + varint(x)


def f_bytes(field, b):
    """A length-delimited field (str is UTF-8 encoded)."""
    if isinstance(b, str):
        b = b.encode()
    return key(field, 2) + varint(len(b)) + b


def f_packed(field, xs):
    """A packed repeated varint field; empty lists are omitted."""
    if not xs:
        return b""
    return f_bytes(field, b"".join(varint(x) for x in xs))


def gz(data):
    """gzip with a zero mtime, so the bytes are the same on every run."""
    return gzip.compress(data, mtime=0)


def write_file(path, data, compress=True):
    with open(path, "wb") as f:
        f.write(gz(data) if compress else data)


class Profile:
    """Builds a profile.proto message; ids are assigned 1, 2, 3, ... in call order.

    Strings may be str or bytes (bytes allow invalid UTF-8); the string table is interned.
    """

    def __init__(self, sample_types=(("samples", "count"),), period_type=None, period=0):
        self.strings = [b""]
        self.index = {b"": 0}
        self.sample_types = [(self.s(t), self.s(u)) for t, u in sample_types]
        self.period_type = (self.s(period_type[0]), self.s(period_type[1])) if period_type else None
        self.period = period
        self.mappings = []
        self.functions = []
        self.locations = []
        self.samples = []
        self.comments = []
        self.time_nanos = 0
        self.duration_nanos = 0
        self.default_sample_type = 0
        self.drop_frames = 0
        self.keep_frames = 0

    def s(self, text):
        """The string table index of text (added if new)."""
        if isinstance(text, str):
            text = text.encode()
        if text not in self.index:
            self.index[text] = len(self.strings)
            self.strings.append(text)
        return self.index[text]

    def mapping(self, start, limit, offset=0, filename="", build_id="", symbolized=True):
        mid = len(self.mappings) + 1
        body = (f_int(1, mid) + f_int(2, start) + f_int(3, limit) + f_int(4, offset)
                + f_int(5, self.s(filename)) + f_int(6, self.s(build_id)))
        if symbolized:
            body += f_int(7, 1) + f_int(8, 1) + f_int(9, 1)
        self.mappings.append(body)
        return mid

    def function(self, name, system_name=None, filename="", start_line=0):
        fid = len(self.functions) + 1
        system = name if system_name is None else system_name
        self.functions.append(f_int(1, fid) + f_int(2, self.s(name)) + f_int(3, self.s(system))
                              + f_int(4, self.s(filename)) + f_int(5, start_line))
        return fid

    def location(self, lines=(), address=0, mapping_id=0, is_folded=False):
        """lines: (function id, line number) pairs, innermost (inlined) first, as pprof stores them."""
        lid = len(self.locations) + 1
        body = f_int(1, lid) + f_int(2, mapping_id) + f_int(3, address)
        for fid, line in lines:
            body += f_bytes(4, f_int(1, fid) + f_int(2, line))
        if is_folded:
            body += f_int(5, 1)
        self.locations.append(body)
        return lid

    def sample(self, location_ids, values, labels=()):
        """labels: (key, str) for string labels, (key, num, unit) for numeric ones (unit may be "")."""
        body = f_packed(1, location_ids) + f_packed(2, values)
        for label in labels:
            if len(label) == 2:
                body += f_bytes(3, f_int(1, self.s(label[0])) + f_int(2, self.s(label[1])))
            else:
                body += f_bytes(3, f_int(1, self.s(label[0])) + f_int(3, label[1]) + f_int(4, self.s(label[2])))
        self.samples.append(body)

    def comment(self, text):
        self.comments.append(self.s(text))

    def encode(self):
        out = bytearray()
        for t, u in self.sample_types:
            out += f_bytes(1, f_int(1, t) + f_int(2, u))
        for body in self.samples:
            out += f_bytes(2, body)
        for body in self.mappings:
            out += f_bytes(3, body)
        for body in self.locations:
            out += f_bytes(4, body)
        for body in self.functions:
            out += f_bytes(5, body)
        for text in self.strings:
            out += f_bytes(6, text)
        out += f_int(7, self.drop_frames) + f_int(8, self.keep_frames)
        out += f_int(9, self.time_nanos) + f_int(10, self.duration_nanos)
        if self.period_type:
            out += f_bytes(11, f_int(1, self.period_type[0]) + f_int(2, self.period_type[1]))
        out += f_int(12, self.period)
        for c in self.comments:
            out += f_int_always(13, c)
        out += f_int(14, self.default_sample_type)
        return bytes(out)

    def write(self, path, compress=True):
        write_file(path, self.encode(), compress)


def write_case(outdir, name, args, expect, **options):
    """Writes OUTDIR/NAME.json for scripts/hostile/replay.py.

    expect is "ok", "error" or "either"; options are the other keys of the convention
    (max_seconds, max_rss_mib, stderr_re, stdin, stdout, pprof_same, env, stdout_binary).
    """
    case = {"args": list(args), "expect": expect}
    case.update(options)
    with open(os.path.join(outdir, name + ".json"), "w") as f:
        json.dump(case, f, indent=1, sort_keys=True)
        f.write("\n")
