#!/usr/bin/env bash
# End-to-end test of issue #16's panes under tmux, on real Go profiles of Fixtures, against what
# `go tool pprof` printed for the same request (its recorded goldens) and against the batch:
#  - Sandwich: a function called from two places (cpu's runtime.mallocgc) and one called from
#    three (labels' main.spin) show every caller and callee of `-peek`, with its numbers;
#  - Tags: two tenants picked give the Top of `-tagfocus=tenant=acme|globex`; two neighbouring
#    numeric buckets (heap's bytes 56kB and 64kB) the Top of `-tagfocus=bytes=56kb:64kb`;
#  - my code (module found from go.mod on -source_path): m leaves only own frames and one
#    "(not my code)" row, summing to the total, the rows of batch `-mine`; M the opposite;
#  - all three at 80x24 and 60x20, on a merged and a -base profile.
# Exit 77 = skipped (no tmux / binary), with the reason on stdout.
set -u
BIN=${1:-${PPROF_TUI_BIN:-.build/debug/pprof-tui}}
SOCKET=${E2E_TMUX_SOCKET:-pprof-e2e-views-$$}
tmux() { command tmux -L "$SOCKET" "$@"; }
command -v tmux >/dev/null || { echo "skip: tmux not installed"; exit 77; }
[ -x "$BIN" ] || { echo "skip: $BIN not built"; exit 77; }
XDG_STATE_HOME=$(mktemp -d)
export XDG_STATE_HOME TZ=UTC
trap 'command tmux -L "$SOCKET" kill-server 2>/dev/null; rm -rf "$XDG_STATE_HOME"' EXIT
. "$(dirname "$0")/tui-e2e-lib.sh"
G=Fixtures/goldens
P=Fixtures/profiles

# start NAME WIDTH HEIGHT ARGS...: the explorer in a new session.
start() {
  SESSION=pprof-e2e-views-$$-$1
  local w=$2 h=$3
  shift 3
  local args
  printf -v args '%q ' "$@"
  # A tmux server killed just before (the previous script's) can make the first start fail
  # with "server exited unexpectedly": tried again, up to the deadline.
  start_session -d -s "$SESSION" -x "$w" -y "$h" "LANG=C.UTF-8 TERM=xterm-256color $BIN $args; echo E2E-EXIT=\$?; sleep 300"
  expect "1 Top"
  expect "flat"
}
quit() { keys q; expect "E2E-EXIT=0"; tmux kill-session -t "$SESSION" 2>/dev/null; }
# Screen rows that are Top rows (a value, a percentage, ...), leading blanks dropped.
top_rows() { screen | sed -n '3,$p' | grep -E '^ *(-?[0-9.]+[a-zA-Z]*|0) +-?[0-9.]+% ' | sed 's/^ *//; s/ *$//'; }
# The rows of a -top report (after its column header), leading blanks dropped.
report_rows() { sed -n '/flat  flat%   sum%        cum   cum%/,$p' "$1" | sed '1d; s/^ *//; s/ *$//'; }
same_rows() { diff <(top_rows) <(report_rows "$1") >/dev/null; }
# sandwich_is GOLDEN CENTRE: every caller and callee line of the recorded `-peek` is on screen
# (its value, ↑ or ↓, its name), and the centre with the golden's flat and cum.
sandwich_has() {
  local golden=$1 centre=$2 before=1 line value name flat cum
  while IFS= read -r line; do
    case $line in
      *"| $centre")
        before=0
        read -r flat _ _ cum _ <<<"$line"
        screen | grep -qE "^ *$cum +[0-9.]+% +$flat +● $centre\$" || return 1 ;;
      *"|   "*)
        value=$(sed -E 's/^ *([^ ]+) .*/\1/' <<<"$line")
        name=$(sed -E 's/.*\|   //; s/ \(inline\)$//' <<<"$line")
        local arrow='↑'
        [ $before = 0 ] && arrow='↓'
        screen | grep -F -- "$arrow $name" | grep -qE "^ *$value " || return 1 ;;
    esac
  done <"$golden"
}

# Sandwich against go tool pprof -peek.
start peek 120 40 "$P/cpu.pb.gz"
keys / '^runtime\.mallocgc$' Enter
expect "1 match"
keys 6
expect "● runtime.mallocgc"
until_ok "Sandwich of runtime.mallocgc is not -peek's ($G/cpu.peek=runtime.mallocgc.txt)" sandwich_has "$G/cpu.peek=runtime.mallocgc.txt" runtime.mallocgc
# Unfolding a caller one level: its own callers, indented.
keys g Right
expect "▾↑ runtime.makeslice"
expect "  ▸↑ "
keys Left
expect "▸↑ runtime.makeslice"
quit
start spin 120 40 "$P/labels.pb.gz"
keys / '^main\.spin$' Enter 6
expect "● main.spin"
until_ok "Sandwich of main.spin is not -peek's" sandwich_has "$G/labels.peek=main.spin.txt" main.spin
quit

# Tags: two string values, then two numeric buckets, against -tagfocus's recorded Top.
start tags 120 40 "$P/labels.pb.gz"
keys 7
expect "tenant: Total"
keys / '^acme$' Enter Space / '^globex$' Enter Space
expect "2 picked"
keys Enter
expect "tagfocus=tenant=^(?:acme|globex)$"
keys 1
until_ok "Top of the picked tenants is not -tagfocus=tenant=acme|globex's" same_rows "$G/labels.top.tagfocus=tenant=acme_globex.txt"
keys r
expect "filters reset"
quit
start bytes 120 40 "$P/heap.pb.gz"
keys 7
expect "bytes: Total (numeric, bytes)"
keys / '^56kB$' Enter Space / '^64kB$' Enter Space Enter
expect "tagfocus=bytes=57344bytes:65536bytes"
keys 1
until_ok "Top of bytes 56kB+64kB is not -tagfocus=bytes=56kb:64kb's" same_rows "$G/heap.top.tagfocus=bytes=56kb_64kb.txt"
quit

# My code: found from go.mod; m leaves own rows and "(not my code)", summing to the total, as
# batch -mine prints them; M keeps only the others; m again restores.
HEAP_SRC=Fixtures/src/example.com/fixtures/heap
start mine 160 40 -nodefraction=0 -source_path=$HEAP_SRC "$P/heap.pb.gz"
keys m
expect "my code only"
expect "(not my code)"
MINE=$(mktemp)
"$BIN" -top -nodefraction=0 "-mine=^(?:main\\.|example\\.com/fixtures/heap[./])" "$P/heap.pb.gz" >"$MINE" 2>/dev/null || fail "batch -mine"
until_ok "m's Top is not batch -mine's" same_rows "$MINE"
# The names of the Top's rows at any width (the value columns, then the diff mark, dropped).
top_names() { screen | sed '1,2d' | head -n -2 | grep -v '^ *$' | sed -E 's/^ *((-?[0-9.]+[a-zA-Z]*%?|0) +)+//; s/^[+-]//'; }
own_only() { ! top_names | grep -vE '^main\.|^\(not my code\)$' | grep -q .; }
until_ok "a library frame is left after m" own_only
screen | grep -qE "Showing nodes accounting for ([0-9.]+kB), 100% of \1 total" || fail "m's rows do not sum to the total"
[ "$(top_rows | tail -1 | awk '{print $3}')" = "100%" ] || fail "m's last sum% is not 100%"
keys M
expect "library frames only"
until_ok "M left an own frame" eval '! top_names | grep -q "^main\\."'
keys M
expect "all frames back"
rm -f "$MINE"
quit

# Merged and -base profiles at 80x24 and 60x20: the three work and their keys are in the hints.
small() {
  local w=$1 h=$2
  shift 2
  start "small-$w" "$w" "$h" -mine='^main\.' "$@"
  keys 6
  expect "● "
  expect "← fold"
  keys g Right
  expect "▾↑"
  keys 7
  expect "bytes: Total"
  expect "Space pick"
  keys Space Enter
  expect "tagfocus=bytes="
  keys 1 r m
  expect "my code only"
  until_ok "a library frame is left after m at ${w}x$h" own_only
  expect "m mine"
  quit
}
small 80 24 "$P/leak-1.pb.gz" "$P/leak-2.pb.gz" "$P/leak-3.pb.gz"
small 60 20 -base "$P/leak-1.pb.gz" "$P/leak-4.pb.gz"
tmux kill-server 2>/dev/null
echo "PASS"
