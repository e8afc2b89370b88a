import Testing
import WixAgentCore
@testable import TerminalUI

@Suite struct ApprovalUpdateTests {
    private func waiting(_ ids: [String]) -> AppState {
        var s = Fixtures.state()
        for id in ids { Fixtures.propose(id, into: &s) }
        return s
    }

    @Test func yApprovesOnce() {
        var s = waiting(["c1"])
        #expect(Fixtures.send([.key(.char("y"))], to: &s) == [.answer(callID: "c1", .approveOnce)])
        #expect(s.approvals.isEmpty)
    }

    @Test func pastedTextNeverDecides() {
        var s = waiting(["c1"])
        #expect(Fixtures.send([.key(.paste("yes"))], to: &s).isEmpty)
        #expect(s.approvals.count == 1, "a paste that starts with y is not a keypress")
    }

    @Test func aApprovesTheToolForTheSession() {
        var s = waiting(["c1"])
        #expect(Fixtures.send([.key(.char("a"))], to: &s) == [.answer(callID: "c1", .approveToolForSession)])
    }

    @Test func nRejects() {
        var s = waiting(["c1"])
        #expect(Fixtures.send([.key(.char("n"))], to: &s) == [.answer(callID: "c1", .reject(reason: nil))])
    }

    @Test func rRejectsWithATypedReasonAndEscGoesBack() {
        var s = waiting(["c1"])
        Fixtures.send([.key(.char("r"))], to: &s)
        Fixtures.type("not today", into: &s)
        #expect(Fixtures.render(s).text.contains("reason: not today"))
        Fixtures.send([.key(.escape)], to: &s)
        #expect(s.approvalDialog == .choosing)
        Fixtures.send([.key(.char("r"))], to: &s)
        Fixtures.type("too late", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s) == [.answer(callID: "c1", .reject(reason: "too late"))])
    }

    @Test func eEditsAndValidatesBeforeApproving() {
        var s = waiting(["c1"])
        Fixtures.send([.key(.char("e"))], to: &s)
        guard case .editing(let editor, nil) = s.approvalDialog else { Issue.record("not editing"); return }
        #expect(editor.text == "{\n  \"orderId\": \"o-1\"\n}")
        // Replace the arguments with ones the schema refuses: unknown key, missing orderId.
        var bad = editor
        bad.setText("{\"order\": 5}")
        s.approvalDialog = .editing(bad, error: nil)
        #expect(Fixtures.send([.key(.ctrl("s"))], to: &s).isEmpty)
        guard case .editing(_, let error?) = s.approvalDialog else { Issue.record("no error"); return }
        #expect(error.contains("orderId: is required"))
        #expect(Fixtures.render(s).text.contains("orderId: is required"))
        var broken = editor
        broken.setText("{not json")
        s.approvalDialog = .editing(broken, error: nil)
        Fixtures.send([.key(.function(10))], to: &s)
        #expect(s.approvalDialog == .editing(broken, error: "Not valid JSON. Fix it, then press Ctrl-S."))
        var good = editor
        good.setText("{\"orderId\": \"o-2\", \"reason\": \"dup\"}")
        s.approvalDialog = .editing(good, error: nil)
        #expect(Fixtures.send([.key(.ctrl("s"))], to: &s) == [.answer(callID: "c1", .editAndApprove(["orderId": "o-2", "reason": "dup"]))])
    }

    @Test func editorKeysTypeIntoTheJSON() {
        var s = waiting(["c1"])
        Fixtures.send([.key(.char("e")), .key(.up), .key(.home)], to: &s)
        Fixtures.type("  \"reason\": \"x\",", into: &s)
        Fixtures.send([.key(.enter)], to: &s)
        #expect(Fixtures.send([.key(.ctrl("s"))], to: &s) == [.answer(callID: "c1", .editAndApprove(["orderId": "o-1", "reason": "x"]))])
    }

    @Test func severalCallsQueueInOrder() {
        var s = waiting(["c1", "c2", "c3"])
        let list = Fixtures.render(s).text
        #expect(list.contains("Approve tool calls? 3 writes proposed") && list.contains("› wix_orders_cancel"), "\(list)")
        #expect(Fixtures.render(s).text.contains("3 pending approvals"))
        #expect(Fixtures.send([.key(.char("y"))], to: &s) == [.answer(callID: "c1", .approveOnce)])
        // The next call's dialog has not been drawn yet: a key decides nothing until it is.
        #expect(Fixtures.send([.key(.char("n"))], to: &s).isEmpty)
        Fixtures.look(at: &s)
        #expect(Fixtures.send([.key(.char("n"))], to: &s) == [.answer(callID: "c2", .reject(reason: nil))])
        Fixtures.look(at: &s)
        #expect(Fixtures.send([.key(.char("a"))], to: &s) == [.answer(callID: "c3", .approveToolForSession)])
        #expect(Fixtures.send([.key(.char("y"))], to: &s).isEmpty)
    }

    @Test func aCallThatArrivesLaterNeverChangesWhichCallTheKeysAnswer() {
        var s = Fixtures.state()
        // c0 is proposed first (call 1), c1 second; c1's question arrives first.
        let first = Fixtures.approval("c0")
        Fixtures.send([.agent(.turnStarted(userText: "go")),
                       .agent(.toolProposed(callID: "c0", providerCallID: nil, toolName: first.toolName, access: first.access, arguments: first.arguments, requestLine: first.requestLine))], to: &s)
        Fixtures.propose("c1", into: &s)
        Fixtures.send([.key(.char("e"))], to: &s)
        Fixtures.send([.agent(.approvalNeeded(first))], to: &s)
        #expect(s.approvals.map(\.callID) == ["c0", "c1"], "listed in the model's order")
        let commands = Fixtures.send([.key(.ctrl("s"))], to: &s)
        #expect(commands.count == 1 && commands.allSatisfy { if case .answer("c1", _) = $0 { true } else { false } }, "the edit answers the call it was opened for: \(commands)")
        #expect(Fixtures.send([.key(.char("Y"))], to: &s).isEmpty, "the changed list must be seen before Y counts")
    }

    @Test func yAndNDecideOnlyABatchThatIsWhollyOnScreen() {
        var s = Fixtures.state(80, 20)
        for i in 0..<12 { Fixtures.propose("b\(i)", into: &s) }
        #expect(Fixtures.send([.key(.char("Y"))], to: &s).isEmpty, "items are off screen")
        #expect(s.approvals.count == 12 && s.entries.last?.text.contains("not all fit on screen") == true)
        #expect(Fixtures.render(s).text.contains("below: ↑↓ to see them"))
        #expect(Fixtures.send([.key(.char("y"))], to: &s) == [.answer(callID: "b0", .approveOnce)], "one by one still works")
    }

    @Test func aBatchIsDecidedItemByItemOrAllAtOnce() {
        var s = waiting(["c1", "c2", "c3"])
        #expect(Fixtures.send([.key(.down)], to: &s).isEmpty)
        #expect(s.approvalSelected == 1)
        #expect(Fixtures.send([.key(.char("y"))], to: &s).isEmpty, "the newly selected item has not been seen yet")
        Fixtures.look(at: &s)
        #expect(Fixtures.send([.key(.char("y"))], to: &s) == [.answer(callID: "c2", .approveOnce)], "y decides the selected item")
        Fixtures.look(at: &s)
        #expect(Fixtures.send([.key(.char("N"))], to: &s) == [.answer(callID: "c1", .reject(reason: nil)), .answer(callID: "c3", .reject(reason: nil))])
        #expect(s.approvals.isEmpty)
        var t = waiting(["d1", "d2"])
        #expect(Fixtures.send([.key(.char("Y"))], to: &t).isEmpty, "d2 has not been on screen in full")
        #expect(t.approvalNotice?.hasPrefix("Y approves only calls you have seen in full: 1 not yet") == true)
        #expect(Fixtures.render(t).text.contains("Y approves only calls you have seen in full: 1 not yet"), "the dialog says why")
        Fixtures.send([.key(.down)], to: &t)
        Fixtures.look(at: &t)
        #expect(Fixtures.send([.key(.char("Y"))], to: &t) == [.answer(callID: "d1", .approveOnce), .answer(callID: "d2", .approveOnce)])
    }

    /// A payload cannot hide under a secret-looking key: the mask says how long it is, `v`
    /// shows it, and the argument that names the record is never masked.
    @Test func maskedArgumentsShowTheirLengthAndVRevealsThem() {
        var s = Fixtures.state()
        var request = Fixtures.approval("m1", arguments: ["orderId": "o-1", "api_token": "DELETE everything", "secret_ref": "r-9"])
        request.namingKeys = ["secret_ref"]
        Fixtures.send([.agent(.turnStarted(userText: "go")),
                       .agent(.toolProposed(callID: "m1", providerCallID: nil, toolName: request.toolName, access: .write, arguments: request.arguments,
                                            requestLine: request.requestLine)),
                       .agent(.approvalNeeded(request))], to: &s)
        Fixtures.look(at: &s)
        let masked = Fixtures.render(s).text
        #expect(masked.contains("«redacted: 17 characters»") && !masked.contains("DELETE everything"), "\(masked)")
        #expect(masked.contains(#""secret_ref": "r-9""#), "the record's name is never masked")
        #expect(Fixtures.send([.key(.char("v"))], to: &s).isEmpty)
        #expect(Fixtures.render(s).text.contains(#""api_token": "DELETE everything""#))
    }

    @Test func keysTypedBeforeTheDialogWasDrawnOrWithinTheGuardDecideNothing() {
        var s = Fixtures.state()
        Fixtures.propose("c1", into: &s, seen: false)
        for key in ["y", "a", "n", "r", "e"] {
            #expect(Fixtures.send([.key(.char(Character(key)))], to: &s).isEmpty, "\(key) before the dialog was drawn")
        }
        Fixtures.send([.approvalDrawn], to: &s, at: Fixtures.t0)
        let early = Fixtures.t0.addingTimeInterval(AppState.approvalGuard - 0.05)
        #expect(Fixtures.send([.key(.char("y"))], to: &s, at: early).isEmpty, "y within the guard time")
        #expect(s.approvals.count == 1 && s.approvalDialog == .choosing)
        let armed = Fixtures.t0.addingTimeInterval(AppState.approvalGuard)
        #expect(Fixtures.send([.key(.char("y"))], to: &s, at: armed) == [.answer(callID: "c1", .approveOnce)])
    }

    @Test func anAltKeyIsTheEscItBeginsWithNeverTheBareKey() {
        for key in ["y", "a", "Y"] {
            var s = waiting(["c1", "c2"])
            #expect(Fixtures.send([.key(.alt(Character(key)))], to: &s) == [.cancelTurn], "Alt-\(key)")
            #expect(s.approvals.isEmpty, "no call can be decided once the turn is interrupted")
            #expect(Fixtures.send([.key(.char("y"))], to: &s).isEmpty)
        }
    }

    @Test func escThenYInTwoReadsInterruptsAndTheYDecidesNothing() {
        var s = waiting(["c1"])
        #expect(Fixtures.send([.key(.escape)], to: &s) == [.cancelTurn])
        #expect(Fixtures.send([.key(.char("y"))], to: &s).allSatisfy { if case .answer = $0 { false } else { true } })
        #expect(Fixtures.send([.key(.escape)], to: &s) == [.cancelTurn], "every Esc cancels again (a question that came later is rejected too)")
        #expect(s.entries.filter { $0.text.hasPrefix("Stopping after") }.count <= 1)
    }

    @Test func escInTheDialogInterruptsAndTheQueueEmptiesOnCancel() {
        var s = waiting(["c1", "c2"])
        #expect(Fixtures.send([.key(.escape)], to: &s) == [.cancelTurn])
        #expect(s.approvals.isEmpty, "Esc ends the dialog at once, before the turn reports its end")
        Fixtures.send([.agent(.cancelled)], to: &s)
        #expect(s.approvals.isEmpty && !s.interrupting)
    }

    @Test func approvalKeysDoNotLeakIntoTheInput() {
        var s = waiting(["c1"])
        Fixtures.send([.key(.char("x")), .key(.enter)], to: &s)
        #expect(s.input.isEmpty)
        #expect(s.approvals.count == 1)
    }
}
