#!/usr/bin/env bash
# Builds the large synthetic benchmark profile Fixtures/large/synthetic.pb.gz
# (gitignored; about 50 MB, 1.4 million samples) if it is missing. Needs Go.
# Deterministic: the same seed gives the same bytes with the same Go version.
# Usage: scripts/gen-synthetic.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/.."
out=Fixtures/large/synthetic.pb.gz
if [ -s "$out" ] && [ "${1:-}" != --force ]; then
  exit 0
fi
mkdir -p Fixtures/large
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
export GOFLAGS=-mod=mod GOPROXY=off
(cd Fixtures/gen/synthetic && go build -trimpath -o "$bin/synthetic" .)
echo "generating $out ..." >&2
"$bin/synthetic" -seed 1 -o Fixtures/large/synthetic.tmp.pb.gz
mv Fixtures/large/synthetic.tmp.pb.gz "$out"
ls -l "$out" >&2
