import ArgumentParser
import Foundation
import WixAgentCore

/// `wixagent sessions list|show|search|export`: the stored sessions and their audit trail.
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List, show, search and export stored sessions.",
        subcommands: [List.self, Show.self, Search.self, Export.self],
        defaultSubcommand: List.self)

    static func archive() throws -> SessionArchive {
        let paths = Paths(environment: ProcessInfo.processInfo.environment)
        do {
            return SessionArchive(database: try SessionDatabase(directory: paths.dataDirectory))
        } catch {
            throw Failure.run("could not open the session store in \(paths.dataDirectory.path): \(error)")
        }
    }

    static func existing(_ reference: String, in archive: SessionArchive) throws -> String {
        guard let id = try archive.resolve(reference)?.id else {
            throw Failure.usage("no session \"\(reference)\"; see wixagent sessions list")
        }
        return id
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stored sessions, newest first.")

        @Flag(help: "A JSON array instead of a table.")
        var json = false

        func run() throws {
            let sessions = try SessionsCommand.archive().list()
            if json {
                Console.out(JSONValue.array(sessions.map { s in
                    ["id": .string(s.id), "title": .string(s.title), "model": .string(s.model), "source": .string(s.source),
                     "created_at": .string(ISODate.string(s.createdAt)),
                     "updated_at": .string(ISODate.string(s.updatedAt)),
                     "messages": .number(Double(s.messageCount)), "tool_calls": .number(Double(s.toolCallCount))]
                }).prettyText)
                return
            }
            if sessions.isEmpty { Console.out("No sessions yet."); return }
            for s in sessions {
                Console.out("\(s.id)  \(ClockText.localMinute(s.updatedAt))  \(String(s.messageCount).leftAligned(4)) msgs  \(String(s.toolCallCount).leftAligned(3)) calls  \(s.title.prefix(60))")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One session's transcript with its tool calls and approvals.")

        @Argument(help: "A session id, or `last`.")
        var id: String

        func run() throws {
            let archive = try SessionsCommand.archive()
            let records = try archive.records(sessionID: try SessionsCommand.existing(id, in: archive))
            Console.out(SessionExport.markdown(records))
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Find messages containing every word given (full text).")

        @Argument(help: "Words to look for.")
        var text: [String]

        func run() throws {
            let hits = try SessionsCommand.archive().search(text.joined(separator: " "))
            if hits.isEmpty { Console.out("No message matches \"\(text.joined(separator: " "))\"."); return }
            for hit in hits {
                Console.out("\(hit.sessionID)  \(ClockText.localMinute(hit.at))  \(hit.role.leftAligned(9))  \(hit.snippet.replacingOccurrences(of: "\n", with: " "))")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a session out as JSON Lines or Markdown.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, markdown }

        @Argument(help: "A session id, or `last`.")
        var id: String

        @Option(help: "jsonl or markdown.")
        var format: Format = .jsonl

        func run() throws {
            let archive = try SessionsCommand.archive()
            let records = try archive.records(sessionID: try SessionsCommand.existing(id, in: archive))
            Console.out(format == .jsonl ? SessionExport.jsonl(records) : SessionExport.markdown(records))
        }
    }
}

extension String {
    func leftAligned(_ width: Int) -> String {
        padding(toLength: max(width, count), withPad: " ", startingAt: 0)
    }
}
