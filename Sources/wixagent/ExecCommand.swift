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

    @Argument(help: "What to ask the agent; - reads it from standard input.")
    var prompt: String?

    @Flag(help: "With --resume: send again the session's writes whose outcome is unknown, each with its idempotency key (they are decided like any write).")
    var resend = false

    @Flag(help: "Print JSON Lines events on stdout instead of the plain answer.")
    var json = false

    @OptionGroup var options: AgentOptions

    func validate() throws {
        if resend {
            guard options.resume != nil else { throw ValidationError("--resend needs --resume ID: the session whose writes to send again") }
            guard prompt == nil else { throw ValidationError("--resend takes no prompt") }
        } else if prompt == nil {
            throw ValidationError("Missing expected argument '<prompt>'")
        }
    }

    func run() async throws {
        let settings = try options.settings()
        let outcome = try await Runtime.with(settings) { runtime in
            let catalog = try await runtime.loadCatalog()
            let session = try runtime.openSession(resume: options.resume)
            if !session.interrupted.isEmpty {
                Console.error("warning: \(session.interrupted.count) call(s) of the resumed session never finished: \(session.interrupted.map(\.name).joined(separator: ", ")); whether a write took effect is unknown")
            }
            let agent = runtime.makeAgent(catalog: catalog, interactive: false, messages: session.messages)
            for line in await agent.gate.warnings(catalog: catalog) { Console.error("warning: \(line)") }
            if let line = settings.paths.exposureWarning { Console.error("warning: \(line)") }
            let printer = ExecPrinter(json: json, session: session.recorder.sessionID,
                                      ledger: options.resume == nil ? CallLedger() : try session.archive.ledger(sessionID: session.recorder.sessionID))
            let outcome = TurnOutcome()
            let ask = ApprovalAsking.direct { _ in .reject(reason: "nobody can approve in exec") }
            let report: @Sendable (AgentEvent) -> Void = { event in
                outcome.record(event)
                printer.print(event)
            }
            if let prompt = try prompt.map(Self.text) {
                await agent.runTurn(prompt, ask: ask, journal: session.recorder.journal, emit: report)
            } else {
                let writes = ProgramCalls.unsettledWrites(in: try session.archive.ledger(sessionID: session.recorder.sessionID))
                let (program, _, other) = ProgramCalls.resending(writes, catalog: catalog)
                for write in other { Console.error("warning: not resending \(write.toolName) (\(write.callID)): the catalog's tool of that name is not the one it ran as") }
                if program.calls.isEmpty {
                    Console.error("nothing to resend: no write of session \(session.recorder.sessionID) has an unknown outcome")
                } else {
                    await agent.runProgramCalls("/resend", program, ask: ask, journal: session.recorder.journal, emit: report)
                }
            }
            Console.error("session \(session.recorder.sessionID)")
            if let lost = session.recorder.failureSummary { Console.error("warning: \(lost)") }
            return outcome
        }
        if let failure = outcome.failure { throw Failure.run(failure) }
        if !json { Console.out(outcome.answer) }
        // The answer is out; the exit code says a write waited for a decision nobody here could give.
        if outcome.refusedUnattended { throw ExitCode(3) }
    }

    /// The prompt as given, or standard input's text for `-`.
    static func text(_ prompt: String) throws -> String {
        guard prompt == "-" else { return prompt }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw Failure.usage("the prompt from standard input (-) is empty") }
        return text
    }
}

/// The end of a turn as `exec` reports it.
final class TurnOutcome: Sendable {
    private let end = Mutex<(answer: String, failure: String?, unattended: Bool)>(("", nil, false))

    var answer: String { end.withLock { $0.answer } }
    var failure: String? { end.withLock { $0.failure } }
    /// A call was refused because it needed a person's decision (exit 3).
    var refusedUnattended: Bool { end.withLock { $0.unattended } }

    func record(_ event: AgentEvent) {
        end.withLock { end in
            switch event {
            case .finished(let answer): end.answer = answer
            case .failed(let line): end.failure = line
            case .cancelled: end.failure = "interrupted"
            case .approvalDecided(_, false, .policy, let reason?, _, _, _) where reason.contains(ApprovalGate.unattended): end.unattended = true
            default: break
            }
        }
    }
}
