#!/usr/bin/env bash
# Re-records Fixtures/demangle/cases.tsv: Go 1.19's vendored demangle.Filter
# output for every symbol in Fixtures/demangle/inputs.txt under each of pprof's
# demangler modes (default, templates, full, none). The Swift tests read the
# committed table and never need Go.
#
# The generator imports github.com/ianlancetaylor/demangle, which is only
# reachable from inside GOROOT's cmd module (it is vendored there), so it is run
# with that directory as the working directory; nothing is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
cmd="$(go env GOROOT)/src/cmd"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp Fixtures/demangle/gen/main.go "$tmp/main.go"
(cd "$cmd" && GOFLAGS=-mod=vendor go run "$tmp/main.go") < Fixtures/demangle/inputs.txt > "$tmp/cases.tsv"
mv "$tmp/cases.tsv" "$root/Fixtures/demangle/cases.tsv"
echo "recorded $(grep -vc '^#' Fixtures/demangle/cases.tsv) demangle cases"
