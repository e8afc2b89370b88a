import GRDB

/// Full-text search over a catalog's tools (names, descriptions, resources, methods, tags) in an
/// in-memory SQLite FTS5 table: what `search_tools` answers when a catalog is too large to send
/// whole. The program answers it itself; it never reaches a tool service.
public enum ToolSearch {
    public static let toolName = "search_tools"

    /// How the model is told about it.
    public static let spec = ToolSpec(
        name: toolName,
        description: "Find tools by what they do (e.g. \"cancel order\", \"contact labels\", \"reschedule booking\"). Returns matching tool names with read/write and a one-line description; a tool found can be called from then on.",
        inputSchema: ["type": "object", "properties": ["query": ["type": "string", "description": "Words describing the task."],
                                                      "limit": ["type": "integer", "description": "How many tools at most (default 8, at most 25)."]],
                      "required": ["query"]])

    /// The tools that best match `query`, best first; none for a query without a word.
    public static func search(_ query: String, in catalog: ToolCatalog, limit: Int) throws -> [Tool] {
        let words = query.lowercased().split { !($0.isLetter || $0.isNumber) }.prefix(12).map(String.init)
        guard !words.isEmpty else { return [] }
        // Each word as a quoted prefix (a plural finds its singular), any of them matching.
        let match = words.map { word in "\"" + (word.count > 3 && word.hasSuffix("s") ? String(word.dropLast()) : word) + "\"*" }.joined(separator: " OR ")
        let db = try DatabaseQueue()
        return try db.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE tool USING fts5(key UNINDEXED, name, description, resource, method, tags)")
            for tool in catalog.tools {
                try db.execute(sql: "INSERT INTO tool (key, name, description, resource, method, tags) VALUES (?, ?, ?, ?, ?, ?)", arguments: [
                    tool.name, tool.name.replacingOccurrences(of: "_", with: " "), tool.description,
                    tool.proxy?.resource.replacingOccurrences(of: "/", with: " ") ?? "", tool.proxy?.method ?? "", tool.tags.joined(separator: " "),
                ])
            }
            let names = try String.fetchAll(db, sql: "SELECT key FROM tool WHERE tool MATCH ? ORDER BY bm25(tool, 0.0, 6.0, 1.0, 3.0, 3.0, 2.0) LIMIT ?",
                                            arguments: [match, max(1, min(25, limit))])
            return names.compactMap(catalog.tool(named:))
        }
    }

    /// The answer the model gets: one line per tool found.
    public static func answer(_ tools: [Tool], query: String) -> String {
        guard !tools.isEmpty else { return "No tool matches \"\(query)\". Try other words (a resource such as orders, contacts, bookings, products; a verb such as list, create, cancel)." }
        return tools.map { tool in
            let line = tool.description.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return "\(tool.name) (\(tool.access.rawValue)): \(line.count > 160 ? String(line.prefix(159)) + "…" : line)"
        }.joined(separator: "\n") + "\nThese tools can be called now."
    }
}
