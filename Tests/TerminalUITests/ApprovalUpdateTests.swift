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
        #expect(Fixtures.render(s).text.contains("Approve tool call? (1 of 3)"))
        #expect(Fixtures.render(s).text.contains("3 pending approvals"))
        #expect(Fixtures.send([.key(.char("y"))], to: &s) == [.answer(callID: "c1", .approveOnce)])
        #expect(Fixtures.send([.key(.char("n"))], to: &s) == [.answer(callID: "c2", .reject(reason: nil))])
        #expect(Fixtures.send([.key(.char("a"))], to: &s) == [.answer(callID: "c3", .approveToolForSession)])
        #expect(Fixtures.send([.key(.char("y"))], to: &s).isEmpty)
    }

    @Test func escInTheDialogInterruptsAndTheQueueEmptiesOnCancel() {
        var s = waiting(["c1", "c2"])
        #expect(Fixtures.send([.key(.escape)], to: &s) == [.cancelTurn])
        Fixtures.send([.agent(.cancelled)], to: &s)
        #expect(s.approvals.isEmpty)
    }

    @Test func approvalKeysDoNotLeakIntoTheInput() {
        var s = waiting(["c1"])
        Fixtures.send([.key(.char("x")), .key(.enter)], to: &s)
        #expect(s.input.isEmpty)
        #expect(s.approvals.count == 1)
    }
}
