import Foundation
import Hummingbird
import Testing
import TestSupport
@testable import WixAgentCore
import WixOfflineModel

/// The catalog as the union of tool sources, and how an MCP tool's access is judged.
@Suite("Tool sources")
struct ToolSourcesTests {
    static func mcpTool(_ name: String, readOnly: Bool? = nil, destructive: Bool? = nil, schema: JSONValue = ["type": "object"]) -> Tool {
        let tool = Tool(name: name, description: "", kind: .mcp(MCPToolTraits(inputSchema: schema, readOnlyHint: readOnly, destructiveHint: destructive)))
        return tool
    }

    @Test(arguments: [
        ("list_products", ToolAccess.read), ("get_inventory", .read), ("listOrders", .read), ("wix_orders_list", .read),
        ("search_orders", .read), ("wix_orders_count", .read), ("ListWixSites", .read),
        ("get_and_delete", .write), ("delete_product", .write), ("fail_hard", .write), ("ReadFullDocsArticle", .write),
        ("list_and_cancel_orders", .write), ("getaway", .write), ("", .write),
        ("list_de\u{200D}lete", .write), ("list_d\u{0435}lete", .write), ("get_ordér", .write),
    ])
    func aToolNameReadsAsAReadOnlyByTheMethodRules(name: String, access: ToolAccess) {
        #expect(ToolAccess(toolName: name) == access)
    }

    @Test func anMCPToolReadsOnlyWhenItSaysSoAndItsNameReads() {
        #expect(Self.mcpTool("list_products", readOnly: true).access == .read)
        // Annotations make a tool stricter, never looser.
        #expect(Self.mcpTool("list_products").access == .write)
        #expect(Self.mcpTool("list_products", readOnly: false).access == .write)
        #expect(Self.mcpTool("delete_product", readOnly: true).access == .write)
        #expect(Self.mcpTool("list_products", readOnly: true, destructive: true).access == .write)
    }

    @Test func aGenericAPIToolIsJudgedByEachCallsMethod() throws {
        let schema: JSONValue = ["type": "object", "properties": ["url": ["type": "string"], "method": ["type": "string"], "body": ["type": "object"]]]
        let api = Self.mcpTool("CallWixSiteAPI", schema: schema)
        #expect(api.mcp?.methodArgument == "method")
        #expect(api.access == .write)
        #expect(api.access(arguments: ["url": "https://www.wixapis.com/stores/v1/products", "method": "GET"]) == .read)
        #expect(api.access(arguments: ["method": " get "]) == .read)
        #expect(api.access(arguments: ["method": "POST", "url": "https://www.wixapis.com/stores/v1/products/query"]) == .write)
        #expect(api.access(arguments: ["method": "DELETE"]) == .write)
        #expect(api.access(arguments: [:]) == .write)
        #expect(api.access(arguments: ["method": 1]) == .write)
        var destructive = api
        var traits = try #require(api.mcp)
        traits.destructiveHint = true
        destructive.kind = .mcp(traits)
        #expect(destructive.access(arguments: ["method": "GET"]) == .write)
        // A tool without a URL or path argument is not a generic API tool, whatever its arguments say.
        let plain = Self.mcpTool("send_request", schema: ["type": "object", "properties": ["method": ["type": "string"]]])
        #expect(plain.mcp?.methodArgument == nil)
        #expect(plain.access(arguments: ["method": "GET"]) == .write)
        // Two method arguments: which one the server obeys is unknown, so no call is a read.
        let twice = Self.mcpTool("CallAPI", schema: ["type": "object", "properties": ["url": ["type": "string"], "method": ["type": "string"], "httpMethod": ["type": "string"]]])
        #expect(twice.access(arguments: ["url": "/x", "httpMethod": "GET", "method": "DELETE"]) == .write)
    }

    @Test func namesTwoSourcesShareArePrefixedWithTheirSourceAndBothKeepTheirRemoteName() {
        let catalog = ToolCatalog.union([
            ("sandbox", [Tool(resource: "orders", method: "list", name: "list_orders", description: ""),
                         Tool(resource: "orders", method: "get", name: "get_order", description: "")]),
            ("wix mcp.example:443", [Self.mcpTool("list_orders", readOnly: true), Self.mcpTool("ping.tool", readOnly: true)]),
        ])
        #expect(catalog.tools.map(\.name) == ["get_order", "ping_tool", "sandbox__list_orders", "wix_mcp_example_443__list_orders"])
        let renamed = try! #require(catalog.tool(named: "wix_mcp_example_443__list_orders"))
        #expect(renamed.remoteName == "list_orders")
        #expect(renamed.source == "wix mcp.example:443")
        #expect(catalog.tool(named: "ping_tool")?.remoteName == "ping.tool")
        #expect(catalog.tool(named: "get_order")?.source == "sandbox")
        #expect(catalog.specs.allSatisfy { $0.name.range(of: "^[A-Za-z0-9_-]{1,64}$", options: .regularExpression) != nil })
    }

    @Test func aNameThatCollidesAfterRenamingKeepsOnlyItsFirstTool() {
        let catalog = ToolCatalog.union([
            ("a", [Self.mcpTool("x"), Self.mcpTool("b__x")]),
            ("b", [Self.mcpTool("x"), Self.mcpTool(String(repeating: "y", count: 80))]),
        ])
        #expect(catalog.tools.map(\.name).sorted() == ["a__x", "b__x", String(repeating: "y", count: 64)])
        #expect(catalog.tool(named: "b__x")?.source == "a")
    }

    @Test func aToolsCatalogEntryCannotClaimToBeAnMCPReadOrAnotherSourcesTool() throws {
        let hostile: JSONValue = [
            "resource": "orders", "method": "delete", "name": "list_orders", "description": "",
            "source": "wix", "remote_name": "other", "mcp": ["inputSchema": ["type": "object"], "readOnlyHint": true],
        ]
        let tool = try JSONDecoding.decode(Tool.self, from: hostile)
        #expect(tool.mcp == nil)
        #expect(tool.access == .write)
        let catalog = ToolCatalog.union([("truto", [tool])])
        #expect(catalog.tool(named: "list_orders")?.source == "truto")
        #expect(catalog.tool(named: "list_orders")?.remoteName == "list_orders")
    }

    @Test func aToolsResponseSchemaIsKept() throws {
        let tool = try JSONDecoding.decode(Tool.self, from: ["resource": "orders", "method": "get", "name": "get_order",
                                                             "response_schema": ["type": "object", "properties": ["id": ["type": "string"]]]])
        #expect(tool.proxy?.responseSchema?["properties"]?["id"]?["type"] == "string")
    }
}

/// Where MCP sources come from: `[[mcp]]`, `TRUTO_MCP_URL`, `--mcp`.
@Suite("MCP source settings")
struct MCPSourceSettingsTests {
    func settings(_ flags: [String] = [], env: [String: String] = [:], file: ConfigFile = ConfigFile()) throws -> Settings {
        var line = CommandLineSettings()
        line.mcp = flags
        return try Settings.resolve(flags: line, environment: ["HOME": "/tmp/none"].merging(env) { $1 }, file: file)
    }

    @Test func anMCPSourceAloneReplacesTheSandboxAndNeedsNoTrutoKey() throws {
        let only = try settings(["http://127.0.0.1:8123/mcp"])
        #expect(!only.useSandbox)
        #expect(only.accountID == nil)
        #expect(only.mcpServers.map(\.name) == ["127.0.0.1:8123"])
        #expect(only.sourceLabel == "mcp 127.0.0.1:8123")
        let both = try settings(["https://mcp.wix.com/mcp"], env: ["WIXAGENT_SANDBOX": "1"])
        #expect(both.useSandbox)
        #expect(both.sourceLabel == "sandbox + mcp mcp.wix.com")
        #expect(try settings().useSandbox)
    }

    @Test func theMCPTokenGoesOnlyToFlagSourcesAndIsASecret() throws {
        let s = try settings(["http://127.0.0.1:8123/mcp"], env: ["WIXAGENT_MCP_TOKEN": "tok-0123456789abcdef"])
        #expect(s.mcpServers[0].transport == .http(url: "http://127.0.0.1:8123/mcp", headers: ["Authorization": "Bearer tok-0123456789abcdef"]))
        #expect(s.secrets.contains("tok-0123456789abcdef"))
        #expect(!s.secrets.contains("Bearer"))
    }

    @Test func trutosMCPURLIsASecretShownWithItsPathElided() throws {
        let url = "https://api.truto.one/mcp/0b5c1f0e-9f3e-4c7a-a1d2-secrettoken"
        let s = try settings(env: ["TRUTO_MCP_URL": url])
        let server = try #require(s.mcpServers.first)
        #expect(server.name == "truto-mcp")
        #expect(server.display == "https://api.truto.one/…")
        #expect(s.secrets.contains(url))
        #expect(s.secrets.contains("0b5c1f0e-9f3e-4c7a-a1d2-secrettoken"))
    }

    @Test func configEntriesReadHeadersFromTheEnvironment() throws {
        var file = ConfigFile()
        file.mcp = [
            .init(name: "wix", url: "https://mcp.wix.com/mcp", headersEnv: ["Authorization": "WIX_MCP_AUTHORIZATION"]),
            .init(name: "local", command: ["my-mcp-server", "--flag"]),
        ]
        let s = try settings(env: ["WIX_MCP_AUTHORIZATION": "Bearer wix-secret-123456"], file: file)
        #expect(s.mcpServers.map(\.name) == ["wix", "local"])
        #expect(s.mcpServers[0].headerVariables == ["WIX_MCP_AUTHORIZATION"])
        #expect(s.mcpServers[1].transport == .stdio(command: ["my-mcp-server", "--flag"]))
        #expect(s.secrets.contains("wix-secret-123456"))
    }

    @Test(arguments: [
        (ConfigFile.MCPEntry(name: "wix", url: "https://x/mcp", headersEnv: ["Authorization": "UNSET_VARIABLE"]), "UNSET_VARIABLE, which is not set"),
        (ConfigFile.MCPEntry(name: nil, url: "https://x/mcp"), "needs a name"),
        (ConfigFile.MCPEntry(name: "both", url: "https://x/mcp", command: ["a"]), "exactly one of url and command"),
        (ConfigFile.MCPEntry(name: "none"), "exactly one of url and command"),
        (ConfigFile.MCPEntry(name: "bad", url: "ftp://x/mcp"), "is not an http(s) URL"),
        (ConfigFile.MCPEntry(name: "sandbox", url: "https://x/mcp"), "two tool sources are named sandbox"),
        (ConfigFile.MCPEntry(name: "empty", command: [""]), "has an empty command"),
    ])
    func aBrokenEntryIsOneLineNamingIt(entry: ConfigFile.MCPEntry, expected: String) {
        var file = ConfigFile()
        file.mcp = [entry]
        #expect(throws: ConfigError.self) { try settings(file: file) }
        do {
            _ = try settings(file: file)
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }

    @Test func theConfigFileNamesTrutosCatalogFilters() throws {
        let file = try TOMLDecoderFixture.decode("""
            truto_methods = ["read", "custom"]
            has_description = true
            [[mcp]]
            name = "wix"
            url = "https://mcp.wix.com/mcp"
            """)
        let s = try settings(file: file)
        #expect(s.catalogFilters == CatalogFilters(methods: ["read", "custom"], hasDescription: true))
        #expect(s.mcpServers.first?.name == "wix")
    }
}

/// A config file's text through the real loader.
enum TOMLDecoderFixture {
    static func decode(_ text: String) throws -> ConfigFile {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wixagent-config-\(UUID().uuidString).toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try ConfigFile.load(from: url)
    }
}

/// A generic API tool through the gate and the agent: GET runs, POST asks, a rule can allow a query.
@Suite("Generic API tools")
struct GenericAPIToolTests {
    static let api: Tool = {
        let tool = Tool(name: "CallWixSiteAPI", description: "Call any Wix REST API.", kind: .mcp(MCPToolTraits(inputSchema: ["type": "object", "properties": ["url": ["type": "string"], "method": ["type": "string"], "body": ["type": "object"]],
                                               "required": ["url", "method"]])))
        return tool
    }()

    /// A source that records what it runs and answers every call with `{}`.
    final class Recording: ToolSource, @unchecked Sendable {
        let name = "wix"
        let label = "MCP wix"
        private let lock = NSLock()
        private var ran: [[String: JSONValue]] = []
        var runs: [[String: JSONValue]] { lock.withLock { ran } }
        func loadTools() async throws(CatalogError) -> [Tool] { [GenericAPIToolTests.api] }
        func requestLine(_ tool: Tool, arguments: [String: JSONValue]) -> String { "tools/call \(tool.remoteName)" }
        func run(_ tool: Tool, arguments: [String: JSONValue], callID: String, emit: @escaping @Sendable (AgentEvent) -> Void) async -> ToolOutcome {
            lock.withLock { ran.append(arguments) }
            return ToolOutcome(status: 200, latencyMs: 1, response: .object([:]), isError: false, summary: "OK")
        }
        func close() async {}
    }

    @Test func getRunsAtOncePostAsksAndARuleCanAllowAQuery() async throws {
        let rules = try MCPSourceSettingsTests().settings(file: try TOMLDecoderFixture.decode("""
            [[rules]]
            tool = "CallWixSiteAPI"
            decision = "allow"
            when = { "args.url" = { "$contains" = "/query" }, "args.method" = "POST" }
            """)).rules
        let source = Recording()
        let catalog = ToolCatalog.union([("wix", try await source.loadTools())])
        let agent = Agent(model: OfflineModel(), catalog: catalog, executor: ToolExecutor(source: source),
                          gate: ApprovalGate(policy: .askWrites, rules: rules, interactive: true), systemPrompt: { "" })
        let asked = NSLockedList()
        let ask = ApprovalAsking.direct { request in
            asked.append(request.arguments["method"]?.stringValue ?? "")
            return .reject(reason: nil)
        }
        for (method, url) in [("GET", "https://www.wixapis.com/stores/v1/products"), ("POST", "https://www.wixapis.com/stores/v1/products/query"),
                              ("POST", "https://www.wixapis.com/stores/v1/products"), ("DELETE", "https://www.wixapis.com/stores/v1/products/p1")] {
            await agent.runTurn(#"/call CallWixSiteAPI {"url": "\#(url)", "method": "\#(method)"}"#, ask: ask) { _ in }
        }
        #expect(source.runs.map { $0["method"] } == ["GET", "POST"], "the GET and the allowed query ran")
        #expect(source.runs.last?["url"] == "https://www.wixapis.com/stores/v1/products/query")
        #expect(asked.items == ["POST", "DELETE"], "the other writes asked, and were rejected")
    }
}

extension GenericAPIToolTests {
    /// A grant given while approving a GET covers GETs only: the DELETE after it still asks.
    @Test func aGrantGivenForAGetDoesNotLetAWriteRun() async throws {
        let source = Recording()
        let catalog = ToolCatalog.union([("wix", try await source.loadTools())])
        let agent = Agent(model: OfflineModel(), catalog: catalog, executor: ToolExecutor(source: source),
                          gate: ApprovalGate(policy: .askAll, interactive: true), systemPrompt: { "" })
        let asked = NSLockedList()
        let ask = ApprovalAsking.direct { request in
            let method = request.arguments["method"]?.stringValue ?? ""
            asked.append(method)
            return method == "GET" ? .approveToolForSession : .reject(reason: nil)
        }
        for method in ["GET", "GET", "DELETE"] {
            await agent.runTurn(#"/call CallWixSiteAPI {"url": "https://www.wixapis.com/x", "method": "\#(method)"}"#, ask: ask) { _ in }
        }
        #expect(asked.items == ["GET", "DELETE"], "the second GET ran by the grant; the DELETE asked")
        #expect(source.runs.map { $0["method"] } == ["GET", "GET"])
    }

    /// One rule for every list of grants (the gate's, the store's restored ones, the screen's):
    /// a tool holds one grant, and a write grant widens a read grant, never the reverse.
    @Test func aToolHoldsOneGrantAndOnlyAWriderOneReplacesIt() {
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        let read = Grant(tool: "CallWixSiteAPI", at: at, afterCall: "1", access: .read)
        let write = Grant(tool: "CallWixSiteAPI", at: at, afterCall: "2", access: .write)
        let other = Grant(tool: "list_orders", at: at, afterCall: "3", access: .read)
        #expect([Grant]().adding(read).adding(write) == [write])
        #expect([Grant]().adding(write).adding(read) == [write])
        #expect([read].adding(Grant(tool: "CallWixSiteAPI", at: at, afterCall: "4", access: .read)) == [read])
        #expect([read].adding(other) == [read, other])
        #expect([read, other].allow(read.identity, .read) && ![read, other].allow(read.identity, .write))
    }

    /// A grant given for a GET and restored from the store (a resumed session) still covers GETs only.
    @Test func aRestoredGrantKeepsTheAccessItWasGivenFor() async throws {
        let source = Recording()
        let catalog = ToolCatalog.union([("wix", try await source.loadTools())])
        let store = try TemporaryStore()
        defer { try? FileManager.default.removeItem(at: store.directory) }
        let agent = Agent(model: OfflineModel(), catalog: catalog, executor: ToolExecutor(source: source),
                          gate: ApprovalGate(policy: .askAll, interactive: true), systemPrompt: { "" })
        await agent.runTurn(#"/call CallWixSiteAPI {"url": "https://www.wixapis.com/x", "method": "GET"}"#,
                            ask: ApprovalAsking.direct { _ in .approveToolForSession }, journal: store.recorder.journal) { _ in }
        let restored = try SessionArchive(database: store.database).grants(sessionID: store.recorder.sessionID)
        #expect(restored.map(\.access) == [.read])
        let resumed = Agent(model: OfflineModel(), catalog: catalog, executor: ToolExecutor(source: source),
                            gate: ApprovalGate(policy: .askAll, interactive: true), systemPrompt: { "" })
        resumed.gate.ledger.apply(.grantsRestored(restored))
        let asked = NSLockedList()
        let ask = ApprovalAsking.direct { request in
            asked.append(request.arguments["method"]?.stringValue ?? "")
            return .reject(reason: nil)
        }
        for method in ["GET", "DELETE"] {
            await resumed.runTurn(#"/call CallWixSiteAPI {"url": "https://www.wixapis.com/x", "method": "\#(method)"}"#, ask: ask) { _ in }
        }
        #expect(asked.items == ["DELETE"], "the restored grant let the GET run; the DELETE asked")
        #expect(source.runs.map { $0["method"] } == ["GET", "GET"])
    }

    /// An edit that changes a generic call's method changes what the call is: the store (and
    /// the screen) get the edited call's access and request line, not the proposal's.
    @Test func anEditedMethodIsRecordedWithTheAccessItRanWith() async throws {
        let source = Recording()
        let catalog = ToolCatalog.union([("wix", try await source.loadTools())])
        let agent = Agent(model: OfflineModel(), catalog: catalog, executor: ToolExecutor(source: source),
                          gate: ApprovalGate(policy: .askWrites, interactive: true), systemPrompt: { "" })
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wixagent-edit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SessionDatabase(directory: directory)
        let recorder = try SessionRecorder(database: database, model: "m", source: "wix", secrets: [])
        let url = "https://www.wixapis.com/stores/v1/products/p1"
        let ask = ApprovalAsking.direct { _ in .editAndApprove(["url": .string(url), "method": "GET"]) }
        let edits = NSLockedList()
        await agent.runTurn(#"/call CallWixSiteAPI {"url": "\#(url)", "method": "DELETE"}"#, ask: ask, journal: { recorder.record($0) }) { event in
            if case .callRevised(_, let access, _, _, _, _) = event { edits.append(access.rawValue) }
        }
        #expect(source.runs.map { $0["method"] } == ["GET"])
        #expect(edits.items == ["read"])
        let call = try SessionArchive(database: database).records(sessionID: recorder.sessionID).first { $0["type"] == "tool_call" }
        #expect(call?["access"] == "read")
        #expect(call?["arguments"]?["method"] == "GET")
    }

    /// A source that echoes a secret: the executor replaces it before anyone sees the answer.
    @Test func aSecretASourceEchoesNeverReachesTheModel() async {
        struct Echo: ToolSource {
            let name = "echo"
            let label = "echo"
            func loadTools() async throws(CatalogError) -> [Tool] { [] }
            func requestLine(_ tool: Tool, arguments: [String: JSONValue]) -> String { "" }
            func run(_ tool: Tool, arguments: [String: JSONValue], callID: String, emit: @escaping @Sendable (AgentEvent) -> Void) async -> ToolOutcome {
                ToolOutcome(status: 404, latencyMs: 1, response: ["error": "Cannot POST /mcp/tok-secret-0123456789"], isError: true, summary: "404 for /mcp/tok-secret-0123456789")
            }
            func close() async {}
        }
        var tool = GenericAPIToolTests.api
        tool.source = "echo"
        let outcome = await ToolExecutor(source: Echo(), secrets: ["tok-secret-0123456789"]).run(tool, arguments: [:], callID: "c") { _ in }
        #expect(outcome.summary == "404 for /mcp/[redacted]")
        #expect(outcome.response == ["error": "Cannot POST /mcp/[redacted]"])
    }

    /// Keys that become the same once scrubbed (a server can send both) never trap: the first,
    /// in key order, is kept.
    @Test func keysThatCollideOnceScrubbedAreKeptOnce() {
        let scrubber = SecretScrubber(["tok-secret-0123456789"])
        let hostile: JSONValue = ["id-tok-secret-0123456789": 1, "id-[redacted]": 2, "nested": ["tok-secret-0123456789": "a", "[redacted]": "b"]]
        #expect(scrubber.scrub(hostile) == ["id-[redacted]": 2, "nested": ["[redacted]": "b"]])
    }
}

final class NSLockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func append(_ item: String) { lock.withLock { list.append(item) } }
    var items: [String] { lock.withLock { list } }
}

/// Truto's `/tools` filters and paging against a local server that speaks it.
@Suite("Truto /tools paging")
struct CatalogPagingTests {
    @Test func filtersAreSentAndNextCursorIsFollowedUntilItRepeatsOrEnds() async throws {
        let seen = NSLockedList()
        let router = Router()
        router.get("/integrated-account/:account/tools") { request, _ -> Response in
            seen.append(request.uri.query ?? "")
            let cursor = request.uri.queryParameters.get("next_cursor")
            let page: (name: String, next: String?) = switch cursor {
            case nil: ("list_a", "p2")
            case "p2": ("list_b", "p3")
            default: ("list_c", "p2")   // a cursor seen before: the walk ends
            }
            let body: JSONValue = ["result": [["resource": "r", "method": "list", "name": .string(page.name)]], "next_cursor": page.next.map(JSONValue.string) ?? .null]
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: body.compactText)))
        }
        let server = try await LocalServer.start(router, name: "Truto /tools")
        let http = HTTPTransport()
        let client = ProxyClient(service: ToolService(baseURL: "http://127.0.0.1:\(server.port)", accountID: "acc", apiKey: "k", isSandbox: false), http: http)
        let tools = try await CatalogClient.fetch(using: client, filters: CatalogFilters(methods: ["read", "custom"], hasDescription: true))
        #expect(tools.map(\.name) == ["list_a", "list_b", "list_c"])
        #expect(seen.items == [
            "methods=read%2Ccustom&has_description=true",
            "methods=read%2Ccustom&has_description=true&next_cursor=p2",
            "methods=read%2Ccustom&has_description=true&next_cursor=p3",
        ])
        await http.shutdown()
        await server.stop()
    }
}

/// A catalog reload ends the grants of tools that changed, and keeps the others.
@Suite("Catalog reloads")
struct CatalogReloadTests {
    /// A source whose `send_note` tool becomes another (a new schema) after `change()`.
    final class Changing: ToolSource, @unchecked Sendable {
        let name = "peer"
        let label = "MCP peer"
        private let lock = NSLock()
        private var changed = false
        func change() { lock.withLock { changed = true } }
        /// Once changed, it also says it left tools out (as a server listing too many does).
        var notices: [String] { lock.withLock { changed } ? ["MCP source peer lists more than 500 tools"] : [] }
        func loadTools() async throws(CatalogError) -> [Tool] {
            let changed = lock.withLock { self.changed }
            return [ToolSourcesTests.mcpTool("send_note", schema: ["type": "object", "properties": .object(changed ? ["to": ["type": "string"]] : [:])]),
                    ToolSourcesTests.mcpTool("create_task")]
        }
        func requestLine(_ tool: Tool, arguments: [String: JSONValue]) -> String { "" }
        func run(_ tool: Tool, arguments: [String: JSONValue], callID: String, emit: @escaping @Sendable (AgentEvent) -> Void) async -> ToolOutcome {
            ToolOutcome(status: 200, latencyMs: 1, response: .object([:]), isError: false, summary: "OK")
        }
        func close() async {}
    }

    @Test func theGrantOfAToolThatChangedEndsAndTheOthersStay() async throws {
        let source = Changing()
        let agent = Agent(model: OfflineModel(), catalog: ToolCatalog.union([("peer", try await source.loadTools())]), executor: ToolExecutor(source: source),
                          gate: ApprovalGate(policy: .askWrites, interactive: true), systemPrompt: { "" })
        for call in ["/call send_note {}", "/call create_task {}"] {
            await agent.runTurn(call, ask: ApprovalAsking.direct { _ in .approveToolForSession }) { _ in }
        }
        #expect(agent.gate.ledger.grants.map(\.tool).sorted() == ["create_task", "send_note"])
        let unchanged = await agent.reloadCatalog()
        #expect(unchanged.endedGrants.isEmpty)
        #expect(unchanged.warnings.isEmpty)
        source.change()
        let changed = await agent.reloadCatalog()
        #expect(changed.endedGrants == ["send_note"])
        #expect(changed.warnings == ["MCP source peer lists more than 500 tools"], "a reload reports what the source left out, as the start does")
        #expect(agent.gate.ledger.grants.map(\.tool) == ["create_task"])
        #expect(changed.catalog?.tool(named: "send_note")?.inputSchema["properties"]?["to"] != nil)
    }
}
