import ArgumentParser
import Foundation
import TerminalUI
import WixAgentCore

/// `wixagent` with no subcommand: the interactive TUI.
struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The interactive terminal UI (the default command).")

    @OptionGroup var options: AgentOptions

    func run() async throws {
        let settings = try options.settings()
        do {
            _ = try TerminalApp.loadTheme(settings.theme, userThemesDirectory: settings.paths.userThemesDirectory)
        } catch {
            throw Failure.usage("\(error)")
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw Failure.usage("the interactive UI needs a terminal; use wixagent exec PROMPT for scripts")
        }
        let resume = options.resume
        let holder = RuntimeHolder()
        let tui = TUIOptions(
            modelLabel: settings.modelLabel,
            sourceLabel: settings.useSandbox ? "sandbox" : "account \(settings.accountID ?? "")",
            policy: settings.approval, theme: settings.theme,
            userThemesDirectory: settings.paths.userThemesDirectory,
            samplePrompts: SamplePrompts.all,
            makeModel: { name in holder.runtime?.makeModel(named: name) },
            record: { event in holder.recorder?.record(event) })
        let code = await TerminalApp.run(tui) {
            let runtime = try await Runtime.start(settings)
            holder.runtime = runtime
            let catalog = try await runtime.loadCatalog()
            let session = try runtime.openSession(resume: resume)
            holder.recorder = session.recorder
            return runtime.makeAgent(catalog: catalog, interactive: true, messages: session.messages)
        }
        await holder.runtime?.shutdown()
        if code != 0 { throw ExitCode(code) }
    }
}

/// What the TUI's connect step creates, kept for the `/model` factory, the recorder and shutdown.
final class RuntimeHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var _runtime: Runtime?
    private var _recorder: SessionRecorder?

    var runtime: Runtime? {
        get { lock.withLock { _runtime } }
        set { lock.withLock { _runtime = newValue } }
    }

    var recorder: SessionRecorder? {
        get { lock.withLock { _recorder } }
        set { lock.withLock { _recorder = newValue } }
    }
}
