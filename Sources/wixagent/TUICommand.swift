import ArgumentParser

/// `wixagent` with no subcommand: the interactive TUI.
struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The interactive terminal UI (the default command).")

    @OptionGroup var options: AgentOptions

    func run() async throws {
        _ = try options.settings()
        throw Failure.usage("the interactive UI is not available yet; use wixagent exec")
    }
}
