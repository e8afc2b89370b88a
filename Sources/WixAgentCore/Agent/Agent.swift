import Foundation

/// Runs turns of one conversation: sends it with the tools to the model, streams the answer,
/// routes every proposed call through the approval gate and the executor, and loops until the
/// model answers without calling tools or the turn's tool-call limit is reached.
///
/// Everything that happens is reported as `AgentEvent`s, each first to the journal (the session
/// store) and then to `emit`. A write runs only once its decision is in the journal. Cancelling
/// the task that runs a turn stops it promptly and leaves the conversation consistent: every tool
/// call gets an answer, and a write whose request was sent is waited for, never abandoned.
public actor Agent {
    public private(set) var model: ChatModel
    /// The tools the model is offered; replaced when a source says its tools changed.
    public private(set) var catalog: ToolCatalog
    public nonisolated let gate: ApprovalGate
    let executor: ToolExecutor
    /// Written when each turn starts, so the date and time the model is told are the turn's own.
    let systemPrompt: @Sendable () -> String
    /// Tool calls per user turn; calls past it are answered "not run".
    private let maxSteps: Int
    private let resultLimit: Int
    /// Whether a write's record is read and shown before the decision (`preview = false` turns it off).
    private let previewsWrites: Bool
    /// The zone a preview's times are shown in, beside UTC.
    let timeZone: TimeZone
    /// The conversation as the model sees it (compaction shortens it; the store keeps it whole).
    public internal(set) var messages: [ChatMessage]
    /// The window and how requests are kept inside it; the window is lowered when a server says less.
    var context: ContextPolicy
    /// What the provider counted for the last request, when it said.
    var lastReported: Int?
    /// How many of the provider's tokens an estimated token turned out to be (1 to 4): its
    /// count of the last request calibrates the estimate of the next.
    var calibration: Double = 1
    /// Tools whose schemas requests carry when tools are loaded on demand (found by `search_tools`).
    var loadedTools: Set<String> = []

    public init(
        model: ChatModel, catalog: ToolCatalog, executor: ToolExecutor, gate: ApprovalGate,
        systemPrompt: @escaping @Sendable () -> String, maxSteps: Int = 20, resultLimit: Int = 12_000, messages: [ChatMessage] = [],
        previewsWrites: Bool = true, timeZone: TimeZone = .current, context: ContextPolicy = ContextPolicy(toolLoading: .all)
    ) {
        self.previewsWrites = previewsWrites
        self.timeZone = timeZone
        self.context = context
        self.model = model
        self.catalog = catalog
        self.executor = executor
        self.gate = gate
        self.systemPrompt = systemPrompt
        self.maxSteps = maxSteps
        self.resultLimit = resultLimit
        self.messages = messages
    }

    /// Answers the next turns with another model (the `/model` command), with its own window
    /// unless the person set one, and an estimate calibrated afresh.
    public func setModel(_ model: ChatModel) {
        self.model = model
        if !context.windowIsSet { context.window = ContextWindow.known(for: model.displayName) ?? ContextWindow.unknown }
        calibration = 1
        lastReported = nil
    }

    /// Loads every source's tools again (an MCP server sent `notifications/tools/list_changed`).
    /// The new catalog applies from the next model request; when a source fails, the catalog
    /// stays as it was (`catalog` is nil). `warnings` are the failures' lines and what sources
    /// left out, as at start, and what the rules cover now when that changed (a rule naming a
    /// tool covers it under a new catalog name too). A grant covers the tool it was given for:
    /// when the tool of that name changed (another source now, other annotations or schema) or
    /// is gone, the grant ends, and `endedGrants` names it.
    public func reloadCatalog() async -> (catalog: ToolCatalog?, warnings: [String], endedGrants: [String]) {
        let loaded = await executor.loadCatalog()
        let warnings = loaded.failures.map(\.description) + loaded.notices
        guard loaded.failures.isEmpty else { return (nil, warnings, []) }
        var ended: [String] = []
        for grant in gate.ledger.grants where loaded.catalog.tool(named: grant.tool)?.identity != grant.identity {
            gate.ledger.apply(.grantRevoked(tool: grant.tool))
            ended.append(grant.tool)
        }
        let coverage = await gate.coverageChanges(from: catalog, to: loaded.catalog)
        catalog = loaded.catalog
        return (catalog, warnings + coverage + (await gate.warnings(catalog: catalog)), ended)
    }

    /// Forgets the conversation (the `/clear` command).
    public func clear() {
        messages = []
    }

    /// Continues another conversation instead (a session picked in the TUI): the model sees
    /// these messages on the next turn. Call it between turns.
    public func replaceConversation(_ messages: [ChatMessage]) {
        self.messages = messages
        // Its calls are the other session's, and its grants are offered, not given (`/grants restore`).
        gate.ledger.reset()
    }

    /// Records and folds an event that comes from the person, not a turn: a grant revoked or
    /// given back (`/grants`).
    public func note(_ event: AgentEvent, journal: EventJournal? = nil) {
        TurnReporter(journal: journal, ledger: gate.ledger, emit: { _ in }).report(event)
    }

    /// Runs one user turn to its end. `ask` answers calls that need a person; `journal` stores
    /// each event before `emit` sees it (nil: nothing is stored, as in tests of the loop alone).
    public func runTurn(
        _ text: String, ask: @escaping ApprovalAsker, journal: EventJournal? = nil,
        emit: @escaping @Sendable (AgentEvent) -> Void
    ) async {
        let turn = TurnReporter(journal: journal, ledger: gate.ledger, emit: emit)
        turn.report(.turnStarted(userText: text))
        append(.user(text), turn)
        let system = systemPrompt()
        var callsRun = 0
        while true {
            let reply: ModelReply
            do {
                reply = try await send(system: system, turn: turn)
            } catch is CancellationError {
                turn.report(.cancelled)
                return
            } catch {
                if Task.isCancelled { turn.report(.cancelled); return }
                turn.report(.failed(Self.line(for: error, model: model)))
                return
            }
            if Task.isCancelled {
                if !reply.text.isEmpty { append(.assistant(text: reply.text, toolCalls: []), turn) }
                turn.report(.cancelled)
                return
            }
            let calls = keyed(reply.toolCalls)
            append(.assistant(text: reply.text, toolCalls: calls.map(\.call)), turn)
            if calls.isEmpty {
                turn.report(.finished(answer: reply.text))
                return
            }
            let allowed = max(0, maxSteps - callsRun)
            callsRun += min(allowed, calls.count)
            let results = await handleReply(Array(calls.prefix(allowed)), ask: ask, turn: turn)
            for (keyed, result) in zip(calls, results) { answer(keyed.call, result.content, isError: result.isError, turn) }
            for rest in calls.dropFirst(allowed) {
                answer(rest.call, "Not run: the step limit of \(maxSteps) tool calls for this turn was reached.", isError: true, turn)
            }
            if Task.isCancelled {
                turn.report(.cancelled)
                return
            }
            if calls.count > allowed {
                turn.report(.failed("Stopped after \(maxSteps) tool calls in this turn (raise it with --max-steps)."))
                return
            }
        }
    }

    /// The calls of one reply: each is proposed (its preview read) in order; reads that need no
    /// person run at once; every other call is decided before any of them runs, so the questions
    /// reach the person together (one batch in the dialog); then the approved ones run in order.
    private func handleReply(_ calls: [KeyedCall], ask: @escaping ApprovalAsker, turn: TurnReporter) async -> [(content: String, isError: Bool)] {
        var results = [(content: String, isError: Bool)?](repeating: nil, count: calls.count)
        var waiting: [(index: Int, prepared: PreparedCall, request: ApprovalRequest)] = []
        for (index, keyed) in calls.enumerated() {
            if Task.isCancelled { break }
            // No catalog tool has this name (`ToolCatalog.union` prefixes one that does).
            if keyed.call.name == ToolSearch.toolName, defersTools {
                results[index] = searchTools(keyed, turn: turn)
                continue
            }
            switch await propose(keyed, turn: turn) {
            case .answered(let result):
                results[index] = result
            case .ready(let prepared, let request):
                if request.access == .read, case .run = await gate.routing(request).route {
                    results[index] = await finish(await decide(prepared, request, ask: ask, turn: turn), key: keyed.key, ask: ask, turn: turn)
                } else {
                    waiting.append((index, prepared, request))
                }
            }
        }
        var decided: [Int: Decided] = [:]
        await withTaskGroup(of: (Int, Decided).self) { group in
            for item in waiting where !Task.isCancelled {
                group.addTask { (item.index, await self.decide(item.prepared, item.request, ask: ask, turn: turn)) }
            }
            for await (index, decision) in group { decided[index] = decision }
        }
        for item in waiting {
            guard let decision = decided[item.index] else { continue }
            if Task.isCancelled, case .run = decision {
                turn.report(.toolFinished(callID: item.request.callID, ToolOutcome(notRun: "not run: the user interrupted the turn")))
                results[item.index] = ("Not run: the user interrupted the turn.", true)
            } else {
                results[item.index] = await finish(decision, key: item.request.callID, ask: ask, turn: turn)
            }
        }
        return results.map { $0 ?? ("Not run: the user interrupted the turn.", true) }
    }

    /// Runs calls the program proposes itself (`ProgramCalls`: `/undo`, `/resend`) as a turn of
    /// their own: each goes through the gate (it asks like any write) and the executor, and the
    /// conversation records them, so the model knows on the next turn.
    public func runProgramCalls(
        _ text: String, _ program: ProgramCalls, ask: @escaping ApprovalAsker, journal: EventJournal? = nil,
        emit: @escaping @Sendable (AgentEvent) -> Void
    ) async {
        let turn = TurnReporter(journal: journal, ledger: gate.ledger, emit: emit)
        turn.report(.turnStarted(userText: text))
        append(.user(text), turn)
        let keyedCalls = keyed(program.calls, keys: program.keys)
        let undoing = program.undoing
        append(.assistant(text: "", toolCalls: keyedCalls.map(\.call)), turn)
        var lines: [String] = []
        for keyed in keyedCalls {
            if Task.isCancelled {
                answer(keyed.call, "Not run: the user interrupted the turn.", isError: true, turn)
                continue
            }
            let result = await handle(keyed, ask: ask, turn: turn)
            answer(keyed.call, result.content, isError: result.isError, turn)
            if let undoing, !result.isError { turn.report(.undone(callID: undoing, by: keyed.key)) }
            lines.append("\(keyed.call.name): " + (result.isError ? String(result.content.prefix(300)) : "done"))
        }
        let summary = (undoing != nil ? "Undo: " : program.keys != nil ? "Resend: " : "") + lines.joined(separator: "\n")
        append(.assistant(text: summary, toolCalls: []), turn)
        turn.report(Task.isCancelled ? .cancelled : .finished(answer: summary))
    }

    /// A proposed call with the key that names it in events, the store and the inspector.
    struct KeyedCall {
        var key: String
        /// The id the provider gave, when it gave one.
        var providerID: String?
        /// The call as the conversation carries it: the provider's id when it is usable, else the key.
        var call: ToolCall
    }

    /// Gives each call a fresh key, unique within the session, and an id unique in the
    /// conversation (providers that omit ids, or reuse them across turns, get the key as id).
    private func keyed(_ calls: [ToolCall], keys: [String]? = nil) -> [KeyedCall] {
        var used = Set(messages.flatMap { message -> [String] in
            if case .assistant(_, let calls) = message { calls.map(\.id) } else { [] }
        })
        return calls.enumerated().map { index, call in
            let key = keys.flatMap { $0.indices.contains(index) ? $0[index] : nil } ?? CallKey.make()
            var conversational = call
            if call.id.isEmpty || used.contains(call.id) { conversational.id = key }
            used.insert(conversational.id)
            return KeyedCall(key: key, providerID: call.id.isEmpty ? nil : call.id, call: conversational)
        }
    }

    func append(_ message: ChatMessage, _ turn: TurnReporter) {
        messages.append(message)
        turn.report(.message(message))
    }

    private func answer(_ call: ToolCall, _ content: String, isError: Bool, _ turn: TurnReporter) {
        append(.toolResult(callID: call.id, name: call.name, content: content, isError: isError), turn)
    }

    /// Checks, approves and runs one call; returns what the model is told.
    private func handle(_ keyed: KeyedCall, ask: @escaping ApprovalAsker, turn: TurnReporter) async -> (content: String, isError: Bool) {
        switch await propose(keyed, turn: turn) {
        case .answered(let result): return result
        case .ready(let prepared, let request): return await finish(await decide(prepared, request, ask: ask, turn: turn), key: keyed.key, ask: ask, turn: turn)
        }
    }

    /// A call after its proposal: answered already (invalid, unrecordable), or ready to decide.
    enum Proposed {
        case answered((content: String, isError: Bool))
        case ready(PreparedCall, ApprovalRequest)
    }

    /// A call after its decision: answered (rejected, refused, an invalid edit), or to run.
    enum Decided: Sendable {
        case answered(content: String, isError: Bool)
        case run(arguments: [String: JSONValue], edited: Bool, tool: Tool, request: ApprovalRequest, decidedBy: DecisionSource)
    }

    /// Parses and checks a call, reads its preview and reports the proposal.
    private func propose(_ keyed: KeyedCall, turn: TurnReporter) async -> Proposed {
        let call = keyed.call
        let key = keyed.key
        let prepared: PreparedCall
        switch PreparedCall.prepare(call, catalog: catalog, executor: executor) {
        case .failure(let problem):
            turn.report(.toolProposed(callID: key, providerCallID: keyed.providerID, toolName: call.name,
                                      access: catalog.tool(named: call.name)?.access, arguments: .string(call.arguments), requestLine: nil))
            turn.report(.toolFinished(callID: key, ToolOutcome(notRun: problem.description)))
            return .answered(("Error: \(problem.description). No request was made.", true))
        case .success(let p):
            prepared = p
        }
        // A tool the model called without having found it is described from now on.
        if defersTools { loadedTools.insert(prepared.tool.name) }
        let request = await approvalRequest(for: prepared, key: key, turn: turn)
        let unrecorded = turn.report(.toolProposed(callID: key, providerCallID: keyed.providerID, toolName: call.name,
                                                   access: prepared.access, arguments: .object(prepared.arguments), requestLine: prepared.requestLine,
                                                   preview: request.preview, identity: request.identity))
        if let storeError = unrecorded, prepared.access == .write {
            // Its decision could not be stored either: refuse now rather than ask for nothing.
            return .answered(refuseUnrecorded(key, storeError, turn))
        }
        return .ready(prepared, request)
    }

    /// What the gate and the dialog are shown about a call: the tool it is for, its arguments,
    /// the request it makes, and (for a write that names a record) the record as read now.
    private func approvalRequest(for prepared: PreparedCall, key: String, turn: TurnReporter) async -> ApprovalRequest {
        let reference = RecordReference.of(prepared.tool, arguments: prepared.arguments, in: catalog)
        let preview = previewsWrites ? await preview(of: prepared, reference: reference, key: key, turn: turn) : nil
        var request = ApprovalRequest(callID: key, toolName: prepared.tool.name, access: prepared.access, arguments: .object(prepared.arguments),
                                      requestLine: prepared.requestLine, preview: preview, identity: prepared.tool.identity)
        request.urlArguments = prepared.tool.urlArguments
        request.namingKeys = reference?.namingKeys ?? []
        request.destruction = prepared.access == .write ? prepared.tool.destructionNote : nil
        return request
    }

    /// Routes a call through the gate (asking when it must) and stores the decision; a write
    /// whose decision could not be stored does not run.
    private func decide(_ prepared: PreparedCall, _ request: ApprovalRequest, ask: @escaping ApprovalAsker, turn: TurnReporter,
                        mustAsk: Bool = false) async -> Decided {
        let key = request.callID
        let proposedWrite = prepared.access == .write
        let named = proposedWrite ? NamedRecord.find(in: prepared.arguments, of: prepared.tool, catalog: catalog, naming: request.namingKeys) : []
        let naming = RecordNaming()
        let (record, zone) = (request.preview?.record, timeZone)
        if !gate.interactive, proposedWrite, case .run = await gate.routing(request).route {
            // No dialog to keep open: the record of the run (`exec --json`) names them before the
            // decision; a write the gate will refuse costs no reads.
            await nameRecords(named, of: prepared, record: record, key: key, turn: turn, progressive: false)
        }
        let verdict = await gate.decide(request, mustAsk: mustAsk, announce: {
            turn.report(.toolStateChanged(callID: key, .waitingForApproval))
            // The dialog opens with `resolving…` and fills in as the reads answer.
            let lines = proposedWrite ? Self.lines(named, reads: [:], of: prepared, record: record, in: zone) : []
            if !lines.isEmpty { turn.report(.recordsNamed(callID: key, lines: lines)) }
            if !named.isEmpty { naming.start { await self.nameRecords(named, of: prepared, record: record, key: key, turn: turn, progressive: true) } }
            turn.report(.approvalNeeded(request))
        }, ask: ask)
        await naming.stop()
        let decision = AgentEvent.approvalDecided(callID: key, approved: verdict.approved, decidedBy: verdict.decidedBy, reason: verdict.reason,
                                                  arguments: verdict.arguments, rule: verdict.rule,
                                                  grants: verdict.decision == .approveToolForSession && verdict.approved)
        // An edit can turn a generic API call's GET into a write: either access counts.
        let writes = prepared.access == .write || verdict.arguments.objectValue.map(prepared.tool.access(arguments:)) == .write
        if let storeError = turn.report(decision), verdict.approved, writes {
            let refused = refuseUnrecorded(key, storeError, turn)
            return .answered(content: refused.content, isError: refused.isError)
        }
        guard verdict.approved else {
            return .answered(content: Self.rejection(verdict), isError: true)
        }
        guard verdict.arguments != .object(prepared.arguments) else {
            return .run(arguments: prepared.arguments, edited: false, tool: prepared.tool, request: request, decidedBy: verdict.decidedBy)
        }
        // A resend carries its first request's idempotency key: with another body, a service that
        // replays by key would answer for the old write and never make the new one.
        guard CallKey.root(of: key) == key else {
            turn.report(.toolFinished(callID: key, ToolOutcome(notRun: "not run: a resend is sent as it first was; edited, it would be another write")))
            return .answered(content: "Error: a resend cannot be edited (it carries the first request's idempotency key). No request was made.", isError: true)
        }
        switch PreparedCall.check(verdict.arguments, for: prepared.tool) {
        case .failure(let problem):
            turn.report(.toolFinished(callID: key, ToolOutcome(notRun: "the edited arguments are invalid: \(problem.description)")))
            return .answered(content: "Error: the edited arguments are invalid (\(problem.description)). No request was made.", isError: true)
        case .success(let edited):
            // The rules see the edited arguments (and a generic API tool's access follows its
            // edited method); the record they name is read again before it runs (`finish`).
            var editedRequest = request
            editedRequest.arguments = .object(edited)
            editedRequest.access = prepared.tool.access(arguments: edited)
            editedRequest.requestLine = executor.requestLine(prepared.tool, arguments: edited)
            if let storeError = turn.report(.callRevised(callID: key, access: editedRequest.access, requestLine: editedRequest.requestLine,
                                                         preview: editedRequest.preview, identity: editedRequest.identity, changes: [])), writes {
                let refused = refuseUnrecorded(key, storeError, turn)
                return .answered(content: refused.content, isError: refused.isError)
            }
            return .run(arguments: edited, edited: true, tool: prepared.tool, request: editedRequest, decidedBy: verdict.decidedBy)
        }
    }

    /// How often one call may be decided again (its record or tool changed under it) before it is refused.
    static let maxDecisions = 4

    /// Runs a call its decision let through, once the decision is known to hold for what will be
    /// sent (`binding`); a call whose tool, arguments or record differ from what its decision saw
    /// is decided again first. Returns what the model is told.
    private func finish(_ decided: Decided, key: String, ask: @escaping ApprovalAsker, turn: TurnReporter) async -> (content: String, isError: Bool) {
        var decided = decided
        for decision in 1...Self.maxDecisions {
            guard case .run(let arguments, let edited, let tool, let request, let decidedBy) = decided else {
                if case .answered(let content, let isError) = decided { return (content, isError) }
                break
            }
            switch await binding(tool: tool, arguments: arguments, request: request, key: key, turn: turn) {
            case .refused(let why):
                return notRun(key, why, turn)
            case .decideAgain(let prepared, let revised):
                guard decision < Self.maxDecisions else { return notRun(key, "it changed under its decision \(decision) times", turn) }
                if let storeError = turn.report(.callRevised(callID: key, access: revised.access, requestLine: revised.requestLine,
                                                             preview: revised.preview, identity: revised.identity, changes: revised.changes)) {
                    return refuseUnrecorded(key, storeError, turn)
                }
                // A person's yes was given on the old picture: they are asked again. A rule's,
                // a grant's or the policy's decision is simply made again on the new one.
                decided = await decide(prepared, revised, ask: ask, turn: turn, mustAsk: decidedBy == .user)
            case .holds:
                if let why = await gate.recheck(request, decidedBy: decidedBy) { return notRun(key, why, turn) }
                // A decision the policy, a rule or a grant made must still be theirs now (the
                // policy may have changed while the batch ran): otherwise it is made again.
                if decidedBy != .user, await !gate.runs(request) {
                    guard decision < Self.maxDecisions else { return notRun(key, "its decision changed \(decision) times", turn) }
                    decided = await decide(PreparedCall(tool: tool, arguments: arguments, requestLine: request.requestLine), request, ask: ask, turn: turn)
                    continue
                }
                // Nothing may have replaced the tool while the checks above waited (a reload):
                // from here to the send there is no suspension.
                guard catalog.tool(named: request.toolName)?.identity == request.identity else { continue }
                let outcome = await executor.run(tool, arguments: arguments, callID: key, emit: turn.reportAndForget)
                turn.report(.toolFinished(callID: key, outcome))
                // Results are shortened to keep a window; a model without one reads them whole.
                return (ResultShortener.text(for: outcome, limit: model.hasContextWindow ? resultLimit : .max, edited: edited), outcome.isError)
            }
        }
        return notRun(key, "it changed under its decision \(Self.maxDecisions) times", turn)
    }

    /// A decided call that is not sent after all: rejected, with the reason as its outcome.
    private func notRun(_ key: String, _ why: String, _ turn: TurnReporter) -> (content: String, isError: Bool) {
        turn.report(.toolStateChanged(callID: key, .rejected))
        turn.report(.toolFinished(callID: key, ToolOutcome(notRun: "not run: \(why)")))
        return ("Not run: \(why).", true)
    }

    /// Whether a decision still holds for what would be sent now.
    enum Binding {
        case holds
        /// Decide again on this picture of the call (`ApprovalRequest.changes` says what changed).
        case decideAgain(PreparedCall, ApprovalRequest)
        case refused(String)
    }

    /// Checks, right before sending, what a decision was bound to: the tool's identity (a reload
    /// or a rename can put another tool behind the name), the record the final arguments name
    /// (an edit can name another one), and that record's state (read again: a write before it
    /// in the batch, or anyone else, may have changed it).
    private func binding(tool: Tool, arguments: [String: JSONValue], request: ApprovalRequest, key: String, turn: TurnReporter) async -> Binding {
        guard let current = catalog.tool(named: request.toolName) else {
            return .refused("\(request.toolName) is no longer a tool of the catalog (a source's tools changed since it was decided)")
        }
        var changes: [String] = []
        if current.identity != request.identity {
            changes.append("The tool changed since it was decided: \(request.toolName) is now \(current.identity.remoteName) from \(current.source)"
                           + (current.identity.remoteName == request.identity.remoteName && current.source == request.identity.source ? " with another schema or annotations" : ""))
        }
        let prepared: PreparedCall
        switch PreparedCall.check(.object(arguments), for: current) {
        case .failure(let problem): return .refused("the tool changed since it was decided, and the arguments no longer fit it (\(problem.description))")
        case .success(let checked): prepared = PreparedCall(tool: current, arguments: checked, requestLine: executor.requestLine(current, arguments: checked))
        }
        guard previewsWrites, prepared.access == .write, let reference = RecordReference.of(current, arguments: arguments, in: catalog) else {
            if request.preview?.readArguments != nil {
                changes.append("The record it was decided on can no longer be read (the catalog or the arguments changed)")
            }
            if changes.isEmpty { return .holds }
            var revised = await approvalRequest(for: prepared, key: key, turn: turn)
            revised.changes = changes
            return .decideAgain(prepared, revised)
        }
        var revised = await approvalRequest(for: prepared, key: key, turn: turn)
        let seen = request.preview
        if seen?.readArguments != reference.arguments {
            changes.append("The arguments name another record than the one shown: \(reference.read.name) \(JSONValue.object(reference.arguments).compactText)")
        } else if let before = seen?.record {
            guard let after = revised.preview?.record else {
                changes.append("The record could not be read again before sending: \(revised.preview?.unavailable ?? "no record")")
                revised.changes = changes
                return .decideAgain(prepared, revised)
            }
            let paths = RecordChange.watchedPaths(in: before, argumentKeys: arguments.keys, rulePaths: await gate.targetPaths(for: revised))
            changes += RecordChange.lines(from: before, to: after, paths: paths).map { "Changed since it was decided: \($0)" }
        } else if revised.preview?.record != nil {
            changes.append("The record could be read now, and was not when it was decided")
        }
        guard !changes.isEmpty else { return .holds }
        revised.changes = changes
        return .decideAgain(prepared, revised)
    }

    /// Reads the record a write names (a read like any other, rate limits waited out), for the
    /// dialog, the rules and the store; nil when the write names none the catalog can read.
    private func preview(of prepared: PreparedCall, reference: RecordReference?, key: String, turn: TurnReporter) async -> WritePreview? {
        guard let reference else { return nil }
        let irreversibleWithout = WriteInverse.tool(undoing: prepared.tool, in: catalog, record: nil) == nil
        let readRequest = ApprovalRequest(callID: key + "-preview", toolName: reference.read.name, access: .read, arguments: .object(reference.arguments),
                                          requestLine: "", identity: reference.read.identity)
        guard case .run = await gate.routing(readRequest).route else {
            return WritePreview(unavailable: "reading it with \(reference.read.name) needs a decision of its own", irreversible: irreversibleWithout,
                                readArguments: reference.arguments)
        }
        let outcome = await executor.run(reference.read, arguments: reference.arguments, callID: key + "-preview") { event in
            switch event {
            case .rateLimit, .waiting: turn.report(event)
            default: break
            }
        }
        let record = outcome.isError ? nil : RecordBody.unwrap(outcome.response)
        let irreversible = WriteInverse.tool(undoing: prepared.tool, in: catalog, record: record) == nil
        guard let record, record.objectValue != nil else {
            return WritePreview(unavailable: outcome.isError ? outcome.summary : "\(reference.read.name) did not return a record", irreversible: irreversible,
                                readArguments: reference.arguments)
        }
        return WritePreview(record: record, tool: prepared.tool, arguments: prepared.arguments, reference: reference, irreversible: irreversible,
                            timeZone: timeZone)
    }

    /// A write that cannot be recorded does not run.
    private func refuseUnrecorded(_ key: String, _ storeError: Error, _ turn: TurnReporter) -> (content: String, isError: Bool) {
        let line = "not run: the session store could not record it (\(storeError)); writes run only once their decision is stored"
        turn.report(.toolFinished(callID: key, ToolOutcome(notRun: line)))
        return ("Error: \(line). No request was made.", true)
    }

    private static func rejection(_ verdict: GateVerdict) -> String {
        switch verdict.decidedBy {
        case .user:
            rejectionPrefix + (verdict.reason.map { ": \(Self.sentence($0))" } ?? ".") + " " + rejectionAdvice
        case .rule, .grant, .policy:
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
