import Synchronization
import WixAgentCore

/// Requests a server sent on its own (an elicitation, a ping) while it may send more: each is
/// answered in a task of its own, so a form waiting for a person does not hold up the messages
/// after it, and at most `limit` are answered at once; the server gets an error for the rest,
/// so it cannot pile up work in the program.
final class InboundRequests: Sendable {
    static let limit = 8
    private let inbound: MCPInbound
    /// Where the time a person spends answering is not counted as the server's silence.
    private let watch: IdleWatch
    private let answering = Mutex(0)

    init(inbound: MCPInbound, watch: IdleWatch) {
        self.inbound = inbound
        self.watch = watch
    }

    /// Handles `message`: a notification at once, a request in its own task; `reply` sends
    /// the answer back to the server.
    func take(_ message: JSONRPCMessage, reply: @escaping @Sendable (JSONRPCMessage) async -> Void) async {
        guard case .request(let id, _, _) = message else {
            _ = await inbound.handle(message)
            return
        }
        let admitted = answering.withLock { count in
            guard count < Self.limit else { return false }
            count += 1
            return true
        }
        guard admitted else {
            await reply(.error(id: id, code: JSONRPCCode.internalError, message: "wixagent is already answering \(Self.limit) requests of this server"))
            return
        }
        Task {
            let answer = await watch.asking { await inbound.handle(message) }
            answering.withLock { $0 -= 1 }
            if let answer { await reply(answer) }
        }
    }
}
