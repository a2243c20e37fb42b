package main

// A minimal protobuf writer for profile.proto, using only the standard
// library, so edge cases that runtime/pprof never emits can be encoded.

import (
	"bytes"
	"compress/gzip"
)

// buf accumulates protobuf wire-format bytes.
type buf struct{ b []byte }

func (w *buf) varint(x uint64) {
	for x >= 0x80 {
		w.b = append(w.b, byte(x)|0x80)
		x >>= 7
	}
	w.b = append(w.b, byte(x))
}

func (w *buf) key(field, wire int) { w.varint(uint64(field<<3 | wire)) }

// int writes a varint field; proto3 omits zero values.
func (w *buf) int(field int, x int64) {
	if x == 0 {
		return
	}
	w.key(field, 0)
	w.varint(uint64(x))
}

func (w *buf) bool(field int, x bool) {
	if x {
		w.int(field, 1)
	}
}

func (w *buf) bytes(field int, b []byte) {
	w.key(field, 2)
	w.varint(uint64(len(b)))
	w.b = append(w.b, b...)
}

func (w *buf) msg(field int, m *buf) { w.bytes(field, m.b) }

// packed writes a packed repeated varint field (skipped when empty).
func (w *buf) packed(field int, xs []int64) {
	if len(xs) == 0 {
		return
	}
	var p buf
	for _, x := range xs {
		p.varint(uint64(x))
	}
	w.bytes(field, p.b)
}

// Model of a profile, with ids that the writer emits verbatim so that broken
// references and duplicates can be produced on purpose.
type valueType struct{ typ, unit string }

type label struct {
	key, str string
	num      int64
	unit     string
	isNum    bool
}

type sample struct {
	locs   []int64
	values []int64
	labels []label
}

type mapping struct {
	id, start, limit, offset int64
	file, buildID            string
	hasFunctions             bool
	hasFilenames             bool
	hasLines                 bool
	hasInline                bool
}

type line struct{ fn, line int64 }

type location struct {
	id, mapping, addr int64
	lines             []line
	folded            bool
}

type function struct {
	id                 int64
	name, system, file string
	start              int64
	// rawName, when set, overrides name with a raw string-table index.
	rawName int64
}

type profile struct {
	sampleTypes   []valueType
	samples       []sample
	mappings      []mapping
	locations     []location
	functions     []function
	dropFrames    string
	keepFrames    string
	timeNanos     int64
	durationNanos int64
	periodType    *valueType
	period        int64
	comments      []string
	defaultType   string

	strs  []string
	index map[string]int64
	// noEmptyFirst makes the string table start with a non-empty string.
	noEmptyFirst bool
}

func (p *profile) str(s string) int64 {
	if p.index == nil {
		p.index = map[string]int64{}
		if !p.noEmptyFirst {
			p.strs = []string{""}
			p.index[""] = 0
		}
	}
	if i, ok := p.index[s]; ok {
		return i
	}
	p.strs = append(p.strs, s)
	p.index[s] = int64(len(p.strs) - 1)
	return p.index[s]
}

// strOrZero interns s unless empty, so unset fields stay 0.
func (p *profile) strOrZero(s string) int64 {
	if s == "" {
		return 0
	}
	return p.str(s)
}

// fn adds a function whose id is its position and returns the id.
func (p *profile) fn(name, file string, start int64) int64 {
	id := int64(len(p.functions) + 1)
	p.functions = append(p.functions, function{id: id, name: name, system: name, file: file, start: start})
	return id
}

// loc adds a location with the given lines (leaf/innermost first) and returns its id.
func (p *profile) loc(mappingID, addr int64, lines ...line) int64 {
	id := int64(len(p.locations) + 1)
	p.locations = append(p.locations, location{id: id, mapping: mappingID, addr: addr, lines: lines})
	return id
}

// add appends a sample; stacks are given leaf first.
func (p *profile) add(values []int64, locs []int64, labels ...label) {
	p.samples = append(p.samples, sample{locs: locs, values: values, labels: labels})
}

func (p *profile) encode() []byte {
	p.str("")
	var w buf
	vt := func(field int, v valueType) {
		var m buf
		m.int(1, p.strOrZero(v.typ))
		m.int(2, p.strOrZero(v.unit))
		w.msg(field, &m)
	}
	for _, t := range p.sampleTypes {
		vt(1, t)
	}
	for _, s := range p.samples {
		var m buf
		m.packed(1, s.locs)
		m.packed(2, s.values)
		for _, l := range s.labels {
			var lm buf
			lm.int(1, p.strOrZero(l.key))
			if l.isNum {
				lm.int(3, l.num)
				lm.int(4, p.strOrZero(l.unit))
			} else {
				lm.int(2, p.strOrZero(l.str))
			}
			m.msg(3, &lm)
		}
		w.msg(2, &m)
	}
	for _, mp := range p.mappings {
		var m buf
		m.int(1, mp.id)
		m.int(2, mp.start)
		m.int(3, mp.limit)
		m.int(4, mp.offset)
		m.int(5, p.strOrZero(mp.file))
		m.int(6, p.strOrZero(mp.buildID))
		m.bool(7, mp.hasFunctions)
		m.bool(8, mp.hasFilenames)
		m.bool(9, mp.hasLines)
		m.bool(10, mp.hasInline)
		w.msg(3, &m)
	}
	for _, l := range p.locations {
		var m buf
		m.int(1, l.id)
		m.int(2, l.mapping)
		m.int(3, l.addr)
		for _, ln := range l.lines {
			var lm buf
			lm.int(1, ln.fn)
			lm.int(2, ln.line)
			m.msg(4, &lm)
		}
		m.bool(5, l.folded)
		w.msg(4, &m)
	}
	for _, f := range p.functions {
		var m buf
		m.int(1, f.id)
		if f.rawName != 0 {
			m.int(2, f.rawName)
		} else {
			m.int(2, p.strOrZero(f.name))
		}
		m.int(3, p.strOrZero(f.system))
		m.int(4, p.strOrZero(f.file))
		m.int(5, f.start)
		w.msg(5, &m)
	}
	// Intern the remaining strings before the table is written.
	drop, keep := p.strOrZero(p.dropFrames), p.strOrZero(p.keepFrames)
	var pt *buf
	if p.periodType != nil {
		pt = &buf{}
		pt.int(1, p.strOrZero(p.periodType.typ))
		pt.int(2, p.strOrZero(p.periodType.unit))
	}
	var comments []int64
	for _, c := range p.comments {
		comments = append(comments, p.str(c))
	}
	def := p.strOrZero(p.defaultType)
	for _, s := range p.strs {
		w.bytes(6, []byte(s))
	}
	w.int(7, drop)
	w.int(8, keep)
	w.int(9, p.timeNanos)
	w.int(10, p.durationNanos)
	if pt != nil {
		w.msg(11, pt)
	}
	w.int(12, p.period)
	// comment is a repeated int64; write it unpacked, which decoders must accept too.
	for _, c := range comments {
		w.key(13, 0)
		w.varint(uint64(c))
	}
	w.int(14, def)
	return w.b
}

// gz compresses b deterministically (no name, no modification time).
func gz(b []byte) []byte {
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		panic(err)
	}
	if _, err := zw.Write(b); err != nil {
		panic(err)
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return out.Bytes()
}
