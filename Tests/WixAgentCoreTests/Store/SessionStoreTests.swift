import Foundation
import Testing
@testable import WixAgentCore

@Suite("Session store")
struct SessionStoreTests {
    func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("wixagent-store-\(UUID().uuidString)")
    }

    /// The events of a small turn: a user message, a write that is edited then approved, a result and an answer.
    func sampleTurn(secret: String) -> [AgentEvent] {
        [
            .turnStarted(userText: "cancel order 12345"),
            .message(.user("Please cancel order 12345 using key \(secret)")),
            .message(.assistant(text: "", toolCalls: [ToolCall(id: "c1", name: "wix_orders_cancel", arguments: #"{"id":"12345"}"#)])),
            .toolProposed(callID: "c1", providerCallID: nil, toolName: "wix_orders_cancel", access: .write, arguments: ["id": "12345"], requestLine: "POST /proxy/orders/cancel?integrated_account_id=a&id=12345"),
            .toolStateChanged(callID: "c1", .waitingForApproval),
            .approvalDecided(callID: "c1", approved: true, decidedBy: .user, reason: nil, arguments: ["id": "12346"]),
            .waiting(.tools, callID: "c1", seconds: 2, attempt: 1, of: 5, reason: "rate limited (429)"),
            .rateLimit(.tools, RateLimitSnapshot(limit: 50, remaining: 49, resetSeconds: 10)),
            .toolFinished(callID: "c1", ToolOutcome(status: 200, latencyMs: 12, response: ["order": ["status": "CANCELED"]], isError: false, summary: "200 OK")),
            .message(.toolResult(callID: "c1", name: "wix_orders_cancel", content: #"{"order":{"status":"CANCELED"}}"#, isError: false)),
            .message(.assistant(text: "Order 12346 is now canceled.", toolCalls: [])),
            .usage(TokenUsage(input: 100, output: 20)),
            .finished(answer: "Order 12346 is now canceled."),
        ]
    }

    @Test func aTurnIsRecordedAndCanBeResumedSearchedAndExported() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SessionDatabase(directory: directory)
        let recorder = try SessionRecorder(database: database, model: "offline demo model", source: "sandbox", secrets: ["sk-very-secret-1"])
        for event in sampleTurn(secret: "sk-very-secret-1") { #expect(recorder.record(event) == nil) }

        let archive = SessionArchive(database: database)
        let listed = try archive.list()
        #expect(listed.map(\.id) == [recorder.sessionID])
        #expect(listed[0].messageCount == 4)
        #expect(listed[0].toolCallCount == 1)
        #expect(try archive.resolve("last")?.id == recorder.sessionID)
        #expect(try archive.resolve(recorder.sessionID)?.messageCount == 4)
        #expect(try archive.resolve("no-such-session") == nil)

        let messages = try archive.messages(sessionID: recorder.sessionID)
        #expect(messages.count == 4)
        #expect(messages[1] == .assistant(text: "", toolCalls: [ToolCall(id: "c1", name: "wix_orders_cancel", arguments: #"{"id":"12345"}"#)]))

        let hits = try archive.search("canceled")
        #expect(hits.contains { $0.sessionID == recorder.sessionID && $0.role == "assistant" })
        #expect(try archive.search("nonexistentword").isEmpty)

        let markdown = SessionExport.markdown(try archive.records(sessionID: recorder.sessionID))
        #expect(markdown.contains("## User"))
        #expect(markdown.contains("Tool call `wix_orders_cancel` [write] done → 200 in 12 ms"))
        #expect(markdown.contains("Approval for `wix_orders_cancel`: approved by user (arguments edited)"))
        #expect(markdown.contains("Waited 2 s on the tools service"))

        let lines = SessionExport.jsonl(try archive.records(sessionID: recorder.sessionID)).split(separator: "\n")
        let types = try lines.map { try JSONValue.parse(String($0))["type"]?.stringValue ?? "" }
        #expect(types.first == "session")
        #expect(Set(types) == ["session", "message", "tool_call", "approval", "rate_limit"])
        let approval = try lines.map { try JSONValue.parse(String($0)) }.first { $0["type"] == "approval" }
        #expect(approval?["original_arguments"] == ["id": "12345"])
        #expect(approval?["final_arguments"] == ["id": "12346"])
    }

    /// An edit of a call the store has no record of is an error: the write it belongs to does not run.
    @Test func anEditOfACallWithoutItsRecordIsAnError() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let recorder = try SessionRecorder(database: try SessionDatabase(directory: directory), model: "m", source: "s", secrets: [])
        #expect(recorder.record(.callRevised(callID: "never-proposed", access: .write, requestLine: "DELETE /x", preview: nil,
                                                   identity: ToolIdentity(source: "s", remoteName: "x", fingerprint: "f"), changes: [])) != nil)
    }

    @Test func noSecretReachesTheFileAndPermissionsAreOwnerOnly() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SessionDatabase(directory: directory)
        let recorder = try SessionRecorder(database: database, model: "m", source: "s", secrets: ["sk-very-secret-1"])
        for event in sampleTurn(secret: "sk-very-secret-1") { recorder.record(event) }
        _ = try database.queue().writeWithoutTransaction { try $0.checkpoint(.truncate) }

        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.contains("sessions.sqlite"))
        for file in files {
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            #expect(data.range(of: Data("sk-very-secret-1".utf8)) == nil, "\(file) holds the secret")
        }
        let directoryMode = try FileManager.default.attributesOfItem(atPath: directory.path)[.posixPermissions] as? Int
        let fileMode = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("sessions.sqlite").path)[.posixPermissions] as? Int
        #expect(directoryMode == 0o700)
        #expect(fileMode == 0o600)
    }

    @Test func aRunThatRecordsNothingLeavesNoSession() throws {
        let database = try SessionDatabase()
        let idle = try SessionRecorder(database: database, model: "m", source: "s", secrets: [])
        idle.record(.turnStarted(userText: "x"))
        #expect(try SessionArchive(database: database).list().isEmpty)
        idle.record(.message(.user("now something")))
        #expect(try SessionArchive(database: database).list().map(\.id) == [idle.sessionID])
    }

    @Test func aSessionSummaryCarriesItsTokens() throws {
        let database = try SessionDatabase()
        let recorder = try SessionRecorder(database: database, model: "m", source: "s", secrets: [])
        recorder.record(.message(.user("hello")))
        recorder.record(.usage(TokenUsage(input: 1000, output: 200)))
        recorder.record(.usage(TokenUsage(input: 500, output: 40)))
        let summary = try #require(try SessionArchive(database: database).summary(id: recorder.sessionID))
        #expect(summary.tokens == TokenUsage(input: 1500, output: 240))
    }

    @Test func theFileIsOpenedWithTheFirstEventNotBefore() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SessionDatabase(directory: directory)
        let recorder = try SessionRecorder(database: database, model: "m", source: "s", secrets: [])
        let file = directory.appendingPathComponent("sessions.sqlite").path
        #expect(FileManager.default.fileExists(atPath: directory.path))
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(recorder.record(.message(.user("hello"))) == nil)
        #expect(FileManager.default.fileExists(atPath: file))
        #expect(try SessionArchive(database: database).list().map(\.id) == [recorder.sessionID])
    }

    @Test func aStoreThatCannotBeOpenedIsReportedAtItsFirstUse() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A directory where the database file should be: SQLite cannot open it.
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sessions.sqlite"), withIntermediateDirectories: true)
        let database = try SessionDatabase(directory: directory)
        let recorder = try SessionRecorder(database: database, model: "m", source: "s", secrets: [])
        #expect(recorder.record(.message(.user("lost"))) != nil)
        #expect(recorder.failureSummary != nil)
        let line = try #require(recorder.record(.message(.user("lost again")))).localizedDescription
        #expect(String(describing: recorder.record(.message(.user("x")))!).contains("the session store \(directory.path)/sessions.sqlite could not be opened"), "\(line)")
        #expect(throws: SessionStoreUnavailable.self) { try SessionArchive(database: database).list() }
    }

    @Test func sessionIDsAreUTCStampsWithAHexSuffix() throws {
        let id = SessionRecorder.newID(now: Date(timeIntervalSince1970: 1_704_110_400))   // 2024-01-01 12:00:00 UTC
        #expect(id.hasPrefix("20240101-120000-"))
        #expect(id.count == "20240101-120000-".count + 12)
        #expect(id.suffix(12).allSatisfy { $0.isHexDigit })
        // 48 random bits: ids made in the same second differ.
        let many = Set((0..<1000).map { _ in SessionRecorder.newID(now: Date(timeIntervalSince1970: 1_704_110_400)) })
        #expect(many.count == 1000)
    }

    @Test func writesThatFailAreCountedForOneWarning() throws {
        let database = try SessionDatabase()
        let recorder = try SessionRecorder(database: database, model: "m", source: "s", secrets: ["sk-very-secret-1"])
        recorder.record(.message(.user("stored")))
        #expect(recorder.failureSummary == nil)
        try database.queue().write { try $0.execute(sql: "DROP TABLE tool_call") }
        #expect(recorder.record(.toolProposed(callID: "c", providerCallID: nil, toolName: "t", access: .read, arguments: [:], requestLine: nil)) != nil)
        recorder.record(.toolStateChanged(callID: "c", .running))
        let summary = try #require(recorder.failureSummary)
        #expect(summary.hasPrefix("session \(recorder.sessionID): 2 event(s) could not be stored"))
        #expect(summary.contains("tool_call"))
    }

    @Test func resumingAppendsToTheSameSession() throws {
        let database = try SessionDatabase()
        let first = try SessionRecorder(database: database, model: "m", source: "s", secrets: [])
        first.record(.message(.user("hello")))
        let second = try SessionRecorder(database: database, model: "m", source: "s", secrets: [], resuming: first.sessionID)
        second.record(.message(.user("again")))
        let archive = SessionArchive(database: database)
        #expect(try archive.list().count == 1)
        #expect(try archive.messages(sessionID: first.sessionID) == [.user("hello"), .user("again")])
    }
}
