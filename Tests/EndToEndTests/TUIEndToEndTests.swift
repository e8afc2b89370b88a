import Foundation
import Testing
import TestSupport
import WixAgentCore
import WixOfflineModel

extension TUISuite {
    /// The real binary in tmux, against the embedded sandbox (or a standalone one) and the offline model.
    @Suite("TUI end to end") struct EndToEnd {
        static let cancelPrompt = "Check order 12345 and cancel it"

        /// Sends the cancel prompt and waits for the approval dialog.
        @discardableResult
        func openCancelDialog(_ tmux: Tmux) throws -> String {
            try tmux.submit(Self.cancelPrompt)
            return try tmux.waitForApprovalDialog()
        }

        @Test func typeAheadAndAltYNeverApprove() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }

            // "y" typed right after Enter, before the dialog exists: it must not decide.
            try tmux.type(Self.cancelPrompt)
            _ = try tmux.waitFor("the prompt in the input line") { tmux.inputLine($0).contains("ncel it") }
            try tmux.press("Enter", "y")
            try tmux.waitForApprovalDialog()
            try await Task.sleep(for: .milliseconds(500))
            let still = tmux.capture()
            #expect(still.contains("┌─ Approve tool call?"), "the typed-ahead y approved: \(still)")
            #expect(tmux.statusBar(still).contains("1 pending approval"))

            // Alt-y (ESC and y in one read) is Esc: the turn stops, nothing is approved.
            try tmux.press("M-y")
            let stopped = try tmux.waitFor(text: "Interrupted.")
            #expect(!stopped.contains("┌─ Approve tool call?"))
            #expect(tmux.inputLine(stopped).contains("y"), "the typed-ahead y is still in the input line, where it was typed")
            try tmux.press("BSpace")
            try tmux.quit()
            #expect(try await cli.orderStatus("12345") != "CANCELED")
        }

        /// Quitting while an approved write is on its way: the program stays until the site has
        /// answered, so the store records the write's true outcome, not "running" forever.
        @Test func quittingDuringAWriteWaitsForItsOutcome() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let sandbox = try StandaloneSandbox(cli: cli, rateLimit: "50/10s", extraArguments: ["--latency", "2500ms"])
            defer { sandbox.stop() }
            let tmux = try Tmux.startTUI(cli, against: sandbox)
            defer { tmux.kill() }
            try tmux.submit(#"/call wix_orders_cancel {"id": "12346"}"#)
            try tmux.waitForApprovalDialog(timeout: 20)
            try tmux.press("y")
            _ = try tmux.waitFor(text: "wix_orders_cancel · running")
            try tmux.press("C-c", "C-c")
            let waiting = try tmux.waitFor(text: "Quitting once wix_orders_cancel has answered")
            #expect(!waiting.contains("EXITED"), "it quit with the write in flight")
            _ = try tmux.waitFor(text: "EXITED", timeout: 20)
            let show = try await cli.run(["sessions", "show", "last"])
            // Its answer (toolFinished) and the turn's end are stored, not only its state.
            #expect(show.stdout.contains("Tool call `wix_orders_cancel` [write] done → 200"), "\(show.stdout)")
        }

        @Test func aGrantRunsTheNextWriteAndARevokedOneAsksAgain() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }
            let call = #"/call create_a_wix_task {"title": "Grant demo", "dueDate": "2030-01-01"}"#
            try tmux.submit(call)
            try tmux.waitForApprovalDialog()
            try tmux.press("a")
            var screen = try tmux.waitForIdle()
            #expect(tmux.statusBar(screen).contains("1 grant"), "\(tmux.statusBar(screen))")
            try tmux.submit(call)
            screen = try tmux.waitForIdle()
            #expect(!screen.contains("Approve tool call?"), "the grant ran it without asking")
            try tmux.submit("/grants")
            screen = try tmux.waitFor(text: "Grants (1)")
            #expect(screen.contains("create_a_wix_task") && screen.contains("after call 1"))
            try tmux.press("d")
            screen = try tmux.waitFor(text: "Grants (0)")
            try tmux.press("Escape")
            try tmux.submit(call)
            let dialog = try tmux.waitForApprovalDialog()
            #expect(dialog.contains("create_a_wix_task"), "revoked: it asks again")
            try tmux.press("n")
            try tmux.waitForIdle()
            try tmux.quit()
        }

        @Test func undoOfACreatedTaskProposesItsDeleteAndRestoresTheSite() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }
            try tmux.submit(#"/call create_a_wix_task {"title": "Undo demo", "dueDate": "2030-01-01"}"#)
            try tmux.waitForApprovalDialog()
            try tmux.press("y")
            try tmux.waitForIdle()
            try tmux.submit("/undo")
            let dialog = try tmux.waitForApprovalDialog()
            #expect(dialog.contains("delete_a_wix_task_by_id"), "\(dialog)")
            try tmux.press("y")
            let done = try tmux.waitForIdle()
            #expect(done.contains("Undo: delete_a_wix_task_by_id: done"), "\(done)")
            try tmux.submit("/undo 1")
            let again = try tmux.waitFor(text: "already undone")
            #expect(again.contains("create_a_wix_task was already undone by call 2"))
            try tmux.submit(#"/call wix_orders_cancel {"id": "12346"}"#)
            try tmux.waitForApprovalDialog()
            try tmux.press("y")
            try tmux.waitForIdle()
            try tmux.submit("/undo")
            let refused = try tmux.waitFor(text: "Not undoing")
            #expect(refused.contains("wix_orders_cancel cannot be undone"))
            try tmux.quit()
            let tasks = try await cli.callTool("list_all_wix_tasks", #"{"limit": 5}"#) as? [String: Any]
            let titles = ((tasks?["result"] as? [[String: Any]]) ?? []).compactMap { $0["title"] as? String }
            #expect(!titles.contains("Undo demo"), "the created task is gone: \(titles)")
        }

        @Test func aBatchOfWritesIsOneListDecidedPerItem() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }
            try tmux.submit("Check orders 12346 and 12347 and cancel them")
            let dialog = try tmux.waitForApprovalDialog()
            #expect(dialog.contains("2 writes proposed") && dialog.contains("› wix_orders_cancel"), "\(dialog)")
            #expect(dialog.contains("order 12346") && dialog.contains("order 12347"), "each item shows its preview")
            try tmux.press("Down")
            try await Task.sleep(for: .milliseconds(400))
            try tmux.press("n")
            try await Task.sleep(for: .milliseconds(400))
            try tmux.press("y")
            let done = try tmux.waitForIdle()
            #expect(done.contains("Order 12346 is now canceled") && done.contains("did not cancel it"), "\(done)")
            try tmux.quit()
            #expect(try await cli.orderStatus("12346") == "CANCELED")
            #expect(try await cli.orderStatus("12347") != "CANCELED")
        }

        @Test func previewsOfARescheduleALabelAndAnUpdateInTheDialog() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tasks = try await cli.callTool("list_all_wix_tasks", #"{"limit": 1}"#) as? [String: Any]
            let task = try #require((tasks?["result"] as? [[String: Any]])?.first)
            let taskID = try #require(task["id"] as? String)
            let priority = try #require(task["priority"] as? String)
            let other = priority == "HIGH" ? "LOW" : "HIGH"
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }
            let contact = "c0ffee42-9938-4b2a-8e11-5a1d2c3b4e5f"
            let cases: [(String, [String])] = [
                // "Next Thursday at 3 PM" with its weekday, and UTC (beside the machine's time when that is not UTC).
                ("Reschedule appointment ID 847294 to next Thursday at 3 PM, and add a note that the client requested the change due to a schedule conflict.",
                 ["startDate: ", "→ Thu ", "15:00 UTC"]),
                (#"/call wix_contacts_label {"id": "\#(contact)", "labelKeys": ["custom.vip-risk"]}"#,
                 [#"labelKeys: ["custom.vip"] → ["custom.vip","custom.vip-risk"]"#, "labelKeys → labels: VIP → VIP, VIP-Risk"]),
                // A label the contact has: nothing would change, and the dialog says so first.
                (#"/call wix_contacts_label {"id": "\#(contact)", "labelKeys": ["custom.vip"]}"#,
                 ["No effect: labelKeys already has the value it sets", "labelKeys → labels: VIP (unchanged)"]),
                (#"/call update_a_wix_task_by_id {"id": "\#(taskID)", "priority": "\#(other)"}"#, ["priority: \(priority) → \(other)"]),
            ]
            for (prompt, lines) in cases {
                try tmux.submit(prompt)
                _ = try tmux.waitForApprovalDialog()
                // Named records arrive while the dialog is open.
                let dialog = try tmux.waitFor("\(lines.last ?? "")", timeout: 10) { screen in lines.allSatisfy { screen.contains($0) } }
                for line in lines { #expect(dialog.contains(line), "missing \(line) in: \(dialog)") }
                try tmux.press("n")
                try tmux.waitForIdle()
            }
            try tmux.quit()
        }

        @Test func aBatchOfThreeIsApprovedOneThenAllAtOnce() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }
            try tmux.submit("Check orders 12345, 12346 and 12347 and cancel them")
            // The three questions are announced one by one (each after its decision task starts).
            let dialog = try tmux.waitFor(text: "3 writes proposed", timeout: 30)
            #expect(dialog.contains("Approve tool calls?"), "\(dialog)")
            try await Task.sleep(for: .milliseconds(400))
            try tmux.press("y")
            try await Task.sleep(for: .milliseconds(400))
            // The third has not been on screen in full: Y asks to review it first.
            try tmux.press("Y")
            try tmux.waitFor(text: "Y approves only calls you have seen in full: 1 not yet")
            try tmux.press("Down")
            try await Task.sleep(for: .milliseconds(400))
            try tmux.press("Y")
            let done = try tmux.waitForIdle()
            #expect(done.contains("Order 12347 is now canceled"), "\(done)")
            try tmux.quit()
            for id in ["12345", "12346", "12347"] { #expect(try await cli.orderStatus(id) == "CANCELED", "order \(id)") }
        }

        @Test func approveWithY() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }

            let dialog = try openCancelDialog(tmux)
            #expect(dialog.contains("wix_orders_cancel"))
            #expect(dialog.contains(" write "))
            #expect(dialog.contains("POST /proxy/orders/cancel?integrated_account_id=sandbox-wix-site"))
            #expect(dialog.contains(#""id": "12345""#))
            #expect(dialog.contains("y approve once"))
            // The preview: the order the cancel touches, and that it cannot be undone.
            #expect(dialog.contains("order 12345: number ") && dialog.contains("status APPROVED"), "\(dialog)")
            #expect(dialog.contains("This cannot be undone."))
            #expect(tmux.statusBar(dialog).contains("1 pending approval"))

            try tmux.press("y")
            let done = try tmux.waitFor(text: "now canceled")
            #expect(!done.contains("Approve tool call?"))
            let idle = try tmux.waitForIdle()
            #expect(idle.contains("✓ wix_orders_cancel · done 200"))
            try tmux.quit()

            #expect(try await cli.orderStatus("12345") == "CANCELED")
        }

        @Test func rejectWithAReason() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }

            try openCancelDialog(tmux)
            try tmux.press("r")
            try tmux.waitFor(text: "Why reject it?")
            try tmux.type("customer changed mind")
            try tmux.waitFor(text: "reason: customer changed mind")
            try tmux.press("Enter")
            let screen = try tmux.waitForIdle()
            #expect(!screen.contains("Approve tool call?"))
            #expect(screen.contains("✗ wix_orders_cancel · rejected: customer changed mind"))
            // The agent's answer tells the rejection and its reason (besides the tool line).
            let chat = screen.split(separator: "\n").map { $0.split(separator: "│").first ?? "" }
            let answer = chat.filter { !$0.contains("wix_orders_cancel") }.joined(separator: " ")
            #expect(answer.contains("rejected"), "chat: \(chat.joined(separator: "\n"))")
            #expect(answer.replacingOccurrences(of: "  ", with: " ").contains("customer changed"), "chat: \(chat.joined(separator: "\n"))")
            try tmux.quit()

            #expect(try await cli.orderStatus("12345") != "CANCELED")
        }

        @Test func editTheArgumentsToCancelAnotherOrder() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let list = try await cli.callTool("list_all_wix_orders", #"{"limit": 10}"#) as? [String: Any]
            let orders = (list?["result"] as? [[String: Any]]) ?? []
            let other = try #require(orders.first {
                ($0["id"] as? String) != "12345" && ($0["status"] as? String) == "APPROVED"
                    && ($0["fulfillmentStatus"] as? String) != "FULFILLED"
            }?["id"] as? String, "no cancelable order besides 12345 in the first 10")

            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }
            try openCancelDialog(tmux)
            try tmux.press("e")
            try tmux.waitFor(text: "Edit the JSON arguments")
            // Invalid JSON is refused in place.
            try tmux.type(",")
            try tmux.press("C-s")
            try tmux.waitFor(text: "✗ Not valid JSON")
            try tmux.press("BSpace")
            // The editor holds {\n  "id": "12345"\n} with the cursor at the end: go to the id's
            // closing quote, delete 12345 and type the other id.
            try tmux.press("Up", "End", "Left")
            for _ in 0..<5 { try tmux.press("BSpace") }
            try tmux.type(other)
            try tmux.waitFor(text: #""id": "\#(other)""#)
            try tmux.press("C-s")
            // The edit names another order: its dialog comes back with that order read and the change marked.
            let again = try tmux.waitFor(text: "The arguments name another record")
            #expect(again.contains("order \(other): number "), "\(again)")
            try await Task.sleep(for: .milliseconds(400))
            try tmux.press("y")
            let screen = try tmux.waitForIdle()
            #expect(!screen.contains("Approve tool call?"))
            #expect(screen.contains("✓ wix_orders_cancel · done 200"), "screen:\n\(screen)")
            try tmux.quit()

            #expect(try await cli.orderStatus(other) == "CANCELED")
            #expect(try await cli.orderStatus("12345") != "CANCELED")
        }

        @Test func rateLimit429ShowsACountdownThenCompletes() throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let sandbox = try StandaloneSandbox(cli: cli, rateLimit: "3/5s")
            defer { sandbox.stop() }
            let tmux = try Tmux.startTUI(cli, against: sandbox)
            defer { tmux.kill() }
            #expect(tmux.capture().contains("from account sandbox-wix-site"))

            // The catalog took one request of 3; reads until one has to wait for the window.
            var countdown: String?
            for sent in 1...5 where countdown == nil {
                try tmux.submit(#"/call list_all_wix_orders {"limit": 1}"#)
                let screen = try tmux.waitFor("call \(sent) to finish or wait", timeout: 15) { screen in
                    screen.contains("for rate limit") || screen.contains("retry ")
                        || screen.components(separatedBy: "list_all_wix_orders · done 200").count - 1 >= sent
                }
                if screen.contains("for rate limit") || screen.contains("retry ") { countdown = screen }
            }
            let waiting = try #require(countdown, "no rate-limit wait after 5 reads at 3/5s")
            let status = tmux.statusBar(waiting)
            #expect(waiting.contains(#/waiting \d+s for rate limit/#) || status.contains(#/retry \d\/\d in \d+s/#), "screen:\n\(waiting)")
            #expect(status.contains("tools 0/3"), "status bar: \(status)")
            // The call goes through once the window resets; the model never saw a 429.
            let done = try tmux.waitForIdle(timeout: 15)
            #expect(!done.contains("for rate limit"))
            #expect(!done.contains("failed"), "screen:\n\(done)")
            let calls = done.components(separatedBy: "list_all_wix_orders · done 200").count - 1
            #expect(calls >= 3, "screen:\n\(done)")
            try tmux.quit()
        }

        @Test func schemaBrowserFiltersAndShowsRequiredFields() throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }

            try tmux.press("F2")
            let all = try tmux.waitFor(text: "filter: ")
            #expect(all.contains(#/Tools (\d+)\/\1 /#))
            try tmux.type("cancel")
            var screen = try tmux.waitFor(text: "filter: cancel")
            #expect(screen.contains("wix_orders_cancel"))
            #expect(!screen.contains("list_all_wix_orders"))
            for _ in 0..<10 where !screen.contains("wix_orders_cancel [write]") {
                try tmux.press("Down")
                usleep(100_000)
                screen = tmux.capture()
            }
            #expect(screen.contains("wix_orders_cancel [write]"))
            #expect(screen.contains("* id: string (required)"), "screen:\n\(screen)")
            #expect(screen.contains("restockAllItems: boolean"))
            try tmux.press("Tab")
            try tmux.waitFor(text: "Input schema (raw JSON)")
            try tmux.press("Escape")
            let closed = try tmux.waitFor("the browser to close") { !$0.contains("filter: ") }
            #expect(closed.contains("Ready: "))
            try tmux.quit()
        }

        @Test func resizeSmallAndBackWhileIdleAndWithADialog() throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }

            // tmux keeps the bottom lines when a window shrinks, so wait for the program's own
            // redraw: its first row (`top`) and the status bar.
            func small(top: String) throws -> String {
                try tmux.resize(width: 40, height: 10)
                return try tmux.waitFor("a 40x10 layout starting with \(top)") { screen in
                    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                    return lines.count <= 11 && lines.allSatisfy { displayWidth($0) <= 40 }
                        && lines.first?.hasPrefix(top) == true
                        && tmux.statusBar(screen).contains("offline demo model")
                }
            }
            func full() throws -> String {
                try tmux.resize(width: 120, height: 40)
                return try tmux.waitFor("the 120x40 layout") { $0.contains("Inspector (") && $0.contains("─ Chat") && $0.split(separator: "\n").count >= 39 }
            }

            let tiny = try small(top: "─ Chat")
            #expect(tiny.contains("5  Find all physical"), "the last lines of the transcript: \(tiny)")
            #expect(tiny.split(separator: "\n").contains { $0.hasPrefix("> ") }, "the input line: \(tiny)")
            let back = try full()
            #expect(back.contains("Ready: "))
            #expect(tmux.statusBar(back).contains("ask-writes"))

            try openCancelDialog(tmux)
            let tinyDialog = try small(top: "┌─ Approve tool call?")
            #expect(!tinyDialog.contains("EXITED"))
            #expect(tinyDialog.contains("wix_orders_cancel  write"), "screen:\n\(tinyDialog)")
            #expect(tmux.statusBar(tinyDialog).contains("1 pending approval"))
            let backDialog = try full()
            #expect(backDialog.contains("Approve tool call?"))
            #expect(backDialog.contains("POST /proxy/orders/cancel"))
            try tmux.press("n")
            let done = try tmux.waitForIdle()
            #expect(done.contains("✗ wix_orders_cancel · rejected"))
            #expect(tmux.programPID() != nil)
            try tmux.quit()
        }

        @Test func sessionPickerResumesAnExecSessionAndRecordsIntoIt() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let exec = try await cli.run(["exec", Self.cancelPrompt, "--allow", "wix_orders_cancel"])
            #expect(exec.status == 0, "stderr: \(exec.stderr)")
            let id = try #require(exec.stderr.split(separator: "\n").last { $0.hasPrefix("session ") }?.dropFirst("session ".count)).description
            #expect(exec.stdout.contains("now canceled"), "answer: \(exec.stdout)")

            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }
            let own = try tmux.waitFor("the status bar to name this run's session") { tmux.statusBar($0).contains("session ") }
            #expect(!tmux.statusBar(own).contains(id))

            try tmux.submit("/sessions")
            let picker = try tmux.waitFor(text: id)
            // This run's own session is not stored until it records something, so only the exec session is listed.
            #expect(picker.contains("Sessions 1/1"), "screen:\n\(picker)")
            #expect(picker.contains(Self.cancelPrompt))
            try tmux.type("cancel it")
            try tmux.waitFor(text: "Sessions 1/1 · filter: cancel it")
            try tmux.press("Enter")
            let resumed = try tmux.waitFor(text: "Session \(id) is now active")
            #expect(!resumed.contains("filter: "))
            #expect(resumed.contains("> \(Self.cancelPrompt)"), "screen:\n\(resumed)")
            #expect(resumed.contains("now canceled"), "screen:\n\(resumed)")
            #expect(tmux.statusBar(resumed).contains("session \(id)"))

            let followUp = "Thank you, that is all for today"
            try tmux.submit(followUp)
            try tmux.waitFor(text: "> \(followUp)")
            try tmux.waitForIdle()
            try tmux.quit()

            let show = try await cli.run(["sessions", "show", id])
            #expect(show.status == 0, "stderr: \(show.stderr)")
            #expect(show.stdout.contains(Self.cancelPrompt))
            #expect(show.stdout.contains(followUp), "sessions show \(id):\n\(show.stdout)")
        }

        @Test func resumingASessionShowsTheTokensItUsed() async throws {
            let server = try await FakeOpenAIServer.start()
            server.enqueue(.text("Noted.", usage: TokenUsage(input: 12_000, output: 34)))
            let cli = try CLI()
            defer { cli.cleanUp() }
            let env = ["OPENAI_API_KEY": "sk-tui-resume-tokens"]
            let run = try await cli.run(["exec", "Remember teal.", "--llm-base-url", server.baseURL], extraEnvironment: env)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let tmux = try Tmux.startTUI(cli, ["--llm-base-url", server.baseURL, "--resume", "last"], extraEnvironment: env)
            defer { tmux.kill() }
            let screen = try tmux.waitFor("the resumed session's tokens") { tmux.statusBar($0).contains("tokens 12034") }
            #expect(screen.contains("Remember teal."), "screen:\n\(screen)")
            try tmux.quit()
            await server.stop()
        }

        @Test func aMultiLinePasteIsEditedAsTextAndSentWithEnter() throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }
            try tmux.paste("paste line one\npaste line two")
            let pasted = try tmux.waitFor(text: "  paste line two")
            #expect(pasted.contains("> paste line one"), "screen:\n\(pasted)")
            #expect(!tmux.statusBar(pasted).contains("working…"), "the paste must not send at its newline")
            try tmux.press("Enter")
            let answered = try tmux.waitFor(text: "configure a real model")
            #expect(answered.contains("> Type a message"), "the input line is empty again:\n\(answered)")
            try tmux.quit()
        }

        @Test func quitWithSlashQuitRestoresTheTerminal() throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }
            #expect(tmux.display("#{alternate_on}") == "1")
            let screen = try tmux.quit()
            #expect(screen.contains("EXITED 0"), "screen:\n\(screen)")
            expectRestored(tmux, screen)
        }

        @Test func quitWithCtrlCTwiceRestoresTheTerminal() throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }
            try tmux.press("C-c")
            let armed = try tmux.waitFor(text: "press Ctrl-C again to quit")
            #expect(!armed.contains("EXITED"))
            try tmux.press("C-c")
            let screen = try tmux.waitFor(text: "EXITED")
            #expect(screen.contains("EXITED 0"), "screen:\n\(screen)")
            expectRestored(tmux, screen)
        }

        /// `NO_COLOR` draws without a colour escape (attributes stay); leaving prints how to resume.
        @Test func noColorAndTheResumeLineOnLeaving() throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli, extraEnvironment: ["NO_COLOR": "1"])
            defer { tmux.kill() }
            try tmux.submit("Which Summer Collection products are out of stock?")
            try tmux.waitForIdle(timeout: 30)
            let drawn = tmux.capture(escapes: true)
            let colours = Self.colourParameters(in: drawn)
            #expect(colours.isEmpty, "colour escapes under NO_COLOR: \(colours.prefix(5))")
            #expect(drawn.contains("\u{1b}["), "attributes are still drawn (reverse, bold)")
            let screen = try tmux.quit()
            let line = try #require(screen.split(separator: "\n").first { $0.contains("continue it with: wixagent --resume ") }, "screen:\n\(screen)")
            let words = line.split(separator: " ")
            #expect(words.first == "Session" && words.count > 1 && line.hasSuffix("wixagent --resume \(words[1])"), "\(line)")

            // Without NO_COLOR the same screen has colours: the check above can fail.
            let coloured = try Tmux.startTUI(cli)
            defer { coloured.kill() }
            #expect(!Self.colourParameters(in: coloured.capture(escapes: true)).isEmpty)
        }

        /// The input line's readline keys, as a terminal sends them (Ctrl-Left from its terminfo).
        @Test func readlineKeysOnTheInputLine() throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli, extraEnvironment: ["TERM": "tmux-256color"])
            defer { tmux.kill() }
            try tmux.type("cancel order 12345 now")
            _ = try tmux.waitFor(text: "12345 now")
            try tmux.press("C-w")
            _ = try tmux.waitFor("Ctrl-W to cut the word") { tmux.inputLine($0).contains("12345") && !tmux.inputLine($0).contains("now") }
            try tmux.press("C-Left", "C-k")
            _ = try tmux.waitFor("Ctrl-Left, Ctrl-K to cut 12345") { !tmux.inputLine($0).contains("12345") && tmux.inputLine($0).contains("order") }
            try tmux.press("M-b", "C-y")
            let screen = try tmux.waitFor("Alt-B, Ctrl-Y to put it back before order") { tmux.inputLine($0).contains("cancel 12345 order") }
            #expect(tmux.inputLine(screen).contains("> cancel 12345 order"), "\(tmux.inputLine(screen))")
        }

        /// The first screen's examples come from the catalog, are picked with a number and sent with
        /// Enter, and the offline model understands them.
        @Test func anExampleIsPickedWithItsNumber() throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }
            let first = try tmux.waitFor(text: "Try one: press its number")
            // The first screen names the program's version, the site and the model.
            #expect(first.contains("wixagent 0.") && first.contains("tools from sandbox") && first.contains("offline demo model"), "screen:\n\(first)")
            let shown = (1...5).compactMap { n in first.split(separator: "\n").first { $0.hasPrefix("    \(n)  ") } }
            #expect(shown.count == 5, "screen:\n\(first)")
            #expect(shown.first?.contains("How many orders") == true, "a request about the site's own resources first: \(shown)")
            try tmux.press("1")
            _ = try tmux.waitFor("the example in the input line") { tmux.inputLine($0).contains("How many orders") }
            try tmux.press("Enter")
            // Waits for the answer itself: right after Enter the turn may not have begun.
            let answered = try tmux.waitFor(text: "orders created this month", timeout: 15)
            #expect(!answered.contains("I'm the offline demo model"), "screen:\n\(answered)")
        }

        /// `/model NAME` without a provider says why it stays the offline demo model.
        @Test func modelSaysWhyItCannotSwitch() throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }
            try tmux.submit("/model gpt-4o")
            let screen = try tmux.waitFor(text: "No model provider is configured")
            #expect(tmux.statusBar(screen).contains("offline demo model"), "screen:\n\(screen)")
        }

        /// The SGR parameters of `text` that set a colour (30-37, 40-47, 90-97, 100-107, 38/48;5;N).
        static func colourParameters(in text: String) -> [String] {
            text.matches(of: #/\x{1b}\[([0-9;]*)m/#).compactMap { match -> String? in
                let parameters = match.1.split(separator: ";").compactMap { Int($0) }
                let colour = parameters.contains { (30...37).contains($0) || (40...47).contains($0) || (90...97).contains($0) || (100...107).contains($0) || $0 == 38 || $0 == 48 }
                return colour ? String(match.1) : nil
            }
        }

        private func expectRestored(_ tmux: Tmux, _ screen: String) {
            #expect(tmux.display("#{alternate_on}") == "0")
            #expect(!screen.contains("Inspector"), "a UI frame was left on screen:\n\(screen)")
            #expect(!screen.contains("│"), "a UI frame was left on screen:\n\(screen)")
            #expect(tmux.display("#{cursor_flag}") == "1", "the cursor is visible again")
        }

        @Test func helpWithF1AndQuestionMark() throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }

            try tmux.press("F1")
            // Waits for the whole overlay: a capture may catch a frame still being written.
            let help = try tmux.waitFor("the help overlay") { $0.contains("─ Help ") && $0.contains("/quit ") }
            #expect(help.contains("Ctrl-C twice"))
            #expect(help.contains("/call NAME {json}"))
            try tmux.press("PageDown")
            let examples = try tmux.waitFor("the examples at the end of help") { $0.contains("Try asking") && $0.contains("Find all physical products") }
            #expect(examples.contains("1  How many orders") && examples.contains("5  Find all physical products"), "numbered, to be picked: \(examples)")
            try tmux.press("Escape")
            try tmux.waitFor("help to close") { !$0.contains("─ Help ") }

            try tmux.type("?")
            try tmux.waitFor(text: "─ Help ")
            try tmux.press("Escape")
            try tmux.waitFor("help to close") { !$0.contains("─ Help ") }
            // On a non-empty input, ? is just a character.
            try tmux.type("a?")
            let typed = try tmux.waitFor(text: "> a?")
            #expect(!typed.contains("─ Help "))
            try tmux.press("BSpace", "BSpace")
            try tmux.quit()
        }

        @Test func wideCharactersKeepTheFrame() throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }

            let message = "注文 12345 ☕️ をキャンセル"
            try tmux.submit(message)
            let screen = try tmux.waitForIdle()
            #expect(screen.contains("> 注文 12345 ☕"), "screen:\n\(screen)")
            #expect(screen.contains("をキャンセル"))
            // Every row between the top border and the input line has the pane divider at the same column.
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
            let divider = rows[0].firstIndex(of: "│").map { displayWidth(rows[0][..<$0]) }
            #expect(divider != nil)
            for (i, row) in rows.enumerated().dropFirst().prefix(36) {
                guard let bar = row.firstIndex(of: "│") else {
                    Issue.record("row \(i) has no divider: \(row)")
                    continue
                }
                #expect(displayWidth(row[..<bar]) == divider, "row \(i): \(row)")
                #expect(displayWidth(row) <= 120, "row \(i) is too wide: \(row)")
            }
            try tmux.quit()
        }
    }
}
