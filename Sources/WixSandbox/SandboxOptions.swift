import Foundation

/// A request budget per fixed window, like Truto's per-account tier: `50/10s` by default.
public struct RateLimitSpec: Sendable, Hashable, CustomStringConvertible {
    public var requests: Int
    public var windowSeconds: Int

    public init(requests: Int, windowSeconds: Int) {
        self.requests = requests
        self.windowSeconds = windowSeconds
    }

    public static let standard = RateLimitSpec(requests: 50, windowSeconds: 10)

    /// Parses `N/Ws` (`5/10s`), `N/Wm`, or `N/W` (seconds), e.g. from `--rate-limit`.
    public init(parsing text: String) throws {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        let usage = "invalid rate limit '\(text)': expected REQUESTS/WINDOW such as 5/10s or 100/1m (whole numbers; at most 1000000 requests per at most a day)"
        guard parts.count == 2, parts[0].count <= 7, let requests = Int(parts[0]), (1...1_000_000).contains(requests) else { throw SandboxSetupError(message: usage) }
        var window = String(parts[1])
        var unit = 1
        if window.hasSuffix("s") {
            window.removeLast()
        } else if window.hasSuffix("m") {
            window.removeLast()
            unit = 60
        }
        guard window.count <= 6, let count = Int(window), count > 0, count * unit <= 86_400 else { throw SandboxSetupError(message: usage) }
        self.init(requests: requests, windowSeconds: count * unit)
    }

    public var description: String { "\(requests)/\(windowSeconds)s" }
}

/// How to run the sandbox server.
public struct SandboxOptions: Sendable {
    /// TCP port on 127.0.0.1; 0 picks a free one.
    public var port: Int
    /// The Bearer token every request must carry.
    public var token: String
    public var rateLimit: RateLimitSpec
    /// Delay added to every response.
    public var latency: Duration
    /// Probability (0...1) of a fault on a request; deterministic sequence.
    public var faultRate: Double
    /// What a fault is.
    public var faultKind: FaultKind
    /// Where the site is stored (`<dir>/sandbox/site.json`); nil keeps it in memory only.
    public var dataDirectory: URL?
    /// The day seed dates are relative to ("joined in the last 30 days" is counted from here).
    public var referenceDate: Date
    /// Whether 429 answers also carry `retry-after` (by default only the `ratelimit-*` headers).
    public var retryAfterOn429: Bool
    /// Told of every authenticated request the site answered, after it answered (tests watch
    /// which writes reached the site with it).
    public var observer: (@Sendable (SandboxRequestRecord) -> Void)?

    public init(
        port: Int = 0, token: String, rateLimit: RateLimitSpec = .standard, latency: Duration = .zero,
        faultRate: Double = 0, faultKind: FaultKind = .unavailable, dataDirectory: URL? = nil, referenceDate: Date = Date(),
        retryAfterOn429: Bool = false, observer: (@Sendable (SandboxRequestRecord) -> Void)? = nil
    ) {
        self.port = port
        self.token = token
        self.rateLimit = rateLimit
        self.latency = latency
        self.faultRate = faultRate
        self.faultKind = faultKind
        self.dataDirectory = dataDirectory
        self.referenceDate = referenceDate
        self.retryAfterOn429 = retryAfterOn429
        self.observer = observer
    }
}

/// What a simulated fault does to a request.
public enum FaultKind: String, Sendable, CaseIterable {
    /// Answered 503 without applying it.
    case unavailable
    /// Applied, then the connection is dropped before the answer: the client cannot know it ran.
    case dropped
}

/// One request the sandbox answered: what was asked and the status it got.
public struct SandboxRequestRecord: Sendable, Hashable {
    public var method: String
    /// The path, still percent-encoded, without the query.
    public var path: String
    public var status: Int
    /// Whether a write tool of the catalog ran to answer it.
    public var isWrite: Bool

    /// Whether the request changed the site: a write that succeeded.
    public var appliedWrite: Bool { isWrite && (200..<300).contains(status) }
}
