import Foundation
import Testing
import WixAgentCore
@testable import TerminalUI

/// `/sessions`: the picker overlay, its keys, and switching the conversation to a stored session.
@Suite struct SessionPickerTests {
    static func summary(_ id: String, _ title: String, messages: Int = 4, calls: Int = 2, minutesAgo: Double) -> SessionArchive.Summary {
        let at = Fixtures.t0.addingTimeInterval(-minutesAgo * 60)
        return SessionArchive.Summary(id: id, title: title, model: "offline demo model", source: "sandbox",
                                      createdAt: at, updatedAt: at, messageCount: messages, toolCallCount: calls)
    }

    /// Newest first, as the store lists them; the first is the session this run started with.
    static let stored = [
        summary("20240101-120000-aaaa", "", messages: 0, calls: 0, minutesAgo: 0),
        summary("20240101-110000-bbbb", "Check order 12345 and cancel it", minutesAgo: 60),
        summary("20240101-100000-cccc", "Find all physical products tagged Summer Collection", messages: 6, calls: 3, minutesAgo: 120),
    ] + (0..<30).map { summary("20231201-0900\(String(format: "%02d", $0))-d\(String(format: "%03d", $0))", "Older question \($0)", minutesAgo: 1000 + Double($0)) }

    static let history: [ChatMessage] = [
        .user("Check order 12345 and cancel it"),
        .assistant(text: "", toolCalls: [ToolCall(id: "c1", name: "wix_orders_cancel", arguments: #"{"id":"12345"}"#)]),
        .toolResult(callID: "c1", name: "wix_orders_cancel", content: "{}", isError: false),
        .assistant(text: "Order 12345 is now canceled.", toolCalls: []),
    ]

    /// A connected state recording into the first stored session, with the picker open and loaded.
    static func openPicker(_ width: Int = 120, _ height: Int = 40) -> AppState {
        var s = Fixtures.state(width, height)
        Fixtures.send([.sessionActive(ActiveSession(id: stored[0].id))], to: &s)
        Fixtures.type("/sessions", into: &s)
        Fixtures.send([.key(.enter), .sessionsListed(stored)], to: &s)
        return s
    }

    static func picker(_ s: AppState) -> SessionPickerState? {
        if case .sessions(let p) = s.overlay { return p }
        return nil
    }

    @Test func slashSessionsOpensTheOverlayAndAsksForTheList() {
        var s = Fixtures.state()
        Fixtures.type("/sessions", into: &s)
        let commands = Fixtures.send([.key(.enter)], to: &s)
        #expect(commands == [.loadSessions])
        #expect(Self.picker(s)?.load == .loading)
        #expect(Fixtures.render(s).text.contains("Reading the stored sessions…"))
        Fixtures.send([.sessionsListed(Self.stored)], to: &s)
        #expect(Self.picker(s)?.sessions.count == Self.stored.count)
        #expect(Self.picker(s)?.selection?.id == Self.stored[0].id)
    }

    @Test func aFilterArgumentAndTypingFilter() {
        var s = Fixtures.state()
        Fixtures.type("/sessions cancel", into: &s)
        Fixtures.send([.key(.enter), .sessionsListed(Self.stored)], to: &s)
        #expect(Self.picker(s)?.matches.map(\.id) == ["20240101-110000-bbbb"])

        s = Self.openPicker()
        Fixtures.send([.key(.paste("summer\n"))], to: &s)
        #expect(Self.picker(s)?.filter == "summer", "a pasted filter keeps to one line")
        #expect(Self.picker(s)?.matches.map(\.id) == ["20240101-100000-cccc"])

        s = Self.openPicker()
        Fixtures.type("SUMMER", into: &s)
        #expect(Self.picker(s)?.filter == "SUMMER")
        #expect(Self.picker(s)?.matches.map(\.id) == ["20240101-100000-cccc"])
        Fixtures.type("zzz", into: &s)
        #expect(Self.picker(s)?.matches.isEmpty == true)
        #expect(Fixtures.render(s).text.contains("No session matches."))
        #expect(Fixtures.send([.key(.enter)], to: &s).isEmpty, "Enter with nothing selected does nothing")
        for _ in 0..<3 { Fixtures.send([.key(.backspace)], to: &s) }
        #expect(Self.picker(s)?.matches.count == 1)
        // Matching by id works too.
        s = Self.openPicker()
        Fixtures.type("d007", into: &s)
        #expect(Self.picker(s)?.selection?.title == "Older question 7")
    }

    @Test func arrowsAndPagesMoveTheSelectionWithinTheList() {
        var s = Self.openPicker(120, 20)
        Fixtures.send([.key(.up)], to: &s)
        #expect(Self.picker(s)?.selected == 0)
        Fixtures.send([.key(.down), .key(.down)], to: &s)
        #expect(Self.picker(s)?.selection?.id == "20240101-100000-cccc")
        Fixtures.send([.key(.pageDown)], to: &s)
        let page = SessionPickerOverlay.listHeight(s.size)
        #expect(page > 5 && page < 20)
        #expect(Self.picker(s)?.selected == 2 + page)
        Fixtures.send([.key(.pageDown), .key(.pageDown), .key(.pageDown)], to: &s)
        #expect(Self.picker(s)?.selected == Self.stored.count - 1)
        // The selected row stays visible when the list scrolls.
        #expect(Fixtures.render(s).text.contains("Older question 29"))
        Fixtures.send([.key(.pageUp)], to: &s)
        #expect(Self.picker(s)?.selected == Self.stored.count - 1 - page)
        Fixtures.send([.key(.home)], to: &s)
        #expect(Self.picker(s)?.selected == 0)
        Fixtures.send([.key(.end)], to: &s)
        #expect(Self.picker(s)?.selected == Self.stored.count - 1)
    }

    @Test func escCloseAndALateListIsIgnored() {
        var s = Fixtures.state()
        Fixtures.type("/sessions", into: &s)
        Fixtures.send([.key(.enter), .key(.escape)], to: &s)
        #expect(s.overlay == nil)
        Fixtures.send([.sessionsListed(Self.stored)], to: &s)
        #expect(s.overlay == nil)
    }

    @Test func aFailedListSaysWhyInTheOverlay() {
        var s = Fixtures.state()
        Fixtures.type("/sessions", into: &s)
        Fixtures.send([.key(.enter), .sessionsUnavailable("Could not read the stored sessions: disk I/O error")], to: &s)
        #expect(Fixtures.render(s).text.contains("Could not read the stored sessions: disk I/O error"))
        Fixtures.send([.sessionsListed([])], to: &s)
        #expect(Fixtures.render(s).text.contains("No stored sessions yet."))
    }

    @Test func enterAsksToResumeTheSelectedSessionAndTurnsWaitForIt() {
        var s = Self.openPicker()
        Fixtures.send([.key(.down)], to: &s)
        let commands = Fixtures.send([.key(.enter)], to: &s)
        #expect(commands == [.resumeSession("20240101-110000-bbbb")])
        #expect(s.overlay == nil)
        #expect(s.switchingSession)
        #expect(s.entries.last?.text == "Opening session 20240101-110000-bbbb…")
        Fixtures.type("hello", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s).isEmpty)
        #expect(s.entries.last?.kind == .error)
        Fixtures.send([.sessionResumeFailed("Could not open session 20240101-110000-bbbb: no such session")], to: &s)
        #expect(!s.switchingSession)
        #expect(s.sessionID == Self.stored[0].id, "a failed switch keeps the session")
        #expect(s.entries.last?.text.contains("no such session") == true)
    }

    @Test func theResumedSessionReplacesTheChatAndBecomesCurrent() {
        var s = Self.openPicker()
        // Something from the session the TUI started with: a message and a call in the inspector.
        s.overlay = nil
        Fixtures.send([.agent(.message(.assistant(text: "an answer from before", toolCalls: [])))], to: &s)
        Fixtures.propose("old", into: &s)
        Fixtures.send([.key(.char("n")), .agent(.finished(answer: ""))], to: &s)
        #expect(s.calls.count == 1)

        Fixtures.send([.sessionResumed(ActiveSession(id: "20240101-110000-bbbb", tokens: TokenUsage(input: 1200, output: 340)), Self.history)], to: &s)
        #expect(s.sessionID == "20240101-110000-bbbb")
        #expect(s.status.tokens == TokenUsage(input: 1200, output: 340), "the status bar counts on from the session's tokens")
        #expect(!s.switchingSession)
        #expect(s.calls.isEmpty && s.selectedCall == nil && s.approvals.isEmpty)
        #expect(!s.entries.contains { $0.text == "an answer from before" })
        // Exactly what --resume shows, then which session is now active.
        var expected = Fixtures.state(connected: false)
        Update.showResumed(Self.history, &expected)
        #expect(s.entries.dropLast().map(\.text) == expected.entries.map(\.text))
        #expect(s.entries.dropLast().map(\.kind) == expected.entries.map(\.kind))
        #expect(s.entries.last?.text.contains("Session 20240101-110000-bbbb is now active") == true)

        let screen = Fixtures.render(s)
        #expect(screen.text.contains("> Check order 12345 and cancel it"))
        #expect(screen.text.contains("Order 12345 is now canceled."))
        #expect(screen.lines[39].contains("session 20240101-110000-bbbb"))
        // The next message starts a turn as usual (recorded into that session by the executable).
        Fixtures.type("and order 777?", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s) == [.startTurn("and order 777?")])
    }

    @Test func refusedWhileATurnRuns() {
        var s = Fixtures.state()
        Fixtures.type("hello", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s) == [.startTurn("hello")])
        Fixtures.type("/sessions", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s).isEmpty)
        #expect(s.overlay == nil)
        #expect(s.entries.last?.text == SessionPickerHandling.busyLine)
    }

    @Test func theCurrentSessionIsShownInHelpAndTheStatusBar() {
        var s = Fixtures.state()
        Fixtures.send([.sessionActive(ActiveSession(id: "20240101-120000-aaaa"))], to: &s)
        #expect(Fixtures.render(s).lines[39].contains("session 20240101-120000-aaaa"))
        Fixtures.send([.key(.function(1))], to: &s)
        #expect(Fixtures.render(s).text.contains("wixagent sessions show 20240101-120000-aaaa"))
    }

    @Test func renderAt120x40() {
        var s = Self.openPicker()
        Fixtures.send([.key(.down)], to: &s)
        let buf = Fixtures.render(s)
        let text = buf.text
        #expect(text.contains("Sessions 33/33 · filter: ▏"))
        #expect(text.contains("Enter resume"))
        let rows = buf.lines
        let header = rows.firstIndex { $0.contains("UPDATED") && $0.contains("TITLE") }
        #expect(header != nil)
        guard let first = rows.firstIndex(where: { $0.contains("20240101-120000-aaaa") }),
              let second = rows.firstIndex(where: { $0.contains("20240101-110000-bbbb") }),
              let third = rows.firstIndex(where: { $0.contains("20240101-100000-cccc") }) else {
            Issue.record("sessions missing:\n\(text)")
            return
        }
        #expect(first + 1 == second && second + 1 == third, "newest first")
        #expect(rows[first].contains("*20240101-120000-aaaa"), "the current session is marked")
        #expect(rows[first].contains("(no messages yet)"))
        let row = rows[second]
        #expect(row.contains(ClockText.localMinute(Self.stored[1].updatedAt)))
        #expect(row.contains(#/ 4 +2  Check order 12345 and cancel it/#), "row: \(row)")
        // The selected row is highlighted.
        let col = row.range(of: "20240101-110000-bbbb").map { row.distance(from: row.startIndex, to: $0.lowerBound) } ?? 0
        #expect(buf[second, col].role == .selection)
        #expect(buf[first, col].role != .selection)
        for line in rows { #expect(DisplayWidth.of(line) <= 120) }
    }

    @Test func renderAt40x10() {
        var s = Self.openPicker(40, 10)
        Fixtures.send([.key(.down)], to: &s)
        let buf = Fixtures.render(s)
        #expect(buf.width == 40 && buf.height == 10)
        let text = buf.text
        #expect(text.contains("Sessions 33/33"))
        #expect(text.contains("20240101-110000-bbbb Check order"), "screen:\n\(text)")
        #expect(!text.contains("UPDATED"))
        for line in buf.lines { #expect(DisplayWidth.of(line) <= 40) }
        // Scrolled to the end, the last session is on screen.
        Fixtures.send([.key(.end)], to: &s)
        #expect(Fixtures.render(s).text.contains("d029"))
        // Tiny sizes never crash.
        for (w, h) in [(1, 1), (10, 3), (0, 0), (200, 5)] {
            s.size = Size(width: w, height: h)
            #expect(Fixtures.render(s).width == max(0, w))
        }
    }

    @Test func listSelectionHelper() {
        #expect(ListSelection.moved(0, by: -1, count: 5) == 0)
        #expect(ListSelection.moved(3, by: 10, count: 5) == 4)
        #expect(ListSelection.moved(0, by: 1, count: 0) == 0)
        #expect(ListSelection.visible(selected: 0, count: 10, height: 4) == 0..<4)
        #expect(ListSelection.visible(selected: 6, count: 10, height: 4) == 3..<7)
        #expect(ListSelection.visible(selected: 9, count: 10, height: 4) == 6..<10)
        #expect(ListSelection.visible(selected: 1, count: 2, height: 4) == 0..<2)
        #expect(ListSelection.visible(selected: 0, count: 3, height: 0).isEmpty)
    }
}
