import PprofModel

/// Limits that make hostile input cheap to refuse, far above what real profiles need.
///
/// Each is a command-line flag of the same name (`-max_strings=N`), and its error ends with
/// that name in parentheses, so a user whose real profile hits one knows what to raise.
/// Counts are checked as the bytes arrive (`WireScan`, fed by inflate), before the decoder
/// allocates anything for them; the decoder checks them again for what it appends.
package struct DecodeLimits: Sendable, Equatable {
    /// Largest decompressed size accepted (refuses gzip bombs).
    package var maxDecompressedBytes: Int = 2 << 30
    /// What the decoded model may cost in memory (an estimate from element counts and sizes).
    package var maxDecodedBytes: Int = 4 << 30
    package var maxSamples: Int = 50_000_000
    package var maxSampleTypes: Int = 10_000
    package var maxValuesPerSample: Int = 10_000
    package var maxStrings: Int = 10_000_000
    package var maxStringLength: Int = 1 << 20
    package var maxComments: Int = 1_000_000
    package var maxMappings: Int = 1_000_000
    package var maxLocations: Int = 10_000_000
    package var maxFunctions: Int = 10_000_000
    package var maxLinesPerLocation: Int = 1_000_000
    package var maxStackDepth: Int = 100_000
    package var maxLabelsPerSample: Int = 10_000
    package init() {}

    /// Every limit, named as its flag; the flag table, the errors and the README use these names.
    package enum Limit: String, CaseIterable, Sendable {
        case decompressedSize = "max_decompressed_size"
        case decodedSize = "max_decoded_size"
        case samples = "max_samples"
        case sampleTypes = "max_sample_types"
        case valuesPerSample = "max_values_per_sample"
        case strings = "max_strings"
        case stringLength = "max_string_length"
        case comments = "max_comments"
        case mappings = "max_mappings"
        case locations = "max_locations"
        case functions = "max_functions"
        case linesPerLocation = "max_lines_per_location"
        case stackDepth = "max_stack_depth"
        case labelsPerSample = "max_labels_per_sample"

        /// What the limit counts, as the error and the flag's help say it.
        package var what: String {
            switch self {
            case .decompressedSize: "decompressed size"
            case .decodedSize: "decoded size"
            case .samples: "sample count"
            case .sampleTypes: "sample type count"
            case .valuesPerSample: "value count of a sample"
            case .strings: "string count"
            case .stringLength: "string length"
            case .comments: "comment count"
            case .mappings: "mapping count"
            case .locations: "location count"
            case .functions: "function count"
            case .linesPerLocation: "line count of a location"
            case .stackDepth: "stack depth"
            case .labelsPerSample: "label count of a sample"
            }
        }

        /// Sizes are in bytes; the rest are counts.
        package var isBytes: Bool { self == .decompressedSize || self == .decodedSize || self == .stringLength }
    }

    package subscript(_ limit: Limit) -> Int {
        get {
            switch limit {
            case .decompressedSize: maxDecompressedBytes
            case .decodedSize: maxDecodedBytes
            case .samples: maxSamples
            case .sampleTypes: maxSampleTypes
            case .valuesPerSample: maxValuesPerSample
            case .strings: maxStrings
            case .stringLength: maxStringLength
            case .comments: maxComments
            case .mappings: maxMappings
            case .locations: maxLocations
            case .functions: maxFunctions
            case .linesPerLocation: maxLinesPerLocation
            case .stackDepth: maxStackDepth
            case .labelsPerSample: maxLabelsPerSample
            }
        }
        set {
            switch limit {
            case .decompressedSize: maxDecompressedBytes = newValue
            case .decodedSize: maxDecodedBytes = newValue
            case .samples: maxSamples = newValue
            case .sampleTypes: maxSampleTypes = newValue
            case .valuesPerSample: maxValuesPerSample = newValue
            case .strings: maxStrings = newValue
            case .stringLength: maxStringLength = newValue
            case .comments: maxComments = newValue
            case .mappings: maxMappings = newValue
            case .locations: maxLocations = newValue
            case .functions: maxFunctions = newValue
            case .linesPerLocation: maxLinesPerLocation = newValue
            case .stackDepth: maxStackDepth = newValue
            case .labelsPerSample: maxLabelsPerSample = newValue
            }
        }
    }

    /// The one-line refusal: "mapping count exceeds the limit of 1000000 (max_mappings)".
    package func exceeded(_ limit: Limit) -> PprofError {
        PprofError("\(limit.what) exceeds the limit of \(self[limit])\(limit.isBytes ? " bytes" : "") (\(limit.rawValue))")
    }

    /// The refusal of one string over max_string_length, naming its length: "string of
    /// 1048577 bytes exceeds the limit of 1048576 bytes (max_string_length)".
    package func stringTooLong(_ bytes: Int) -> PprofError {
        PprofError("string of \(bytes) bytes exceeds the limit of \(maxStringLength) bytes (\(Limit.stringLength.rawValue))")
    }

    /// Throws `exceeded(limit)` when `count` is over the limit.
    @inline(__always)
    package func check(_ count: Int, _ limit: Limit) throws(PprofError) {
        if count > self[limit] { throw exceeded(limit) }
    }
}
