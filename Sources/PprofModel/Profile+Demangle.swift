extension Profile {
    /// The part of pprof's symbolizer `Demangle` that needs no demangler: names that already
    /// look like demangled C++ lose their parameter lists ("" and "templates" modes) and
    /// template arguments ("" mode). Only functions whose name is empty or equal to the system
    /// name are touched (others count as demangled already), unless `force`, which first
    /// resets names to system names. Mangled (`_Z...`) names are left as they are: the
    /// Itanium demangler itself is not implemented.
    package mutating func simplifyDemangledNames(mode: String = "", force: Bool = false) {
        let noParams = mode == "" || mode == "templates"
        let noTemplates = mode == ""
        for i in functions.indices {
            if force && !functions[i].name.isEmpty && !functions[i].systemName.isEmpty {
                functions[i].name = functions[i].systemName
            }
            let fn = functions[i]
            if !fn.name.isEmpty && fn.systemName != fn.name { continue }
            var name = fn.systemName
            if Self.looksLikeDemangledCPlusPlus(name) {
                if noParams { name = Self.removeMatching(name, open: UInt8(ascii: "("), close: UInt8(ascii: ")")) }
                if noTemplates { name = Self.removeMatching(name, open: UInt8(ascii: "<"), close: UInt8(ascii: ">")) }
            }
            functions[i].name = name
        }
    }

    /// Java "class.<init>" and Go "pkg.(*T[...]).M" are not C++.
    static func looksLikeDemangledCPlusPlus(_ s: String) -> Bool {
        if s.contains(".<") || s.contains("]).") { return false }
        return s.contains(where: { "<>[]".contains($0) }) || s.contains("::")
    }

    /// Removes each outermost `open ... close` group; an unbalanced `close` leaves the rest.
    static func removeMatching(_ name: String, open: UInt8, close: UInt8) -> String {
        var bytes = Array(name.utf8)
        var nesting = 0
        var first = 0
        var current = 0
        while current < bytes.count {
            let b = bytes[current]
            if b == open {
                nesting += 1
                if nesting == 1 { first = current }
            } else if b == close {
                nesting -= 1
                if nesting < 0 { return String(decoding: bytes, as: UTF8.self) }
                if nesting == 0 {
                    bytes.removeSubrange(first...current)
                    current = first - 1
                }
            }
            current += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
