import Foundation

/// Small helpers for pulling ids, quoted names and emails out of a request.
enum TextPatterns {
    /// The first run of digits that looks like an id (3 or more digits), e.g. `12345` in "order 12345".
    static func firstID(in text: String) -> String? {
        matches(of: #"\b\d{3,}\b"#, in: text).first
    }

    /// Texts in single or double quotes (straight or curly).
    static func quoted(in text: String) -> [String] {
        matches(of: #"['"‘“]([^'"’”]+)['"’”]"#, in: text, group: 1)
    }

    static func emails(in text: String) -> [String] {
        matches(of: #"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, in: text)
    }

    static func matches(of pattern: String, in text: String, group: Int = 0) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: group), in: text).map { String(text[$0]) }
        }
    }
}
