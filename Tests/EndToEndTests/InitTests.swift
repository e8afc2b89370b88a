import Foundation
import Testing

/// `wixagent init`: a commented config file from answers and flags, which the program then reads
/// back as the config file's settings; never a secret, never over an existing file unasked.
@Suite("wixagent init")
struct InitTests {
    @Test func initWritesACommentedConfigThatLoadsBackAndKeepsNoSecret() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let secret = "sk-init-\(UUID().uuidString)"
        // Provider and approval answered, the model left at its default, a local server as the base URL.
        let run = try await cli.run(["init", "--account", "acct-42"], extraEnvironment: ["OPENAI_API_KEY": secret],
                                    input: "openai\n\nhttp://127.0.0.1:11434/v1\nask-all\n")
        #expect(run.status == 0, "\(run.stderr)")
        let path = try await cli.run(["config", "--path"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(secret), "no secret in the file")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "only its owner reads it")
        #expect(run.stdout.contains("TRUTO_API_KEY"), "the account needs its key: \(run.stdout)")
        #expect(text.contains("provider = \"openai\"") && text.contains("approval = \"ask-all\"") && text.contains("account = \"acct-42\""), "\(text)")
        #expect(text.contains("# model = ") && text.split(separator: "\n").filter { $0.hasPrefix("#") }.count >= 8, "commented:\n\(text)")
        let config = try await cli.run(["config"], extraEnvironment: ["TRUTO_API_KEY": "truto-key"])
        #expect(config.status == 0, "\(config.stderr)")
        for line in ["provider", "llm_base_url", "approval"] {
            #expect(config.stdout.split(separator: "\n").contains { $0.hasPrefix(line) && $0.hasSuffix("(config file)") }, "\(line): \(config.stdout)")
        }
        #expect(config.stdout.contains("account acct-42"), "\(config.stdout)")

        let again = try await cli.run(["init", "--provider", "offline"], input: "")
        #expect(again.status == 2 && again.stderr.contains("exists") && again.stderr.contains("--force"), "\(again.stderr)")
        let forced = try await cli.run(["init", "--provider", "offline", "--approval", "read-only", "--force"], input: "")
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("approval = \"read-only\""))
    }

    @Test(arguments: [
        (["init", "--provider", "gemini"], "unknown provider"),
        (["init", "--provider", "openai", "--llm-base-url", "ftp://x", "--model", "m", "--account", "a", "--approval", "auto"], "not an http(s) URL"),
        (["init", "--provider", "offline", "--approval", "sometimes", "--account", "a"], "unknown approval policy"),
        (["init", "--provider", "openai", "--llm-base-url", "https://me:sk-x@example.com/v1", "--model", "m", "--account", "a", "--approval", "auto"], "must not carry a user"),
        (["init", "--provider", "openai", "--llm-base-url", "https://example.com/v1?key=sk-x", "--model", "m", "--account", "a", "--approval", "auto"], "must not carry a user"),
    ])
    func badAnswersAreOneLineAndExit2(arguments: [String], mentions: String) async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let run = try await cli.run(arguments, input: "")
        #expect(run.status == 2 && run.stderr.contains(mentions), "\(run.stderr)")
        let path = try await cli.run(["config", "--path"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!FileManager.default.fileExists(atPath: path), "nothing written")
    }
}
