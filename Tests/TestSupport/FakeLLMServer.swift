import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle
import WixAgentCore

/// A local model server on 127.0.0.1 (a free port) that answers from a script of
/// `ScriptedReply`s in its wire format, streaming or not as each request asks, and records
/// every request. Use `FakeOpenAIServer` or `FakeAnthropicServer`:
///
///     let server = try await FakeOpenAIServer.start()
///     server.enqueue(.toolCall(name: "list_all_wix_orders", arguments: #"{"limit":5}"#), .text("Done."))
///     … point a client at server.baseURL …
///     #expect(server.requests[0].body["tools"] != nil)
///     await server.stop()
///
/// Streamed events are each written in two writes split at their middle byte (even inside a
/// UTF-8 character), so clients see lines cut across network chunks. Like the real APIs, it
/// answers 400 to a conversation with a tool call that has no result (before using a reply).
public final class FakeLLMServer<Wire: FakeWireFormat>: Sendable {
    public let port: Int
    /// What to configure a client with: `http://127.0.0.1:PORT/v1` (OpenAI), `http://127.0.0.1:PORT` (Anthropic).
    public var baseURL: String { "http://127.0.0.1:\(port)\(Wire.baseURLSuffix)" }

    private let script: Script
    private let server: LocalServer

    /// How a server treats a request longer than its window, each the way a real one does.
    public enum Overflow: Sendable {
        /// OpenAI, vLLM, Anthropic: an HTTP 400 in the provider's own shape.
        case refuse
        /// Ollama's OpenAI endpoint: 200, the front of the prompt dropped, about half the window
        /// reported as the prompt's tokens, and an answer to what was left.
        case truncate
        /// LM Studio with a GGUF model: 200 and an empty reply.
        case empty
    }

    private init(server: LocalServer, script: Script) {
        self.port = server.port
        self.script = script
        self.server = server
    }

    /// Starts serving and returns once the port is bound. With a `window`, a request of more
    /// prompt tokens (`RecordedRequest.promptTokens`) overflows it as `overflow` says, and takes
    /// no reply from the script. `responder` answers a request when the script is empty.
    public static func start(window: Int? = nil, overflow: Overflow = .refuse,
                             responder: (@Sendable (RecordedRequest) -> ScriptedReply)? = nil) async throws -> FakeLLMServer {
        let script = Script()
        let router = Router()
        router.post(RouterPath(Wire.path)) { request, _ -> Response in
            let recorded = try await record(request)
            script.record(recorded)
            if let problem = Wire.conversationProblem(recorded.body) {
                return json(400, ["type": "error", "error": ["type": "invalid_request_error", "message": .string(problem)]])
            }
            if let window, recorded.promptTokens > window {
                script.overflowed()
                switch overflow {
                case .refuse:
                    let (status, body) = Wire.overflowError(window: window, tokens: recorded.promptTokens)
                    return json(status, body)
                case .truncate:
                    return respond(to: recorded, with: .answer(ScriptedAnswer(text: "Hello! How can I help you today?",
                                                                              usage: TokenUsage(input: window / 2, output: 9))))
                case .empty:
                    return respond(to: recorded, with: .answer(ScriptedAnswer(text: "", usage: TokenUsage(input: 0, output: 0))))
                }
            }
            return respond(to: recorded, with: script.next() ?? responder?(recorded))
        }
        let server = try await LocalServer.start(router, name: "fake \(Wire.self) server")
        return FakeLLMServer(server: server, script: script)
    }

    /// Queues replies; each request takes the next one.
    public func enqueue(_ replies: ScriptedReply...) {
        script.enqueue(replies)
    }

    /// Every request received so far, oldest first.
    public var requests: [RecordedRequest] { script.requests }

    /// Replies not yet used.
    public var pendingReplies: Int { script.pendingCount }

    /// How many requests were longer than the window.
    public var overflows: Int { script.overflowCount }

    /// Stops serving and waits until the server is down.
    public func stop() async {
        await server.stop()
    }

    private static func record(_ request: Request) async throws -> RecordedRequest {
        let buffer = try await request.body.collect(upTo: 16 << 20)
        let raw = String(buffer: buffer)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
        }
        return RecordedRequest(method: request.method.rawValue, path: request.uri.path, headers: headers,
                               body: (try? JSONValue.parse(raw)) ?? .null, rawBody: raw)
    }

    private static func respond(to request: RecordedRequest, with reply: ScriptedReply?) -> Response {
        let stream = request.wantsStream
        switch reply {
        case nil:
            return json(500, ["error": ["message": "the fake server's script has no reply left"]])
        case .failure(let status, let body, let headers):
            return raw(status, body, headers: headers)
        case .answer(let answer):
            return stream
                ? events(Wire.streamEvents(answer, request: request), headers: answer.headers)
                : json(200, Wire.body(answer, request: request), headers: answer.headers)
        case .brokenStream(let text):
            let answer = ScriptedAnswer(text: text)
            if stream {
                let all = Wire.streamEvents(answer, request: request)
                let kept = all.prefix(max(1, all.count / 2))
                let cut = all[kept.count].utf8.prefix(all[kept.count].utf8.count / 2)
                return events(Array(kept) + [String(decoding: cut, as: UTF8.self)])
            }
            let whole = Wire.body(answer, request: request).compactText
            return raw(200, String(whole.prefix(whole.count / 2)))
        case .malformedJSON:
            return stream ? events(["data: {\"not json\n\n"]) : raw(200, "{\"not json")
        case .streamError(let message):
            if stream {
                let start = Wire.streamEvents(ScriptedAnswer(text: "Working on it"), request: request)
                return events(Array(start.prefix(2)) + [Wire.streamErrorEvent(message)])
            }
            return json(500, ["type": "error", "error": ["type": "api_error", "message": .string(message)]])
        }
    }

    private static func events(_ events: [String], headers: [String: String] = [:]) -> Response {
        let base = ["content-type": "text/event-stream", "cache-control": "no-cache"]
        return Response(status: .ok, headers: fields(base, headers), body: ResponseBody { writer in
            for event in events {
                let bytes = Array(event.utf8)
                try await writer.write(ByteBuffer(bytes: bytes[..<(bytes.count / 2)]))
                try await writer.write(ByteBuffer(bytes: bytes[(bytes.count / 2)...]))
            }
            try await writer.finish(nil)
        })
    }

    private static func json(_ status: Int, _ body: JSONValue, headers: [String: String] = [:]) -> Response {
        raw(status, body.compactText, headers: headers)
    }

    private static func raw(_ status: Int, _ body: String, headers: [String: String] = [:]) -> Response {
        Response(status: .init(code: status), headers: fields(["content-type": "application/json"], headers),
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    private static func fields(_ base: [String: String], _ extra: [String: String]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in base.merging(extra, uniquingKeysWith: { _, new in new }) {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        return fields
    }
}

/// The fake server could not start.
public struct FakeServerError: Error, CustomStringConvertible {
    public let description: String
}

/// The queue of replies and the record of requests, shared with the request handlers.
private final class Script: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: [ScriptedReply] = []
    private var received: [RecordedRequest] = []
    private var overflowsSeen = 0

    func enqueue(_ replies: [ScriptedReply]) { lock.withLock { queue += replies } }
    func record(_ request: RecordedRequest) { lock.withLock { received.append(request) } }
    func next() -> ScriptedReply? { lock.withLock { queue.isEmpty ? nil : queue.removeFirst() } }
    var requests: [RecordedRequest] { lock.withLock { received } }
    var pendingCount: Int { lock.withLock { queue.count } }
    func overflowed() { lock.withLock { overflowsSeen += 1 } }
    var overflowCount: Int { lock.withLock { overflowsSeen } }
}
