import Foundation

/// Runs turns of one conversation: sends it with the tools to the model, streams the answer,
/// routes every proposed call through the approval gate and the executor, and loops until the
/// model answers without calling tools or the step limit is reached.
///
/// Everything that happens is reported as `AgentEvent`s. Cancelling the task that runs a turn
/// stops it promptly and leaves the conversation consistent: every tool call gets an answer.
public actor Agent {
    public private(set) var model: ChatModel
    public nonisolated let catalog: ToolCatalog
    public nonisolated let gate: ApprovalGate
    private let executor: ToolExecutor
    /// Written when each turn starts, so the date and time the model is told are the turn's own.
    private let systemPrompt: @Sendable () -> String
    private let maxSteps: Int
    private let resultLimit: Int
    public private(set) var messages: [ChatMessage]

    public init(
        model: ChatModel, catalog: ToolCatalog, executor: ToolExecutor, gate: ApprovalGate,
        systemPrompt: @escaping @Sendable () -> String, maxSteps: Int = 20, resultLimit: Int = 12_000, messages: [ChatMessage] = []
    ) {
        self.model = model
        self.catalog = catalog
        self.executor = executor
        self.gate = gate
        self.systemPrompt = systemPrompt
        self.maxSteps = maxSteps
        self.resultLimit = resultLimit
        self.messages = messages
    }

    /// Answers the next turns with another model (the `/model` command).
    public func setModel(_ model: ChatModel) {
        self.model = model
    }

    /// Forgets the conversation (the `/clear` command).
    public func clear() {
        messages = []
    }

    /// Continues another conversation instead (a session picked in the TUI): the model sees
    /// these messages on the next turn. Call it between turns.
    public func replaceConversation(_ messages: [ChatMessage]) {
        self.messages = messages
    }

    /// Runs one user turn to its end. `ask` answers calls that need a person.
    public func runTurn(_ text: String, ask: @escaping ApprovalAsker, emit: @escaping @Sendable (AgentEvent) -> Void) async {
        emit(.turnStarted(userText: text))
        append(.user(text), emit)
        let system = systemPrompt()
        var steps = 0
        while true {
            let reply: ModelReply
            do {
                reply = try await ModelReply.collect(model.reply(to: request(system: system)), emit: emit)
            } catch is CancellationError {
                emit(.cancelled)
                return
            } catch {
                if Task.isCancelled { emit(.cancelled); return }
                emit(.failed(Self.line(for: error, model: model)))
                return
            }
            if Task.isCancelled {
                if !reply.text.isEmpty { append(.assistant(text: reply.text, toolCalls: []), emit) }
                emit(.cancelled)
                return
            }
            append(.assistant(text: reply.text, toolCalls: reply.toolCalls), emit)
            if reply.toolCalls.isEmpty {
                emit(.finished(answer: reply.text))
                return
            }
            if steps >= maxSteps {
                for call in reply.toolCalls {
                    answer(call, "Not run: the step limit of \(maxSteps) tool-call steps for this turn was reached.", isError: true, emit)
                }
                emit(.failed("Stopped after \(maxSteps) tool-call steps (raise it with --max-steps)."))
                return
            }
            steps += 1
            for (index, call) in reply.toolCalls.enumerated() {
                if Task.isCancelled {
                    for rest in reply.toolCalls[index...] { answer(rest, "Not run: the user interrupted the turn.", isError: true, emit) }
                    emit(.cancelled)
                    return
                }
                let result = await handle(call, ask: ask, emit: emit)
                answer(call, result.content, isError: result.isError, emit)
            }
        }
    }

    private func request(system: String) -> ChatRequest {
        ChatRequest(system: system, messages: messages, tools: catalog.specs)
    }

    private func append(_ message: ChatMessage, _ emit: @Sendable (AgentEvent) -> Void) {
        messages.append(message)
        emit(.message(message))
    }

    private func answer(_ call: ToolCall, _ content: String, isError: Bool, _ emit: @Sendable (AgentEvent) -> Void) {
        append(.toolResult(callID: call.id, name: call.name, content: content, isError: isError), emit)
    }

    /// Checks, approves and runs one call; returns what the model is told.
    private func handle(_ call: ToolCall, ask: @escaping ApprovalAsker, emit: @escaping @Sendable (AgentEvent) -> Void) async -> (content: String, isError: Bool) {
        let prepared: PreparedCall
        switch PreparedCall.prepare(call, catalog: catalog, accountID: executor.client.service.accountID) {
        case .failure(let problem):
            emit(.toolProposed(callID: call.id, toolName: call.name, access: catalog.tool(named: call.name)?.access, arguments: .string(call.arguments), requestLine: nil))
            let outcome = ToolOutcome(status: nil, latencyMs: nil, response: .string(problem.description), isError: true, summary: problem.description)
            emit(.toolFinished(callID: call.id, outcome))
            return ("Error: \(problem.description). No request was made.", true)
        case .success(let p):
            prepared = p
        }
        emit(.toolProposed(callID: call.id, toolName: call.name, access: prepared.tool.access, arguments: .object(prepared.arguments), requestLine: prepared.requestLine))

        let request = ApprovalRequest(callID: call.id, toolName: call.name, access: prepared.tool.access, arguments: .object(prepared.arguments), requestLine: prepared.requestLine)
        let verdict = await gate.decide(request) { request in
            emit(.toolStateChanged(callID: request.callID, .waitingForApproval))
            emit(.approvalNeeded(request))
            return await ask(request)
        }
        emit(.approvalDecided(callID: call.id, approved: verdict.approved, decidedBy: verdict.decidedBy, reason: verdict.reason, arguments: verdict.arguments))
        guard verdict.approved else {
            emit(.toolStateChanged(callID: call.id, .rejected))
            return (Self.rejection(verdict), true)
        }
        var arguments = prepared.arguments
        if verdict.arguments != .object(prepared.arguments) {
            let issues = SchemaValidator.validate(verdict.arguments, against: prepared.tool.inputSchema)
            guard issues.isEmpty, let edited = verdict.arguments.objectValue else {
                emit(.toolStateChanged(callID: call.id, .failed))
                return ("Error: the edited arguments are invalid (\(issues.map(\.description).joined(separator: "; "))). No request was made.", true)
            }
            arguments = edited
        }
        let outcome = await executor.run(prepared.tool, arguments: arguments, callID: call.id, emit: emit)
        emit(.toolStateChanged(callID: call.id, outcome.isError ? .failed : .done))
        emit(.toolFinished(callID: call.id, outcome))
        return (ResultShortener.text(for: outcome, limit: resultLimit, edited: arguments != prepared.arguments), outcome.isError)
    }

    private static func rejection(_ verdict: GateVerdict) -> String {
        switch verdict.decidedBy {
        case .user:
            rejectionPrefix + (verdict.reason.map { ": \(Self.sentence($0))" } ?? ".") + " " + rejectionAdvice
        case .rule, .policy:
            "Not run: \(verdict.reason ?? "not allowed")."
        }
    }

    /// How a tool result for a call the user rejected begins, and the advice to the model that ends it.
    static let rejectionPrefix = "The user rejected this call"
    static let rejectionAdvice = "Do not retry it unchanged; ask the user or continue without it."

    /// The text with a full stop, unless it already ends a sentence.
    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.last.map { ".!?".contains($0) } == true ? trimmed : trimmed + "."
    }

    static func line(for error: Error, model: ChatModel) -> String {
        if let error = error as? ProviderError { return error.description }
        return "The model \(model.displayName) failed: \(error)"
    }
}
