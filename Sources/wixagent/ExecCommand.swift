import ArgumentParser
import Foundation
import Synchronization
import WixAgentCore

/// `wixagent exec PROMPT`: one agent run without a UI. The answer goes to stdout, progress to stderr.
/// Nobody can approve here, so a call that would ask is rejected with a note naming --allow/--approval.
struct ExecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run one agent turn without the UI: final answer on stdout, progress on stderr.")

    @Argument(help: "What to ask the agent.")
    var prompt: String

    @Flag(help: "Print JSON Lines events on stdout instead of the plain answer.")
    var json = false

    @OptionGroup var options: AgentOptions

    func run() async throws {
        let settings = try options.settings()
        let outcome = try await Runtime.with(settings) { runtime in
            let catalog = try await runtime.loadCatalog()
            let session = try runtime.openSession(resume: options.resume)
            let agent = runtime.makeAgent(catalog: catalog, interactive: false, messages: session.messages)
            let printer = ExecPrinter(json: json)
            let outcome = TurnOutcome()
            await agent.runTurn(prompt, ask: { _ in .reject(reason: "nobody can approve in exec") }) { event in
                session.recorder.record(event)
                outcome.record(event)
                printer.print(event)
            }
            Console.error("session \(session.recorder.sessionID)")
            if let lost = session.recorder.failureSummary { Console.error("warning: \(lost)") }
            return outcome
        }
        if let failure = outcome.failure { throw Failure.run(failure) }
        if !json { Console.out(outcome.answer) }
    }
}

/// The end of a turn as `exec` reports it.
final class TurnOutcome: Sendable {
    private let end = Mutex<(answer: String, failure: String?)>(("", nil))

    var answer: String { end.withLock { $0.answer } }
    var failure: String? { end.withLock { $0.failure } }

    func record(_ event: AgentEvent) {
        end.withLock { end in
            switch event {
            case .finished(let answer): end.answer = answer
            case .failed(let line): end.failure = line
            case .cancelled: end.failure = "interrupted"
            default: break
            }
        }
    }
}
