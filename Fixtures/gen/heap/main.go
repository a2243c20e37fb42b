// Command heap writes a heap profile and an allocs profile with every
// allocation recorded, for pprof-tui's fixtures.
package main

import (
	"flag"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
)

// Recording every allocation makes the profile as reproducible as Go allows.
func init() { runtime.MemProfileRate = 1 }

var keep [][]byte
var keepMaps []map[string]int
var keepNodes []*node

type node struct {
	left, right *node
	payload     [48]byte
}

// buildTree allocates recursively so heap stacks contain recursion.
func buildTree(depth int) *node {
	if depth == 0 {
		return &node{}
	}
	return &node{left: buildTree(depth - 1), right: buildTree(depth - 1)}
}

//go:noinline
func bigBuffers(n, size int) {
	for i := 0; i < n; i++ {
		b := make([]byte, size)
		if i%2 == 0 {
			keep = append(keep, b)
		}
	}
}

//go:noinline
func smallStrings(n int) []string {
	s := make([]string, 0, 4)
	for i := 0; i < n; i++ {
		s = append(s, "item-"+strconv.Itoa(i))
	}
	return s
}

//go:noinline
func fillMap(n int) {
	m := make(map[string]int)
	for i := 0; i < n; i++ {
		m[strconv.Itoa(i)] = i
	}
	keepMaps = append(keepMaps, m)
}

// garbage allocates memory that is freed before the profile is written,
// so inuse and alloc figures differ.
func garbage(n int) {
	for i := 0; i < n; i++ {
		_ = make([]byte, 1024+i%512)
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
	bigBuffers(64, 64<<10)
	keepNodes = append(keepNodes, buildTree(10))
	_ = buildTree(9)
	words := smallStrings(3000)
	fillMap(2000)
	garbage(4000)
	runtime.GC()
	runtime.GC()
	writeProfile("heap", *dir+"/heap.pb.gz")
	writeProfile("allocs", *dir+"/allocs.pb.gz")
	runtime.KeepAlive(words)
}
