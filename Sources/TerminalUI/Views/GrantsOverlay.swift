import Foundation
import WixAgentCore

/// `/grants`: the tools approved for the rest of the session, when, and after which call
/// (the inspector's numbering); d or Delete revokes the selected one.
enum GrantsOverlay {
    static let keys = "↑↓ select · d or Delete revoke · Esc close"

    static func draw(_ s: AppState, selected: Int, into buf: inout CellBuffer) {
        let inner = Panel.box("Grants (\(s.grants.count))", footer: keys, in: Panel.overlayArea(s.size, maxWidth: 90), into: &buf)
        guard inner.width > 4, inner.height > 0 else { return }
        guard !s.grants.isEmpty else {
            buf.put("No grants: every write of this session asks (press a in a dialog to approve a tool for the session).",
                    row: inner.y, col: inner.x, role: .dim, limit: inner.maxX)
            return
        }
        let chosen = min(selected, s.grants.count - 1)
        for (offset, i) in ListSelection.visible(selected: chosen, count: s.grants.count, height: inner.height).enumerated() {
            let grant = s.grants[i]
            let role: Role = i == chosen ? .selection : .normal
            if i == chosen { buf.fill(Rect(x: inner.x, y: inner.y + offset, width: inner.width, height: 1), role: .selection) }
            let call = s.callNumber(grant.afterCall).map { "after call \($0)" } ?? "from an earlier run"
            let text = "\(grant.tool)  since \(ClockText.localMinute(grant.at))  \(call)"
            buf.put(Truncation.truncate(text, width: inner.width), row: inner.y + offset, col: inner.x, role: role, limit: inner.maxX)
        }
    }
}
