import Foundation
import Testing
import WixAgentCore
import WixOfflineModel
import WixMCP
import WixSandbox

/// The sandbox's `/mcp` through the MCP source: the same tools, access, approvals and rate
/// limits as its `/tools` and proxy.
@Suite("MCP against the sandbox")
struct SandboxMCPTests {
    static func start(_ options: SandboxOptions) async throws -> (SandboxServer, MCPHarness) {
        let server = try await SandboxServer.start(options)
        let harness = try MCPHarness.http(server.baseURL + "/mcp", headers: ["Authorization": "Bearer \(options.token)"], name: "sandbox-mcp")
        return (server, harness)
    }

    @Test func listsEveryCatalogToolAcrossPagesWithTheSameAccess() async throws {
        let log = SandboxLog()
        let (server, mcp) = try await Self.start(SandboxOptions(token: "t-1", observer: log.observer))
        let http = HTTPTransport()
        let proxy = ProxyClient(service: ToolService(baseURL: server.baseURL, accountID: SandboxServer.accountID, apiKey: "t-1", isSandbox: true), http: http)
        let viaTools = try await CatalogClient.fetch(using: proxy)
        let viaMCP = try await mcp.catalog()
        #expect(viaTools.count == 36)
        #expect(viaMCP.tools.map(\.name) == viaTools.map(\.name).sorted())
        for tool in viaTools {
            #expect(viaMCP.tool(named: tool.name)?.access == tool.access, "\(tool.name)")
        }
        #expect(viaMCP.tool(named: "wix_orders_cancel")?.mcp?.destructiveHint == true)
        #expect(viaMCP.tool(named: "create_a_wix_task")?.mcp?.destructiveHint == false)
        // 36 tools at 20 a page: two tools/list requests after the handshake.
        await mcp.stop()
        let mcpRequests = log.requests.filter { $0.path == "/mcp" && $0.method != "GET" }
        #expect(mcpRequests.map(\.method) == ["POST", "POST", "POST", "POST", "DELETE"])
        #expect(mcpRequests.last?.status == 200)
        // After the handshake the client asks once for the server's own stream; the sandbox
        // offers none (405), and it is not asked again.
        #expect(log.requests.filter { $0.path == "/mcp" && $0.method == "GET" }.map(\.status) == [405])
        await http.shutdown()
        await server.stop()
    }

    @Test func aWriteRunsOnlyOnceApprovedAndARejectedOneNeverReachesTheSite() async throws {
        let log = SandboxLog()
        let (server, mcp) = try await Self.start(SandboxOptions(token: "t-2", observer: log.observer))
        let catalog = try await mcp.catalog()
        func agent() -> Agent {
            Agent(model: OfflineModel(), catalog: catalog, executor: ToolExecutor(source: mcp.source),
                  gate: ApprovalGate(policy: .askWrites, rules: ToolRules(), interactive: true), systemPrompt: { "" })
        }
        let asked = Events()
        await agent().runTurn("/call wix_orders_cancel {\"id\": \"12346\"}", ask: ApprovalAsking.direct { request in
            asked.add(.approvalNeeded(request))
            return .reject(reason: "not today")
        }) { _ in }
        #expect(asked.all.count == 1)
        if case .approvalNeeded(let request) = asked.all.first {
            #expect(request.access == .write)
            #expect(request.source == "sandbox-mcp")
            #expect(request.destruction == "The server calls it destructive.")
        }
        #expect(log.writes == 0)

        let events = Events()
        await agent().runTurn("/call wix_orders_cancel {\"id\": \"12346\"}", ask: ApprovalAsking.direct { _ in .approveOnce }) { events.add($0) }
        #expect(log.writes == 1)
        let outcome = events.all.compactMap { if case .toolFinished(_, let o) = $0 { o } else { nil } }.last
        #expect(outcome?.isError == false)
        #expect(outcome?.response.compactText.contains("\"status\":\"CANCELED\"") == true, "\(String(describing: outcome))")
        await mcp.stop()
        await server.stop()
    }

    @Test func aRateLimitOnTheSandboxIsWaitedOutNotShownToTheModel() async throws {
        // One call per 4 s: of three calls made together, two must wait for the window.
        let (server, mcp) = try await Self.start(SandboxOptions(token: "t-3", rateLimit: RateLimitSpec(requests: 1, windowSeconds: 4), retryAfterOn429: true))
        let catalog = try await mcp.catalog()
        async let a = mcp.run("list_all_wix_orders", ["limit": 1], in: catalog)
        async let b = mcp.run("list_all_wix_orders", ["limit": 1], in: catalog)
        async let c = mcp.run("list_all_wix_orders", ["limit": 1], in: catalog)
        let runs = await [a, b, c]
        #expect(runs.allSatisfy { !$0.0.isError }, "\(runs.map(\.0.summary))")
        let events = runs.flatMap(\.1)
        #expect(events.contains { if case .waiting = $0 { true } else { false } })
        #expect(events.contains { if case .toolStateChanged(_, .waitingForRateLimit) = $0 { true } else { false } })
        #expect(events.contains { if case .rateLimit(.tools, _) = $0 { true } else { false } })
        await mcp.stop()
        await server.stop()
    }

    @Test func aWrongTokenIsOneLineNamingTheSource() async throws {
        let server = try await SandboxServer.start(SandboxOptions(token: "right"))
        let mcp = try MCPHarness.http(server.baseURL + "/mcp", headers: ["Authorization": "Bearer wrong"], name: "sb")
        do {
            _ = try await mcp.source.loadTools()
            Issue.record("a wrong token loaded tools")
        } catch {
            #expect(error.description.contains("MCP source sb"))
            #expect(error.description.contains("answered 401 to initialize: check its token"))
            #expect(!error.description.contains("\n"))
        }
        await mcp.stop()
        await server.stop()
    }

    @Test func aRecordTheSiteDoesNotHaveIsAToolErrorTheModelSees() async throws {
        let (server, mcp) = try await Self.start(SandboxOptions(token: "t-4"))
        let catalog = try await mcp.catalog()
        let (invalid, _) = await mcp.run("get_single_wix_order_by_id", ["id": "no-such-order"], in: catalog)
        #expect(invalid.isError)
        #expect(invalid.summary.contains("reported an error"))
        await mcp.stop()
        await server.stop()
    }
}
