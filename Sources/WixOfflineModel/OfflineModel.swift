import Foundation
import WixAgentCore

/// The offline demo model: a deterministic, rule-based stand-in that needs no network and no key.
/// It recognises the sandbox's sample workflows and direct `/call NAME {json}` commands, plans its
/// tool calls from what earlier calls returned, and answers anything else honestly.
public struct OfflineModel: ChatModel {
    public let displayName = ProviderKind.offline.defaultModel
    /// It reads every tool and the whole conversation: no window to keep to.
    public let hasContextWindow = false
    private let now: @Sendable () -> Date
    /// Nil: the user's time zone, looked up at each reply (not at launch, where it would load
    /// ICU's time-zone data before anyone asked anything).
    private let timeZone: TimeZone?

    public init(now: @escaping @Sendable () -> Date = { Date() }, timeZone: TimeZone? = nil) {
        self.now = now
        self.timeZone = timeZone
    }

    public func reply(to request: ChatRequest) -> AsyncThrowingStream<ModelEvent, Error> {
        let turn = OfflineTurn(request: request, now: now(), timeZone: timeZone ?? .current)
        let step = OfflinePlanner.next(for: turn)
        return AsyncThrowingStream { continuation in
            switch step {
            case .call(let calls):
                for (i, call) in calls.enumerated() {
                    let id = "offline-\(request.messages.count)-\(i)"
                    continuation.yield(.toolCall(ToolCall(id: id, name: call.name, arguments: call.arguments.compactText)))
                }
            case .answer(let text):
                // Stream word by word, as a real model would.
                var chunk = ""
                for character in text {
                    chunk.append(character)
                    if character == " " || character == "\n" {
                        continuation.yield(.textDelta(chunk))
                        chunk = ""
                    }
                }
                if !chunk.isEmpty { continuation.yield(.textDelta(chunk)) }
            }
            continuation.yield(.usage(TokenUsage(input: 0, output: 0)))
            continuation.finish()
        }
    }
}
