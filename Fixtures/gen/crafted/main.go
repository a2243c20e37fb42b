// Command crafted writes hand-encoded pprof profiles covering edge cases that
// runtime/pprof never produces (into <dir>/profiles) and malformed inputs
// (into <dir>/bad), for pprof-tui's fixtures. Output is deterministic.
package main

import (
	"flag"
	"log"
	"math/rand"
	"os"
	"path/filepath"
)

const fixedTime = 1700000000123456789 // 2023-11-14T22:13:20.123456789Z

var cpuTypes = []valueType{{"samples", "count"}, {"cpu", "nanoseconds"}}

// cpuProfile starts a profile shaped like a Go CPU profile.
func cpuProfile() *profile {
	return &profile{
		sampleTypes:   cpuTypes,
		periodType:    &valueType{"cpu", "nanoseconds"},
		period:        10000000,
		timeNanos:     fixedTime,
		durationNanos: 3500000000,
	}
}

// cpu returns the two values of a Go CPU sample for n ticks.
func cpu(n int64) []int64 { return []int64{n, n * 10000000} }

// goMapping is the main binary's mapping with full symbol information.
func goMapping(p *profile, file string) int64 {
	p.mappings = append(p.mappings, mapping{
		id: 1, start: 0x400000, limit: 0x800000, file: file, buildID: "f1x7ur3",
		hasFunctions: true, hasFilenames: true, hasLines: true, hasInline: true,
	})
	return 1
}

// chainLocs makes one location per function name (leaf first), each with one line.
func chainLocs(p *profile, file string, base int64, names ...string) []int64 {
	var ids []int64
	for i, n := range names {
		f := p.fn(n, file, int64(10*(i+1)))
		ids = append(ids, p.loc(1, base+int64(i)*0x10, line{f, int64(10*(i+1) + 3)}))
	}
	return ids
}

func unsymbolized() *profile {
	p := cpuProfile()
	p.mappings = []mapping{
		{id: 1, start: 0x400000, limit: 0x4a0000, offset: 0, file: "/opt/fixture/bin/server", buildID: "0123456789abcdef"},
		{id: 2, start: 0x7f0000000000, limit: 0x7f0000200000, offset: 0x1000, file: "/opt/fixture/lib/libcrypto.so.3", buildID: "feedface"},
		{id: 3, start: 0x7fff00000000, limit: 0x7fff00002000, file: "[vdso]"},
	}
	a := p.loc(1, 0x401000)
	b := p.loc(1, 0x401234)
	c := p.loc(1, 0x402000)
	d := p.loc(1, 0x410abc)
	e := p.loc(2, 0x7f0000001a2b)
	f := p.loc(2, 0x7f0000010000)
	g := p.loc(3, 0x7fff00000800)
	h := p.loc(0, 0xdeadbeef) // no mapping at all
	p.add(cpu(40), []int64{a, b, c, d})
	p.add(cpu(25), []int64{e, f, c, d})
	p.add(cpu(10), []int64{g, c, d})
	p.add(cpu(7), []int64{h, d})
	p.add(cpu(3), []int64{b, c, d})
	p.add(cpu(1), []int64{d})
	return p
}

func inlined() *profile {
	p := cpuProfile()
	goMapping(p, "/opt/fixture/bin/inl")
	file := "example.com/inl/main.go"
	inner := p.fn("main.inner", file, 5)
	middle := p.fn("main.middle", file, 15)
	outer := p.fn("main.outer", file, 25)
	other := p.fn("main.other", file, 35)
	mainFn := p.fn("main.main", file, 45)
	rt := p.fn("runtime.main", "runtime/proc.go", 144)
	// One address holding three frames: inner inlined into middle inlined into outer.
	l1 := p.loc(1, 0x401000, line{inner, 7}, line{middle, 17}, line{outer, 27})
	// Another address of the same inlined code, on other lines.
	l2 := p.loc(1, 0x401010, line{inner, 8}, line{middle, 18}, line{outer, 27})
	// middle inlined into other.
	l3 := p.loc(1, 0x402000, line{middle, 19}, line{other, 37})
	l4 := p.loc(1, 0x403000, line{mainFn, 47})
	l5 := p.loc(1, 0x403020, line{mainFn, 48})
	l6 := p.loc(1, 0x404000, line{rt, 250})
	l7 := p.loc(1, 0x401020, line{outer, 29})
	p.add(cpu(30), []int64{l1, l4, l6})
	p.add(cpu(12), []int64{l2, l4, l6})
	p.add(cpu(9), []int64{l3, l5, l6})
	p.add(cpu(5), []int64{l7, l4, l6})
	p.add(cpu(2), []int64{l6})
	return p
}

func str(k, v string) label { return label{key: k, str: v} }

func num(k string, v int64, unit string) label {
	return label{key: k, num: v, unit: unit, isNum: true}
}

func tags() *profile {
	p := cpuProfile()
	goMapping(p, "/opt/fixture/bin/tags")
	s := chainLocs(p, "example.com/tags/main.go", 0x401000,
		"main.alloc", "main.handle", "main.serve", "main.main")
	q := chainLocs(p, "example.com/tags/main.go", 0x402000,
		"main.query", "main.handle", "main.serve", "main.main")
	p.add(cpu(20), s, str("thread", "worker-1"), num("bytes", 512, "bytes"), num("requests", 3, "requests"))
	p.add(cpu(15), s, str("thread", "worker-2"), num("bytes", 4096, "bytes"), num("requests", 1, "requests"))
	p.add(cpu(9), s, str("thread", "worker-2"), num("bytes", 1048576, "bytes"), num("latency", 250, "ms"))
	p.add(cpu(6), q, str("thread", "worker-1"), str("db", "users"), str("db", "orders"), num("latency", 1500, "ms"))
	p.add(cpu(4), q, str("thread", "main"), num("pid", 4242, ""), num("bytes", 64, "bytes"))
	p.add(cpu(3), q, str("db", "users"), num("requests", 12, "requests"), num("latency", 40, "ms"))
	p.add(cpu(2), s[1:])
	return p
}

func empty() *profile {
	p := cpuProfile()
	p.durationNanos = 0
	return p
}

func negative() *profile {
	p := cpuProfile()
	goMapping(p, "/opt/fixture/bin/neg")
	a := chainLocs(p, "example.com/neg/main.go", 0x401000, "main.grow", "main.work", "main.main")
	b := chainLocs(p, "example.com/neg/main.go", 0x402000, "main.shrink", "main.work", "main.main")
	c := chainLocs(p, "example.com/neg/main.go", 0x403000, "main.steady", "main.main")
	p.add(cpu(12), a)
	p.add(cpu(-20), b)
	p.add(cpu(5), c)
	p.add(cpu(-5), c)
	p.add(cpu(-3), a[1:])
	return p
}

func dropKeep() *profile {
	p := cpuProfile()
	goMapping(p, "/opt/fixture/bin/dk")
	file := "example.com/dk/main.go"
	p.add(cpu(10), chainLocs(p, file, 0x401000, "alloc.grow", "alloc.malloc", "main.build", "main.main"))
	p.add(cpu(7), chainLocs(p, file, 0x402000, "alloc.keepStats", "main.build", "main.main"))
	p.add(cpu(5), chainLocs(p, file, 0x403000, "main.compute", "main.main"))
	p.add(cpu(3), chainLocs(p, file, 0x404000, "alloc.mallocSmall", "main.compute", "main.main"))
	p.add(cpu(4), chainLocs(p, file, 0x405000, "memset", "operator new(unsigned long)", "main.compute", "main.main"))
	// Drop frames match the whole simplified name (argument lists removed).
	p.dropFrames = `alloc\..*|operator new`
	p.keepFrames = `alloc\.keep.*`
	return p
}

// foldable is a profile whose merge (which pprof always does on load) changes no sum but
// is visible in -traces and -raw: equal samples, one frame under two location ids and two
// function ids, ids out of their order of first use, labels out of key order, and
// drop_frames making two stacks equal only after pruning (pprof merges first).
func foldable() *profile {
	p := cpuProfile()
	goMapping(p, "/opt/fixture/bin/fold")
	file := "example.com/fold/main.go"
	leafB := p.fn("alloc.fill", file, 40)
	leafA := p.fn("alloc.grow", file, 30)
	work2 := p.fn("main.work", file, 20)
	work := p.fn("main.work", file, 20)
	mainFn := p.fn("main.main", file, 10)
	dropB := p.loc(1, 0x401400, line{leafB, 42})
	dropA := p.loc(1, 0x401300, line{leafA, 33})
	w2 := p.loc(1, 0x401200, line{work2, 23})
	w := p.loc(1, 0x401200, line{work, 23})
	m := p.loc(1, 0x401100, line{mainFn, 13})
	phase, worker := str("phase", "run"), str("worker", "a")
	p.add(cpu(1), []int64{w, m}, worker, phase)
	p.add(cpu(2), []int64{w2, m}, phase, worker)
	p.add(cpu(4), []int64{w, m}, worker, phase)
	p.add(cpu(8), []int64{dropA, w, m})
	p.add(cpu(16), []int64{dropB, w, m}, num("bytes", 64, "bytes"))
	p.add(cpu(32), []int64{m})
	p.add(cpu(64), []int64{dropA, w, m})
	p.dropFrames = `alloc\..*`
	return p
}

func comments() *profile {
	p := timed()
	p.comments = []string{"first comment", "second: key=value", "unicode: café ✓", ""}
	return p
}

func timed() *profile {
	p := cpuProfile()
	goMapping(p, "/opt/fixture/bin/timed")
	file := "example.com/timed/main.go"
	p.add(cpu(33), chainLocs(p, file, 0x401000, "main.parse", "main.load", "main.main"))
	p.add(cpu(21), chainLocs(p, file, 0x402000, "main.render", "main.main"))
	p.add(cpu(8), chainLocs(p, file, 0x403000, "main.flush", "main.render", "main.main"))
	return p
}

func defaultType() *profile {
	p := &profile{
		sampleTypes: []valueType{{"requests", "count"}, {"latency", "microseconds"}, {"payload", "bytes"}},
		defaultType: "latency",
		timeNanos:   fixedTime,
		periodType:  &valueType{"requests", "count"},
		period:      1,
	}
	goMapping(p, "/opt/fixture/bin/svc")
	file := "example.com/svc/main.go"
	a := chainLocs(p, file, 0x401000, "main.readBody", "main.serveHTTP", "main.main")
	b := chainLocs(p, file, 0x402000, "main.writeJSON", "main.serveHTTP", "main.main")
	c := chainLocs(p, file, 0x403000, "main.healthz", "main.main")
	p.add([]int64{100, 25000, 4096}, a)
	p.add([]int64{40, 180000, 65536}, b)
	p.add([]int64{900, 9000, 0}, c)
	return p
}

func cxx() *profile {
	p := cpuProfile()
	goMapping(p, "/opt/fixture/bin/engine")
	a := chainLocs(p, "/src/engine/vector.h", 0x401000,
		"std::vector<int, std::allocator<int> >::push_back(int const&)",
		"void ns::process<std::map<int, std::string> >(std::map<int, std::string> const&)",
		"(anonymous namespace)::Worker::run()",
		"main")
	b := chainLocs(p, "/src/engine/worker.cc", 0x402000,
		"operator new(unsigned long)",
		"ns::Foo<ns::Bar<char> >::operator()(int) const",
		"(anonymous namespace)::Worker::run()",
		"main")
	c := chainLocs(p, "/src/engine/lambda.cc", 0x403000,
		"ns::Pool::submit(std::function<void ()>)::{lambda()#1}::operator()() const",
		"std::thread::_State_impl<std::thread::_Invoker<std::tuple<ns::Pool::loop()::{lambda()#1}> > >::_M_run()")
	p.add(cpu(17), a)
	p.add(cpu(11), b)
	p.add(cpu(6), c)
	return p
}

func rust() *profile {
	p := cpuProfile()
	goMapping(p, "/opt/fixture/bin/rusty")
	a := chainLocs(p, "/rustc/abc123/library/core/src/ptr/mod.rs", 0x401000,
		"_ZN4core3ptr13drop_in_place17h1234567890abcdefE",
		"<alloc::vec::Vec<T,A> as core::ops::drop::Drop>::drop",
		"mycrate::engine::Engine::step::h0123456789abcdef",
		"std::rt::lang_start::{{closure}}",
		"main")
	b := chainLocs(p, "src/engine.rs", 0x402000,
		"_RNvCs1234_7mycrate4main",
		"tokio::runtime::task::harness::Harness<T,S>::poll::h00ff00ff00ff00ff",
		"std::rt::lang_start::{{closure}}",
		"main")
	p.add(cpu(14), a)
	p.add(cpu(9), b)
	return p
}

// control puts terminal control sequences and other hostile characters into
// every kind of name, so a viewer must escape them rather than emit them.
func control() *profile {
	p := cpuProfile()
	p.mappings = []mapping{{id: 1, start: 0x400000, limit: 0x800000, file: "/opt/fixture/bin/\x1b[31mevil", buildID: "b\x07d",
		hasFunctions: true, hasFilenames: true, hasLines: true}}
	names := []string{
		"main.\x1b[31mred\x1b[0m",
		"main.\x1b]0;pwned title\x07osc",
		"main.bell\x07ring",
		"main.nul\x00byte",
		"main.back\bspace\b\b",
		"main.carriage\rreturn",
		"main.\u202edesrever",
		"main.c1\u0085next\u009b31mcsi\u009d",
		"main.tab\there\nnewline",
		"main.bad\xffutf8",
	}
	files := []string{
		"example.com/\x1b[2Jclear/main.go",
		"example.com/ctl/\u202eog.niam",
	}
	var locs []int64
	for i, n := range names {
		f := p.fn(n, files[i%2], int64(i+1))
		locs = append(locs, p.loc(1, 0x401000+int64(i)*0x10, line{f, int64(100 + i)}))
	}
	root := p.fn("main.main", "example.com/ctl/main.go", 1)
	rootLoc := p.loc(1, 0x409000, line{root, 5})
	for i, l := range locs {
		p.add(cpu(int64(len(locs)-i)), []int64{l, rootLoc},
			str("ctl\x1b[1mkey", "val\x1b]0;t\x07ue"),
			str("who", names[i]),
			num("size\x07", int64(i*100), "by\x1btes"))
	}
	p.comments = []string{"comment \x1b[31mred\x1b[0m and \x07 bell"}
	return p
}

// baseAndNew returns two versions of one CPU profile for -base / -diff_base.
func baseAndNew() (*profile, *profile) {
	build := func(parse, render, flush, gc int64, withCache bool) *profile {
		p := cpuProfile()
		goMapping(p, "/opt/fixture/bin/app")
		file := "example.com/app/main.go"
		p.add(cpu(parse), chainLocs(p, file, 0x401000, "main.parse", "main.load", "main.main"))
		p.add(cpu(render), chainLocs(p, file, 0x402000, "main.render", "main.main"))
		if flush > 0 {
			p.add(cpu(flush), chainLocs(p, file, 0x403000, "main.flush", "main.render", "main.main"))
		}
		if withCache {
			p.add(cpu(14), chainLocs(p, file, 0x404000, "main.cacheLookup", "main.load", "main.main"))
		}
		p.add(cpu(gc), chainLocs(p, "runtime/mgc.go", 0x405000, "runtime.gcBgMarkWorker"))
		return p
	}
	base := build(50, 30, 12, 8, false)
	newer := build(35, 42, 0, 11, true)
	newer.timeNanos = fixedTime + 3600e9
	return base, newer
}

// Bad inputs: each breaks exactly one rule a decoder must check.

func badStringIndex() *profile {
	p := timed()
	p.functions[0].rawName = 999
	return p
}

func badDanglingLocation() *profile {
	p := timed()
	p.samples[0].locs = append(p.samples[0].locs, 99)
	return p
}

func badDanglingFunction() *profile {
	p := timed()
	p.locations[0].lines[0].fn = 99
	return p
}

func badDanglingMapping() *profile {
	p := timed()
	p.locations[0].mapping = 7
	return p
}

func badDuplicateLocation() *profile {
	p := timed()
	dup := p.locations[0]
	dup.addr = 0x409000
	p.locations = append(p.locations, dup)
	return p
}

func badDuplicateFunction() *profile {
	p := timed()
	p.functions[1].id = p.functions[0].id
	return p
}

func badDuplicateMapping() *profile {
	p := timed()
	m := p.mappings[0]
	m.start, m.limit = 0x900000, 0xa00000
	p.mappings = append(p.mappings, m)
	return p
}

func badValueCount() *profile {
	p := timed()
	p.samples[1].values = p.samples[1].values[:1]
	return p
}

func badZeroID() *profile {
	p := timed()
	zero := p.locations[0]
	zero.id, zero.addr = 0, 0x409000
	p.locations = append(p.locations, zero)
	return p
}

func badNoSampleTypes() *profile {
	p := timed()
	p.sampleTypes = nil
	for i := range p.samples {
		p.samples[i].values = nil
	}
	return p
}

func badFirstString() *profile {
	p := &profile{noEmptyFirst: true}
	p.str("samples")
	p.sampleTypes = []valueType{{"samples", "count"}}
	return p
}

func write(path string, b []byte) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		log.Fatal(err)
	}
}

func main() {
	dir := flag.String("d", ".", "output directory")
	flag.Parse()
	good := func(name string, p *profile) { write(filepath.Join(*dir, "profiles", name), gz(p.encode())) }
	bad := func(name string, b []byte) { write(filepath.Join(*dir, "bad", name), b) }

	good("unsymbolized.pb.gz", unsymbolized())
	good("inlined.pb.gz", inlined())
	good("tags.pb.gz", tags())
	good("empty.pb.gz", empty())
	good("negative.pb.gz", negative())
	good("dropkeep.pb.gz", dropKeep())
	good("comments.pb.gz", comments())
	good("timed.pb.gz", timed())
	good("defaulttype.pb.gz", defaultType())
	good("cxx.pb.gz", cxx())
	good("rust.pb.gz", rust())
	good("control.pb.gz", control())
	base, newer := baseAndNew()
	good("base.pb.gz", base)
	good("new.pb.gz", newer)
	write(filepath.Join(*dir, "profiles", "raw.pb"), timed().encode())
	good("java.pb.gz", java())
	good("edges.pb.gz", edges())
	good("single.pb.gz", single())
	good("huge.pb.gz", huge())
	good("units.pb.gz", units())
	good("mixed.pb.gz", mixed())
	good("labelunits.pb.gz", labelUnits())
	good("odd.pb.gz", odd())
	good("foldable.pb.gz", foldable())

	rnd := rand.New(rand.NewSource(1))
	noise := make([]byte, 4096)
	rnd.Read(noise)
	whole := gz(timed().encode())
	raw := timed().encode()
	bad("empty.pb.gz", nil)
	bad("truncated.pb.gz", whole[:len(whole)/2])
	bad("truncated.pb", raw[:len(raw)*2/3])
	bad("random.bin", noise)
	bad("gzip-garbage.pb.gz", gz(noise))
	bad("string-index.pb.gz", gz(badStringIndex().encode()))
	bad("dangling-location.pb.gz", gz(badDanglingLocation().encode()))
	bad("dangling-function.pb.gz", gz(badDanglingFunction().encode()))
	bad("dangling-mapping.pb.gz", gz(badDanglingMapping().encode()))
	bad("duplicate-location.pb.gz", gz(badDuplicateLocation().encode()))
	bad("duplicate-function.pb.gz", gz(badDuplicateFunction().encode()))
	bad("duplicate-mapping.pb.gz", gz(badDuplicateMapping().encode()))
	bad("value-count.pb.gz", gz(badValueCount().encode()))
	bad("zero-id.pb.gz", gz(badZeroID().encode()))
	bad("no-sample-types.pb.gz", gz(badNoSampleTypes().encode()))
	bad("first-string.pb.gz", gz(badFirstString().encode()))
}
