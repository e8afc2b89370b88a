import Foundation
import Synchronization
import WixAgentCore

/// Prints agent events for `exec`: JSON Lines on stdout, or short progress lines on stderr.
/// With JSON, each event that changed the session's ledger is followed by what it changed: a
/// `call` line with the call's whole state, or a `grants` line with the grants in force.
final class ExecPrinter: Sendable {
    let json: Bool
    /// The session the events are recorded into: every JSON line names it.
    let session: String
    private let ledger: Mutex<CallLedger>

    /// `ledger`: the session's calls so far (a resumed session's).
    init(json: Bool, session: String, ledger: CallLedger = CallLedger()) {
        self.json = json
        self.session = session
        self.ledger = Mutex(ledger)
    }

    func print(_ event: AgentEvent) {
        guard json else {
            if let line = progressLine(event) { Console.error(line) }
            return
        }
        line(event.json)
        let (changes, now) = ledger.withLock { ledger in (ledger.apply(event, at: Date()), ledger) }
        for change in changes {
            switch change {
            case .call(let id):
                if let call = now[id] { line(["type": "call", "call": call.json]) }
            case .grants:
                line(["type": "grants", "grants": .array(now.grants.map(\.json))])
            }
        }
    }

    private func line(_ value: JSONValue) {
        var object = value.objectValue ?? [:]
        object["session"] = .string(session)
        Console.out(JSONValue.object(object).compactText)
    }

    private func progressLine(_ event: AgentEvent) -> String? {
        switch event {
        case .toolProposed(_, _, let name, let access, let arguments, _, let preview, _):
            return (["→ \(name) [\(access?.rawValue ?? "unknown")] \(arguments.compactText)"] + (preview?.lines ?? []).map { "  · \($0)" })
                .joined(separator: "\n")
        case .recordsNamed(_, let lines):
            return lines.map { "  · \($0)" }.joined(separator: "\n")
        case .approvalDecided(_, false, let by, let reason, _, let rule, _):
            return "  ✗ not run (\(rule?.label ?? by.rawValue)): \(reason ?? "rejected")"
        case .approvalDecided(_, true, _, _, _, let rule?, _):
            return "  ✓ allowed by \(rule.label)"
        case .waiting(let service, _, let seconds, let attempt, let of, let reason):
            return "  … \(service == .tools ? "tool service" : "model"): \(reason); waiting \(String(format: "%.1f", seconds)) s before retry \(attempt)/\(of)"
        case .toolFinished(_, let outcome):
            let latency = outcome.latencyMs.map { " in \($0) ms" } ?? ""
            return outcome.isError ? "  ✗ \(outcome.summary)\(latency)" : "  ✓ \(outcome.status ?? 0)\(latency)"
        case .undone(_, let by):
            return "  undone by \(by)"
        case .grantRevoked(let tool):
            return "  grant revoked: \(tool)"
        case .storeFailed(let line):
            return "warning: \(line)"
        case .compacted(let report):
            return report.line
        case .notice(let line):
            return line
        default:
            // `.failed` ends the command with its own line and exit code (Failure.report).
            return nil
        }
    }
}
