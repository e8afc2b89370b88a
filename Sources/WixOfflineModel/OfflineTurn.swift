import Foundation
import WixAgentCore

/// What the offline model sees of a turn: the user's request and the results of the calls it made since.
struct OfflineTurn {
    struct Result {
        var name: String
        var arguments: JSONValue
        var content: String
        var isError: Bool
        /// The successful response as JSON, parsed once (nil for errors, rejections and shortened text).
        let json: JSONValue?
        /// The service's message when a failed call's response says one.
        private let errorMessage: String?

        /// Reads a tool result as a model would: an `Error: …` line for failures, the response as
        /// JSON, possibly after a line of prose (a note that the user edited the call).
        init(name: String, arguments: JSONValue, content: String, isError: Bool) {
            self.name = name
            self.arguments = arguments
            self.content = content
            self.isError = isError
            var response = Substring(content)
            if isError, response.hasPrefix("Error: ") {
                response = response.firstIndex(of: "\n").map { response[response.index(after: $0)...] } ?? ""
            }
            var parsed = try? JSONValue.parse(String(response))
            if parsed == nil, let start = response.range(of: "\n{")?.lowerBound ?? response.range(of: "\n[")?.lowerBound {
                parsed = try? JSONValue.parse(String(response[response.index(after: start)...]))
            }
            json = isError ? nil : parsed
            errorMessage = isError ? parsed?["message"]?.stringValue : nil
        }

        /// The record or the items of a successful response, however it is wrapped (`RecordBody`).
        var body: JSONValue? { RecordBody.unwrap(json) }

        /// The items of a successful list response, nil when it is not one (an error, or shortened).
        var items: [JSONValue]? { body?.arrayValue }

        /// Why a call failed, in one sentence: the service's message when it sent one, else the
        /// first sentence of what the call was answered (a refusal's reason included).
        var failure: String {
            if let errorMessage { return errorMessage }
            let text = content.hasPrefix("Error: ") ? String(content.dropFirst(7)) : content
            let line = text.split(separator: "\n").first.map(String.init) ?? text
            let sentence = line.range(of: ". ").map { String(line[..<$0.lowerBound]) + "." } ?? line
            return sentence.prefix(1).lowercased() + sentence.dropFirst()
        }
    }

    var userText: String
    var results: [Result]
    /// The requests before this one, oldest first, and the results of the last one's calls: what
    /// "the next page", "cancel it" and "what about last month?" refer to.
    var earlierTexts: [String]
    var previousResults: [Result]
    /// Input schemas of the catalog's tools, by name.
    var schemas: [String: JSONValue]
    /// What the catalog's tools act on (`CatalogResources`), read once per reply.
    let resources: [CatalogResource]
    var now: Date
    var timeZone: TimeZone

    init(request: ChatRequest, now: Date, timeZone: TimeZone) {
        let users = request.messages.indices.filter { if case .user = request.messages[$0] { true } else { false } }
        func turn(from start: Int?, to end: Int) -> (text: String?, results: [Result]) {
            guard let start, case .user(let text) = request.messages[start] else { return (nil, []) }
            var calls: [String: ToolCall] = [:]
            var results: [Result] = []
            for message in request.messages[(start + 1)..<end] {
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
            return (text, results)
        }
        let current = turn(from: users.last, to: request.messages.count)
        let previous: (text: String?, results: [Result]) = users.count > 1 ? turn(from: users[users.count - 2], to: users[users.count - 1]) : (nil, [])
        self.userText = current.text ?? ""
        self.results = current.results
        self.earlierTexts = users.dropLast().compactMap { if case .user(let text) = request.messages[$0] { text } else { nil } }
        self.previousResults = previous.results
        self.schemas = Dictionary(request.tools.map { ($0.name, $0.inputSchema) }) { first, _ in first }
        self.resources = CatalogResource.read(schemas)
        self.now = now
        self.timeZone = timeZone
    }

    /// The latest result of a tool, if it was called this turn.
    func result(of tool: String) -> Result? {
        results.last { $0.name == tool }
    }

    /// Every result of a tool this turn, oldest first.
    func results(of tool: String) -> [Result] {
        results.filter { $0.name == tool }
    }

    /// The honest answer when the catalog lacks a tool a workflow needs, else nil.
    func missing(_ tools: String..., for job: String) -> OfflineStep? {
        let absent = tools.filter { schemas[$0] == nil }
        guard !absent.isEmpty else { return nil }
        return .answer("This site's catalog has no \(absent.joined(separator: "/")) tool, so I can't \(job) here.")
    }
}

/// A tool call the offline model wants to make.
struct PlannedCall {
    var name: String
    var arguments: JSONValue

    /// A query/search call: a Wix filter, an optional sort and a page size.
    static func query(_ name: String, _ filter: JSONValue, sort: (field: String, descending: Bool)? = nil, limit: Int, extra: [String: JSONValue] = [:]) -> PlannedCall {
        var arguments = extra.merging(["filter": filter, "limit": .number(Double(limit))]) { $1 }
        if let sort { arguments["sort"] = [["fieldName": .string(sort.field), "order": sort.descending ? "DESC" : "ASC"]] }
        return PlannedCall(name: name, arguments: .object(arguments))
    }
}

/// Builders for Wix filters.
enum WixFilters {
    /// All of `parts`; a single part stands alone.
    static func all(_ parts: [JSONValue]) -> JSONValue {
        parts.count == 1 ? parts[0] : ["$and": .array(parts)]
    }

    static func field(_ path: String, _ op: String, _ value: JSONValue) -> JSONValue {
        .object([path: .object([op: value])])
    }

    static func equals(_ path: String, _ value: JSONValue) -> JSONValue {
        .object([path: value])
    }
}

/// The offline model's next move: call tools, or answer.
enum OfflineStep {
    case call([PlannedCall])
    case answer(String)

    static func call(_ call: PlannedCall) -> OfflineStep { .call([call]) }

    /// The honest answer after a write that did not happen: rejected by the user or policy, or refused by the site.
    static func notDone(_ what: String, _ result: OfflineTurn.Result) -> OfflineStep {
        .answer("I did not \(what): \(result.failure)")
    }
}
