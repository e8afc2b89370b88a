import Testing
@testable import WixAgentCore

@Suite("Approval gate")
struct ApprovalGateTests {
    func request(_ name: String, _ access: ToolAccess) -> ApprovalRequest {
        ApprovalRequest(callID: "c1", toolName: name, access: access, arguments: ["id": "1"], requestLine: "POST /x")
    }

    @Test func policiesRouteReadsAndWrites() async {
        #expect(await ApprovalGate(policy: .askWrites).route(toolName: "r", access: .read) == .run(.policy))
        #expect(await ApprovalGate(policy: .askWrites).route(toolName: "w", access: .write) == .ask)
        #expect(await ApprovalGate(policy: .askAll).route(toolName: "r", access: .read) == .ask)
        #expect(await ApprovalGate(policy: .auto).route(toolName: "w", access: .write) == .run(.policy))
        if case .refuse(.policy, _) = await ApprovalGate(policy: .readOnly).route(toolName: "w", access: .write) {} else {
            Issue.record("read-only must refuse writes")
        }
    }

    @Test func denyBeatsAskBeatsAllow() async {
        let gate = ApprovalGate(policy: .auto, rules: ToolRules(allow: ["a", "b", "c"], ask: ["b", "c"], deny: ["c"]))
        #expect(await gate.route(toolName: "a", access: .write) == .run(.rule))
        #expect(await gate.route(toolName: "b", access: .read) == .ask)
        if case .refuse(.rule, _) = await gate.route(toolName: "c", access: .read) {} else { Issue.record("deny must win") }
    }

    @Test func approveForSessionStopsAskingForThatTool() async {
        let gate = ApprovalGate(policy: .askWrites)
        let first = await gate.decide(request("wix_orders_cancel", .write)) { _, _ in .approveToolForSession }
        #expect(first.approved && first.decidedBy == .user && first.decision == .approveToolForSession)
        // The decision's event gives the grant once the store has it.
        gate.ledger.apply(.toolProposed(callID: "c1", providerCallID: nil, toolName: "wix_orders_cancel", access: .write, arguments: [:],
                                        requestLine: nil, identity: request("wix_orders_cancel", .write).identity))
        gate.ledger.apply(.approvalDecided(callID: "c1", approved: true, decidedBy: .user, reason: nil, arguments: [:], grants: true))
        let second = await gate.decide(request("wix_orders_cancel", .write)) { _, _ in
            Issue.record("must not ask again")
            return .reject(reason: nil)
        }
        #expect(second.approved && second.decidedBy == .grant)
        #expect(await gate.route(toolName: "create_a_wix_order", access: .write) == .ask)
    }

    @Test func editedArgumentsAndReasonsComeBack() async {
        let gate = ApprovalGate(policy: .askAll)
        let edited = await gate.decide(request("t", .write)) { _, _ in .editAndApprove(["id": "2"]) }
        #expect(edited.approved && edited.arguments == ["id": "2"])
        let rejected = await gate.decide(request("t", .write)) { _, _ in .reject(reason: "wrong order") }
        #expect(!rejected.approved && rejected.reason == "wrong order" && rejected.decidedBy == .user)
    }

    @Test func nonInteractiveRefusesWhatWouldAskAndNamesTheFlags() async {
        let gate = ApprovalGate(policy: .askWrites, interactive: false)
        guard case .refuse(.policy, let why) = await gate.route(toolName: "wix_orders_cancel", access: .write) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(why.contains("--allow wix_orders_cancel") && why.contains("--approval"))
    }

    @Test func anAnswerForACallThatIsNotWaitingIsDropped() async {
        let inbox = ApprovalInbox()
        // An early (or stale) answer must not pre-approve the call when it is asked about.
        #expect(await inbox.answer(callID: "c1", with: .approveOnce) == false)
        let asked = Task { await inbox.wait(for: request("t", .write)) }
        while await !inbox.isWaiting("c1") { await Task.yield() }
        #expect(await inbox.answer(callID: "c1", with: .reject(reason: "no")))
        #expect(await asked.value == .reject(reason: "no"))
    }
}
