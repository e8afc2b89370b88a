import Foundation

/// "Approve this tool for the session", given by a person: the tool runs without asking until
/// the grant is revoked (`/grants`). Grants are stored with the session; a resumed session
/// gets them back only when the person confirms.
public struct Grant: Sendable, Hashable {
    public var tool: String
    public var at: Date
    /// The key of the call whose dialog gave it.
    public var afterCall: String

    public init(tool: String, at: Date, afterCall: String) {
        self.tool = tool
        self.at = at
        self.afterCall = afterCall
    }
}
