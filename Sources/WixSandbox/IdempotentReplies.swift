import Foundation
import Synchronization
import WixAgentCore

/// What the sandbox answered each `Idempotency-Key` with, so a write sent again (a retry after a
/// dropped connection or a 502) has no second effect: the same key with the same request gets
/// the first answer again; with another method, path or body it is a 422; while the first is
/// still running it is a 409. A request that was not applied (a 429, a simulated fault) leaves
/// no answer behind. Keys are kept for 24 hours.
final class IdempotentReplies: Sendable {
    /// The header, as Truto's proxy API names it.
    static let header = "Idempotency-Key"
    /// The header a replayed answer carries.
    static let replayedHeader = "idempotent-replayed"
    static let lifetime: TimeInterval = 24 * 3600
    /// How many keys are kept before expired ones are looked for.
    static let pruneAbove = 10_000

    private enum Entry {
        case running(request: String)
        case answered(request: String, reply: SandboxReply, at: Date)
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// What a request with `key` gets before it runs: nil to run it (it is now running), or the
    /// answer to give instead.
    func begin(key: String, method: String, path: String, body: Data, now: Date = Date()) -> SandboxReply? {
        let request = Self.fingerprint(method: method, path: path, body: body)
        return entries.withLock { entries in
            switch entries[key] {
            case .running(let first):
                return first == request
                    ? SandboxReply(status: 409, body: SandboxError(409, "A request with this Idempotency-Key is still being processed; retry it shortly.").body)
                    : Self.mismatch
            case .answered(let first, var reply, let at) where now.timeIntervalSince(at) < Self.lifetime:
                guard first == request else { return Self.mismatch }
                // The first answer's body and status; the headers of now (rate limits) are added by the caller.
                reply.headers = [(Self.replayedHeader, "true")]
                reply.ranWrite = false
                reply.dropsConnection = false
                return reply
            default:
                // Keys past their 24 hours go, so a sandbox that runs for days does not only grow.
                if entries.count >= Self.pruneAbove {
                    entries = entries.filter { if case .answered(_, _, let at) = $0.value { now.timeIntervalSince(at) < Self.lifetime } else { true } }
                }
                entries[key] = .running(request: request)
                return nil
            }
        }
    }

    /// Records the answer of the request `begin` let run; one that was not applied is forgotten.
    func finish(key: String, reply: SandboxReply, applied: Bool, now: Date = Date()) {
        entries.withLock { entries in
            guard case .running(let request) = entries[key] else { return }
            entries[key] = applied ? .answered(request: request, reply: reply, at: now) : nil
        }
    }

    private static let mismatch = SandboxReply(status: 422, body: SandboxError(422,
        "This Idempotency-Key was already used with another request (method, path or body); use a new key for a new request.").body)

    /// The request as its method, path and body (JSON bodies compared as values, keys sorted).
    private static func fingerprint(method: String, path: String, body: Data) -> String {
        let canonical = (try? JSONValue.parse(body)).map(\.compactText) ?? String(decoding: body, as: UTF8.self)
        return method + " " + path + "\n" + canonical
    }
}
