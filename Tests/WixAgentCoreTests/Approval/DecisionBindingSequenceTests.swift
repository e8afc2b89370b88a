import Foundation
import Testing
import TestSupport
@testable import WixAgentCore

/// Generated sequences of batches, edits, reloads that rename tools, grants and restores, against
/// the sandbox over HTTP. After every step: no write ran whose tool, arguments or record differed
/// from what its decision saw.
@Suite("Decision binding under generated sequences", .serialized)
struct DecisionBindingSequenceTests {
    @Test(arguments: [11, 23, 37, 41, 53] as [UInt64])
    func noWriteRunsOnAnotherPictureThanItsDecisions(seed: UInt64) async throws {
        var random = SeededRandom(seed)
        let site = try await WatchedSandbox.start()
        let tasks = (await site.fixture.call("list_all_wix_tasks", ["limit": 6]).response["result"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
        try #require(tasks.count >= 3)
        let extra = ExtraSource(tools: [])
        let rules = try DecisionBindingTests.rules(DecisionBindingTests.openTasksOnly + """
            [[rules]]
            tool = "update_a_wix_task_by_id"
            decision = "deny"
            when = { "target.priority" = "LOW" }
            """)
        let model = ScriptedModel([])
        let agent = await DecisionBindingTests.agent(site, model, policy: .askWrites, rules: rules, interactive: true, extra: extra)
        let log = EventLog()
        for step in 0..<12 {
            switch random.next(upperBound: 6) {
            case 0:
                // A reload that brings (or takes away) another source's tool of the same name.
                extra.tools = extra.tools.isEmpty ? [ExtraSource.tool("update_a_wix_task_by_id")] : []
                _ = await agent.reloadCatalog()
            case 1:
                let catalog = await agent.catalog
                let updates = catalog.tools.filter { $0.name.hasSuffix("update_a_wix_task_by_id") }
                if !updates.isEmpty {
                    let tool = updates[random.next(upperBound: updates.count)]
                    agent.gate.ledger.apply(.grantsRestored([Grant(tool: tool.name, at: Date(), afterCall: "g\(step)", access: .write, identity: tool.identity)]))
                }
            default:
                let catalog = await agent.catalog
                let names = catalog.tools.map(\.name).filter { $0.hasSuffix("update_a_wix_task_by_id") }
                let calls = (0..<(1 + random.next(upperBound: 3))).map { index -> ModelEvent in
                    let field = random.next(upperBound: 2) == 0
                        ? #""status": "\#(["COMPLETED", "ACTION_NEEDED"][random.next(upperBound: 2)])""#
                        : #""priority": "\#(["LOW", "HIGH", "MEDIUM"][random.next(upperBound: 3)])""#
                    let name = names[random.next(upperBound: names.count)]
                    return .toolCall(ToolCall(id: "s\(step)-\(index)", name: name, arguments: #"{"id": "\#(tasks[random.next(upperBound: 3)])", \#(field)}"#))
                }
                model.enqueue([calls, [.textDelta("ok")]])
                let answers = (0..<8).map { _ in random.next(upperBound: 5) }
                let asked = Counter()
                let other = tasks[random.next(upperBound: 3)]
                await agent.runTurn("step \(step)", ask: ApprovalAsking.direct { request in
                    asked.add()
                    switch answers[min(asked.value - 1, 7)] {
                    case 0: return .reject(reason: nil)
                    case 1: return .approveToolForSession
                    case 2:
                        var edited = request.arguments.objectValue ?? [:]
                        edited["id"] = .string(other)
                        return .editAndApprove(.object(edited))
                    default: return .approveOnce
                    }
                }, emit: log.append)
            }
            let violations = Self.violations(log.events)
            #expect(violations.isEmpty, "seed \(seed) step \(step): \(violations)")
            if !violations.isEmpty { break }
        }
        await site.stop()
    }

    /// Every write that ran on a picture its decision did not see: another record than the one
    /// last read for it, a record another call changed (in a field shown or tested) since that
    /// read, or a tool of another source.
    static func violations(_ events: [AgentEvent]) -> [String] {
        var problems: [String] = []
        var seen: [String: (index: Int, record: String?, state: JSONValue?, source: String)] = [:]
        var decided: [String: JSONValue] = [:]
        var writes: [(index: Int, record: String, state: JSONValue?)] = []
        for (index, event) in events.enumerated() {
            switch event {
            case .toolProposed(let id, _, _, _, _, _, let preview, let identity):
                seen[id] = (index, preview?.readArguments?["id"]?.stringValue, preview?.record, identity?.source ?? "")
            case .callRevised(let id, _, _, let preview, let identity, _):
                seen[id] = (index, preview?.readArguments?["id"]?.stringValue, preview?.record, identity.source)
            case .approvalDecided(let id, true, _, _, let arguments, _, _):
                decided[id] = arguments
            case .toolFinished(let id, let outcome) where outcome.status.map({ (200..<300).contains($0) }) == true:
                guard let arguments = decided[id], let look = seen[id] else { problems.append("\(id) ran without a decision"); continue }
                let ranOn = outcome.response["ran"] == true ? "extra" : "sandbox"
                if look.source != ranOn { problems.append("\(id) was decided for a tool of \(look.source) and ran on \(ranOn)") }
                guard ranOn == "sandbox", let record = arguments["id"]?.stringValue else { continue }
                if look.record != record { problems.append("\(id) ran on \(record) but its decision saw \(look.record ?? "no record")") }
                if let other = writes.last(where: { $0.record == record && $0.index > look.index }), let before = look.state, let after = other.state {
                    let paths = RecordChange.watchedPaths(in: before, argumentKeys: arguments.objectValue?.keys ?? [:].keys, rulePaths: ["status", "priority"])
                    let changed = RecordChange.lines(from: before, to: after, paths: paths)
                    if !changed.isEmpty { problems.append("\(id) ran on \(record) after a write at event \(other.index) changed \(changed) since its decision's read at \(look.index)") }
                }
                writes.append((index, record, RecordBody.unwrap(outcome.response)))
            default: break
            }
        }
        return problems
    }
}
