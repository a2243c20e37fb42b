import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Work that must not hold back what the user waits for: run on a thread of its own at a
/// low scheduling priority (10 nicer than the process; a thread's priority cannot be raised back without
/// privileges, so never on a pooled thread), the caller waiting for its result.
enum LowPriority {
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let result = Slot<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            #if os(Linux)
                // On Linux these read and set the calling thread's nice value, not the
                // process's; 10 above the process's own (getpriority's -1 can be a value too,
                // and then 9 is still lower).
                let which = __priority_which_t(PRIO_PROCESS.rawValue)
                _ = setpriority(which, 0, min(19, getpriority(which, 0) + 10))
            #endif
            result.value = body()
            done.signal()
        }
        thread.start()
        done.wait()
        // The semaphore orders the worker's write before this read.
        guard let value = result.value else { return body() }
        return value
    }
}
