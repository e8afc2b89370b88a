import Foundation
import Testing
import WixAgentCore
@testable import TerminalUI

@Suite struct InputUpdateTests {
    @Test func typingAndSendingStartsATurn() {
        var s = Fixtures.state()
        Fixtures.type("hi 日本", into: &s)
        #expect(s.input.text == "hi 日本")
        let commands = Fixtures.send([.key(.enter)], to: &s)
        #expect(commands == [.startTurn("hi 日本")])
        #expect(s.input.isEmpty)
        #expect(s.turnRunning)
        #expect(s.entries.last?.kind == .user && s.entries.last?.text == "hi 日本")
    }

    @Test func emptyInputSendsNothing() {
        var s = Fixtures.state()
        Fixtures.type("   ", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s).isEmpty)
    }

    @Test func readlineKeysMoveAndCutByWordsAndLines() {
        var s = Fixtures.state()
        let entries = s.entries.count
        Fixtures.type("cancel order 12345 now", into: &s)
        Fixtures.send([.key(.ctrl("w"))], to: &s)
        #expect(s.input.text == "cancel order 12345 ")
        Fixtures.send([.key(.ctrl("y"))], to: &s)
        #expect(s.input.text == "cancel order 12345 now")
        Fixtures.send([.key(.alt("b")), .key(.alt("b"))], to: &s)
        #expect(s.input.col == "cancel order ".count, "Alt-B twice: the start of 12345")
        Fixtures.send([.key(.ctrl("k"))], to: &s)
        #expect(s.input.text == "cancel order ")
        Fixtures.send([.key(.ctrl("a")), .key(.wordRight)], to: &s)
        #expect(s.input.col == "cancel".count)
        Fixtures.send([.key(.ctrl("u"))], to: &s)
        #expect(s.input.text == " order " && s.input.col == 0)
        Fixtures.send([.key(.ctrl("e")), .key(.ctrl("y"))], to: &s)
        #expect(s.input.text == " order cancel", "Ctrl-Y puts back what Ctrl-U cut")
        #expect(s.entries.count == entries && !s.turnRunning, "no key sent anything")
    }

    @Test func aNumberPicksAnExampleUntilTheFirstMessageAndInHelp() {
        var s = AppState(size: Size(width: 120, height: 40), status: StatusInfo(modelLabel: "offline demo model", sourceLabel: "sandbox", policy: .askWrites),
                         samplePrompts: ["List my tasks.", "Check order 12345 and cancel it."], now: Fixtures.t0)
        Fixtures.send([.connected(ToolCatalog(tools: [Fixtures.readTool]), modelLabel: "offline demo model")], to: &s)
        #expect(s.entries.last?.text.contains("  2  Check order 12345 and cancel it.") == true, "\(s.entries.last?.text ?? "")")
        Fixtures.send([.key(.char("2"))], to: &s)
        #expect(s.input.text == "Check order 12345 and cancel it.", "picked, not sent")
        #expect(!s.turnRunning)
        Fixtures.send([.key(.ctrl("u")), .key(.char("7"))], to: &s)
        #expect(s.input.text == "7", "no example 7: the digit is typed")
        Fixtures.send([.key(.ctrl("u")), .key(.char("1")), .key(.enter)], to: &s)
        #expect(s.turnRunning && s.entries.contains { $0.kind == .user && $0.text == "List my tasks." })
        Fixtures.send([.agent(.finished(answer: "ok")), .key(.char("2"))], to: &s)
        #expect(s.input.text == "2", "after the first message a number is a number")
        Fixtures.send([.key(.ctrl("u")), .key(.function(1)), .key(.char("2"))], to: &s)
        #expect(s.overlay == nil && s.input.text == "Check order 12345 and cancel it.", "F1's list is pickable any time")
    }

    @Test func altBDuringATurnIsStillEscThenB() {
        var s = Fixtures.state()
        Fixtures.send([.agent(.turnStarted(userText: "go"))], to: &s)
        #expect(Fixtures.send([.key(.alt("b"))], to: &s) == [.cancelTurn], "Esc interrupts a running turn, as before")
    }

    @Test func editingKeysAndAltEnterNewline() {
        var s = Fixtures.state()
        Fixtures.type("acd", into: &s)
        Fixtures.send([.key(.left), .key(.left), .key(.char("b")), .key(.end), .key(.backspace), .key(.home), .key(.delete)], to: &s)
        #expect(s.input.text == "bc")
        Fixtures.send([.key(.end), .key(.altEnter), .key(.char("x"))], to: &s)
        #expect(s.input.text == "bc\nx")
        #expect(Fixtures.send([.key(.enter)], to: &s) == [.startTurn("bc\nx")])
    }

    @Test func aPasteIsEditedNotSentAndEnterSendsItWhole() {
        var s = Fixtures.state()
        Fixtures.type("Note: ", into: &s)
        #expect(Fixtures.send([.key(.paste("first\r\nsecond\nthird"))], to: &s).isEmpty)
        #expect(s.input.text == "Note: first\nsecond\nthird")
        #expect(!s.turnRunning)
        #expect(Fixtures.send([.key(.enter)], to: &s) == [.startTurn("Note: first\nsecond\nthird")])
    }

    @Test func aPasteIntoTheChatGoesToTheInput() {
        var s = Fixtures.state()
        Fixtures.send([.key(.tab)], to: &s)
        #expect(s.focus != .input)
        Fixtures.send([.key(.paste("order 12345"))], to: &s)
        #expect(s.focus == .input)
        #expect(s.input.text == "order 12345")
    }

    @Test func historyUpAndDownKeepsTheDraft() {
        var s = Fixtures.state()
        Fixtures.type("first", into: &s)
        Fixtures.send([.key(.enter), .agent(.finished(answer: ""))], to: &s)
        Fixtures.type("second", into: &s)
        Fixtures.send([.key(.enter), .agent(.finished(answer: ""))], to: &s)
        Fixtures.type("draft", into: &s)
        Fixtures.send([.key(.up)], to: &s)
        #expect(s.input.text == "second")
        Fixtures.send([.key(.up), .key(.up)], to: &s)
        #expect(s.input.text == "first")
        Fixtures.send([.key(.down), .key(.down)], to: &s)
        #expect(s.input.text == "draft")
    }

    @Test func sendingWhileBusyOrDisconnectedExplains() {
        var s = Fixtures.state(connected: false)
        Fixtures.type("hi", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s).isEmpty)
        #expect(s.entries.last?.kind == .error)
        var busy = Fixtures.state()
        Fixtures.type("one", into: &busy)
        Fixtures.send([.key(.enter)], to: &busy)
        Fixtures.type("two", into: &busy)
        #expect(Fixtures.send([.key(.enter)], to: &busy).isEmpty)
        #expect(busy.entries.last?.text.contains("still working") == true)
    }

    @Test func ctrlCTwiceWithinTwoSecondsQuits() {
        var s = Fixtures.state()
        #expect(Fixtures.send([.key(.ctrl("c"))], to: &s).isEmpty)
        #expect(Fixtures.render(s).text.contains("press Ctrl-C again to quit"))
        #expect(Fixtures.send([.key(.ctrl("c"))], to: &s, at: Fixtures.t0.addingTimeInterval(1)) == [.quit])
        #expect(s.shouldQuit)
    }

    @Test func ctrlCTooSlowOnlyArmsAgain() {
        var s = Fixtures.state()
        Fixtures.send([.key(.ctrl("c"))], to: &s)
        #expect(Fixtures.send([.key(.ctrl("c"))], to: &s, at: Fixtures.t0.addingTimeInterval(3)).isEmpty)
        #expect(!s.shouldQuit)
        Fixtures.send([.tick], to: &s, at: Fixtures.t0.addingTimeInterval(6))
        #expect(s.quitArmedUntil == nil)
    }

    @Test func escapeCancelsARunningTurnOnly() {
        var s = Fixtures.state()
        #expect(Fixtures.send([.key(.escape)], to: &s).isEmpty)
        Fixtures.type("go", into: &s)
        Fixtures.send([.key(.enter)], to: &s)
        #expect(Fixtures.send([.key(.escape)], to: &s) == [.cancelTurn])
        Fixtures.send([.agent(.cancelled)], to: &s)
        #expect(!s.turnRunning)
        #expect(s.entries.last?.text == "Interrupted.")
    }

    @Test func slashCommands() {
        var s = Fixtures.state()
        func run(_ line: String) -> [Command] {
            Fixtures.type(line, into: &s)
            return Fixtures.send([.key(.enter)], to: &s)
        }
        #expect(run("/approval auto") == [.setPolicy(.auto)])
        #expect(s.status.policy == .auto)
        #expect(run("/approval sometimes").isEmpty)
        #expect(s.entries.last?.kind == .error)
        #expect(run("/model gpt-4o") == [.setModel("gpt-4o")])
        #expect(run("/call list_all_wix_orders {\"limit\": 2}") == [.startTurn("/call list_all_wix_orders {\"limit\": 2}")])
        Fixtures.send([.agent(.finished(answer: ""))], to: &s)
        #expect(run("/clear") == [.clearConversation])
        #expect(s.entries.count == 1)
        #expect(run("/sessions") == [.loadSessions])
        #expect(s.overlay == .sessions(SessionPickerState()))
        Fixtures.send([.key(.escape)], to: &s)
        _ = run("/bogus")
        #expect(s.entries.last?.text.hasPrefix("Unknown command /bogus") == true)
        _ = run("/tools orders")
        #expect(s.overlay == .schemaBrowser(SchemaBrowserState(filter: "orders")))
        Fixtures.send([.key(.escape)], to: &s)
        _ = run("/help")
        #expect(s.overlay == .help(scroll: 0))
        Fixtures.send([.key(.escape)], to: &s)
        #expect(run("/quit") == [.quit])
    }

    @Test func questionMarkOnEmptyInputOpensHelpF2OpensBrowser() {
        var s = Fixtures.state()
        Fixtures.send([.key(.char("?"))], to: &s)
        #expect(s.overlay == .help(scroll: 0))
        Fixtures.send([.key(.escape), .key(.function(2))], to: &s)
        #expect(s.overlay == .schemaBrowser(SchemaBrowserState()))
        Fixtures.send([.key(.paste("cancel\r\n"))], to: &s)
        #expect(s.overlay == .schemaBrowser(SchemaBrowserState(filter: "cancel")), "a pasted filter keeps to one line")
        Fixtures.send([.key(.escape), .key(.char("a")), .key(.char("?"))], to: &s)
        #expect(s.input.text == "a?")
    }

    @Test func tabCyclesFocusAndResizeUpdatesSize() {
        var s = Fixtures.state()
        Fixtures.send([.key(.tab)], to: &s)
        #expect(s.focus == .chat)
        Fixtures.send([.key(.tab)], to: &s)
        #expect(s.focus == .inspector)
        Fixtures.send([.key(.tab)], to: &s)
        #expect(s.focus == .input)
        Fixtures.send([.resize(Size(width: 40, height: 10))], to: &s)
        #expect(s.size == Size(width: 40, height: 10))
    }

    @Test func connectFailureIsShownAndQuitStillWorks() {
        var s = Fixtures.state(connected: false)
        Fixtures.send([.connectFailed("the sandbox site did not start: port in use")], to: &s)
        #expect(Fixtures.render(s).text.contains("port in use"))
        #expect(Fixtures.render(s).text.contains("not connected"))
        Fixtures.type("/quit", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s) == [.quit])
    }
}
