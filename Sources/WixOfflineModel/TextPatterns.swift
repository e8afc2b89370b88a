import Foundation
import WixAgentCore

/// Small helpers for pulling ids, names, amounts and phrases out of a request.
enum TextPatterns {
    /// The first id: a GUID, else a run of 3 or more digits (not an amount), e.g. `12345` in "order 12345".
    static func firstID(in text: String) -> String? {
        ids(in: text).first
    }

    /// Every record id in the text, in order: GUIDs, else runs of three or more digits.
    static func ids(in text: String) -> [String] {
        let guids = matches(of: #"\b[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\b"#, in: text)
        return guids.isEmpty ? matches(of: #"(?<![\d$,.])\b\d{3,}\b(?![,.]?\d)"#, in: text) : guids
    }

    /// Texts in single or double quotes (straight or curly).
    static func quoted(in text: String) -> [String] {
        matches(of: #"(?:^|(?<=[\s(]))['"‘“]([^'"’”]+)['"’”]"#, in: text, group: 1)
    }

    static func emails(in text: String) -> [String] {
        matches(of: #"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, in: text)
    }

    /// A count of things, e.g. 5 in "5 units of", "3 x", "2 bags of".
    static func quantity(in text: String) -> Int? {
        groups(of: #"(?i)\b(\d+)\s*(?:x\b|units?\b|pieces?\b|items?\b|bags?\b|packs?\b|boxes\b|box\b)"#, in: text).first.flatMap { Int($0[1]) }
    }

    /// A percentage, e.g. 10 in "a 10% discount".
    static func percent(in text: String) -> Double? {
        groups(of: #"(\d+(?:\.\d+)?)\s*(?:%|percent\b)"#, in: text).first.flatMap { Double($0[1]) }
    }

    /// A money amount after one of `words`, e.g. 800000 in "priced under $800,000" or "under 800k".
    static func amount(after words: [String], in text: String) -> Double? {
        let lead = words.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        let pattern = #"(?i)\b(?:"# + lead + #")\s+(?:of\s+)?(?:US)?\$?\s?(\d[\d,]*(?:\.\d+)?)\s*(k|m|thousand|million)?\b"#
        guard let m = groups(of: pattern, in: text).first, let number = Double(m[1].replacingOccurrences(of: ",", with: "")) else { return nil }
        let scale: Double = switch m[2].lowercased() { case "k", "thousand": 1_000; case "m", "million": 1_000_000; default: 1 }
        return number * scale
    }

    /// "top 5", "first 5", "5 best": how many results are wanted.
    static func topCount(in text: String) -> Int? {
        groups(of: #"(?i)\b(?:top|first|best)\s+(\d+)\b"#, in: text).first.flatMap { Int($0[1]) }
    }

    /// The words of a team named like "the sales team", capitalized ("Sales").
    static func team(in text: String) -> String? {
        groups(of: #"(?i)\b(?:the\s+)?([a-z]+)\s+team\b"#, in: text).first.map { $0[1].capitalized }
    }

    /// A person's name (capitalized words) after one of `verbs`, e.g. "Jane Smith" in "call back Jane Smith".
    static func person(after verbs: [String], in text: String) -> (first: String, last: String)? {
        let lead = verbs.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        let pattern = #"(?i:\b(?:"# + lead + #"))\s+([A-Z][\p{L}'-]+)\s+([A-Z][\p{L}'-]+)"#
        return groups(of: pattern, in: text).first.map { ($0[1], $0[2]) }
    }

    /// The text after the first of `words` up to the end of the clause (period, semicolon or end), trimmed.
    static func phrase(after words: [String], in text: String, stoppingAt stops: [String] = []) -> String? {
        let lead = words.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        let stop = (stops.map { #"\s*,?\s+"# + NSRegularExpression.escapedPattern(for: $0) + #"\b"# } + [#"\.(?:\s|$)"#, ";", "$"]).joined(separator: "|")
        let pattern = #"(?i)\b(?:"# + lead + #")\s+(.+?)(?:"# + stop + ")"
        return groups(of: pattern, in: text).first.map { $0[1].trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether any of `words` occurs in the lowercased text.
    static func mentions(_ text: String, _ words: String...) -> Bool {
        let lower = text.lowercased()
        return words.contains { lower.contains($0) }
    }

    static func matches(of pattern: String, in text: String, group: Int = 0) -> [String] {
        groups(of: pattern, in: text).map { $0[group] }
    }

    /// Every match with all its groups; a group that did not take part is "".
    static func groups(of pattern: String, in text: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).map { match in
            (0..<match.numberOfRanges).map { i in Range(match.range(at: i), in: text).map { String(text[$0]) } ?? "" }
        }
    }
}
