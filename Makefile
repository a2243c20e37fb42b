SHELL := /bin/bash
# pprof-tui — see README.md. `make run` opens the TUI on a bundled profile; `make test` runs all tests.
SWIFT ?= swift
FIXTURE ?= Fixtures/profiles/cpu.pb.gz
FUZZ_SECONDS ?= 600

.PHONY: all build deps deps-build run test hostile bench fuzz fuzz-smoke goldens check clean

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
	@# Timing-sensitive suites (live HTTP deadlines, the app's live poller, the tmux end-to-end
	@# run) get their own processes: CPU-heavy suites would hold both threads of the test
	@# runner's pool on a 2-core machine, and the poller's tasks run on that pool too.
	set -o pipefail; $(SWIFT) test --skip-build --skip PprofLiveTests --skip 'PprofTUITests\.LiveTests' --skip EndToEndTests 2>&1 | tee .build/test.log
	set -o pipefail; $(SWIFT) test --skip-build --filter 'PprofLiveTests|PprofTUITests\.LiveTests' 2>&1 | tee .build/test-live.log
	set -o pipefail; $(SWIFT) test --skip-build --filter EndToEndTests 2>&1 | tee .build/test-e2e.log
	$(MAKE) hostile

# The hostile-input regression set (issue #12): every scripts/hostile/gen_*.py case against the
# release binary (scripts/hostile/replay.py; HOSTILE_ARGS='--only smoke/' for a subset).
hostile:
	$(SWIFT) build -c release --product pprof-tui
	set -o pipefail; python3 scripts/hostile/replay.py $(HOSTILE_ARGS) 2>&1 | tee .build/test-hostile.log

bench: deps
	scripts/bench.sh

fuzz: deps-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

fuzz-smoke: deps-build
	FUZZ_SECONDS=30 scripts/fuzz.sh

goldens: deps
	scripts/record-goldens.sh

check: test
	scripts/check-imports.sh
	$(SWIFT) format lint --strict -r Sources Tests

clean:
	rm -rf .build .build-*
