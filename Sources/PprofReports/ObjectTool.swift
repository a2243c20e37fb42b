import GoRegex
import PprofModel

/// A symbol of a binary (pprof's `plugin.Sym`): `end` is the last byte's address (start + size - 1).
package struct ObjSymbol: Sendable, Equatable {
    package var names: [String]
    package var file: String
    package var start: UInt64
    package var end: UInt64
    package init(names: [String], file: String, start: UInt64, end: UInt64) {
        self.names = names
        self.file = file
        self.start = start
        self.end = end
    }
}

/// One disassembled instruction (pprof's `plugin.Inst`).
package struct ObjInstruction: Sendable, Equatable {
    package var address: UInt64
    package var text: String
    package var function: String = ""
    package var file: String = ""
    package var line: Int = 0
    package init(address: UInt64, text: String, function: String = "", file: String = "", line: Int = 0) {
        self.address = address
        self.text = text
        self.function = function
        self.file = file
        self.line = line
    }
}

/// What `disasm` needs of the program's binaries (pprof's `plugin.ObjTool`/`ObjFile`). The
/// real one (binutils child processes) is in PprofCLI; reports stay pure.
package protocol ObjectTool: Sendable {
    /// The symbols of the mapping's binary whose name matches `regex` and, when `address` is
    /// not 0, that contain it. Throws the text pprof prints when the binary does not open.
    func symbols(mapping: Mapping, matching regex: GoRegex, address: UInt64) throws -> [ObjSymbol]
    /// A sample address as an address in the object file of `mapping`.
    func objectAddress(mapping: Mapping, address: UInt64) -> UInt64
    /// The instructions of `file` from `start` up to (not including) `end`.
    func disassemble(file: String, start: UInt64, end: UInt64) throws -> [ObjInstruction]
    /// The innermost source line of each object address of `file`, for the annotated view
    /// (an address without line information is left out).
    func sourceLines(file: String, addresses: [UInt64]) -> [UInt64: (file: String, line: Int)]
    /// The paths where the binary of `mapping` was looked for, for a "no binary" note.
    func triedPaths(for mapping: Mapping) -> [String]
}

extension ObjectTool {
    /// Default: no line information.
    package func sourceLines(file: String, addresses: [UInt64]) -> [UInt64: (file: String, line: Int)] { [:] }
    /// Default: only the mapping's own file.
    package func triedPaths(for mapping: Mapping) -> [String] { [mapping.file] }
}

/// No binaries: every open fails as for a missing file.
package struct NoObjectTool: ObjectTool {
    package init() {}
    package func symbols(mapping: Mapping, matching regex: GoRegex, address: UInt64) throws -> [ObjSymbol] {
        throw PprofError("open \(mapping.file): no such file or directory")
    }
    package func objectAddress(mapping: Mapping, address: UInt64) -> UInt64 { address }
    package func disassemble(file: String, start: UInt64, end: UInt64) throws -> [ObjInstruction] { [] }
}
