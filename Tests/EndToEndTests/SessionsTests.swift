import Foundation
import Testing
import TestSupport

/// Sessions, audit trail and resume, through the real binary (docs/GUARANTEES.md, writes 5 and 6).
@Suite("wixagent sessions", .serialized)
struct SessionsTests {
    static let openAIKey = "sk-sessions-secret-9999"

    @Test func anExecRunIsListedSearchableAndExportedWithItsAudit() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let run = try await cli.run(["exec", "Check order 12345 and cancel it", "--allow", "wix_orders_cancel"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let id = try #require(run.stderr.split(separator: "\n").last { $0.hasPrefix("session ") }?.dropFirst("session ".count)).description

        let list = try await cli.run(["sessions", "list", "--json"])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(sessions.map { $0["id"] as? String } == [id])
        #expect((sessions.first?["tool_calls"] as? Int) == 2)

        let search = try await cli.run(["sessions", "search", "canceled"])
        #expect(search.stdout.contains(id))
        let miss = try await cli.run(["sessions", "search", "zebra"])
        #expect(!miss.stdout.contains(id))

        let markdown = try await cli.run(["sessions", "export", id, "--format", "markdown"])
        #expect(markdown.stdout.contains("## User\n\nCheck order 12345 and cancel it"))
        #expect(markdown.stdout.contains("Tool call `wix_orders_cancel` [write] done → 200"))
        #expect(markdown.stdout.contains("Approval for `wix_orders_cancel`: approved by rule"))
        #expect(markdown.stdout.contains("Approval for `get_single_wix_order_by_id`: approved by policy"))

        let jsonl = try await cli.run(["sessions", "export", "last", "--format", "jsonl"])
        let types = jsonl.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["type"] as? String
        }
        #expect(types.first == "session")
        #expect(types.filter { $0 == "tool_call" }.count == 2)
        #expect(types.filter { $0 == "approval" }.count == 2)

        // One timestamp format in every machine-readable output: RFC 3339, UTC, milliseconds.
        let audit = try await cli.run(["audit", "--json"])
        var times: [String] = []
        for line in (jsonl.stdout + "\n" + audit.stdout).split(separator: "\n") {
            let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? [:]
            times += object.filter { $0.key == "at" || $0.key == "time" || $0.key.hasSuffix("_at") }.compactMap { $0.value as? String }
        }
        times += sessions.flatMap { [$0["created_at"], $0["updated_at"]] }.compactMap { $0 as? String }
        #expect(times.count > 10)
        #expect(times.allSatisfy { $0.wholeMatch(of: #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/#) != nil }, "\(times.filter { $0.wholeMatch(of: #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/#) == nil })")

        let unknown = try await cli.run(["sessions", "show", "nope"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no session \"nope\""))
    }

    @Test func resumingGivesTheModelTheEarlierTurnsAndNoKeyReachesTheDisk() async throws {
        let server = try await FakeOpenAIServer.start()
        server.enqueue(.text("Noted: your favourite colour is teal."), .text("You said teal."))
        let cli = try CLI()
        defer { cli.cleanUp() }
        let env = ["OPENAI_API_KEY": Self.openAIKey, "TRUTO_API_KEY": "truto-sessions-secret-8888"]
        // --sandbox: a Truto key without an account is otherwise refused (it never falls back in silence).
        let first = try await cli.run(["exec", "My favourite colour is teal.", "--llm-base-url", server.baseURL, "--sandbox"], extraEnvironment: env)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let second = try await cli.run(["exec", "What is my favourite colour?", "--llm-base-url", server.baseURL, "--sandbox", "--resume", "last"], extraEnvironment: env)
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(second.stdout.contains("You said teal."))

        let resumed = try #require(server.requests.last?.rawBody)
        #expect(resumed.contains("My favourite colour is teal."))
        #expect(resumed.contains("Noted: your favourite colour is teal."))
        let list = try await cli.run(["sessions", "list", "--json"])
        #expect((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [Any])?.count == 1)
        await server.stop()

        let data = cli.home.appendingPathComponent("data")
        for file in try FileManager.default.contentsOfDirectory(atPath: data.path) where file.hasPrefix("sessions.sqlite") {
            let bytes = try Data(contentsOf: data.appendingPathComponent(file))
            #expect(bytes.range(of: Data(Self.openAIKey.utf8)) == nil, "\(file) holds the OpenAI key")
            #expect(bytes.range(of: Data("truto-sessions-secret-8888".utf8)) == nil, "\(file) holds the Truto key")
        }
        let mode = try FileManager.default.attributesOfItem(atPath: data.path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    @Test func sigkillMidTurnLosesAtMostTheEventInFlight() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let sandbox = try StandaloneSandbox(cli: cli, rateLimit: "50/10s", extraArguments: ["--latency", "3000ms"])
        defer { sandbox.stop() }
        let turn = try cli.start(
            ["exec", "Check order 12345 and cancel it", "--account", "sandbox-wix-site", "--truto-base-url", sandbox.baseURL],
            extraEnvironment: ["TRUTO_API_KEY": sandbox.token])
        // Kill while the first tool call is in flight (the sandbox answers after 3 s): once the
        // store shows it running.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !((try? await cli.run(["sessions", "show", "last"]))?.stdout.contains("[read] running") ?? false) {
            try await Task.sleep(for: .milliseconds(200))
        }
        turn.kill()
        _ = await turn.finish(timeout: 5)
        #expect(turn.process.terminationReason == .uncaughtSignal)

        let show = try await cli.run(["sessions", "show", "last"])
        #expect(show.status == 0, "stderr: \(show.stderr)")
        #expect(show.stdout.contains("Check order 12345 and cancel it"))
        #expect(show.stdout.contains("Tool call `get_single_wix_order_by_id` [read] running"))
        let again = try await cli.run(["sessions", "list"])
        #expect(again.status == 0)

        // The killed session resumes with a provider that answers 400 to an unanswered tool call,
        // as OpenAI does: the call got the interrupted result, and the user is told which it was.
        let model = try await FakeOpenAIServer.start()
        model.enqueue(.text("Picking up where we left off."))
        let resumed = try await cli.run(
            ["exec", "Did that work?", "--resume", "last", "--provider", "openai", "--llm-base-url", model.baseURL,
             "--account", "sandbox-wix-site", "--truto-base-url", sandbox.baseURL],
            extraEnvironment: ["TRUTO_API_KEY": sandbox.token, "OPENAI_API_KEY": "sk-resume-test"])
        await model.stop()
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        #expect(resumed.stdout.contains("Picking up where we left off."))
        #expect(resumed.stderr.contains("never finished: get_single_wix_order_by_id"), "stderr: \(resumed.stderr)")
        #expect(model.requests.last?.rawBody.contains("Interrupted: the program stopped before this call finished") == true)
        let after = try await cli.run(["sessions", "show", "last"])
        #expect(after.stdout.contains("Tool call `get_single_wix_order_by_id` [read] interrupted"), "\(after.stdout)")
    }

    @Test func auditListsEveryCallAcrossSessionsAsLinesOrJSON() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try await cli.run(["exec", "Check order 12345 and cancel it", "--allow", "wix_orders_cancel"])
        _ = try await cli.run(["exec", #"/call wix_orders_cancel {"id": "12346"}"#])
        let lines = try await cli.run(["audit"])
        #expect(lines.status == 0, "stderr: \(lines.stderr)")
        let rows = lines.stdout.split(separator: "\n")
        #expect(rows.count == 3 && rows[1].contains("wix_orders_cancel (sandbox) [write]  allowed by the allow list") && rows[2].contains("refused by policy"), "\(lines.stdout)")
        let json = try await cli.run(["audit", "--json", "--session", "last"])
        let objects = json.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == 1 && objects[0]["decision"] as? String == "refused by policy")
        #expect((objects[0]["preview"] as? [String: Any])?["lines"] != nil, "the preview is in the audit")
        #expect(try await cli.run(["audit", "--tool", "no_such_tool"]).stdout.contains("No calls recorded"))
        let bad = try await cli.run(["audit", "--since", "yesterday"])
        #expect(bad.status == 2 && bad.stderr.contains("--since"))
    }
}
