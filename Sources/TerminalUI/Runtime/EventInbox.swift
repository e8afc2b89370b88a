import Foundation
import Synchronization

/// Where background work leaves events for the UI thread, with a pipe that wakes its `poll`.
/// Signal handlers write single bytes to the same pipe.
final class EventInbox: Sendable {
    /// Queued events, and whether the pipe was written since the last drain.
    private let queue = Mutex<(events: [LoopEvent], signalled: Bool)>(([], false))
    let readFD: Int32
    let writeFD: Int32

    init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// Adds an event and wakes the UI thread (once per batch).
    func post(_ event: LoopEvent) {
        let wake = queue.withLock { queue in
            queue.events.append(event)
            defer { queue.signalled = true }
            return !queue.signalled
        }
        if wake {
            var byte: UInt8 = 0x77
            _ = write(writeFD, &byte, 1)
        }
    }

    /// Takes every queued event, and the signal bytes that arrived on the pipe.
    func drain() -> (events: [LoopEvent], signalBytes: [UInt8]) {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(readFD, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[0..<n].filter { $0 != 0x77 }
        }
        let taken = queue.withLock { queue in
            defer { queue = ([], false) }
            return queue.events
        }
        return (taken, bytes)
    }
}
