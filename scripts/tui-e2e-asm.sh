#!/usr/bin/env bash
# End-to-end test of the Source pane's annotated assembly under tmux: builds the binary
# fixtures (scripts/build-binary-fixtures.sh), opens the address-only profile of the C program,
# presses `a` on Top's first function (work), checks the routine and its instructions with
# costs show and the cursor starts on the hottest instruction, then steps with n/N.
# Exit 77 = skipped (no tmux, gcc, binutils or binary), with the reason on stdout.
set -u
CHECK=
[ "${1:-}" = --check ] && { CHECK=1; shift; }
BIN=${1:-${PPROF_TUI_BIN:-.build/debug/pprof-tui}}
SESSION=pprof-e2e-asm-$$
SOCKET=${E2E_TMUX_SOCKET:-pprof-e2e-asm-$$}
tmux() { command tmux -L "$SOCKET" "$@"; }
for t in tmux gcc objdump nm python3; do command -v $t >/dev/null || { echo "skip: $t not installed"; exit 77; }; done
[ -x "$BIN" ] || { echo "skip: $BIN not built"; exit 77; }
[ -n "$CHECK" ] && exit 0
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
DIR=$(mktemp -d)
export XDG_STATE_HOME=$DIR/state HOME=$DIR PPROF_BINARY_PATH=/nonexistent
trap 'command tmux -L "$SOCKET" kill-session -t "$SESSION" 2>/dev/null; rm -rf "$DIR"' EXIT
scripts/build-binary-fixtures.sh "$DIR/b" >/dev/null || { echo "FAIL: building the binary fixtures"; exit 1; }

. "$(dirname "$0")/tui-e2e-lib.sh"
# The selected row is drawn in reverse video: the line holding TEXT must carry it.
selected_has() { tmux capture-pane -e -p -t "$SESSION" | grep -F -- "$1" | grep -q $'\e\\[[0-9;]*7[;m]'; }

cd "$DIR/b"
start_session -d -s "$SESSION" -x 120 -y 40 "LANG=C.UTF-8 TERM=xterm-256color $BIN -trim_path=/pprof-fixtures -source_path=$DIR/b hot.pb.gz; echo E2E-EXIT=\$?; sleep 300"
expect "flat%"
expect "work"
keys a
expect "ROUTINE work"
expect "disasm work"
# The source line above the hot instructions, read through -source_path.
expect "hot.c:9"
expect "s += i * i;"
# The cursor starts on the hottest instruction (650ms, the imul of line 9).
until_ok "hottest instruction selected" selected_has "650ms"
keys n
expect "instruction 2 of 4 by cost"
until_ok "second instruction selected" selected_has "300ms"
keys N
expect "instruction 1 of 4 by cost"
until_ok "back on the hottest" selected_has "650ms"
# Back to the source listing and out.
keys a
expect "list work"
keys q
expect "E2E-EXIT=0"
echo PASS
