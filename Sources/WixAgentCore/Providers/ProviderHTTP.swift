import AsyncHTTPClient
import Foundation
import NIOCore

/// What the OpenAI and Anthropic providers share: one POST endpoint, 429/overload retries per
/// `RetryPolicy`, rate-limit snapshots, and mapping every failure to a one-line `ProviderError`.
/// The API key travels only in `headers` and is redacted from anything a message quotes.
struct ProviderHTTP: Sendable {
    /// The service as people know it, e.g. `OpenAI`.
    let service: String
    /// The base URL as configured (trailing slash removed); messages name it.
    let baseURL: String
    /// `baseURL` plus the API path.
    let endpoint: String
    /// The environment variable that holds the key, e.g. `OPENAI_API_KEY`.
    let keyVariable: String
    let model: String
    let apiKey: String?
    let headers: [(String, String)]
    /// Statuses that are waited out and retried (always 429; 503, and 529 for Anthropic).
    let retryStatuses: Set<Int>
    let policy: RetryPolicy
    let transport: HTTPTransport

    init(
        service: String, baseURL: String, path: String, keyVariable: String, model: String, apiKey: String?,
        headers: [(String, String)], retryStatuses: Set<Int>, policy: RetryPolicy, transport: HTTPTransport
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.service = service
        self.baseURL = base
        self.endpoint = base + path
        self.keyVariable = keyVariable
        self.model = model
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        self.headers = headers
        self.retryStatuses = retryStatuses
        self.policy = policy
        self.transport = transport
    }

    /// Posts `body` and streams the reply: through `Decoder` event by event when streaming (and
    /// the server did stream), else decoded whole. Cancelling the consumer cancels the request.
    func reply<Decoder: ProviderReplyDecoder>(
        posting body: Data, stream: Bool, decoder: Decoder.Type
    ) -> AsyncThrowingStream<ModelEvent, Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let emit: @Sendable (ModelEvent) -> Void = { continuation.yield($0) }
                    let response = try await post(body, emit: emit)
                    if stream, !Self.isJSON(response) {
                        var decoder = Decoder(http: self)
                        try await readEvents(response, with: &decoder, emit: emit)
                    } else {
                        for event in try Decoder.decodeWhole(try await readJSON(response), http: self) { emit(event) }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// POSTs `body` and returns the first 2xx response, waiting out retryable statuses.
    /// Emits `.rateLimit` for every response that carries rate-limit headers and `.retrying`
    /// before each wait; throws `ProviderError` once retries run out or for any other status.
    func post(_ body: Data, emit: @Sendable (ModelEvent) -> Void) async throws -> HTTPClientResponse {
        var attempt = 0
        while true {
            let response: HTTPClientResponse
            do {
                response = try await transport.open(method: "POST", url: endpoint, headers: headers, body: body)
            } catch {
                try Task.checkCancellation()
                throw unreachable(error)
            }
            let status = Int(response.status.code)
            let snapshot = RateLimitHeaders.parse(HTTPTransport.lowercased(response.headers))
            if !snapshot.isEmpty { emit(.rateLimit(snapshot)) }
            if (200..<300).contains(status) { return response }

            let errorBody = await collectQuietly(response)
            guard retryStatuses.contains(status), attempt < policy.maxRetries else {
                throw failure(status: status, body: errorBody, retries: attempt, location: response.headers.first(name: "location"))
            }
            attempt += 1
            switch policy.step(attempt: attempt, rateLimited: status == 429, after: snapshot) {
            case .tooLong(let asked):
                throw ProviderError(status == 429 ? .rateLimited : .server,
                                    policy.tooLongLine("\(service) (\(Self.statusLine(status)))", asked: asked))
            case .wait(let seconds):
                emit(.retrying(attempt: attempt, of: policy.maxRetries, after: seconds,
                               reason: "\(service) answered \(Self.statusLine(status))"))
                try await policy.sleep(seconds: seconds)
            }
        }
    }

    /// Reads an error body, at most 64 KiB; a body that fails to arrive is just empty.
    private func collectQuietly(_ response: HTTPClientResponse) async -> Data {
        guard let buffer = try? await response.body.collect(upTo: 64 << 10) else { return Data() }
        return Data(buffer.readableBytesView)
    }
}

/// Printing, debug-printing or dumping a provider never shows its key.
extension ProviderHTTP: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    var description: String { "\(service) at \(baseURL), model \(model)" }
    var debugDescription: String { description }
    var customMirror: Mirror { Mirror(self, children: ["service": service, "endpoint": endpoint, "model": model]) }
}
