import Foundation

/// A proposed call that names a known tool and carries schema-valid arguments, with the request it will make.
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
        guard let arguments = parsed.objectValue else {
            return .failure(Problem(description: "the arguments of \(call.name) must be a JSON object, got \(parsed.typeName)"))
        }
        let issues = SchemaValidator.validate(parsed, against: tool.inputSchema)
        guard issues.isEmpty else {
            return .failure(Problem(description: "invalid arguments for \(call.name): " + issues.map(\.description).joined(separator: "; ")))
        }
        let line = tool.proxyRequest(arguments: arguments, accountID: accountID).requestLine
        return .success(PreparedCall(tool: tool, arguments: arguments, requestLine: line))
    }
}
