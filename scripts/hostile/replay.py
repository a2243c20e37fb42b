#!/usr/bin/env python3
"""Replays the hostile-input regression set (issue #12) against the release binary.

Usage: scripts/hostile/replay.py [--bin PATH] [--jobs N] [--only REGEX] [--keep DIR] [--gen-only [--seeds]]

Runs every scripts/hostile/gen_*.py OUTDIR (OUTDIR = a temp dir, or DIR/<class> with --keep),
then runs the binary (--bin, else $PPROF_TUI_BIN, else .build/release/pprof-tui) on every
<case>.json the generators wrote, two at a time. A case (convention: Fixtures/README.md):

  {"args": ["-top", "{dir}/x.pb.gz"],       # {dir}: the case's directory (also in stdin, env)
   "expect": "ok" | "error" | "either",      # exit 0 / exit 1 with a message on stderr / either
   "max_seconds": 10, "max_rss_mib": 1024,   # wall time (killed past it) and peak RSS (wait4)
   "stderr_re": "regex searched in stderr", "stdin": "text fed on stdin",
   "stdout": "pipe" | "devfull" | "closed",  # where stdout goes (default pipe)
   "pprof_same": false,                      # stdout must equal `go tool pprof`'s (when go exists)
   "env": {"NAME": "value"},                 # extra environment (optional; every case runs with
                                             # PPROF_COMPAT=go1.19, "" selects the default)
   "stdout_binary": false,                   # skip the control-byte check (-proto to stdout)
   "stdout_contains": "text"}                # must occur in stdout (where pprof is too slow)

The process runs in the case's directory with TZ=UTC. Every case must end by exit (0 or 1, never
a signal), as expected, in time, under its memory limit, with no terminal control byte (C0 other
than \\n \\t \\r, DEL, C1 such as CSI 0x9b, raw or UTF-8 encoded) on stdout or stderr. One line per
failure, then `hostile: N passed, N failed`; exits 1 on any failure.
"""
import argparse
import codecs
import concurrent.futures
import difflib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HOSTILE = os.path.join(ROOT, "scripts", "hostile")
GEN_SECONDS = 120
PPROF_SECONDS = 120
# (seconds, peak RSS MiB, class/case) of every run of our binary, for the slowest-cases summary.
TIMES = []
KEEP_STDOUT = 1 << 16  # bytes of stdout kept for messages when pprof_same does not need it all
KEYS = {"args", "expect", "max_seconds", "max_rss_mib", "stderr_re", "stdin", "stdout",
        "pprof_same", "env", "stdout_binary", "stdout_contains"}
# C0 except \t \n \r, DEL, C1 (U+0080..U+009F, CSI is U+009B) and raw bytes 0x80..0x9f that are
# not part of valid UTF-8 (surrogateescape maps them to U+DC80..U+DC9F): all of them steer a
# terminal.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\udc80-\udc9f]")


class Stream:
    """Drains one pipe on a thread: keeps a prefix (or everything) and finds control bytes."""

    def __init__(self, pipe, keep_all, check):
        self.pipe, self.keep_all, self.check = pipe, keep_all, check
        self.data = bytearray()
        self.size = 0
        self.control = None  # (offset in characters, character) of the first control byte
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        chars = 0
        while True:
            chunk = self.pipe.read(1 << 16)
            if not chunk:
                break
            self.size += len(chunk)
            if self.keep_all or len(self.data) < KEEP_STDOUT:
                self.data += chunk if self.keep_all else chunk[:KEEP_STDOUT - len(self.data)]
            if self.check and self.control is None:
                text = decoder.decode(chunk)
                m = CONTROL.search(text)
                if m:
                    self.control = (chars + m.start(), m.group())
                chars += len(text)
        if self.check and self.control is None:
            text = decoder.decode(b"", final=True)
            m = CONTROL.search(text)
            if m:
                self.control = (chars + m.start(), m.group())
        self.pipe.close()

    def join(self):
        self.thread.join()


def feed(pipe, data):
    try:
        pipe.write(data)
    except (BrokenPipeError, OSError):
        pass
    finally:
        try:
            pipe.close()
        except OSError:
            pass


def run(argv, cwd, env, stdin, stdout_mode, timeout, keep_all, check, vm_limit_kib):
    """Runs argv; returns dict(status, signal, timed_out, seconds, rss_kib, out, err).

    The process is started through sh so fd 1 can be closed and a virtual-memory cap set (a
    safety net for the shared machine, far above any case's limit) without preexec_fn; sh execs
    the program, so wait4 reports the program's own rusage.
    """
    script = ""
    if vm_limit_kib:
        script += "ulimit -v %d 2>/dev/null; " % vm_limit_kib
    script += 'exec "$@"' + (" >&-" if stdout_mode == "closed" else "")
    devfull = open("/dev/full", "wb") if stdout_mode == "devfull" else None
    stdout = subprocess.PIPE if stdout_mode == "pipe" else (devfull or subprocess.DEVNULL)
    started = time.monotonic()
    proc = subprocess.Popen(["/bin/sh", "-c", script, "sh"] + argv, cwd=cwd, env=env,
                            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=stdout, stderr=subprocess.PIPE, start_new_session=True)
    if devfull:
        devfull.close()
    out = Stream(proc.stdout, keep_all, check) if stdout_mode == "pipe" else None
    err = Stream(proc.stderr, False, check)
    feeder = None
    if stdin is not None:
        feeder = threading.Thread(target=feed, args=(proc.stdin, stdin.encode()), daemon=True)
        feeder.start()
    timed_out = threading.Event()

    def kill():
        timed_out.set()
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass

    timer = threading.Timer(timeout, kill)
    timer.start()
    _, status, rusage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - started
    timer.cancel()
    proc.returncode = 0  # reaped by wait4; keeps Popen from waiting on the pid again
    # Children the program left behind (dot, a shell) hold the pipes open: end them too.
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    if feeder:
        feeder.join()
    if out:
        out.join()
    err.join()
    return {
        "status": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "timed_out": timed_out.is_set(),
        "seconds": seconds,
        "rss_kib": rusage.ru_maxrss,
        "out": out,
        "err": err,
    }


def printable(text):
    """text with every control character shown as an escape: the harness's own output must not
    steer the terminal either (diffs quote pprof's raw output)."""
    return CONTROL.sub(lambda m: "\\x%02x" % (ord(m.group()) & 0xFF), text)


def substitute(value, case_dir):
    return value.replace("{dir}", case_dir)


def first_line(data):
    text = bytes(data).decode("utf-8", "backslashreplace").strip()
    line = text.splitlines()[0] if text else ""
    return (line[:160] + "...") if len(line) > 160 else line


def check_case(path, binary, go, base_env):
    """Runs one case; returns a list of failure reasons (empty when it passed)."""
    try:
        with open(path) as f:
            case = json.load(f)
        if not isinstance(case, dict) or not isinstance(case.get("args"), list):
            return ["bad case file: no args list"]
        unknown = set(case) - KEYS
        if unknown:
            return ["bad case file: unknown keys %s" % ", ".join(sorted(unknown))]
        expect = case.get("expect")
        if expect not in ("ok", "error", "either"):
            return ["bad case file: expect must be ok, error or either"]
        stdout_mode = case.get("stdout", "pipe")
        if stdout_mode not in ("pipe", "devfull", "closed"):
            return ["bad case file: stdout must be pipe, devfull or closed"]
        stderr_re = re.compile(case["stderr_re"]) if case.get("stderr_re") else None
    except (OSError, ValueError, re.error) as e:
        return ["bad case file: %s" % e]
    case_dir = os.path.dirname(path)
    args = [substitute(str(a), case_dir) for a in case["args"]]
    stdin = substitute(case["stdin"], case_dir) if case.get("stdin") is not None else None
    env = dict(base_env)
    for k, v in (case.get("env") or {}).items():
        env[str(k)] = substitute(str(v), case_dir)
    max_seconds = float(case.get("max_seconds", 10))
    max_rss_mib = float(case.get("max_rss_mib", 1024))
    pprof_same = bool(case.get("pprof_same")) and go is not None and stdout_mode == "pipe"
    vm_limit_kib = int(max(4 * max_rss_mib, 4096) * 1024)

    contains = case.get("stdout_contains")
    r = run([binary] + args, case_dir, env, stdin, stdout_mode, max_seconds, pprof_same or contains is not None,
            not case.get("stdout_binary"), vm_limit_kib)
    failures = []
    err_text = bytes(r["err"].data).decode("utf-8", "backslashreplace")
    if r["timed_out"]:
        failures.append("timed out after %.0fs (max_seconds %g)" % (r["seconds"], max_seconds))
    elif r["signal"] is not None:
        failures.append("killed by signal %d (%s); stderr: %s" % (
            r["signal"], signal.Signals(r["signal"]).name, first_line(r["err"].data)))
    elif r["status"] not in (0, 1):
        failures.append("exit status %d (only 0 or 1 allowed); stderr: %s" % (
            r["status"], first_line(r["err"].data)))
    elif expect == "ok" and r["status"] != 0:
        failures.append("expected success, exit %d: %s" % (r["status"], first_line(r["err"].data)))
    elif expect == "error" and r["status"] != 1:
        failures.append("expected an error (exit 1), exit %d" % r["status"])
    elif r["status"] == 1 and not err_text.strip():
        failures.append("exit 1 without an error message on stderr")
    rss_mib = r["rss_kib"] / 1024
    if rss_mib > max_rss_mib:
        failures.append("peak RSS %.0f MiB > max_rss_mib %g" % (rss_mib, max_rss_mib))
    if not r["timed_out"] and r["seconds"] > max_seconds:
        failures.append("took %.1fs > max_seconds %g" % (r["seconds"], max_seconds))
    TIMES.append((r["seconds"], r["rss_kib"] / 1024, os.path.relpath(path[:-len(".json")], os.path.dirname(os.path.dirname(path)))))
    for label, stream in (("stdout", r["out"]), ("stderr", r["err"])):
        if stream and stream.control:
            offset, ch = stream.control
            what = ("raw byte 0x%02X" % (ord(ch) - 0xDC00) if ord(ch) >= 0xDC80 else "control character U+%04X" % ord(ch))
            failures.append("%s on %s at character %d" % (what, label, offset))
    if stderr_re and not stderr_re.search(err_text):
        failures.append("stderr does not match %r: %s" % (stderr_re.pattern, first_line(r["err"].data)))
    if contains is not None and r["out"] and str(contains).encode() not in bytes(r["out"].data):
        failures.append("stdout does not contain %r" % (printable(str(contains)[:80]) + ("..." if len(str(contains)) > 80 else "")))
    if pprof_same and not failures:
        p = run([go, "tool", "pprof"] + args, case_dir, env, stdin, "pipe", PPROF_SECONDS, True, False, 0)
        if p["status"] != 0:
            failures.append("pprof_same, but go tool pprof %s: %s" % (
                "timed out" if p["timed_out"] else "exited %s" % p["status"], first_line(p["err"].data)))
        elif bytes(p["out"].data) != bytes(r["out"].data):
            ours = bytes(r["out"].data).decode("utf-8", "backslashreplace").splitlines()
            theirs = bytes(p["out"].data).decode("utf-8", "backslashreplace").splitlines()
            diff = list(difflib.unified_diff(theirs, ours, "go tool pprof", "pprof-tui", lineterm="", n=1))
            shown = diff[:12] + (["... (%d more diff lines)" % (len(diff) - 12)] if len(diff) > 12 else [])
            failures.append("stdout differs from go tool pprof's:\n    " + "\n    ".join(shown or ["(bytes differ)"]))
    return failures


def run_generators(outroot, only_gen, seeds=False):
    """Runs each gen_*.py into outroot/<class>; returns (classes run, failure lines). With seeds,
    the generators write fuzzer seeds (HOSTILE_SEEDS=1: small variants of their huge inputs)."""
    gens = sorted(f for f in os.listdir(HOSTILE) if f.startswith("gen_") and f.endswith(".py"))
    failures = []
    classes = []
    for g in gens:
        cls = g[len("gen_"):-len(".py")]
        if only_gen and not only_gen.search(cls):
            continue
        outdir = os.path.join(outroot, cls)
        shutil.rmtree(outdir, ignore_errors=True)
        os.makedirs(outdir)
        try:
            env = dict(os.environ, HOSTILE_SEEDS="1" if seeds else "")
            p = subprocess.run([sys.executable, os.path.join(HOSTILE, g), outdir], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=GEN_SECONDS)
            if p.returncode != 0:
                failures.append("FAIL generator %s: exit %d: %s" % (g, p.returncode, first_line(p.stderr)))
                continue
        except subprocess.TimeoutExpired:
            failures.append("FAIL generator %s: did not finish in %ds" % (g, GEN_SECONDS))
            continue
        classes.append(cls)
    return classes, failures


def find_cases(outroot, classes):
    cases = []
    for cls in classes:
        base = os.path.join(outroot, cls)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            for f in sorted(filenames):
                if f.endswith(".json"):
                    rel = os.path.relpath(os.path.join(dirpath, f[:-len(".json")]), base)
                    cases.append(("%s/%s" % (cls, rel), os.path.join(dirpath, f)))
    return cases


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.environ.get("PPROF_TUI_BIN") or os.path.join(ROOT, ".build/release/pprof-tui"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", help="regex: only cases whose class/name matches")
    ap.add_argument("--keep", help="write the generated cases under this directory and keep them")
    ap.add_argument("--gen-only", action="store_true", help="only run the generators (with --keep)")
    ap.add_argument("--seeds", action="store_true",
                    help="with --gen-only: write fuzzer seeds (small variants of the huge inputs)")
    ap.add_argument("--no-pprof", action="store_true", help="skip the go tool pprof comparisons")
    opts = ap.parse_args()

    only = re.compile(opts.only) if opts.only else None
    # A filter's class part (before the first /) also selects which generators run.
    only_gen = re.compile(opts.only.split("/")[0]) if opts.only and "/" in opts.only else None
    outroot = os.path.abspath(opts.keep) if opts.keep else tempfile.mkdtemp(prefix="pprof-hostile-")
    os.makedirs(outroot, exist_ok=True)
    try:
        classes, failures = run_generators(outroot, only_gen, seeds=opts.gen_only and opts.seeds)
        if opts.gen_only:
            for line in failures:
                print(line)
            return 1 if failures else 0
        binary = os.path.abspath(opts.bin)
        if not os.access(binary, os.X_OK):
            print("hostile: no binary at %s (swift build -c release --product pprof-tui)" % binary)
            return 2
        go = None if opts.no_pprof else shutil.which("go")
        # The cases were written against go tool pprof 1.19's output: pprof-tui runs under its
        # switch (issue #18; a case's "env" may set PPROF_COMPAT="" for the current default).
        env = dict(os.environ, TZ="UTC", PPROF_COMPAT="go1.19")
        env.pop("PPROF_TUI_BIN", None)
        cases = [(n, p) for n, p in find_cases(outroot, classes) if not only or only.search(n)]
        print("hostile: %d cases from %d generators%s" % (
            len(cases), len(classes), "" if go else " (no go: pprof_same not checked)"), file=sys.stderr)
        for line in failures:
            print(printable(line), flush=True)
        passed, failed = 0, len(failures)
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
            # map yields in case order, so the failure lines come out in the same order every run.
            results = pool.map(lambda c: (c[0], check_case(c[1], binary, go, env)), cases)
            for name, reasons in results:
                if reasons:
                    failed += 1
                    for reason in reasons:
                        print(printable("FAIL %s: %s" % (name, reason)), flush=True)
                else:
                    passed += 1
        for seconds, rss, name in sorted(TIMES, reverse=True)[:8]:
            print("hostile: slowest: %5.1fs %6.0f MiB %s" % (seconds, rss, name), file=sys.stderr)
        print("hostile: %d passed, %d failed" % (passed, failed))
        return 1 if failed else 0
    finally:
        if not opts.keep:
            shutil.rmtree(outroot, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
