/// Where tools come from and run: Truto's `/tools` and proxy, the sandbox, an MCP server.
/// Every call reaches a source only through `ToolExecutor`, after the approval gate.
public protocol ToolSource: Sendable {
    /// The name tools are tagged with (`truto`, `sandbox`, `wix`, `127.0.0.1:8080`).
    var name: String { get }
    /// How the status bar and the system prompt describe it.
    var label: String { get }
    /// The tools it offers now, with the names it gives them.
    func loadTools() async throws(CatalogError) -> [Tool]
    /// Lines about the last `loadTools` that did not stop it (tools left out, and why).
    var notices: [String] { get async }
    /// What the inspector and the dialog show as the request a call makes.
    func requestLine(_ tool: Tool, arguments: [String: JSONValue]) -> String
    /// Runs one validated call; waits (429, transient failures) are reported as events.
    func run(_ tool: Tool, arguments: [String: JSONValue], callID: String, emit: @escaping @Sendable (AgentEvent) -> Void) async -> ToolOutcome
    /// Ends the source's session or process (at exit).
    func close() async
}

extension ToolSource {
    public var notices: [String] { [] }
}
