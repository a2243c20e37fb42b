/// Go's int64 arithmetic where it differs from Swift's: pprof computes with Go's operators,
/// which wrap instead of trapping, so profile numbers at the edges of Int64 must go through
/// these (or `&+ &- &*`) to give pprof's results rather than stop the process.

/// Go's `abs64` as pprof writes it (`-i`): the minimum stays negative.
@inline(__always)
package func goAbs(_ v: Int64) -> Int64 { v < 0 ? 0 &- v : v }

/// Go's int64 `/`: truncates toward zero, and `MinInt64 / -1` wraps to `MinInt64`. pprof
/// guards every division by zero itself; a zero divisor here gives 0 instead of trapping.
@inline(__always)
package func goDiv(_ a: Int64, _ b: Int64) -> Int64 {
    if b == -1 { return 0 &- a }
    if b == 0 { return 0 }
    return a / b
}
