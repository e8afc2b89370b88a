/// One item of the chat transcript. `revision` grows whenever its text changes (streaming),
/// so wrapped lines can be cached per (id, revision, width).
public struct ChatEntry: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case user
        case agent
        /// One line for a tool call, drawn from the inspector's record of it.
        case tool(callID: String)
        /// Information from the program itself (help hints, command results).
        case notice
        case error
    }

    public let id: Int
    public let kind: Kind
    public private(set) var text: String
    public private(set) var revision = 0

    public init(id: Int, kind: Kind, text: String) {
        self.id = id
        self.kind = kind
        self.text = text
    }

    mutating func append(_ more: String) {
        text += more
        revision += 1
    }
}
