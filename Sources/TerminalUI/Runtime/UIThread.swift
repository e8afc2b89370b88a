#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The thread the UI loop owns: a plain POSIX thread with a roomy stack, since the loop blocks in
/// `poll` and must never run on Swift's concurrency pool. (Foundation's `Thread` would do the
/// same and page in Foundation's thread and run-loop machinery at every start.)
enum UIThread {
    /// Starts `body` on a new detached thread; false when the system refused one.
    static func start(stackSize: Int = 8 << 20, _ body: @escaping @Sendable () -> Void) -> Bool {
        final class Work { let body: @Sendable () -> Void; init(_ body: @escaping @Sendable () -> Void) { self.body = body } }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let work = Unmanaged.passRetained(Work(body)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let started = pthread_create(&thread, &attributes, { raw in
            // (The argument is optional on Linux and not on Darwin.)
            let argument: UnsafeMutableRawPointer? = raw
            Unmanaged<Work>.fromOpaque(argument!).takeRetainedValue().body()
            return nil
        }, work)
        if started != 0 { Unmanaged<Work>.fromOpaque(work).release() }
        return started == 0
    }
}
