// Command cpu writes a CPU profile whose stacks show recursion, a deep call
// chain, inlined helpers, closures and methods, for pprof-tui's fixtures.
package main

import (
	"flag"
	"log"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
	"time"
)

var sink uint64

// fib is plainly recursive so the profile has self-recursive stacks.
func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

// mix is small enough to be inlined into its callers.
func mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	return x
}

// hashRange calls the inlined mix in a hot loop.
func hashRange(n int) uint64 {
	var h uint64
	for i := 0; i < n; i++ {
		h += mix(uint64(i) + h)
	}
	return h
}

// The chain levels make one deep, non-recursive call path.
//
//go:noinline
func chain1(n int) uint64 { return chain2(n) + 1 }

//go:noinline
func chain2(n int) uint64 { return chain3(n) + 1 }

//go:noinline
func chain3(n int) uint64 { return chain4(n) + 1 }

//go:noinline
func chain4(n int) uint64 { return chain5(n) + 1 }

//go:noinline
func chain5(n int) uint64 { return chain6(n) + 1 }

//go:noinline
func chain6(n int) uint64 { return chain7(n) + 1 }

//go:noinline
func chain7(n int) uint64 { return chain8(n) + 1 }

//go:noinline
func chain8(n int) uint64 { return hashRange(n) }

// matrix has value and pointer methods that do real work.
type matrix struct {
	n    int
	data []float64
}

func newMatrix(n int) *matrix {
	m := &matrix{n: n, data: make([]float64, n*n)}
	for i := range m.data {
		m.data[i] = float64(i%7) + 0.5
	}
	return m
}

//go:noinline
func (m *matrix) mul(o *matrix) *matrix {
	r := &matrix{n: m.n, data: make([]float64, m.n*m.n)}
	for i := 0; i < m.n; i++ {
		for k := 0; k < m.n; k++ {
			a := m.data[i*m.n+k]
			for j := 0; j < m.n; j++ {
				r.data[i*m.n+j] += a * o.data[k*m.n+j]
			}
		}
	}
	return r
}

//go:noinline
func (m matrix) trace() float64 {
	var t float64
	for i := 0; i < m.n; i++ {
		t += m.data[i*m.n+i]
	}
	return t
}

// sortWords drives sort.Slice through a closure so closure frames appear.
func sortWords(words []string) {
	sort.Slice(words, func(i, j int) bool {
		return strings.Compare(words[i], words[j]) < 0
	})
}

func makeWords(n int) []string {
	w := make([]string, n)
	x := uint64(1)
	for i := range w {
		x = mix(x + uint64(i))
		w[i] = strings.Repeat(string(rune('a'+x%26)), int(x%5)+1) + string(rune('a'+(x>>8)%26))
	}
	return w
}

// runFor repeats f until d has passed.
func runFor(d time.Duration, f func()) {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		f()
	}
}

func main() {
	out := flag.String("o", "cpu.pb.gz", "output file")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Fatal(err)
	}
	runFor(600*time.Millisecond, func() { sink += uint64(fib(27)) })
	runFor(600*time.Millisecond, func() { sink += chain1(200000) })
	m := newMatrix(90)
	runFor(600*time.Millisecond, func() { sink += uint64(m.mul(m).trace()) })
	runFor(600*time.Millisecond, func() { sortWords(makeWords(20000)) })
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
