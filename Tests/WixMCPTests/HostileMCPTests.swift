import Foundation
import Synchronization
import Testing
import TestSupport
import WixAgentCore
import WixMCP

/// An MCP server that attacks: escapes in names and text, unreadable tools, endless cursors,
/// deep and huge bodies, a stalled stream, a redirect. Each is one line or a clean catalog,
/// never a trap, a hang or a followed redirect.
@Suite("MCP against a hostile server", .serialized)
struct HostileMCPTests {
    @Test func escapesInNamesBecomeANameProvidersAcceptAndTextIsKeptForTheSanitizer() async throws {
        let peer = try await HostilePeer.start()
        let mcp = try MCPHarness.http(peer.baseURL + "/mcp/escapes")
        let catalog = try await mcp.catalog()
        let tool = try #require(catalog.tools.first)
        #expect(catalog.tools.count == 1)
        #expect(tool.name.range(of: "^[A-Za-z0-9_-]{1,64}$", options: .regularExpression) != nil, "\(tool.name)")
        #expect(tool.remoteName.hasPrefix("get_order\u{1B}"), "the server still gets the name it gave")
        // It says it reads and its name begins with get, but the name holds characters outside
        // ASCII (a bidi override), which could hide a verb: a write.
        #expect(tool.access == .write)
        #expect(!TerminalText.safe(tool.description).unicodeScalars.contains { TerminalText.isUnsafe($0) })
        let (outcome, events) = await mcp.run(tool.name, ["id": "1"], in: catalog)
        #expect(outcome.isError == false)
        // Absurd rate-limit headers are clamped (a 23-digit reset), read by their leading integer
        // as counts are (remaining 1e19 is 1), or ignored (retry-after 1e16): never trusted.
        let snapshots = events.compactMap { if case .rateLimit(_, let snapshot) = $0 { snapshot } else { nil } }
        #expect(!snapshots.isEmpty, "the answer's rate-limit headers were reported")
        #expect(snapshots.allSatisfy { $0.resetSeconds == RateLimitHeaders.maxSeconds && $0.remaining == 1 && $0.retryAfterSeconds == nil }, "\(snapshots)")
        #expect(outcome.response == .string(HostilePeer.hostileText), "the text reaches the model as sent; the screen sanitizes it")
        await mcp.stop()
        await peer.stop()
    }

    @Test func unreadableToolsAreLeftOutAndARepeatingCursorEndsTheListing() async throws {
        let peer = try await HostilePeer.start()
        let mcp = try MCPHarness.http(peer.baseURL + "/mcp/badtools")
        let catalog = try await mcp.catalog()
        #expect(catalog.tools.map(\.name) == ["list_good"])
        let notices = await mcp.source.notices
        #expect(notices.count == 1)
        #expect(notices.first?.hasPrefix("MCP source peer (\(peer.baseURL)/mcp/badtools) listed") == true, "\(notices)")
        #expect(notices.first?.contains("tool(s) wixagent cannot read") == true)
        await mcp.stop()
        await peer.stop()
    }

    @Test(arguments: ["deep", "huge", "redirect"])
    func aBodyNoClientShouldReadIsOneLine(mode: String) async throws {
        let peer = try await HostilePeer.start()
        let mcp = try MCPHarness.http(peer.baseURL + "/mcp/\(mode)", headers: ["Authorization": "Bearer secret-mcp-token-123"])
        do {
            _ = try await mcp.source.loadTools()
            Issue.record("\(mode) loaded tools")
        } catch {
            #expect(error.description.hasPrefix("Could not load the tools of MCP source peer"))
            #expect(!error.description.contains("\n"))
            #expect(!error.description.contains("secret-mcp-token-123"))
            if mode == "redirect" { #expect(error.description.contains("answered 307")) }
            if mode == "huge" { #expect(error.description.contains("larger than 32 MB"), "\(error.description)") }
        }
        #expect(peer.followed.isEmpty, "a redirect was followed: \(peer.followed)")
        await mcp.stop()
        await peer.stop()
    }

    @Test func aStalledStreamEndsAfterTheIdleTimeout() async throws {
        let peer = try await HostilePeer.start()
        let mcp = try MCPHarness.http(peer.baseURL + "/mcp/stall", retry: RetryPolicy(maxConnectionRetries: 0), name: "stall", idleTimeout: 1)
        let started = ContinuousClock.now
        do {
            _ = try await mcp.source.loadTools()
            Issue.record("a stalled stream loaded tools")
        } catch {
            #expect(error.description.contains("MCP source stall"))
            #expect(error.description.contains("sent nothing for 1 s (idle_timeout)"), "\(error.description)")
        }
        #expect(started.duration(to: .now) < .seconds(4.5), "the stall lasts 5 s; the idle timeout is 1 s")
        await mcp.stop()
        await peer.stop()
    }

    /// The server's own stream, opened again after it ends, carries back the last event id it
    /// gave; an id that could not go in a header (control bytes) is never sent.
    @Test(arguments: ["resume", "badid"])
    func theServersStreamResumesFromItsLastEventID(mode: String) async throws {
        let peer = try await HostilePeer.start()
        let changed = Mutex(0)
        let mcp = try MCPHarness.http(peer.baseURL + "/mcp/\(mode)", toolsChanged: { changed.withLock { $0 += 1 } })
        _ = try? await mcp.catalog()   // initialize opens the stream; this server lists no tools
        for _ in 0..<100 where peer.streams.count < 3 { try await Task.sleep(for: .milliseconds(50)) }
        await mcp.stop()
        let streams = peer.streams
        #expect(streams.count >= 3, "the stream was not opened again: \(streams)")
        if mode == "resume" {
            #expect(Array(streams.prefix(3)) == ["", "e-1", "e-2"])
        } else {
            #expect(streams.allSatisfy { $0.isEmpty }, "\(streams)")
        }
        let changes = changed.withLock { $0 }
        #expect(changes >= 2, "each stream's list_changed reached the program")
        await peer.stop()
    }
}
