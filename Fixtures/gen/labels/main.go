// Command labels writes a CPU profile whose samples carry pprof labels
// set with pprof.Do under several keys, for pprof-tui's fixtures.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

var sinkMu sync.Mutex
var sink uint64

//go:noinline
func spin(d time.Duration) uint64 {
	var x uint64 = 1
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		for i := 0; i < 1000; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
	}
	return x
}

//go:noinline
func handle(ctx context.Context, endpoint string, d time.Duration) {
	pprof.Do(ctx, pprof.Labels("endpoint", endpoint), func(ctx context.Context) {
		x := spin(d)
		encode(ctx, d/3)
		sinkMu.Lock()
		sink += x
		sinkMu.Unlock()
	})
}

//go:noinline
func encode(ctx context.Context, d time.Duration) {
	pprof.Do(ctx, pprof.Labels("phase", "encode"), func(context.Context) {
		x := spin(d)
		sinkMu.Lock()
		sink += x
		sinkMu.Unlock()
	})
}

type job struct {
	tenant, endpoint, region string
	d                        time.Duration
}

func main() {
	out := flag.String("o", "labels.pb.gz", "output file")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Fatal(err)
	}
	jobs := []job{
		{"acme", "/api/users", "eu-west", 300 * time.Millisecond},
		{"acme", "/api/orders", "eu-west", 200 * time.Millisecond},
		{"globex", "/api/users", "us-east", 250 * time.Millisecond},
		{"globex", "/api/search", "us-east", 400 * time.Millisecond},
		{"initech", "/api/search", "ap-south", 150 * time.Millisecond},
		{"initech", "/healthz", "ap-south", 60 * time.Millisecond},
	}
	for _, j := range jobs {
		pprof.Do(context.Background(), pprof.Labels("tenant", j.tenant, "region", j.region), func(ctx context.Context) {
			handle(ctx, j.endpoint, j.d)
		})
	}
	// Unlabelled work so some samples carry no labels at all.
	sink += spin(150 * time.Millisecond)
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
