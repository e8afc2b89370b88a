/// The only code that runs tool calls: each goes to the source its tool came from. Validated
/// arguments go in; one `ToolOutcome` comes out, after any 429 or transient retries, which
/// are reported as events and never shown to the model.
public struct ToolExecutor: Sendable {
    public let sources: [any ToolSource]
    /// What a source's answer must not carry on to the model, the screen or the store.
    private let scrubber: SecretScrubber

    public init(sources: [any ToolSource], secrets: [String] = []) {
        self.sources = sources
        self.scrubber = SecretScrubber(secrets)
    }

    public init(source: any ToolSource, secrets: [String] = []) {
        self.init(sources: [source], secrets: secrets)
    }

    func source(of tool: Tool) -> (any ToolSource)? {
        sources.first { $0.name == tool.source }
    }

    /// The request line a call would make, for the dialog and the inspector.
    public func requestLine(_ tool: Tool, arguments: [String: JSONValue]) -> String {
        source(of: tool)?.requestLine(tool, arguments: arguments) ?? tool.name
    }

    public func run(
        _ tool: Tool, arguments: [String: JSONValue], callID: String,
        emit: @escaping @Sendable (AgentEvent) -> Void
    ) async -> ToolOutcome {
        guard let source = source(of: tool) else {
            return ToolOutcome(notRun: "not run: no source \"\(tool.source)\" runs \(tool.name)")
        }
        return scrubber.scrub(await source.run(tool, arguments: arguments, callID: callID, emit: emit))
    }

    /// How a source reports one wait before a retry: as a wait event and the call's new state.
    public static func reportWait(callID: String, emit: @escaping @Sendable (AgentEvent) -> Void) -> @Sendable (ProxyClient.Wait) -> Void {
        { wait in
            emit(.waiting(.tools, callID: callID, seconds: wait.seconds, attempt: wait.attempt, of: wait.of, reason: wait.reason))
            emit(.toolStateChanged(callID: callID, wait.isRateLimit
                ? .waitingForRateLimit(seconds: wait.seconds)
                : .retrying(attempt: wait.attempt, of: wait.of)))
        }
    }

    /// Loads every source's tools at once into one catalog (`ToolCatalog.union`). A source that
    /// fails is named in its line; `failures` lists those, and the catalog holds the others';
    /// `notices` are the sources' lines about tools they left out.
    public func loadCatalog() async -> (catalog: ToolCatalog, failures: [CatalogError], notices: [String]) {
        var loaded = [Result<[Tool], CatalogError>?](repeating: nil, count: sources.count)
        await withTaskGroup(of: (Int, Result<[Tool], CatalogError>).self) { group in
            for (index, source) in sources.enumerated() {
                group.addTask { (index, await Self.load(source)) }
            }
            for await (index, result) in group { loaded[index] = result }
        }
        var offered: [(source: String, tools: [Tool])] = []
        var failures: [CatalogError] = []
        var notices: [String] = []
        for (source, result) in zip(sources, loaded) {
            switch result {
            case .success(let tools): offered.append((source.name, tools))
            case .failure(let error): failures.append(error)
            case nil: break
            }
            notices += await source.notices
        }
        return (ToolCatalog.union(offered), failures.map { CatalogError(description: scrubber.scrub($0.description)) }, notices.map(scrubber.scrub))
    }

    /// One source's tools or its failure. (Written inline as a typed-throws `do` in the task
    /// group's closure, the release build of Swift 6.3.1 trapped there: index out of range.)
    private static func load(_ source: any ToolSource) async -> Result<[Tool], CatalogError> {
        do {
            return .success(try await source.loadTools())
        } catch {
            return .failure(error)
        }
    }

    public func close() async {
        for source in sources { await source.close() }
    }
}
