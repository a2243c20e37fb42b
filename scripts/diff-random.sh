#!/usr/bin/env bash
# Random-profile differential check: scripts/gen-random-profiles.py writes COUNT profiles,
# then go tool pprof and pprof-tui run the same reports on each; differing cases are listed
# and kept under $OUT (default /tmp/diff-random).
# Usage: scripts/diff-random.sh [count] [seed] [binary]
set -uo pipefail
# pprof-tui compares with this machine's go tool pprof (Go 1.19): its switch (issue #18).
export PPROF_COMPAT=go1.19
cd "$(dirname "$0")/.."
count=${1:-100} seed=${2:-1} bin=${3:-.build-diff/release/pprof-tui}
out=${OUT:-/tmp/diff-random}
[ -x "$bin" ] || { echo "no binary at $bin" >&2; exit 2; }
export TZ=UTC LC_ALL=C PPROF_BINARY_PATH=/nonexistent PPROF_TOOLS=
export PPROF_TMPDIR=$(mktemp -d); export HOME=$PPROF_TMPDIR
trap 'rm -rf "$PPROF_TMPDIR"' EXIT
rm -rf "$out"; mkdir -p "$out/profiles" "$out/cases"
python3 scripts/gen-random-profiles.py "$out/profiles" "$count" "$seed"
flagsets=("-top" "-top -cum" "-tree" "-traces" "-tags" "-raw" "-peek=." "-top -lines" "-top -addresses"
  "-top -noinlines" "-top -sample_index=1" "-top -mean" "-top -unit=auto" "-top -focus=main|java"
  "-top -hide=runtime" "-tree -nodefraction=0 -edgefraction=0" "-top -files" "-top -tagfocus=1kb:"
  "-traces -lines" "-top -nodecount=2" "-top -show_from=main" "-dot")
total=0 failed=0
for p in "$out"/profiles/*.pb.gz; do
  for fs in "${flagsets[@]}"; do
    read -r -a fa <<<"$fs"
    d=$out/cases/$(printf '%05d' $total); mkdir -p "$d"
    go tool pprof "${fa[@]}" "$p" >"$d/go.out" 2>"$d/go.err" </dev/null; echo $? >"$d/go.rc"
    GOROOT=/nonexistent "$bin" "${fa[@]}" "$p" >"$d/us.out" 2>"$d/us.err" </dev/null; echo $? >"$d/us.rc"
    total=$((total + 1)) what=""
    cmp -s "$d/go.rc" "$d/us.rc" || what+=" exit"
    if ! cmp -s "$d/go.out" "$d/us.out"; then
      if [ "$fs" = -dot ] && cmp -s <(sort "$d/go.out") <(sort "$d/us.out"); then :; else what+=" stdout"; fi
    fi
    cmp -s "$d/go.err" "$d/us.err" || what+=" stderr"
    if [ -n "$what" ]; then
      failed=$((failed + 1)); echo "$fs $p" >"$d/label"
      printf '%s\t%s\t%s %s\n' "$(basename "$d")" "$what" "$fs" "$p"
    else
      rm -rf "$d"
    fi
  done
done
echo "total: $failed of $total cases differ (outputs in $out/cases)"
