/// Keys of the help overlay, the schema browser and the session picker. Esc closes each.
enum OverlayHandling {
    static func handle(_ key: Key, _ s: inout AppState) -> [Command] {
        switch s.overlay {
        case .help(let scroll):
            switch key {
            case .escape, .function(1), .enter, .char("q"): s.overlay = nil
            case .up: s.overlay = .help(scroll: max(0, scroll - 1))
            case .down: s.overlay = .help(scroll: scroll + 1)
            case .pageUp: s.overlay = .help(scroll: max(0, scroll - 10))
            case .pageDown: s.overlay = .help(scroll: scroll + 10)
            case .home: s.overlay = .help(scroll: 0)
            case .char(let c) where s.example(c) != nil:
                s.input.setText(s.example(c) ?? "")
                s.focus = .input
                s.overlay = nil
            default: break
            }
        case .schemaBrowser(var browser):
            if key == .escape || key == .function(2) {
                s.overlay = nil
                return []
            }
            browser.handle(key, toolCount: browser.matches(in: s.catalog).count)
            s.overlay = .schemaBrowser(browser)
        case .sessions(let picker):
            return SessionPickerHandling.handle(key, picker, &s)
        case .grants(let selected):
            return GrantsHandling.handle(key, selected: selected, &s)
        case nil:
            break
        }
        return []
    }
}
