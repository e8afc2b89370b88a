import Foundation
import WixAgentCore

/// The bottom line: model, source, rate limits with live countdowns, retry, policy, pending
/// approvals and tokens. When space is short, less important parts are left out.
enum StatusBarView {
    static func draw(_ s: AppState, in rect: Rect, into buf: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        buf.fill(rect, role: .statusBar)
        let text = Truncation.truncate(" " + fitted(segments(s), width: rect.width - 1), width: rect.width)
        buf.put(text, row: rect.y, col: rect.x, role: .statusBar, limit: rect.maxX)
    }

    /// (priority, text) in display order; lower priority numbers are kept first.
    static func segments(_ s: AppState) -> [(priority: Int, text: String)] {
        var out: [(Int, String)] = []
        if s.quitArmedUntil != nil { out.append((0, "press Ctrl-C again to quit")) }
        switch s.connection {
        case .connecting: out.append((1, "connecting…"))
        case .failed: out.append((1, "not connected"))
        case .ready: break
        }
        out.append((2, s.status.modelLabel))
        out.append((6, s.status.sourceLabel))
        if let limit = s.status.toolsLimit { out.append((3, "tools " + describe(limit, now: s.now))) }
        if let limit = s.status.modelLimit { out.append((8, "model " + describe(limit, now: s.now))) }
        if let retry = s.status.retry {
            let left = Countdown.seconds(until: retry.until, at: s.now)
            out.append((1, "\(retry.service == .tools ? "tools" : "model") retry \(retry.attempt)/\(retry.of) in \(left)s"))
        }
        out.append((5, s.status.policy.rawValue))
        if !s.approvals.isEmpty { out.append((1, "\(s.approvals.count) pending approval\(s.approvals.count == 1 ? "" : "s")")) }
        if !s.grants.isEmpty { out.append((2, "\(s.grants.count) grant\(s.grants.count == 1 ? "" : "s")")) }
        if s.turnRunning { out.append((4, "working…")) }
        let tokens = s.status.tokens.input + s.status.tokens.output
        if let context = s.status.context { out.append((3, "ctx \(context.percent)%")) }
        out.append((7, "tokens \(tokens)"))
        if let id = s.sessionID { out.append((9, "session \(id)")) }
        return out
    }

    /// `remaining/limit reset Ns`, with whatever parts are known.
    static func describe(_ limit: RateLimitSnapshot, now: Date) -> String {
        var text = "\(limit.remaining.map(String.init) ?? "?")/\(limit.limit.map(String.init) ?? "?")"
        if let reset = limit.secondsUntilReset(at: now) { text += " reset \(Int(reset.rounded(.up)))s" }
        return text
    }

    /// Keeps the most important segments that fit, in display order.
    private static func fitted(_ segments: [(priority: Int, text: String)], width: Int) -> String {
        let separator = " │ "
        var keep = Set<Int>()
        var used = 0
        for (i, segment) in segments.enumerated().sorted(by: { $0.element.priority < $1.element.priority }) {
            let cost = DisplayWidth.of(segment.text) + (keep.isEmpty ? 0 : separator.count)
            if used + cost <= width || keep.isEmpty { keep.insert(i); used += cost }
        }
        return segments.enumerated().filter { keep.contains($0.offset) }.map(\.element.text).joined(separator: separator)
    }
}
