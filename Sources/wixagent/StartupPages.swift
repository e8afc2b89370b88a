#if canImport(Glibc)
import Glibc
#endif

/// Hands back the pages of the program's own machine code once launching is done. Starting up
/// runs code from all over the binary (argument parsing, configuration, the store, the catalog,
/// the sandbox's server), and the kernel maps 64 KB around each page it faults in, so about
/// 8 MB of code stays resident although 1.8 MB of it ran and the idle UI needs far less. The
/// code mapping is read-only and backed by the executable, so a dropped page needed again is
/// mapped back from the page cache. Writable mappings are never touched, and nothing is dropped
/// while a debugger is attached (its breakpoints are private copies of code pages).
enum StartupPages {
    /// Releases the pages `delay` from now, once the first frames after connecting are drawn.
    static func release(after delay: Duration) {
        Task.detached(priority: .background) {
            try? await Task.sleep(for: delay)
            release()
        }
    }

    static func release() {
        #if os(Linux)
        guard let executable = link("/proc/self/exe"), let maps = contents("/proc/self/maps"), !traced else { return }
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1] == "r-xp", fields[5...].joined(separator: " ") == executable else { continue }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16), end > start,
                  let address = UnsafeMutableRawPointer(bitPattern: start) else { continue }
            _ = madvise(address, Int(end - start), MADV_DONTNEED)
        }
        #endif
    }

    /// Whether a debugger (or any tracer) is attached: `TracerPid` is not 0.
    private static var traced: Bool {
        guard let status = contents("/proc/self/status") else { return true }
        let line = status.split(separator: "\n").first { $0.hasPrefix("TracerPid:") }
        return line.map { $0.split(separator: "\t").last?.trimmingPrefix(" ") != "0" } ?? true
    }

    private static func link(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func contents(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        while true {
            let count = read(fd, &chunk, chunk.count)
            guard count > 0 else { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
