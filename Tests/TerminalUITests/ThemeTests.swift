import Foundation
import Testing
@testable import TerminalUI

@Suite struct ThemeTests {
    private let noUserThemes = URL(fileURLWithPath: "/nonexistent/wixagent/themes")

    @Test func builtInThemesLoadWithEveryRole() throws {
        for name in ThemeLoader.builtInNames {
            let theme = try TerminalApp.loadTheme(name, userThemesDirectory: noUserThemes)
            #expect(theme.name == name)
            #expect(Set(theme.styles.keys) == Set(Role.allCases), "\(name) misses roles")
        }
        #expect(try TerminalApp.loadTheme(nil, userThemesDirectory: noUserThemes).name == "dark")
    }

    @Test func builtInThemesAreFoundBesideTheExecutable() throws {
        let directory = try #require(ThemeLoader.builtInDirectory)
        #if os(Linux)
        #expect(directory.deletingLastPathComponent().lastPathComponent == "wixagent_TerminalUI.resources")
        #endif
        for name in ThemeLoader.builtInNames {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("\(name).toml").path), "\(name)")
        }
    }

    @Test func withoutColourEveryRoleKeepsItsAttributesAndABackgroundBecomesReverse() throws {
        for name in ThemeLoader.builtInNames {
            let theme = try TerminalApp.loadTheme(name, userThemesDirectory: noUserThemes)
            let plain = theme.withoutColour
            for role in Role.allCases {
                let style = plain.style(role)
                #expect(style.foreground == .terminalDefault && style.background == .terminalDefault, "\(name) \(role)")
                #expect(style.attributes.isSuperset(of: theme.style(role).attributes))
                #expect(style.attributes.contains(.reverse) == (theme.style(role).background != .terminalDefault || theme.style(role).attributes.contains(.reverse)))
            }
        }
    }

    @Test func darkThemeValues() throws {
        let dark = try TerminalApp.loadTheme("dark", userThemesDirectory: noUserThemes)
        #expect(dark.style(.error) == RoleStyle(foreground: .index(1), attributes: [.bold]))
        #expect(dark.style(.statusBar).background == .index(6))
    }

    @Test func unknownThemeIsOneLineError() {
        #expect(throws: ThemeError.self) { try TerminalApp.loadTheme("neon", userThemesDirectory: noUserThemes) }
        do {
            _ = try TerminalApp.loadTheme("neon", userThemesDirectory: noUserThemes)
        } catch {
            #expect(!"\(error)".contains("\n"))
            #expect("\(error)".contains("unknown theme \"neon\""))
        }
    }

    @Test func userThemesByNameAndPathAndBadValues() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wixagent-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "name = \"mine\"\n[user]\nfg = \"bright-green\"\nattrs = [\"underline\"]\n".write(to: dir.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        let mine = try TerminalApp.loadTheme("mine", userThemesDirectory: dir)
        #expect(mine.style(.user) == RoleStyle(foreground: .index(10), attributes: [.underline]))
        #expect(mine.style(.tool) == RoleStyle())
        let byPath = try TerminalApp.loadTheme(dir.appendingPathComponent("mine.toml").path, userThemesDirectory: noUserThemes)
        #expect(byPath.name == "mine")
        try "[user]\nfg = \"chartreuse\"\n".write(to: dir.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        #expect(throws: ThemeError.self) { try TerminalApp.loadTheme("bad", userThemesDirectory: dir) }
        try "[user\nfg=".write(to: dir.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
        #expect(throws: ThemeError.self) { try TerminalApp.loadTheme("broken", userThemesDirectory: dir) }
    }
}
