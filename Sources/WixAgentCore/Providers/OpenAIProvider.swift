import Foundation

/// OpenAI Chat Completions (`{baseURL}/chat/completions`), and any server that speaks it:
/// Ollama, vLLM, llama.cpp, LM Studio, OpenRouter. Streams over SSE unless `stream` is false.
public struct OpenAIProvider: ChatModel {
    public let model: String
    public let stream: Bool
    let http: ProviderHTTP

    public var displayName: String { ProviderKind.openai.label(model: model) }

    /// - Parameters:
    ///   - baseURL: ends in `/v1`, e.g. `https://api.openai.com/v1` (a trailing slash is fine).
    ///   - apiKey: sent as `Authorization: Bearer`; nil or empty for local servers that need none.
    public init(
        baseURL: String = "https://api.openai.com/v1", apiKey: String?, model: String, stream: Bool = true,
        retryPolicy: RetryPolicy = RetryPolicy(), transport: HTTPTransport
    ) {
        self.model = model
        self.stream = stream
        var headers = [("accept", stream ? "text/event-stream" : "application/json")]
        if let apiKey, !apiKey.isEmpty { headers.append(("authorization", "Bearer \(apiKey)")) }
        http = ProviderHTTP(
            service: "OpenAI", baseURL: baseURL, path: "/chat/completions", keyVariable: "OPENAI_API_KEY",
            model: model, apiKey: apiKey, headers: headers, retryStatuses: [429, 503],
            policy: retryPolicy, transport: transport)
    }

    public func reply(to request: ChatRequest) -> AsyncThrowingStream<ModelEvent, Error> {
        let body = OpenAIRequestBody.make(request, model: model, stream: stream).data
        return http.reply(posting: body, stream: stream, decoder: OpenAIReplyDecoder.self)
    }
}
