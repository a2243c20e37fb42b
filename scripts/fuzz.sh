#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for FUZZ_SECONDS (default 600).
#
#   FUZZ_SECONDS=30 scripts/fuzz.sh                 # smoke run (make fuzz-smoke)
#   FUZZ_TARGETS="FuzzDecode" scripts/fuzz.sh       # a subset
#   FUZZ_SCRATCH=/tmp/f scripts/fuzz.sh             # another scratch (build + grown corpora)
#   FUZZ_REV=HEAD scripts/fuzz.sh                   # fuzz a commit instead of the working tree
#   FUZZ_JOBS=3 scripts/fuzz.sh                     # the targets at once (one core each)
#
# The build and the seeds come from a snapshot taken at the start (the working tree's tracked and
# untracked-but-not-ignored files, or FUZZ_REV's tree) in SCRATCH/snapshot, so edits made while the
# fuzzers run neither break the build ("modified during the build") nor change the code under test.
#
# The fuzz targets exist only when the manifest sees PPROF_FUZZ=1, so ordinary builds never link
# them. Seeds come from Fixtures/ (profiles, bad and legacy inputs, their gunzipped protobuf, and
# the regression files) and from the hostile generators' cases (scripts/hostile/gen_*.py: inputs
# of at most 64 KiB and their gunzipped protobuf; their stdin scripts for FuzzSession); the grown corpus stays under the scratch folder and is never committed.
# Crashes, traps and hangs land in fuzz-artifacts/ (gitignored): add each to
# Fixtures/fuzz/regressions/<target>/ once fixed. Exits non-zero when any target found one.
set -uo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${FUZZ_SECONDS:-600}
FUZZ_TARGETS=${FUZZ_TARGETS:-"FuzzDecode FuzzReports FuzzSession"}
SCRATCH=${FUZZ_SCRATCH:-.build-fuzzer}
ARTIFACTS=${FUZZ_ARTIFACTS:-fuzz-artifacts}
# Per-input time limit: anything slower is a hang (the inputs are small; real work takes ms).
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-10}
SWIFT=${SWIFT:-swift}
FUZZ_REV=${FUZZ_REV:-}
SNAPSHOT="$SCRATCH/snapshot"

# The snapshot (see the top); tar keeps modification times, so unchanged files do not rebuild.
rm -rf "$SNAPSHOT" && mkdir -p "$SNAPSHOT" || exit 2
if [ -n "$FUZZ_REV" ]; then
    rev=$(git rev-parse --verify "$FUZZ_REV^{commit}") || { echo "fuzz: no commit $FUZZ_REV" >&2; exit 2; }
    git archive "$rev" | tar -xf - -C "$SNAPSHOT" || exit 2
    source_desc="commit $rev"
else
    git ls-files -z -co --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2>/dev/null \
        | tar -xf - -C "$SNAPSHOT" || exit 2
    source_desc="working tree at $(git rev-parse HEAD)"
    [ -n "$(git status --porcelain --untracked-files=no)" ] && source_desc+=" (with uncommitted changes)"
fi
echo "== fuzzing $source_desc" >&2
SCRATCH_ABS=$(cd "$SCRATCH" && pwd)
ARTIFACTS_ABS=$(mkdir -p "$ARTIFACTS" && cd "$ARTIFACTS" && pwd)

# gold fails on ASan-instrumented Swift objects ("internal error in format_file_lineno"): use lld.
BUILD_FLAGS=(--package-path "$SNAPSHOT" --scratch-path "$SCRATCH_ABS/build" -c release
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xswiftc -g)

for t in $FUZZ_TARGETS; do
    echo "== building $t" >&2
    if ! PPROF_FUZZ=1 "$SWIFT" build "${BUILD_FLAGS[@]}" --product "$t" >&2; then
        echo "fuzz: build of $t failed" >&2
        exit 2
    fi
done
BIN=$(PPROF_FUZZ=1 "$SWIFT" build "${BUILD_FLAGS[@]}" --show-bin-path)

# From here on everything reads the snapshot: seeds, dictionaries, FuzzSession's profile.
cd "$SNAPSHOT" || exit 2
SCRATCH=$SCRATCH_ABS
ARTIFACTS=$ARTIFACTS_ABS

# The hostile-input generators' cases (scripts/hostile/gen_*.py, issue #12) seed the fuzzers too:
# written once per run into SCRATCH/hostile (a generator that fails only costs its seeds), in seed
# mode (--seeds: the generators of huge inputs, such as gen_deep's million-frame stacks, write
# small variants of the same shape, which fit the fuzzers' 64 KiB and take seconds to make).
HOSTILE="$SCRATCH/hostile"
rm -rf "$HOSTILE"
if [ -f scripts/hostile/replay.py ]; then
    python3 scripts/hostile/replay.py --gen-only --seeds --keep "$HOSTILE" >&2 || echo "fuzz: a hostile generator failed (its seeds are missing)" >&2
fi
SEED_MAX=65536

# hostile_seeds TARGET DIR: the generated inputs of at most SEED_MAX bytes, and the protobuf inside
# each gzip'd one when that is small enough too; for FuzzSession, the cases' stdin scripts.
hostile_seeds() {
    local target=$1 dir=$2 f name
    [ -d "$HOSTILE" ] || return 0
    if [ "$target" = FuzzSession ]; then
        python3 - "$HOSTILE" "$dir" <<'PY'
import json, os, sys
root, out = sys.argv[1], sys.argv[2]
for d, _, files in sorted(os.walk(root)):
    for f in sorted(files):
        if f.endswith(".json"):
            stdin = json.load(open(os.path.join(d, f))).get("stdin")
            if stdin and len(stdin.encode()) <= 65536:
                name = "hostile-" + os.path.relpath(os.path.join(d, f), root).replace("/", "-")[:-5]
                open(os.path.join(out, name), "w").write(stdin)
PY
        return 0
    fi
    while IFS= read -r -d '' f; do
        name="hostile-$(echo "${f#"$HOSTILE"/}" | tr / -)"
        [ "$(stat -c %s "$f")" -le $SEED_MAX ] && cp "$f" "$dir/$name"
        if [ "$(head -c 2 "$f" | od -An -tx1 | tr -d ' ')" = 1f8b ]; then
            local raw="$dir/${name%.gz}"
            [ "$raw" = "$dir/$name" ] && raw="$dir/$name.raw"
            gzip -dc "$f" 2>/dev/null | head -c $((SEED_MAX + 1)) > "$raw"
            [ "$(stat -c %s "$raw")" -le $SEED_MAX ] && [ -s "$raw" ] || rm -f "$raw"
        fi
    done < <(find "$HOSTILE" -type f ! -name '*.json' -print0 | sort -z)
}

# seed_corpus TARGET DIR: fills DIR with the target's seeds (existing grown inputs are kept).
seed_corpus() {
    local target=$1 dir=$2 f
    mkdir -p "$dir"
    case $target in
        FuzzSession)
            cp Fixtures/fuzz/session-seeds/* "$dir"/ 2>/dev/null
            ;;
        *)
            for f in Fixtures/profiles/*.pb.gz Fixtures/profiles/crafted/* Fixtures/bad/* Fixtures/legacy/*; do
                [ -f "$f" ] || continue
                cp "$f" "$dir/seed-$(basename "$f")"
                # The protobuf inside: mutating compressed bytes rarely reaches the decoder.
                case $f in
                    *.gz) gzip -dc "$f" > "$dir/seed-$(basename "$f" .gz)" 2>/dev/null || rm -f "$dir/seed-$(basename "$f" .gz)" ;;
                esac
            done
            ;;
    esac
    hostile_seeds "$target" "$dir"
    if [ -d "Fixtures/fuzz/regressions/$target" ]; then
        for f in "Fixtures/fuzz/regressions/$target"/*; do
            [ -f "$f" ] && cp "$f" "$dir/regression-$(basename "$f")"
        done
    fi
}

# run_target TARGET: fuzzes one target and writes its summary line to SCRATCH/summary.TARGET;
# exits non-zero when the target found something.
run_target() {
    local t=$1 corpus dict log started rc took execs size rss line
    corpus="$SCRATCH/corpus/$t"
    seed_corpus "$t" "$corpus"
    dict=Fixtures/fuzz/profile.dict
    [ "$t" = FuzzSession ] && dict=Fixtures/fuzz/session.dict
    log="$ARTIFACTS/$t.log"
    echo "== fuzzing $t for ${FUZZ_SECONDS}s (log: $log)" >&2
    started=$SECONDS
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} \
        "$BIN/$t" -max_total_time="$FUZZ_SECONDS" -use_value_profile=1 -dict="$dict" \
        -timeout="$FUZZ_TIMEOUT" -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$ARTIFACTS/$t-" "$corpus" > "$log" 2>&1
    rc=$?
    took=$((SECONDS - started))
    execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
    if [ -z "$execs" ]; then
        # Killed before final stats (crash): the last progress line has the count.
        execs=$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    fi
    size=$(find "$corpus" -type f | wc -l)
    rss=$(grep -Eo 'stat::peak_rss_mb: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
    if [ $rc -eq 0 ]; then
        line="$t: ok, ${execs:-?} executions in ${took}s (limit ${FUZZ_SECONDS}s), corpus $size inputs, peak RSS ${rss:-?} MB"
    else
        line="$t: FAILED (exit $rc) after ${execs:-?} executions in ${took}s; see $log and $ARTIFACTS/$t-*"
        grep -E 'ERROR|SUMMARY|Fatal error|deadly signal|timeout|artifact' "$log" | head -20 >&2
    fi
    echo "$line" > "$SCRATCH/summary.$t"
    [ $rc -eq 0 ]
}

# FUZZ_JOBS=N runs up to N targets at once (each libFuzzer process is single-threaded).
FUZZ_JOBS=${FUZZ_JOBS:-1}
status=0
running=0
for t in $FUZZ_TARGETS; do
    rm -f "$SCRATCH/summary.$t"
    if [ "$FUZZ_JOBS" -le 1 ]; then
        run_target "$t" || status=1
    else
        run_target "$t" &
        running=$((running + 1))
        if [ $running -ge "$FUZZ_JOBS" ]; then wait -n || status=1; running=$((running - 1)); fi
    fi
done
while [ $running -gt 0 ]; do wait -n || status=1; running=$((running - 1)); done
summary=()
for t in $FUZZ_TARGETS; do summary+=("$(cat "$SCRATCH/summary.$t" 2>/dev/null || echo "$t: no result")"); done

echo "== fuzz summary ($source_desc)"
for line in "${summary[@]}"; do echo "$line"; done
exit $status
