import Foundation
import NIOHTTP1

/// Every way a provider call fails, as one line naming the service, the status and what to do.
extension ProviderHTTP {
    /// A non-2xx status that is not (or no longer) retried.
    func failure(status: Int, body: Data, retries: Int, location: String? = nil) -> ProviderError {
        let head = "\(service) at \(baseURL) answered \(Self.statusLine(status))"
        let detail = errorMessage(body)
        let message = detail.map { " (\($0))" } ?? ""
        if let overflow = ContextOverflow.parse(status: status, body: body) {
            return ProviderError(.contextOverflow(window: overflow.window, requested: overflow.requested),
                                 "\(head): the request is longer than the model's context window\(message)")
        }
        switch status {
        case 300..<400:
            return ProviderError(.badRequest, "\(head), a redirect to \(location.map { String($0.prefix(200)) } ?? "an unnamed location"), which is not followed (it could carry the key to another host): set --llm-base-url to the final URL")
        case 401:
            return ProviderError(.unauthorized, "\(head): check \(keyVariable)")
        case 403:
            return ProviderError(.unauthorized, "\(head): check \(keyVariable) and its access to model \(model)\(message)")
        case 404:
            return ProviderError(.modelNotFound, "\(head) for model \(model): check --model and --llm-base-url\(message)")
        case 429:
            return ProviderError(.rateLimited, "\(head) after \(retries) retries: wait a minute and try again\(message)")
        case 400..<500:
            return ProviderError(.badRequest, "\(head): \(detail ?? "the request was rejected")")
        default:
            let retried = retries > 0 ? " after \(retries) retries" : ""
            return ProviderError(.server, "\(head)\(retried): the service failed, try again later\(message)")
        }
    }

    /// The request never got an answer: refused, timed out, name not resolved.
    func unreachable(_ error: Error) -> ProviderError {
        let text = String(describing: error)
        let cause = text.localizedCaseInsensitiveContains("refused") ? "connection refused"
            : text.localizedCaseInsensitiveContains("timeout") || text.localizedCaseInsensitiveContains("deadline") ? "timed out"
            : oneLine(text, limit: 120)
        return ProviderError(.unreachable, "cannot reach \(service) at \(baseURL) (\(cause)): check --llm-base-url and that the server is running")
    }

    func brokenStream(midEvent: Bool) -> ProviderError {
        let where_ = midEvent ? "in the middle of an event" : "before the reply was complete"
        return ProviderError(.brokenStream, "\(service) at \(baseURL) ended the stream \(where_): try again")
    }

    func malformed(_ what: String) -> ProviderError {
        ProviderError(.malformed, "\(service) at \(baseURL) sent \(what)")
    }

    /// An error the provider reported inside a 200 stream (`error` event or chunk).
    func streamError(_ payload: JSONValue) -> ProviderError {
        let message = Self.message(in: payload).map { oneLine($0, limit: 200) } ?? "no details"
        let overloaded = payload["error"]?["type"]?.stringValue == "overloaded_error"
        return ProviderError(.server, "\(service) at \(baseURL) reported an error mid-reply\(overloaded ? " (overloaded)" : ""): \(message); try again")
    }

    /// The provider's own explanation in an error body, on one short line, without the key.
    func errorMessage(_ body: Data) -> String? {
        guard !body.isEmpty else { return nil }
        let text = (try? JSONValue.parse(body)).flatMap(Self.message(in:)) ?? String(decoding: body, as: UTF8.self)
        let line = oneLine(text, limit: 200)
        return line.isEmpty ? nil : line
    }

    /// `error.message` (OpenAI, Anthropic), `error` as a string (Ollama), or `message`.
    static func message(in json: JSONValue) -> String? {
        json["error"]?["message"]?.stringValue ?? json["error"]?.stringValue ?? json["message"]?.stringValue
    }

    /// Whitespace collapsed to single spaces, shortened to `limit` characters, the key redacted.
    func oneLine(_ text: String, limit: Int) -> String {
        var line = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if let apiKey { line = line.replacingOccurrences(of: apiKey, with: "[redacted]") }
        return line.count > limit ? line.prefix(limit - 1) + "…" : line
    }

    /// `429 Too Many Requests`; `529 Overloaded` (Anthropic); just the number when unknown.
    static func statusLine(_ status: Int) -> String {
        let phrase = status == 529 ? "Overloaded" : HTTPResponseStatus(statusCode: status).reasonPhrase
        return phrase.isEmpty ? "\(status)" : "\(status) \(phrase)"
    }
}
