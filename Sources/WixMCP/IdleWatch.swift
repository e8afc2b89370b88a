import Synchronization

/// How long a server has been silent, not counting the time a person spends on a form it asked
/// for (the server is waiting for them then, not stalled). Both transports fail a request once
/// the silence passes the idle timeout. A request's watch can sit `within` its channel's: a form
/// the server asked for anywhere on the channel stops every request's clock.
final class IdleWatch: Sendable {
    let timeout: Duration
    private let channel: IdleWatch?
    private let state = Mutex((heard: ContinuousClock.now, asking: 0))

    init(timeout: Duration, within channel: IdleWatch? = nil) {
        self.timeout = timeout
        self.channel = channel
    }

    /// The server sent something.
    func heard() {
        state.withLock { $0.heard = .now }
    }

    /// Runs `body` (a person answering the server) with the clock stopped; it starts again afterwards.
    func asking<T>(isolation: isolated (any Actor)? = #isolation, _ body: () async -> T) async -> T {
        state.withLock { $0.asking += 1 }
        let result = await body()
        state.withLock {
            $0.asking -= 1
            $0.heard = .now
        }
        return result
    }

    /// Whether the server has been silent too long while nobody was answering it.
    var expired: Bool {
        let own = state.withLock { $0 }
        let outer = channel?.state.withLock { $0 } ?? own
        guard own.asking == 0, outer.asking == 0 else { return false }
        return max(own.heard, outer.heard).duration(to: .now) > timeout
    }

    var line: String { "sent nothing for \(timeout.components.seconds) s (idle_timeout)" }

    /// Runs `body`, cancelling it once `expired`, which then fails with `line`.
    func guarding<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask { [self] in
                while !expired { try await Task.sleep(for: .milliseconds(100)) }
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else { throw MCPChannelError(line) }
            return result
        }
    }
}
