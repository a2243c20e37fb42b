// Command service is the live-mode test target: a Go program serving net/http/pprof on a
// loopback port, with steady work so every profile has something in it.
//
// It prints "listening on ADDR" once bound, allocates and retains memory (the heap grows, and
// /grow grows it at once),
// burns CPU, contends on a mutex and blocks on channels. It exits by itself after -limit,
// or, with -watch-stdin, as soon as its stdin closes (the test process that started it has gone).
package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"sync"
	"time"
)

var (
	retained [][]byte
	retainMu sync.Mutex
	sink     uint64
)

// growHeap keeps a share of what it allocates, so in-use and alloc_* both rise over time.
//
//go:noinline
func growHeap(stop <-chan struct{}) {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		buf := make([]byte, 16<<10)
		buf[0] = byte(i)
		retainMu.Lock()
		if len(retained) < 20000 { // at most ~320 MiB even if the limit is raised
			retained = append(retained, buf)
		}
		retainMu.Unlock()
		_ = make([]byte, 4<<10) // garbage too
	}
}

// growNow serves /grow: it retains 8 MiB more at once and runs a GC, which publishes the heap
// profile, so a test sees the heap grow between two fetches without waiting on the clock.
//
//go:noinline
func growNow(w http.ResponseWriter, r *http.Request) {
	retainMu.Lock()
	for i := 0; i < 512 && len(retained) < 20000; i++ {
		retained = append(retained, make([]byte, 16<<10))
	}
	retainMu.Unlock()
	runtime.GC()
	fmt.Fprintln(w, "grown")
}

//go:noinline
func burnCPU(stop <-chan struct{}) {
	x := uint64(1)
	for {
		select {
		case <-stop:
			return
		default:
		}
		for i := 0; i < 200000; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
		sink += x
		time.Sleep(time.Millisecond)
	}
}

//go:noinline
func contendLock(stop <-chan struct{}, mu *sync.Mutex) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		mu.Lock()
		time.Sleep(200 * time.Microsecond)
		mu.Unlock()
	}
}

//go:noinline
func blockOnChannel(stop <-chan struct{}) {
	ch := make(chan int)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
			select {
			case ch <- i:
			case <-stop:
				return
			}
		}
	}()
	for {
		select {
		case <-stop:
			return
		case <-ch:
		}
	}
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on (port 0 picks a free one)")
	limit := flag.Duration("limit", 120*time.Second, "exit after this long")
	watchStdin := flag.Bool("watch-stdin", false, "exit when stdin reaches EOF (the parent has gone)")
	flag.Parse()

	host, _, err := net.SplitHostPort(*addr)
	if err != nil || (host != "127.0.0.1" && host != "localhost" && host != "::1") {
		fmt.Fprintln(os.Stderr, "service: -addr must be a loopback host:port")
		os.Exit(2)
	}
	runtime.SetBlockProfileRate(1)
	runtime.SetMutexProfileFraction(1)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "service:", err)
		os.Exit(1)
	}
	http.HandleFunc("/grow", growNow)
	stop := make(chan struct{})
	go growHeap(stop)
	go burnCPU(stop)
	var mu sync.Mutex
	for i := 0; i < 4; i++ {
		go contendLock(stop, &mu)
	}
	go blockOnChannel(stop)

	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			os.Exit(0)
		}()
	}
	go func() {
		time.Sleep(*limit)
		os.Exit(0)
	}()
	fmt.Printf("listening on %s\n", ln.Addr())
	os.Stdout.Sync()
	_ = http.Serve(ln, nil)
}
