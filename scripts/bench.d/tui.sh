# TUI benchmarks (sourced by scripts/bench.sh): on the large profile, a full redraw of each
# pane at 200x60 under 16 ms and a filter change (focus on the top row, through the whole
# report pipeline) under 300 ms. The timings come from pprof-tui's hidden bench mode
# (PPROF_TUI_BENCH=FILE where the explorer would start; `script` supplies the terminal).
tui_bench_out="$work/tui-bench.txt"
rm -f "$tui_bench_out"
measure tui-bench env PPROF_TUI_BENCH="$tui_bench_out" script -qec "$tui $profile" /dev/null
if [ -s "$tui_bench_out" ]; then
  cat "$tui_bench_out"
  tui_redraw=$(awk '$1 == "redraw_ms" { print $2 }' "$tui_bench_out")
  tui_filter=$(awk '$1 == "filter_change_ms" { print $2 }' "$tui_bench_out")
  check "TUI full redraw at 200x60 < 16 ms (${tui_redraw} ms)" "$tui_redraw < 16"
  check "TUI filter change applied < 300 ms (${tui_filter} ms)" "$tui_filter < 300"
else
  check "TUI bench ran (see $work/tui-bench.err)" 0
fi
