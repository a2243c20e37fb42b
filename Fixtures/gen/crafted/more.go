package main

import (
	"math"
	"strings"
)

// Profiles shaped like other producers' output (Java converters, gperftools
// converters, hand-made edge cases), for side-by-side checks against pprof.

// java looks like an async-profiler/JFR conversion: no mappings, no
// addresses, lines only, slash- and dot-separated class names, lambdas,
// direct and mutual recursion, a line-0 frame and two sample types.
func java() *profile {
	p := &profile{
		sampleTypes:   []valueType{{"samples", "count"}, {"cpu", "nanoseconds"}},
		periodType:    &valueType{"cpu", "nanoseconds"},
		period:        10000000,
		timeNanos:     fixedTime,
		durationNanos: 5000000000,
	}
	fn := func(name, file string) int64 { return p.fn(name, file, 0) }
	get := fn("java/util/HashMap.get", "HashMap.java")
	hash := fn("java/util/HashMap.hash", "HashMap.java")
	getNode := fn("java.util.HashMap.getNode", "HashMap.java")
	baz := fn("com.foo.Bar.baz", "Bar.java")
	lambda := fn("com.foo.Bar.lambda$main$0", "Bar.java")
	fact := fn("com.foo.Math.factorial", "Math.java")
	even := fn("com.foo.Parity.isEven", "Parity.java")
	odd := fn("com.foo.Parity.isOdd", "Parity.java")
	run := fn("java.lang.Thread.run", "Thread.java")
	unknown := fn("[unknown]", "")
	interp := fn("Interpreter", "")
	gc := fn("G1 Young Remark", "")
	l := func(f, ln int64) int64 { return p.loc(0, 0, line{f, ln}) }
	threadRun := l(run, 829)
	p.add(cpu(31), []int64{l(hash, 338), l(get, 556), l(baz, 42), l(lambda, 17), threadRun})
	p.add(cpu(12), []int64{l(getNode, 0), l(get, 556), l(baz, 43), l(lambda, 17), threadRun})
	// Direct recursion: factorial calling itself at the same line.
	f := l(fact, 9)
	p.add(cpu(9), []int64{l(fact, 7), f, f, f, l(baz, 50), threadRun})
	// Mutual recursion.
	e, o := l(even, 4), l(odd, 8)
	p.add(cpu(7), []int64{l(even, 3), o, e, o, e, l(baz, 51), threadRun})
	p.add(cpu(3), []int64{l(unknown, 0), l(interp, 0), l(lambda, 18), threadRun})
	p.add(cpu(2), []int64{l(gc, 0)})
	// A duplicate stack, written as a separate sample.
	p.add(cpu(4), []int64{l(hash, 338), l(get, 556), l(baz, 42), l(lambda, 17), threadRun})
	return p
}

// edges collects hand-made oddities: empty names and files, line 0, names
// with spaces and parentheses, a very long template name, empty stacks,
// zero-valued samples, duplicate stacks and a location without lines.
func edges() *profile {
	p := &profile{
		sampleTypes: []valueType{{"alloc_objects", "count"}, {"alloc_space", "bytes"}, {"inuse_space", "bytes"}},
		periodType:  &valueType{"space", "bytes"},
		period:      524288,
		timeNanos:   fixedTime,
	}
	goMapping(p, "/opt/fixture/bin/edges")
	long := "std::_Hashtable<std::basic_string<char, std::char_traits<char>, std::allocator<char> >, " +
		"std::pair<std::basic_string<char, std::char_traits<char>, std::allocator<char> > const, " +
		"std::vector<std::unique_ptr<ns::Node<" + strings.Repeat("ns::Leaf<int>, ", 8) + "int> >, " +
		"std::allocator<std::unique_ptr<ns::Node<int> > > > > >::_M_find_before_node(unsigned long, " +
		"std::basic_string<char> const&, unsigned long) const"
	noName := p.fn("", "edges.cc", 0)
	noFile := p.fn("worker loop (idle)", "", 0)
	paren := p.fn("(*Server).Handle", "server.go", 10)
	spaced := p.fn("operator delete[](void*, unsigned long)", "new.cc", 0)
	longFn := p.fn(long, "/usr/include/c++/12/bits/hashtable.h", 1600)
	root := p.fn("start_thread", "pthread_create.c", 0)
	rootL := p.loc(1, 0x401000, line{root, 442})
	a := p.loc(1, 0x402000, line{noName, 0})
	b := p.loc(1, 0x403000, line{noFile, 0})
	c := p.loc(1, 0x404000, line{paren, 12})
	d := p.loc(1, 0x405000, line{spaced, 0})
	e := p.loc(1, 0x406000, line{longFn, 1652})
	bare := p.loc(1, 0x407abc) // in a symbolized mapping, but without lines
	p.add([]int64{10, 5242880, 1048576}, []int64{a, b, rootL})
	p.add([]int64{4, 65536, 0}, []int64{c, b, rootL})
	p.add([]int64{3, 3072, 3072}, []int64{d, c, rootL})
	p.add([]int64{7, 917504, 458752}, []int64{e, c, b, rootL})
	p.add([]int64{1, 512, 512}, []int64{bare, rootL})
	p.add([]int64{2, 2048, 0}, nil) // empty stack
	p.add([]int64{0, 0, 0}, []int64{c, rootL})
	p.add([]int64{7, 917504, 458752}, []int64{e, c, b, rootL})
	return p
}

// single is a profile of exactly one sample.
func single() *profile {
	p := cpuProfile()
	goMapping(p, "/opt/fixture/bin/one")
	p.add(cpu(1), chainLocs(p, "example.com/one/main.go", 0x401000, "main.only", "main.main"))
	return p
}

// huge has values near the int64 limit (sums that overflow wrap as in Go)
// and an unusual unit.
func huge() *profile {
	p := &profile{
		sampleTypes: []valueType{{"events", "widgets"}, {"delay", "microseconds"}},
		timeNanos:   fixedTime,
	}
	goMapping(p, "/opt/fixture/bin/huge")
	file := "example.com/huge/main.go"
	a := chainLocs(p, file, 0x401000, "main.big", "main.main")
	b := chainLocs(p, file, 0x402000, "main.bigger", "main.main")
	c := chainLocs(p, file, 0x403000, "main.tiny", "main.main")
	p.add([]int64{math.MaxInt64 / 4, 9000000000000000000}, a)
	p.add([]int64{math.MaxInt64 / 2, 123456789012}, b)
	p.add([]int64{1, 1}, c)
	return p
}

// units mixes sample-type units and labels with units on some samples only.
func units() *profile {
	p := &profile{
		sampleTypes:   []valueType{{"calls", "count"}, {"wall", "microseconds"}, {"rss", "bytes"}, {"things", "widgets"}},
		periodType:    &valueType{"wall", "microseconds"},
		period:        1000,
		timeNanos:     fixedTime,
		durationNanos: 61500000000,
		defaultType:   "rss",
	}
	goMapping(p, "/opt/fixture/bin/units")
	file := "example.com/units/main.go"
	a := chainLocs(p, file, 0x401000, "main.read", "main.load", "main.main")
	b := chainLocs(p, file, 0x402000, "main.decode", "main.load", "main.main")
	c := chainLocs(p, file, 0x403000, "main.write", "main.main")
	p.add([]int64{5, 1500000, 3 << 20, 7}, a, num("size", 1536, "bytes"), num("wait", 12, "ms"), str("path", "/etc/hosts"))
	p.add([]int64{3, 250, 4096, 1}, b, num("size", 70000, "bytes"))
	p.add([]int64{8, 90000000, 1 << 30, 1000}, c, num("wait", 2500, "ms"), str("path", "/var/log/app log.txt"))
	p.add([]int64{1, 9, 100, 0}, b)
	p.add([]int64{2, 3000, 2048, 3}, a, num("size", 1536, "bytes"), num("wait", 12, "ms"), str("path", "/etc/hosts"))
	return p
}

// unsymbolizedMixed has a mapping without function information next to a
// symbolized one, inline frames and self-recursion through inlining.
func mixed() *profile {
	p := cpuProfile()
	p.mappings = []mapping{
		{id: 1, start: 0x400000, limit: 0x800000, file: "/usr/bin/mixed", buildID: "abc123",
			hasFunctions: true, hasFilenames: true, hasLines: true, hasInline: true},
		{id: 2, start: 0x7f1000000000, limit: 0x7f1000100000, offset: 0x2000, file: "/opt/fixture/lib/libmixed.so", buildID: "c0ffee"},
	}
	file := "/src/mixed/mixed.cc"
	walk := p.fn("Tree::walk(Node*)", file, 20)
	visit := p.fn("Tree::visit(Node*)", file, 40)
	mainFn := p.fn("main", file, 80)
	// visit inlined into walk, walk recursive through visit.
	l1 := p.loc(1, 0x401000, line{visit, 44}, line{walk, 25})
	l2 := p.loc(1, 0x401100, line{walk, 27})
	l3 := p.loc(1, 0x401200, line{mainFn, 85})
	m1 := p.loc(2, 0x7f1000001234)
	m2 := p.loc(2, 0x7f1000005678)
	p.add(cpu(20), []int64{l1, l2, l1, l2, l3})
	p.add(cpu(11), []int64{m1, m2, l1, l3})
	p.add(cpu(6), []int64{m2, l2, l3})
	p.add(cpu(3), []int64{l1, l3})
	return p
}

// labelUnits has numeric labels whose units conflict across samples (one key
// only: pprof reports conflicts in map order), units
// inferred from keys, empty string values and keys only some samples carry.
func labelUnits() *profile {
	p := cpuProfile()
	goMapping(p, "/opt/fixture/bin/lu")
	file := "example.com/lu/main.go"
	a := chainLocs(p, file, 0x401000, "main.get", "main.main")
	b := chainLocs(p, file, 0x402000, "main.put", "main.main")
	c := chainLocs(p, file, 0x403000, "main.del", "main.main")
	p.add(cpu(9), a, num("size", 2048, "bytes"), num("bytes", 100, ""), num("alignment", 8, ""), str("op", ""))
	p.add(cpu(7), b, num("size", 3, "kilobytes"), num("request", 12, ""), num("timeout", 250, "ms"))
	p.add(cpu(5), c, num("size", 7, ""), num("timeout", 2000, "ms"), str("op", "delete"), str("op", "purge"))
	p.add(cpu(3), a, num("timeout", 1500, "ms"), num("count", 4, "widgets"))
	p.add(cpu(1), b)
	return p
}

// odd collects header oddities: a repeated sample type name, a default type
// that matches none, a time of 0 with a duration, a folded location, a main
// mapping with a build id but no file, a URL mapping, a mangled name with an
// empty display name, printf-like names and a comment across lines.
func odd() *profile {
	p := &profile{
		sampleTypes:   []valueType{{"samples", "count"}, {"samples", "count"}, {"wall", "seconds"}},
		defaultType:   "nosuchtype",
		periodType:    &valueType{"wall", "seconds"},
		period:        -3,
		durationNanos: 2500000000,
		keepFrames:    `keep`,
		comments:      []string{"line one\nline two", "100% sure {}"},
	}
	p.mappings = []mapping{
		{id: 1, start: 0x400000, limit: 0x500000, buildID: "deadbeefcafe"},
		{id: 2, start: 0x600000, limit: 0x700000, file: "https://example.com/lib.so",
			hasFunctions: true, hasFilenames: true, hasLines: true},
	}
	mangled := p.fn("", "odd.cc", 0)
	p.functions[len(p.functions)-1].system = "_ZN2ns6Widget4drawEv"
	pct := p.fn("fmt.%d{}%s", "fmt.go", 1)
	keep := p.fn("keep.me", "keep.go", 1)
	root := p.fn("odd.main", "odd.go", 1)
	l1 := p.loc(2, 0x601000, line{mangled, 5})
	l2 := p.loc(2, 0x602000, line{pct, 3})
	p.locations[len(p.locations)-1].folded = true
	l3 := p.loc(2, 0x603000, line{keep, 9})
	l4 := p.loc(2, 0x604000, line{root, 2})
	u := p.loc(1, 0x401234)
	p.add([]int64{3, 30, 3}, []int64{l1, l2, l4})
	p.add([]int64{2, 20, 2}, []int64{l3, l4})
	p.add([]int64{4, 40, 4}, []int64{u, l4})
	p.add([]int64{1, 10, 1}, []int64{l2, l3, l4})
	return p
}
