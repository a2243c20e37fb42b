import Testing

import PprofModel

/// pprof's symbolizer name pass over a profile's function names.
@Suite struct DemanglerTests {
    /// The symbolizer pass: demangler first, then the heuristic for names that only look like C++.
    @Test func demangledNameOrdersDemanglerBeforeHeuristic() {
        #expect(Demangler.demangledName("_ZNSt6vectorIiSaIiEE9push_backERKi", mode: "") == "std::vector::push_back")
        #expect(Demangler.demangledName("std::vector<int>::push_back(int const&)", mode: "") == "std::vector::push_back")
        #expect(
            Demangler.demangledName("std::vector<int>::push_back(int const&)", mode: "templates")
                == "std::vector<int>::push_back")
        #expect(Demangler.demangledName("_Z3bari.constprop.0", mode: "none") == "bar(int) [clone .constprop.0]")
        #expect(Demangler.demangledName("_Z3bari.constprop.0", mode: "full") == "bar(int)")
        #expect(Demangler.demangledName("main.main", mode: "") == "main.main")
    }

    /// pprof's C++ look (strings.Contains/ContainsAny, byte-wise): Java's `.<` and Go's `]).`
    /// are not C++ wherever they are; any of `<>[]` or `::` is, also before a combining mark.
    @Test func looksLikeCPlusPlusIsByteWise() {
        #expect(Demangler.demangledName("Foo.<init>(int)", mode: "") == "Foo.<init>(int)")
        #expect(Demangler.demangledName("pkg.(*T[...]).M(x)", mode: "") == "pkg.(*T[...]).M(x)")
        #expect(Demangler.demangledName("a::b(int)", mode: "") == "a::b")
        #expect(Demangler.demangledName("a:b(int)", mode: "") == "a:b(int)")
        #expect(Demangler.demangledName("f(int)[2]", mode: "") == "f[2]")
        // "<" then U+0301 is one Character, but the byte "<" is there as Go sees it: C++, so
        // the parameters go (the unclosed "<" stays, as in pprof's removeMatching).
        #expect(Demangler.demangledName("v<\u{301}(int)", mode: "") == "v<\u{301}")
    }
}

/// pprof's "looks like demangled C++" test (Go's byte-wise Contains/ContainsAny).
@Suite struct DemanglerHeuristicTests {
    @Test func cPlusPlusLookalikes() {
        #expect(Demangler.demangledName("a::b(int)", mode: "") == "a::b")
        #expect(Demangler.demangledName("f[abi:cxx11](x)", mode: "") == "f[abi:cxx11]")
        #expect(Demangler.demangledName("v<int>(x)", mode: "") == "v")
        // Java (`.<`) and Go generics (`]).`) are left alone.
        #expect(Demangler.demangledName("java.util.<init>(I)", mode: "") == "java.util.<init>(I)")
        #expect(Demangler.demangledName("main.F[...]).m(x)", mode: "") == "main.F[...]).m(x)")
        // One colon or none of <>[] is not C++.
        #expect(Demangler.demangledName("a:b(int)", mode: "") == "a:b(int)")
    }
}
