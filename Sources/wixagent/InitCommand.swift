import ArgumentParser
import Foundation
import WixAgentCore

/// `wixagent init`: writes a commented config file from flags, asking for the rest (Enter keeps
/// the default shown); never a secret. An existing file is kept unless `--force`.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented config file (provider, model, base URL, account, approval); keys stay in the environment.")

    @Option(help: "openai, anthropic or offline.", completion: .list(ProviderKind.allCases.map(\.rawValue)))
    var provider: String?
    @Option(help: "The model's name.")
    var model: String?
    @Option(name: .customLong("llm-base-url"), help: "An OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 for Ollama.")
    var llmBaseURL: String?
    @Option(help: "A Truto integrated account id (none: the sandbox site).")
    var account: String?
    @Option(help: "ask-writes, ask-all, read-only or auto.", completion: .list(ApprovalPolicy.allCases.map(\.rawValue)))
    var approval: String?
    @Flag(help: "Replace an existing config file.")
    var force = false

    func run() async throws {
        let file = Paths(environment: ProcessInfo.processInfo.environment).configFile
        guard force || !FileManager.default.fileExists(atPath: file.path) else {
            throw Failure.usage("\(file.path) exists; `wixagent config` shows it, --force replaces it")
        }
        let providerName = provider ?? Self.ask("Model provider (openai, anthropic, offline)", default: "offline")
        guard let kind = ProviderKind(rawValue: providerName.lowercased()) else {
            throw Failure.usage("unknown provider \"\(providerName.prefix(40))\": use openai, anthropic or offline")
        }
        let offline = kind == .offline
        let answers = InitialConfig(
            provider: kind,
            model: offline ? model : model ?? Self.ask("Model", default: kind.defaultModel).nonDefault(kind.defaultModel),
            llmBaseURL: offline ? llmBaseURL : llmBaseURL ?? Self.ask("Base URL (Enter: \(kind.defaultBaseURL))", default: "").nonEmpty,
            account: account ?? Self.ask("Truto integrated account id (Enter: the sandbox site)", default: "").nonEmpty,
            approval: try Self.policy(approval ?? Self.ask("Approval (ask-writes, ask-all, read-only, auto)", default: ApprovalPolicy.askWrites.rawValue)))
        do {
            try answers.validate()
            // Checked as the program will read it before anything is written.
            _ = try ConfigFile.parse(answers.text, named: file.path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            // A file that appeared while the questions were asked is not replaced without --force.
            try Data(answers.text.utf8).write(to: file, options: force ? .atomic : .withoutOverwriting)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        } catch let error as ConfigError {
            throw Failure.usage(error.description)
        } catch {
            throw Failure.run("could not write \(file.path): \(error.localizedDescription)")
        }
        Console.out("Wrote \(file.path)")
        let modelKey = kind == .openai ? "OPENAI_API_KEY" : kind == .anthropic ? "ANTHROPIC_API_KEY" : nil
        let keys = [answers.llmBaseURL == nil ? modelKey : nil, answers.account == nil ? nil : "TRUTO_API_KEY"].compactMap { $0 }
        Console.out(keys.isEmpty ? "Next: run wixagent." : "Next: export \(keys.map { "\($0)=…" }.joined(separator: " ")) and run wixagent.")
    }

    /// Asks on standard error and reads a line; the default when none comes or it is empty.
    static func ask(_ question: String, default value: String) -> String {
        Console.error("\(question) [\(value)]: ", terminator: "")
        let answer = readLine()?.trimmingCharacters(in: .whitespaces) ?? ""
        return answer.isEmpty ? value : answer
    }

    static func policy(_ name: String) throws -> ApprovalPolicy {
        guard let policy = ApprovalPolicy(rawValue: name) else {
            throw Failure.usage("unknown approval policy \"\(name.prefix(40))\": use ask-writes, ask-all, read-only or auto")
        }
        return policy
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
    func nonDefault(_ value: String) -> String? { self == value ? nil : self }
}
