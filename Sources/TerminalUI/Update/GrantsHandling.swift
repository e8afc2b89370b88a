import WixAgentCore

/// Keys of the grants overlay: ↑/↓ select, d or Delete revokes the selected grant, Esc closes.
enum GrantsHandling {
    static func handle(_ key: Key, selected: Int, _ s: inout AppState) -> [Command] {
        let last = max(0, s.grants.count - 1)
        switch key {
        case .escape, .char("q"):
            s.overlay = nil
        case .up:
            s.overlay = .grants(selected: max(0, selected - 1))
        case .down:
            s.overlay = .grants(selected: min(last, selected + 1))
        case .char("d"), .delete:
            guard s.grants.indices.contains(selected) else { return [] }
            let grant = s.grants[selected]
            s.fold(.grantRevoked(tool: grant.tool))
            s.overlay = .grants(selected: min(selected, max(0, s.grants.count - 1)))
            s.addEntry(.notice, "Grant revoked: \(grant.tool) asks again.")
            return [.revokeGrant(grant.tool)]
        default:
            break
        }
        return []
    }

    /// A resumed session's grants: none is in force until the person types `/grants restore`.
    static func offer(_ grants: [Grant], _ s: inout AppState) {
        s.offeredGrants = grants
        guard !grants.isEmpty else { return }
        s.addEntry(.notice, "This session had grants (approve for the session) for \(grants.map(\.tool).joined(separator: ", ")). They were not carried over: type /grants restore to give them back.")
    }
}
