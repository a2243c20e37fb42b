import PprofModel
import Testing

@Suite struct TransformDemangleTests {
    private func names(_ systemNames: [String], mode: String = "", force: Bool = false, name: String? = nil) -> [String] {
        var p = TX.profile(systemNames, samples: [])
        if let name { p.functions[0].name = name }
        p.simplifyDemangledNames(mode: mode, force: force)
        return p.functions.map(\.name)
    }

    @Test func defaultModeDropsParametersAndTemplates() {
        // Expected values as go tool pprof -raw prints them for Fixtures/profiles/crafted/cxx.pb.gz.
        #expect(
            names([
                "std::vector<int, std::allocator<int> >::push_back(int const&)",
                "(anonymous namespace)::Worker::run()",
                "ns::Foo<ns::Bar<char> >::operator()(int) const",
                "main.(*List[...]).Push",
                "java.lang.Object.<init>",
                "main.main",
                "unbalanced)(x)::y",
            ]) == [
                "std::vector::push_back", "::Worker::run", "ns::Foo::operator const", "main.(*List[...]).Push",
                "java.lang.Object.<init>", "main.main", "unbalanced)(x)::y",
            ])
    }

    @Test func templatesModeKeepsTemplateArguments() {
        #expect(names(["a::b<int>(x)"], mode: "templates") == ["a::b<int>"])
        #expect(names(["a::b<int>(x)"], mode: "full") == ["a::b<int>(x)"])
    }

    @Test func alreadyDemangledNamesStayUnlessForced() {
        #expect(names(["a::b(x)"], name: "custom") == ["custom"])
        #expect(names(["a::b(x)"], force: true, name: "custom") == ["a::b"])
    }
}
