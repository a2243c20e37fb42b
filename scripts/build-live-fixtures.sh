#!/usr/bin/env bash
# Builds the Go programs that live-mode tests run (a net/http/pprof service and a fault server)
# into .build-live-fixtures/ (gitignored). Prints the output directory. Rebuilds only when a
# source is newer than its binary.
# Usage: scripts/build-live-fixtures.sh [outdir]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/.build-live-fixtures}"
command -v go >/dev/null || { echo "build-live-fixtures: 'go' not found (run scripts/install-deps.sh)" >&2; exit 3; }
mkdir -p "$out"
export GOCACHE="${GOCACHE:-$out/gocache}" GO111MODULE=off
for prog in service faults; do
  src="$root/Fixtures/live/$prog/main.go"
  bin="$out/$prog"
  if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ]; then
    (cd "$root/Fixtures/live/$prog" && go build -o "$bin.tmp" main.go) && mv "$bin.tmp" "$bin"
  fi
done
echo "$out"
