import Foundation
import WixAgentCore

/// The interactive UI's entry point.
public enum TerminalApp {
    /// Loads a theme: nil = dark; a built-in or user theme name; or a path to a .toml file.
    /// Throws `ThemeError` (one line) so the executable can exit 2 before entering curses.
    /// The names of the themes that come with the program (for completion).
    public static let builtInThemes = ThemeLoader.builtInNames

    public static func loadTheme(_ name: String?, userThemesDirectory: URL) throws -> Theme {
        try ThemeLoader.load(name, userThemesDirectory: userThemesDirectory)
    }

    /// Draws the first frame at once, then awaits `connect` (starting the sandbox and loading the
    /// catalog may take a moment) and runs until the user quits. `connect` also returns lines
    /// to warn about (a tool source that could not be reached). Returns the exit code.
    public static func run(_ options: TUIOptions, connect: @escaping @Sendable () async throws -> (agent: Agent, warnings: [String])) async -> Int32 {
        let inbox = EventInbox()
        let loop = UILoop(options: options, inbox: inbox)
        let connecting = Task.detached {
            do {
                let (agent, sourceWarnings) = try await connect()
                inbox.post(.agentReady(agent))
                if let session = options.sessions?.current() { inbox.post(.msg(.sessionActive(session))) }
                let earlier = await agent.messages
                if !earlier.isEmpty { inbox.post(.msg(.resumed(earlier))) }
                if let session = options.sessions?.current(), !earlier.isEmpty, let ledger = try? options.sessions?.ledger(session.id) {
                    inbox.post(.msg(.ledgerResumed(ledger)))
                }
                let catalog = await agent.catalog
                inbox.post(.msg(.connected(catalog, modelLabel: options.modelLabel, examples: options.examples(catalog))))
                let warnings = sourceWarnings + (await agent.gate.warnings(catalog: catalog))
                if !warnings.isEmpty { inbox.post(.msg(.warnings(warnings))) }
                let reloads = CatalogReloads()
                options.toolsChanged?.install {
                    reloads.request {
                        let (catalog, warnings, ended) = await agent.reloadCatalog()
                        if let catalog { inbox.post(.msg(.catalogChanged(catalog))) }
                        if !warnings.isEmpty { inbox.post(.msg(.warnings(warnings))) }
                        for tool in ended {
                            let event = AgentEvent.grantRevoked(tool: tool)
                            _ = options.record(event)
                            inbox.post(.msg(.agent(event)))
                        }
                    }
                }
            } catch {
                let line = String(describing: error).split(separator: "\n").first.map(String.init) ?? "connection failed"
                inbox.post(.msg(.connectFailed(line)))
            }
        }
        let code = await withCheckedContinuation { (done: CheckedContinuation<Int32, Never>) in
            if !UIThread.start({ done.resume(returning: loop.run()) }) {
                FileHandle.standardError.write(Data("wixagent: could not start the UI thread\n".utf8))
                done.resume(returning: 1)
            }
        }
        connecting.cancel()
        if let turn = loop.stoppedTurn { await StoppedTurn.finish(turn, inbox: inbox) }
        return code
    }
}
