import Foundation
import Synchronization

extension Agent {
    /// Reads what a write's other records are (`NamedRecord`): one read per distinct record, each
    /// a read like the preview's (the gate must let it run unasked; rate limits are waited out and
    /// shown). `progressive`: the lines are reported as each read answers (a dialog is open);
    /// otherwise once, when all have.
    func nameRecords(_ named: [NamedRecord], of prepared: PreparedCall, record: JSONValue?, key: String, turn: TurnReporter,
                     progressive: Bool) async {
        var reads: [String: NamedRecordLines.Read] = [:]
        for (index, other) in named.enumerated() where reads[other.readKey] == nil {
            guard !Task.isCancelled else { return }
            reads[other.readKey] = await read(other, callID: "\(key)-names-\(index)", turn: turn)
            guard !Task.isCancelled else { return }
            if progressive { turn.report(.recordsNamed(callID: key, lines: Self.lines(named, reads: reads, of: prepared, record: record, in: timeZone))) }
        }
        let lines = Self.lines(named, reads: reads, of: prepared, record: record, in: timeZone)
        if !progressive, !lines.isEmpty { turn.report(.recordsNamed(callID: key, lines: lines)) }
    }

    /// The dialog's lines for `prepared` (`NamedRecordLines`), given the record its preview read.
    static func lines(_ named: [NamedRecord], reads: [String: NamedRecordLines.Read], of prepared: PreparedCall, record: JSONValue?,
                      in zone: TimeZone) -> [String] {
        NamedRecordLines.lines(named, reads: reads, arguments: prepared.arguments, record: record, method: prepared.tool.proxy?.key ?? "update", in: zone)
    }

    private func read(_ record: NamedRecord, callID: String, turn: TurnReporter) async -> NamedRecordLines.Read {
        let arguments = record.readArguments
        let request = ApprovalRequest(callID: callID, toolName: record.read.name, access: .read, arguments: .object(arguments), requestLine: "",
                                      identity: record.read.identity)
        guard case .run = await gate.routing(request).route else { return .failed("reading it needs a decision of its own") }
        let outcome = await executor.run(record.read, arguments: arguments, callID: callID) { event in
            switch event {
            case .rateLimit, .waiting: turn.report(event)
            default: break
            }
        }
        let body = outcome.isError ? nil : RecordBody.unwrap(outcome.response)
        switch (record.lookup, body) {
        case (.id, .object?), (.keys, .array?): break
        case (.id, _): return .failed(outcome.isError ? outcome.summary : "\(record.read.name) did not return a record")
        case (.keys, _): return .failed(outcome.isError ? outcome.summary : "\(record.read.name) did not return a list")
        }
        return .found(body ?? .null)
    }
}

/// The reads naming one waiting write's records: started as its dialog opens, stopped (and
/// waited for) once it is decided, so none reports after the decision.
final class RecordNaming: Sendable {
    private let task = Mutex<Task<Void, Never>?>(nil)

    func start(_ work: @escaping @Sendable () async -> Void) {
        task.withLock { $0 = Task { await work() } }
    }

    func stop() async {
        guard let running = task.withLock({ task in defer { task = nil }; return task }) else { return }
        running.cancel()
        await running.value
    }
}
