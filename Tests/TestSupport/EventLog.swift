import Foundation
import WixAgentCore

/// Collects agent events from any task.
public final class EventLog: @unchecked Sendable {
    private let lock = NSLock()

    public init() {}
    private var _events: [AgentEvent] = []

    public var events: [AgentEvent] { lock.withLock { _events } }

    public func append(_ event: AgentEvent) {
        lock.withLock { _events.append(event) }
    }

    public var finishedAnswer: String? {
        events.lazy.compactMap { if case .finished(let a) = $0 { a } else { nil } }.first
    }

    public var failure: String? {
        events.lazy.compactMap { if case .failed(let f) = $0 { f } else { nil } }.first
    }

    public var outcomes: [ToolOutcome] {
        events.compactMap { if case .toolFinished(_, let o) = $0 { o } else { nil } }
    }

    public var waits: [(service: ServiceKind, seconds: Double)] {
        events.compactMap { if case .waiting(let s, _, let seconds, _, _, _) = $0 { (s, seconds) } else { nil } }
    }
}
