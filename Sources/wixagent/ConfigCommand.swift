import ArgumentParser
import Foundation
import WixAgentCore

/// `wixagent config`: the settings in effect for these flags, environment and config file, each
/// with where it came from; secrets only as set or unset. `--path`: the config file's location.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the settings in effect and where each comes from (flag, environment, config file, default).")

    @Flag(help: "Print only the config file's path.")
    var path = false

    @OptionGroup var options: AgentOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        if path {
            Console.out(Paths(environment: environment).configFile.path)
            return
        }
        let settings = try options.settings(environment: environment)
        let file = settings.paths.configFile
        Console.out("config file: \(file.path)\(FileManager.default.fileExists(atPath: file.path) ? "" : " (none yet)")")
        let width = settings.origins.map(\.key.count).max() ?? 0
        for origin in settings.origins {
            Console.out("\(origin.key.padding(toLength: width, withPad: " ", startingAt: 0))  \(origin.value)  (\(origin.source))")
        }
    }
}
