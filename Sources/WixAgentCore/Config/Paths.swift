import Foundation

/// Where wixagent keeps its data and finds its config, from the environment (PRODUCT.md section 1).
public struct Paths: Sendable, Equatable {
    /// `$WIXAGENT_HOME`, else `$XDG_DATA_HOME/wixagent`, else `~/.local/share/wixagent`.
    public var dataDirectory: URL
    /// `$XDG_CONFIG_HOME/wixagent`, else `~/.config/wixagent`.
    public var configDirectory: URL

    public init(environment: [String: String]) {
        let home = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory())
        func nonEmpty(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        if let custom = nonEmpty("WIXAGENT_HOME") {
            dataDirectory = URL(fileURLWithPath: custom)
        } else if let xdg = nonEmpty("XDG_DATA_HOME") {
            dataDirectory = URL(fileURLWithPath: xdg).appendingPathComponent("wixagent")
        } else {
            dataDirectory = home.appendingPathComponent(".local/share/wixagent")
        }
        if let xdg = nonEmpty("XDG_CONFIG_HOME") {
            configDirectory = URL(fileURLWithPath: xdg).appendingPathComponent("wixagent")
        } else {
            configDirectory = home.appendingPathComponent(".config/wixagent")
        }
    }

    public var configFile: URL { configDirectory.appendingPathComponent("config.toml") }
    public var userThemesDirectory: URL { configDirectory.appendingPathComponent("themes") }

    /// Creates the data directory readable by its owner only (0700).
    public func ensureDataDirectory() throws {
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dataDirectory.path)
    }
}
