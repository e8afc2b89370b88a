import Foundation
import WixAgentCore

/// `/call NAME {json}`: runs one tool with the given arguments and shows what it returned.
enum DirectCallWorkflow: OfflineWorkflow {
    static func next(for turn: OfflineTurn) -> OfflineStep? {
        let text = turn.userText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("/call") else { return nil }
        let rest = text.dropFirst("/call".count).trimmingCharacters(in: .whitespaces)
        let name = String(rest.prefix { !$0.isWhitespace && $0 != "{" })
        guard !name.isEmpty else { return .answer("Usage: /call NAME {json arguments}, e.g. /call list_all_wix_orders {\"limit\": 5}") }
        guard turn.schemas[name] != nil else {
            return .answer("There is no tool named \(name). Press F2 or type /tools to browse the catalog.")
        }
        if let result = turn.result(of: name) {
            let body = result.json?.prettyText ?? result.content
            return .answer(result.isError ? "\(name) did not succeed: \(result.content)" : "\(name) returned:\n\(body)")
        }
        let json = rest.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        guard !json.isEmpty else { return .call([PlannedCall(name: name, arguments: .object([:]))]) }
        guard let arguments = try? JSONValue.parse(json), case .object = arguments else {
            return .answer("The arguments after \(name) must be a JSON object, e.g. {\"id\": \"12345\"}.")
        }
        return .call([PlannedCall(name: name, arguments: arguments)])
    }
}
