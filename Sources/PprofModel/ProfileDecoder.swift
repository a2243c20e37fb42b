/// Limits that make hostile input cheap to refuse. Each is configurable; its error names it.
package struct DecodeLimits: Sendable, Equatable {
    /// Largest decompressed size accepted (refuses gzip bombs).
    package var maxDecompressedBytes: Int = 2 << 30
    package var maxSamples: Int = 50_000_000
    package var maxLocations: Int = 10_000_000
    package var maxFunctions: Int = 10_000_000
    package var maxStringLength: Int = 1 << 20
    package var maxStackDepth: Int = 100_000
    package var maxLabelsPerSample: Int = 10_000
    package init() {}
}

/// Decodes profile.proto bytes (gzip-compressed or raw) into a validated `Profile`.
package enum ProfileDecoder {
    /// - Throws: `PprofError` with a one-line cause (no file name; callers prefix it).
    package static func decode(_ bytes: [UInt8], limits: DecodeLimits = DecodeLimits()) throws -> Profile {
        throw PprofError("decoder not implemented yet")
    }
}
