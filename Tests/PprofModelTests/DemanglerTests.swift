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
}
