import Foundation
import WixAgentCore

/// The session picker: stored sessions newest first (id, last update, message and call counts,
/// title), filtered by what was typed, the current session marked with `*`.
enum SessionPickerOverlay {
    static let keys = "type to filter · ↑↓ PgUp PgDn select · Enter resume · Esc close"
    /// From this inner width on, rows show the time and the counts besides id and title.
    static let wideWidth = 70

    static func area(_ size: Size) -> Rect {
        Panel.overlayArea(size).inset(1)
    }

    /// Rows the list gets (the inner height, less the column header when wide).
    static func listHeight(_ size: Size) -> Int {
        let inner = area(size)
        return max(0, inner.height - (inner.width >= wideWidth ? 1 : 0))
    }

    static func draw(_ s: AppState, _ picker: SessionPickerState, into buf: inout CellBuffer) {
        let matches = picker.matches
        let title = "Sessions \(matches.count)/\(picker.sessions.count) · filter: \(picker.filter)▏"
        let inner = Panel.box(title, footer: keys, in: Panel.overlayArea(s.size), into: &buf)
        guard inner.width > 4, inner.height > 0 else { return }
        func say(_ text: String, _ role: Role) {
            buf.put(Truncation.truncate(text, width: inner.width), row: inner.y, col: inner.x, role: role, limit: inner.maxX)
        }
        switch picker.load {
        case .loading: return say("Reading the stored sessions…", .dim)
        case .failed(let line): return say(line, .error)
        case .loaded(let all) where all.isEmpty: return say("No stored sessions yet.", .dim)
        case .loaded: break
        }
        let wide = inner.width >= wideWidth
        var list = inner
        if wide {
            say(row(mark: " ", id: "ID", updated: "UPDATED", messages: "MSGS", calls: "CALLS", title: "TITLE"), .dim)
            list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        }
        guard !matches.isEmpty else {
            buf.put("No session matches.", row: list.y, col: list.x, role: .dim, limit: list.maxX)
            return
        }
        let selected = min(picker.selected, matches.count - 1)
        for (offset, i) in ListSelection.visible(selected: selected, count: matches.count, height: list.height).enumerated() {
            let y = list.y + offset
            let session = matches[i]
            let role: Role = i == selected ? .selection : .normal
            if i == selected { buf.fill(Rect(x: list.x, y: y, width: list.width, height: 1), role: .selection) }
            let mark = session.id == s.sessionID ? "*" : " "
            let name = session.title.isEmpty ? "(no messages yet)" : session.title.replacingOccurrences(of: "\n", with: " ")
            let text = wide
                ? row(mark: mark, id: session.id, updated: ClockText.localMinute(session.updatedAt), messages: String(session.messageCount),
                      calls: String(session.toolCallCount), title: name)
                : "\(mark)\(session.id) \(name)"
            buf.put(Truncation.truncate(text, width: list.width), row: y, col: list.x, role: role, limit: list.maxX)
        }
    }

    private static func row(mark: String, id: String, updated: String, messages: String, calls: String, title: String) -> String {
        func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, width - text.count))
            return right ? fill + text : text + fill
        }
        return "\(mark)\(pad(id, 20))  \(pad(updated, 16))  \(pad(messages, 4, right: true))  \(pad(calls, 5, right: true))  \(title)"
    }

}
