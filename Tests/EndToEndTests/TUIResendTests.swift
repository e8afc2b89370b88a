import Foundation
import Testing

extension TUISuite {
    /// A write cut off by `kill -9` while in flight is resent from the resumed session with
    /// `/resend`, through the dialog, with the key its first request carried: the site has it once.
    @Suite("A killed write is resent with its key") struct TUIResend {
        @Test func aWriteKilledInFlightIsResentWithItsKeyAndHappensOnce() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let sandbox = try StandaloneSandbox(cli: cli, rateLimit: "50/10s", extraArguments: ["--latency", "2000ms"])
            defer { sandbox.stop() }
            let title = "Resend me \(UUID().uuidString.prefix(6))"
            do {
                let tmux = try Tmux.startTUI(cli, against: sandbox)
                defer { tmux.kill() }
                try tmux.submit(#"/call create_a_wix_task {"title": "\#(title)", "dueDate": "2030-01-01"}"#)
                try tmux.waitForApprovalDialog(timeout: 20)
                try tmux.press("y")
                _ = try tmux.waitFor(text: "create_a_wix_task · running")
                let pid = try #require(tmux.programPID())
                #expect(kill(pid, SIGKILL) == 0)
                _ = try tmux.waitFor(text: "EXITED", timeout: 10)
            }
            // The first request reaches the site after its latency, though nobody waits for its answer.
            try await Task.sleep(for: .milliseconds(2500))

            let tmux = try Tmux.startTUI(cli, ["--resume", "last", "--truto-base-url", sandbox.baseURL, "--account", "sandbox-wix-site"],
                                         extraEnvironment: ["TRUTO_API_KEY": sandbox.token])
            defer { tmux.kill() }
            try tmux.submit("/resend")
            let dialog = try tmux.waitForApprovalDialog(timeout: 20)
            #expect(dialog.contains("create_a_wix_task") && dialog.contains(title), "screen:\n\(dialog)")
            try tmux.press("y")
            let done = try tmux.waitForIdle(timeout: 20)
            #expect(done.contains("create_a_wix_task · done 200"), "screen:\n\(done)")
            try tmux.quit()

            // The resend carried the first request's key, and the site answered it once.
            let audit = try await cli.run(["audit", "--json", "--tool", "create_a_wix_task"])
            let entries = try audit.stdout.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
            let keys = Set(entries.compactMap { $0["idempotency_key"] as? String })
            #expect(entries.count == 2 && keys.count == 1, "the original and its resend, one key: \(audit.stdout)")
            let site = try Data(contentsOf: cli.home.appendingPathComponent("standalone-sandbox/sandbox/site.json"))
            let stored = try #require(JSONSerialization.jsonObject(with: site) as? [String: Any])
            let key = try #require(keys.first)
            #expect((stored["keyed"] as? [String: Any])?[key] != nil, "the site got that key")
            let tasks = ((stored["tables"] as? [String: Any])?["tasks"] as? [[String: Any]]) ?? []
            #expect(tasks.filter { $0["title"] as? String == title }.count == 1, "one task, however many requests")
        }
    }
}
