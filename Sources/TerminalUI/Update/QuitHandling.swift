import WixAgentCore

/// Quitting while a write is in flight: the site may have applied it, so the program stays until
/// its answer arrives and is recorded (the turn is stopped meanwhile), unless asked a second time.
enum QuitHandling {
    /// Ctrl-C twice or `/quit`: quits at once, or first waits for the writes in flight. Asked
    /// again while waiting, it quits now.
    static func request(_ s: inout AppState) -> [Command] {
        let flying = s.calls.filter(\.isWriteInFlight).map(\.toolName)
        guard !flying.isEmpty, !s.quitAfterWrites else {
            s.phase = .quitting
            return [.quit]
        }
        s.phase = .quittingAfterWrites
        s.quitArmedUntil = nil
        s.addEntry(.notice, "Quitting once \(flying.joined(separator: ", ")) has answered, so its outcome is recorded. Ctrl-C quits now.")
        return [.cancelTurn]
    }

    /// After each agent event: quits once the stopped turn has ended (`before` was the phase
    /// before the event), when everything it did, the write's outcome included, is in the store.
    static func turnEnded(from before: TurnPhase, _ s: inout AppState) -> [Command] {
        before == .quittingAfterWrites && s.phase == .quitting ? [.quit] : []
    }
}
