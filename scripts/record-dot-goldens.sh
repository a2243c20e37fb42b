#!/usr/bin/env bash
# Records the `-dot` goldens from `go tool pprof` (Go 1.19) for every case in
# Fixtures/goldens/dot/MANIFEST.tsv (`<golden name><TAB><space-separated args>`, paths
# relative to the repo root). Only stdout is kept: the DOT text. Never hand-edit a golden.
# Usage: scripts/record-dot-goldens.sh [name-substring]   (default: all cases)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=Fixtures/goldens/dot
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
  [[ "$name" == \#* ]] && continue
  if [ -n "$only" ] && [[ "$name" != *"$only"* ]]; then continue; fi
  read -r -a args <<<"$argline"
  if ! go tool pprof "${args[@]}" >"$dir/$name" 2>/dev/null </dev/null; then
    echo "go tool pprof failed for $name ($argline)" >&2
    exit 1
  fi
  n=$((n + 1))
done <"$manifest"
echo "recorded $n dot goldens in $dir" >&2
