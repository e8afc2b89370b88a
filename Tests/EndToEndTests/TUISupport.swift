import Foundation
import Testing

/// Every TUI test and benchmark lives in a suite nested in this one, so they run one at a time:
/// two TUIs (each with its own sandbox) would fight over 2 cores and skew the numbers.
@Suite("TUI in tmux", .serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
enum TUISuite {}

extension Tmux {
    /// Starts the TUI (embedded sandbox, offline model unless the arguments say otherwise) and waits
    /// until it is connected.
    static func startTUI(_ cli: CLI, _ arguments: [String] = [], width: Int = 120, height: Int = 40,
                         extraEnvironment: [String: String] = [:]) throws -> Tmux {
        let tmux = try Tmux(cli: cli, arguments: arguments, width: width, height: height, extraEnvironment: extraEnvironment)
        do {
            try tmux.waitUntilReady()
        } catch {
            tmux.kill()
            throw error
        }
        return tmux
    }

    /// Starts the TUI against a standalone sandbox as a Truto account, instead of the embedded one.
    static func startTUI(_ cli: CLI, against sandbox: StandaloneSandbox) throws -> Tmux {
        try startTUI(cli, ["--truto-base-url", sandbox.baseURL, "--account", "sandbox-wix-site"],
                     extraEnvironment: ["TRUTO_API_KEY": sandbox.token])
    }

    /// Types a line, presses Enter once the input line shows it, and returns when the input line
    /// has let go of it: what a test waits for next is the answer, not the screen before the Enter.
    func submit(_ text: String) throws {
        // The end of the text: a long line scrolls, and the cursor keeps its end in view.
        let end = String(text.suffix(5))
        try type(text)
        _ = try waitFor("the input line to show …\(end)") { self.inputLine($0).contains(end) }
        try press("Enter")
        _ = try waitFor("the input line to take …\(end)") { !self.inputLine($0).contains(end) }
    }

    /// The row above the status bar: the input line while the TUI runs.
    func inputLine(_ screen: String) -> String {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let bar = rows.lastIndex(where: { !$0.isEmpty }), bar > 0 else { return "" }
        return String(rows[bar - 1])
    }

    /// Waits for the whole approval dialog (a capture can catch a frame still being written),
    /// then reads it as a person would: keys within the first quarter second after it is drawn
    /// decide nothing (no type-ahead), so the test's next key comes after that, unless `read` is false.
    @discardableResult
    func waitForApprovalDialog(timeout: Double = 15, read: Bool = true) throws -> String {
        let screen = try waitFor("the approval dialog", timeout: timeout) { screen in
            screen.contains("┌─ Approve tool call") && (screen.contains("y approve once") || screen.contains("Y approve all"))
        }
        if read { Thread.sleep(forTimeInterval: 0.4) }
        return screen
    }

    /// `/quit`, then waits for the shell line that reports the exit status.
    @discardableResult
    func quit(timeout: Double = 10) throws -> String {
        try submit("/quit")
        return try waitFor(text: "EXITED", timeout: timeout)
    }

    /// The bottom line of the screen (the status bar while the TUI runs).
    func statusBar(_ screen: String) -> String {
        screen.split(separator: "\n", omittingEmptySubsequences: false).last { !$0.isEmpty }.map(String.init) ?? ""
    }

    /// The agent finished its turn: the status bar no longer says it is working.
    @discardableResult
    func waitForIdle(timeout: Double = 15) throws -> String {
        try waitFor("the turn to end", timeout: timeout) { screen in
            let bar = self.statusBar(screen)
            return !bar.isEmpty && !bar.contains("working…")
        }
    }
}

extension CLI {
    /// `wixagent exec '/call NAME {json}'` with this home; the tool's JSON result, parsed.
    func callTool(_ name: String, _ json: String) async throws -> Any {
        let run = try await self.run(["exec", "/call \(name) \(json)"])
        guard run.status == 0 else { throw CLIError("exec /call \(name) failed (\(run.status)): \(run.stderr)") }
        guard let start = run.stdout.firstIndex(of: "{"),
              let value = try? JSONSerialization.jsonObject(with: Data(run.stdout[start...].utf8)) else {
            throw CLIError("exec /call \(name) printed no JSON: \(run.stdout.prefix(300))")
        }
        return value
    }

    /// Writes the config file this home's runs read.
    func writeConfig(_ text: String) throws {
        let directory = home.appendingPathComponent("config/wixagent")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try text.write(to: directory.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
    }

    /// The status of an order in the sandbox, e.g. APPROVED or CANCELED.
    func orderStatus(_ id: String) async throws -> String? {
        let value = try await callTool("get_single_wix_order_by_id", #"{"id": "\#(id)"}"#) as? [String: Any]
        let order = (value?["order"] as? [String: Any]) ?? (value?["result"] as? [String: Any]) ?? value
        return order?["status"] as? String
    }
}

/// A TCP port nobody listens on right now (bound to 0, read back, closed).
func freeLocalPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw CLIError("socket() failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    guard bound == 0 else { throw CLIError("bind() failed") }
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else { throw CLIError("getsockname() failed") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// `wixagent sandbox serve` in the background, stopped with `stop()`.
final class StandaloneSandbox {
    let process = Process()
    let port: Int
    let token = "e2e-" + UUID().uuidString

    init(cli: CLI, rateLimit: String, extraArguments: [String] = []) throws {
        port = try freeLocalPort()
        process.executableURL = CLI.binary
        process.arguments = ["sandbox", "serve", "--port", String(port), "--rate-limit", rateLimit] + extraArguments
        var env = cli.environment
        env["WIXAGENT_SANDBOX_TOKEN"] = token
        env["WIXAGENT_HOME"] = cli.home.appendingPathComponent("standalone-sandbox").path
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Ready when the port accepts connections.
        let deadline = Date().addingTimeInterval(20)
        while !Self.accepts(port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw CLIError("the sandbox did not start on port \(port)")
            }
            usleep(50_000)
        }
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    func stop() {
        if process.isRunning {
            process.interrupt()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning, Date() < deadline { usleep(20_000) }
            if process.isRunning { process.terminate() }
        }
        process.waitUntilExit()
    }

    deinit { stop() }

    private static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}

/// Columns a string takes in the terminal (glibc's `wcwidth`, which tmux agrees with here).
func displayWidth(_ text: Substring) -> Int {
    _ = utf8Locale
    return text.unicodeScalars.reduce(0) { $0 + max(0, Int(c_wcwidth(Int32(bitPattern: $1.value)))) }
}

/// glibc's wcwidth (not exported by the Glibc module's headers here).
@_silgen_name("wcwidth") private func c_wcwidth(_ c: Int32) -> Int32

private let utf8Locale: Bool = {
    setlocale(LC_CTYPE, "C.UTF-8")
    return true
}()
