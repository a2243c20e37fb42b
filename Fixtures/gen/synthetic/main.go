// Command synthetic writes a large, deterministic CPU-like profile for
// benchmarking pprof-tui: 1.4 million samples over about 20,000 functions with
// Go-like names, stack depth uniform in [10, 60], some inlined locations.
// Stacks are random walks over a fixed call graph so they share structure the
// way real stacks do; the callee fan-out (-fanout) tunes the gzipped size.
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"os"
)

var words = []string{
	"alpha", "api", "auth", "batch", "blob", "broker", "bucket", "cache", "cluster", "codec",
	"config", "conn", "core", "cron", "db", "decode", "delta", "dns", "encode", "engine",
	"event", "feed", "fetch", "filter", "flow", "gateway", "graph", "grpc", "hash", "http",
	"index", "ingest", "job", "journal", "kv", "lease", "ledger", "lock", "log", "mesh",
	"meta", "metric", "model", "mux", "net", "node", "order", "parse", "peer", "pipe",
	"plan", "pool", "proto", "proxy", "query", "queue", "raft", "rank", "ratelimit", "replica",
	"report", "retry", "route", "rpc", "scan", "schema", "search", "shard", "sink", "snapshot",
	"sort", "span", "sql", "stage", "store", "stream", "sync", "table", "task", "tenant",
	"token", "trace", "tree", "txn", "user", "util", "vector", "wal", "watch", "worker",
}

var verbs = []string{
	"Add", "Apply", "Build", "Call", "Check", "Close", "Commit", "Compact", "Decode", "Do",
	"Encode", "Flush", "Get", "Handle", "Init", "Insert", "Load", "Lookup", "Merge", "Next",
	"Open", "Parse", "Poll", "Process", "Put", "Read", "Refresh", "Release", "Resolve", "Run",
	"Scan", "Send", "Serve", "Split", "Start", "Step", "Stop", "Update", "Validate", "Write",
}

var orgs = []string{"github.com/acme", "github.com/globex", "go.example.org", "golang.org/x", "cloud.example.com/go"}

type fn struct{ name, file string }

// pb is a tiny protobuf writer.
type pb struct{ b []byte }

func (w *pb) varint(x uint64) {
	for x >= 0x80 {
		w.b = append(w.b, byte(x)|0x80)
		x >>= 7
	}
	w.b = append(w.b, byte(x))
}
func (w *pb) key(f, wire int) { w.varint(uint64(f<<3 | wire)) }
func (w *pb) int(f int, x uint64) {
	if x != 0 {
		w.key(f, 0)
		w.varint(x)
	}
}
func (w *pb) bytes(f int, b []byte) {
	w.key(f, 2)
	w.varint(uint64(len(b)))
	w.b = append(w.b, b...)
}

func main() {
	out := flag.String("o", "synthetic.pb.gz", "output file")
	seed := flag.Int64("seed", 1, "random seed")
	nSamples := flag.Int("samples", 1400000, "number of samples")
	nFuncs := flag.Int("functions", 20000, "number of functions")
	fanout := flag.Int("fanout", 16, "callees per location")
	nTrunks := flag.Int("trunks", 64, "shared root-side call paths")
	maxLeaf := flag.Int("leaf", 19, "most frames of random walk at the leaf end (larger = bigger file)")
	flag.Parse()
	rnd := rand.New(rand.NewSource(*seed))

	// Packages of about 40 functions each.
	var funcs []fn
	seen := map[string]bool{}
	for p := 0; len(funcs) < *nFuncs; p++ {
		path := fmt.Sprintf("%s/%s/%s", orgs[p%len(orgs)], words[rnd.Intn(len(words))], words[p%len(words)])
		if p >= len(words) {
			path = fmt.Sprintf("%s/v%d", path, p/len(words)+1)
		}
		types := []string{"Server", "Client", "Manager", "state", "reader", "Writer", "Table", "node"}
		for i := 0; i < 40 && len(funcs) < *nFuncs; i++ {
			file := fmt.Sprintf("%s/%s.go", path, words[rnd.Intn(len(words))])
			verb := verbs[rnd.Intn(len(verbs))]
			typ := types[rnd.Intn(len(types))]
			var name string
			switch rnd.Intn(6) {
			case 0, 1:
				name = fmt.Sprintf("%s.%s%s", path, verb, typ)
			case 2:
				name = fmt.Sprintf("%s.(*%s).%s", path, typ, verb)
			case 3:
				name = fmt.Sprintf("%s.%s.%s", path, typ, verb)
			case 4:
				name = fmt.Sprintf("%s.(*%s).%s.func%d", path, typ, verb, 1+rnd.Intn(4))
			default:
				name = fmt.Sprintf("%s.%s%s.func%d", path, verb, typ, 1+rnd.Intn(3))
			}
			if seen[name] {
				name = fmt.Sprintf("%s%d", name, i)
			}
			seen[name] = true
			funcs = append(funcs, fn{name, file})
		}
	}

	// Strings: index 0 is "", then fixed strings, then names and files.
	strs := []string{"", "samples", "count", "cpu", "nanoseconds", "/opt/synthetic/bin/server", "5y47h371c"}
	index := map[string]uint64{}
	for i, s := range strs {
		index[s] = uint64(i)
	}
	intern := func(s string) uint64 {
		if i, ok := index[s]; ok {
			return i
		}
		strs = append(strs, s)
		index[s] = uint64(len(strs) - 1)
		return index[s]
	}

	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	zw, err := gzip.NewWriterLevel(bw, gzip.DefaultCompression)
	if err != nil {
		log.Fatal(err)
	}
	var w pb
	flush := func() {
		if _, err := zw.Write(w.b); err != nil {
			log.Fatal(err)
		}
		w.b = w.b[:0]
	}
	msg := func(field int, m *pb) { w.bytes(field, m.b) }

	// Sample types cpu-like, as Go writes them.
	for _, t := range [][2]uint64{{1, 2}, {3, 4}} {
		var m pb
		m.int(1, t[0])
		m.int(2, t[1])
		msg(1, &m)
	}

	// Locations: three per function on average, at distinct lines; about one
	// in eight also carries one or two inlined callee frames.
	nLocs := *nFuncs * 3
	type loc struct {
		fns, lines []int
	}
	locs := make([]loc, nLocs)
	for i := range locs {
		own := i % *nFuncs
		if i < *nFuncs {
			own = i
		} else {
			own = rnd.Intn(*nFuncs)
		}
		l := loc{}
		if rnd.Intn(8) == 0 {
			for k := 1 + rnd.Intn(2); k > 0; k-- {
				l.fns = append(l.fns, rnd.Intn(*nFuncs))
				l.lines = append(l.lines, 10+rnd.Intn(400))
			}
		}
		l.fns = append(l.fns, own)
		l.lines = append(l.lines, 10+rnd.Intn(400))
		locs[i] = l
	}
	// Call graph: each location has a fixed list of callee locations.
	callees := make([][]uint32, nLocs)
	for i := range callees {
		c := make([]uint32, *fanout)
		for k := range c {
			c[k] = uint32(rnd.Intn(nLocs))
		}
		callees[i] = c
	}
	// Trunks: a pool of long root-side call paths that samples share, so
	// stacks repeat the way real ones do; only the leaf end is random.
	walk := func(from uint32, n int, dst []uint32) []uint32 {
		cur := from
		for ; n > 0; n-- {
			c := callees[cur]
			k := rnd.Intn(len(c))
			if rnd.Intn(2) == 0 { // favour the first callees so hot paths exist
				k = rnd.Intn(k + 1)
			}
			cur = c[k]
			dst = append(dst, cur)
		}
		return dst
	}
	trunks := make([][]uint32, *nTrunks)
	for i := range trunks {
		root := uint32(rnd.Intn(nLocs))
		trunks[i] = walk(root, 59, []uint32{root})
	}

	const period = 10000000
	stack := make([]uint32, 0, 64)
	for s := 0; s < *nSamples; s++ {
		depth := 10 + rnd.Intn(51)
		leaf := 1 + rnd.Intn(*maxLeaf)
		if leaf > depth-1 {
			leaf = depth - 1
		}
		t := trunks[rnd.Intn(len(trunks))]
		stack = append(stack[:0], t[:depth-leaf]...)
		stack = walk(stack[len(stack)-1], leaf, stack)
		n := uint64(1)
		if rnd.Intn(10) == 0 {
			n += uint64(rnd.Intn(4))
		}
		var ids, vals pb
		for i := len(stack) - 1; i >= 0; i-- { // leaf first
			ids.varint(uint64(stack[i]) + 1)
		}
		vals.varint(n)
		vals.varint(n * period)
		var m pb
		m.bytes(1, ids.b)
		m.bytes(2, vals.b)
		msg(2, &m)
		if len(w.b) > 1<<16 {
			flush()
		}
	}

	// Mapping.
	var mp pb
	mp.int(1, 1)
	mp.int(2, 0x400000)
	mp.int(3, 0x400000+uint64(nLocs)*0x40+0x1000)
	mp.int(5, index["/opt/synthetic/bin/server"])
	mp.int(6, index["5y47h371c"])
	for f := 7; f <= 10; f++ {
		mp.int(f, 1)
	}
	msg(3, &mp)
	for i, l := range locs {
		var m pb
		m.int(1, uint64(i+1))
		m.int(2, 1)
		m.int(3, 0x401000+uint64(i)*0x40)
		for k := range l.fns { // innermost (inlined) frame first
			var lm pb
			lm.int(1, uint64(l.fns[k]+1))
			lm.int(2, uint64(l.lines[k]))
			m.bytes(4, lm.b)
		}
		msg(4, &m)
		if len(w.b) > 1<<16 {
			flush()
		}
	}
	for i, f := range funcs {
		var m pb
		name := intern(f.name)
		m.int(1, uint64(i+1))
		m.int(2, name)
		m.int(3, name)
		m.int(4, intern(f.file))
		m.int(5, uint64(1+i%300))
		msg(5, &m)
		if len(w.b) > 1<<16 {
			flush()
		}
	}
	for _, s := range strs {
		w.bytes(6, []byte(s))
		if len(w.b) > 1<<16 {
			flush()
		}
	}
	w.int(9, 1700000000000000000)
	w.int(10, 600000000000) // ten minutes on a many-core machine
	var pt pb
	pt.int(1, index["cpu"])
	pt.int(2, index["nanoseconds"])
	msg(11, &pt)
	w.int(12, period)
	flush()
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
