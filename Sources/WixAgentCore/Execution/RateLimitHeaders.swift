import Foundation

/// Reads every rate-limit header form of PRODUCT.md section 3 from a response:
/// `ratelimit-limit` (leading integer, `110;w=10`), `ratelimit-remaining`, `ratelimit-reset`
/// (seconds from now), the structured `RateLimit: "name";r=…;t=…` and
/// `RateLimit-Policy: "name";q=…;w=…`, and `Retry-After` (seconds or an HTTP date).
/// Provider variants (`x-ratelimit-*-requests`) are read as a fallback. Malformed fields are ignored.
public enum RateLimitHeaders {
    public static func parse(_ headers: [(name: String, value: String)], now: Date = Date()) -> RateLimitSnapshot {
        func value(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name }?.value.trimmingOptionalWhitespace()
        }
        var snapshot = RateLimitSnapshot(observedAt: now)

        if let policy = value("ratelimit-policy") {
            let params = structuredParameters(policy)
            snapshot.limit = params["q"].flatMap { Int($0) }
            snapshot.windowSeconds = params["w"].flatMap { Double($0) }
        }
        if let structured = value("ratelimit") {
            let params = structuredParameters(structured)
            snapshot.remaining = params["r"].flatMap { Int($0) }
            snapshot.resetSeconds = params["t"].flatMap { nonNegative($0) }
        }
        if let limit = value("ratelimit-limit") ?? value("x-ratelimit-limit-requests") ?? value("x-ratelimit-limit") {
            let parts = limit.split(separator: ";", omittingEmptySubsequences: false)
            if let first = parts.first.flatMap({ leadingInteger(String($0)) }) { snapshot.limit = first }
            for part in parts.dropFirst() {
                let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingOptionalWhitespace() }
                if kv.count == 2, kv[0] == "w", let w = Double(kv[1]) { snapshot.windowSeconds = w }
            }
        }
        if let remaining = value("ratelimit-remaining") ?? value("x-ratelimit-remaining-requests") ?? value("x-ratelimit-remaining") {
            if let r = leadingInteger(remaining) { snapshot.remaining = r }
        }
        if let reset = value("ratelimit-reset") ?? value("x-ratelimit-reset") {
            if let seconds = nonNegative(reset) { snapshot.resetSeconds = seconds }
        } else if let reset = value("x-ratelimit-reset-requests"), let seconds = durationSeconds(reset) {
            snapshot.resetSeconds = seconds
        }
        if let retryAfter = value("retry-after") {
            snapshot.retryAfterSeconds = retryAfterSeconds(retryAfter, now: now)
        }
        return snapshot
    }

    /// `Retry-After` as delay-seconds or as an HTTP date (RFC 9110), in seconds from `now`.
    public static func retryAfterSeconds(_ text: String, now: Date) -> Double? {
        if let seconds = nonNegative(text) { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return max(0, date.timeIntervalSince(now)) }
        }
        return nil
    }

    /// Parameters of a structured-field item such as `"default";r=50;t=30`.
    static func structuredParameters(_ text: String) -> [String: String] {
        var params: [String: String] = [:]
        for part in text.split(separator: ";").dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingOptionalWhitespace() }
            if kv.count == 2 { params[kv[0].lowercased()] = kv[1] }
        }
        return params
    }

    static func leadingInteger(_ text: String) -> Int? {
        let digits = text.trimmingOptionalWhitespace().prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : Int(digits)
    }

    static func nonNegative(_ text: String) -> Double? {
        guard let d = Double(text.trimmingOptionalWhitespace()), d.isFinite, d >= 0 else { return nil }
        return d
    }

    /// OpenAI-style durations such as `6m0s`, `1.5s`, `120ms`.
    static func durationSeconds(_ text: String) -> Double? {
        var total = 0.0
        var number = ""
        var unit = ""
        var matched = false
        func flush() -> Bool {
            guard let n = Double(number) else { return false }
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
            if ch.isNumber || ch == "." {
                if !unit.isEmpty, !flush() { return nil }
                number.append(ch)
            } else if ch.isLetter {
                unit.append(ch)
            } else {
                return nil
            }
        }
        if !number.isEmpty || !unit.isEmpty { guard flush() else { return nil } }
        return matched ? total : nil
    }
}

private extension StringProtocol {
    /// Without the spaces and tabs HTTP allows around field values and parameters (RFC 9110 "OWS").
    func trimmingOptionalWhitespace() -> String {
        let isOWS: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isOWS).reversed().drop(while: isOWS).reversed())
    }
}
