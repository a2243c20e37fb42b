import PprofModel

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
    /// `reread` gets the same bytes again (the CLI reads the file once more): given it, a large
    /// gzip input is not all held while it inflates, and is read again only if the legacy
    /// parsers need every byte after protobuf failed.
    package static func decode(
        _ bytes: consuming [UInt8], limits: DecodeLimits = DecodeLimits(), reread: (() throws -> [UInt8])? = nil
    ) throws -> Profile {
        try decodeTyped(bytes, limits: limits, reread: reread)
    }

    /// The same as `decode` with a typed error.
    package static func decodeTyped(
        _ bytes: consuming [UInt8], limits: DecodeLimits = DecodeLimits(), streamingMinBytes: Int = streamingMinBytes,
        reread: (() throws -> [UInt8])? = nil
    ) throws(PprofError) -> Profile {
        if Gzip.isGzip(bytes) {
            if bytes.count >= streamingMinBytes, let stream = InflateStream.start(bytes, limits: limits, reread: reread) {
                let expected = Gzip.trailerSize(bytes)
                bytes = []  // the inflate thread holds the input until it is done with it
                return try decodeStreaming(stream, limits: limits, expectedBytes: expected)
            }
            // The counts are checked as inflate produces the bytes, so a file that would decode
            // into too much is refused before its inflated size (or anything decoded) is held.
            var scan = WireScan(limits: limits)
            let raw = try Gzip.decompress(bytes, limit: limits.maxDecompressedBytes) { chunk throws(PprofError) in
                try scan.feed(chunk)
            }
            bytes = []
            return try decodeUncompressed(raw, limits: limits, scanned: true)
        }
        if bytes.count > limits.maxDecompressedBytes {
            throw PprofError(
                "profile size exceeds the limit of \(limits.maxDecompressedBytes) bytes (max_decompressed_size)")
        }
        return try decodeUncompressed(bytes, limits: limits)
    }

    /// Compressed inputs at least this large are inflated on a second thread while they are
    /// decoded (`InflateStream`); for small ones a thread costs more than it saves.
    package static let streamingMinBytes = 1 << 20

    /// `decodeTyped` of a gzip input being inflated by `stream`: the same checks, in the same
    /// order, with the same errors as inflating first and decoding after.
    static func decodeStreaming(_ stream: InflateStream, limits: DecodeLimits, expectedBytes: Int = 0)
        throws(PprofError) -> Profile
    {
        var decoder = ProfileWireDecoder(limits: limits, inputBytes: expectedBytes)
        let decoded: Result<Profile, PprofError>
        do throws(PprofError) {
            decoded = .success(try decoder.decode(WireReader(base: stream.base, pos: 0, end: 0), stream: stream))
        } catch {
            decoded = .failure(error)
        }
        // Waits for inflate to end. It (and its limit scan) ran before decoding on the serial
        // path, so its error wins over the decoder's.
        let (count, _) = try stream.wait(for: .max)
        if count == 0 { throw PprofError("parsing profile: empty input file") }
        switch decoded {
        case .success(let p):
            return p
        case .failure(let error):
            // Without the bytes (the file could not be read again) no legacy parser can run.
            guard let raw = try stream.inflatedAgain(count: count, limits: limits) else { throw error }
            return try legacyFallback(raw, limits: limits, protobufError: error)
        }
    }

    /// Decodes an uncompressed profile.proto message (pprof's `ParseUncompressed` + `CheckValid`).
    /// Unless the bytes were `scanned` as they arrived, their counts are checked first
    /// (`WireScan`), before the decoder allocates anything.
    package static func decodeUncompressed(
        _ bytes: [UInt8], limits: DecodeLimits = DecodeLimits(), scanned: Bool = false
    ) throws(PprofError) -> Profile {
        if !scanned {
            var scan = WireScan(limits: limits)
            var failure: PprofError?
            bytes.withUnsafeBufferPointer { buf in
                do throws(PprofError) { try scan.feed(buf) } catch { failure = error }
            }
            if let failure { throw failure }
        }
        if bytes.isEmpty {
            throw PprofError("parsing profile: empty input file")
        }
        var result: Result<Profile, PprofError> = .failure(PprofError("parsing profile: empty input file"))
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            var decoder = ProfileWireDecoder(limits: limits, inputBytes: buf.count)
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
