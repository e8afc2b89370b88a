import NIOCore
import WixAgentCore

extension MCPHTTPChannel {
    /// Opens the server's own stream: a GET whose SSE events are messages the server sends
    /// outside any request. A server that answers requests with plain JSON can ask for a form,
    /// or say its tools changed, only there. A server that offers none answers 405 (any 4xx
    /// ends the listening); a stream that ends or breaks is opened again, 1 s and then up to
    /// 30 s later, while the session lasts.
    func listen() {
        listener?.cancel()
        let session = sessionID
        listener = Task { await self.keepListening(session: session) }
    }

    private func keepListening(session: String?) async {
        var pause = Duration.seconds(1)
        while !Task.isCancelled, sessionID == session, await listenOnce() {
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .seconds(30))
        }
    }

    /// One stream, until it ends; false when the server offers none.
    private func listenOnce() async -> Bool {
        do {
            let response = try await http.open(method: "GET", url: url, headers: headers(accepting: "text/event-stream"))
            let status = Int(response.status.code)
            let type = response.headers.first(name: "content-type")?.lowercased() ?? ""
            guard status == 200, type.hasPrefix("text/event-stream") else {
                _ = try? await response.body.collect(upTo: 64 << 10)
                return !(400..<500).contains(status)
            }
            var parser = SSEParser()
            for try await chunk in response.body {
                for event in parser.feed(chunk.readableBytesView) {
                    guard let value = try? JSONValue.parse(event.data) else { continue }
                    for message in JSONRPCMessage.all(in: value) {
                        await requests.take(message) { reply in _ = try? await self.send(reply) }
                    }
                }
                if parser.overflowed { break }
            }
            return true
        } catch {
            return !Task.isCancelled
        }
    }
}
