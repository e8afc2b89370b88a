import Foundation

/// A model's call, parsed and checked against its tool, ready to route and run.
struct PreparedCall {
    var tool: Tool
    var arguments: [String: JSONValue]
    var requestLine: String

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses and validates a model's call. Every failure here costs no API request.
    static func prepare(_ call: ToolCall, catalog: ToolCatalog, accountID: String) -> Result<PreparedCall, Problem> {
        guard let tool = catalog.tool(named: call.name) else {
            return .failure(Problem(description: "unknown tool \"\(call.name)\"; use one of the tools listed"))
        }
        let text = call.arguments.trimmingCharacters(in: .whitespacesAndNewlines)
        let parsed: JSONValue
        do {
            parsed = text.isEmpty ? .object([:]) : try JSONValue.parse(text)
        } catch {
            return .failure(Problem(description: "the arguments of \(call.name) are not valid JSON"))
        }
        return check(parsed, for: tool).map { arguments in
            PreparedCall(tool: tool, arguments: arguments, requestLine: tool.proxyRequest(arguments: arguments, accountID: accountID).requestLine)
        }
    }

    /// The arguments as an object, when they are one, match the tool's schema, set no reserved
    /// query key and give a path id that addresses one record (PRODUCT.md section 2). Used for
    /// the model's arguments and for the user's edits alike.
    static func check(_ value: JSONValue, for tool: Tool) -> Result<[String: JSONValue], Problem> {
        guard let arguments = value.objectValue else {
            return .failure(Problem(description: "the arguments of \(tool.name) must be a JSON object, got \(value.typeName)"))
        }
        let issues = SchemaValidator.validate(value, against: tool.inputSchema)
        guard issues.isEmpty else {
            return .failure(Problem(description: "invalid arguments for \(tool.name): " + issues.map(\.description).joined(separator: "; ")))
        }
        if let reserved = tool.reservedArgument(in: arguments) {
            return .failure(Problem(description: "\(reserved) is set by wixagent, not by arguments"))
        }
        if tool.takesPathID, let id = arguments["id"], !Tool.isRecordID(id) {
            return .failure(Problem(description: "id must name one record: a non-empty string other than \".\" and \"..\""))
        }
        return .success(arguments)
    }
}
