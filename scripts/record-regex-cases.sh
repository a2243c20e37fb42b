#!/usr/bin/env bash
# Re-records the GoRegex fixtures from the local Go toolchain (Go 1.19):
#   Fixtures/regex/cases.tsv                        Go's regexp results for Fixtures/regex/inputs.tsv
#   Sources/GoRegex/GoRegex+UnicodeTables.swift  Go's Unicode categories, scripts and case folding
# The Swift tests read the committed files and never need Go.
set -euo pipefail
cd "$(dirname "$0")/.."
export GO111MODULE=off
go run Fixtures/regex/tablegen/main.go > Sources/GoRegex/GoRegex+UnicodeTables.swift.tmp
mv Sources/GoRegex/GoRegex+UnicodeTables.swift.tmp Sources/GoRegex/GoRegex+UnicodeTables.swift
go run Fixtures/regex/gen/main.go < Fixtures/regex/inputs.tsv > Fixtures/regex/cases.tsv.tmp
mv Fixtures/regex/cases.tsv.tmp Fixtures/regex/cases.tsv
echo "recorded $(grep -vc '^#' Fixtures/regex/cases.tsv) regex cases"
