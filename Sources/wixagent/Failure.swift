import Foundation
import WixAgentCore

/// How a command ends badly: one line on stderr and an exit code (1 run failed, 2 usage or configuration).
struct Failure: Error {
    var code: Int32
    var line: String

    static func usage(_ line: String) -> Failure { Failure(code: 2, line: line) }
    static func run(_ line: String) -> Failure { Failure(code: 1, line: line) }

    func report() -> Never {
        Console.error("wixagent: \(line)")
        Foundation.exit(code)
    }
}

/// Writes to stdout and stderr with every known secret removed and every control byte of remote
/// text escaped (`TerminalText`): no printer can pass an escape sequence to the terminal.
enum Console {
    nonisolated(unsafe) static var secrets: [String] = []

    /// A closed pipe (`wixagent exec … | head`) is not an error worth reporting: the write is dropped.
    static func out(_ text: String) {
        try? FileHandle.standardOutput.write(contentsOf: Data((TerminalText.safe(scrub(text)) + "\n").utf8))
    }

    static func error(_ text: String, terminator: String = "\n") {
        try? FileHandle.standardError.write(contentsOf: Data((TerminalText.safe(scrub(text)) + terminator).utf8))
    }

    static func scrub(_ text: String) -> String {
        SecretScrubber(secrets).scrub(text)
    }
}
