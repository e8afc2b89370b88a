import Foundation
import Testing
@testable import WixMCP
import WixAgentCore

/// A stdio server's children end with it: the server leads a process group of its own, and what
/// it leaves running in that group is ended when the channel closes.
@Suite struct StdioProcessGroupTests {
    /// Whether a process runs (a zombie waiting to be reaped does not).
    static func running(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)...].prefix(1)
        return state != "Z" && state != "X"
    }

    @Test func aServersChildInItsGroupEndsWhenTheChannelCloses() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wixagent-pgroup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pidFile = directory.appendingPathComponent("child.pid")
        let channel = try MCPStdioChannel(command: ["sh", "-c", "sleep 300 & echo $! > '\(pidFile.path)'; exec cat"],
                                          logFile: directory.appendingPathComponent("server.log"), hidden: [], idleTimeout: .seconds(5),
                                          inbound: MCPInbound(source: "group", elicitations: ElicitationRelay()))
        var pid: Int32?
        for _ in 0..<100 where pid == nil {
            pid = (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if pid == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let child = try #require(pid, "the server started its child")
        #expect(Self.running(child))
        await channel.close()
        var ended = false
        for _ in 0..<60 where !ended {
            ended = !Self.running(child)
            if !ended { try await Task.sleep(for: .milliseconds(100)) }
        }
        if !ended { kill(child, SIGKILL) }
        #expect(ended, "the server's child outlived the channel")
    }
}
