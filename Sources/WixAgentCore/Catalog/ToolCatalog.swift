import Foundation

/// The tools of every source of a run, looked up by name.
public struct ToolCatalog: Sendable {
    public let tools: [Tool]
    /// What the model is told about each tool, flattened once (every model request sends them).
    public let specs: [ToolSpec]
    private let byName: [String: Tool]

    public init(tools: [Tool]) {
        self.tools = tools.sorted { $0.name < $1.name }
        self.specs = self.tools.map { ToolSpec(name: $0.name, description: $0.description, inputSchema: $0.inputSchema) }
        self.byName = Dictionary(tools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The union of several sources' tools, each tagged with its source. A name that more than
    /// one source offers is given to none: each of those tools becomes `<source>__<name>`
    /// (the source with every character outside `[A-Za-z0-9_-]` as `_`). Every name is then made
    /// one the providers accept (the same characters, at most 64); the source still knows the
    /// tool by `remoteName`. A name repeated within one source, or one that another tool
    /// already has, keeps its first tool.
    public static func union(_ offered: [(source: String, tools: [Tool])]) -> ToolCatalog {
        var owners: [String: Set<String>] = [:]
        for (source, tools) in offered {
            for tool in tools { owners[tool.name, default: []].insert(source) }
        }
        var all: [Tool] = []
        var taken = Set<String>()
        for (source, tools) in offered {
            var seen = Set<String>()
            for var tool in tools where seen.insert(tool.name).inserted {
                tool.source = source
                // A name two sources offer, or one the program answers itself (`search_tools`), is prefixed.
                if owners[tool.name, default: []].count > 1 || tool.name == ToolSearch.toolName { tool.name = safeName(source) + "__" + tool.name }
                tool.name = String(safeName(tool.name).prefix(64))
                if !tool.name.isEmpty, taken.insert(tool.name).inserted { all.append(tool) }
            }
        }
        return ToolCatalog(tools: all)
    }

    /// A name with every character outside `[A-Za-z0-9_-]` as `_` (tool names, source prefixes, log files).
    /// (Plain byte tests: Foundation's `CharacterSet` would load CoreFoundation's Unicode tables
    /// at start-up for every catalog.)
    public static func safeName(_ source: String) -> String {
        String(source.unicodeScalars.map { scalar in
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "_", "-": Character(scalar)
            default: "_"
            }
        })
    }

    public func tool(named name: String) -> Tool? { byName[name] }
}
