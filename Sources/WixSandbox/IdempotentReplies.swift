import Foundation
import Synchronization
import WixAgentCore

/// How the sandbox honours `Idempotency-Key`, as Truto's and Stripe's APIs document it: a write
/// that reached the site is answered once, and its answer (status and body) is kept with the
/// site's data (`SiteState.keyed`, saved in the same write as its effect, 24 hours), so the same
/// key with the same request gets that answer again, with `idempotent-replayed: true` and no
/// second effect, across restarts and processes; with another method, path or body it is a 422.
/// While the first is still running in this process, it is a 409. A request refused before it
/// reached the site (a 429, a simulated fault, invalid arguments) leaves nothing behind.
final class IdempotentReplies: Sendable {
    /// The header, as Truto's proxy API names it.
    static let header = "Idempotency-Key"
    /// The header a replayed answer carries.
    static let replayedHeader = "idempotent-replayed"
    static let lifetime: TimeInterval = 24 * 3600

    private let running = Mutex<Set<String>>([])

    /// Marks `key` running; false when it already is (the caller answers 409).
    func begin(key: String) -> Bool {
        running.withLock { $0.insert(key).inserted }
    }

    func finish(key: String) {
        _ = running.withLock { $0.remove(key) }
    }

    static let stillRunning = SandboxError(409, "A request with this Idempotency-Key is still being processed; retry it shortly.")
    static let mismatch = SandboxError(422, "This Idempotency-Key was already used with another request (method, path or body); use a new key for a new request.")

    /// The request as its method, path and body (JSON bodies compared as values, keys sorted).
    static func fingerprint(method: String, path: String, body: Data) -> String {
        let canonical = (try? JSONValue.parse(body)).map(\.compactText) ?? String(decoding: body, as: UTF8.self)
        return method + " " + path + "\n" + canonical
    }
}

/// A write's `Idempotency-Key` and the request it came with, as the site store checks and keeps it.
struct KeyedRequest: Sendable {
    var key: String
    var fingerprint: String
}

/// The answer a key got, kept with the site's data.
struct KeyedReply: Sendable, Equatable {
    var fingerprint: String
    var status: Int
    var body: JSONValue
    var at: Date

    var json: JSONValue {
        ["request": .string(fingerprint), "status": .number(Double(status)), "body": body, "at": .string(ISODate.string(at))]
    }

    init(fingerprint: String, status: Int, body: JSONValue, at: Date) {
        self.fingerprint = fingerprint
        self.status = status
        self.body = body
        self.at = at
    }

    init?(json: JSONValue) {
        guard let fingerprint = json["request"]?.stringValue, let status = json["status"]?.intValue, let body = json["body"],
              let at = json["at"]?.stringValue.flatMap(ISODate.parse) else { return nil }
        self.init(fingerprint: fingerprint, status: status, body: body, at: at)
    }
}
