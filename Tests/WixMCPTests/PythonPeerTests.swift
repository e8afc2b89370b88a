import Foundation
import Testing
import TestSupport
import WixAgentCore
import WixMCP

/// The MCP source against a server built on the official Python MCP SDK, over Streamable HTTP
/// (SSE and JSON answers) and stdio.
@Suite("MCP against the Python SDK's server", .serialized)
struct PythonPeerTests {
    enum Transport: String, CaseIterable, Sendable {
        case sse, json, stdio
    }

    /// A running peer and the source that talks to it.
    struct Peer {
        let mcp: MCPHarness
        let calls: URL
        let http: PythonMCPPeer?

        static func start(_ transport: Transport, elicitations: ElicitationRelay = ElicitationRelay(), hidden: Set<String> = [],
                          idleTimeout: Int64 = 20, toolsChanged: @escaping @Sendable () -> Void = {}) throws -> Peer {
            switch transport {
            case .sse, .json:
                let peer = try PythonMCPPeer(json: transport == .json)
                return Peer(mcp: try .http(peer.url, elicitations: elicitations, idleTimeout: idleTimeout, toolsChanged: toolsChanged), calls: peer.callsFile, http: peer)
            case .stdio:
                let calls = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-stdio-calls-\(UUID().uuidString).jsonl")
                let command = PythonMCPPeer.stdioCommand(callsFile: calls)
                let logs = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-logs-\(UUID().uuidString)")
                return Peer(mcp: try .stdio(command, logDirectory: logs, hidden: hidden, elicitations: elicitations, idleTimeout: idleTimeout,
                                                   toolsChanged: toolsChanged),
                            calls: calls, http: nil)
            }
        }

        var received: [(tool: String, refused: Bool)] { PythonMCPPeer.calls(in: calls) }

        func stop() async {
            await mcp.stop()
            http?.stop()
        }
    }

    @Test(arguments: Transport.allCases)
    func toolsAreListedAcrossPagesWithTheirAnnotations(transport: Transport) async throws {
        let peer = try Peer.start(transport)
        let catalog = try await peer.mcp.catalog()
        #expect(catalog.tools.map(\.name) == ["confirm_booking", "delete_product", "enable_reports", "fail_hard", "get_inventory", "get_quota",
                                              "list_products", "search_orders"])
        #expect(catalog.tool(named: "list_products")?.access == .read)
        #expect(catalog.tool(named: "delete_product")?.access == .write)
        #expect(catalog.tool(named: "delete_product")?.mcp?.destructiveHint == true)
        // No annotations at all: a write. readOnlyHint on a name that does not read: a write.
        #expect(catalog.tool(named: "confirm_booking")?.access == .write)
        #expect(catalog.tool(named: "fail_hard")?.access == .write)
        #expect(catalog.tool(named: "get_inventory")?.mcp?.outputSchema?["required"] == ["sku", "count"])
        #expect(catalog.tool(named: "get_inventory")?.required == ["sku"])
        await peer.stop()
    }

    @Test(arguments: Transport.allCases)
    func a429IsWaitedOutAndRetriedAndTheModelNeverSeesIt(transport: Transport) async throws {
        let peer = try Peer.start(transport)
        let catalog = try await peer.mcp.catalog()
        // HTTP: a 429 with Retry-After: 1. stdio: a Truto envelope with retry-after in its headers.
        let (quota, quotaEvents) = await peer.mcp.run("get_quota", in: catalog)
        #expect(quota.isError == false, "\(quota.summary)")
        #expect(quota.response["remaining"] == 41)
        #expect(quotaEvents.contains { if case .toolStateChanged(_, .waitingForRateLimit(let s)) = $0 { s == 1 } else { false } })
        // A Truto envelope in a tool error, with ratelimit-reset: 1.
        let (orders, orderEvents) = await peer.mcp.run("search_orders", in: catalog)
        #expect(orders.isError == false, "\(orders.summary)")
        #expect(orders.response["orders"]?.arrayValue?.first?["id"] == "o1")
        #expect(orderEvents.contains { if case .toolStateChanged(_, .waitingForRateLimit(let s)) = $0 { s == 1 } else { false } })
        let received = peer.received
        #expect(received.map(\.tool) == ["get_quota", "get_quota", "search_orders", "search_orders"])
        #expect(received.first?.refused == true)
        await peer.stop()
    }

    @Test(arguments: Transport.allCases)
    func resultsAreCheckedAgainstTheOutputSchemaAndErrorsReachTheModelWithTheirMessage(transport: Transport) async throws {
        let peer = try Peer.start(transport)
        let catalog = try await peer.mcp.catalog()
        let (good, _) = await peer.mcp.run("get_inventory", ["sku": "A1"], in: catalog)
        #expect(good.isError == false)
        #expect(good.response == ["sku": "A1", "count": 7])
        let (broken, _) = await peer.mcp.run("get_inventory", ["sku": "broken"], in: catalog)
        #expect(broken.isError)
        #expect(broken.summary.contains("does not match its outputSchema"))
        #expect(broken.summary.contains("count: is required"))
        #expect(broken.response == ["sku": 5], "what the tool answered is kept")
        let (failed, _) = await peer.mcp.run("fail_hard", in: catalog)
        #expect(failed.isError)
        #expect(failed.summary.contains("the warehouse is offline"))
        #expect(failed.response == "the warehouse is offline")
        await peer.stop()
    }

    /// The server asks on the call's SSE answer, on its own GET stream (with JSON answers), or on
    /// the pipe.
    @Test(arguments: Transport.allCases)
    func anElicitationReachesThePersonAndTheirAnswerReachesTheServer(transport: Transport) async throws {
        let relay = ElicitationRelay()
        let asked = Messages()
        relay.install { request in
            asked.add(request.message)
            #expect(request.fields.map(\.key) == ["note", "notify"])
            #expect(request.fields.first?.required == true)
            #expect(request.fields.last?.kind == .boolean)
            return ElicitationAnswer(action: .accept, content: ["note": "ok", "notify": true])
        }
        let peer = try Peer.start(transport, elicitations: relay)
        let catalog = try await peer.mcp.catalog()
        let (confirmed, _) = await peer.mcp.run("confirm_booking", ["booking_id": "b42"], in: catalog)
        #expect(confirmed.isError == false, "\(confirmed.summary)")
        #expect(confirmed.response == ["action": "accept", "content": ["note": "ok", "notify": true]])
        #expect(asked.all == ["Confirm booking b42?"])
        await peer.stop()
    }

    /// A person may take longer than the idle timeout to fill in a form. The server waits for
    /// them, and so does the call: the silence while a form is open is not the server stalling.
    @Test(arguments: Transport.allCases)
    func aFormAnsweredLaterThanTheIdleTimeoutStillCompletesTheCall(transport: Transport) async throws {
        let relay = ElicitationRelay()
        relay.install { _ in
            try? await Task.sleep(for: .seconds(2.5))
            return ElicitationAnswer(action: .accept, content: ["note": "late", "notify": false])
        }
        let peer = try Peer.start(transport, elicitations: relay, idleTimeout: 1)
        let catalog = try await peer.mcp.catalog()
        let (confirmed, _) = await peer.mcp.run("confirm_booking", ["booking_id": "b7"], in: catalog)
        #expect(confirmed.isError == false, "\(confirmed.summary)")
        #expect(confirmed.response == ["action": "accept", "content": ["note": "late", "notify": false]])
        await peer.stop()
    }

    /// `notifications/tools/list_changed` on the call's SSE stream, the server's GET stream or
    /// the pipe reaches the program, and listing again shows the new tool.
    @Test(arguments: Transport.allCases)
    func aChangedToolListIsNoticedAndListedAgain(transport: Transport) async throws {
        let changed = Messages()
        let signal = ChangeSignal()
        signal.install { changed.add("changed") }
        let peer = try Peer.start(transport, toolsChanged: { signal.fire() })
        let catalog = try await peer.mcp.catalog()
        #expect(catalog.tool(named: "get_report") == nil)
        let (enabled, _) = await peer.mcp.run("enable_reports", in: catalog)
        #expect(enabled.isError == false, "\(enabled.summary)")
        // With JSON answers the notification comes on another stream: give it time on a loaded machine.
        for _ in 0..<500 where changed.all.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        #expect(changed.all == ["changed"])
        let again = try await peer.mcp.catalog()
        #expect(again.tool(named: "get_report")?.access == .read)
        await peer.stop()
    }

    /// A server that forgot the session (it restarted) answers 404: the client drops the old
    /// session id, initializes again, and the call goes through.
    @Test func aForgottenSessionIsStartedAgain() async throws {
        let first = try PythonMCPPeer()
        let port = try #require(URLComponents(string: first.url)?.port)
        let mcp = try MCPHarness.http(first.url)
        let catalog = try await mcp.catalog()
        first.stop()
        let second = try PythonMCPPeer(port: port)
        let (listed, _) = await mcp.run("list_products", ["limit": 1], in: catalog)
        #expect(listed.isError == false, "\(listed.summary)")
        #expect(listed.response["products"]?.arrayValue?.count == 1)
        await mcp.stop()
        second.stop()
    }

    @Test func withNobodyToAskAnElicitationIsDeclined() async throws {
        let peer = try Peer.start(.stdio)
        let catalog = try await peer.mcp.catalog()
        let (declined, _) = await peer.mcp.run("confirm_booking", ["booking_id": "b1"], in: catalog)
        #expect(declined.response == ["action": "decline", "content": .null])
        await peer.stop()
    }

    @Test func aStdioServerLogsToItsFileSeesNoSecretsAndIsStoppedAtClose() async throws {
        setenv("WIXAGENT_TEST_SECRET", "do-not-pass-me", 1)
        let env = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-env-\(UUID().uuidString)")
        let calls = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-calls-\(UUID().uuidString)")
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-logs-\(UUID().uuidString)")
        let inner = PythonMCPPeer.stdioCommand(callsFile: calls).map { "'\($0)'" }.joined(separator: " ")
        let script = "env > '\(env.path)'; echo $$ > '\(env.path).pid'; grep SigBlk /proc/$$/status > '\(env.path).mask'; exec \(inner)"
        let mcp = try MCPHarness.stdio(["sh", "-c", script], logDirectory: logs,
                                       hidden: ["WIXAGENT_TEST_SECRET"])
        let catalog = try await mcp.catalog()
        #expect(catalog.tools.count == 8)
        let seen = String(decoding: try Data(contentsOf: env), as: UTF8.self)
        #expect(!seen.contains("do-not-pass-me"))
        #expect(seen.contains("PATH="))
        // Started with no signal blocked, so the server can be asked to stop (SIGTERM).
        let mask = try String(contentsOf: URL(fileURLWithPath: env.path + ".mask"), encoding: .utf8)
        #expect(mask.trimmingCharacters(in: .whitespacesAndNewlines) == "SigBlk:\t0000000000000000")
        let log = try String(contentsOf: logs.appendingPathComponent("mcp-local.log"), encoding: .utf8)
        #expect(log.contains("mcp_peer stdio ready"))
        let pid = try #require(Int32(try String(contentsOf: URL(fileURLWithPath: env.path + ".pid"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) == 0)
        await mcp.stop()
        #expect(kill(pid, 0) != 0, "the server still runs after close")
    }

    @Test func aCommandThatIsNotThereIsOneLineNamingTheSource() throws {
        let program = "no-such-mcp-server-\(UUID().uuidString)"
        let error = #expect(throws: CatalogError.self) {
            _ = try MCPHarness.stdio([program], logDirectory: FileManager.default.temporaryDirectory)
        }
        #expect(error?.description == "Could not start MCP source local (\(program)): cannot start \(program): not found on PATH")
    }

    @Test func aServerThatExitsFailsItsPendingRequestWithTheLogsPath() async throws {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-logs-\(UUID().uuidString)")
        let mcp = try MCPHarness.stdio(["sh", "-c", "echo broken >&2; exit 3"], logDirectory: logs)
        do {
            _ = try await mcp.source.loadTools()
            Issue.record("a server that exited listed tools")
        } catch {
            #expect(error.description.contains("exited with status 3"), "\(error.description)")
            #expect(error.description.contains("mcp-local.log"))
        }
        await mcp.stop()
    }
}
