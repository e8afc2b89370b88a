import Foundation
import RawStructuredFieldValues

/// Reads every rate-limit header form (docs/GUARANTEES.md, rate limits) from a response:
/// `ratelimit-limit` (leading integer, `110;w=10`), `ratelimit-remaining`, `ratelimit-reset`
/// (seconds from now), the structured `RateLimit: "name";r=…;t=…` and
/// `RateLimit-Policy: "name";q=…;w=…` (RFC 9651 lists, items correlated by policy name, the most
/// restrictive counting), and `Retry-After` (seconds or an HTTP date). Provider variants
/// (`x-ratelimit-*-requests`) are read as a fallback.
///
/// Every number is parsed strictly and clamped: delay-seconds are digits only (RFC 9110) and
/// saturate at 2^31 s (RFC 9111 does the same), counts at `Int32.max`. Malformed fields are
/// ignored; repeated header lines are combined.
public enum RateLimitHeaders {
    /// The longest delay any field can say: 2^31 seconds, about 68 years.
    public static let maxSeconds: Double = 2_147_483_648

    public static func parse(_ headers: [(name: String, value: String)], now: Date = Date()) -> RateLimitSnapshot {
        func value(_ name: String) -> String? {
            let lines = headers.filter { $0.name.lowercased() == name }.map { $0.value.trimmingOptionalWhitespace() }
            return lines.isEmpty ? nil : lines.joined(separator: ", ")
        }
        var snapshot = RateLimitSnapshot(observedAt: now)

        if let limit = value("ratelimit-limit") ?? value("x-ratelimit-limit-requests") ?? value("x-ratelimit-limit") {
            let parts = limit.split(separator: ",").first.map { $0.split(separator: ";", omittingEmptySubsequences: false) } ?? []
            if let first = parts.first.flatMap({ count(String($0)) }) { snapshot.limit = first }
            for part in parts.dropFirst() {
                let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingOptionalWhitespace() }
                if kv.count == 2, kv[0] == "w", let w = delaySeconds(kv[1]) { snapshot.windowSeconds = w }
            }
        }
        if let remaining = value("ratelimit-remaining") ?? value("x-ratelimit-remaining-requests") ?? value("x-ratelimit-remaining") {
            if let r = count(remaining) { snapshot.remaining = r }
        }
        if let reset = value("ratelimit-reset") ?? value("x-ratelimit-reset") {
            if let seconds = delaySeconds(reset) { snapshot.resetSeconds = seconds }
        } else if let reset = value("x-ratelimit-reset-requests"), let seconds = durationSeconds(reset) {
            snapshot.resetSeconds = seconds
        }

        let policies = value("ratelimit-policy").flatMap(structuredList) ?? [:]
        if let limits = value("ratelimit").flatMap(structuredList), let (name, tightest) = mostRestrictive(limits) {
            snapshot.remaining = tightest["r"] ?? snapshot.remaining
            snapshot.resetSeconds = tightest["t"].map(Double.init) ?? snapshot.resetSeconds
            if let policy = policies[name] {
                snapshot.limit = policy["q"] ?? snapshot.limit
                snapshot.windowSeconds = policy["w"].map(Double.init) ?? snapshot.windowSeconds
            }
        } else if let (_, policy) = policies.min(by: { ($0.value["q"] ?? .max) < ($1.value["q"] ?? .max) }) {
            snapshot.limit = policy["q"] ?? snapshot.limit
            snapshot.windowSeconds = policy["w"].map(Double.init) ?? snapshot.windowSeconds
        }

        if let retryAfter = value("retry-after") {
            snapshot.retryAfterSeconds = retryAfterSeconds(retryAfter, now: now)
        }
        return snapshot
    }

    /// The limit with the fewest requests left (ties: the longest reset), and its name.
    static func mostRestrictive(_ limits: [String: [String: Int]]) -> (String, [String: Int])? {
        limits.filter { $0.value["r"] != nil }
            .min { ($0.value["r"]!, -($0.value["t"] ?? 0), $0.key) < ($1.value["r"]!, -($1.value["t"] ?? 0), $1.key) }
            .map { ($0.key, $0.value) }
    }

    /// An RFC 9651 list of named items (`"burst";r=0;t=30, "daily";r=900`) as name → integer
    /// parameters; nil when the field does not parse. Negative or non-integer parameters are dropped.
    static func structuredList(_ field: String) -> [String: [String: Int]]? {
        var parser = StructuredFieldValueParser(Array(field.utf8))
        guard let list = try? parser.parseListFieldValue() else { return nil }
        var items: [String: [String: Int]] = [:]
        for case .item(let item) in list {
            let name: String
            switch item.rfc9651BareItem {
            case .string(let text), .token(let text): name = text
            default: continue
            }
            var parameters: [String: Int] = [:]
            for (key, value) in item.rfc9651Parameters {
                if case .integer(let n) = value, n >= 0 { parameters[key] = Int(min(n, Int64(Int32.max))) }
            }
            if items[name] == nil { items[name] = parameters }
        }
        return items.isEmpty ? nil : items
    }

    /// `Retry-After` as delay-seconds or as an HTTP date (RFC 9110), in seconds from `now`.
    public static func retryAfterSeconds(_ text: String, now: Date) -> Double? {
        if let seconds = delaySeconds(text) { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return min(max(0, date.timeIntervalSince(now)), maxSeconds) }
        }
        return nil
    }

    /// `1*DIGIT` (RFC 9110 delay-seconds), saturating at `maxSeconds`; anything else is nil.
    public static func delaySeconds(_ text: String) -> Double? {
        let digits = text.trimmingOptionalWhitespace()
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        guard digits.utf8.count <= 10, let n = Double(digits) else { return maxSeconds }
        return min(n, maxSeconds)
    }

    /// A leading run of digits (`110;w=10`), saturating at `Int32.max`.
    static func count(_ text: String) -> Int? {
        let digits = text.trimmingOptionalWhitespace().utf8.prefix { (48...57).contains($0) }
        guard !digits.isEmpty else { return nil }
        guard digits.count <= 10, let n = Int(String(decoding: digits, as: UTF8.self)) else { return Int(Int32.max) }
        return min(n, Int(Int32.max))
    }

    /// OpenAI-style durations such as `6m0s`, `1.5s`, `120ms`, at most `maxSeconds`.
    static func durationSeconds(_ text: String) -> Double? {
        var total = 0.0
        var number = ""
        var unit = ""
        var matched = false
        func flush() -> Bool {
            guard number.count <= 12, let n = Double(number), n.isFinite else { return false }
            switch unit {
            case "h": total += n * 3600
            case "m": total += n * 60
            case "s": total += n
            case "ms": total += n / 1000
            default: return false
            }
            matched = true
            number = ""
            unit = ""
            return true
        }
        for ch in text {
            if ch.isASCII, ch.isNumber || ch == "." {
                if !unit.isEmpty, !flush() { return nil }
                number.append(ch)
            } else if ch.isASCII, ch.isLetter {
                unit.append(ch)
            } else {
                return nil
            }
        }
        if !number.isEmpty || !unit.isEmpty { guard flush() else { return nil } }
        return matched ? min(total, maxSeconds) : nil
    }
}

private extension StringProtocol {
    /// Without the spaces and tabs HTTP allows around field values and parameters (RFC 9110 "OWS").
    func trimmingOptionalWhitespace() -> String {
        let isOWS: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isOWS).reversed().drop(while: isOWS).reversed())
    }
}
