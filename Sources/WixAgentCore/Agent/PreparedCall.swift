import Foundation

/// A model's call, parsed and checked against its tool, ready to route and run.
struct PreparedCall {
    var tool: Tool
    var arguments: [String: JSONValue]
    var requestLine: String

    /// This call's access: a generic API tool's depends on its arguments.
    var access: ToolAccess { tool.access(arguments: arguments) }

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses and validates a model's call. Every failure here costs no API request.
    static func prepare(_ call: ToolCall, catalog: ToolCatalog, executor: ToolExecutor) -> Result<PreparedCall, Problem> {
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
            PreparedCall(tool: tool, arguments: arguments, requestLine: executor.requestLine(tool, arguments: arguments))
        }
    }

    /// `Tool.check`, as a problem of this call.
    static func check(_ value: JSONValue, for tool: Tool) -> Result<[String: JSONValue], Problem> {
        tool.check(value).mapError { Problem(description: $0.description) }
    }
}
