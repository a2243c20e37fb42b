// Command goroutine writes a goroutine profile (goroutines parked in
// several ways) and a threadcreate profile, for pprof-tui's fixtures.
package main

import (
	"flag"
	"log"
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

type server struct {
	requests chan int
	mu       sync.Mutex
	cond     *sync.Cond
}

//go:noinline
func (s *server) worker(ready *sync.WaitGroup) {
	ready.Done()
	for range s.requests {
	}
}

//go:noinline
func (s *server) waiter(ready *sync.WaitGroup) {
	s.mu.Lock()
	ready.Done()
	s.cond.Wait()
	s.mu.Unlock()
}

//go:noinline
func sleeper(ready *sync.WaitGroup) {
	ready.Done()
	time.Sleep(time.Hour)
}

//go:noinline
func selector(ready *sync.WaitGroup, a, b chan struct{}) {
	ready.Done()
	select {
	case <-a:
	case <-b:
	}
}

// nested parks deep in a recursive call chain.
func nested(depth int, ready *sync.WaitGroup, block chan struct{}) {
	if depth == 0 {
		ready.Done()
		<-block
		return
	}
	nested(depth-1, ready, block)
}

func writeProfile(name, path string) {
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.Lookup(name).WriteTo(f, 0); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func main() {
	dir := flag.String("d", ".", "output directory")
	flag.Parse()
	s := &server{requests: make(chan int)}
	s.cond = sync.NewCond(&s.mu)
	var ready sync.WaitGroup
	block := make(chan struct{})
	a, b := make(chan struct{}), make(chan struct{})
	start := func(n int, f func()) {
		for i := 0; i < n; i++ {
			ready.Add(1)
			go f()
		}
	}
	start(8, func() { s.worker(&ready) })
	start(3, func() { s.waiter(&ready) })
	start(5, func() { sleeper(&ready) })
	start(2, func() { selector(&ready, a, b) })
	start(4, func() { nested(12, &ready, block) })
	ready.Wait()
	time.Sleep(100 * time.Millisecond)
	writeProfile("goroutine", *dir+"/goroutine.pb.gz")
	writeProfile("threadcreate", *dir+"/threadcreate.pb.gz")
}
