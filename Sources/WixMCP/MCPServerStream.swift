import NIOCore
import WixAgentCore

extension MCPHTTPChannel {
    /// Opens the server's own stream: a GET whose SSE events are messages the server sends
    /// outside any request. A server that answers requests with plain JSON can ask for a form,
    /// or say its tools changed, only there. A server that offers none answers 405 (any 4xx
    /// ends the listening); a stream that ends or breaks is opened again, 1 s later (up to 30 s
    /// after failed tries), while the session lasts and the channel is open, with the last event
    /// id it gave as `Last-Event-ID`, so a server that keeps its events can send the missed ones.
    func listen() {
        listener?.cancel()
        guard !closed else { return }
        let session = sessionID
        listener = Task { await self.keepListening(session: session) }
    }

    private func keepListening(session: String?) async {
        var pause = Duration.seconds(1)
        while !Task.isCancelled, !closed, sessionID == session {
            let (offered, opened) = await listenOnce()
            guard offered else { return }
            pause = opened ? .seconds(1) : min(pause * 2, .seconds(30))
            try? await Task.sleep(for: pause)
        }
    }

    /// One stream, until it ends: whether the server offers one, and whether it opened.
    private func listenOnce() async -> (offered: Bool, opened: Bool) {
        do {
            // The stream may stay open for as long as the session does.
            let resume = streamEventID.map { [("last-event-id", $0)] } ?? []
            let response = try await http.open(method: "GET", url: url, headers: headers(accepting: "text/event-stream") + resume, timeout: .seconds(86_400))
            let status = Int(response.status.code)
            let type = response.headers.first(name: "content-type")?.lowercased() ?? ""
            guard status == 200, type.hasPrefix("text/event-stream") else {
                _ = try? await response.body.collect(upTo: 64 << 10)
                return (!(400..<500).contains(status), false)
            }
            var parser = SSEParser()
            for try await chunk in response.body {
                for event in parser.feed(chunk.readableBytesView) {
                    guard let value = try? JSONValue.parse(event.data) else { continue }
                    for message in JSONRPCMessage.all(in: value) {
                        await requests.take(message) { reply in _ = try? await self.send(reply) }
                    }
                }
                if let id = parser.lastEventID, Self.isHeaderToken(id) { streamEventID = id }
                if parser.overflowed { break }
            }
            return (true, true)
        } catch {
            return (!Task.isCancelled, false)
        }
    }
}
