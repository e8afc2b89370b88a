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
        var notes: [String] = []
        if let mcp = tool.mcp {
            request = "tools/call \(tool.remoteName) on MCP source \(tool.source)"
            notes = [mcp.methodNote, tool.access == .write ? mcp.destructionNote : nil].compactMap { $0 }
        } else {
            let example = tool.proxyRequest(arguments: [:], accountID: "{account}")
            request = "\(example.method) \(example.path)\(tool.takesPathID ? "/{id}" : "")?integrated_account_id={account}"
        }
        var lines = ["\(tool.name)  [\(tool.access.rawValue)]  from \(tool.source)", tool.description] + notes
        lines += ["", "Request:  \(request)", "Arguments:"] + SchemaOutline(schema: tool.inputSchema).lines.map { "  " + $0 }
        if let response = tool.responseSchema ?? tool.mcp?.outputSchema {
            lines += [tool.mcp == nil ? "Response:" : "Output:"] + SchemaOutline(schema: response).lines.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    static func loadCatalog(_ options: AgentOptions) async throws -> ToolCatalog {
        try await Runtime.with(try options.settings()) { try await $0.loadCatalog() }
    }
}

/// A tool in the Truto shape with `access` added, and with its flat `input_schema` for `show`.
enum ToolJSON {
    static func object(_ tool: Tool, flat: Bool) -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(tool.name), "resource": .string(tool.resource), "method": .string(tool.method),
            "description": .string(tool.description), "required": .array(tool.required.map(JSONValue.string)),
            "tags": .array(tool.tags.map(JSONValue.string)), "access": .string(tool.access.rawValue),
            "source": .string(tool.source),
        ]
        if let query = tool.querySchema { object["query_schema"] = query }
        if let body = tool.bodySchema { object["body_schema"] = body }
        if let response = tool.responseSchema { object["response_schema"] = response }
        if let mcp = tool.mcp {
            object["remote_name"] = .string(tool.remoteName)
            object["input_schema"] = mcp.inputSchema
            if let output = mcp.outputSchema { object["output_schema"] = output }
            object["annotations"] = .object([
                "readOnlyHint": mcp.readOnlyHint.map(JSONValue.bool) ?? .null, "destructiveHint": mcp.destructiveHint.map(JSONValue.bool) ?? .null,
                "title": mcp.title.map(JSONValue.string) ?? .null,
            ])
        }
        if flat { object["input_schema"] = tool.inputSchema }
        return .object(object)
    }
}
