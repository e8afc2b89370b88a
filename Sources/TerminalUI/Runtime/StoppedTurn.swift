import Foundation
import Synchronization

/// After the terminal is restored: the turn the quit stopped is given the time to end, so a
/// write it had already sent (its start not yet on screen when the keys came) still gets its
/// outcome recorded. A stopped turn without such a write ends at once; one that takes longer
/// says so on stderr, and Ctrl-C (or SIGTERM) stops the waiting.
enum StoppedTurn {
    static func finish(_ turn: Task<Void, Never>, inbox: EventInbox) async {
        let ended = Ended()
        Task.detached {
            await turn.value
            ended.mark()
        }
        let start = ContinuousClock.now
        var told = false
        while !ended.isSet {
            if inbox.drain().signalBytes.contains(where: { $0 == TerminalSignals.interruptByte || $0 == TerminalSignals.terminateByte }) { return }
            if !told, start.duration(to: .now) > .milliseconds(300) {
                FileHandle.standardError.write(Data("wixagent: waiting for the call in flight to be answered, so its outcome is recorded (Ctrl-C stops waiting)\n".utf8))
                told = true
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    private final class Ended: Sendable {
        private let flag = Mutex(false)
        var isSet: Bool { flag.withLock { $0 } }
        func mark() { flag.withLock { $0 = true } }
    }
}
