import PprofModel

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
///
/// Behaves as pprof's `profile.ParseData` for protobuf input: gzip is detected by its magic,
/// ids are resolved (to array indices here), and `CheckValid`'s checks run in its order with
/// its messages. Messages carry pprof's prefixes ("parsing profile:", "malformed profile:",
/// "decompressing profile:"); where pprof would only say "unrecognized profile format" the
/// precise cause follows in parentheses.
package enum ProfileDecoder {
    /// - Throws: `PprofError` with a one-line cause (no file name; callers prefix it).
    /// Handing the bytes over (`consume`) lets the compressed input go before decoding starts.
    package static func decode(_ bytes: consuming [UInt8], limits: DecodeLimits = DecodeLimits()) throws -> Profile {
        try decodeTyped(bytes, limits: limits)
    }

    /// The same as `decode` with a typed error.
    package static func decodeTyped(_ bytes: consuming [UInt8], limits: DecodeLimits = DecodeLimits())
        throws(PprofError) -> Profile
    {
        if Gzip.isGzip(bytes) {
            let raw = try Gzip.decompress(bytes, limit: limits.maxDecompressedBytes)
            bytes = []
            return try decodeUncompressed(raw, limits: limits)
        }
        if bytes.count > limits.maxDecompressedBytes {
            throw PprofError(
                "profile size exceeds the limit of \(limits.maxDecompressedBytes) bytes (max_decompressed_size)")
        }
        return try decodeUncompressed(bytes, limits: limits)
    }

    /// Decodes an uncompressed profile.proto message (pprof's `ParseUncompressed` + `CheckValid`).
    package static func decodeUncompressed(_ bytes: [UInt8], limits: DecodeLimits = DecodeLimits())
        throws(PprofError) -> Profile
    {
        if bytes.isEmpty {
            throw PprofError("parsing profile: empty input file")
        }
        var result: Result<Profile, PprofError> = .failure(PprofError("parsing profile: empty input file"))
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            var decoder = ProfileWireDecoder(limits: limits)
            do throws(PprofError) {
                result = .success(try decoder.decode(WireReader(base: base, pos: 0, end: buf.count)))
            } catch {
                result = .failure(error)
            }
        }
        switch result {
        case .success(let p):
            return p
        case .failure(let error):
            return try legacyFallback(bytes, limits: limits, protobufError: error)
        }
    }

    /// pprof's `ParseData` tries the legacy formats when protobuf decoding fails for any reason
    /// but empty or concatenated input; here that is the "unrecognized profile format" family
    /// (the "malformed profile:" errors are its later `CheckValid`). When no legacy parser
    /// recognizes the bytes, the protobuf error (with its precise cause) is kept.
    static func legacyFallback(_ bytes: [UInt8], limits: DecodeLimits, protobufError: PprofError)
        throws(PprofError) -> Profile
    {
        guard protobufError.message.hasPrefix("parsing profile: unrecognized profile format") else {
            throw protobufError
        }
        let p: Profile
        do {
            p = try LegacyProfileParser.parse(bytes, limits: limits)
        } catch {
            switch error {
            case .unrecognized: throw protobufError
            case .failed(let message): throw PprofError("parsing profile: \(message)")
            }
        }
        try p.checkValid()
        return p
    }
}
