import ArgumentParser
import Foundation
import WixAgentCore
import WixSandbox

/// `wixagent sandbox serve|reset`: the sandbox Wix/Truto server on its own.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the sandbox Wix site on its own, or restore its seed data.",
        subcommands: [Serve.self, Reset.self])

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the sandbox site on 127.0.0.1 (account id sandbox-wix-site).",
            discussion: "The Bearer token is $WIXAGENT_SANDBOX_TOKEN when set, else a random one printed once at start.")

        @Option(help: "TCP port on 127.0.0.1 (0 picks a free one).")
        var port = 0

        @Option(name: .customLong("rate-limit"), help: "Requests per window, e.g. 50/10s.")
        var rateLimit = "50/10s"

        @Option(help: "Delay added to every response, e.g. 50ms or 1s.")
        var latency = "0ms"

        @Option(name: .customLong("fault-rate"), help: "Share of requests that meet a fault (--fault-kind), from 0 to 1.")
        var faultRate = 0.0

        @Option(name: .customLong("fault-kind"), help: "unavailable: answered 503, not applied; dropped: applied, then the connection drops.")
        var faultKind = FaultKind.unavailable.rawValue

        @Flag(name: .customLong("retry-after"), help: "Send Retry-After on 429 answers too.")
        var retryAfter = false

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be between 0 and 1") }
            guard FaultKind(rawValue: faultKind) != nil else {
                throw ValidationError("--fault-kind must be one of \(FaultKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let paths = Paths(environment: environment)
            let limit: RateLimitSpec
            let delay: Duration
            do {
                limit = try RateLimitSpec(parsing: rateLimit)
                delay = try DurationText.parse(latency)
            } catch {
                throw Failure.usage("\(error)")
            }
            let given = environment["WIXAGENT_SANDBOX_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            let token = given ?? RandomToken.make()
            if given != nil { Console.secrets = [token] }
            let server: SandboxServer
            do {
                try paths.ensureDataDirectory()
                server = try await SandboxServer.start(SandboxOptions(
                    port: port, token: token, rateLimit: limit, latency: delay, faultRate: faultRate, faultKind: FaultKind(rawValue: faultKind) ?? .unavailable,
                    dataDirectory: paths.dataDirectory, retryAfterOn429: retryAfter))
            } catch {
                throw Failure.run("could not start the sandbox on port \(port): \(error)")
            }
            // Printed with Console.out, which writes straight to the file descriptor: no buffering delays it.
            Console.out("Sandbox Wix site on \(server.baseURL)  account \(SandboxServer.accountID)  rate limit \(limit)")
            Console.out(given == nil ? "Bearer token (shown once): \(token)" : "Bearer token: from WIXAGENT_SANDBOX_TOKEN")
            Console.out("Try: TRUTO_BASE_URL=\(server.baseURL) TRUTO_API_KEY=<token> wixagent --account \(SandboxServer.accountID)")
            Console.out("  or over MCP: WIXAGENT_MCP_TOKEN=<token> wixagent --mcp \(server.baseURL)/mcp")
            await StopSignal.wait()
            await server.stop()
        }
    }

    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Restore the sandbox site to its seed data.")

        func run() throws {
            let paths = Paths(environment: ProcessInfo.processInfo.environment)
            do {
                try SandboxStore.reset(dataDirectory: paths.dataDirectory)
            } catch {
                throw Failure.run("could not reset the sandbox in \(paths.dataDirectory.path): \(error)")
            }
            print("The sandbox site will start from its seed data next time (\(paths.dataDirectory.path)).")
        }
    }
}

/// Durations such as `50ms`, `1s` or `1.5s`, up to a minute.
enum DurationText {
    struct Invalid: Error, CustomStringConvertible {
        let text: String
        var description: String { "\"\(text)\" is not a duration up to 60s: use e.g. 50ms or 1s" }
    }

    static let maxMilliseconds = 60_000.0

    static func parse(_ text: String) throws -> Duration {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let (number, scale): (Substring, Double) = trimmed.hasSuffix("ms") ? (trimmed.dropLast(2), 1)
            : trimmed.hasSuffix("s") ? (trimmed.dropLast(), 1000) : (Substring(trimmed), 1)
        // Digits and one dot only: no exponents, signs, inf or nan, and nothing past the ceiling.
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), number.filter({ $0 == "." }).count <= 1,
              let value = Double(number), value * scale <= maxMilliseconds
        else { throw Invalid(text: text) }
        return .milliseconds(Int(value * scale))
    }
}
