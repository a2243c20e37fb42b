import Demangle

/// pprof's symbolizer name pass (`symbolizer.Demangle`): function names still equal to their
/// system names are demangled (Itanium C++ `_Z...`, Rust `_ZN...17h...E` and `_R...`, see
/// `demangleFilter`); names that do not demangle but look like demangled C++ are simplified —
/// parameters and template arguments removed
/// (`std::vector<int>::push_back(int const&)` -> `std::vector::push_back`).
package enum Demangler {
    /// `mode` is pprof's `-symbolize` value (`none`, `force`, `demangle=full|templates|none`).
    package static func simplifyNames(_ p: inout Profile, mode: String) {
        var force = false
        var demangleMode = ""
        for o in mode.lowercased().split(separator: ":", omittingEmptySubsequences: true) {
            switch o {
            case "none", "no": return
            case "force": force = true
            case "local", "fastlocal", "remote": break
            default:
                let d = o.hasPrefix("demangle=") ? String(o.dropFirst("demangle=".count)) : String(o)
                if ["full", "none", "templates"].contains(d) {
                    demangleMode = d
                    force = true
                }
            }
        }
        if force {
            for i in p.functions.indices where !p.functions[i].name.isEmpty && !p.functions[i].systemName.isEmpty {
                p.functions[i].name = p.functions[i].systemName
            }
        }
        // One large-stack thread for the whole pass, not one per long name.
        let before = p.functions
        p.functions = DemangleStack.run {
            var functions = before
            for i in functions.indices {
                let f = functions[i]
                if !f.name.isEmpty && f.systemName != f.name { continue }  // already demangled
                functions[i].name = demangledName(f.systemName, mode: demangleMode)
            }
            return functions
        }
    }

    /// pprof's `demangleSingleFunction` for one system name: the demangler's output when it
    /// changes the name, else the heuristic simplification. `mode` is the `demangle=` value
    /// (`""`, `templates`, `full`, `none`); an unknown mode counts as `""`.
    package static func demangledName(_ systemName: String, mode: String) -> String {
        let options = DemangleOptions.pprofMode(mode) ?? [.noParams, .noTemplateParams]
        let demangled = demangleFilter(systemName, options)
        if demangled != systemName { return demangled }
        var name = systemName
        if looksLikeDemangledCPlusPlus(name) {
            if options.contains(.noParams) { name = removeMatching(name, UInt8(ascii: "("), UInt8(ascii: ")")) }
            if options.contains(.noTemplateParams) { name = removeMatching(name, UInt8(ascii: "<"), UInt8(ascii: ">")) }
        }
        return name
    }

    /// pprof's heuristic: Java (`.<`) and Go generic (`]).`) names are not C++; others are
    /// when they hold any of `<>[]` or `::`. Over the bytes, as Go's strings.Contains(Any)
    /// (Character comparisons also missed a `<` that a combining mark follows).
    static func looksLikeDemangledCPlusPlus(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { b in
            var cplusplus = false
            let n = b.count
            for i in 0..<n {
                switch b[i] {
                case UInt8(ascii: "."):
                    if i + 1 < n && b[i + 1] == UInt8(ascii: "<") { return false }
                case UInt8(ascii: "]"):
                    if i + 2 < n && b[i + 1] == UInt8(ascii: ")") && b[i + 2] == UInt8(ascii: ".") { return false }
                    cplusplus = true
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["):
                    cplusplus = true
                case UInt8(ascii: ":"):
                    if i + 1 < n && b[i + 1] == UInt8(ascii: ":") { cplusplus = true }
                default:
                    break
                }
            }
            return cplusplus
        }
    }

    /// Removes each outermost balanced `start...end` group; a mismatch leaves the name as is.
    static func removeMatching(_ name: String, _ start: UInt8, _ end: UInt8) -> String {
        var bytes = Array(name.utf8)
        var nesting = 0
        var first = 0
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == start {
                nesting += 1
                if nesting == 1 { first = i }
            } else if c == end {
                nesting -= 1
                if nesting < 0 { return name }
                if nesting == 0 {
                    bytes.removeSubrange(first...i)
                    i = first
                    continue
                }
            }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
