// Command gen records the demangle fixture table: for every symbol in
// Fixtures/demangle/inputs.txt (stdin, one per line, '#' lines skipped) and every
// pprof demangler mode it prints "mangled<TAB>mode<TAB>demangled" using the
// demangle package Go 1.19 vendors, with the options pprof's symbolizer passes.
// It must run from GOROOT/src/cmd so the vendored package resolves (see
// scripts/record-demangle-cases.sh).
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/ianlancetaylor/demangle"
)

func main() {
	modes := []struct {
		name string
		opts []demangle.Option
	}{
		{"default", []demangle.Option{demangle.NoParams, demangle.NoTemplateParams}},
		{"templates", []demangle.Option{demangle.NoParams}},
		{"full", []demangle.Option{demangle.NoClones}},
		{"none", []demangle.Option{}},
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	fmt.Fprintln(out, "# mangled\tmode\tdemangle.Filter output (recorded from Go 1.19's vendored github.com/ianlancetaylor/demangle)")
	for in.Scan() {
		s := in.Text()
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		for _, m := range modes {
			o := append([]demangle.Option(nil), m.opts...)
			fmt.Fprintf(out, "%s\t%s\t%s\n", s, m.name, demangle.Filter(s, o...))
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
