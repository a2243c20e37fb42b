SHELL := /bin/bash
# pprof-tui — see README.md. `make run` opens the TUI on a bundled profile; `make test` runs all tests.
SWIFT ?= swift
FIXTURE ?= Fixtures/profiles/cpu.pb.gz
FUZZ_SECONDS ?= 600

.PHONY: all build deps deps-build run test hostile upstream bench fuzz fuzz-smoke record goldens check clean

all: build

deps-build:
	@scripts/install-deps.sh build

deps:
	@scripts/install-deps.sh test

build: deps-build
	$(SWIFT) build

run: deps-build
	$(SWIFT) build -c release --product pprof-tui
	.build/release/pprof-tui $(ARGS)

test: deps
	scripts/check-imports.sh
	$(SWIFT) build --build-tests
	@mkdir -p .build
	set -o pipefail; $(SWIFT) test --skip-build 2>&1 | tee .build/test.log
	$(MAKE) hostile
	$(MAKE) upstream

# The hostile-input regression set (issue #12): every scripts/hostile/gen_*.py case against the
# release binary (scripts/hostile/replay.py; HOSTILE_ARGS='--only smoke/' for a subset).
hostile:
	$(SWIFT) build -c release --product pprof-tui
	set -o pipefail; python3 scripts/hostile/replay.py $(HOSTILE_ARGS) 2>&1 | tee .build/test-hostile.log

# Upstream pprof's own suite (issue #18): TestParse's reproducible cases and report_test's list
# case, by default (current upstream), against upstream's goldens in Fixtures/upstream/goldens.
upstream:
	$(SWIFT) build -c release --product pprof-tui
	set -o pipefail; scripts/upstream/check.sh 2>&1 | tee .build/test-upstream.log

bench: deps
	scripts/bench.sh

fuzz: deps-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

fuzz-smoke: deps-build
	FUZZ_SECONDS=30 scripts/fuzz.sh

# Re-records every golden family: pprof's reports, the legacy and -dot goldens (go tool pprof),
# the demangle and regex cases (Go's own packages), then, under PPROF_RECORD=1, the screen goldens
# and docs/KEYS.md. Recording fails the test that records, so this run always fails: review
# `git diff`, then `make test`.
record: deps
	scripts/record-goldens.sh
	scripts/record-legacy-goldens.sh
	scripts/record-dot-goldens.sh
	scripts/record-demangle-cases.sh
	scripts/record-regex-cases.sh
	$(SWIFT) build --build-tests
	PPROF_RECORD=1 $(SWIFT) test --skip-build > .build/record.log 2>&1; tail -3 .build/record.log
	@echo "make record: every golden family re-recorded; this run fails by design: review git diff, then make test" >&2
	@exit 1

goldens: record

check: test
	scripts/check-imports.sh
	$(SWIFT) format lint --strict -r Sources Tests

clean:
	rm -rf .build .build-*
