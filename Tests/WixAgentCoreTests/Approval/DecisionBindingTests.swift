import Foundation
import Testing
import TestSupport
import TOMLKit
@testable import WixAgentCore

/// A decision holds only for what it was made on: the tool, the final arguments and the record
/// as it is when the write runs. One test per row of the review that found writes running on
/// another picture than their decision's, through the agent and the sandbox over HTTP.
@Suite("Decisions are bound to what they were made on", .serialized)
struct DecisionBindingTests {
    static func rules(_ toml: String) throws -> ToolRules {
        try Settings.resolve(flags: CommandLineSettings(), environment: [:], file: try TOMLDecoder().decode(ConfigFile.self, from: toml)).rules
    }

    static func agent(_ site: WatchedSandbox, _ model: ChatModel, policy: ApprovalPolicy, rules: ToolRules = ToolRules(), interactive: Bool,
                      extra: ExtraSource? = nil) async -> Agent {
        let sources: [any ToolSource] = [ProxyToolSource(client: site.fixture.client)] + (extra.map { [$0] } ?? [])
        let executor = ToolExecutor(sources: sources)
        return Agent(model: model, catalog: await executor.loadCatalog().catalog, executor: executor,
                     gate: ApprovalGate(policy: policy, rules: rules, interactive: interactive), systemPrompt: { "" })
    }

    /// Rule 1: a task update runs by itself while the task is open.
    static let openTasksOnly = """
        [[rules]]
        tool = "update_a_wix_task_by_id"
        decision = "allow"
        when = { "target.status" = "ACTION_NEEDED" }

        """

    static func openTask(_ site: WatchedSandbox) async throws -> String {
        let tasks = await site.fixture.call("list_all_wix_tasks", ["limit": 50]).response["result"]?.arrayValue ?? []
        return try #require(tasks.first { $0["status"] == "ACTION_NEEDED" }?["id"]?.stringValue)
    }

    /// Row 1: two writes on one task in one reply. The rules allow an update of an open task and
    /// deny one of a completed task; both previews were read while it was open. The second is
    /// judged on the task as the first left it: completed, so denied.
    @Test func eachWriteOfABatchIsJudgedOnTheRecordAsTheWritesBeforeItLeftIt() async throws {
        let site = try await WatchedSandbox.start()
        let id = try await Self.openTask(site)
        let rules = try Self.rules(Self.openTasksOnly + """
            [[rules]]
            tool = "update_a_wix_task_by_id"
            decision = "deny"
            when = { "target.status" = "COMPLETED" }
            """)
        let model = ScriptedModel([[
            .toolCall(ToolCall(id: "a", name: "update_a_wix_task_by_id", arguments: #"{"id": "\#(id)", "status": "COMPLETED"}"#)),
            .toolCall(ToolCall(id: "b", name: "update_a_wix_task_by_id", arguments: #"{"id": "\#(id)", "title": "closed"}"#)),
        ], [.textDelta("done")]])
        let agent = await Self.agent(site, model, policy: .askWrites, rules: rules, interactive: false)
        let log = EventLog()
        await agent.runTurn("go", ask: ApprovalAsking.direct { _ in .approveOnce }, emit: log.append)
        let task = await site.fixture.call("get_single_wix_task_by_id", ["id": .string(id)]).response
        await site.stop()

        #expect(site.appliedWrites == 1, "only the first update ran")
        #expect(RecordBody.unwrap(task)?["title"] != "closed")
        let revised = log.events.compactMap { if case .callRevised(_, _, _, _, _, let changes) = $0 { changes } else { nil } }
        #expect(revised.flatMap { $0 }.contains("Changed since it was decided: status: ACTION_NEEDED → COMPLETED"), "\(revised)")
        #expect(log.refusals.last?.contains("denied by rule 2") == true, "\(log.refusals)")
    }

    /// Row 2: the person edits a cancel of the cheap order to name the dear one. The edit is
    /// read and ruled again: the deny on a total above 500 refuses it, and the store keeps the
    /// preview of the order the call named last.
    @Test func anEditThatNamesAnotherRecordIsReadAndRuledAgain() async throws {
        let site = try await WatchedSandbox.start()
        let store = try TemporaryStore()
        let rules = try Self.rules("""
            [[rules]]
            tool = "wix_orders_cancel"
            decision = "deny"
            when = { "target.priceSummary.total" = { "$gt" = 500 } }
            """)
        let model = ScriptedModel([[.toolCall(ToolCall(id: "c", name: "wix_orders_cancel", arguments: #"{"id": "12346"}"#))], [.textDelta("ok")]])
        let agent = await Self.agent(site, model, policy: .askWrites, rules: rules, interactive: true)
        let asked = Counter()
        await agent.runTurn("go", ask: ApprovalAsking.direct { _ in asked.add(); return .editAndApprove(["id": "12347"]) },
                            journal: store.recorder.journal, emit: { _ in })
        await site.stop()

        #expect(site.appliedWrites == 0, "the $700 order was not cancelled")
        #expect(asked.value == 1, "refused by the deny rule, not asked again")
        let row = try #require(try store.rows("SELECT arguments, preview FROM tool_call").first)
        #expect(row["arguments"] as String == #"{"id":"12347"}"#)
        #expect(try JSONValue.parse(row["preview"] as String)["record"]?["id"] == "12347", "the stored preview is the order the call named")
        let decisions = try store.rows("SELECT approved, decided_by, reason FROM approval ORDER BY id")
        #expect(decisions.map { $0["decided_by"] as String } == ["user", "rule"], "the person's yes, then the rule's no on the record named")
        #expect((decisions.last?["reason"] as String?)?.contains("denied by rule 1") == true)
    }

    /// Row 2, as the person sees it: an edit to another record brings the dialog back with that
    /// record, marked, when no rule refuses it.
    @Test func anEditThatNamesAnotherRecordIsAskedAgainWithItsPreview() async throws {
        let site = try await WatchedSandbox.start()
        let model = ScriptedModel([[.toolCall(ToolCall(id: "c", name: "wix_orders_cancel", arguments: #"{"id": "12346"}"#))], [.textDelta("ok")]])
        let agent = await Self.agent(site, model, policy: .askWrites, interactive: true)
        let requests = Recorded()
        await agent.runTurn("go", ask: ApprovalAsking.direct { request in
            requests.add(request)
            return requests.count == 1 ? .editAndApprove(["id": "12347"]) : .reject(reason: nil)
        }, emit: { _ in })
        await site.stop()

        #expect(site.appliedWrites == 0)
        let again = try #require(requests.all.dropFirst().first)
        #expect(again.preview?.record?["id"] == "12347")
        #expect(again.changes.first?.hasPrefix("The arguments name another record") == true, "\(again.changes)")
    }

    /// Row 3: another source offers `wix_orders_cancel`, so the sandbox's is renamed
    /// `sandbox__wix_orders_cancel`. A deny by the plain name still covers it; `source:name` narrows.
    @Test func aRuleByPlainNameCoversEverySourcesToolWhateverItIsRenamed() async throws {
        let site = try await WatchedSandbox.start()
        let extra = ExtraSource(tools: [ExtraSource.tool("wix_orders_cancel")])
        let model = ScriptedModel([[.toolCall(ToolCall(id: "c", name: "sandbox__wix_orders_cancel", arguments: #"{"id": "12347"}"#))], [.textDelta("ok")]])
        let agent = await Self.agent(site, model, policy: .auto, rules: ToolRules(deny: ["wix_orders_cancel"]), interactive: false, extra: extra)
        let log = EventLog()
        await agent.runTurn("go", ask: ApprovalAsking.direct { _ in .approveOnce }, emit: log.append)
        #expect(site.appliedWrites == 0, "the deny covers the renamed tool")
        #expect(log.refusals.first?.contains("denied by a rule") == true, "\(log.refusals)")

        let narrow = ApprovalGate(policy: .auto, rules: ToolRules(deny: ["extra:wix_orders_cancel"]))
        let catalog = await agent.catalog
        let sandboxCancel = try #require(catalog.tool(named: "sandbox__wix_orders_cancel"))
        let extraCancel = try #require(catalog.tool(named: "extra__wix_orders_cancel"))
        func request(_ tool: Tool) -> ApprovalRequest {
            ApprovalRequest(callID: "k", toolName: tool.name, access: .write, arguments: [:], requestLine: "", identity: tool.identity)
        }
        #expect(await narrow.routing(request(sandboxCancel)).route == .run(.policy), "source:name covers that source's tool only")
        if case .refuse = await narrow.routing(request(extraCancel)).route {} else { Issue.record("extra:wix_orders_cancel must deny the extra source's tool") }
        #expect(await narrow.warnings(catalog: catalog).isEmpty, "a source:name rule names a tool of the catalog")
        await site.stop()
    }

    /// Row 3, later: a reload brings the collision. The rules cover the renamed tool at once and
    /// the reload says so; a tool another source now answers to is decided again.
    @Test func aReloadThatRenamesAToolIsSaidAndRuledAgain() async throws {
        let site = try await WatchedSandbox.start()
        let extra = ExtraSource(tools: [])
        let model = ScriptedModel([])
        let agent = await Self.agent(site, model, policy: .auto, rules: ToolRules(deny: ["wix_orders_cancel"]), interactive: false, extra: extra)
        extra.tools = [ExtraSource.tool("wix_orders_cancel")]
        let reload = await agent.reloadCatalog()
        await site.stop()
        #expect(reload.warnings.contains("the deny rule for wix_orders_cancel now covers extra__wix_orders_cancel, sandbox__wix_orders_cancel"), "\(reload.warnings)")
    }

    /// Row 4: a grant restored into a session whose source offers another tool of that name
    /// does not cover it.
    @Test func aGrantCoversOnlyTheToolItWasGivenFor() async throws {
        let mine = ExtraSource.tool("wix_orders_cancel", source: "a")
        let theirs = ExtraSource.tool("wix_orders_cancel", source: "b")
        let gate = ApprovalGate(policy: .askWrites)
        gate.ledger.apply(.grantsRestored([Grant(tool: "wix_orders_cancel", at: Date(), afterCall: "k0", access: .write, identity: mine.identity)]))
        let call = { (tool: Tool) in ApprovalRequest(callID: "k", toolName: tool.name, access: .write, arguments: [:], requestLine: "", identity: tool.identity) }
        #expect(await gate.routing(call(mine)).route == .run(.grant))
        #expect(await gate.routing(call(theirs)).route == .ask, "another source's tool of the same name asks")
        var changed = mine
        changed.kind = .mcp(MCPToolTraits(inputSchema: ["type": "object", "properties": ["id": ["type": "string"], "force": ["type": "boolean"]]]))
        #expect(await gate.routing(call(changed)).route == .ask, "the same tool with another schema asks")

        // The store keeps the identity, so a resumed session restores exactly that.
        let store = try TemporaryStore()
        store.recorder.record(.toolProposed(callID: "k1", providerCallID: nil, toolName: mine.name, access: .write, arguments: [:], requestLine: nil, identity: mine.identity))
        store.recorder.record(.approvalDecided(callID: "k1", approved: true, decidedBy: .user, reason: nil, arguments: [:], grants: true))
        let restored = try SessionArchive(database: store.database).grants(sessionID: store.recorder.sessionID)
        #expect(restored.map(\.identity) == [mine.identity])
    }

    /// Row 5: labelling a contact with a label it already had (by display name) adds nothing,
    /// so there is nothing to undo; one it lacked is undone by its key, never its display name.
    @Test func undoOfALabelTakesBackOnlyWhatItAdded() async throws {
        let site = try await WatchedSandbox.start()
        let contact = "c0ffee42-9938-4b2a-8e11-5a1d2c3b4e5f"  // has custom.vip ("VIP")
        func label(_ names: [String]) async throws -> Result<UndoPlan, UndoPlan.Refusal> {
            let call = ToolCall(id: "l", name: "wix_contacts_label", arguments: JSONValue.object(["id": .string(contact), "labelKeys": .array(names.map(JSONValue.string))]).compactText)
            let model = ScriptedModel([[.toolCall(call)], [.textDelta("ok")]])
            let agent = await Self.agent(site, model, policy: .auto, interactive: false)
            let log = EventLog()
            await agent.runTurn("go", ask: ApprovalAsking.direct { _ in .approveOnce }, emit: log.append)
            let preview = log.events.lazy.compactMap { if case .toolProposed(_, _, _, _, _, _, let p, _) = $0 { p } else { nil } }.first
            let tool = try #require(site.fixture.catalog.tool(named: "wix_contacts_label"))
            return UndoPlan.plan(undoing: tool, arguments: try JSONValue.parse(call.arguments), before: preview?.record,
                                 response: log.outcomes.first?.response, in: site.fixture.catalog)
        }
        let nothing = try await label(["VIP"])
        let added = try await label(["VIP-Risk", "VIP"])
        await site.stop()
        guard case .failure(let refusal) = nothing else { Issue.record("undo of a label the contact had: \(nothing)"); return }
        #expect(refusal.description.contains("changed no labelKeys"), "\(refusal)")
        guard case .success(let plan) = added else { Issue.record("\(added)"); return }
        #expect(plan.tool.name == "wix_contacts_unlabel")
        #expect(plan.arguments["labelKeys"] == ["custom.vip-risk"], "by key, and only the label it added: \(plan.arguments)")
    }

    /// Row 6: the README's rule for a generic API tool, as written there, lets a query through
    /// and neither a delete whose query string mentions /query nor a path that climbs out of it.
    @Test func theReadmesGenericAPIRuleMatchesOnlyTheNormalizedPath() async throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let line = try #require(readme.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("when = {") && $0.contains("args.url") },
                                "the README has the rule")
        let when = line.trimmingCharacters(in: .whitespaces)
        let rules = try Self.rules("[[rules]]\ntool = \"CallWixSiteAPI\"\ndecision = \"allow\"\n" + when)
        let tool = ExtraSource.genericAPITool
        let gate = ApprovalGate(policy: .askWrites, rules: rules)
        func route(_ url: String) async -> ApprovalGate.Route {
            var request = ApprovalRequest(callID: "k", toolName: tool.name, access: .write, arguments: ["url": .string(url), "method": "POST"],
                                          requestLine: "", identity: tool.identity)
            request.urlArguments = tool.mcp?.urlArguments ?? []
            return await gate.routing(request).route
        }
        #expect(await route("https://www.wixapis.com/stores/v1/products/query") == .run(.rule))
        #expect(await route("https://www.wixapis.com/stores/v1/products/query?x=1") == .run(.rule))
        for hostile in ["https://www.wixapis.com/contacts/v4/bulk/contacts/delete?from=/query",
                        "https://www.wixapis.com/stores/v1/products/query/../delete",
                        "https://www.wixapis.com/stores/v1/products/query%2F..%2Fdelete",
                        "https://www.wixapis.com/stores/v1/products/delete#/stores/v1/products/query"] {
            #expect(await route(hostile) == .ask, "\(hostile)")
        }
    }

    /// Row 8: what cannot be judged never fails open.
    @Test func rulesAreCheckedInFullAndWhatCannotBeJudgedFailsClosed() throws {
        #expect(throws: ConfigError.self, "a misspelt path inside $or") {
            try Self.rules(#"[[rules]]\#ntool = "t"\#ndecision = "deny"\#nwhen = { "$or" = [{ "targte.total" = 1 }, { "args.x" = 2 }] }"#)
        }
        #expect(throws: ConfigError.self, "a misspelt path inside $not") {
            try Self.rules(#"[[rules]]\#ntool = "t"\#ndecision = "deny"\#nwhen = { "$not" = { "total" = 1 } }"#)
        }
        let gte = try ConditionalRule(index: 1, tool: "t", decision: "deny", when: ["target.number": ["$gte": 10000]])
        #expect(gte.evaluate(arguments: [:], target: ["number": "10005"]) == true, "a numeric string compares as a number")
        #expect(gte.evaluate(arguments: [:], target: ["number": "9999"]) == false, "as a number, not as text")
        #expect(gte.evaluate(arguments: [:], target: ["number": "ten"]) == nil, "a word against a number cannot be judged")
        #expect(gte.evaluate(arguments: [:], target: ["other": 1]) == nil, "a path the record lacks cannot be judged")
        let anyOf = try ConditionalRule(index: 2, tool: "t", decision: "deny", when: ["$or": [["target.a": 1], ["target.b": 2]]])
        #expect(anyOf.evaluate(arguments: [:], target: ["b": 2]) == true, "one true part decides an $or")
        #expect(anyOf.evaluate(arguments: [:], target: ["a": 3]) == nil)
        let notA = try ConditionalRule(index: 3, tool: "t", decision: "allow", when: ["$not": ["target.a": 1]])
        #expect(notA.evaluate(arguments: [:], target: [:]) == nil, "$not of the unknown is unknown, so an allow does not match")
    }

    /// Row 10: invisible characters are shown, and a payload cannot hide under a secret-looking key.
    @Test func invisibleCharactersAreShownVisibly() {
        #expect(TerminalText.safe("can\u{200B}cel\u{200D}\u{2060}\u{FEFF}") == "can\\u{200b}cel\\u{200d}\\u{2060}\\u{feff}")
    }

    /// Row 11: a data item's preview reads it from its collection, so target rules and undo work.
    @Test func aDataItemsPreviewSendsItsCollection() async throws {
        let site = try await WatchedSandbox.start()
        let items = await site.fixture.call("wix_data_items_query", ["dataCollectionId": "RealEstateListings", "limit": 1]).response
        let item = try #require(items["result"]?.arrayValue?.first)
        let id = try #require((item["id"] ?? item["_id"])?.stringValue)
        let call = ToolCall(id: "u", name: "update_a_wix_data_item_by_id",
                            arguments: #"{"id": "\#(id)", "dataCollectionId": "RealEstateListings", "data": {"price": 1}}"#)
        let model = ScriptedModel([[.toolCall(call)], [.textDelta("ok")]])
        let agent = await Self.agent(site, model, policy: .askWrites, interactive: true)
        let requests = Recorded()
        await agent.runTurn("go", ask: ApprovalAsking.direct { requests.add($0); return .reject(reason: nil) }, emit: { _ in })
        await site.stop()
        let preview = try #require(requests.all.first?.preview)
        #expect(preview.unavailable == nil && preview.record?["id"]?.stringValue == id, "\(preview.lines)")
        #expect(requests.all.first?.namingKeys == ["id", "dataCollectionId"])
    }
}

/// What the review of the binding found, one test each.
@Suite("Decision binding, reviewed", .serialized)
struct DecisionBindingReviewTests {
    /// Two keys naming two records name none: the preview never reads another record than the path's.
    @Test func aWriteNamingTwoRecordsNamesNone() async throws {
        let site = try await WatchedSandbox.start()
        await site.stop()
        let label = try #require(site.fixture.catalog.tool(named: "wix_contacts_label"))
        #expect(RecordReference.of(label, arguments: ["id": "A", "labelKeys": ["x"]], in: site.fixture.catalog)?.id == "A")
        #expect(RecordReference.of(label, arguments: ["id": "A", "contactId": "B", "labelKeys": ["x"]], in: site.fixture.catalog) == nil)
        #expect(RecordReference.of(label, arguments: ["id": "A", "contactId": "A", "labelKeys": ["x"]], in: site.fixture.catalog)?.id == "A")
    }

    @Test func urlsWhoseTargetCannotBeToldAreNotJudged() {
        for hostile in ["/sto\tres/v1/products/P1", "//www.wixapis.com/stores/v1", "/a/https://evil/b", "javascript:x://y", "/a\u{7F}b"] {
            #expect(RuleArguments.normalizedPath(hostile) == nil, "\(hostile.debugDescription)")
        }
        #expect(RuleArguments.normalizedPath("https://www.wixapis.com/a/./b/../c?next=https://x/y#z") == "/a/c")
    }

    @Test func whatDoesNotCompareIsUnknownForEqualityToo() throws {
        let rule = try ConditionalRule(index: 1, tool: "t", decision: "allow", when: ["target.paymentStatus": ["$ne": "PAID"]])
        #expect(rule.evaluate(arguments: [:], target: ["paymentStatus": ["state": "PAID"]]) == nil)
        #expect(rule.evaluate(arguments: [:], target: ["paymentStatus": "PENDING"]) == true)
        let any = try ConditionalRule(index: 2, tool: "t", decision: "deny", when: ["target.tags": ["$hasSome": ["vip"]]])
        #expect(any.evaluate(arguments: [:], target: ["tags": [["name": "vip"]]]) == nil)
    }

    @Test func aServerCannotNameItsToolIntoAnotherSourcesRule() {
        let spoof = ToolIdentity(source: "evil", remoteName: "sandbox:wix_orders_cancel", fingerprint: "f")
        #expect(!spoof.names(catalogName: "sandbox_wix_orders_cancel").contains("sandbox:wix_orders_cancel"))
        let renamedBack = ToolIdentity(source: "sandbox", remoteName: "wix_orders_delete", fingerprint: "f")
        #expect(renamedBack.names(catalogName: "wix_orders_delete").contains("sandbox__wix_orders_delete"),
                "a rule written for the collided name still covers the tool once the collision is gone")
    }

    /// The policy changes from auto to ask-writes while a batch decided by the policy runs: the
    /// writes not yet sent are decided again (and rejected here), not run on the old policy.
    @Test func aPolicyChangeMidBatchReachesTheWritesNotYetSent() async throws {
        let site = try await WatchedSandbox.start(latency: .milliseconds(400))
        let model = ScriptedModel([[
            .toolCall(ToolCall(id: "a", name: "create_a_wix_task", arguments: ApprovalIntegrityTests.task)),
            .toolCall(ToolCall(id: "b", name: "create_a_wix_task", arguments: ApprovalIntegrityTests.task)),
        ], [.textDelta("ok")]])
        let agent = await DecisionBindingTests.agent(site, model, policy: .auto, interactive: true)
        let gate = agent.gate
        let asked = Counter()
        await agent.runTurn("go", ask: ApprovalAsking.direct { _ in asked.add(); return .reject(reason: "not now") }) { event in
            if case .toolStateChanged(_, .running) = event { Task { await gate.setPolicy(.askWrites) } }
        }
        await site.stop()
        #expect(site.appliedWrites == 1, "the second write was decided again under ask-writes")
        #expect(asked.value == 1)
    }

    /// A grant is restored for the tool its decision was made on, even when the call was revised after.
    @Test func aGrantIsStoredWithTheToolItsDecisionSaw() throws {
        let store = try TemporaryStore()
        let first = ToolIdentity(source: "a", remoteName: "x", fingerprint: "1")
        let second = ToolIdentity(source: "b", remoteName: "x", fingerprint: "2")
        store.recorder.record(.toolProposed(callID: "k", providerCallID: nil, toolName: "x", access: .write, arguments: [:], requestLine: nil, identity: first))
        store.recorder.record(.approvalDecided(callID: "k", approved: true, decidedBy: .user, reason: nil, arguments: [:], grants: true))
        store.recorder.record(.callRevised(callID: "k", access: .write, requestLine: "", preview: nil, identity: second, changes: ["the tool changed"]))
        store.recorder.record(.approvalDecided(callID: "k", approved: false, decidedBy: .user, reason: nil, arguments: [:]))
        let grants = try SessionArchive(database: store.database).grants(sessionID: store.recorder.sessionID)
        #expect(grants.map(\.identity) == [first], "never the tool the call was revised to, which nobody granted")
    }
}

/// A second tool source whose tools a test sets (and changes, for reloads).
final class ExtraSource: ToolSource, @unchecked Sendable {
    private let lock = NSLock()
    private var _tools: [Tool]
    var tools: [Tool] {
        get { lock.withLock { _tools } }
        set { lock.withLock { _tools = newValue } }
    }

    init(tools: [Tool]) { _tools = tools }

    var name: String { "extra" }
    var label: String { "extra" }
    func loadTools() async throws(CatalogError) -> [Tool] { tools }
    func requestLine(_ tool: Tool, arguments: [String: JSONValue]) -> String { "tools/call \(tool.name)" }
    func run(_ tool: Tool, arguments: [String: JSONValue], callID: String, emit: @escaping @Sendable (AgentEvent) -> Void) async -> ToolOutcome {
        ToolOutcome(status: 200, latencyMs: 1, response: ["ran": true], isError: false, summary: "200 OK")
    }
    func close() async {}

    /// An MCP-style write tool named `name` at `source`.
    static func tool(_ name: String, source: String = "extra") -> Tool {
        var tool = Tool(name: name, description: "A write.", kind: .mcp(MCPToolTraits(inputSchema: ["type": "object", "properties": ["id": ["type": "string"]]])))
        tool.source = source
        return tool
    }

    /// A generic API tool like Wix's `CallWixSiteAPI`.
    static var genericAPITool: Tool {
        var tool = Tool(name: "CallWixSiteAPI", description: "Calls any Wix API.", kind: .mcp(MCPToolTraits(inputSchema: ["type": "object", "properties": ["url": ["type": "string"], "method": ["type": "string"], "body": ["type": "object"]]])))
        tool.source = "wix"
        return tool
    }
}

extension EventLog {
    /// The reasons of the decisions that refused a call, in order.
    var refusals: [String] {
        events.compactMap { if case .approvalDecided(_, false, _, let reason, _, _, _) = $0 { reason } else { nil } }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}

final class Recorded: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ApprovalRequest] = []
    func add(_ request: ApprovalRequest) { lock.withLock { items.append(request) } }
    var all: [ApprovalRequest] { lock.withLock { items } }
    var count: Int { lock.withLock { items.count } }
}
