/// A `[[rules]]` entry of the config file: a decision for one tool when a Wix filter over the
/// call's `args` and the previewed `target` record matches, e.g.
/// `when = { "target.priceSummary.total" = { "$lt" = 50 } }`. A condition that cannot be judged
/// (no record was read, a path it lacks, values that do not compare) counts as a match for a
/// deny or ask rule and as no match for an allow rule: what cannot be judged never fails open.
public struct ConditionalRule: Sendable, Hashable {
    public enum Decision: String, Sendable, Hashable, CaseIterable {
        case allow, ask, deny
    }

    /// The entry's place among the `[[rules]]`, from 1.
    public var index: Int
    public var tool: String
    public var decision: Decision
    /// The condition as compact JSON, as the dialog, the store and `exec --json` name it; nil: always.
    public var when: String?
    private var filter: WixFilter?
    /// Whether a condition tests the record (`target.`), which needs the preview.
    private var needsTarget: Bool

    /// Checks an entry; the error is one line naming the rule and the problem.
    public init(index: Int, tool: String?, decision: String?, when: JSONValue?) throws(ConfigError) {
        let name = "rule \(index)\(tool.map { " (\($0))" } ?? "")"
        guard let tool, !tool.isEmpty else { throw ConfigError("\(name) names no tool: give tool = \"NAME\"") }
        guard let decision, let parsed = Decision(rawValue: decision) else {
            throw ConfigError("\(name): unknown decision \"\(decision ?? "")\": use allow, ask or deny")
        }
        self.index = index
        self.tool = tool
        self.decision = parsed
        guard let written = when else {
            self.when = nil
            filter = nil
            needsTarget = false
            return
        }
        let when = Self.flattened(written)
        guard let fields = when.objectValue, !fields.isEmpty else { throw ConfigError("\(name): when must be a table of conditions") }
        let condition: WixFilter
        do {
            condition = try WixFilter(when, at: "when")
        } catch {
            throw ConfigError("\(name): \(error.message)")
        }
        // Every path, inside `$and`/`$or`/`$not` too: a misspelt one would never match.
        if let stray = condition.paths.first(where: { !$0.hasPrefix("args.") && !$0.hasPrefix("target.") }) {
            throw ConfigError("\(name): condition \(stray) must start with args. (the call's arguments) or target. (the record it touches)")
        }
        filter = condition
        self.when = when.compactText
        needsTarget = condition.paths.contains { $0.hasPrefix("target.") }
    }

    /// Bare dotted TOML keys (`target.priceSummary.total = {…}`) arrive as nested tables: join
    /// them back into the paths they were written as.
    static func flattened(_ when: JSONValue) -> JSONValue {
        guard let members = when.objectValue else { return when }
        var out: [String: JSONValue] = [:]
        for (key, value) in members {
            if !key.hasPrefix("$"), let nested = value.objectValue, !nested.isEmpty, !nested.keys.contains(where: { $0.hasPrefix("$") }) {
                for (inner, innerValue) in flattened(value).objectValue ?? [:] { out[key + "." + inner] = innerValue }
            } else {
                out[key] = key.hasPrefix("$") ? (value.arrayValue.map { .array($0.map(flattened)) } ?? flattened(value)) : value
            }
        }
        return .object(out)
    }

    /// The record paths the rule tests (`status` for `target.status`): the recheck before
    /// sending compares them with what the decision saw.
    public var targetPaths: [String] {
        (filter?.paths ?? []).filter { $0.hasPrefix("target.") }.map { String($0.dropFirst("target.".count)) }
    }

    /// Whether the rule names this tool: by its plain name (every source's), `source:name`, or its catalog name.
    public func covers(_ names: Set<String>) -> Bool {
        names.contains(tool)
    }

    /// Whether the rule's condition holds for the call: nil when it cannot be judged (the record
    /// was not read, lacks a path the rule tests, or holds a value that does not compare; or an
    /// argument in `unjudgeable`). Callers count nil as a match for deny and ask, never for allow.
    public func evaluate(arguments: JSONValue, target: JSONValue?, unjudgeable: Set<String> = []) -> Bool? {
        guard let filter else { return true }
        if needsTarget, target == nil { return nil }
        return filter.evaluate(["args": arguments, "target": target ?? .null]) { path in
            path.hasPrefix("target.") || unjudgeable.contains(path)
        }
    }

    /// How the decision names the rule.
    public var reference: RuleReference { RuleReference(index: index, when: when) }
}

/// The rule that decided a call: its place among the `[[rules]]` and its condition.
public struct RuleReference: Sendable, Hashable, Codable {
    public var index: Int
    public var when: String?

    public init(index: Int, when: String?) {
        self.index = index
        self.when = when
    }

    public var json: JSONValue { ["index": .number(Double(index)), "when": when.map(JSONValue.string) ?? .null] }

    /// "rule 2 (when {…})", for lines people read.
    public var label: String { "rule \(index)" + (when.map { " (when \($0))" } ?? "") }
}
