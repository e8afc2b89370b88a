import ArgumentParser
import Foundation
import WixAgentCore

/// `wixagent audit`: every decision and every executed call across sessions, oldest first.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Every decision and executed call across sessions, oldest first.")

    @Option(help: "Only this session (an id from `sessions list`, or last).")
    var session: String?

    @Option(help: "Only calls of this tool.")
    var tool: String?

    @Option(help: "Only calls from this day (YYYY-MM-DD, UTC) or time (ISO-8601) on.")
    var since: String?

    @Flag(help: "One JSON object per call instead of lines.")
    var json = false

    func run() throws {
        let archive = try SessionsCommand.archive()
        let id = try session.map { try SessionsCommand.existing($0, in: archive) }
        var from: Date?
        if let since {
            guard let date = ISODate.parse(since) else { throw Failure.usage("--since \"\(since)\" is not a day (2026-11-01) or an ISO-8601 time") }
            from = date
        }
        let entries = try AuditTrail(database: archive.database).entries(session: id, tool: tool, since: from)
        if json {
            for entry in entries { Console.out(entry.json.compactText) }
        } else if entries.isEmpty {
            Console.out("No calls recorded\(id.map { " in session \($0)" } ?? "").")
        } else {
            for entry in entries { Console.out(entry.line) }
        }
    }
}
