#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The demanglers recurse once per level of nesting, as upstream's do (Go grows its stacks up
/// to 1 GB, so pprof demangles names nested tens of thousands deep). Names that could nest
/// deeply are demangled on a thread with a large stack (reserved, committed only as used),
/// where the depth limits are high enough for anything pprof prints; elsewhere they stay small.
package enum DemangleStack {
    /// Stack reserved for a demangling thread.
    static let stackBytes = 1 << 30
    /// Nesting allowed on that stack (counted in grammar rules entered, up to 4 per level of a
    /// nested template): a rule costs under 300 bytes of frames in a release build (measured:
    /// 50,000 nested templates touch ~35 MB) and leaves over 5 KiB per rule in a debug one, so
    /// this stays far inside 1 GiB. It covers names 50,000 levels deep of every kind, all of
    /// which pprof demangles (Go grows its stack to 1 GB and its demangler has no depth limit).
    static let deepLimit = 200_000
    /// Names at most this long run on the caller's stack with the small limits (they cannot
    /// nest past them).
    static let inlineLength = 48

    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    /// True on a thread started by `run`.
    static var onLargeStack: Bool { pthread_getspecific(key) != nil }

    /// The depth limit for a demangler starting now: `inline` on an ordinary stack.
    static func depthLimit(inline: Int) -> Int { onLargeStack ? deepLimit : inline }

    private final class Job {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Runs `body` on a thread with a large stack and waits for it; runs it in place when
    /// already on one, or when no thread can be made (the small limits then apply).
    package static func run<R>(_ body: () -> R) -> R {
        if onLargeStack { return body() }
        var result: R?
        withoutActuallyEscaping({ result = body() }) { work in
            let job = Unmanaged.passRetained(Job(work))
            var attr = pthread_attr_t()
            pthread_attr_init(&attr)
            defer { pthread_attr_destroy(&attr) }
            pthread_attr_setstacksize(&attr, stackBytes)
            #if canImport(Darwin)
                var thread: pthread_t?
            #else
                var thread = pthread_t()
            #endif
            let rc = pthread_create(
                &thread, &attr,
                { ctx in
                    guard let ctx else { return nil }
                    let job = Unmanaged<Job>.fromOpaque(ctx).takeRetainedValue()
                    pthread_setspecific(DemangleStack.key, UnsafeRawPointer(bitPattern: 1))
                    job.body()
                    return nil
                }, job.toOpaque())
            if rc == 0 {
                #if canImport(Darwin)
                    if let thread { pthread_join(thread, nil) }
                #else
                    pthread_join(thread, nil)
                #endif
            } else {
                job.release()
                work()
            }
        }
        guard let result else { return body() }
        return result
    }
}
