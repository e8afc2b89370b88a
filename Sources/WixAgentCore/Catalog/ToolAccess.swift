/// Whether running a tool can change the site.
public enum ToolAccess: String, Sendable, Codable, Hashable {
    case read
    case write

    /// The README's read/write rule: `list` and `get` read; a custom method reads only when it is `query`,
    /// `search` or `count`, or begins with `list`, `get` or `find` and names no write verb anywhere
    /// (`get_and_delete` writes). Everything else, including any method not recognised, writes.
    /// Case is ignored. A verb is matched as a substring, so a read whose name merely contains one
    /// (`list_assets`: "set") is treated as a write: a needless question costs less than an unasked write.
    public init(method: String) {
        let m = method.lowercased()
        if ["list", "get", "query", "search", "count"].contains(m) {
            self = .read
        } else if ["list", "get", "find"].contains(where: m.hasPrefix), !Self.writeVerbs.contains(where: m.contains) {
            self = .read
        } else {
            self = .write
        }
    }

    /// The same rules for a tool's whole name (an MCP tool's): its words are split at `_`, `-`,
    /// `.`, spaces and case changes (`listOrders`, `wix_orders_list`), and the name reads when its
    /// first or last word is a read method and no write verb appears anywhere in it. A name with
    /// any character outside ASCII is a write: look-alike letters and invisible joiners could
    /// hide a verb (`dеlete` with a Cyrillic е, `de\u{200D}lete`).
    public init(toolName: String) {
        guard toolName.unicodeScalars.allSatisfy(\.isASCII) else {
            self = .write
            return
        }
        let words = Self.words(toolName)
        let reads = ["list", "get", "find", "query", "search", "count"]
        let named = [words.first, words.last].contains { $0.map(reads.contains) == true }
        let lowered = toolName.lowercased()
        self = named && !Self.writeVerbs.contains(where: lowered.contains) ? .read : .write
    }

    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for ch in name {
            if !(ch.isLetter || ch.isNumber) {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            if ch.isUppercase, previousWasLower, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current += ch.lowercased()
            previousWasLower = ch.isLowercase || ch.isNumber
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Verbs that make a custom method a write wherever they appear in its name. ("label" is
    /// not one: `listLabels` reads, and a `label` method is a write by the rules above anyway.)
    static let writeVerbs = [
        "delete", "remove", "purge", "cancel", "create", "update", "set", "add", "send", "archive",
        "insert", "upsert", "patch", "write", "modify", "move", "merge", "replace", "reset", "clear",
        "destroy", "void", "refund", "charge", "reschedule", "assign", "approve", "reject",
        "confirm", "publish", "enable", "disable", "submit", "import", "restore", "trigger", "sync", "save",
    ]
}
