import Foundation
import GRDB
import Synchronization

/// The SQLite database of sessions in the data directory (WAL, versioned migrations).
/// The directory is created 0700 and the file 0600: only its owner can read what was said.
///
/// The file is opened and migrated when it is first needed (a run's first event, a listing), so a
/// run that records nothing never loads SQLite.
public final class SessionDatabase: Sendable {
    /// The file, as error lines name it (`in memory` for the tests' database).
    public let path: String
    private let open: @Sendable () throws -> DatabaseQueue
    private let opened = Mutex<DatabaseQueue?>(nil)

    /// Prepares `sessions.sqlite` in `directory`; creates the directory now, so an unusable one
    /// is reported at once.
    public init(directory: URL) throws {
        try Paths.createPrivateDirectory(directory)
        let path = directory.appendingPathComponent("sessions.sqlite").path
        self.path = path
        open = {
            do {
                return try Self.openFile(path)
            } catch {
                throw SessionStoreUnavailable(path: path, reason: String(describing: error))
            }
        }
    }

    /// An in-memory database (tests).
    public init() throws {
        let queue = try DatabaseQueue()
        try Self.migrator.migrate(queue)
        path = "in memory"
        open = { queue }
    }

    /// The database, opened and migrated on first use; a failed open is tried again next time.
    public func queue() throws -> DatabaseQueue {
        try opened.withLock { queue in
            if let queue { return queue }
            let fresh = try open()
            queue = fresh
            return fresh
        }
    }

    private static func openFile(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            // The audit trail: a transaction is on disk when it returns, power loss included.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.writeWithoutTransaction { db in _ = try db.execute(sql: "PRAGMA journal_mode = WAL") }
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
        try migrator.migrate(queue)
        return queue
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "session") { t in
                t.primaryKey("id", .text)
                t.column("created_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
                t.column("title", .text).notNull().defaults(to: "")
                t.column("model", .text).notNull()
                t.column("source", .text).notNull()
                t.column("input_tokens", .integer).notNull().defaults(to: 0)
                t.column("output_tokens", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "message") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("session_id", .text).notNull().indexed().references("session", onDelete: .cascade)
                t.column("at", .datetime).notNull()
                t.column("role", .text).notNull()
                t.column("text", .text).notNull()
                t.column("tool_calls", .text)
                t.column("call_id", .text)
                t.column("tool", .text)
                t.column("is_error", .boolean)
            }
            try db.create(virtualTable: "message_fts", using: FTS5()) { t in
                t.synchronize(withTable: "message")
                t.tokenizer = .unicode61()
                t.column("text")
            }
            try db.create(table: "tool_call") { t in
                t.column("session_id", .text).notNull().indexed().references("session", onDelete: .cascade)
                t.column("call_id", .text).notNull()
                t.column("tool", .text).notNull()
                t.column("access", .text)
                t.column("arguments", .text).notNull()
                t.column("request_line", .text)
                t.column("state", .text).notNull()
                t.column("status", .integer)
                t.column("latency_ms", .integer)
                t.column("response", .text)
                t.column("summary", .text)
                t.column("proposed_at", .datetime).notNull()
                t.column("finished_at", .datetime)
                t.primaryKey(["session_id", "call_id"])
            }
            try db.create(table: "approval") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("session_id", .text).notNull().indexed().references("session", onDelete: .cascade)
                t.column("call_id", .text).notNull()
                t.column("tool", .text).notNull()
                t.column("approved", .boolean).notNull()
                t.column("decided_by", .text).notNull()
                t.column("reason", .text)
                t.column("original_arguments", .text).notNull()
                t.column("final_arguments", .text).notNull()
                t.column("at", .datetime).notNull()
            }
            try db.create(table: "rate_limit_event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("session_id", .text).notNull().indexed().references("session", onDelete: .cascade)
                t.column("service", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("limit", .integer)
                t.column("remaining", .integer)
                t.column("reset_seconds", .double)
                t.column("wait_seconds", .double)
                t.column("attempt", .integer)
                t.column("reason", .text)
                t.column("at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v2: provider call ids") { db in
            // `call_id` is the call's key, unique within its session (the primary key);
            // the provider's own id, which may repeat, is kept beside it.
            try db.alter(table: "tool_call") { t in t.add(column: "provider_call_id", .text) }
        }
        migrator.registerMigration("v3: write previews") { db in
            // The record a write touched, read before the decision, with the lines the dialog showed.
            try db.alter(table: "tool_call") { t in
                t.add(column: "preview", .text)
                // The key of the call that reversed this one (`/undo`).
                t.add(column: "undone_by", .text)
            }
        }
        migrator.registerMigration("v4: deciding rules and grants") { db in
            try db.alter(table: "approval") { t in
                // The `[[rules]]` entry that decided: {"index": N, "when": "…"}.
                t.add(column: "rule", .text)
                // The person approved the tool for the rest of the session with this call.
                t.add(column: "grants", .boolean).notNull().defaults(to: false)
            }
            try db.create(table: "grant_revocation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("session_id", .text).notNull().indexed().references("session", onDelete: .cascade)
                t.column("tool", .text).notNull()
                t.column("at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v5: tool sources") { db in
            // Where the tool came from: `sandbox`, `truto`, or an MCP source's name.
            try db.alter(table: "tool_call") { t in t.add(column: "source", .text) }
        }
        migrator.registerMigration("v6: tool identities") { db in
            // The tool a call runs as (`ToolIdentity.key`), and the tool and access each decision was
            // made on: a restored grant covers only the tool it was given for.
            try db.alter(table: "tool_call") { t in t.add(column: "tool_identity", .text) }
            try db.alter(table: "approval") { t in
                t.add(column: "tool_identity", .text)
                t.add(column: "access", .text)
            }
        }
        migrator.registerMigration("v7: compactions") { db in
            // What the model was sent from a compaction on: `view` (JSON messages) stands for every
            // message up to `message_id`; the messages themselves stay as they were.
            try db.create(table: "compaction") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("session_id", .text).notNull().indexed().references("session", onDelete: .cascade)
                t.column("at", .datetime).notNull()
                t.column("message_id", .integer).notNull()
                t.column("view", .text).notNull()
                t.column("before_tokens", .integer).notNull()
                t.column("after_tokens", .integer).notNull()
                t.column("elided", .integer).notNull()
                t.column("summarized", .boolean).notNull()
            }
        }
        migrator.registerMigration("v8: the ledger's facts") { db in
            // What differed from what a call's decision saw when it was revised right before
            // sending (JSON array of lines), so a stored call replays into the ledger it was.
            try db.alter(table: "tool_call") { t in
                t.add(column: "changes", .text)
                // Whether the outcome was an error, and whether it is unknown (`ToolOutcome.isUnknown`).
                t.add(column: "is_error", .boolean)
                t.add(column: "outcome_unknown", .boolean)
                // How many times its request went out, and the Idempotency-Key it carried.
                t.add(column: "attempts", .integer).notNull().defaults(to: 0)
                t.add(column: "idempotency_key", .text)
            }
            // The newest decision when a grant was revoked: a revocation ends the grants given up
            // to it, however close their clocks.
            try db.alter(table: "grant_revocation") { t in t.add(column: "after_approval", .integer) }
        }
        migrator.registerMigration("v9: named records") { db in
            // What the records a write named by id were, as its dialog showed them (JSON array of lines).
            try db.alter(table: "tool_call") { t in t.add(column: "named_records", .text) }
        }
        return migrator
    }
}

/// The session store could not record something: one line naming the file and the error.
public struct SessionStoreError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    /// True when the file could not even be opened.
    public var opening = false
    public var description: String { "the session store \(path) could not be \(opening ? "opened" : "written"): \(reason)" }
}

/// The session file could not be opened or migrated (a full disk, a file of another program, ...).
public struct SessionStoreUnavailable: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "could not open the session store \(path): \(reason)" }
}
