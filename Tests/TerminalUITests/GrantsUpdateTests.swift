import Foundation
import Testing
import WixAgentCore
@testable import TerminalUI

/// `/grants`: see and revoke "approve this tool for the session".
@Suite struct GrantsUpdateTests {
    @Test func aGrantIsListedCountedAndRevocable() {
        var s = Fixtures.state()
        Fixtures.propose("c1", into: &s)
        #expect(Fixtures.send([.key(.char("a"))], to: &s) == [.answer(callID: "c1", .approveToolForSession)])
        Fixtures.send([.agent(.approvalDecided(callID: "c1", approved: true, decidedBy: .user, reason: nil, arguments: ["orderId": "o-1"], grants: true))], to: &s)
        #expect(s.grants.map(\.tool) == ["wix_orders_cancel"])
        #expect(Fixtures.render(s).text.contains("1 grant"))
        Fixtures.send([.agent(.finished(answer: "ok"))], to: &s)
        Fixtures.type("/grants", into: &s)
        Fixtures.send([.key(.enter)], to: &s)
        #expect(s.overlay == .grants(selected: 0))
        let shown = Fixtures.render(s).text
        #expect(shown.contains("Grants (1)") && shown.contains("wix_orders_cancel") && shown.contains("after call 1"), "\(shown)")
        #expect(Fixtures.send([.key(.char("d"))], to: &s) == [.revokeGrant("wix_orders_cancel")])
        #expect(s.grants.isEmpty && !Fixtures.render(s).text.contains("1 grant"))
        #expect(Fixtures.send([.key(.delete)], to: &s).isEmpty, "nothing left to revoke")
    }

    @Test func aGrantTheProgramEndedLeavesTheListWithANotice() {
        var s = Fixtures.state()
        s.fold(.grantsRestored([Grant(tool: "send_note", at: Fixtures.t0, afterCall: "c1")]))
        Fixtures.send([.agent(.grantRevoked(tool: "send_note"))], to: &s)
        #expect(s.grants.isEmpty)
        #expect(s.entries.last?.text == "The grant for send_note ended: its tool changed.")
        #expect(!Fixtures.render(s).text.contains("1 grant"))
    }

    @Test func aResumedSessionsGrantsAreOfferedNotGiven() {
        var s = Fixtures.state()
        let grant = Grant(tool: "wix_orders_cancel", at: Fixtures.t0, afterCall: "call-old", identity: Fixtures.writeTool.identity)
        let earlier = LedgerCall(callID: "call-old", providerCallID: nil, toolName: "wix_orders_cancel", access: .write,
                                 identity: Fixtures.writeTool.identity, arguments: ["orderId": "o-1"], requestLine: nil, preview: nil)
        Fixtures.send([.ledgerResumed(CallLedger(calls: [earlier], grants: [grant]))], to: &s)
        #expect(s.grants.isEmpty && s.offeredGrants == [grant])
        #expect(s.calls.map(\.callID) == ["call-old"] && s.callNumber("call-old") == 1, "the session's calls are the inspector's again")
        #expect(s.entries.last?.text.contains("/grants restore") == true)
        Fixtures.type("/grants restore", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s) == [.restoreGrants([grant])])
        #expect(s.grants == [grant] && s.offeredGrants.isEmpty)
    }
}
