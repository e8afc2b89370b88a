import ArgumentParser
import Foundation
import Synchronization
import TerminalUI
import WixAgentCore
import WixOfflineModel

/// `wixagent` with no subcommand: the interactive TUI.
struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The interactive terminal UI (the default command).")

    @OptionGroup var options: AgentOptions

    func run() async throws {
        let settings = try options.settings()
        var theme: Theme
        do {
            theme = try TerminalApp.loadTheme(settings.theme, userThemesDirectory: settings.paths.userThemesDirectory)
        } catch {
            throw Failure.usage("\(error)")
        }
        // https://no-color.org: set and not empty turns colour off, whatever the theme.
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { theme = theme.withoutColour }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw Failure.usage("the interactive UI needs a terminal; use wixagent exec PROMPT for scripts")
        }
        let resume = options.resume
        let holder = RuntimeHolder()
        let tui = TUIOptions(
            modelLabel: settings.modelLabel,
            sourceLabel: settings.sourceLabel,
            policy: settings.approval, theme: theme,
            examples: { ExampleRequests.make($0.specs) },
            makeModel: { name in holder.runtime.map { $0.switchModel(to: name) } ?? .failure(ModelUnavailable("Not connected yet; try /model again in a moment.")) },
            record: { event in
                defer { if event.endsTurn { Heap.trim() } }
                guard let recorder = holder.recorder else { return StoreNotOpen() }
                return recorder.record(event)
            },
            sessions: SessionLibrary(
                list: { try holder.openArchive().list() },
                open: { id in try holder.resume(id) },
                current: { holder.active },
                audit: { id in try AuditTrail(database: holder.openArchive().database).entries(session: id) },
                ledger: { id in try holder.openArchive().ledger(sessionID: id) }))
        let elicitations = ElicitationRelay()
        let toolsChanged = ChangeSignal()
        var options = tui
        options.version = "wixagent \(BuildInfo.version)"
        options.elicitations = elicitations
        options.toolsChanged = toolsChanged
        let code = await TerminalApp.run(options) {
            let runtime = try await Runtime.start(settings, elicitations: elicitations, toolsChanged: toolsChanged)
            holder.runtime = runtime
            let (catalog, failures) = await runtime.loadAvailableCatalog()
            let session = try runtime.openSession(resume: resume)
            holder.session = (session.recorder, session.tokens)
            holder.archive = session.archive
            let agent = runtime.makeAgent(catalog: catalog, interactive: true, messages: session.messages)
            Heap.trim()
            return (agent, failures)
        }
        await holder.runtime?.shutdown()
        if let lost = holder.recorder?.failureSummary { Console.error("warning: \(lost)") }
        // The terminal is the shell's again: say how to come back to this conversation.
        if let recorder = holder.recorder, recorder.isStored {
            Console.out("Session \(recorder.sessionID) is saved; continue it with: wixagent --resume \(recorder.sessionID)")
        }
        if code != 0 { throw ExitCode(code) }
    }
}

struct StoreNotOpen: Error, CustomStringConvertible {
    var description: String { "the session store is not open yet (still connecting)" }
}

/// What the TUI's connect step creates, kept for the `/model` factory, the recorder, the
/// session picker and shutdown.
final class RuntimeHolder: Sendable {
    private let runtimeSlot = Mutex<Runtime?>(nil)
    private let sessionSlot = Mutex<(recorder: SessionRecorder, earlierTokens: TokenUsage)?>(nil)
    private let archiveSlot = Mutex<SessionArchive?>(nil)

    var runtime: Runtime? {
        get { runtimeSlot.withLock { $0 } }
        set { runtimeSlot.withLock { $0 = newValue } }
    }

    /// The recorder of the session events go to, and the tokens that session used before this run.
    var session: (recorder: SessionRecorder, earlierTokens: TokenUsage)? {
        get { sessionSlot.withLock { $0 } }
        set { sessionSlot.withLock { $0 = newValue } }
    }

    var recorder: SessionRecorder? { session?.recorder }

    var archive: SessionArchive? {
        get { archiveSlot.withLock { $0 } }
        set { archiveSlot.withLock { $0 = newValue } }
    }

    /// The session being recorded into, once the connect step has opened the store.
    var active: ActiveSession? {
        session.map { ActiveSession(id: $0.recorder.sessionID, tokens: $0.earlierTokens) }
    }

    /// The session store, once the connect step has opened it.
    func openArchive() throws -> SessionArchive {
        guard let archive else { throw StoreNotOpen() }
        return archive
    }

    /// Records into stored session `id` from now on; returns it with its conversation.
    func resume(_ id: String) throws -> (session: ActiveSession, messages: [ChatMessage]) {
        guard let runtime else { throw StoreNotOpen() }
        let resumed = try runtime.resumeSession(id, in: try openArchive())
        session = (resumed.recorder, resumed.tokens)
        return (ActiveSession(id: id, tokens: resumed.tokens), resumed.messages)
    }
}
