#!/usr/bin/env bash
# Records `go tool pprof` (Go 1.19) output for the legacy-format fixtures in
# Fixtures/legacy/ (gperftools CPU, text heap/contention/thread/count, Java).
# Never hand-edit a golden: change Fixtures/legacy/goldens/MANIFEST.tsv or the
# fixtures (binary ones come from Fixtures/legacy/gen/make_cpu.py) and re-run.
#
# MANIFEST.tsv: `<golden name><TAB><args>`, args separated by single spaces,
# paths relative to the repo root. For each case, run from the repo root:
#   Fixtures/legacy/goldens/<name>          stdout
#   Fixtures/legacy/goldens/<name>.exit     exit code, only when non-zero
#   Fixtures/legacy/goldens/<name>.stderr   stderr, only when the exit code is non-zero
# Usage: scripts/record-legacy-goldens.sh [name-substring]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=Fixtures/legacy/goldens
manifest=$dir/MANIFEST.tsv
only=${1:-}
command -v go >/dev/null || { echo "go is required" >&2; exit 1; }
command -v python3 >/dev/null && python3 Fixtures/legacy/gen/make_cpu.py

export TZ=UTC LC_ALL=C
# The fixtures name binaries that do not exist, so local symbolization fails (stderr only).
export PPROF_BINARY_PATH=/nonexistent PPROF_TMPDIR=$(mktemp -d) PPROF_TOOLS=
export HOME=$PPROF_TMPDIR
trap 'rm -rf "$PPROF_TMPDIR"' EXIT

n=0
while IFS=$'\t' read -r name argline || [ -n "$name" ]; do
  [ -z "$name" ] && continue
  [[ "$name" == \#* ]] && continue
  if [ -n "$only" ] && [[ "$name" != *"$only"* ]]; then continue; fi
  read -r -a args <<<"$argline"
  out=$dir/$name
  rm -f "$out" "$out.exit" "$out.stderr"
  set +e
  go tool pprof "${args[@]}" >"$out" 2>"$out.stderr.tmp" </dev/null
  rc=$?
  set -e
  if [ $rc -ne 0 ]; then
    echo "$rc" >"$out.exit"
    mv "$out.stderr.tmp" "$out.stderr"
  else
    rm -f "$out.stderr.tmp"
  fi
  n=$((n + 1))
done <"$manifest"
echo "recorded $n goldens in $dir" >&2
