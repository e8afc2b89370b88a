import Foundation
import TOMLKit

/// Why a theme could not be used, as one line.
public struct ThemeError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// Finds and parses theme files: a path, a user theme by name, or a built-in one.
enum ThemeLoader {
    static let builtInNames = ["dark", "light", "high-contrast"]

    /// The built-in theme files, shipped as this target's resources. On Linux SwiftPM puts them in
    /// `wixagent_TerminalUI.resources` beside the executable; they are found there directly, since
    /// `Bundle`'s lookup pages in Foundation's Objective-C layer (about 0.3 MB at every start).
    static let builtInDirectory: URL? = {
        #if os(Linux)
        var path = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        if length > 0 {
            let executable = URL(fileURLWithPath: String(decoding: path.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self))
            let themes = executable.deletingLastPathComponent()
                .appendingPathComponent("wixagent_TerminalUI.resources", isDirectory: true)
                .appendingPathComponent("Themes", isDirectory: true)
            if FileManager.default.fileExists(atPath: themes.path) { return themes }
        }
        #endif
        return Bundle.module.resourceURL?.appendingPathComponent("Themes", isDirectory: true)
    }()

    /// `nil` means dark. A name containing `/` or ending in `.toml` is a path; otherwise the
    /// user's `NAME.toml` wins over the built-in theme of that name.
    static func load(_ name: String?, userThemesDirectory: URL) throws -> Theme {
        let name = name ?? "dark"
        let url: URL
        if name.contains(where: { $0 == "/" }) || name.hasSuffix(".toml") {
            url = URL(fileURLWithPath: name)
        } else if case let user = userThemesDirectory.appendingPathComponent("\(name).toml"), FileManager.default.fileExists(atPath: user.path) {
            url = user
        } else if let directory = builtInDirectory, case let builtIn = directory.appendingPathComponent("\(name).toml"),
                  FileManager.default.fileExists(atPath: builtIn.path) {
            url = builtIn
        } else {
            throw ThemeError(description: "unknown theme \"\(name)\": use one of \(builtInNames.joined(separator: ", ")), a file in \(userThemesDirectory.path), or a path to a .toml file")
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ThemeError(description: "cannot read the theme file \(url.path)")
        }
        return try parse(text, name: name, source: url.path)
    }

    /// Parses theme TOML: one table per role with `fg`, `bg` and `attrs`.
    static func parse(_ text: String, name: String, source: String) throws -> Theme {
        let file: [String: ThemeFileEntry]
        do {
            file = try TOMLDecoder().decode([String: ThemeFileEntry].self, from: text)
        } catch {
            throw ThemeError(description: "the theme file \(source) is not valid: \(error)")
        }
        var styles: [Role: RoleStyle] = [:]
        for role in Role.allCases {
            guard case .role(let entry)? = file[role.themeKey] else { continue }
            styles[role] = try entry.style(role: role.themeKey, source: source)
        }
        if case .name(let title)? = file["name"] { return Theme(name: title, styles: styles) }
        return Theme(name: name, styles: styles)
    }
}

/// A top-level entry of a theme file: the theme's `name`, or a role table.
private enum ThemeFileEntry: Decodable {
    case name(String)
    case role(RoleEntry)

    init(from decoder: Decoder) throws {
        if let name = try? decoder.singleValueContainer().decode(String.self) {
            self = .name(name)
        } else {
            self = .role(try RoleEntry(from: decoder))
        }
    }
}

private struct RoleEntry: Decodable {
    var fg: String?
    var bg: String?
    var attrs: [String]?

    func style(role: String, source: String) throws -> RoleStyle {
        func color(_ name: String?) throws -> ThemeColor {
            guard let name else { return .terminalDefault }
            guard let c = ThemeColor(name: name) else {
                throw ThemeError(description: "the theme file \(source) has an unknown colour \"\(name)\" for \(role)")
            }
            return c
        }
        var attributes: Set<TextAttribute> = []
        for a in attrs ?? [] {
            guard let attribute = TextAttribute(rawValue: a.lowercased()) else {
                throw ThemeError(description: "the theme file \(source) has an unknown attribute \"\(a)\" for \(role) (use \(TextAttribute.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            attributes.insert(attribute)
        }
        return RoleStyle(foreground: try color(fg), background: try color(bg), attributes: attributes)
    }
}
