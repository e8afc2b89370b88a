import ArgumentParser
import Foundation
import WixAgentCore

/// `wixagent tools [list|show NAME]`: the tool catalog without the UI.
struct ToolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tools",
        abstract: "Browse the tool catalog and its JSON schemas.",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every tool with its access and description.")

        @Flag(help: "A JSON array of tools in the Truto shape, with \"access\" added.")
        var json = false

        @OptionGroup var options: AgentOptions

        func run() async throws {
            let catalog = try await ToolsCommand.loadCatalog(options)
            if json {
                Console.out(JSONValue.array(catalog.tools.map { ToolJSON.object($0, flat: false) }).prettyText)
                return
            }
            let width = catalog.tools.map(\.name.count).max() ?? 0
            let sourceWidth = catalog.tools.map(\.source.count).max() ?? 0
            for tool in catalog.tools {
                let summary = tool.description.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
                Console.out(tool.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(tool.access.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0))"
                            + "  \(tool.source.padding(toLength: sourceWidth, withPad: " ", startingAt: 0))  \(summary.prefix(90))")
            }
            Console.out("\(catalog.tools.count) tools (\(catalog.tools.filter { $0.access == .read }.count) read, \(catalog.tools.filter { $0.access == .write }.count) write)")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one tool: description, request, and its input schema.")

        @Argument(help: "The tool name, e.g. wix_orders_cancel.", completion: ToolNames.completion)
        var name: String

        @Flag(help: "The tool as JSON with its flat input_schema.")
        var json = false

        @OptionGroup var options: AgentOptions

        func run() async throws {
            let catalog = try await ToolsCommand.loadCatalog(options)
            guard let tool = catalog.tool(named: name) else {
                let close = catalog.tools.map(\.name).filter { $0.contains(name) || name.contains($0) }.prefix(5)
                throw Failure.usage("no tool named \"\(name)\"" + (close.isEmpty ? "; see wixagent tools list" : "; did you mean \(close.joined(separator: ", "))?"))
            }
            if json {
                Console.out(ToolJSON.object(tool, flat: true).prettyText)
                return
            }
            Console.out(ToolsCommand.description(of: tool))
        }
    }

    /// What `tools show` prints: access, source, the request it makes, the input schema, and
    /// the response (or output) schema when the tool has one.
    static func description(of tool: Tool) -> String {
        let request: String
        switch tool.kind {
        case .proxy(let method):
            let example = method.request(arguments: [:], accountID: "{account}")
            request = "\(example.method) \(example.path)\(method.takesPathID ? "/{id}" : "")?integrated_account_id={account}"
        case .mcp:
            request = "tools/call \(tool.remoteName) on MCP source \(tool.source)"
        }
        let notes = [tool.methodNote, tool.access == .write ? tool.destructionNote : nil].compactMap { $0 }
        var lines = ["\(tool.name)  [\(tool.access.rawValue)]  from \(tool.source)", tool.description] + notes
        lines += ["", "Request:  \(request)", "Arguments:"] + SchemaOutline(schema: tool.inputSchema).lines.map { "  " + $0 }
        if let result = tool.result {
            lines += ["\(result.title):"] + SchemaOutline(schema: result.schema).lines.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    static func loadCatalog(_ options: AgentOptions) async throws -> ToolCatalog {
        try await Runtime.with(try options.settings()) { try await $0.loadCatalog() }
    }
}

/// A tool as its catalog lists it (`Tool.catalogJSON`) with `access` and `source` added, and
/// with the flat `input_schema` the model sees for `show`.
enum ToolJSON {
    static func object(_ tool: Tool, flat: Bool) -> JSONValue {
        var object = tool.catalogJSON.objectValue ?? [:]
        object["access"] = .string(tool.access.rawValue)
        object["source"] = .string(tool.source)
        if flat { object["input_schema"] = tool.inputSchema }
        return .object(object)
    }
}
