import Dispatch
import Foundation
import Synchronization

/// Waits for SIGINT or SIGTERM, so a server can stop cleanly.
enum StopSignal {
    static func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = Once(continuation)
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { once.fire() }
                source.resume()
                Sources.keep(source)
            }
        }
    }

    /// Resumes the continuation the first time only.
    private final class Once: Sendable {
        private let continuation: Mutex<CheckedContinuation<Void, Never>?>
        init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = Mutex(continuation) }
        func fire() {
            continuation.withLock { continuation in
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
