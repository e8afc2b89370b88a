import Foundation
import Testing
import WixAgentCore
import WixSandbox

@Suite struct PersistenceTests {
    @Test func writesSurviveARestartAndResetRestoresTheSeed() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("sandbox/site.json")

        let labelID = try await withSandbox(dataDirectory: directory) { sandbox in
            // The site is seeded and saved by the first request that needs it, not at start.
            #expect(try await sandbox.send("GET", "/integrated-account/\(SandboxServer.accountID)/tools").status == 200)
            #expect(!FileManager.default.fileExists(atPath: file.path))
            #expect(try await sandbox.all("list_all_wix_labels").count > 0)
            #expect(FileManager.default.fileExists(atPath: file.path))
            let saved = try Data(contentsOf: file)
            // A refused write leaves the stored file as it was.
            #expect(try await sandbox.call("create_a_wix_label", ["displayName": "VIP-Risk"]).status == 409)
            #expect(try Data(contentsOf: file) == saved)
            return try #require(try await sandbox.result("create_a_wix_label", ["displayName": "Spring Launch"])["id"]?.stringValue)
        }
        try await withSandbox(dataDirectory: directory) { sandbox in
            let labels = try await sandbox.all("list_all_wix_labels")
            #expect(labels.contains { $0["id"]?.stringValue == labelID && $0["key"] == "custom.spring-launch" })
        }
        try SandboxStore.reset(dataDirectory: directory)
        #expect(!FileManager.default.fileExists(atPath: file.path))
        try SandboxStore.reset(dataDirectory: directory)
        try await withSandbox(dataDirectory: directory) { sandbox in
            let labels = try await sandbox.all("list_all_wix_labels")
            #expect(!labels.contains { $0["key"] == "custom.spring-launch" })
            #expect(labels.contains { $0["key"] == "custom.vip-risk" })
        }
    }

    /// A key's answer is kept with the site's data: after a restart, and in another process on the
    /// same data, the same keyed write gets it again with no second effect, and another request
    /// under the key is refused.
    @Test func aKeysAnswerOutlivesARestartAndIsSharedAcrossProcesses() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let task: JSONValue = ["title": "Keyed once", "dueDate": "2025-07-01"]
        func create(_ sandbox: SandboxHarness, _ body: JSONValue, key: String) async throws -> (status: Int, json: JSONValue, reply: HTTPReply) {
            try await sandbox.send("POST", "/proxy/tasks?integrated_account_id=\(SandboxServer.accountID)", body: body, key: key)
        }
        let first = try await withSandbox(dataDirectory: directory) { sandbox in try await create(sandbox, task, key: "wixagent-k1") }
        #expect(first.status == 200 && first.reply.header("idempotent-replayed") == nil)
        try await withSandbox(dataDirectory: directory) { sandbox in
            let again = try await create(sandbox, task, key: "wixagent-k1")
            #expect(again.status == 200 && again.json == first.json, "the first answer, after a restart")
            #expect(again.reply.header("idempotent-replayed") == "true")
            let other = try await create(sandbox, ["title": "Another", "dueDate": "2025-07-01"], key: "wixagent-k1")
            #expect(other.status == 422)
            let peer = try await SandboxHarness.start(dataDirectory: directory)
            #expect(try await create(peer, task, key: "wixagent-k1").json == first.json, "another process on the same data")
            await peer.stop()
            let titles = try await sandbox.all("list_all_wix_tasks").compactMap { $0["title"]?.stringValue }
            #expect(titles.filter { $0 == "Keyed once" }.count == 1 && !titles.contains("Another"))
        }
    }

    @Test func twoProcessesOnOneDataDirectoryKeepEachOthersWrites() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try await SandboxHarness.start(dataDirectory: directory)
        let second = try await SandboxHarness.start(dataDirectory: directory)
        let task = ["title": "From A", "dueDate": "2025-07-01"] as [String: JSONValue]
        let a = try #require(try await first.result("create_a_wix_task", task)["id"]?.stringValue)
        let b = try #require(try await second.result("create_a_wix_task", ["title": "From B", "dueDate": "2025-07-01"])["id"]?.stringValue)
        let c = try #require(try await first.result("create_a_wix_task", ["title": "From A again", "dueDate": "2025-07-01"])["id"]?.stringValue)
        #expect(Set([a, b, c]).count == 3, "ids are unique across the processes")
        for sandbox in [first, second] {
            let titles = try await sandbox.all("list_all_wix_tasks").compactMap { $0["title"]?.stringValue }
            #expect(titles.contains("From A") && titles.contains("From B") && titles.contains("From A again"), "\(titles.prefix(5))")
        }
        // A reset under a running server is seen by its next request.
        try SandboxStore.reset(dataDirectory: directory)
        #expect(try await first.all("list_all_wix_tasks").allSatisfy { $0["title"]?.stringValue?.hasPrefix("From") != true })
        await first.stop()
        await second.stop()
    }

    @Test func seedIsDeterministicForAReferenceDate() async throws {
        let day = Date(timeIntervalSince1970: 1_750_000_000)
        var snapshots: [[JSONValue]] = []
        for _ in 0..<2 {
            let server = try await SandboxServer.start(SandboxOptions(token: "t", referenceDate: day))
            let transport = HTTPTransport()
            let reply = try await transport.send(method: "GET", url: server.baseURL + "/proxy/orders?integrated_account_id=\(SandboxServer.accountID)&limit=100",
                                                 headers: [("authorization", "Bearer t")])
            snapshots.append(try JSONValue.parse(reply.body)["result"]?.arrayValue ?? [])
            await transport.shutdown()
            await server.stop()
        }
        #expect(snapshots[0].count == 100)
        #expect(snapshots[0] == snapshots[1])
    }

    @Test func anUnreadableStoreAnswersEveryCallWithAClearMessage() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sandbox"), withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("sandbox/site.json")
        try Data("{broken".utf8).write(to: file)
        try await withSandbox(dataDirectory: directory) { sandbox in
            for _ in 0..<2 {
                let (status, json) = try await sandbox.call("list_all_wix_orders")
                #expect(status == 500)
                #expect(json["message"]?.stringValue?.contains("wixagent sandbox reset") == true, "\(json.compactText)")
            }
        }
        #expect(try Data(contentsOf: file) == Data("{broken".utf8), "the broken file is left for the user to inspect")
    }
}
