/// A `[[rules]]` entry of the config file: a decision for one tool when a Wix filter over the
/// call's `args` and the previewed `target` record matches, e.g.
/// `when = { "target.priceSummary.total" = { "$lt" = 50 } }`. A rule with `target.` conditions
/// matches only when the preview read the record.
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
        if let stray = fields.keys.sorted().first(where: { !$0.hasPrefix("args.") && !$0.hasPrefix("target.") && !$0.hasPrefix("$") }) {
            throw ConfigError("\(name): condition \(stray) must start with args. (the call's arguments) or target. (the record it touches)")
        }
        do {
            filter = try WixFilter(when, at: "when")
        } catch {
            throw ConfigError("\(name): \(error.message)")
        }
        self.when = when.compactText
        needsTarget = Self.mentionsTarget(when)
    }

    /// Whether any field path of the condition, under `$and`/`$or`/`$not` too, starts with `target.`.
    static func mentionsTarget(_ condition: JSONValue) -> Bool {
        switch condition {
        case .object(let members):
            members.contains { key, value in key.hasPrefix("target.") || (key.hasPrefix("$") && mentionsTarget(value)) }
        case .array(let items):
            items.contains(where: mentionsTarget)
        default:
            false
        }
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

    /// Whether the rule has conditions on a target that this call has not got (no preview):
    /// a deny or ask rule then cannot be ruled out, so a person decides.
    public func cannotJudge(tool name: String, target: JSONValue?) -> Bool {
        name == tool && needsTarget && target == nil && decision != .allow
    }

    /// Whether the rule speaks about this call.
    public func matches(tool name: String, arguments: JSONValue, target: JSONValue?) -> Bool {
        guard name == tool else { return false }
        guard let filter else { return true }
        if needsTarget, target == nil { return false }
        return filter.matches(["args": arguments, "target": target ?? .null])
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
