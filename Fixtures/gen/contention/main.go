// Command contention writes a block profile and a mutex profile from
// goroutines that contend on channels and locks, for pprof-tui's fixtures.
package main

import (
	"flag"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

// Record every blocking event and every mutex contention.
func init() {
	runtime.SetBlockProfileRate(1)
	runtime.SetMutexProfileFraction(1)
}

type counter struct {
	mu sync.Mutex
	n  int
}

//go:noinline
func (c *counter) add(hold time.Duration) {
	c.mu.Lock()
	c.n++
	time.Sleep(hold)
	c.mu.Unlock()
}

type cache struct {
	mu sync.RWMutex
	m  map[int]int
}

//go:noinline
func (c *cache) get(k int) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[k]
}

//go:noinline
func (c *cache) put(k, v int) {
	c.mu.Lock()
	time.Sleep(200 * time.Microsecond)
	c.m[k] = v
	c.mu.Unlock()
}

//go:noinline
func producer(ch chan<- int, n int) {
	for i := 0; i < n; i++ {
		time.Sleep(300 * time.Microsecond)
		ch <- i
	}
	close(ch)
}

//go:noinline
func consumer(ch <-chan int, wg *sync.WaitGroup) {
	defer wg.Done()
	for range ch {
	}
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
	var wg sync.WaitGroup
	c := &counter{}
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				c.add(100 * time.Microsecond)
			}
		}()
	}
	kv := &cache{m: map[int]int{}}
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 30; j++ {
				kv.put(j, i)
			}
		}(i)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				_ = kv.get(j)
			}
		}()
	}
	ch := make(chan int)
	var cwg sync.WaitGroup
	cwg.Add(2)
	go consumer(ch, &cwg)
	go consumer(ch, &cwg)
	producer(ch, 100)
	cwg.Wait()
	wg.Wait()
	writeProfile("block", *dir+"/block.pb.gz")
	writeProfile("mutex", *dir+"/mutex.pb.gz")
}
