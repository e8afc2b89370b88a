import Foundation
import Testing
import TestSupport

/// `--mcp` and friends as a user runs them: the binary against a standalone sandbox's `/mcp`
/// (and its `/tools`, to compare), and against sources that cannot be reached.
@Suite("MCP sources end to end", .serialized)
struct MCPEndToEndTests {
    static func mcp(_ sandbox: StandaloneSandbox) -> [String] { ["--mcp", sandbox.baseURL + "/mcp"] }
    static func token(_ sandbox: StandaloneSandbox) -> [String: String] { ["WIXAGENT_MCP_TOKEN": sandbox.token] }
    static func truto(_ sandbox: StandaloneSandbox) -> [String] { ["--truto-base-url", sandbox.baseURL, "--account", "sandbox-wix-site"] }

    /// Runs the binary with the standalone sandbox's `/mcp` as its only source.
    static func viaMCP(_ arguments: [String], _ sandbox: StandaloneSandbox, _ cli: CLI) async throws -> CLI.Result {
        try await cli.run(arguments + mcp(sandbox), extraEnvironment: token(sandbox))
    }

    /// The issue's "done when": with only `--mcp` and the token, the offline model works against
    /// the standalone sandbox's MCP endpoint exactly as against its `/tools`.
    @Test func theOfflineModelAnswersOverMCPAsOverTheProxy() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let sandbox = try StandaloneSandbox(cli: cli, rateLimit: "50/10s")
        defer { sandbox.stop() }
        // A write waits for a decision; nobody can give one in exec, so it does not run, either way.
        let prompt = "Check order 12346 and cancel it"
        let viaProxy = try await cli.run(["exec", prompt] + Self.truto(sandbox), extraEnvironment: ["TRUTO_API_KEY": sandbox.token])
        let viaMCP = try await Self.viaMCP(["exec", prompt], sandbox, cli)
        #expect(viaMCP.stdout == viaProxy.stdout)
        #expect(viaMCP.stdout.contains("Order 12346"), "stdout: \(viaMCP.stdout)")
        #expect(viaMCP.stderr.contains("not run (policy)"), "stderr: \(viaMCP.stderr)")
        #expect(try await Self.status("12346", sandbox, cli) == "APPROVED")
        // Allowed by name, it runs, and the proxy sees the order canceled.
        let allowed = try await Self.viaMCP(["exec", "Check order 12346 and cancel it", "--allow", "wix_orders_cancel"], sandbox, cli)
        #expect(allowed.status == 0, "stderr: \(allowed.stderr)")
        #expect(try await Self.status("12346", sandbox, cli) == "CANCELED")
    }

    @Test func toolsSayWhereEachToolComesFromAndSharedNamesArePrefixed() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let sandbox = try StandaloneSandbox(cli: cli, rateLimit: "50/10s")
        defer { sandbox.stop() }
        let source = "127.0.0.1:\(sandbox.port)"
        let list = try await Self.viaMCP(["tools", "list", "--json"], sandbox, cli)
        #expect(list.status == 0, "stderr: \(list.stderr)")
        let tools = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(tools.count == 36)
        #expect(tools.allSatisfy { $0["source"] as? String == source })
        let show = try await Self.viaMCP(["tools", "show", "wix_orders_cancel"], sandbox, cli)
        #expect(show.stdout.hasPrefix("wix_orders_cancel  [write]  from \(source)"), "\(show.stdout)")
        #expect(show.stdout.contains("tools/call wix_orders_cancel on MCP source \(source)"))
        #expect(show.stdout.contains("The server calls it destructive."))

        // With the embedded sandbox too, every name is offered twice: both copies are renamed.
        let both = try await Self.viaMCP(["tools", "list", "--json", "--sandbox"], sandbox, cli)
        let all = try #require(try JSONSerialization.jsonObject(with: Data(both.stdout.utf8)) as? [[String: Any]])
        let names = Set(all.compactMap { $0["name"] as? String })
        #expect(all.count == 72)
        #expect(names.contains("sandbox__wix_orders_cancel"))
        #expect(names.contains("127_0_0_1_\(sandbox.port)__wix_orders_cancel"))
        #expect(!names.contains("wix_orders_cancel"))
    }

    @Test func anUnreachableSourceEndsExecAndToolsWithOneLineNamingIt() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let port = try freeLocalPort()
        for arguments in [["exec", "Check order 12345"], ["tools", "list"]] {
            let run = try await cli.run(arguments + ["--mcp", "http://127.0.0.1:\(port)/mcp"])
            #expect(run.status == 1, "\(arguments): \(run.stderr)")
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1, "stderr: \(run.stderr)")
            #expect(run.stderr.contains("MCP source 127.0.0.1:\(port)"))
            #expect(run.stderr.contains("connection refused"))
        }
    }

    @Test func trutosMCPURLNeverAppearsInOutput() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let port = try freeLocalPort()
        let secret = "tok-\(UUID().uuidString)"
        let run = try await cli.run(["tools", "list"], extraEnvironment: ["TRUTO_MCP_URL": "http://127.0.0.1:\(port)/mcp/\(secret)"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("MCP source truto-mcp (http://127.0.0.1:\(port)/…)"), "stderr: \(run.stderr)")
        #expect(!run.stderr.contains(secret))
        #expect(!run.stdout.contains(secret))
    }

    /// A stdio server's descendants end with wixagent, even one that left the server's process
    /// group and session (`setsid`): wixagent is their subreaper and ends them at exit.
    @Test func aServersDescendantThatLeftItsGroupEndsWithTheProgram() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let pidFile = cli.home.appendingPathComponent("escapee.pid")
        let command = (["sh", "-c", #"setsid sleep 300 & echo $! > "$0"; exec "$@""#, pidFile.path]
            + PythonMCPPeer.stdioCommand(callsFile: cli.home.appendingPathComponent("calls.jsonl")))
            .map { "'\($0)'" }.joined(separator: ", ")
        try FileManager.default.createDirectory(at: cli.home.appendingPathComponent("config/wixagent"), withIntermediateDirectories: true)
        try "[[mcp]]\nname = \"peer\"\ncommand = [\(command)]\n".write(to: cli.home.appendingPathComponent("config/wixagent/config.toml"), atomically: true, encoding: .utf8)
        let run = try await cli.run(["exec", "/call list_products {\"limit\": 1}"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let pid = try #require(Int32(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        let state = stat.flatMap { text in text.lastIndex(of: ")").map { String(text[text.index($0, offsetBy: 2)]) } }
        if state != nil && state != "Z" { kill(pid, SIGKILL) }
        #expect(state == nil || state == "Z", "the server's setsid child outlived wixagent (state \(state ?? "-"))")
    }

    @Test func aStdioSourceFromTheConfigFileRunsThePythonSDKsServer() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let calls = cli.home.appendingPathComponent("calls.jsonl")
        // The server is started through a shell that first writes down the environment it got.
        let seen = cli.home.appendingPathComponent("server-environment.txt")
        let command = (["sh", "-c", #"env > "$0"; exec "$@""#, seen.path] + PythonMCPPeer.stdioCommand(callsFile: calls))
            .map { "'\($0)'" }.joined(separator: ", ")
        try FileManager.default.createDirectory(at: cli.home.appendingPathComponent("config/wixagent"), withIntermediateDirectories: true)
        try "[[mcp]]\nname = \"peer\"\ncommand = [\(command)]\n".write(to: cli.home.appendingPathComponent("config/wixagent/config.toml"), atomically: true, encoding: .utf8)
        let secrets = ["TRUTO_API_KEY": "truto-secret-4242", "WIXAGENT_MCP_TOKEN": "mcp-secret-4242"]
        let run = try await cli.run(["exec", "/call list_products {\"limit\": 1}", "--json"],
                                    extraEnvironment: secrets.merging(["WIXAGENT_TEST_VISIBLE": "yes"]) { a, _ in a })
        // The program's keys never reach a server it starts; other variables do.
        let environment = String(decoding: try Data(contentsOf: seen), as: UTF8.self)
        #expect(environment.contains("WIXAGENT_TEST_VISIBLE=yes"), "\(environment)")
        for (name, value) in secrets {
            #expect(!environment.contains(name) && !environment.contains(value), "\(name) reached the server")
        }
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains(#""source":"peer""#))
        #expect(run.stdout.contains("Mug"))
        // Its stderr went to its log, not to the terminal.
        #expect(!run.stderr.contains("mcp_peer stdio ready"))
        let log = try String(contentsOf: cli.home.appendingPathComponent("data/logs/mcp-peer.log"), encoding: .utf8)
        #expect(log.contains("mcp_peer stdio ready"))
        #expect(PythonMCPPeer.calls(in: calls).map(\.tool) == ["list_products"])
        // The session store keeps each call's source.
        let audit = try await cli.run(["audit", "--json"])
        #expect(audit.stdout.contains(#""source":"peer""#), "audit: \(audit.stdout)")
    }

    /// An order's status read through the standalone sandbox's proxy.
    static func status(_ id: String, _ sandbox: StandaloneSandbox, _ cli: CLI) async throws -> String? {
        let run = try await cli.run(["exec", "/call get_single_wix_order_by_id {\"id\": \"\(id)\"}"] + truto(sandbox),
                                    extraEnvironment: ["TRUTO_API_KEY": sandbox.token])
        return run.stdout.firstMatch(of: #/"status": "([A-Z_]+)"/#).map { String($0.1) }
    }
}

extension TUISuite {
    /// MCP in the TUI: a write from an MCP source waits in the dialog, a 429 from it counts down.
    @Suite("TUI with an MCP source") struct TUIWithMCP {
        @Test func aWriteFromAnMCPSourceWaitsForApproval() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let sandbox = try StandaloneSandbox(cli: cli, rateLimit: "50/10s")
            defer { sandbox.stop() }
            let tmux = try Tmux.startTUI(cli, MCPEndToEndTests.mcp(sandbox), extraEnvironment: MCPEndToEndTests.token(sandbox))
            defer { tmux.kill() }
            #expect(tmux.statusBar(tmux.capture()).contains("mcp 127.0.0.1:\(sandbox.port)"))
            try tmux.submit("Check order 12346 and cancel it")
            let dialog = try tmux.waitForApprovalDialog()
            #expect(dialog.contains("tools/call wix_orders_cancel on MCP source 127.0.0.1:\(sandbox.port)"), "dialog:\n\(dialog)")
            // The sandbox marks a cancel destructive, and the dialog says it is the server's word.
            #expect(dialog.contains("The server calls it destructive."), "dialog:\n\(dialog)")
            #expect(try await MCPEndToEndTests.status("12346", sandbox, cli) == "APPROVED")
            try tmux.press("y")
            let done = try tmux.waitForIdle()
            #expect(done.contains("✓ wix_orders_cancel · done 200"), "screen:\n\(done)")
            #expect(try await MCPEndToEndTests.status("12346", sandbox, cli) == "CANCELED")
            try tmux.quit()
        }

        @Test func aSourceThatCannotBeReachedIsOneLineAndTheOthersStillServe() throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let port = try freeLocalPort()
            let tmux = try Tmux.startTUI(cli, ["--sandbox", "--mcp", "http://127.0.0.1:\(port)/mcp"])
            defer { tmux.kill() }
            let screen = try tmux.waitFor(text: "Warning: Could not load the tools of MCP source 127.0.0.1:\(port)")
            #expect(screen.contains("Ready: 36 tools"), "screen:\n\(screen)")
            try tmux.submit(#"/call list_all_wix_orders {"limit": 1}"#)
            _ = try tmux.waitFor(text: "list_all_wix_orders · done 200")
            try tmux.quit()
        }

        @Test func a429FromAnMCPSourceCountsDownThenCompletes() throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            // One call per 8 s: the second is refused however slowly the machine types it.
            let sandbox = try StandaloneSandbox(cli: cli, rateLimit: "1/8s")
            defer { sandbox.stop() }
            let tmux = try Tmux.startTUI(cli, MCPEndToEndTests.mcp(sandbox), extraEnvironment: MCPEndToEndTests.token(sandbox))
            defer { tmux.kill() }
            var countdown: String?
            for sent in 1...3 where countdown == nil {
                try tmux.submit(#"/call list_all_wix_orders {"limit": 1}"#)
                let screen = try tmux.waitFor("call \(sent) to finish or wait", timeout: 15) { screen in
                    screen.contains("for rate limit") || screen.components(separatedBy: "list_all_wix_orders · done 200").count - 1 >= sent
                }
                if screen.contains("for rate limit") { countdown = screen }
            }
            let waiting = try #require(countdown, "no rate-limit wait after 3 reads at 1/8s")
            #expect(waiting.contains(#/waiting \d+s for rate limit/#), "screen:\n\(waiting)")
            let done = try tmux.waitForIdle(timeout: 20)
            #expect(!done.contains("for rate limit"))
            #expect(!done.contains("failed"), "screen:\n\(done)")
            #expect(done.components(separatedBy: "list_all_wix_orders · done 200").count - 1 >= 2, "screen:\n\(done)")
            try tmux.quit()
        }

        /// The TUI with the Python SDK's server as its only source; `body` drives it, then it quits.
        static func againstThePeer(_ body: (Tmux) throws -> Void) throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let peer = try PythonMCPPeer()
            defer { peer.stop() }
            let tmux = try Tmux.startTUI(cli, ["--mcp", peer.url])
            defer { tmux.kill() }
            try body(tmux)
            try tmux.quit()
        }

        /// Calls a write of the peer and approves it in the dialog.
        static func callAndApprove(_ call: String, _ tmux: Tmux) throws {
            try tmux.submit(call)
            _ = try tmux.waitForApprovalDialog()
            try tmux.press("y")
        }

        @Test func aServerThatSaysItsToolsChangedGetsItsCatalogReloaded() throws {
            try Self.againstThePeer { tmux in
                try tmux.submit(#"/call get_report {}"#)
                _ = try tmux.waitFor(text: "There is no tool named get_report")
                try Self.callAndApprove(#"/call enable_reports {}"#, tmux)
                _ = try tmux.waitFor(text: "The tools changed: 9 now (new: get_report).")
                try tmux.submit(#"/call get_report {}"#)
                let done = try tmux.waitFor(text: #""sales": 1234"#)
                #expect(done.contains("✓ get_report · done 200"), "screen:\n\(done)")
            }
        }

        @Test func anElicitationIsAFormWhoseAnswerReachesTheServer() throws {
            try Self.againstThePeer { tmux in
                try Self.callAndApprove(#"/call confirm_booking {"booking_id": "b9"}"#, tmux)
                _ = try tmux.waitFor(text: "Confirm booking b9?")
                try tmux.type("all set")
                try tmux.press("Down")
                try tmux.type("yes")
                Thread.sleep(forTimeInterval: 0.4)
                try tmux.press("Enter")
                let done = try tmux.waitForIdle()
                #expect(done.contains("Form from 127.0.0.1:"), "screen:\n\(done)")
                #expect(done.contains(#""action": "accept""#), "screen:\n\(done)")
                #expect(done.contains(#""note": "all set""#))
                #expect(done.contains(#""notify": true"#))
            }
        }
    }
}
