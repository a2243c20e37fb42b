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
  # Issue 13's explorer goals against batch -top's wall ($tui_time): the load (decode.sh's
  # streaming decode) plus the first Top, and plus the Tree and the Flame's frames.
  if [ -n "${decode_wall_ms:-}" ]; then
    first_top=$(awk '$1 == "first_top_ms" { print $2 }' "$tui_bench_out")
    first_build=$(awk '$1 == "first_build_ms" { print $2 }' "$tui_bench_out")
    flame=$(awk '$1 == "flame_build_ms" { print $2 }' "$tui_bench_out")
    row_s=$(awk -v d="$decode_wall_ms" -v t="$first_top" 'BEGIN { printf "%.2f", (d + t) / 1000 }')
    flame_s=$(awk -v d="$decode_wall_ms" -v b="$first_build" -v f="$flame" 'BEGIN { printf "%.2f", (d + b + f) / 1000 }')
    goal "TUI first costed row ~ ${row_s} s / -top wall = $(ratio "$row_s" "$tui_time") <= 1.1" "$row_s <= 1.1 * $tui_time"
    goal "TUI Flame ready ~ ${flame_s} s / -top wall = $(ratio "$flame_s" "$tui_time") <= 1.5" "$flame_s <= 1.5 * $tui_time"
    goal "TUI focus change redrawn in ${tui_filter} ms <= 300 ms" "$tui_filter <= 300"
  fi
else
  check "TUI bench ran (see $work/tui-bench.err)" 0
fi
