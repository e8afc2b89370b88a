import AsyncHTTPClient
import Foundation
import NIOCore

/// Turns one provider's replies into model events: a streamed reply event by event (knowing
/// when it is complete), or a whole JSON reply at once.
protocol ProviderReplyDecoder: Sendable {
    init(http: ProviderHTTP)
    /// True once the stream's terminator (`[DONE]`, `message_stop`) has arrived.
    var isComplete: Bool { get }
    mutating func decode(_ event: SSEEvent) throws -> [ModelEvent]
    static func decodeWhole(_ reply: JSONValue, http: ProviderHTTP) throws -> [ModelEvent]
}

extension ProviderHTTP {
    /// Reads a `text/event-stream` body through `decoder`, emitting its events as they come.
    /// A body that ends (or fails) before the decoder saw the terminator is a broken stream.
    func readEvents<Decoder: ProviderReplyDecoder>(
        _ response: HTTPClientResponse, with decoder: inout Decoder, emit: @Sendable (ModelEvent) -> Void
    ) async throws {
        var parser = SSEParser()
        var received = 0
        do {
            for try await chunk in response.body {
                received += chunk.readableBytes
                let events = parser.feed(chunk.readableBytesView)
                guard !parser.overflowed, received <= Self.maxReplyBytes else {
                    throw malformed("a streamed reply larger than its bounds (\(Self.maxReplyBytes >> 20) MiB in all, \(SSEParser.maxLineBytes >> 20) MiB a line)")
                }
                for event in events {
                    for modelEvent in try decoder.decode(event) { emit(modelEvent) }
                    if decoder.isComplete { return }
                }
            }
        } catch let error as ProviderError {
            throw error
        } catch let error as HTTPClientError where error == .readTimeout {
            try Task.checkCancellation()
            throw ProviderError(.server, "\(service) at \(baseURL) sent nothing for \(transport.idleTimeoutSeconds) s in the middle of its reply; try again, or use a faster model")
        } catch {
            try Task.checkCancellation()
            throw brokenStream(midEvent: parser.hasPartialEvent)
        }
        try Task.checkCancellation()
        throw brokenStream(midEvent: parser.hasPartialEvent)
    }

    /// The most a streamed reply may send in all.
    static let maxReplyBytes = 32 << 20

    /// True when a server answered a streaming request with a plain JSON body instead.
    static func isJSON(_ response: HTTPClientResponse) -> Bool {
        response.headers.first(name: "content-type")?.lowercased().hasPrefix("application/json") == true
    }

    /// Reads a whole JSON body.
    func readJSON(_ response: HTTPClientResponse) async throws -> JSONValue {
        let buffer: ByteBuffer
        do {
            buffer = try await response.body.collect(upTo: 32 << 20)
        } catch {
            try Task.checkCancellation()
            throw brokenStream(midEvent: true)
        }
        return try parseJSON(Data(buffer.readableBytesView))
    }

    /// Parses JSON text the provider sent; anything else is `.malformed`.
    func parseJSON(_ text: Data) throws -> JSONValue {
        do {
            return try JSONValue.parse(text)
        } catch {
            throw malformed("a reply that is not valid JSON: \(oneLine(String(decoding: text, as: UTF8.self), limit: 80))")
        }
    }
}
