# Decoder benchmark (sourced by scripts/bench.sh): the large profile decoded by inflating first
# and by inflating while decoding (two threads), best of 3 each, wall and CPU (user+sys).
# Streaming must not cost more CPU than 25% over the serial decode (a margin for a busy machine);
# its wall should be lower.
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  swift build -c release --product Benchmarks
fi
measure decode-bench .build/release/Benchmarks decode "$profile"
if [ "$RC" -eq 0 ] && [ -s "$work/decode-bench.out" ]; then
  cat "$work/decode-bench.out"
  get() { awk -v k="$1" '$1 == k { print $2 }' "$work/decode-bench.out"; }
  decode_wall_ms=$(get decode_stream_wall_ms)  # for tui.sh's load-to-first-row estimate
  check "streaming decode CPU <= 1.25 x serial ($(get decode_stream_cpu_ms) vs $(get decode_serial_cpu_ms) ms)" \
    "$(get decode_stream_cpu_ms) <= 1.25 * $(get decode_serial_cpu_ms)"
  goal "streaming decode wall < serial ($(get decode_stream_wall_ms) vs $(get decode_serial_wall_ms) ms)" \
    "$(get decode_stream_wall_ms) < $(get decode_serial_wall_ms)"
else
  check "decode bench ran (see $work/decode-bench.err)" 0
fi

# Where -top's time goes on the large profile (best of 3 per phase, printed, not checked): decode
# (inflate + protobuf), combine (merge, demangle, drop_frames), prepare (pipeline), report (graphs, text).
measure batch-bench .build/release/Benchmarks batch "$profile"
if [ "$RC" -eq 0 ] && [ -s "$work/batch-bench.out" ]; then
  cat "$work/batch-bench.out"
else
  check "batch phase bench ran (see $work/batch-bench.err)" 0
fi
