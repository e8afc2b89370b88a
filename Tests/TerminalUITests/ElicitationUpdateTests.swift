import Testing
import WixAgentCore
@testable import TerminalUI

/// An MCP server's form on the off-screen buffer: typed fields, the guard time, checks, and the
/// three ways out.
@Suite struct ElicitationUpdateTests {
    static let request = ElicitationRequest(source: "peer", message: "Confirm booking b7?", schema: [
        "type": "object", "required": ["note"],
        "properties": [
            "note": ["type": "string", "title": "Note"],
            "notify": ["type": "boolean", "title": "Notify the customer"],
            "seats": ["type": "integer", "title": "Seats", "default": 2],
            "tier": ["type": "string", "enum": ["gold", "silver"]],
        ],
    ])

    /// A form that was drawn a second before `t0` (so Enter at `t0` counts), unless `seen` is false.
    private func asked(seen: Bool = true) -> AppState {
        var s = Fixtures.state()
        Fixtures.send([.elicitationNeeded(id: 7, Self.request)], to: &s)
        if seen { Fixtures.send([.elicitationDrawn], to: &s, at: Fixtures.t0.addingTimeInterval(-1)) }
        return s
    }

    @Test func theFormShowsWhoAsksWhyAndEveryField() {
        let text = Fixtures.render(asked()).text
        #expect(text.contains("peer asks"))
        #expect(text.contains("Confirm booking b7?"))
        #expect(text.contains("Note * (string)"))
        #expect(text.contains("Notify the customer (boolean)"))
        #expect(text.contains("tier (gold|silver)"))
        #expect(text.contains("Ctrl-D decline"))
    }

    @Test func typedFieldsAreSentAsTheirJSONTypes() {
        var s = asked()
        // Fields are in key order: note, notify, seats, tier.
        Fixtures.type("all set", into: &s)
        Fixtures.send([.key(.down)], to: &s)
        Fixtures.type("yes", into: &s)
        Fixtures.send([.key(.tab), .key(.backspace)], to: &s)
        Fixtures.type("3", into: &s)
        Fixtures.send([.key(.down)], to: &s)
        Fixtures.type("gold", into: &s)
        let commands = Fixtures.send([.key(.enter)], to: &s)
        #expect(commands == [.answerElicitation(id: 7, ElicitationAnswer(action: .accept, content: ["note": "all set", "notify": true, "seats": 3, "tier": "gold"]))])
        #expect(s.elicitations.isEmpty)
    }

    @Test func aFieldThatIsNotRightIsNamedAndNothingIsSent() {
        var s = asked()
        #expect(Fixtures.send([.key(.enter)], to: &s).isEmpty)
        #expect(s.elicitations.first?.problem == "Note is required")
        #expect(Fixtures.render(s).text.contains("Note is required"))
        Fixtures.type("ok", into: &s)
        Fixtures.send([.key(.down)], to: &s)
        Fixtures.type("maybe", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s).isEmpty)
        #expect(s.elicitations.first?.problem == "Notify the customer must be yes or no")
        Fixtures.send([.key(.down), .key(.backspace)], to: &s)
        Fixtures.type("2.5", into: &s)
        Fixtures.send([.key(.up)], to: &s)
        for _ in 0..<5 { Fixtures.send([.key(.backspace)], to: &s) }
        #expect(Fixtures.send([.key(.enter)], to: &s).isEmpty)
        #expect(s.elicitations.first?.problem == "Seats must be a whole number")
    }

    @Test func enterBeforeTheFormWasDrawnOrWithinTheGuardDecidesNothing() {
        var s = asked(seen: false)
        Fixtures.type("x", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s).isEmpty)
        Fixtures.send([.elicitationDrawn], to: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s).isEmpty, "within a quarter second of drawing")
        #expect(Fixtures.send([.key(.enter)], to: &s, at: Fixtures.t0.addingTimeInterval(0.3)).count == 1)
    }

    @Test func ctrlDDeclinesEscAndAltCancelAndAPasteNeverSends() {
        var s = asked()
        #expect(Fixtures.send([.key(.paste("ok\n"))], to: &s).isEmpty)
        #expect(s.elicitations.first?.texts.first?.text == "ok ")
        #expect(Fixtures.send([.key(.ctrl("d"))], to: &s) == [.answerElicitation(id: 7, .decline)])
        var t = asked()
        #expect(Fixtures.send([.key(.escape)], to: &t) == [.answerElicitation(id: 7, ElicitationAnswer(action: .cancel))])
        var u = asked()
        #expect(Fixtures.send([.key(.alt("y"))], to: &u) == [.answerElicitation(id: 7, ElicitationAnswer(action: .cancel))])
        #expect(Fixtures.render(u).text.contains("Form from peer cancelled."))
    }

    /// A dialog the form covered waits out the guard again once the form is gone: a `y` typed
    /// just after sending the form approves nothing.
    @Test func theApprovalGuardStartsAgainWhenTheFormGoes() {
        var s = Fixtures.state()
        Fixtures.propose("c1", into: &s)
        Fixtures.send([.elicitationNeeded(id: 1, Self.request), .elicitationDrawn], to: &s, at: Fixtures.t0.addingTimeInterval(-1))
        Fixtures.type("ok", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s).count == 1)
        #expect(Fixtures.send([.key(.char("y"))], to: &s).isEmpty)
        #expect(s.approvals.count == 1)
        Fixtures.send([.approvalDrawn], to: &s)
        #expect(Fixtures.send([.key(.char("y"))], to: &s, at: Fixtures.t0.addingTimeInterval(0.3)) == [.answer(callID: "c1", .approveOnce)])
    }

    @Test func theFormComesBeforeAnApprovalAndKeysGoToIt() {
        var s = Fixtures.state()
        Fixtures.propose("c1", into: &s)
        Fixtures.send([.elicitationNeeded(id: 1, Self.request), .elicitationDrawn], to: &s, at: Fixtures.t0.addingTimeInterval(-1))
        #expect(Fixtures.type("y", into: &s).isEmpty)
        #expect(s.approvals.count == 1, "a y typed into the form is no approval")
        #expect(s.elicitations.first?.texts.first?.text == "y")
        #expect(Fixtures.render(s).text.contains("peer asks"))
    }
}

/// The dialog of an MCP write that may destroy: the warning, and still every key and argument.
@Suite struct MCPApprovalRenderTests {
    @Test func theDestructiveLineTakesARowOfItsOwnAndTheKeysStayOnScreen() {
        var s = Fixtures.state()
        var request = Fixtures.approval("c1")
        request.destruction = "It may be destructive: the server does not say otherwise."
        request.identity = ToolIdentity(source: "peer", remoteName: request.toolName, fingerprint: "f")
        Fixtures.send([.agent(.turnStarted(userText: "go")),
                       .agent(.toolProposed(callID: "c1", providerCallID: nil, toolName: request.toolName, access: .write, arguments: request.arguments,
                                            requestLine: "tools/call wix_orders_cancel on MCP source peer", identity: request.identity)),
                       .agent(.approvalNeeded(request))], to: &s)
        let text = Fixtures.render(s).text
        #expect(text.contains("It may be destructive: the server does not say otherwise."))
        #expect(text.contains("y approve once"))
        #expect(text.contains(#""orderId": "o-1""#))
        #expect(!text.contains("more line(s)"))
    }
}
