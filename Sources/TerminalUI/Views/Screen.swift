/// One frame of the whole UI computed from the state.
public struct Frame {
    public var buffer: CellBuffer
    /// Where the terminal cursor goes (row, col); nil hides it.
    public var cursor: (row: Int, col: Int)?
    /// The chat and inspector scroll positions clamped to what exists.
    public var chatScroll: Int
    public var inspectorScroll: Int
}

/// Draws panes, then the status bar, then the overlay on top (approval above everything).
public enum Screen {
    public static func render(_ s: AppState, cache: WrapCache) -> Frame {
        var buf = CellBuffer(width: s.size.width, height: s.size.height)
        guard s.size.width > 0, s.size.height > 0 else { return Frame(buffer: buf, cursor: nil, chatScroll: s.chatScroll, inspectorScroll: s.inspectorScroll) }
        let layout = Layout.compute(s)
        cache.keep(entries: s.entries, calls: s.ledger.calls)
        let chatScroll = ChatView.draw(s, in: layout.chat, cache: cache, into: &buf)
        var inspectorScroll = s.inspectorScroll
        if let rect = layout.inspector {
            inspectorScroll = InspectorView.draw(s, in: rect, leftRule: layout.inspectorBeside, cache: cache, into: &buf)
        }
        var cursor = InputView.draw(s, in: layout.input, into: &buf)
        StatusBarView.draw(s, in: layout.status, into: &buf)
        switch s.overlay {
        case .help(let scroll): HelpOverlay.draw(s, scroll: scroll, into: &buf)
        case .schemaBrowser(let browser): SchemaBrowserOverlay.draw(s, browser, into: &buf)
        case .sessions(let picker): SessionPickerOverlay.draw(s, picker, into: &buf)
        case .grants(let selected): GrantsOverlay.draw(s, selected: selected, into: &buf)
        case nil: break
        }
        if let form = s.elicitations.first {
            cursor = ElicitationOverlay.draw(form, s, into: &buf)
        } else if !s.approvals.isEmpty {
            cursor = ApprovalOverlay.draw(s, into: &buf)
        }
        return Frame(buffer: buf, cursor: cursor, chatScroll: chatScroll, inspectorScroll: inspectorScroll)
    }
}
