import Foundation
import WixAgentCore

/// The form an MCP server's elicitation asks the person to fill in: one text per field, the
/// selected field, and the last problem found when submitting.
public struct ElicitationForm: Equatable, Sendable {
    public let id: Int
    public let request: ElicitationRequest
    public var texts: [TextEditor]
    public var selected = 0
    public var problem: String?
    /// When a frame first showed it: Enter submits only after the guard time (as in the approval dialog).
    public var shownAt: Date?

    init(id: Int, request: ElicitationRequest) {
        self.id = id
        self.request = request
        texts = request.fields.map { field in
            TextEditor(field.defaultValue.map { $0.stringValue ?? $0.compactText } ?? "")
        }
    }

    /// The answer the texts make, or the first field that is not right.
    func accepted() -> Result<ElicitationAnswer, ElicitationProblem> {
        var content: [String: JSONValue] = [:]
        for (field, editor) in zip(request.fields, texts) {
            switch field.value(of: editor.text) {
            case .success(let value?): content[field.key] = value
            case .success(nil): break
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(ElicitationAnswer(action: .accept, content: content))
    }
}
