import Foundation

/// Runs the real `wixagent` binary, as a user would, with a clean environment and its own data directory.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary `swift test` built next to the test bundle, or the one `WIXAGENT_BINARY` names
    /// (`.ci/bench` runs the benchmarks against the release build that way).
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["WIXAGENT_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("wixagent"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("wixagent"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug/wixagent"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    let home: URL

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("wixagent-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    /// The environment every run gets: no provider keys unless a test adds them.
    var environment: [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.path,
            "WIXAGENT_HOME": home.appendingPathComponent("data").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "LANG": "C.UTF-8",
        ]
    }

    /// Runs the binary to its end. Waiting suspends instead of blocking a thread, so servers
    /// in this test process (fake model servers) keep answering while the binary runs.
    /// `input` is its standard input (none: /dev/null).
    func run(_ arguments: [String], extraEnvironment: [String: String] = [:], input: String? = nil, timeout: TimeInterval = 60) async throws -> Result {
        try await start(arguments, extraEnvironment: extraEnvironment, input: input).finish(timeout: timeout)
    }

    /// Starts the binary and returns at once; `finish` waits for it (or `kill` ends it first).
    func start(_ arguments: [String], extraEnvironment: [String: String] = [:], input: String? = nil) throws -> Running {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = environment.merging(extraEnvironment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = input.map { _ in Pipe() }
        process.standardInput = stdin ?? FileHandle.nullDevice
        try process.run()
        if let stdin, let input {
            try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        // Read both pipes while the process runs so a full pipe cannot stall it.
        return Running(process: process, stdout: ReadAll(out.fileHandleForReading), stderr: ReadAll(err.fileHandleForReading))
    }

    /// A started binary.
    struct Running {
        let process: Process
        let stdout: ReadAll
        let stderr: ReadAll

        func kill(signal number: Int32 = SIGKILL) {
            Foundation.kill(process.processIdentifier, number)
        }

        func finish(timeout: TimeInterval = 60) async -> Result {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(10)) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            return Result(status: process.terminationStatus, stdout: stdout.wait(), stderr: stderr.wait())
        }
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: home)
    }
}

/// Reads a pipe to its end on a background thread.
final class ReadAll: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
