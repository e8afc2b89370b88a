import Foundation
import Testing

@Suite("wixagent exec, run as a user would", .serialized)
struct ExecTests {
    @Test func cancelsOrder12345WithAllowAndTheChangePersists() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let run = try await cli.run(["exec", "Check order 12345 and cancel it", "--sandbox", "--allow", "wix_orders_cancel"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("now canceled"))
        #expect(run.stderr.contains("→ wix_orders_cancel"))

        let check = try await cli.run(["exec", #"/call get_single_wix_order_by_id {"id": "12345"}"#])
        #expect(check.status == 0, "stderr: \(check.stderr)")
        #expect(check.stdout.contains("CANCELED"))
    }

    @Test func escapeSequencesInRemoteTextNeverReachTheTerminal() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let hostile = #"/call get_single_wix_order_by_id {"id":"\u001b]0;X\u0007\u001b[31m"}"#
        let run = try await cli.run(["exec", hostile])
        let show = try await cli.run(["sessions", "show", "last"])
        let export = try await cli.run(["sessions", "export", "last", "--format", "markdown"])
        let json = try await cli.run(["exec", hostile, "--json"])
        for (name, output) in [("exec", run.stdout + run.stderr), ("show", show.stdout), ("export", export.stdout), ("json", json.stdout + json.stderr)] {
            #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(name) printed a raw control byte")
        }
        #expect((run.stdout + run.stderr).contains("\\x1b]0;X\\x07"), "the user sees that something was there: \(run.stderr)")
        for line in json.stdout.split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "JSON stays JSON: \(line)")
        }
    }

    @Test func absurdSandboxFlagsAreUsageErrorsNotTraps() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        for flags in [["--latency", "1e300s"], ["--latency", "infs"], ["--rate-limit", "5/99999999999999999m"], ["--rate-limit", "99999999999999999999/1s"],
                      ["--fault-kind", "sometimes"]] {
            let run = try await cli.run(["sandbox", "serve"] + flags, timeout: 20)
            #expect(run.status == 2, "\(flags): status \(run.status), stderr: \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(flags): one line: \(run.stderr)")
        }
    }

    @Test func anExistingDataDirectoryKeepsItsModeAndIsWarnedAbout() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let shared = cli.home.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let run = try await cli.run(["exec", "hello"], extraEnvironment: ["WIXAGENT_HOME": shared.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: shared.path)[.posixPermissions] as? Int == 0o755)
        #expect(run.stderr.contains("is readable by others (mode 755)"), "\(run.stderr)")
    }

    @Test func readOnlyIsAbsoluteEvenForAnAllowedWrite() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let task = #"/call create_a_wix_task {"title": "Read-only must stop me", "dueDate": "2025-07-01"}"#
        let run = try await cli.run(["exec", task, "--approval", "read-only", "--allow", "create_a_wix_task", "--allow", "no_such_tool"])
        #expect(run.stderr.contains("warning: create_a_wix_task is a write, and the approval policy is read-only"), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("warning: the allow rule names no_such_tool, which is not a tool of this catalog"))
        #expect(run.stderr.contains("not run (policy)"))
        let tasks = try await cli.run(["exec", #"/call list_all_wix_tasks {"limit": 5}"#])
        #expect(tasks.status == 0, "stderr: \(tasks.stderr)")
        #expect(!tasks.stdout.contains("Read-only must stop me"))
    }

    @Test func withoutAllowTheOrderStaysAndTheAnswerSaysWhy() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let run = try await cli.run(["exec", "Check order 12345 and cancel it", "--sandbox"])
        #expect(run.status == 3, "a write waited for a decision nobody could give: \(run.stderr)")
        #expect(run.stdout.contains("--allow wix_orders_cancel"))
        let check = try await cli.run(["exec", #"/call get_single_wix_order_by_id {"id": "12345"}"#])
        #expect(!check.stdout.contains("CANCELED"))
    }

    @Test func jsonModePrintsOneEventPerLine() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let run = try await cli.run(["exec", "Check order 12345 and cancel it", "--json", "--approval", "auto"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count > 5)
        let types = lines.compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return object["type"] as? String
        }
        #expect(types.count == lines.count, "every line is a JSON object")
        #expect(types.first == "turn_started")
        #expect(types.last == "finished")
        #expect(types.contains("tool_finished") && types.contains("rate_limit"))
    }

    /// After each event that changed a call, a `call` line gives the call's whole state from the
    /// ledger; the last one of each call is what the store keeps of it.
    /// exec names a write's records only when the write will run: one the gate refuses costs no reads.
    @Test func aRefusedWriteCostsNoNamingReads() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let prompt = "Create a new Wix order for customer john.doe@example.com for 5 units of the 'Premium Coffee Beans' SKU, applying a 10% manual discount."
        let refused = try await cli.run(["exec", prompt, "--json"])
        #expect(refused.status == 3 && !refused.stdout.contains("records_named"), "\(refused.stdout.suffix(300))")
        let allowed = try await cli.run(["exec", prompt, "--json", "--allow", "create_a_wix_order"])
        #expect(allowed.status == 0 && allowed.stdout.contains("records_named") && allowed.stdout.contains("order total: 157.45 USD"), "\(allowed.stderr)")
    }

    @Test func jsonModeFollowsEachChangeWithTheCallsState() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let run = try await cli.run(["exec", "Check order 12345 and cancel it", "--json", "--approval", "auto"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        func objects(_ text: String) throws -> [[String: Any]] {
            try text.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        }
        var last: [String: [String: Any]] = [:]
        for object in try objects(run.stdout) where object["type"] as? String == "call" {
            let call = try #require(object["call"] as? [String: Any])
            let id = try #require(call["call_id"] as? String)
            last[id] = call
        }
        let cancel = try #require(last.values.first { $0["tool"] as? String == "wix_orders_cancel" })
        #expect(cancel["state"] as? String == "done")
        #expect(((cancel["decisions"] as? [[String: Any]])?.first?["decided_by"]) as? String == "policy")
        #expect((cancel["outcome"] as? [String: Any])?["status"] as? Int == 200)
        #expect((cancel["idempotency_key"] as? String)?.hasPrefix("wixagent-") == true)
        let session = try #require(try objects(run.stdout).first?["session"] as? String)
        let stored = try objects(try await cli.run(["audit", "--json", "--session", session]).stdout)
        #expect(stored.count == last.count, "one call per stored call")
        for entry in stored {
            let id = try #require(entry["call"] as? String)
            let call = try #require(last[id])
            #expect(call["attempts"] as? Int == entry["attempts"] as? Int)
            #expect(call["idempotency_key"] as? String == entry["idempotency_key"] as? String)
            #expect(NSDictionary(dictionary: call["arguments"] as? [String: Any] ?? [:]).isEqual(to: entry["arguments"] as? [String: Any] ?? ["": 0]))
        }
    }

    @Test(arguments: [
        (["exec", "hi", "--approval", "maybe"], "unknown approval policy"),
        (["exec", "hi", "--provider", "openai"], "OPENAI_API_KEY is not set"),
        (["exec", "hi", "--provider", "gemini"], "unknown provider"),
        (["exec", "hi", "--max-steps", "0"], "--max-steps"),
        (["exec", "hi", "--bogus"], "--bogus"),
        (["exec"], "prompt"),
        (["exec", "hi", "--account", "acc_1"], "TRUTO_API_KEY is not set"),
    ])
    func badInputGetsOneLineAndExit2(arguments: [String], mentions: String) async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let run = try await cli.run(arguments)
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.contains(mentions))
        #expect(run.stdout.isEmpty)
    }

    /// Setup never falls back in silence: a key without an account, a base URL without a
    /// provider, a misspelt or mistyped config key each get exactly what they mean, or one line.
    /// `exec --resume ID --resend`: a session with no write of unknown outcome has nothing to
    /// send again; --resend without --resume, or with a prompt, is a usage error.
    @Test func resendNeedsASessionAndSaysWhenThereIsNothing() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let bare = try await cli.run(["exec", "--resend"])
        #expect(bare.status == 2 && bare.stderr.contains("--resend needs --resume ID"), "\(bare.stderr)")
        let both = try await cli.run(["exec", "hi", "--resend", "--resume", "last"])
        #expect(both.status == 2 && both.stderr.contains("--resend takes no prompt"), "\(both.stderr)")
        let first = try await cli.run(["exec", "Which Summer Collection products are out of stock?"])
        #expect(first.status == 0, "\(first.stderr)")
        let again = try await cli.run(["exec", "--resume", "last", "--resend"])
        #expect(again.status == 0 && again.stderr.contains("nothing to resend: no write of session"), "\(again.stderr)")
    }

    /// `wixagent config` shows each setting in effect and where it came from, never a secret;
    /// `--path` the file's location; `--version` the version.
    @Test func configSaysWhereEachSettingComesFrom() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        func line(_ run: CLI.Result, _ key: String) -> String {
            run.stdout.split(separator: "\n").first { $0.hasPrefix(key + " ") }.map(String.init) ?? ""
        }
        let plain = try await cli.run(["config"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(line(plain, "approval").hasSuffix("ask-writes  (default)"), "\(plain.stdout)")
        #expect(line(plain, "provider").contains("offline  (default: no model key or base URL is set)"), "\(plain.stdout)")
        #expect(line(plain, "source").contains("sandbox"))
        let flagged = try await cli.run(["config", "--approval", "auto"])
        #expect(line(flagged, "approval").hasSuffix("auto  (flag --approval)"))
        let viaEnv = try await cli.run(["config"], extraEnvironment: ["WIXAGENT_APPROVAL": "read-only", "OPENAI_API_KEY": "sk-config-secret-1234"])
        #expect(line(viaEnv, "approval").hasSuffix("read-only  (environment WIXAGENT_APPROVAL)"))
        #expect(line(viaEnv, "provider").contains("openai  (derived: OPENAI_API_KEY is set)"))
        #expect(line(viaEnv, "OPENAI_API_KEY").contains("set  (environment)") && !viaEnv.stdout.contains("sk-config-secret-1234"))
        try cli.writeConfig("approval = \"ask-all\"\ntime_zone = \"Europe/Berlin\"\n")
        let fromFile = try await cli.run(["config"])
        #expect(line(fromFile, "approval").hasSuffix("ask-all  (config file)") && line(fromFile, "time_zone").contains("Europe/Berlin  (config file)"))
        let path = try await cli.run(["config", "--path"])
        #expect(path.status == 0 && path.stdout.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("/config.toml"))
        #expect(fromFile.stdout.hasPrefix("config file: " + path.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let version = try await cli.run(["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("wixagent "), "\(version.stdout)")
    }

    /// `scripts/install PREFIX` puts the binary (stripped), its themes, and completions that know
    /// option values and the sandbox's tool names under the prefix. (The man page is made with
    /// argument-parser's generate-manual, which needs a build of its own: left out here.)
    @Test func theInstallScriptInstallsARunnableBinaryWithCompletions() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let prefix = cli.home.appendingPathComponent("prefix")
        let process = Process()
        process.executableURL = root.appendingPathComponent("scripts/install")
        process.arguments = [prefix.path]
        process.environment = cli.environment.merging(["WIXAGENT_INSTALL_BINARY": CLI.binary.path, "WIXAGENT_INSTALL_MANUAL": "skip",
                                                       "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // The installed binary names the commit it was built from.
        let commit = Process()
        commit.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        commit.arguments = ["-C", root.path, "rev-parse", "--short=12", "HEAD"]
        let commitOut = Pipe()
        commit.standardOutput = commitOut
        try commit.run()
        commit.waitUntilExit()
        let head = String(decoding: commitOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let versionRun = Process()
        versionRun.executableURL = prefix.appendingPathComponent("bin/wixagent")
        versionRun.arguments = ["--version"]
        let versionOut = Pipe()
        versionRun.standardOutput = versionOut
        try versionRun.run()
        versionRun.waitUntilExit()
        let said = String(decoding: versionOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!head.isEmpty && said.contains("(commit \(head))"), "\(said) vs \(head)")
        let installed = prefix.appendingPathComponent("bin/wixagent")
        let version = Process()
        version.executableURL = installed
        version.arguments = ["---completion", "tools", "show", "--", "positional@0", "3", "10", "wixagent", "tools", "show", "wix_orders"]
        let out = Pipe()
        version.standardOutput = out
        try version.run()
        version.waitUntilExit()
        let names = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        #expect(names.contains("wix_orders_cancel") && names.allSatisfy { $0.hasPrefix("wix_orders") }, "\(names)")
        let bash = try String(contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/wixagent"), encoding: .utf8)
        #expect(bash.contains("ask-writes") && bash.contains("high-contrast"), "option values are completed")
        #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent("share/zsh/site-functions/_wixagent").path))
        #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent("bin/wixagent_TerminalUI.resources/Themes/dark.toml").path))
        let size = try FileManager.default.attributesOfItem(atPath: installed.path)[.size] as? Int ?? 0
        let original = try FileManager.default.attributesOfItem(atPath: CLI.binary.path)[.size] as? Int ?? 0
        #expect(size > 0 && size < original, "stripped: \(size) < \(original)")
    }

    /// `exec -` reads the prompt from standard input; an empty one is a usage error.
    @Test func aPromptFromStandardInput() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let piped = try await cli.run(["exec", "-"], input: "Which Summer Collection products are out of stock?\n")
        let typed = try await cli.run(["exec", "Which Summer Collection products are out of stock?"])
        #expect(piped.status == 0 && !piped.stdout.isEmpty && piped.stdout == typed.stdout, "\(piped.stderr)")
        let empty = try await cli.run(["exec", "-"], input: "  \n")
        #expect(empty.status == 2 && empty.stderr.contains("the prompt from standard input (-) is empty"), "\(empty.stderr)")
    }

    @Test func setupNeverFallsBackInSilence() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let keyOnly = try await cli.run(["exec", "hi"], extraEnvironment: ["TRUTO_API_KEY": "truto-key-without-account"])
        #expect(keyOnly.status == 2 && keyOnly.stderr.contains("TRUTO_API_KEY is set but no integrated account is"), "\(keyOnly.stderr)")
        #expect(!keyOnly.stderr.contains("truto-key-without-account"))

        let local = try await cli.run(["exec", "hi", "--llm-base-url", "http://127.0.0.1:9/v1"])
        #expect(local.status == 1 && local.stderr.contains("cannot reach OpenAI at http://127.0.0.1:9/v1"), "an OpenAI-compatible server, not the offline model: \(local.stderr)")

        for (config, line) in [("providr = \"openai\"\n", #"unknown key "providr"; did you mean "provider"?"#),
                               ("max_wait = \"sixty\"\n", "config.toml: max_wait must be a whole number"),
                               ("[[mcp]]\nname = 5\n", "config.toml: mcp[0].name must be a text in quotes"),
                               ("time_zone = \"Mars/Olympus\"\n", #"time_zone "Mars/Olympus" is not a time zone name"#),
                               ("[[rules]]\ntool = \"x\"\ndecison = \"deny\"\n", #"unknown key "rules[0].decison"; did you mean "decision"?"#)] {
            try cli.writeConfig(config)
            let run = try await cli.run(["exec", "hi"])
            #expect(run.status == 2 && run.stderr.split(separator: "\n").count == 1 && run.stderr.contains(line), "\(config): \(run.stderr)")
        }
    }

    @Test func anUnreachableTrutoIsOneLineAndExit1() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let started = Date()
        let run = try await cli.run(["exec", "hi", "--account", "acc_1", "--truto-base-url", "http://127.0.0.1:9"],
                              extraEnvironment: ["TRUTO_API_KEY": "truto-secret-key-123"])
        // Refused at once, two short retries: it used to take 19 s (AsyncHTTPClient retried the connection itself).
        #expect(Date().timeIntervalSince(started) < 5, "took \(Date().timeIntervalSince(started)) s")
        #expect(run.status == 1)
        #expect(run.stderr.split(separator: "\n").count == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("could not reach Truto at http://127.0.0.1:9"))
        #expect(!run.stderr.contains("truto-secret-key-123"))
    }
}

/// `[[rules]]` in the config file, through the real binary.
@Suite("Approval rules in the config file", .serialized)
struct ConfigRuleTests {
    static let rules = """
        [[rules]]
        tool = "wix_orders_cancel"
        decision = "allow"
        when = { "target.priceSummary.total" = { "$lt" = 50 } }
        """

    @Test func aRuleOnTheRecordAllowsTheSmallCancelAndNotTheLargeOne() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.writeConfig(Self.rules)
        let small = try await cli.run(["exec", #"/call wix_orders_cancel {"id": "12346"}"#, "--json"])
        #expect(small.status == 0, "stderr: \(small.stderr)")
        let decided = small.stdout.split(separator: "\n").first { $0.contains(#""type":"approval_decided""#) }.map(String.init) ?? ""
        let id = try #require(small.stderr.split(separator: "\n").last { $0.hasPrefix("session ") }?.dropFirst("session ".count))
        #expect(small.stdout.split(separator: "\n").allSatisfy { $0.contains(#""session":"\#(id)""#) }, "every event names its session")
        #expect(decided.contains(#""approved":true"#) && decided.contains(#""decided_by":"rule""#), "\(decided)")
        #expect(decided.contains(#""rule":{"index":1,"when":"{\"target.priceSummary.total\":{\"$lt\":50}}"}"#), "\(decided)")
        let large = try await cli.run(["exec", #"/call wix_orders_cancel {"id": "12347"}"#])
        #expect(large.stderr.contains("needs approval"), "the large one would ask, and nobody can here: \(large.stderr)")
        #expect(large.status == 3 && !large.stdout.isEmpty, "exit 3, the answer still printed: \(large.status) \(large.stdout)")
        let check = try await cli.run(["exec", #"/call get_single_wix_order_by_id {"id": "12347"}"#])
        #expect(!check.stdout.contains("CANCELED"))
        let shown = try await cli.run(["sessions", "export", "last", "--format", "jsonl"])
        #expect(shown.status == 0)
    }

    @Test func aBrokenRuleStopsTheProgramWithOneLine() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.writeConfig(Self.rules.replacingOccurrences(of: "$lt", with: "$below"))
        let run = try await cli.run(["exec", "hello"])
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("rule 1 (wix_orders_cancel): Malformed filter: unknown operator $below"), "\(run.stderr)")
    }
}
