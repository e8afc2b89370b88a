import Foundation
import Testing
import TestSupport
import TOMLKit
import WixSandbox
@testable import WixAgentCore

/// `[[rules]]` with conditions on the arguments and on the record a write touches.
@Suite("Conditional rules", .serialized)
struct ConditionalRuleTests {
    static let config = """
        [[rules]]
        tool = "wix_orders_cancel"
        decision = "allow"
        when = { "target.priceSummary.total" = { "$lt" = 50 } }

        [[rules]]
        tool = "wix_contacts_label"
        decision = "allow"
        when = { args.labelKeys = { "$hasAll" = ["VIP-Risk"] } }
        """

    static func rules(_ toml: String) throws -> ToolRules {
        let file = try TOMLDecoder().decode(ConfigFile.self, from: toml)
        return try Settings.resolve(flags: CommandLineSettings(), environment: [:], file: file).rules
    }

    @Test func rulesParseWithQuotedOrBareDottedKeys() throws {
        let rules = try Self.rules(Self.config)
        #expect(rules.conditional.map(\.index) == [1, 2])
        #expect(rules.conditional[0].when == #"{"target.priceSummary.total":{"$lt":50}}"#)
        #expect(rules.conditional[1].when == #"{"args.labelKeys":{"$hasAll":["VIP-Risk"]}}"#)
        #expect(rules.conditional[0].evaluate(arguments: [:], target: ["priceSummary": ["total": 45.74]]) == true)
        #expect(rules.conditional[0].evaluate(arguments: [:], target: ["priceSummary": ["total": 552.92]]) == false)
        #expect(rules.conditional[0].evaluate(arguments: [:], target: nil) == nil, "target conditions cannot be judged without a preview")
    }

    @Test(arguments: [
        (#"decision = "maybe""#, "rule 1 (wix_orders_cancel): unknown decision \"maybe\""),
        (#"decision = "allow"\#nwhen = { "target.total" = { "$like" = 5 } }"#, "rule 1 (wix_orders_cancel): Malformed filter: unknown operator $like"),
        (#"decision = "deny"\#nwhen = { "total" = 5 }"#, "rule 1 (wix_orders_cancel): condition total must start with args."),
    ])
    func aBrokenRuleIsOneLineNamingIt(body: String, line: String) {
        #expect(throws: ConfigError.self) { try Self.rules("[[rules]]\ntool = \"wix_orders_cancel\"\n" + body) }
        do {
            _ = try Self.rules("[[rules]]\ntool = \"wix_orders_cancel\"\n" + body)
        } catch {
            #expect(String(describing: error).hasPrefix(line), "\(error)")
        }
    }

    @Test func aCheapCancelIsAllowedByTheRuleAndADearOneAsks() async throws {
        let site = try await WatchedSandbox.start()
        let cheap = WorkflowFixtures.smallOpenOrderID
        let dear = WorkflowFixtures.largeOpenOrderID
        for (id, check) in [(cheap, { (total: Double) in total < 50 }), (dear, { (total: Double) in total > 300 })] {
            let order = RecordBody.unwrap(await site.fixture.call("get_single_wix_order_by_id", ["id": .string(id)]).response)
            #expect(order?["priceSummary"]?["total"]?.doubleValue.map(check) == true, "order \(id): \(order?["priceSummary"]?.compactText ?? "none")")
        }
        let rules = try Self.rules(Self.config)
        let model = ScriptedModel([
            [.toolCall(ToolCall(id: "a", name: "wix_orders_cancel", arguments: #"{"id": "\#(cheap)"}"#)),
             .toolCall(ToolCall(id: "b", name: "wix_orders_cancel", arguments: #"{"id": "\#(dear)"}"#))],
            [.textDelta("done")],
        ])
        let asked = Asked()
        let log = EventLog()
        await site.fixture.agent(model: model, rules: rules, interactive: true)
            .runTurn("cancel both", ask: ApprovalAsking.direct { request in asked.set(request); return .reject(reason: "too big") }, emit: log.append)
        await site.stop()
        #expect(site.appliedWrites == 1, "only the $40-something order was cancelled")
        let decisions = log.events.compactMap { event -> (Bool, DecisionSource, RuleReference?)? in
            if case .approvalDecided(_, let approved, let by, _, _, let rule, _) = event { (approved, by, rule) } else { nil }
        }
        #expect(decisions.count == 2)
        #expect(decisions[0].0 && decisions[0].1 == .rule && decisions[0].2 == RuleReference(index: 1, when: #"{"target.priceSummary.total":{"$lt":50}}"#))
        #expect(!decisions[1].0 && decisions[1].1 == .user && decisions[1].2 == nil)
        #expect(asked.request?.arguments["id"]?.stringValue == dear, "the person was asked about the dear one only")
    }

    @Test func aTargetPathInsideOrIsStillATargetCondition() throws {
        let rule = try ConditionalRule(index: 1, tool: "t", decision: "deny", when: ["$or": [["target.total": ["$gt": 1]], ["args.n": 2]]])
        #expect(rule.evaluate(arguments: [:], target: nil) == nil)
        let argsOnly = try ConditionalRule(index: 2, tool: "t", decision: "deny", when: ["args.note": "target.total"])
        #expect(argsOnly.evaluate(arguments: [:], target: nil) == false, "a value that reads like a target path is not one")
    }

    @Test func denyBeatsAskBeatsAllowAmongMatchingRules() async {
        let deny = try! ConditionalRule(index: 2, tool: "t", decision: "deny", when: ["args.n": ["$gt": 10]])
        let ask = try! ConditionalRule(index: 3, tool: "t", decision: "ask", when: ["args.n": ["$gt": 5]])
        let allow = try! ConditionalRule(index: 1, tool: "t", decision: "allow", when: nil)
        let gate = ApprovalGate(policy: .askWrites, rules: ToolRules(conditional: [allow, ask, deny]))
        func route(_ n: Int) async -> (ApprovalGate.Route, RuleReference?) {
            await gate.routing(ApprovalRequest(callID: "k", toolName: "t", access: .write, arguments: ["n": .number(Double(n))], requestLine: ""))
        }
        #expect(await route(1) == (.run(.rule), allow.reference))
        #expect(await route(7) == (.ask, ask.reference))
        guard case (.refuse(.rule, let why), deny.reference) = await route(11) else { Issue.record("rule 2 must deny"); return }
        #expect(why.contains("rule 2"))
    }
}
