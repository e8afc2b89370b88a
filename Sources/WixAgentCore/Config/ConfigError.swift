/// A usage or configuration problem (exit code 2), in one line that says what to set.
public struct ConfigError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
