import Foundation
import WixAgentCore

/// The UI thread: owns the terminal and the state, sleeps in `poll` on the keyboard and the
/// inbox pipe (no timeout while nothing animates, so idle costs no CPU), feeds messages to
/// `update`, performs commands, and draws at most one frame per `frameInterval` while events
/// stream (keys draw at once).
final class UILoop: @unchecked Sendable {
    static let frameInterval: TimeInterval = 0.016
    static let tickInterval: TimeInterval = 0.25

    private let options: TUIOptions
    private let inbox: EventInbox
    private var exitCode: Int32 = 0
    /// The turn the quit stopped, for `TerminalApp` to let finish; nil when the UI already
    /// waited for its writes, or was told to quit now while it waited.
    private(set) var stoppedTurn: Task<Void, Never>?

    init(options: TUIOptions, inbox: EventInbox) {
        self.options = options
        self.inbox = inbox
    }

    /// Runs until quit; the terminal is restored before it returns.
    func run() -> Int32 {
        let terminal = Terminal(theme: options.theme)
        defer { terminal.shutdown() }
        TerminalSignals.routeToPipe(inbox.writeFD)
        let effects = Effects(inbox: inbox, makeModel: options.makeModel, record: options.record, sessions: options.sessions)
        if let relay = options.elicitations { effects.answersElicitations(from: relay) }
        let cache = WrapCache()
        var state = AppState(
            size: terminal.size,
            status: StatusInfo(modelLabel: options.modelLabel, sourceLabel: options.sourceLabel, policy: options.policy))
        state.version = options.version
        var lastFrame = Date.distantPast
        var lastTick = Date()
        var dirty = true
        var keys = KeyDecoder()

        func dispatch(_ msg: Msg) {
            for command in Update.apply(msg, to: &state, now: Date()) { effects.perform(command) }
            dirty = true
        }
        func draw() {
            if terminal.size != state.size { dispatch(.resize(terminal.size)) }
            let frame = Screen.render(state, cache: cache)
            state.chatScroll = frame.chatScroll
            state.inspectorScroll = frame.inspectorScroll
            terminal.draw(frame.buffer, cursor: frame.cursor)
            lastFrame = Date()
            dirty = false
            if !state.elicitations.isEmpty, state.elicitations[0].shownAt == nil {
                _ = Update.apply(.elicitationDrawn, to: &state, now: lastFrame)
            } else if state.elicitations.isEmpty, !state.approvals.isEmpty, state.approvalShownAt == nil {
                _ = Update.apply(.approvalDrawn, to: &state, now: lastFrame)
            }
        }

        draw()
        while !state.shouldQuit {
            var timeout: TimeInterval? = state.isAnimating ? max(0, Self.tickInterval - Date().timeIntervalSince(lastTick)) : nil
            if dirty { timeout = min(timeout ?? .infinity, max(0, Self.frameInterval - Date().timeIntervalSince(lastFrame))) }
            wait(timeout)

            var typed = false
            for input in keys.decode(terminal.readAvailable()) {
                switch input {
                case .key(let key): dispatch(.key(key))
                case .resize: dispatch(.resize(terminal.size))
                }
                typed = true
            }
            let (events, signals) = inbox.drain()
            for byte in signals {
                switch byte {
                case TerminalSignals.interruptByte: dispatch(.interrupt)
                case TerminalSignals.terminateByte:
                    exitCode = 143
                    dispatch(.terminate)
                default: break   // SIGWINCH only wakes the loop; KEY_RESIZE was read above
                }
            }
            for event in events {
                switch event {
                case .agentReady(let agent): effects.connected(agent)
                case .msg(let msg): dispatch(msg)
                }
            }
            if state.isAnimating, Date().timeIntervalSince(lastTick) >= Self.tickInterval {
                dispatch(.tick)
                lastTick = Date()
            }
            if dirty, typed || Date().timeIntervalSince(lastFrame) >= Self.frameInterval { draw() }
        }
        effects.perform(.quit)
        stoppedTurn = state.quitAfterWrites ? nil : effects.turn
        return exitCode
    }

    /// Sleeps until a key, an inbox event or a signal arrives, or the timeout passes (nil: no timeout).
    private func wait(_ timeout: TimeInterval?) {
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0)]
        let ms = timeout.map { Int32(($0 * 1000).rounded(.up)) } ?? -1
        _ = poll(&fds, 2, ms)
    }
}
