import Foundation

/// Anthropic Messages (`{baseURL}/v1/messages`) with tools. Streams over SSE unless `stream` is false.
public struct AnthropicProvider: ChatModel {
    public let model: String
    public let stream: Bool
    public let maxTokens: Int
    let http: ProviderHTTP

    public var displayName: String { ProviderKind.anthropic.label(model: model) }

    /// - Parameters:
    ///   - baseURL: the host, e.g. `https://api.anthropic.com` (a trailing `/` or `/v1` is tolerated).
    ///   - apiKey: sent as `x-api-key`.
    public init(
        baseURL: String = "https://api.anthropic.com", apiKey: String?, model: String, stream: Bool = true,
        maxTokens: Int = 4096, retryPolicy: RetryPolicy = RetryPolicy(), transport: HTTPTransport
    ) {
        self.model = model
        self.stream = stream
        self.maxTokens = maxTokens
        var headers = [("anthropic-version", "2023-06-01"), ("content-type", "application/json")]
        if let apiKey, !apiKey.isEmpty { headers.append(("x-api-key", apiKey)) }
        var host = baseURL
        while host.hasSuffix("/") { host.removeLast() }
        if host.hasSuffix("/v1") { host.removeLast(3) }
        http = ProviderHTTP(
            service: "Anthropic", baseURL: host, path: "/v1/messages", keyVariable: "ANTHROPIC_API_KEY",
            model: model, apiKey: apiKey, headers: headers, retryStatuses: [429, 503, 529],
            policy: retryPolicy, transport: transport)
    }

    public func reply(to request: ChatRequest) -> AsyncThrowingStream<ModelEvent, Error> {
        let body = AnthropicRequestBody.make(request, model: model, maxTokens: maxTokens, stream: stream).data
        return http.reply(posting: body, stream: stream, decoder: AnthropicReplyDecoder.self)
    }
}
