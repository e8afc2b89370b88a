import Synchronization

extension Agent {
    /// Reads what a write's other records are (`NamedRecord`): one read per distinct record, each
    /// a read like the preview's (the gate must let it run unasked; rate limits are waited out and
    /// shown). `progressive`: the lines are reported as each read answers (a dialog is open);
    /// otherwise once, when all have.
    func nameRecords(_ named: [NamedRecord], arguments: [String: JSONValue], key: String, turn: TurnReporter, progressive: Bool) async {
        var reads: [String: NamedRecordLines.Read] = [:]
        let distinct = Set(named.map(\.readKey)).count
        for (index, record) in named.enumerated() where reads[record.readKey] == nil {
            guard !Task.isCancelled else { return }
            reads[record.readKey] = await read(record, callID: "\(key)-names-\(index)", turn: turn)
            guard !Task.isCancelled, progressive || reads.count == distinct else { continue }
            turn.report(.recordsNamed(callID: key, lines: NamedRecordLines.lines(named, reads: reads, arguments: arguments, in: timeZone)))
        }
    }

    private func read(_ record: NamedRecord, callID: String, turn: TurnReporter) async -> NamedRecordLines.Read {
        let arguments: [String: JSONValue] = ["id": .string(record.id)]
        let request = ApprovalRequest(callID: callID, toolName: record.read.name, access: .read, arguments: .object(arguments), requestLine: "",
                                      identity: record.read.identity)
        guard case .run = await gate.routing(request).route else { return .failed("reading it needs a decision of its own") }
        let outcome = await executor.run(record.read, arguments: arguments, callID: callID) { event in
            switch event {
            case .rateLimit, .waiting: turn.report(event)
            default: break
            }
        }
        guard !outcome.isError, let body = RecordBody.unwrap(outcome.response), body.objectValue != nil else {
            return .failed(outcome.isError ? outcome.summary : "\(record.read.name) did not return a record")
        }
        return .found(body)
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
