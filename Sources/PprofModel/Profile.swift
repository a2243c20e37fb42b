/// The in-memory profile: profile.proto resolved into flat, index-linked arrays.
///
/// Ids from the file are resolved to array indices at decode time so that hot loops
/// (aggregation over millions of samples) touch only integers. The struct is a value:
/// filters work on copies, as pprof copies the profile before each command.
package struct Profile: Sendable {
    package var sampleTypes: [ValueType] = []
    package var defaultSampleType: String = ""
    package var samples = SampleTable()
    package var mappings: [Mapping] = []
    package var locations: [Location] = []
    package var functions: [Function] = []
    package var comments: [String] = []
    package var dropFrames: String = ""
    package var keepFrames: String = ""
    package var timeNanos: Int64 = 0
    package var durationNanos: Int64 = 0
    package var periodType: ValueType?
    package var period: Int64 = 0
    /// profile.proto field 15 (newer than the pprof in Go 1.19); kept, never printed by it.
    package var docURL: String = ""
    /// Set when a lone source skipped its merge (`merge(_:sumsOnly:)`): that source as given.
    /// Every sum and name is the merged profile's, but equal samples are not folded and ids
    /// are the file's, so a report of samples or ids (traces, raw, proto) must be run on the
    /// merge of it (`Session.fullLoad`). It shares the profile's tables until one is edited.
    package var unmergedSource: UnmergedSource?
    package var unmerged: Bool { unmergedSource != nil }

    package init() {}
}

/// The source of an unmerged profile (`Profile.unmergedSource`), boxed because a profile
/// cannot hold a profile inline.
package final class UnmergedSource: Sendable {
    package let profile: Profile
    package init(_ profile: Profile) { self.profile = profile }
}

package struct ValueType: Sendable, Hashable {
    package var type: String
    package var unit: String
    package init(type: String, unit: String) {
        self.type = type
        self.unit = unit
    }
}

package struct Mapping: Sendable, Hashable {
    package var id: UInt64
    package var start: UInt64 = 0
    package var limit: UInt64 = 0
    package var offset: UInt64 = 0
    package var file: String = ""
    package var buildID: String = ""
    package var hasFunctions = false
    package var hasFilenames = false
    package var hasLineNumbers = false
    package var hasInlineFrames = false
    package init(id: UInt64) { self.id = id }
}

package struct Function: Sendable, Hashable {
    package var id: UInt64
    package var name: String = ""
    package var systemName: String = ""
    package var filename: String = ""
    package var startLine: Int64 = 0
    package init(id: UInt64, name: String = "", systemName: String = "", filename: String = "", startLine: Int64 = 0) {
        self.id = id
        self.name = name
        self.systemName = systemName
        self.filename = filename
        self.startLine = startLine
    }
}

/// One frame of a location. `function` indexes `Profile.functions`; -1 when absent.
package struct Line: Sendable, Hashable {
    package var function: Int32
    package var line: Int64
    package var column: Int64 = 0
    package init(function: Int32, line: Int64, column: Int64 = 0) {
        self.function = function
        self.line = line
        self.column = column
    }
}

/// `lines` lists inlined frames callee first, the outermost caller last (as in profile.proto).
/// `mapping` indexes `Profile.mappings`; -1 when absent.
package struct Location: Sendable, Hashable {
    package var id: UInt64
    package var mapping: Int32 = -1
    package var address: UInt64 = 0
    package var lines: [Line] = []
    package var isFolded = false
    package init(id: UInt64) { self.id = id }
}

/// A sample label: string (`str != nil`) or numeric (`num` with optional `unit`).
package struct SampleLabel: Sendable, Hashable {
    package var key: String
    package var str: String?
    package var num: Int64 = 0
    package var unit: String = ""
    package init(key: String, str: String) {
        self.key = key
        self.str = str
    }
    package init(key: String, num: Int64, unit: String = "") {
        self.key = key
        self.str = nil
        self.num = num
        self.unit = unit
    }
    package var isNumeric: Bool { str == nil }
}

/// Samples as a struct of arrays: no per-sample objects, so millions of samples stay cheap.
///
/// Sample `i` has stack `stacks[stackOffsets[i]..<stackOffsets[i+1]]` (location indices,
/// leaf first), values `values[i*valueCount..<(i+1)*valueCount]` and labels
/// `labels[labelOffsets[i]..<labelOffsets[i+1]]`.
package struct SampleTable: Sendable {
    package var valueCount: Int = 0
    package var stackOffsets: [Int] = [0]
    package var stacks: [Int32] = []
    package var values: [Int64] = []
    package var labelOffsets: [Int] = [0]
    package var labels: [SampleLabel] = []

    package init(valueCount: Int = 0) { self.valueCount = valueCount }

    package var count: Int { stackOffsets.count - 1 }

    package func stack(_ i: Int) -> ArraySlice<Int32> { stacks[stackOffsets[i]..<stackOffsets[i + 1]] }
    package func values(_ i: Int) -> ArraySlice<Int64> { values[(i * valueCount)..<((i + 1) * valueCount)] }
    package func value(_ i: Int, _ index: Int) -> Int64 { values[i * valueCount + index] }
    package func labels(_ i: Int) -> ArraySlice<SampleLabel> { labels[labelOffsets[i]..<labelOffsets[i + 1]] }

    /// Appends one sample; `values.count` must equal `valueCount`.
    package mutating func append<S: Sequence, V: Sequence, L: Sequence>(stack: S, values newValues: V, labels newLabels: L)
    where S.Element == Int32, V.Element == Int64, L.Element == SampleLabel {
        stacks.append(contentsOf: stack)
        stackOffsets.append(stacks.count)
        values.append(contentsOf: newValues)
        labels.append(contentsOf: newLabels)
        labelOffsets.append(labels.count)
    }
}

/// A one-line, user-facing error (the CLI prints it and exits non-zero).
package struct PprofError: Error, CustomStringConvertible, Equatable {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}
