import Foundation

/// The MCP server the tests talk to that this project did not write: `Tests/Peers/mcp_peer.py`,
/// built on the official Python MCP SDK (installed by `.ci/install-deps`). Over HTTP it is a
/// process serving `url`; every `tools/call` it receives is a line of `calls`.
public final class PythonMCPPeer: @unchecked Sendable {
    public static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Peers/mcp_peer.py")

    public let url: String
    public let callsFile: URL
    private let process: Process

    /// The command that runs the peer over stdio (for `[[mcp]] command`).
    public static func stdioCommand(callsFile: URL, pageSize: Int = 2) -> [String] {
        ["python3", script.path, "--transport", "stdio", "--calls-file", callsFile.path, "--page-size", String(pageSize)]
    }

    /// Starts the peer over Streamable HTTP (SSE answers, or JSON with `json`) and waits until it listens.
    public init(json: Bool = false, token: String? = nil, port: Int = 0) throws {
        callsFile = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-peer-calls-\(UUID().uuidString).jsonl")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path, "--transport", "http", "--port", String(port), "--calls-file", callsFile.path]
            + (json ? ["--json"] : []) + (token.map { ["--token", $0] } ?? [])
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = out.fileHandleForReading
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("\n"), Date() < deadline, process.isRunning {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first, line.hasPrefix("listening on ") else {
            process.terminate()
            throw FakeServerError(description: "the Python MCP peer did not start (is `mcp==2.3.0` installed? run .ci/install-deps): \(text)")
        }
        url = String(line.dropFirst("listening on ".count))
    }

    /// The tools/call requests it received so far: (tool, arguments, refused).
    public var calls: [(tool: String, refused: Bool)] {
        Self.calls(in: callsFile)
    }

    public static func calls(in file: URL) -> [(tool: String, refused: Bool)] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let tool = object["tool"] as? String else { return nil }
            return (tool, object["refused"] as? Bool ?? false)
        }
    }

    /// SIGTERM, and SIGKILL if it still runs two seconds later (polled: `waitUntilExit` spins on Linux).
    public func stop() {
        if process.isRunning { process.terminate() }
        for _ in 0..<40 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for _ in 0..<40 where process.isRunning { usleep(50_000) }
    }

    deinit { stop() }
}
