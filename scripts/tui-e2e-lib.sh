# Shared helpers of the tmux end-to-end scripts (sourced; the caller defines tmux() on its
# private socket and sets SESSION). No fixed waits: every step polls the screen until what it
# needs shows, up to a generous deadline (E2E_TIMEOUT seconds, default 10), so a loaded machine
# only makes it slower.
TIMEOUT=${E2E_TIMEOUT:-10}
fail() { echo "FAIL: $*"; echo "--- screen:"; tmux capture-pane -p -t "$SESSION" 2>/dev/null; tmux kill-server 2>/dev/null; exit 1; }
screen() { tmux capture-pane -p -t "$SESSION"; }
# until_ok DESCRIPTION COMMAND...: poll COMMAND until it succeeds or the deadline passes.
until_ok() {
  local what=$1; shift
  local end=$((SECONDS + TIMEOUT + 1))
  while [ "$SECONDS" -lt "$end" ]; do "$@" && return 0; sleep 0.1; done
  "$@" && return 0
  fail "$what (waited ${TIMEOUT}s)"
}
on_screen() { screen | grep -qF -- "$1"; }
off_screen() { ! screen | grep -qF -- "$1"; }
# expect TEXT: wait for TEXT on screen.
expect() { until_ok "expected '$1'" on_screen "$1"; }
# expect_gone TEXT: wait until TEXT is no longer on screen.
expect_gone() { until_ok "'$1' still on screen" off_screen "$1"; }
# keys: send keys; the app reads them in order, and each step waits on the screen it leads to.
keys() { tmux send-keys -t "$SESSION" "$@"; }
# start_session ARGS...: `tmux new-session ARGS...`, retried until the deadline: a tmux server
# sometimes exits while starting on a loaded machine ("server exited unexpectedly").
start_session() {
  local end=$((SECONDS + TIMEOUT + 1))
  while [ "$SECONDS" -lt "$end" ]; do
    tmux new-session "$@" 2>/dev/null && return 0
    tmux kill-session -t "$SESSION" 2>/dev/null
    sleep 0.2
  done
  tmux new-session "$@" || fail "tmux new-session (waited ${TIMEOUT}s)"
}
