import Foundation

/// "Approve this tool for the session", given by a person: the tool runs without asking until
/// the grant is revoked (`/grants`). Grants are stored with the session; a resumed session
/// gets them back only when the person confirms.
public struct Grant: Sendable, Hashable {
    /// The tool's name in the catalog, as people see it.
    public var tool: String
    /// The tool it was given for: a grant covers that tool only, never another source's tool
    /// of the same name, nor the same tool once its schema or annotations changed.
    public var identity: ToolIdentity
    public var at: Date
    /// The key of the call whose dialog gave it.
    public var afterCall: String
    /// The access of that call: a grant given for a read (a generic API tool's GET) covers only
    /// its reads, never a POST or DELETE through the same tool.
    public var access: ToolAccess

    /// `identity` defaults to a tool of no known source or schema, which no catalog tool has.
    public init(tool: String, at: Date, afterCall: String, access: ToolAccess = .write, identity: ToolIdentity? = nil) {
        self.tool = tool
        self.identity = identity ?? ToolIdentity(source: "", remoteName: tool, fingerprint: "")
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
    /// Whether one of the grants lets a call of `access` to the tool `identity` run.
    public func allow(_ identity: ToolIdentity, _ access: ToolAccess) -> Bool {
        contains { $0.identity == identity && $0.covers(access) }
    }

    /// The grants with `grant` added, one per tool: a grant that covers more (writes) replaces
    /// the tool's read grant; one that covers no more changes nothing. The gate, the store's
    /// restored grants and the screen's list all follow this rule.
    public func adding(_ grant: Grant) -> [Grant] {
        guard !allow(grant.identity, grant.access) else { return self }
        return filter { $0.identity != grant.identity } + [grant]
    }
}
