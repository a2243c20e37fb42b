#!/usr/bin/env bash
# End-to-end test of the terminal explorer under tmux: open a fixture, drill from the top
# function into its source, walk the tree, zoom the flame view, run a prompt command,
# resize, quit, and check the terminal came back. Exit 77 = skipped (no tmux / binary).
set -u
BIN=${1:-${PPROF_TUI_BIN:-.build/debug/pprof-tui}}
PROFILE=${2:-Fixtures/profiles/cpu.pb.gz}
SESSION=pprof-e2e-$$
command -v tmux >/dev/null || { echo "skip: tmux not installed"; exit 77; }
[ -x "$BIN" ] || { echo "skip: $BIN not built"; exit 77; }
[ -f "$PROFILE" ] || { echo "skip: $PROFILE missing"; exit 77; }

fail() { echo "FAIL: $*"; echo "--- screen:"; tmux capture-pane -p -t "$SESSION" 2>/dev/null; tmux kill-session -t "$SESSION" 2>/dev/null; exit 1; }
screen() { tmux capture-pane -p -t "$SESSION"; }
# expect TEXT: wait up to 5s for TEXT on screen.
expect() {
  for _ in $(seq 50); do screen | grep -qF -- "$1" && return 0; sleep 0.1; done
  fail "expected '$1'"
}
keys() { tmux send-keys -t "$SESSION" "$@"; sleep 0.3; }

tmux new-session -d -s "$SESSION" -x 120 -y 40 "LANG=C.UTF-8 TERM=xterm-256color $BIN $PROFILE; echo E2E-EXIT=\$?; sleep 30" || fail "tmux"
expect "flat%"
expect "1 Top"
keys Enter
expect "Source:"
keys 3
expect "callers"
keys Down Enter
expect "Tree:"
keys 4
expect "Flame (icicle"
keys Down Down Enter
expect "zoom:"
keys Escape
keys : t o p 5 Enter
expect "Output"
keys 1
keys : l i s t Space m a i n Enter
expect "(pprof) list main"
tmux resize-window -t "$SESSION" -x 70 -y 20
sleep 0.5
screen | head -1 | grep -q "pprof-tui" || fail "no title after resize"
tmux resize-window -t "$SESSION" -x 30 -y 5
expect "Terminal too small"
tmux resize-window -t "$SESSION" -x 120 -y 40
expect "1 Top"
keys q
expect "E2E-EXIT=0"
[ "$(tmux display -p -t "$SESSION" '#{alternate_on}')" = "0" ] || fail "terminal still in the alternate screen"
tmux kill-session -t "$SESSION" 2>/dev/null
echo "PASS"
