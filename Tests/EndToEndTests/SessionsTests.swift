import Foundation
import Testing
import TestSupport

/// Sessions, audit trail and resume, through the real binary (PRODUCT.md section 8).
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
        let first = try await cli.run(["exec", "My favourite colour is teal.", "--llm-base-url", server.baseURL], extraEnvironment: env)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let second = try await cli.run(["exec", "What is my favourite colour?", "--llm-base-url", server.baseURL, "--resume", "last"], extraEnvironment: env)
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
        let port = try FreePort.find()
        let token = "sandbox-token-sigkill"
        let server = try cli.start(["sandbox", "serve", "--port", String(port), "--latency", "3000ms"],
                                   extraEnvironment: ["WIXAGENT_SANDBOX_TOKEN": token])
        defer { server.kill(signal: SIGTERM) }
        try await FreePort.waitUntilListening(port)

        let turn = try cli.start(
            ["exec", "Check order 12345 and cancel it", "--account", "sandbox-wix-site", "--truto-base-url", "http://127.0.0.1:\(port)"],
            extraEnvironment: ["TRUTO_API_KEY": token])
        // The catalog takes 3 s, then the first tool call is in flight for 3 s: kill in the middle of it.
        try await Task.sleep(for: .milliseconds(4500))
        turn.kill()
        let killed = await turn.finish(timeout: 5)
        _ = killed
        #expect(turn.process.terminationReason == .uncaughtSignal)

        let show = try await cli.run(["sessions", "show", "last"])
        #expect(show.status == 0, "stderr: \(show.stderr)")
        #expect(show.stdout.contains("Check order 12345 and cancel it"))
        #expect(show.stdout.contains("Tool call `get_single_wix_order_by_id` [read] running"))
        let again = try await cli.run(["sessions", "list"])
        #expect(again.status == 0)
    }
}

/// Free loopback ports for servers the tests start.
enum FreePort {
    static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func waitUntilListening(_ port: Int, timeout: TimeInterval = 20) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if connected == 0 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw FreePortError(description: "nothing listens on port \(port) after \(timeout) s")
    }
}

struct FreePortError: Error, CustomStringConvertible {
    let description: String
}
