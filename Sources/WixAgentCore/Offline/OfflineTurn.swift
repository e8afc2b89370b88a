import Foundation

/// What the offline model sees of a turn: the user's request and the results of the calls it made since.
struct OfflineTurn {
    struct Result {
        var name: String
        var arguments: JSONValue
        var content: String
        var isError: Bool

        /// The result body as JSON, when it is JSON (rejections and errors are plain text).
        var json: JSONValue? { isError ? nil : try? JSONValue.parse(content) }
    }

    var userText: String
    var results: [Result]
    var toolNames: Set<String>
    var now: Date
    var timeZone: TimeZone

    init(request: ChatRequest, now: Date, timeZone: TimeZone) {
        let lastUser = request.messages.lastIndex { if case .user = $0 { true } else { false } }
        var userText = ""
        var calls: [String: ToolCall] = [:]
        var results: [Result] = []
        if let lastUser {
            if case .user(let text) = request.messages[lastUser] { userText = text }
            for message in request.messages[(lastUser + 1)...] {
                switch message {
                case .assistant(_, let toolCalls):
                    for call in toolCalls { calls[call.id] = call }
                case .toolResult(let callID, let name, let content, let isError):
                    let arguments = calls[callID].flatMap { try? JSONValue.parse($0.arguments) } ?? .object([:])
                    results.append(Result(name: name, arguments: arguments, content: content, isError: isError))
                case .user:
                    break
                }
            }
        }
        self.userText = userText
        self.results = results
        self.toolNames = Set(request.tools.map(\.name))
        self.now = now
        self.timeZone = timeZone
    }

    /// The latest result of a tool, if it was called this turn.
    func result(of tool: String) -> Result? {
        results.last { $0.name == tool }
    }
}

/// A tool call the offline model wants to make.
struct PlannedCall {
    var name: String
    var arguments: JSONValue
}

/// The offline model's next move: call tools, or answer.
enum OfflineStep {
    case call([PlannedCall])
    case answer(String)
}
