#!/usr/bin/env bash
# End-to-end test of the terminal explorer under tmux: open a fixture, drill from the top
# function into its source, walk the tree, zoom the flame view, run a prompt command,
# resize, quit, and check the terminal came back (also after the app dies by a fatal signal). Exit 77 = skipped (no tmux / binary), with the
# reason on stdout. `tui-e2e.sh --check [BIN [PROFILE]]` only checks that (0 = it can run).
set -u
CHECK=
[ "${1:-}" = --check ] && { CHECK=1; shift; }
BIN=${1:-${PPROF_TUI_BIN:-.build/debug/pprof-tui}}
PROFILE=${2:-Fixtures/profiles/cpu.pb.gz}
SESSION=pprof-e2e-$$
# A private tmux server (never the user's): E2E_TMUX_SOCKET names it.
SOCKET=${E2E_TMUX_SOCKET:-pprof-e2e-$$}
tmux() { command tmux -L "$SOCKET" "$@"; }
command -v tmux >/dev/null || { echo "skip: tmux not installed"; exit 77; }
[ -x "$BIN" ] || { echo "skip: $BIN not built"; exit 77; }
[ -f "$PROFILE" ] || { echo "skip: $PROFILE missing"; exit 77; }
[ -n "$CHECK" ] && exit 0

# A private XDG state directory: the prompt history is written there, never to the user's.
XDG_STATE_HOME=$(mktemp -d)
export XDG_STATE_HOME
trap 'command tmux -L "$SOCKET" kill-server 2>/dev/null; rm -rf "$XDG_STATE_HOME"' EXIT

. "$(dirname "$0")/tui-e2e-lib.sh"
title_on_top() { screen | head -1 | grep -qF "pprof-tui"; }

start_session -d -s "$SESSION" -x 120 -y 40 "LANG=C.UTF-8 TERM=xterm-256color $BIN $PROFILE; echo E2E-EXIT=\$?; sleep 300"
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
# The frames are built off the main loop; arrows act once they are drawn.
expect_gone "building flame"
keys Down Down Enter
expect "zoom:"
expect_gone "building flame"
keys BSpace
expect "whole profile"
# Esc must be taken alone (not as the start of an Alt sequence) before ':' follows; it
# cancels and never navigates.
keys Escape
keys : t o p 5 Enter
expect "Output"
expect "(pprof) top5"
keys 1
keys : l i s t Space m a i n Enter
expect "(pprof) list main"
tmux resize-window -t "$SESSION" -x 70 -y 20
until_ok "no title after resize" title_on_top
tmux resize-window -t "$SESSION" -x 30 -y 5
expect "Terminal too small"
tmux resize-window -t "$SESSION" -x 120 -y 40
expect "1 Top"
keys q
expect "E2E-EXIT=0"
[ "$(tmux display -p -t "$SESSION" '#{alternate_on}')" = "0" ] || fail "terminal still in the alternate screen"
tmux kill-session -t "$SESSION" 2>/dev/null

# The prompt's history survives the run: a second run recalls it with Up and Ctrl-R, and
# readline keys edit the line (Alt-F arrives as Esc f, as terminals send it).
grep -qx "list main" "$XDG_STATE_HOME/pprof-tui/history" || fail "history file lacks 'list main'"
SESSION=pprof-e2e-$$-2
start_session -d -s "$SESSION" -x 120 -y 40 "LANG=C.UTF-8 TERM=xterm-256color $BIN $PROFILE; echo E2E-EXIT=\$?; sleep 300"
expect "flat%"
keys : Up
expect ":list main"
keys C-u C-r t o p
expect "(reverse-i-search)\`top': top5"
keys Enter
expect "(pprof) top5"
keys 1 : z z z Space t o p 3 C-a M-f C-w Delete Enter
expect "(pprof) top3"
# At 40x12 the help overlay still reaches its last line.
tmux resize-window -t "$SESSION" -x 40 -y 12
until_ok "no title after resize" title_on_top
keys ?
expect "Help"
keys G
expect "Esc q ?"
keys Escape
expect_gone "Esc q ?"
tmux resize-window -t "$SESSION" -x 120 -y 40
expect "1 Top"
keys q
expect "E2E-EXIT=0"
tmux kill-session -t "$SESSION" 2>/dev/null
[ "$(tail -1 "$XDG_STATE_HOME/pprof-tui/history")" = "top3" ] || fail "history file does not end with top3"

# Sandwich, Tags and "my code" against pprof and the batch: scripts/tui-e2e-views.sh.

# Small terminals: at 80x24 and at 40x12 the names and the help key stay visible in every
# pane, and the help overlay opens.
small() {
  local w=$1 h=$2
  SESSION=pprof-e2e-$$-${w}x$h
  start_session -d -s "$SESSION" -x "$w" -y "$h" "LANG=C.UTF-8 TERM=xterm-256color $BIN $PROFILE; echo E2E-EXIT=\$?; sleep 300"
  expect "1 Top"
  expect "main.fib"
  expect "? help"
  keys 3
  expect "callers"
  expect "? help"
  keys 4
  expect_gone "building flame"
  expect "? help"
  keys Down
  expect "main"
  keys 6
  expect "callers"
  expect "? help"
  keys 7
  expect "no labels"
  keys 1
  expect "flat"
  expect "main.fib"
  keys '?'
  expect "Help"
  keys x
  expect_gone "Help —"
  keys q
  expect "E2E-EXIT=0"
  }
small 80 24
small 40 12

# A real fatal signal (#12 class 10): the crash handler leaves the alternate screen, shows the
# cursor, turns keypad and mouse modes off and puts the tty modes back before Swift's
# backtracer prints, so the message lands on the normal screen and the shell is usable after.
tty_modes() { screen | grep -qx "TTY: icanon echo *"; }
crash() {
  local sig=$1 code=$2
  SESSION=pprof-e2e-$$-$sig
  start_session -d -s "$SESSION" -x 120 -y 40 "LANG=C.UTF-8 TERM=xterm-256color SWIFT_BACKTRACE=enable=yes,interactive=no $BIN $PROFILE; echo E2E-EXIT=\$?; printf 'TTY: '; stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\n' ' '; echo; sleep 300"
  expect "1 Top"
  [ "$(tmux display -p -t "$SESSION" '#{alternate_on}')" = "1" ] || fail "the TUI is not on the alternate screen"
  local shell_pid app_pid
  shell_pid=$(tmux display -p -t "$SESSION" '#{pane_pid}')
  app_pid=$(ps -o pid= --ppid "$shell_pid" | head -1 | tr -d ' ')
  [ -n "$app_pid" ] || fail "no pprof-tui process under the pane's shell $shell_pid"
  kill -s "$sig" "$app_pid" || fail "kill -s $sig $app_pid"
  expect "E2E-EXIT=$code"
  [ "$(tmux display -p -t "$SESSION" '#{alternate_on}')" = "0" ] || fail "SIG$sig: terminal left in the alternate screen"
  [ "$(tmux display -p -t "$SESSION" '#{cursor_flag} #{keypad_flag} #{mouse_any_flag}')" = "1 0 0" ] \
    || fail "SIG$sig: cursor/keypad/mouse not restored: $(tmux display -p -t "$SESSION" '#{cursor_flag} #{keypad_flag} #{mouse_any_flag}')"
  # The backtracer's report is on the normal screen (its scrollback too: it is long), not drawn
  # over (and lost with) the UI, and nothing of the UI was drawn there.
  local normal
  normal=$(tmux capture-pane -p -S - -t "$SESSION")
  grep -qF "Program crashed" <<<"$normal" || fail "SIG$sig: no crash message on the normal screen"
  ! grep -qF "1 Top" <<<"$normal" || fail "SIG$sig: the UI was drawn on the normal screen"
  until_ok "SIG$sig: tty modes not restored (want icanon echo)" tty_modes
  tmux kill-session -t "$SESSION" 2>/dev/null
}
crash SEGV 139
crash ABRT 134
tmux kill-server 2>/dev/null
echo "PASS"
