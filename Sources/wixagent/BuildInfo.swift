import Foundation

/// What `--version` says: the version, and the commit an installed build was made from, which
/// `scripts/install` records beside the binary (`PREFIX/share/wixagent/commit`). A build run
/// from the source tree has none recorded, and says so.
enum BuildInfo {
    static let version = "0.7.0"

    static var line: String {
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return "wixagent \(version)" }
        let file = executable.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/wixagent/commit")
        let recorded = (try? String(contentsOf: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard (7...40).contains(recorded.count), recorded.allSatisfy(\.isHexDigit) else { return "wixagent \(version) (built from source; no commit recorded)" }
        return "wixagent \(version) (commit \(recorded))"
    }
}
