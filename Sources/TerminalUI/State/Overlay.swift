/// A user-opened overlay over the panes. (The approval dialog is not one of these: it shows
/// whenever calls wait, above everything.)
public enum Overlay: Equatable, Sendable {
    case help(scroll: Int)
    case schemaBrowser(SchemaBrowserState)
    case sessions(SessionPickerState)
    /// `/grants`: the session's grants, the selected one revocable with d or Delete.
    case grants(selected: Int)
}

/// The schema browser: filter text, selected tool among the matches, detail scroll, raw JSON toggle.
public struct SchemaBrowserState: Equatable, Sendable {
    public var filter = ""
    public var selected = 0
    public var scroll = 0
    public var showRaw = false

    public init(filter: String = "") {
        self.filter = filter
    }
}

/// Which pane receives keys when no overlay is open.
public enum Focus: Equatable, Sendable, CaseIterable {
    case input, chat, inspector

    var next: Focus {
        switch self {
        case .input: .chat
        case .chat: .inspector
        case .inspector: .input
        }
    }
}
