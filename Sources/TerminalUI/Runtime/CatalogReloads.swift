import Synchronization

/// Reloads of the catalog a source asked for, one at a time: a request while one runs makes
/// one more run after it, however many came (a server that floods `tools/list_changed` costs
/// one reload a second, not one per message, and never two that race).
final class CatalogReloads: Sendable {
    private let state = Mutex((running: false, again: false))
    static let spacing: Duration = .seconds(1)

    func request(_ reload: @escaping @Sendable () async -> Void) {
        let start = state.withLock { state in
            if state.running { state.again = true }
            defer { state.running = true }
            return !state.running
        }
        guard start else { return }
        Task {
            while true {
                state.withLock { $0.again = false }
                await reload()
                try? await Task.sleep(for: Self.spacing)
                let more = state.withLock { state in
                    if !state.again { state.running = false }
                    return state.again
                }
                if !more { return }
            }
        }
    }
}
