import Foundation
import Synchronization
import Testing
import WixAgentCore
@testable import WixMCP

/// Requests a server sends on its own: answered side by side, at most `InboundRequests.limit`
/// at once, and a request's form stops the idle clock of the calls on the same channel.
@Suite struct InboundRequestsTests {
    static func elicitation(_ n: Int) -> JSONRPCMessage {
        .request(id: .number(Double(n)), method: "elicitation/create",
                 params: ["message": "Sure?", "requestedSchema": ["type": "object", "properties": ["ok": ["type": "boolean"]]]])
    }

    @Test func aServerCannotPileUpRequestsAndAPingIsNotHeldUpByAForm() async throws {
        let release = Mutex(false)
        let relay = ElicitationRelay()
        relay.install { _ in
            while !release.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(5)) }
            return ElicitationAnswer(action: .decline, content: [:])
        }
        let watch = IdleWatch(timeout: .seconds(1))
        let requests = InboundRequests(inbound: MCPInbound(source: "s", elicitations: relay), watch: watch)
        let replies = Mutex<[JSONRPCMessage]>([])
        let send: @Sendable (JSONRPCMessage) async -> Void = { reply in replies.withLock { $0.append(reply) } }
        for n in 1..<InboundRequests.limit { await requests.take(Self.elicitation(n), reply: send) }
        // Seven forms wait for the person; a ping after them is answered meanwhile.
        await requests.take(.request(id: 98, method: "ping", params: nil), reply: send)
        for _ in 0..<100 where replies.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(10)) }
        #expect(replies.withLock { $0 } == [.response(id: 98, result: .object([:]))])
        // One more form fills the last place; the 12 after it are refused at once.
        for n in InboundRequests.limit...20 { await requests.take(Self.elicitation(n), reply: send) }
        let refused = replies.withLock { Array($0.dropFirst()) }
        #expect(refused.count == 20 - InboundRequests.limit)
        #expect(refused.allSatisfy { if case .error(_, JSONRPCCode.internalError, _) = $0 { true } else { false } })
        // A form is open: a request on the channel does not time out however long it takes.
        let call = IdleWatch(timeout: .milliseconds(50), within: watch)
        try await Task.sleep(for: .milliseconds(150))
        #expect(!call.expired, "a form is open")
        release.withLock { $0 = true }
        for _ in 0..<200 where replies.withLock({ $0.count }) < 21 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(replies.withLock { $0.count } == 21)
        // Once the forms are answered, silence counts again.
        try await Task.sleep(for: .milliseconds(150))
        #expect(call.expired)
        // The slots are free again.
        await requests.take(.request(id: 99, method: "ping", params: nil), reply: send)
        for _ in 0..<100 where replies.withLock({ $0.count }) < 22 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(replies.withLock { $0.last } == .response(id: 99, result: .object([:])))
    }
}
