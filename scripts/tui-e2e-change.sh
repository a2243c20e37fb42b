#!/usr/bin/env bash
# End-to-end test of seeing change (issue #15) under tmux: `-base` on the crafted pair
# (growth and shrinkage) shows both files in the status line, the two signs in different
# colours (read back with capture-pane -e) and the shrinking frames in the Flame; three heap
# snapshots of the leak fixture open a Growth pane whose first row is the leak.
# Exit 77 = skipped, with the reason. `--check [BIN]` only checks that it can run.
set -u
CHECK=
[ "${1:-}" = --check ] && { CHECK=1; shift; }
BIN=${1:-${PPROF_TUI_BIN:-.build/debug/pprof-tui}}
SOCKET=${E2E_TMUX_SOCKET:-pprof-e2e-change-$$}
tmux() { command tmux -L "$SOCKET" "$@"; }
command -v tmux >/dev/null || { echo "skip: tmux not installed"; exit 77; }
command -v python3 >/dev/null || { echo "skip: python3 not installed"; exit 77; }
[ -x "$BIN" ] || { echo "skip: $BIN not built"; exit 77; }
[ -n "$CHECK" ] && exit 0
XDG_STATE_HOME=$(mktemp -d)
export XDG_STATE_HOME
trap 'command tmux -L "$SOCKET" kill-server 2>/dev/null; rm -rf "$XDG_STATE_HOME"' EXIT
SESSION=
. "$(dirname "$0")/tui-e2e-lib.sh"
# The app runs without NO_COLOR (test runners set it) unless COLOR_ENV says otherwise.
start() { # name width args...
  SESSION=pprof-e2e-change-$$-$1; local w=$2; shift 2
  start_session -d -s "$SESSION" -x "$w" -y 30 "env -u NO_COLOR LANG=C.UTF-8 TERM=xterm-256color ${COLOR_ENV:-} $BIN $*; echo E2E-EXIT=\$?; sleep 300"
}
# sgr NEEDLE: the SGR parameters in force where NEEDLE starts on screen (capture-pane -e).
sgr() {
  tmux capture-pane -p -e -t "$SESSION" | python3 -c '
import re, sys
needle = sys.argv[1]
for line in sys.stdin:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", line)
    if needle not in plain: continue
    i = line.find(needle) if needle in line else -1
    # Walk the line keeping the attributes set since the last reset.
    state, pos, col = [], 0, plain.index(needle)
    visible = 0
    while pos < len(line) and visible < col:
        m = re.match(r"\x1b\[([0-9;]*)m", line[pos:])
        if m:
            state = [] if m.group(1) in ("", "0") else state + [m.group(1)]
            pos += m.end()
        else:
            visible += 1; pos += 1
    while pos < len(line):
        m = re.match(r"\x1b\[([0-9;]*)m", line[pos:])
        if not m: break
        state = [] if m.group(1) in ("", "0") else state + [m.group(1)]
        pos += m.end()
    print(";".join(state)); sys.exit(0)
sys.exit(1)
' "$1"
}

# 1. -base on the crafted pair: main.cacheLookup +140ms, main.parse -150ms, main.flush -120ms.
start diff 200 -base Fixtures/profiles/crafted/base.pb.gz Fixtures/profiles/crafted/new.pb.gz
expect "flat%"
expect "new.pb.gz − base.pb.gz"
expect "+main.cacheLookup"
expect "-main.flush"
up=$(sgr "+main.cacheLookup") || fail "no +main.cacheLookup"
down=$(sgr "-main.flush") || fail "no -main.flush"
echo "growth SGR: $up / shrinkage SGR: $down"
[ -n "$up" ] && [ -n "$down" ] || fail "a sign is not coloured ($up / $down)"
[ "$up" != "$down" ] || fail "growth and shrinkage share the colour $up"
keys 4
expect "Flame (differential"
expect_gone "building flame"
expect "-main.parse"
expect "-main.flush"
expect "+main.cacheLookup"
fup=$(sgr "+main.cacheLookup") && fdown=$(sgr "-main.flush") || fail "flame frames missing"
[ "$fup" != "$fdown" ] || fail "flame frames share the colour $fup"
keys b
expect "width ∝ base"
expect_gone "main.cacheLookup"
expect "-main.flush"
keys q
expect "E2E-EXIT=0"

# NO_COLOR: no colour at all, the marks still tell the signs apart.
COLOR_ENV=NO_COLOR=1 start nocolor 200 -base Fixtures/profiles/crafted/base.pb.gz Fixtures/profiles/crafted/new.pb.gz
expect "+main.cacheLookup"
expect "-main.flush"
case "$(sgr "+main.cacheLookup")$(sgr "-main.flush")" in *38\;5*) fail "NO_COLOR still coloured" ;; esac
keys q
expect "E2E-EXIT=0"

# 2. Three heap snapshots of the leak fixture: Growth tab, the leak first, Enter lists its change.
start growth 140 Fixtures/profiles/leak-1.pb.gz Fixtures/profiles/leak-2.pb.gz Fixtures/profiles/leak-3.pb.gz
expect "3 profiles merged"
expect "8 Growth"
keys 8
expect "by growth"
expect "leak-1.pb.gz → "
first=$(screen | sed -n 3p)
case "$first" in *bytes.growSlice*) ;; *) fail "first Growth row is not the leak: $first" ;; esac
case "$first" in *+14MB*) ;; *) fail "the leak's change is not +14MB: $first" ;; esac
keys Enter
expect "list bytes.growSlice"
keys q
expect "E2E-EXIT=0"
echo "PASS"
