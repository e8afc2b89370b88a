import Foundation
import Testing
import WixAgentCore

extension TUISuite {
    /// Speed and memory of the real binary at 120x40 in tmux (sandbox, offline model). Each test
    /// prints `BENCH name=value unit` lines and asserts only what it saw (the screens it waits
    /// for); the budgets are `.ci/bench`'s, checked on the release build.
    /// Screen times come from polling `capture-pane`; each poll costs a tmux client start, so the
    /// resolution printed with them is the mean time between two polls.
    @Suite("TUI benchmarks") struct Benchmarks {
        static func bench(_ name: String, _ value: Double, _ unit: String) {
            print("BENCH \(name)=\(String(format: value < 100 ? "%.1f" : "%.0f", value)) \(unit)")
        }

        /// Polls the screen as fast as tmux allows until `condition` holds; the time it was first
        /// seen (uptime ns) and the mean poll interval in ms.
        static func seen(_ tmux: Tmux, timeout: Double = 20, sleepMs: Double = 5, _ condition: (String) -> Bool) throws -> (at: UInt64, resolutionMs: Double, screen: String) {
            let start = DispatchTime.now().uptimeNanoseconds
            let deadline = start + UInt64(timeout * 1e9)
            var polls = 0
            while true {
                let screen = tmux.capture()
                polls += 1
                let now = DispatchTime.now().uptimeNanoseconds
                if condition(screen) {
                    return (now, Double(now - start) / 1e6 / Double(polls), screen)
                }
                if now > deadline { throw Tmux.ScreenTimeout(waitingFor: "benchmark condition", seconds: timeout, screen: screen) }
                if sleepMs > 0 { usleep(useconds_t(sleepMs * 1000)) }
            }
        }

        static func ms(since start: UInt64, to end: UInt64) -> Double { Double(Int64(end) - Int64(start)) / 1e6 }

        @Test func firstScreenIdleCostAndMemory() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let start = DispatchTime.now().uptimeNanoseconds
            let tmux = try Tmux(cli: cli)
            defer { tmux.kill() }
            let spawned = DispatchTime.now().uptimeNanoseconds
            // The first full frame: borders, input line and the status bar with the model.
            let first = try Self.seen(tmux) { screen in
                screen.contains("─ Chat") && tmux.statusBar(screen).contains("offline demo model")
            }
            let ready = try Self.seen(tmux) { $0.contains("Ready: ") }
            Self.bench("first_screen_ms", Self.ms(since: start, to: first.at), "ms (from tmux new-session, includes tmux starting the pane)")
            Self.bench("first_screen_after_spawn_ms", Self.ms(since: spawned, to: first.at), "ms (from new-session returning)")
            Self.bench("first_screen_poll_resolution_ms", first.resolutionMs, "ms")
            Self.bench("connected_ms", Self.ms(since: start, to: ready.at), "ms (sandbox started, catalog loaded, Ready line shown)")

            let pid = try #require(tmux.programPID(), "no wixagent process in the pane")
            usleep(500_000)   // let connect-time work settle
            let ticks0 = try #require(ProcStat.cpuTicks(of: pid))
            let wall0 = DispatchTime.now().uptimeNanoseconds
            sleep(5)
            let ticks1 = try #require(ProcStat.cpuTicks(of: pid))
            let wall = Self.ms(since: wall0, to: DispatchTime.now().uptimeNanoseconds) / 1000
            let idleTicks = ticks1 - ticks0
            let cpuMs = Double(idleTicks) * 1000 / Double(ProcStat.ticksPerSecond)
            Self.bench("idle_cpu_ticks", Double(idleTicks), "ticks over \(String(format: "%.1f", wall)) s (\(ProcStat.ticksPerSecond) ticks/s)")
            Self.bench("idle_cpu_ms", cpuMs, "ms of CPU over \(String(format: "%.1f", wall)) s")
            let rss = try #require(ProcStat.memoryKB(of: pid))
            let peak = ProcStat.memoryKB(of: pid, "VmHWM") ?? 0
            Self.bench("idle_rss_mb", Double(rss) / 1024, "MB (VmRSS after connect, embedded sandbox in the same process)")
            Self.bench("idle_peak_rss_mb", Double(peak) / 1024, "MB (VmHWM)")
            // What a user's machine pays: the private (anonymous) pages, and the proportional share.
            Self.bench("idle_private_mb", Double(ProcStat.memoryKB(of: pid, "RssAnon") ?? 0) / 1024, "MB (RssAnon: memory only this process holds)")
            Self.bench("idle_pss_mb", Double(ProcStat.proportionalKB(of: pid) ?? 0) / 1024, "MB (Pss of smaps_rollup)")
            try tmux.quit()

            // The UI alone: the same TUI against a standalone sandbox (another process).
            let sandbox = try StandaloneSandbox(cli: cli, rateLimit: "50/10s")
            defer { sandbox.stop() }
            let remote = try Tmux.startTUI(cli, against: sandbox)
            defer { remote.kill() }
            let remotePID = try #require(remote.programPID())
            _ = try Self.seen(remote) { $0.contains("Ready: ") }
            sleep(2)   // idle, as above
            let remoteRSS = ProcStat.memoryKB(of: remotePID) ?? 0
            Self.bench("idle_rss_without_sandbox_mb", Double(remoteRSS) / 1024, "MB (VmRSS, TUI against a standalone sandbox)")
            try remote.quit()
        }

        @Test func streamedAnswerOf400PlusChunks() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let call = #"/call list_all_wix_orders {"limit": 1}"#
            // How many chunks the offline model streams for this call (same seed data).
            let json = try await cli.run(["exec", call, "--json"])
            #expect(json.status == 0, "stderr: \(json.stderr)")
            let chunks = json.stdout.split(separator: "\n").filter { $0.contains(#""type":"text_delta""#) }.count
            #expect(chunks >= 400, "the answer should stream at least 400 chunks, got \(chunks)")

            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }
            let pid = try #require(tmux.programPID())
            // The first call of a run also loads the sandbox site (seeds it here); the second is
            // the streamed answer alone.
            var totals: [Double] = []
            for run in 0..<2 {
                if run > 0 {
                    try tmux.type("/clear")
                    try tmux.press("Enter")
                    _ = try tmux.waitFor("the transcript to clear") { !$0.contains(#""total": "#) }
                }
                try tmux.type(call)
                try tmux.waitFor(text: "> " + call.prefix(30))
                let start = DispatchTime.now().uptimeNanoseconds
                try tmux.press("Enter")
                // Done when the answer's last line is on screen and the turn is over.
                let end = try Self.seen(tmux, sleepMs: 1) { screen in
                    screen.contains(#""total": "#) && !tmux.statusBar(screen).contains("working…")
                        && screen.contains("list_all_wix_orders · done 200")
                }
                totals.append(Self.ms(since: start, to: end.at))
                if run == 0 {
                    Self.bench("first_call_enter_to_last_line_ms", totals[0], "ms (first tool call of the run: loads the sandbox site, then \(chunks) chunks)")
                    Self.bench("rss_after_first_turn_mb", Double(ProcStat.memoryKB(of: pid) ?? 0) / 1024, "MB (VmRSS, site loaded)")
                } else {
                    Self.bench("stream_chunks", Double(chunks), "chunks")
                    Self.bench("stream_enter_to_last_line_ms", totals[1], "ms (Enter → tool call → \(chunks) chunks → last line on screen)")
                    Self.bench("stream_poll_resolution_ms", end.resolutionMs, "ms")
                }
            }
            try tmux.quit()
        }

        @Test func tenThousandMessageTranscript() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let dataDirectory = cli.home.appendingPathComponent("data")
            let count = 10_000
            let built = DispatchTime.now().uptimeNanoseconds
            let sessionID: String
            do {
                let database = try SessionDatabase(directory: dataDirectory)
                let recorder = try SessionRecorder(database: database, model: "offline demo model", source: "sandbox", secrets: [])
                sessionID = recorder.sessionID
                let sample = "Here are the orders of member 99382 in the last year, 日本語 included, with totals and dates 😀. "
                for i in 0..<count {
                    let message: ChatMessage = i % 2 == 0
                        ? .user("question \(i): which orders did member \(i) place?")
                        : .assistant(text: "answer \(i): " + String(repeating: sample, count: 1 + i % 4), toolCalls: [])
                    if let error = recorder.record(.message(message)) { throw error }
                }
            }
            Self.bench("transcript_build_ms", Self.ms(since: built, to: DispatchTime.now().uptimeNanoseconds), "ms (recording \(count) messages)")

            let start = DispatchTime.now().uptimeNanoseconds
            let tmux = try Tmux(cli: cli, arguments: ["--resume", sessionID])
            defer { tmux.kill() }
            let ready = try Self.seen(tmux, timeout: 60) { $0.contains("Ready: ") }
            Self.bench("resume_10k_connected_ms", Self.ms(since: start, to: ready.at), "ms (launch → history loaded and Ready shown)")
            #expect(ready.screen.contains("answer \(count - 1):"), "the resumed conversation is shown:\n\(ready.screen)")

            // Keystroke → screen: type a character, poll until the input line shows it.
            var latencies: [Double] = []
            var typed = "> "
            for i in 0..<15 {
                let c = String(UnicodeScalar(UInt8(97 + i)))
                typed += c
                let sent = DispatchTime.now().uptimeNanoseconds
                try tmux.type(c)
                let seen = try Self.seen(tmux, sleepMs: 0) { screen in
                    screen.split(separator: "\n").contains { $0.hasPrefix(typed) }
                }
                latencies.append(Self.ms(since: sent, to: seen.at))
            }
            let sorted = latencies.sorted()
            var pollTimes: [Double] = []
            for _ in 0..<10 {
                let t = DispatchTime.now().uptimeNanoseconds
                _ = tmux.capture()
                pollTimes.append(Self.ms(since: t, to: DispatchTime.now().uptimeNanoseconds))
            }
            Self.bench("keystroke_10k_median_ms", sorted[sorted.count / 2], "ms (send-keys → visible; includes tmux client round trips)")
            Self.bench("keystroke_10k_max_ms", sorted.last ?? 0, "ms")
            Self.bench("capture_pane_cost_ms", pollTimes.sorted()[pollTimes.count / 2], "ms (one capture-pane: the resolution of the keystroke numbers)")

            // Scroll to the top of the transcript and back: wraps every entry once.
            try tmux.press("Tab")
            let home = DispatchTime.now().uptimeNanoseconds
            try tmux.press("Home")
            let top = try Self.seen(tmux, timeout: 30, sleepMs: 1) { $0.contains("question 0:") }
            Self.bench("scroll_home_10k_ms", Self.ms(since: home, to: top.at), "ms (Home in the chat: oldest message on screen)")
            try tmux.press("End")
            try tmux.waitFor(text: "Ready: ")
            try tmux.press("Escape")   // focus back on the input line, then clear what was typed
            for _ in 0..<15 { try tmux.press("BSpace") }
            try tmux.waitFor(text: "> Type a message")

            let pid = try #require(tmux.programPID())
            let rss = ProcStat.memoryKB(of: pid) ?? 0
            let peak = ProcStat.memoryKB(of: pid, "VmHWM") ?? 0
            Self.bench("transcript_10k_rss_mb", Double(rss) / 1024, "MB (VmRSS)")
            Self.bench("transcript_10k_private_mb", Double(ProcStat.memoryKB(of: pid, "RssAnon") ?? 0) / 1024, "MB (RssAnon)")
            Self.bench("transcript_10k_peak_rss_mb", Double(peak) / 1024, "MB (VmHWM)")
            try tmux.quit()
        }
    }
}
