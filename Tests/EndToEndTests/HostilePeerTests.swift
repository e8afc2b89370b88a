import Foundation
import Testing
import TestSupport

/// `exec`, `tools` and `sessions` against a peer that sends what an attacker would: every run
/// ends with a clear line, exit 0 or 1, never a trap, a hang or a raw control byte on the terminal.
@Suite("Hostile peer", .serialized)
struct HostilePeerTests {
    static let key = "truto-hostile-secret-5151"

    func run(_ cli: CLI, _ peer: HostilePeer, mode: String, _ arguments: [String], extra: [String: String] = [:]) async throws -> CLI.Result {
        try await cli.run(arguments + ["--account", mode, "--truto-base-url", peer.baseURL],
                          extraEnvironment: ["TRUTO_API_KEY": Self.key].merging(extra) { $1 }, timeout: 90)
    }

    static func expectClean(_ result: CLI.Result, _ what: String) {
        #expect(result.status == 0 || result.status == 1, "\(what): exit \(result.status), stderr: \(result.stderr.prefix(500))")
        let output = result.stdout + result.stderr
        let raw = output.unicodeScalars.first { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E || $0 == "\r" }
        #expect(raw == nil, "\(what) printed a raw control: \(output.prefix(300).debugDescription)")
        #expect(!output.contains(key), "\(what) printed the key")
        #expect(!output.contains("Fatal error") && !output.contains("Backtrace"), "\(what) trapped")
    }

    @Test func recordsAndHeadersThatAttack() async throws {
        let peer = try await HostilePeer.start()
        let cli = try CLI()
        defer { cli.cleanUp() }
        for mode in ["escapes", "utf8", "numbers", "deep", "huge", "error-escapes"] {
            let result = try await run(cli, peer, mode: mode, ["exec", #"/call get_hostile_record {"id": "1"}"#])
            Self.expectClean(result, "exec \(mode)")
            let json = try await run(cli, peer, mode: mode, ["exec", #"/call get_hostile_record {"id": "1"}"#, "--json"])
            Self.expectClean(json, "exec --json \(mode)")
            for line in json.stdout.split(separator: "\n") {
                #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "\(mode): not JSON: \(line.prefix(200))")
            }
        }
        let huge = try await run(cli, peer, mode: "huge", ["exec", #"/call get_hostile_record {"id": "1"}"#])
        #expect(huge.stderr.contains("with a body larger than 32 MB") && !huge.stderr.contains("retry"), "refused once, not downloaded three times: \(huge.stderr)")
        for command in [["sessions", "list"], ["sessions", "show", "last"], ["sessions", "search", "Order"], ["sessions", "export", "last", "--format", "markdown"]] {
            Self.expectClean(try await cli.run(command), command.joined(separator: " "))
        }
        await peer.stop()
    }

    @Test func catalogsThatAttack() async throws {
        let peer = try await HostilePeer.start()
        let cli = try CLI()
        defer { cli.cleanUp() }
        for mode in ["catalog-escapes", "catalog-deep", "catalog-huge"] {
            for command in [["tools", "list"], ["tools", "show", "get_hostile_record"], ["tools", "list", "--json"]] {
                Self.expectClean(try await run(cli, peer, mode: mode, command), "\(command.joined(separator: " ")) \(mode)")
            }
        }
        let shown = try await run(cli, peer, mode: "catalog-escapes", ["tools", "show", "get_hostile_record"])
        #expect(shown.stdout.contains("\\x1b]0;PWNED\\x07"), "the escape is shown, escaped: \(shown.stdout.prefix(400))")
        await peer.stop()
    }

    @Test func redirectsToAnotherOriginAreNotFollowedAndNoKeyGoesAlong() async throws {
        let peer = try await HostilePeer.start()
        let cli = try CLI()
        defer { cli.cleanUp() }
        let tool = try await run(cli, peer, mode: "redirect", ["exec", #"/call get_hostile_record {"id": "1"}"#])
        Self.expectClean(tool, "tool redirect")
        #expect(tool.stderr.contains("307") && tool.stderr.contains("not followed"), "\(tool.stderr)")
        let anthropic = try await cli.run(["exec", "hello", "--provider", "anthropic", "--llm-base-url", peer.baseURL, "--sandbox"],
                                          extraEnvironment: ["ANTHROPIC_API_KEY": "sk-ant-hostile-7777"], timeout: 60)
        #expect(anthropic.status == 1)
        #expect(anthropic.stderr.contains("redirect to http://localhost:\(peer.port)/landing/here") && anthropic.stderr.contains("not followed"), "\(anthropic.stderr)")
        #expect(!anthropic.stderr.contains("sk-ant-hostile-7777"))
        #expect(peer.followed.isEmpty, "a redirect was followed: \(peer.followed)")
        await peer.stop()
    }

    @Test func responsesThatStallEndWithALineAfterTheIdleTimeout() async throws {
        let peer = try await HostilePeer.start()
        let cli = try CLI()
        defer { cli.cleanUp() }
        let config = cli.home.appendingPathComponent("config/wixagent")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "idle_timeout = 1\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let tool = try await run(cli, peer, mode: "stall", ["exec", #"/call get_hostile_record {"id": "1"}"#])
        Self.expectClean(tool, "tool stall")
        #expect(tool.stderr.contains("no answer in time"), "\(tool.stderr)")
        let model = try await cli.run(["exec", "hello", "--provider", "openai", "--llm-base-url", peer.baseURL + "/stall/v1", "--sandbox"],
                                      extraEnvironment: ["OPENAI_API_KEY": "sk-stall-1234"], timeout: 60)
        #expect(model.status == 1)
        #expect(model.stderr.contains("sent nothing for 1 s in the middle of its reply"), "\(model.stderr)")
        await peer.stop()
    }

    @Test func theTUIShowsHostileTextEscapedAndTheTerminalIsUntouched() async throws {
        let peer = try await HostilePeer.start()
        let cli = try CLI()
        defer { cli.cleanUp() }
        let tmux = try Tmux.startTUI(cli, ["--account", "escapes", "--truto-base-url", peer.baseURL], extraEnvironment: ["TRUTO_API_KEY": Self.key])
        defer { tmux.kill() }
        let before = tmux.display("#{pane_title}")
        try tmux.submit(#"/call get_hostile_record {"id": "1"}"#)
        let screen = try tmux.waitForIdle()
        // JSON shows them as JSON escapes: visible, inert.
        #expect(screen.contains("\\u001b]0;PWNED\\u0007"), "the escape is shown, escaped: \(screen)")
        #expect(screen.contains("\\u202e"), "the bidi override is shown, escaped")
        #expect(tmux.display("#{pane_title}") == before, "the window title was not changed")
        #expect(!tmux.capture(escapes: true).contains("\u{1B}[2J"), "no clear-screen reached the terminal")
        #expect(!tmux.statusBar(screen).isEmpty, "the status bar survived ratelimit-reset: 1e19")
        try tmux.quit()
        await peer.stop()
    }
}
