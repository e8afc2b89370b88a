import Foundation

/// Routes a key: Ctrl-C first, then a server's form, the approval dialog, an open overlay,
/// global keys and the focused pane.
enum KeyHandling {
    /// How long a first Ctrl-C waits for the second.
    static let quitWindow: Double = 2

    static func handle(_ key: Key, _ s: inout AppState) -> [Command] {
        if key == .ctrl("c") { return ctrlC(&s) }
        if !s.elicitations.isEmpty { return ElicitationHandling.handle(key, &s) }
        if !s.approvals.isEmpty { return ApprovalHandling.handle(key, &s) }
        if case .alt(let character) = key, "bf".contains(character), s.focus == .input, s.overlay == nil, !s.turnRunning {
            // Alt-B and Alt-F move by words on the input line; an Esc there would do nothing.
            _ = s.input.handle(character == "b" ? .wordLeft : .wordRight)
            return []
        }
        if case .alt(let character) = key {
            // ESC and a key in one read: the Esc the user pressed, then the key.
            return handle(.escape, &s) + handle(.char(character), &s)
        }
        if s.overlay != nil { return OverlayHandling.handle(key, &s) }
        switch key {
        case .function(1):
            s.overlay = .help(scroll: 0)
        case .function(2):
            s.overlay = .schemaBrowser(SchemaBrowserState())
        case .tab:
            s.focus = s.focus.next
        case .backTab:
            s.focus = s.focus.next.next
        case .escape:
            if s.turnRunning { return interruptTurn(&s) }
            s.focus = .input
        default:
            switch s.focus {
            case .input: return inputKey(key, &s)
            case .chat: chatKey(key, &s)
            case .inspector: inspectorKey(key, &s)
            }
        }
        return []
    }

    /// Stops the running turn. A write whose request was sent is waited for, so its true outcome
    /// is recorded; the notice says so.
    static func interruptTurn(_ s: inout AppState) -> [Command] {
        guard s.turnRunning else { return [] }
        // Every Esc cancels again: a question that appeared after the first one is rejected too.
        guard !s.interrupting else { return [.cancelTurn] }
        s.phase = .interrupting
        if s.calls.contains(where: \.isWriteInFlight) {
            s.addEntry(.notice, "Stopping after the write in flight: its request was sent, so wixagent waits for its answer and records it.")
        }
        return [.cancelTurn]
    }

    private static func ctrlC(_ s: inout AppState) -> [Command] {
        if s.quitAfterWrites || s.quitArmedUntil.map({ s.now < $0 }) == true {
            return QuitHandling.request(&s)
        }
        s.quitArmedUntil = s.now.addingTimeInterval(quitWindow)
        return []
    }

    private static func inputKey(_ key: Key, _ s: inout AppState) -> [Command] {
        switch key {
        case .enter:
            return submit(&s)
        case .altEnter:
            s.input.newline()
        case .char("?") where s.input.isEmpty:
            s.overlay = .help(scroll: 0)
        case .char(let c) where s.input.isEmpty && !s.hasAsked && s.example(c) != nil:
            s.input.setText(s.example(c) ?? "")
        case .up:
            if !s.input.up(), let older = s.history.older(current: s.input.text) { s.input.setText(older) }
        case .down:
            if !s.input.down(), let newer = s.history.newer() { s.input.setText(newer) }
        case .pageUp, .pageDown:
            chatKey(key, &s)
        default:
            _ = s.input.handle(key)
        }
        return []
    }

    private static func submit(_ s: inout AppState) -> [Command] {
        let text = s.input.text
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return [] }
        s.history.record(text)
        s.input = TextEditor()
        s.chatScroll = 0
        if trimmed.hasPrefix("/") { return SlashCommandHandling.run(trimmed, &s) }
        return sendTurn(text, &s)
    }

    /// Starts a turn with this text, or explains why it cannot start now.
    static func sendTurn(_ text: String, _ s: inout AppState) -> [Command] {
        switch s.connection {
        case .connecting:
            s.addEntry(.error, "Still connecting to the tool service; try again in a moment.")
            return []
        case .failed(let line):
            s.addEntry(.error, "Not connected: \(line)")
            return []
        case .ready:
            break
        }
        guard !s.turnRunning else {
            s.addEntry(.error, "The agent is still working; wait, or press Esc to interrupt it.")
            return []
        }
        guard !s.switchingSession else {
            s.addEntry(.error, "Still opening the session; try again in a moment.")
            return []
        }
        s.addEntry(.user, text)
        s.phase = .running
        s.streamingEntry = nil
        return [.startTurn(text)]
    }

    private static func chatKey(_ key: Key, _ s: inout AppState) {
        let page = max(1, Layout.compute(s).chat.height - 3)
        switch key {
        case .up: s.chatScroll += 1
        case .down: s.chatScroll = max(0, s.chatScroll - 1)
        case .pageUp: s.chatScroll += page
        case .pageDown: s.chatScroll = max(0, s.chatScroll - page)
        case .home: s.chatScroll = Int.max / 2
        case .end: s.chatScroll = 0
        case .char, .paste:
            s.focus = .input
            _ = s.input.handle(key)
        default: break
        }
    }

    private static func inspectorKey(_ key: Key, _ s: inout AppState) {
        guard !s.calls.isEmpty else { return }
        let last = s.calls.count - 1
        let page = max(1, (Layout.compute(s).inspector?.height ?? s.size.height) - 3)
        let current = s.selectedCall ?? last
        func select(_ i: Int) {
            s.selectedCall = min(max(0, i), last)
            s.inspectorScroll = 0
        }
        switch key {
        case .up: select(current - 1)
        case .down: select(current + 1)
        case .home: select(0)
        case .end: select(last)
        case .pageUp: s.inspectorScroll = max(0, s.inspectorScroll - page)
        case .pageDown: s.inspectorScroll += page
        default: break
        }
    }
}
