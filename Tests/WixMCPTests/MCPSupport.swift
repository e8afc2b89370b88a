import Foundation
import Synchronization
import WixAgentCore
import WixMCP
import WixSandbox

/// An MCP source for a test, with the events its calls report.
struct MCPHarness {
    let source: MCPToolSource

    static func http(_ url: String, headers: [String: String] = [:], retry: RetryPolicy = RetryPolicy(baseDelay: 0.05),
                     elicitations: ElicitationRelay = ElicitationRelay(), name: String = "peer", idleTimeout: Int64 = 20,
                     toolsChanged: @escaping @Sendable () -> Void = {}) throws -> MCPHarness {
        let source = try MCPToolSource.make(MCPServerConfig(name: name, transport: .http(url: url, headers: headers)), retry: retry,
                                            idleTimeout: .seconds(idleTimeout), logDirectory: FileManager.default.temporaryDirectory,
                                            hiddenEnvironment: [], elicitations: elicitations, toolsChanged: toolsChanged)
        return MCPHarness(source: source)
    }

    static func stdio(_ command: [String], logDirectory: URL, hidden: Set<String> = [], elicitations: ElicitationRelay = ElicitationRelay(),
                      retry: RetryPolicy = RetryPolicy(baseDelay: 0.05), idleTimeout: Int64 = 20,
                      toolsChanged: @escaping @Sendable () -> Void = {}) throws -> MCPHarness {
        let source = try MCPToolSource.make(MCPServerConfig(name: "local", transport: .stdio(command: command)), retry: retry,
                                            idleTimeout: .seconds(idleTimeout), logDirectory: logDirectory, hiddenEnvironment: hidden, elicitations: elicitations,
                                            toolsChanged: toolsChanged)
        return MCPHarness(source: source)
    }

    /// The catalog of this one source.
    func catalog() async throws -> ToolCatalog {
        ToolCatalog.union([(source.name, try await source.loadTools())])
    }

    /// Runs a tool as the executor would; returns its outcome and the events it reported.
    func run(_ name: String, _ arguments: [String: JSONValue] = [:], in catalog: ToolCatalog) async -> (ToolOutcome, [AgentEvent]) {
        let events = Events()
        let outcome = await ToolExecutor(source: source).run(catalog.tool(named: name)!, arguments: arguments, callID: "c") { events.add($0) }
        return (outcome, events.all)
    }

    func stop() async {
        await source.close()
    }
}

/// Events collected from any task.
final class Events: Sendable {
    private let list = Mutex<[AgentEvent]>([])
    func add(_ event: AgentEvent) { list.withLock { $0.append(event) } }
    var all: [AgentEvent] { list.withLock { $0 } }
}

/// Strings collected from any task.
final class Messages: Sendable {
    private let list = Mutex<[String]>([])
    func add(_ text: String) { list.withLock { $0.append(text) } }
    var all: [String] { list.withLock { $0 } }
}

/// What a sandbox saw, from its observer.
final class SandboxLog: Sendable {
    private let list = Mutex<[SandboxRequestRecord]>([])
    var observer: @Sendable (SandboxRequestRecord) -> Void { { record in self.list.withLock { $0.append(record) } } }
    var requests: [SandboxRequestRecord] { list.withLock { $0 } }
    var writes: Int { requests.filter(\.isWrite).count }
}
