#!/usr/bin/env bash
# `make test`'s check against upstream pprof's own suite (issue #18): every TestParse case (and
# report_test's list case) reproducible from a file, run by the release binary with the default
# (current upstream) output, must equal upstream's golden in Fixtures/upstream/goldens byte for
# byte. Then the same cases in TestParse's two passes (our -proto / -topproto writers make the
# input of the second), except all_frames (case 11), which a two-pass run cannot reproduce
# (pass 1 prunes already; see compare.sh -2). Exits non-zero on any failure.
# Usage: scripts/upstream/check.sh [-v]
set -uo pipefail
cd "$(dirname "$0")/../.."
status=0
scripts/upstream/compare.sh -G Fixtures/upstream/goldens "$@" || status=1
mapfile -t ids < <(awk -F'\t' '!/^#/ && NF > 3 && $7 == "file" && $1 != "11" { print $1 }' Fixtures/upstream/cases.tsv)
scripts/upstream/compare.sh -2 -G Fixtures/upstream/goldens "$@" "${ids[@]}" || status=1
exit $status
