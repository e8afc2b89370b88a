import Foundation

/// Where wixagent keeps its data and finds its config, from the environment (the rules are on each field).
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
        try Self.createPrivateDirectory(dataDirectory)
    }

    /// Creates `directory` 0700 (its missing parents with the usual mode) when it does not exist.
    /// An existing directory keeps its mode: `WIXAGENT_HOME=$HOME` must not change the home directory.
    public static func createPrivateDirectory(_ directory: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        try FileManager.default.createDirectory(at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    }

    /// One line when the data directory exists and others may read it (sessions hold what was said).
    public var exposureWarning: String? {
        guard let mode = (try? FileManager.default.attributesOfItem(atPath: dataDirectory.path))?[.posixPermissions] as? Int,
              mode & 0o077 != 0 else { return nil }
        return "the data directory \(dataDirectory.path) is readable by others (mode \(String(mode & 0o777, radix: 8))); its sessions hold what was said: chmod 700 it"
    }
}
