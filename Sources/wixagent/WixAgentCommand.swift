import ArgumentParser
import Foundation

/// `wixagent`: the root command. With no subcommand it opens the interactive TUI.
struct WixAgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wixagent",
        abstract: "Run a Wix site with an AI agent: chat, approve writes, watch rate limits.",
        discussion: """
        With no credentials it runs against an embedded sandbox Wix site and an offline demo model.
        Secrets come from the environment only: TRUTO_API_KEY, OPENAI_API_KEY, ANTHROPIC_API_KEY.
        """,
        version: "wixagent \(BuildInfo.version)",
        subcommands: [TUICommand.self, ExecCommand.self, ToolsCommand.self, SandboxCommand.self, SessionsCommand.self, AuditCommand.self,
                      ConfigCommand.self, InitCommand.self],
        defaultSubcommand: TUICommand.self
    )

    /// Runs the command line; every failure ends with one line on stderr and the contract's exit code.
    static func runCommandLine() async {
        // Writing to a closed pipe should fail the write, not kill the process.
        signal(SIGPIPE, SIG_IGN)
        // The commit is looked up only when asked for, not at every start.
        if CommandLine.arguments.dropFirst() == ["--version"] {
            Console.out(BuildInfo.line)
            return
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as Failure {
            failure.report()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Failure.usage(message(for: error) + " (see wixagent --help)").report()
        }
    }
}
