/// Whether running a tool can change the site.
public enum ToolAccess: String, Sendable, Codable, Hashable {
    case read
    case write

    /// `list`, `get`, and custom `query`/`search`/`count`/`list…`/`get…`/`find…` read;
    /// everything else, including any method not recognised, writes.
    public init(method: String) {
        let m = method.lowercased()
        if ["list", "get", "query", "search", "count"].contains(m)
            || m.hasPrefix("list") || m.hasPrefix("get") || m.hasPrefix("find")
        {
            self = .read
        } else {
            self = .write
        }
    }
}
