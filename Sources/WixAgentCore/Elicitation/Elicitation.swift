import Foundation
import Synchronization

/// A server's request for information from the person (MCP `elicitation/create`, form mode):
/// a message and flat fields from its `requestedSchema`.
public struct ElicitationRequest: Sendable, Hashable {
    /// The source that asks.
    public var source: String
    public var message: String
    public var fields: [Field]

    /// One field of the form: a string, number, integer, boolean or one of `options`.
    public struct Field: Sendable, Hashable {
        public var key: String
        public var title: String
        public var kind: Kind
        public var required: Bool
        public var options: [String]
        public var defaultValue: JSONValue?

        public enum Kind: String, Sendable, Hashable {
            case string, number, integer, boolean
        }

        public init(key: String, title: String, kind: Kind, required: Bool, options: [String] = [], defaultValue: JSONValue? = nil) {
            self.key = key
            self.title = title
            self.kind = kind
            self.required = required
            self.options = options
            self.defaultValue = defaultValue
        }

        /// The text a person typed as this field's JSON value, or why it is not one.
        public func value(of text: String) -> Result<JSONValue?, ElicitationProblem> {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                return required ? .failure(ElicitationProblem(description: "\(title) is required")) : .success(nil)
            }
            if !options.isEmpty, !options.contains(trimmed) {
                return .failure(ElicitationProblem(description: "\(title) must be one of \(options.joined(separator: ", "))"))
            }
            switch kind {
            case .string:
                return .success(.string(text))
            case .boolean:
                switch trimmed.lowercased() {
                case "y", "yes", "true": return .success(.bool(true))
                case "n", "no", "false": return .success(.bool(false))
                default: return .failure(ElicitationProblem(description: "\(title) must be yes or no"))
                }
            case .number, .integer:
                guard let number = Double(trimmed), number.isFinite, kind == .number || number.rounded() == number else {
                    return .failure(ElicitationProblem(description: "\(title) must be \(kind == .integer ? "a whole number" : "a number")"))
                }
                return .success(.number(number))
            }
        }
    }

    public init(source: String, message: String, fields: [Field]) {
        self.source = source
        self.message = message
        self.fields = fields
    }

    /// The form a `requestedSchema` describes: its primitive properties, in the order given
    /// (sorted by key when the order is unknown). Nested or unknown types become strings.
    public init(source: String, message: String, schema: JSONValue) {
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let properties = schema["properties"]?.objectValue ?? [:]
        let fields = properties.keys.sorted().prefix(32).map { key -> Field in
            let property = properties[key] ?? .object([:])
            let kind = property["type"]?.stringValue.flatMap(Field.Kind.init(rawValue:)) ?? .string
            let options = (property["enum"]?.arrayValue ?? []).compactMap(\.stringValue)
            return Field(key: key, title: property["title"]?.stringValue ?? key, kind: kind, required: required.contains(key),
                         options: options, defaultValue: property["default"])
        }
        self.init(source: source, message: message, fields: Array(fields))
    }
}

/// Why a form's text cannot be sent.
public struct ElicitationProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
}

/// What the person answered: accept (with the form's values), decline, or cancel.
public struct ElicitationAnswer: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable {
        case accept, decline, cancel
    }

    public var action: Action
    public var content: [String: JSONValue]

    public init(action: Action, content: [String: JSONValue] = [:]) {
        self.action = action
        self.content = content
    }

    public static let decline = ElicitationAnswer(action: .decline)
}

/// Answers a source's elicitation: the TUI shows a form; `exec` declines.
public typealias ElicitationAsker = @Sendable (ElicitationRequest) async -> ElicitationAnswer

/// Where sources send their elicitations: to whoever answers them now (the TUI installs its
/// form once it runs); until then, and in `exec`, every request is declined.
public final class ElicitationRelay: Sendable {
    private let asker = Mutex<ElicitationAsker?>(nil)

    public init() {}

    public func install(_ ask: @escaping ElicitationAsker) {
        asker.withLock { $0 = ask }
    }

    public func ask(_ request: ElicitationRequest) async -> ElicitationAnswer {
        guard let ask = asker.withLock({ $0 }) else { return .decline }
        return await ask(request)
    }
}
