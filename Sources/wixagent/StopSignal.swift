import Dispatch
import Foundation

/// Waits for SIGINT or SIGTERM, so a server can stop cleanly.
enum StopSignal {
    static func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = Once(continuation)
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
                source.setEventHandler { once.fire() }
                source.resume()
                Sources.keep(source)
            }
        }
    }

    /// Resumes the continuation the first time only.
    private final class Once: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Void, Never>?
        init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }
        func fire() {
            lock.withLock {
                continuation?.resume()
                continuation = nil
            }
        }
    }

    /// Signal sources must outlive the wait.
    private enum Sources {
        nonisolated(unsafe) static var kept: [DispatchSourceSignal] = []
        static func keep(_ source: DispatchSourceSignal) { kept.append(source) }
    }
}
