#!/usr/bin/env bash
# Records golden reports from `go tool pprof` (Go 1.19) for every case in
# Fixtures/goldens/MANIFEST.tsv. Never hand-edit a golden: change the manifest
# or the fixtures and re-run this (`make goldens`).
#
# MANIFEST.tsv: one case per line, `<golden file name><TAB><args>`; args are
# separated by single spaces, unquoted, with paths relative to the repo root,
# exactly as they'd be passed to `go tool pprof` (and to pprof-tui).
# An argument `<path` is not passed on: the file at path becomes pprof's stdin
# (a line-mode shell session); otherwise stdin is /dev/null.
# For each case this writes, run from the repo root with TZ=UTC:
#   Fixtures/goldens/<name>          stdout
#   Fixtures/goldens/<name>.exit     pprof's exit code, only when non-zero
#   Fixtures/goldens/<name>.stderr   stderr, when the exit code is non-zero or stderr is not empty
# Usage: scripts/record-goldens.sh [name-substring]   (default: all cases)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=Fixtures/goldens
manifest=$dir/MANIFEST.tsv
only=${1:-}
command -v go >/dev/null || { echo "go is required (scripts/install-deps.sh test)" >&2; exit 1; }

export TZ=UTC LC_ALL=C
# Keep pprof from finding binaries or settings of this machine.
export PPROF_BINARY_PATH=/nonexistent PPROF_TMPDIR=$(mktemp -d) PPROF_TOOLS=
export HOME=$PPROF_TMPDIR
trap 'rm -rf "$PPROF_TMPDIR"' EXIT

n=0
while IFS=$'\t' read -r name argline || [ -n "$name" ]; do
  [ -z "$name" ] && continue
  if [ -n "$only" ] && [[ "$name" != *"$only"* ]]; then continue; fi
  read -r -a words <<<"$argline"
  args=() input=/dev/null
  for w in "${words[@]}"; do
    if [[ "$w" == '<'* ]]; then input=${w#<}; else args+=("$w"); fi
  done
  out=$dir/$name
  rm -f "$out" "$out.exit" "$out.stderr"
  set +e
  go tool pprof "${args[@]}" >"$out" 2>"$out.stderr.tmp" <"$input"
  rc=$?
  set -e
  if [ $rc -ne 0 ]; then
    echo "$rc" >"$out.exit"
    mv "$out.stderr.tmp" "$out.stderr"
  elif [ -s "$out.stderr.tmp" ]; then
    mv "$out.stderr.tmp" "$out.stderr"
  else
    rm -f "$out.stderr.tmp"
  fi
  n=$((n + 1))
done <"$manifest"
echo "recorded $n goldens in $dir" >&2
