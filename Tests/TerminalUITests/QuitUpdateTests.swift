import Foundation
import Testing
import WixAgentCore
@testable import TerminalUI

/// Quitting while a write is in flight waits for its answer, so the store records its outcome.
@Suite struct QuitUpdateTests {
    /// A turn whose write has been sent and not yet answered.
    static func writeInFlight() -> AppState {
        var s = Fixtures.state()
        Fixtures.send([
            .agent(.turnStarted(userText: "cancel it")),
            .agent(.toolProposed(callID: "w", providerCallID: nil, toolName: "wix_orders_cancel", access: .write, arguments: ["orderId": "o-1"], requestLine: nil)),
            .agent(.toolStateChanged(callID: "w", .running)),
        ], to: &s)
        return s
    }

    @Test(arguments: ["/quit", "ctrl-c twice"])
    func quittingDuringAWriteWaitsForItsAnswer(how: String) {
        var s = Self.writeInFlight()
        let commands: [Command]
        if how == "/quit" {
            Fixtures.type("/quit", into: &s)
            commands = Fixtures.send([.key(.enter)], to: &s)
        } else {
            commands = Fixtures.send([.key(.ctrl("c")), .key(.ctrl("c"))], to: &s)
        }
        #expect(!s.shouldQuit)
        #expect(commands.contains(.cancelTurn))
        #expect(!commands.contains(.quit))
        #expect(s.entries.last?.text == "Quitting once wix_orders_cancel has answered, so its outcome is recorded. Ctrl-C quits now.")
        // The write's answer does not end the wait yet: the turn still has its result to store.
        // It quits once the stopped turn has ended.
        let answered = Fixtures.send([
            .agent(.toolStateChanged(callID: "w", .done)),
            .agent(.toolFinished(callID: "w", ToolOutcome(status: 200, latencyMs: 9, response: [:], isError: false, summary: "200 OK"))),
            .agent(.message(.toolResult(callID: "w", name: "wix_orders_cancel", content: "{}", isError: false))),
        ], to: &s)
        #expect(answered.isEmpty)
        #expect(!s.shouldQuit)
        #expect(Fixtures.send([.agent(.cancelled)], to: &s) == [.quit])
        #expect(s.shouldQuit)
    }

    /// A write waiting out a 429 is sent again after the wait: it is in flight too.
    @Test func aWriteWaitingOutARateLimitIsInFlight() {
        var s = Self.writeInFlight()
        Fixtures.send([.agent(.toolStateChanged(callID: "w", .waitingForRateLimit(seconds: 3)))], to: &s)
        Fixtures.type("/quit", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s) == [.cancelTurn])
        #expect(!s.shouldQuit)
    }

    @Test func ctrlCWhileWaitingQuitsNow() {
        var s = Self.writeInFlight()
        Fixtures.send([.key(.ctrl("c")), .key(.ctrl("c"))], to: &s)
        #expect(!s.shouldQuit)
        #expect(Fixtures.send([.key(.ctrl("c"))], to: &s) == [.quit])
        #expect(s.shouldQuit)
    }

    @Test func withoutAWriteInFlightQuitIsImmediate() {
        var s = Fixtures.state()
        Fixtures.send([
            .agent(.toolProposed(callID: "r", providerCallID: nil, toolName: "list_all_wix_orders", access: .read, arguments: [:], requestLine: nil)),
            .agent(.toolStateChanged(callID: "r", .running)),
        ], to: &s)
        Fixtures.type("/quit", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s) == [.quit])
        #expect(s.shouldQuit)
    }

    /// The turn's life is one value: each phase ends its turn into exactly one next phase.
    @Test func aTurnEndsIntoOnePhase() {
        #expect(TurnPhase.running.afterTurn == .idle)
        #expect(TurnPhase.interrupting.afterTurn == .idle)
        #expect(TurnPhase.quittingAfterWrites.afterTurn == .quitting)
        #expect(TurnPhase.switchingSession.afterTurn == .switchingSession)
        var s = Fixtures.state()
        Fixtures.type("hello", into: &s)
        #expect(Fixtures.send([.key(.enter)], to: &s) == [.startTurn("hello")])
        #expect(s.phase == .running)
        #expect(Fixtures.send([.key(.escape)], to: &s) == [.cancelTurn])
        #expect(s.phase == .interrupting)
        Fixtures.send([.agent(.cancelled)], to: &s)
        #expect(s.phase == .idle && !s.turnRunning && !s.interrupting)
    }
}
