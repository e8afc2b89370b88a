/// Why a call's arguments cannot be sent.
public struct ArgumentProblem: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String
}

extension Tool {
    /// The arguments as an object, when they are one, match the tool's schema, set no reserved
    /// query key and give a path id that addresses one record (README, "Hostile input"). The one
    /// check for the model's arguments and for the user's edits alike.
    public func check(_ value: JSONValue) -> Result<[String: JSONValue], ArgumentProblem> {
        guard let arguments = value.objectValue else {
            return .failure(ArgumentProblem(description: "the arguments of \(name) must be a JSON object, got \(value.typeName)"))
        }
        let issues = SchemaValidator.validate(value, against: inputSchema)
        guard issues.isEmpty else {
            return .failure(ArgumentProblem(description: "invalid arguments for \(name): " + issues.map(\.description).joined(separator: "; ")))
        }
        if let method = proxy, let reserved = method.reservedArgument(in: arguments) {
            return .failure(ArgumentProblem(description: "\(reserved) is set by wixagent, not by arguments"))
        }
        if proxy?.takesPathID == true, let id = arguments["id"], !Tool.isRecordID(id) {
            return .failure(ArgumentProblem(description: "id must name one record: a non-empty string other than \".\" and \"..\""))
        }
        return .success(arguments)
    }

    /// Whether a path id addresses one record: a non-empty string that is not a dot segment.
    public static func isRecordID(_ id: JSONValue) -> Bool {
        guard let text = id.stringValue else { return false }
        return !text.isEmpty && text != "." && text != ".."
    }
}

extension ProxyMethod {
    /// The first argument that names a query key the program sets itself: always
    /// `integrated_account_id`, and `next_cursor` unless the tool's schema declares it.
    public func reservedArgument(in arguments: [String: JSONValue]) -> String? {
        if arguments["integrated_account_id"] != nil { return "integrated_account_id" }
        if arguments["next_cursor"] != nil, !queryKeys.contains("next_cursor"), !bodyKeys.contains("next_cursor") { return "next_cursor" }
        return nil
    }
}
