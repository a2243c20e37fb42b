#!/usr/bin/env bash
# `make test`'s check against upstream pprof's own suite (issue #18): every TestParse case (and
# report_test's list case) reproducible from a file, run by the release binary with the default
# (current upstream) output, must equal upstream's golden in Fixtures/upstream/goldens byte for
# byte. Exits non-zero on any failure. Usage: scripts/upstream/check.sh [-v] [ID...]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec scripts/upstream/compare.sh -G Fixtures/upstream/goldens "$@"
