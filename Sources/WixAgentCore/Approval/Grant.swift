import Foundation

/// "Approve this tool for the session", given by a person: the tool runs without asking until
/// the grant is revoked (`/grants`). Grants are stored with the session; a resumed session
/// gets them back only when the person confirms.
public struct Grant: Sendable, Hashable {
    public var tool: String
    public var at: Date
    /// The key of the call whose dialog gave it.
    public var afterCall: String
    /// The access of that call: a grant given for a read (a generic API tool's GET) covers only
    /// its reads, never a POST or DELETE through the same tool.
    public var access: ToolAccess

    public init(tool: String, at: Date, afterCall: String, access: ToolAccess = .write) {
        self.tool = tool
        self.at = at
        self.afterCall = afterCall
        self.access = access
    }

    /// Whether it lets a call of `access` to its tool run.
    public func covers(_ access: ToolAccess) -> Bool {
        self.access == .write || access == .read
    }
}

extension [Grant] {
    /// Whether one of the grants lets a call of `access` to `tool` run.
    public func allow(_ tool: String, _ access: ToolAccess) -> Bool {
        contains { $0.tool == tool && $0.covers(access) }
    }

    /// The grants with `grant` added, one per tool: a grant that covers more (writes) replaces
    /// the tool's read grant; one that covers no more changes nothing. The gate, the store's
    /// restored grants and the screen's list all follow this rule.
    public func adding(_ grant: Grant) -> [Grant] {
        guard !allow(grant.tool, grant.access) else { return self }
        return filter { $0.tool != grant.tool } + [grant]
    }
}
