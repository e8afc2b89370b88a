import Foundation
import WixAgentCore

/// MCP over a child process's stdio: newline-delimited JSON-RPC on its stdin and stdout; its
/// stderr goes to a log file, never the screen. The child gets the program's environment minus
/// the secrets it was not given. A request fails when the server sends nothing for the idle
/// timeout (unless a person is answering its elicitation). `close` ends its stdin, then stops it.
public actor MCPStdioChannel: MCPChannel {
    private let process: Process
    private let stdin: FileHandle
    private let inbound: MCPInbound
    private let logFile: URL
    private let idleTimeout: Duration
    private var pending: [JSONValue: CheckedContinuation<JSONRPCMessage, Error>] = [:]
    private var exited: String?
    private var lastHeard = ContinuousClock.now
    /// Elicitations of this server a person is answering now: the idle timeout waits for them.
    private var asking = 0

    /// The longest line read from the server (8 MiB); a longer one ends the channel.
    static let maxLineBytes = 8 << 20

    /// Starts `command` (the first element is looked up on `PATH`). `hidden` names environment
    /// variables the child must not see (the program's keys).
    public init(command: [String], logFile: URL, hidden: Set<String>, idleTimeout: Duration, inbound: MCPInbound) throws {
        guard let program = command.first, !program.isEmpty else { throw MCPChannelError("has an empty command") }
        guard let executable = Self.locate(program) else { throw MCPChannelError("cannot start \(program): not found on PATH") }
        let process = Process()
        process.executableURL = executable
        process.arguments = Array(command.dropFirst())
        process.environment = ProcessInfo.processInfo.environment.filter { !hidden.contains($0.key) }
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try FileManager.default.createDirectory(at: logFile.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let fd = open(logFile.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard fd >= 0 else { throw MCPChannelError("cannot open its log \(logFile.path)") }
        process.standardError = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        // A server that exits while a line is being written must not end this process.
        signal(SIGPIPE, SIG_IGN)
        do {
            try process.run()
        } catch {
            throw MCPChannelError("cannot start \(program): \(error.localizedDescription)")
        }
        self.process = process
        self.stdin = input.fileHandleForWriting
        self.inbound = inbound
        self.logFile = logFile
        self.idleTimeout = idleTimeout
        let lines = Self.lines(of: output.fileHandleForReading)
        Task { [weak self] in
            for await line in lines { await self?.received(line) }
            await self?.ended()
        }
        Task { [weak self] in
            while let self, await self.watch() { try? await Task.sleep(for: .seconds(1)) }
        }
    }

    /// Fails the pending requests when the server has been silent too long; false once it exited.
    private func watch() -> Bool {
        if !pending.isEmpty, asking == 0, lastHeard.duration(to: .now) > idleTimeout {
            fail(all: "sent nothing for \(idleTimeout.components.seconds) s (idle_timeout)")
        }
        return exited == nil
    }

    private func fail(all line: String) {
        for (_, continuation) in pending { continuation.resume(throwing: MCPChannelError(line)) }
        pending = [:]
    }

    public func agreed(protocolVersion: String) {}

    public func send(_ message: JSONRPCMessage) async throws -> ChannelReply {
        if let exited { throw MCPChannelError(exited) }
        guard case .request(let id, _, _) = message else {
            try write(message)
            return ChannelReply(status: 200)
        }
        let answer: JSONRPCMessage = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if pending.isEmpty { lastHeard = .now }
                pending[id] = continuation
                do {
                    try write(message)
                } catch {
                    pending.removeValue(forKey: id)?.resume(throwing: error)
                }
            }
        } onCancel: {
            Task { await self.abandon(id) }
        }
        return ChannelReply(status: 200, message: answer)
    }

    private func abandon(_ id: JSONValue) {
        pending.removeValue(forKey: id)?.resume(throwing: CancellationError())
    }

    private func write(_ message: JSONRPCMessage) throws {
        var bytes = Array(message.json.compactText.utf8)
        bytes.append(0x0A)
        let fd = stdin.fileDescriptor
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw MCPChannelError("stopped reading its input (\(String(cString: strerror(errno))))") }
            offset += n
        }
    }

    private func received(_ line: Data) async {
        lastHeard = .now
        guard let value = try? JSONValue.parse(line) else { return }
        for message in JSONRPCMessage.all(in: value) {
            if let id = message.answers {
                pending.removeValue(forKey: id)?.resume(returning: message)
            } else {
                // A request (elicitation may wait for a person) must not hold up the lines after it.
                Task { await self.answer(message) }
            }
        }
    }

    private func answer(_ message: JSONRPCMessage) async {
        asking += 1
        let reply = await inbound.handle(message)
        asking -= 1
        lastHeard = .now
        if let reply { try? write(reply) }
    }

    /// Its stdout ended: every pending request fails, and so does every later one.
    private func ended() async {
        for _ in 0..<20 where process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        let status = process.isRunning ? "closed its output" : "exited with status \(process.terminationStatus)"
        let line = "\(status); its log is \(logFile.path)"
        exited = line
        fail(all: line)
    }

    public func close() async {
        try? stdin.close()
        for _ in 0..<40 where process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { process.terminate() }
        for _ in 0..<20 where process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// The lines of `handle`, read on a thread of their own until end of file or a line too long.
    static func lines(of handle: FileHandle) -> AsyncStream<Data> {
        AsyncStream { continuation in
            let thread = Thread {
                var buffer = Data()
                var chunk = [UInt8](repeating: 0, count: 64 << 10)
                let fd = handle.fileDescriptor
                while true {
                    let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if n < 0, errno == EINTR { continue }
                    guard n > 0 else { break }
                    buffer.append(contentsOf: chunk[0..<n])
                    while let newline = buffer.firstIndex(of: 0x0A) {
                        continuation.yield(buffer[buffer.startIndex..<newline])
                        buffer.removeSubrange(buffer.startIndex...newline)
                    }
                    if buffer.count > maxLineBytes { break }
                }
                continuation.finish()
            }
            thread.start()
        }
    }

    /// `program` itself when it names a path, else the first executable of that name on `PATH`.
    static func locate(_ program: String) -> URL? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? URL(fileURLWithPath: program) : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(program) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
