import Foundation
import GRDB
import Synchronization

/// Writes one session's agent events to the database as they happen, each in its own transaction,
/// so a crash loses at most the event in flight. Every text passes through `scrub` first: no known
/// secret reaches the disk.
public final class SessionRecorder: Sendable {
    public let sessionID: String
    private let database: SessionDatabase
    private let scrubber: SecretScrubber
    /// The session's calls and grants, folded from the events recorded: each call's row is
    /// written from it, whole, so the row is what the ledger says.
    private let ledger: Mutex<CallLedger>

    private let model: String
    private let source: String
    private let resuming: Bool
    /// Whether the session row exists yet: it is written with the first event, so a run that
    /// records nothing (the TUI opened and closed) leaves no empty session behind.
    private let started = Mutex(false)

    /// Starts a new session (`newSessionID`, else a fresh one), or continues `resuming` when given.
    public init(database: SessionDatabase, model: String, source: String, secrets: [String], resuming: String? = nil,
                newSessionID: String? = nil) throws {
        self.database = database
        self.scrubber = SecretScrubber(secrets)
        self.sessionID = resuming ?? newSessionID ?? Self.newID()
        self.model = model
        self.source = source
        self.resuming = resuming != nil
        // A resumed session's earlier calls stay in its ledger: `/undo` of one of them is recorded on it.
        self.ledger = Mutex(try resuming.map { try SessionArchive(database: database).ledger(sessionID: $0) } ?? CallLedger())
    }

    /// One transaction that first creates (or touches, when resuming) the session row if this
    /// recorder has not yet.
    private func transaction(_ body: (Database) throws -> Void) throws {
        let isStarted = started.withLock { $0 }
        let now = Date()
        try database.queue().write { db in
            if !isStarted {
                if resuming {
                    try db.execute(sql: "UPDATE session SET updated_at = ?, model = ? WHERE id = ?", arguments: [now, model, sessionID])
                } else {
                    // A plain INSERT: an id that exists already is an error, never a merge of two trails.
                    try db.execute(sql: "INSERT INTO session (id, created_at, updated_at, model, source) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [sessionID, now, now, model, source])
                }
            }
            try body(db)
        }
        started.withLock { $0 = true }
    }

    /// Whether the session is in the store: it was resumed, or something was recorded into it.
    public var isStored: Bool {
        resuming || started.withLock { $0 }
    }

    /// `YYYYMMDD-HHMMSS-` in UTC and 48 random bits in hex: sortable, and two runs started in
    /// the same second still get different ids (the store refuses a clash anyway).
    static func newID(now: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        return ClockText.utcStamp(now) + "-" + String((generator.next() as UInt64).paddedHex.suffix(12))
    }

    /// Events that could not be written, and the first error, so the run can say so once at its end.
    private let failures = Mutex<(count: Int, first: String?)>((0, nil))

    /// Records one event. A failure to write is counted and returned (a `SessionStoreError`),
    /// not thrown, so the turn goes on; the agent refuses writes whose decision was not stored.
    @discardableResult
    public func record(_ event: AgentEvent) -> Error? {
        do {
            try write(event)
            return nil
        } catch {
            let reason = scrub(Self.reason(error))
            failures.withLock { $0 = ($0.count + 1, $0.first ?? reason) }
            return SessionStoreError(path: database.path, reason: reason, opening: error is SessionStoreUnavailable)
        }
    }

    /// The journal to hand to `Agent.runTurn`.
    public var journal: EventJournal {
        { [self] event in self.record(event) }
    }

    /// The error in one line, without the path the store error already names.
    private static func reason(_ error: Error) -> String {
        if let unavailable = error as? SessionStoreUnavailable { return unavailable.reason }
        if let failed = error as? SessionStoreError { return failed.reason }
        return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
    }

    /// One line for the end of a run when events were lost, e.g. because the disk is full; nil when all were stored.
    public var failureSummary: String? {
        failures.withLock { f in
            f.count == 0 ? nil : "session \(sessionID): \(f.count) event(s) could not be stored (\(f.first ?? "unknown error"))"
        }
    }

    private func write(_ event: AgentEvent) throws {
        let now = Date()
        switch event {
        case .message(let message):
            try transaction { db in
                try insert(message, at: now, db)
                if case .user(let text) = message {
                    try db.execute(sql: "UPDATE session SET title = ? WHERE id = ? AND title = ''", arguments: [scrub(String(text.prefix(80))), sessionID])
                }
                try db.execute(sql: "UPDATE session SET updated_at = ? WHERE id = ?", arguments: [now, sessionID])
            }
        case .toolProposed(let callID, _, _, _, _, _, _, _):
            guard let call = fold(event, at: now)[callID] else { throw SessionStoreError(path: database.path, reason: "call \(callID) was proposed twice") }
            try transaction { db in
                // A plain INSERT: a call key that exists already is an error, never an overwrite.
                try db.execute(sql: "INSERT INTO tool_call (session_id, call_id, tool, arguments, state, proposed_at) VALUES (?, ?, '', '', '', ?)",
                               arguments: [sessionID, callID, now])
                try update(call, at: now, db)
            }
        case .approvalDecided(let callID, _, _, _, _, _, _):
            // A decision is stored only with its call: without the call's record, a write would run unrecorded.
            guard let call = fold(event, at: now)[callID], let decision = call.decision else {
                throw SessionStoreError(path: database.path, reason: "no record of call \(callID) to decide")
            }
            try transaction { db in
                try db.execute(sql: """
                    INSERT INTO approval (session_id, call_id, tool, approved, decided_by, reason, original_arguments, final_arguments, rule, grants,
                      tool_identity, access, at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [sessionID, callID, call.toolName, decision.approved, decision.decidedBy.rawValue, decision.reason.map(scrub),
                                     scrub(call.proposedArguments.compactText), scrub(decision.arguments.compactText),
                                     decision.rule.map { scrub($0.json.compactText) }, decision.grants, decision.identity.map { scrub($0.key) },
                                     decision.access?.rawValue, now])
                try update(call, at: now, db)
            }
        case .callRevised(let callID, _, _, _, _, _), .toolStateChanged(let callID, _), .sending(let callID, _, _), .toolFinished(let callID, _),
             .undone(let callID, _), .recordsNamed(let callID, _):
            guard let call = fold(event, at: now)[callID] else {
                // An edit of a call without its record is an error: the write it belongs to must not run.
                if case .callRevised = event { throw SessionStoreError(path: database.path, reason: "no record of call \(callID) to edit") }
                return
            }
            try transaction { db in try update(call, at: now, db) }
        case .rateLimit(let service, let snapshot):
            try transaction { db in
                try db.execute(sql: """
                    INSERT INTO rate_limit_event (session_id, service, kind, "limit", remaining, reset_seconds, at) VALUES (?, ?, 'headers', ?, ?, ?, ?)
                    """, arguments: [sessionID, service.rawValue, snapshot.limit, snapshot.remaining, snapshot.resetSeconds, now])
            }
        case .waiting(let service, _, let seconds, let attempt, _, let reason):
            try transaction { db in
                try db.execute(sql: """
                    INSERT INTO rate_limit_event (session_id, service, kind, wait_seconds, attempt, reason, at) VALUES (?, ?, 'wait', ?, ?, ?, ?)
                    """, arguments: [sessionID, service.rawValue, seconds, attempt, scrub(reason), now])
            }
        case .usage(let usage):
            try transaction { db in
                try db.execute(sql: "UPDATE session SET input_tokens = input_tokens + ?, output_tokens = output_tokens + ? WHERE id = ?",
                               arguments: [usage.input, usage.output, sessionID])
            }
        case .grantRevoked(let tool):
            fold(event, at: now)
            try transaction { db in
                try db.execute(sql: """
                    INSERT INTO grant_revocation (session_id, tool, at, after_approval)
                    VALUES (?, ?, ?, (SELECT COALESCE(MAX(id), 0) FROM approval WHERE session_id = ?))
                    """, arguments: [sessionID, tool, now, sessionID])
            }
        case .compacted(let report):
            let view = scrub(String(decoding: try Self.encoder.encode(report.view), as: UTF8.self))
            try transaction { db in
                let last = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM message WHERE session_id = ?", arguments: [sessionID]) ?? 0
                try db.execute(sql: """
                    INSERT INTO compaction (session_id, at, message_id, view, before_tokens, after_tokens, elided, summarized) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [sessionID, now, last, view, report.before, report.after, report.elided, report.summarized])
            }
        case .grantsRestored:
            // The grants are the session's already (its decisions' rows); only the ledger learns they are in force.
            fold(event, at: now)
        case .turnStarted, .textDelta, .approvalNeeded, .finished, .failed, .cancelled, .storeFailed, .context, .notice:
            break
        }
    }

    /// Folds `event` into the ledger; returns the ledger as it is now.
    @discardableResult
    private func fold(_ event: AgentEvent, at now: Date) -> CallLedger {
        ledger.withLock { ledger in
            ledger.apply(event, at: now)
            return ledger
        }
    }

    /// Writes a call's row as the ledger has it.
    private func update(_ call: LedgerCall, at now: Date, _ db: Database) throws {
        let outcome = call.outcome
        try db.execute(sql: """
            UPDATE tool_call SET provider_call_id = ?, tool = ?, access = ?, arguments = ?, request_line = ?, preview = ?, source = ?,
              tool_identity = ?, changes = ?, named_records = ?, state = ?, status = ?, latency_ms = ?, response = ?, summary = ?, is_error = ?, outcome_unknown = ?, attempts = ?, idempotency_key = ?, undone_by = ?,
              finished_at = CASE WHEN ? THEN COALESCE(finished_at, ?) END
            WHERE session_id = ? AND call_id = ?
            """, arguments: [call.providerCallID.map(scrub), call.toolName, call.access?.rawValue, scrub(call.arguments.compactText),
                             call.requestLine.map(scrub), call.preview.map { scrub($0.json.compactText) }, call.identity.map { scrub($0.source) },
                             call.identity.map { scrub($0.key) }, call.changes.isEmpty ? nil : scrub(JSONValue.array(call.changes.map(JSONValue.string)).compactText),
                             call.namedRecords.isEmpty ? nil : scrub(JSONValue.array(call.namedRecords.map(JSONValue.string)).compactText),
                             call.state.label, outcome?.status, outcome?.latencyMs, outcome.map { scrub($0.response.compactText) },
                             outcome.map { scrub($0.summary) }, outcome?.isError, outcome?.isUnknown, call.attempts, call.idempotencyKey.map(scrub), call.undoneBy, outcome != nil, now, sessionID, call.callID])
        guard db.changesCount == 1 else { throw SessionStoreError(path: database.path, reason: "no record of call \(call.callID)") }
    }

    private func insert(_ message: ChatMessage, at now: Date, _ db: Database) throws {
        switch message {
        case .user(let text):
            try db.execute(sql: "INSERT INTO message (session_id, at, role, text) VALUES (?, ?, 'user', ?)", arguments: [sessionID, now, scrub(text)])
        case .assistant(let text, let calls):
            let encoded = calls.isEmpty ? nil : scrub(String(decoding: try Self.encoder.encode(calls), as: UTF8.self))
            try db.execute(sql: "INSERT INTO message (session_id, at, role, text, tool_calls) VALUES (?, ?, 'assistant', ?, ?)",
                           arguments: [sessionID, now, scrub(text), encoded])
        case .toolResult(let callID, let name, let content, let isError):
            try db.execute(sql: "INSERT INTO message (session_id, at, role, text, call_id, tool, is_error) VALUES (?, ?, 'tool', ?, ?, ?, ?)",
                           arguments: [sessionID, now, scrub(content), callID, name, isError])
        }
    }

    /// JSON for stored conversation parts, with `/` unescaped so a secret that holds one (a URL
    /// with its token) is still found by the scrubber.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()

    func scrub(_ text: String) -> String {
        scrubber.scrub(text)
    }
}
