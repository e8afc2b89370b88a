/// What a piece of the screen is, for colouring: the theme maps each role to colours and attributes.
public enum Role: UInt8, CaseIterable, Sendable {
    case normal, user, agent, tool, readBadge, writeBadge, statusBar, border, selection, error, dim

    /// The table name of this role in a theme file.
    public var themeKey: String {
        switch self {
        case .normal: "normal"
        case .user: "user"
        case .agent: "agent"
        case .tool: "tool"
        case .readBadge: "read_badge"
        case .writeBadge: "write_badge"
        case .statusBar: "status_bar"
        case .border: "border"
        case .selection: "selection"
        case .error: "error"
        case .dim: "dim"
        }
    }
}
