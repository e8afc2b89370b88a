/// One complete reply of the model, gathered from its event stream while forwarding the live parts.
struct ModelReply {
    var text = ""
    var toolCalls: [ToolCall] = []
    /// What the provider counted for this request, when it said.
    var usage: TokenUsage?

    static func collect(_ stream: AsyncThrowingStream<ModelEvent, Error>, emit: @Sendable (AgentEvent) -> Void) async throws -> ModelReply {
        var reply = ModelReply()
        for try await event in stream {
            switch event {
            case .textDelta(let delta):
                reply.text += delta
                emit(.textDelta(delta))
            case .toolCall(let call):
                reply.toolCalls.append(call)
            case .usage(let usage):
                reply.usage = usage
                emit(.usage(usage))
            case .rateLimit(let snapshot):
                emit(.rateLimit(.model, snapshot))
            case .retrying(let attempt, let of, let seconds, let reason):
                emit(.waiting(.model, callID: nil, seconds: seconds, attempt: attempt, of: of, reason: reason))
            }
            if Task.isCancelled { break }
        }
        return reply
    }
}
