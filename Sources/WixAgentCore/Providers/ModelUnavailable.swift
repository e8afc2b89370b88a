/// Why the model asked for (`/model NAME`) cannot be used here, in one line for the chat.
public struct ModelUnavailable: Error, Sendable, Equatable {
    public var line: String

    public init(_ line: String) {
        self.line = line
    }
}
