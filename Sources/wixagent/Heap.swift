#if canImport(Glibc)
import Glibc
#endif

/// The C heap of this process.
enum Heap {
    /// Hands memory freed by a burst of work (launching, a turn) back to the system: glibc keeps
    /// the freed pages of its per-thread arenas, and `malloc_trim` releases them (0.7 MB at idle
    /// after launch, measured).
    static func trim() {
        #if canImport(Glibc)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        // malloc.h is not part of Swift's Glibc module, so the function is looked up.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
