/// Context economy: every model request is kept inside the model's window. Before a request
/// that would pass `ContextPolicy.limit`, the conversation the model sees is compacted
/// (`Compaction`, cheapest step first); a request the server refuses as too long (or truncates
/// silently, or answers with nothing) lowers the window to what the server said and is compacted
/// and sent again, at most twice. A catalog too large to send whole is sent as `search_tools`
/// plus the tools found so far. None of this changes what is stored, approved or audited.
extension Agent {
    /// The request the model gets now.
    func request(system: String) -> ChatRequest {
        guard defersTools else { return ChatRequest(system: system, messages: messages, tools: catalog.specs) }
        let loaded = catalog.specs.filter { loadedTools.contains($0.name) || context.alwaysLoad.contains($0.name) }
        let shown = Set(loaded.map(\.name))
        let others = catalog.tools.map(\.name).filter { !shown.contains($0) }
        let note = others.isEmpty ? "" : "\n\nThe catalog has more tools than are described to you. Find them with search_tools (say what you want to do); "
            + "a tool found can be called at once and is described from then on. The other tools: " + others.joined(separator: ", ") + "."
        return ChatRequest(system: system + note, messages: messages, tools: [ToolSearch.spec] + loaded)
    }

    /// Whether requests carry `search_tools` instead of every schema.
    var defersTools: Bool {
        guard model.hasContextWindow else { return false }
        switch context.toolLoading {
        case .all: return false
        case .deferred: return true
        case .auto: return catalog.specs.reduce(0) { $0 + TokenEstimate.tokens($1) } > context.window / 10
        }
    }

    /// What the next request would hold (with `system`, else a prompt written now), with what
    /// eliding old results would free.
    public func contextUsage(system: String? = nil) -> ContextUsage {
        var usage = measure(request(system: system ?? systemPrompt()), elidable: Compaction.elideOldResults(messages).saved)
        usage.reported = lastReported
        return usage
    }

    /// What a request holds, as estimated and calibrated by the provider's last count.
    func measure(_ request: ChatRequest, elidable: Int = 0) -> ContextUsage {
        ContextUsage(request: request, window: context.window, elidable: elidable, scale: calibration)
    }

    /// Sends the conversation, compacted to fit first; recovers from a refusal as too long, a
    /// silently truncated prompt and an empty reply to a large prompt by lowering the window,
    /// compacting and sending again (twice at most). A cancelled turn is never taken for any of them.
    func send(system: String, turn: TurnReporter) async throws -> ModelReply {
        var retries = 0
        while true {
            await fit(system: system, turn: turn, force: retries > 0)
            let request = self.request(system: system)
            let sent = measure(request).total
            do {
                let reply = try await ModelReply.collect(model.reply(to: request), emit: turn.reportAndForget)
                try Task.checkCancellation()
                if !model.hasContextWindow { return reply }
                if retries < 2, reply.toolCalls.isEmpty, let kept = reply.usage?.input, kept > 0, sent > 2_048, kept < sent / 2 {
                    // Ollama's way: 200, the front of the prompt (system prompt and tools first)
                    // dropped, the kept count reported, and an answer without tool calls.
                    retries += 1
                    lower(to: kept, because: "the model's server counted \(kept) tokens of a \(sent)-token request (it drops what does not fit)", turn)
                    continue
                }
                if retries < 2, reply.text.isEmpty, reply.toolCalls.isEmpty, sent > 2_048 {
                    // LM Studio's way: an empty reply to a prompt that did not fit.
                    retries += 1
                    lower(to: sent * 3 / 4, because: "the model answered nothing to a \(sent)-token request", turn)
                    continue
                }
                lastReported = reply.usage?.input
                if let counted = reply.usage?.input, counted > 0, sent > 0 {
                    calibration = min(4, max(1, Double(counted) / (Double(sent) / calibration)))
                }
                return reply
            } catch let error as ProviderError {
                guard case .contextOverflow(let window, let requested) = error.kind else { throw error }
                guard retries < 2 else {
                    throw ProviderError(error.kind, "\(error.description). Compacting twice did not make it fit: /clear starts afresh, or set --context-window to the model's real window")
                }
                retries += 1
                // The server's window in this program's estimate: scaled by how the server
                // counted this request, when it said (its tokenizer may count more than the estimate).
                let target = window.map { window -> Int in
                    let scaled = requested.map { $0 > 0 ? Double(window) * Double(sent) / Double($0) : Double(window) } ?? Double(window)
                    // The server's numbers are not trusted: the window only ever gets smaller (`lower`).
                    return Int(min(max(scaled, 0), Double(context.window)))
                }
                let allows = window.map { ", saying it allows \($0) of its tokens" } ?? ""
                lower(to: target ?? sent * 3 / 4, because: "the model's server refused a \(sent)-token request as too long\(allows)", turn)
            }
        }
    }

    /// Takes a smaller window from now on, and says so.
    private func lower(to tokens: Int, because why: String, _ turn: TurnReporter) {
        let lowered = max(1_024, min(context.window - 1, tokens))
        guard lowered < context.window else { return }
        turn.report(.notice("Context window lowered from \(context.window) to \(lowered) tokens: \(why). Compacting and sending again."))
        context.window = lowered
    }

    /// Whether a call of the conversation is a write (a generic API tool's by its method).
    func isWrite(_ call: ToolCall) -> Bool {
        guard let tool = catalog.tool(named: call.name) else { return false }
        let arguments = (try? JSONValue.parse(call.arguments))?.objectValue ?? [:]
        return tool.access(arguments: arguments) == .write
    }

    /// Compacts what the model is sent when the next request would pass the limit (`force`:
    /// also when it would not, after the server said it did not fit; `focus`: `/compact` asked,
    /// so older turns are summarized too, keeping what concerns the focus when it is not empty).
    /// Reports the usage first.
    func fit(system: String, turn: TurnReporter, force: Bool = false, focus: String? = nil) async {
        var usage = contextUsage(system: system)
        turn.report(.context(usage))
        guard model.hasContextWindow, force || focus != nil || usage.total > context.limit else { return }
        let before = usage.total
        let original = messages
        let catalog = self.catalog
        let elision = Compaction.elideOldResults(messages, turns: force ? 1 : Compaction.recentTurns,
                                                 isWrite: { catalog.tool(named: $0)?.access == .write })
        messages = elision.messages
        // Tool schemas found long ago and not used in the recent turns go back to the search.
        let recent = messages[Compaction.recentStart(messages)...]
        loadedTools = loadedTools.intersection(recent.flatMap { message -> [String] in
            if case .assistant(_, let calls) = message { calls.map(\.name) } else { [] }
        })
        var summarized = false
        if focus != nil || measure(request(system: system)).total > context.limit {
            summarized = await summarize(focus: focus.flatMap { $0.isEmpty ? nil : $0 }, records: original, turn: turn)
        }
        var shortened = false
        usage = measure(request(system: system))
        if usage.total > context.limit, usage.toolResults > 0 {
            // What room is left, shared among the results, in characters (about three a token).
            let room = max(1_000, (context.limit - (usage.total - usage.toolResults)) * 3 / max(1, resultCount))
            messages = Compaction.shortenLarge(messages, limit: room)
            shortened = true
        }
        let after = measure(request(system: system)).total
        guard after < before else {
            if focus != nil { turn.report(.notice("Nothing more to compact: the model is sent \(after) tokens, all of them from the latest turn or already compacted.")) }
            return
        }
        turn.report(.compacted(CompactionReport(before: before, after: after, elided: elision.elided, summarized: summarized, shortened: shortened,
                                                view: messages)))
        var now = contextUsage(system: system)
        now.reported = nil
        turn.report(.context(now))
    }

    private var resultCount: Int {
        messages.reduce(0) { if case .toolResult = $1 { $0 + 1 } else { $0 } }
    }

    /// Step 2: the part before the recent turns, summarized by the model (one request without
    /// tools, the part as a plain transcript), followed by what the program itself recorded of
    /// it in `records` (the conversation before any elision): the writes that ran (or did not)
    /// and the grants in force. When the summary cannot be had (the request failed, the turn was
    /// cancelled) nothing is replaced. False when nothing was summarized.
    private func summarize(focus: String?, records: [ChatMessage], turn: TurnReporter) async -> Bool {
        var start = Compaction.recentStart(messages)
        if start == 0 { start = Compaction.recentStart(messages, turns: 1) }
        guard start > 0, start <= records.count else { return false }
        let snapshot = messages
        let facts = Compaction.recordedFacts(Array(records[..<start]), isWrite: isWrite, grants: gate.ledger.grants.map(\.tool))
        let room = max(1_000, context.limit * 2)
        let transcript = Compaction.transcript(Array(messages[..<start]), limit: max(200, room / max(1, start)), total: room)
        let request = ChatRequest(system: Compaction.summaryInstruction(focus: focus), messages: [.user(transcript)], tools: [])
        let summary: String
        do {
            summary = try await ModelReply.collect(model.reply(to: request), emit: { event in
                if case .textDelta = event { return }
                turn.report(event)
            }).text.trimmingCharacters(in: .whitespacesAndNewlines)
            try Task.checkCancellation()
        } catch {
            if !Task.isCancelled { turn.report(.notice("The older turns could not be summarized (\(error)); only old results were elided.")) }
            return false
        }
        // The conversation may have been replaced while the summary was written.
        guard messages == snapshot else { return false }
        let text = Compaction.compactedMarker + "\n" + (summary.isEmpty ? "" : "Summary, written by the model:\n\(summary)\n\n") + facts
        messages = [.user(text), .assistant(text: "Understood: I continue from this summary and these records.", toolCalls: [])] + messages[start...]
        return true
    }

    /// `/compact [focus]`: compacts now, summarizing older turns with `focus` in mind.
    public func compact(focus: String?, journal: EventJournal? = nil, emit: @escaping @Sendable (AgentEvent) -> Void) async {
        let turn = TurnReporter(journal: journal, ledger: gate.ledger, emit: emit)
        await fit(system: systemPrompt(), turn: turn, force: true, focus: focus ?? "")
    }

    /// Answers `search_tools` itself: the catalog's best matches, which requests carry from then on.
    func searchTools(_ keyed: KeyedCall, turn: TurnReporter) -> (content: String, isError: Bool) {
        let arguments = (try? JSONValue.parse(keyed.call.arguments)) ?? [:]
        let query = arguments["query"]?.stringValue ?? ""
        let limit = arguments["limit"]?.intValue ?? 8
        turn.report(.toolProposed(callID: keyed.key, providerCallID: keyed.providerID, toolName: ToolSearch.toolName, access: .read,
                                  arguments: arguments, requestLine: "search the catalog for \"\(query)\"",
                                  identity: ToolIdentity(source: "wixagent", remoteName: ToolSearch.toolName, fingerprint: "")))
        let found = (try? ToolSearch.search(query, in: catalog, limit: limit)) ?? []
        loadedTools.formUnion(found.map(\.name))
        let answer = ToolSearch.answer(found, query: query)
        turn.report(.toolFinished(callID: keyed.key, ToolOutcome(status: nil, latencyMs: 0, response: .array(found.map { .string($0.name) }),
                                                                  isError: false, summary: "\(found.count) tool\(found.count == 1 ? "" : "s") found")))
        return (answer, false)
    }
}
