/// A terminal colour: the terminal's default or a palette index (0-7 basic, 8-15 bright, up to 255).
public enum ThemeColor: Equatable, Sendable {
    case terminalDefault
    case index(Int)

    /// Parses `default`, a basic name (`red`), `bright-red`, or a palette number (`208`).
    init?(name: String) {
        let basic = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
        let n = String(name.lowercased().map { $0 == "_" ? "-" : $0 })
        if n == "default" || n.isEmpty { self = .terminalDefault; return }
        if let i = basic.firstIndex(of: n) { self = .index(i); return }
        if n.hasPrefix("bright-"), let i = basic.firstIndex(of: String(n.dropFirst(7))) { self = .index(i + 8); return }
        if n == "gray" || n == "grey" { self = .index(8); return }
        if let i = Int(n), (0...255).contains(i) { self = .index(i); return }
        return nil
    }
}

/// Text attributes a role may carry.
public enum TextAttribute: String, CaseIterable, Sendable {
    case bold, dim, reverse, underline, italic
}

/// How one role looks.
public struct RoleStyle: Equatable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: Set<TextAttribute>

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault, attributes: Set<TextAttribute> = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// Colours and attributes for every role of the UI.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [Role: RoleStyle]

    public init(name: String, styles: [Role: RoleStyle]) {
        self.name = name
        self.styles = styles
    }

    /// The theme without colour (`NO_COLOR`): a role drawn on a background of its own is
    /// reversed instead, so what colour set apart (the selection, the dialog's keys) stays apart.
    public var withoutColour: Theme {
        Theme(name: name, styles: styles.mapValues { style in
            RoleStyle(attributes: style.background == .terminalDefault ? style.attributes : style.attributes.union([.reverse]))
        })
    }

    /// The style of a role; a role the theme leaves out looks like `normal`.
    public func style(_ role: Role) -> RoleStyle {
        styles[role] ?? styles[.normal] ?? RoleStyle()
    }
}
