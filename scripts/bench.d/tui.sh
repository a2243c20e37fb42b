# TUI benchmarks (sourced by scripts/bench.sh): on the large profile, a full redraw of each
# pane at 200x60 under 16 ms and a filter change (focus on the top row, through the whole
# report pipeline) under 300 ms. The timings come from the separate `Benchmarks` executable
# (`Benchmarks tui PROFILE`, no terminal needed), so the product carries no bench code.
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  swift build -c release --product Benchmarks
fi
measure tui-bench .build/release/Benchmarks tui "$profile"
tui_bench_out="$work/tui-bench.out"
if [ "$RC" -eq 0 ] && [ -s "$tui_bench_out" ]; then
  cat "$tui_bench_out"
  tui_redraw=$(awk '$1 == "redraw_ms" { print $2 }' "$tui_bench_out")
  tui_filter=$(awk '$1 == "filter_change_ms" { print $2 }' "$tui_bench_out")
  check "TUI full redraw at 200x60 < 16 ms (${tui_redraw} ms)" "$tui_redraw < 16"
  check "TUI filter change applied < 300 ms (${tui_filter} ms)" "$tui_filter < 300"
else
  check "TUI bench ran (see $work/tui-bench.err)" 0
fi
