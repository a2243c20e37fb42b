#!/usr/bin/env bash
# Benchmarks pprof-tui against `go tool pprof` and `zcat` on the large synthetic
# profile (1.4M samples, ~20k functions, ~50 MB gzipped). Run by `make bench`.
#
# Measures, one after the other, wall time and peak RSS (GNU time '%e %M') of
#   1. go tool pprof -top -nodecount=20 <profile>
#   2. .build/release/pprof-tui -top -nodecount=20 <profile>
#   3. zcat <profile> > /dev/null
# checks that pprof-tui prints exactly what pprof prints, and checks the targets:
#   pprof-tui time <= pprof time / 30, peak RSS <= pprof RSS / 5, time <= 4 x zcat time.
# Exits non-zero if any check fails.
#
# Environment:
#   BENCH_PROFILE=path      profile to use (default Fixtures/large/synthetic.pb.gz, generated if missing)
#   BENCH_REUSE_PPROF=1     reuse pprof's figures and output from an earlier run on the same file
#                           (pprof takes minutes and several GB); default is to measure it afresh
#   BENCH_SKIP_BUILD=1      don't run `swift build` (use the existing release binary)
#
# Other benchmarks: append them in the marked section at the end of this file, or drop a
# script into scripts/bench.d/*.sh (sourced in name order). Both may use `measure` and `check`.
set -euo pipefail
# pprof-tui compares with this machine's go tool pprof (Go 1.19): its switch (issue #18).
export PPROF_COMPAT=go1.19
cd "$(dirname "$0")/.."

profile=${BENCH_PROFILE:-Fixtures/large/synthetic.pb.gz}
tui=.build/release/pprof-tui
work=.build/bench
mkdir -p "$work"
export TZ=UTC LC_ALL=C

# GNU time is what measures peak RSS; install it once if missing (Debian package `time`).
if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends time >/dev/null
fi

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  swift build -c release --product pprof-tui
fi
if [ "$profile" = Fixtures/large/synthetic.pb.gz ]; then
  scripts/gen-synthetic.sh
fi
[ -s "$profile" ] || { echo "bench: profile $profile is missing" >&2; exit 1; }

failures=0

# measure LABEL CMD...  runs CMD with stdout to $work/LABEL.out and stderr to
# $work/LABEL.err; sets TIME_S (wall seconds), RSS_KB (peak RSS) and RC (exit code).
measure() {
  local label=$1
  shift
  set +e
  /usr/bin/time -f '%e %M' -o "$work/$label.time" "$@" >"$work/$label.out" 2>"$work/$label.err"
  RC=$?
  set -e
  # GNU time prefixes "Command exited with non-zero status N" when the command fails.
  read -r TIME_S RSS_KB < <(tail -n 1 "$work/$label.time")
  printf '%-28s %8.2f s %10d KB  (exit %d)\n' "$label" "$TIME_S" "$RSS_KB" "$RC"
}

# check DESCRIPTION AWK-CONDITION  prints PASS/FAIL; a failure makes the script exit non-zero.
check() {
  if awk "BEGIN { exit !($2) }"; then
    echo "PASS  $1"
  else
    echo "FAIL  $1"
    failures=$((failures + 1))
  fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "inf"; else printf "%.3f", a / b }'; }

echo "profile: $profile ($(stat -c %s "$profile") bytes)"

# Call the pprof tool binary directly when we can, so `go`'s own start-up is not counted.
pprof_cmd=(go tool pprof)
tooldir=$(go env GOTOOLDIR 2>/dev/null || true)
[ -n "$tooldir" ] && [ -x "$tooldir/pprof" ] && pprof_cmd=("$tooldir/pprof")

stamp="$(stat -c '%s %Y' "$profile") $profile"
if [ "${BENCH_REUSE_PPROF:-0}" = 1 ] && [ -f "$work/pprof.stamp" ] &&
  [ "$(cat "$work/pprof.stamp")" = "$stamp" ] && [ -f "$work/pprof.time" ]; then
  read -r TIME_S RSS_KB < <(tail -n 1 "$work/pprof.time")
  RC=0
  printf '%-28s %8.2f s %10d KB  (reused)\n' pprof "$TIME_S" "$RSS_KB"
else
  rm -f "$work/pprof.stamp"
  measure pprof "${pprof_cmd[@]}" -top -nodecount=20 "$profile"
  [ "$RC" -eq 0 ] && echo "$stamp" >"$work/pprof.stamp"
fi
pprof_time=$TIME_S pprof_rss=$RSS_KB pprof_rc=$RC

measure pprof-tui "$tui" -top -nodecount=20 "$profile"
tui_time=$TIME_S tui_rss=$RSS_KB tui_rc=$RC

measure zcat zcat "$profile"
zcat_time=$TIME_S

echo
echo "time   pprof-tui/pprof = $(ratio "$tui_time" "$pprof_time")  (target <= 1/30 = 0.033)"
echo "memory pprof-tui/pprof = $(ratio "$tui_rss" "$pprof_rss")  (target <= 1/5 = 0.200)"
echo "time   pprof-tui/zcat  = $(ratio "$tui_time" "$zcat_time")  (target <= 4)"
check "pprof ran" "$pprof_rc == 0"
check "pprof-tui ran" "$tui_rc == 0"
# A run that failed proves nothing about speed, so the targets need both runs to succeed.
ok="$pprof_rc == 0 && $tui_rc == 0"
check "pprof-tui time <= pprof time / 30" "$ok && $tui_time * 30 <= $pprof_time"
check "pprof-tui peak RSS <= pprof peak RSS / 5" "$ok && $tui_rss * 5 <= $pprof_rss"
check "pprof-tui time <= 4 x zcat time" "$ok && $tui_time <= 4 * $zcat_time"
if diff -u "$work/pprof.out" "$work/pprof-tui.out" >"$work/top.diff"; then
  check "pprof-tui -top output equals pprof's" 1
else
  head -n 40 "$work/top.diff"
  check "pprof-tui -top output equals pprof's (diff in $work/top.diff)" 0
fi

# Drop-in benchmark scripts from other parts of the project.
for extra in scripts/bench.d/*.sh; do
  [ -e "$extra" ] || continue
  echo
  echo "== $extra"
  # shellcheck source=/dev/null
  source "$extra"
done

# ======================= ADDITIONAL BENCHMARKS (append below) =======================
# Add further benchmarks here (e.g. a TUI redraw benchmark). Available:
#   measure LABEL CMD...        -> TIME_S, RSS_KB, RC; output in $work/LABEL.out
#   check "description" "AWK-CONDITION"
#   $profile, $tui, $work, $pprof_time, $pprof_rss, $tui_time, $tui_rss, $zcat_time
# Keep this section above the summary below.

# ===================== END OF ADDITIONAL BENCHMARKS =====================

echo
if [ "$failures" -ne 0 ]; then
  echo "bench: $failures check(s) failed"
  exit 1
fi
echo "bench: all checks passed"
