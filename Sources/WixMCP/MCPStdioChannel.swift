import Foundation
import Subprocess
import SystemPackage
import WixAgentCore

/// MCP over a child process's stdio: newline-delimited JSON-RPC on its stdin and stdout; its
/// stderr goes to a log file, never the screen. The child is started by swift-subprocess (which
/// gives it a clean signal mask, so it can be asked to stop) with the program's environment
/// minus the secrets it was not given. A request fails when the server sends nothing for the
/// idle timeout (unless a person is answering its elicitation). The child leads a session and
/// process group of its own, and the whole group goes with it: `close` ends its stdin, gives it two seconds to
/// exit, then sends the group SIGTERM and a second later SIGKILL; when the child exits by itself,
/// what it left running in its group gets the same.
public actor MCPStdioChannel: MCPChannel {
    private let requests: InboundRequests
    private let logFile: URL
    private let idle: IdleWatch
    private let outgoing: AsyncStream<[UInt8]>.Continuation
    private var pending: [JSONValue: CheckedContinuation<JSONRPCMessage, Error>] = [:]
    /// Set once the process ended: every later request fails with it.
    private var exited: String?

    /// The longest line read from the server (8 MiB); a longer one ends the channel.
    static let maxLineBytes = 8 << 20

    /// Starts `command` (the first element is looked up on `PATH`). `hidden` names environment
    /// variables the child must not see (the program's keys).
    public init(command: [String], logFile: URL, hidden: Set<String>, idleTimeout: Duration, inbound: MCPInbound) throws {
        guard let program = command.first, !program.isEmpty else { throw MCPChannelError("has an empty command") }
        guard let executable = Self.locate(program) else { throw MCPChannelError("cannot start \(program): not found on PATH") }
        try FileManager.default.createDirectory(at: logFile.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let log: FileDescriptor
        do {
            log = try FileDescriptor.open(FilePath(logFile.path), .writeOnly, options: [.create, .append], permissions: [.ownerReadWrite])
        } catch {
            throw MCPChannelError("cannot open its log \(logFile.path): \(error)")
        }
        let environment = ProcessInfo.processInfo.environment.filter { !hidden.contains($0.key) }.map { Array("\($0.key)=\($0.value)".utf8) }
        let (lines, outgoing) = AsyncStream<[UInt8]>.makeStream()
        let idle = IdleWatch(timeout: idleTimeout)
        self.requests = InboundRequests(inbound: inbound, watch: idle)
        self.logFile = logFile
        self.idle = idle
        self.outgoing = outgoing
        var options = PlatformOptions()
        // A session of its own, so it leads its own process group (id = its pid) and its
        // children can be ended with it, and no terminal signal of the TUI's reaches it.
        // (`processGroupID` spawns it with every signal blocked, so it could not be asked to stop.)
        options.createSession = true
        let configuration = Configuration(executable: .path(FilePath(executable.path)), arguments: Arguments(Array(command.dropFirst())),
                                          environment: .custom(environment), platformOptions: options)
        Task { [weak self] in
            let receive: @Sendable (String) async -> Void = { [weak self] line in await self?.received(line) }
            let status: String
            do {
                let result = try await Subprocess.run(configuration, input: .inputWriter, output: .sequence,
                                                      error: .fileDescriptor(log, closeAfterSpawningProcess: true)) { execution in
                    await Self.serve(execution, lines: lines, receive: receive)
                }
                switch result.terminationStatus {
                case .exited(let code): status = "exited with status \(code)"
                case .signaled(let signal): status = "was stopped by signal \(signal)"
                }
            } catch {
                status = "could not run: \(error)"
            }
            await self?.ended(status)
        }
        Task { [weak self] in
            while let self, await self.watch() { try? await Task.sleep(for: .seconds(1)) }
        }
    }

    /// Writes `lines` to the child's stdin and hands each line of its stdout to `receive`, until
    /// its stdout ends. Once `lines` finishes (`close`), stdin is closed, and a child still
    /// running two seconds later gets SIGTERM, and a second after that SIGKILL.
    private static func serve(_ execution: Execution<CustomWriteInput, SequenceOutput, FileDescriptorOutput>, lines: AsyncStream<[UInt8]>,
                              receive: @escaping @Sendable (String) async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await bytes in lines {
                    guard (try? await execution.standardInputWriter.write(bytes)) != nil else { break }
                }
                try? await execution.standardInputWriter.finish()
                guard (try? await Task.sleep(for: .seconds(2))) != nil else { return }
                try? execution.send(signal: .terminate, toProcessGroup: true)
                guard (try? await Task.sleep(for: .seconds(1))) != nil else { return }
                try? execution.send(signal: .kill, toProcessGroup: true)
            }
            group.addTask {
                let newline = SubprocessOutputSequence.StringSequence<UTF8>.Separator.unicodeScalarSequence(["\n"])
                do {
                    for try await line in execution.standardOutput.strings(separatedBy: newline, bufferingPolicy: .maxLineLength(maxLineBytes)) {
                        await receive(line)
                    }
                } catch {
                    // A line past the bound: the channel ends, and the child with it.
                    try? execution.send(signal: .kill, toProcessGroup: true)
                }
            }
            // Once stdout ends the writer has nothing to wait for.
            await group.next()
            group.cancelAll()
        }
        endGroup(execution.processIdentifier.value)
    }

    /// Ends what is left of the child's process group once its stdout closed: SIGTERM now,
    /// SIGKILL a second later (a group with no member left ignores both).
    private static func endGroup(_ group: pid_t) {
        guard group > 1 else { return }
        kill(-group, SIGTERM)
        Task.detached {
            try? await Task.sleep(for: .seconds(1))
            kill(-group, SIGKILL)
        }
    }

    /// Fails the pending requests when the server has been silent too long; false once it exited.
    private func watch() -> Bool {
        if !pending.isEmpty, idle.expired { fail(all: idle.line) }
        return exited == nil
    }

    private func fail(all line: String) {
        for (_, continuation) in pending { continuation.resume(throwing: MCPChannelError(line)) }
        pending = [:]
    }

    public func agreed(protocolVersion: String) {}

    public func resetSession() {}

    public func send(_ message: JSONRPCMessage) async throws -> ChannelReply {
        if let exited { throw RequestNotSent("the server \(exited)") }
        guard case .request(let id, _, _) = message else {
            write(message)
            return ChannelReply(status: 200)
        }
        let answer: JSONRPCMessage = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if pending.isEmpty { idle.heard() }
                pending[id] = continuation
                write(message)
            }
        } onCancel: {
            Task { await self.abandon(id) }
        }
        return ChannelReply(status: 200, message: answer)
    }

    private func abandon(_ id: JSONValue) {
        pending.removeValue(forKey: id)?.resume(throwing: CancellationError())
    }

    private func write(_ message: JSONRPCMessage) {
        outgoing.yield(Array(message.json.compactText.utf8) + [0x0A])
    }

    private func received(_ line: String) async {
        idle.heard()
        guard let value = try? JSONValue.parse(line) else { return }
        for message in JSONRPCMessage.all(in: value) {
            if let id = message.answers {
                pending.removeValue(forKey: id)?.resume(returning: message)
            } else {
                await requests.take(message) { reply in await self.write(reply) }
            }
        }
    }

    /// The process ended: every pending request fails, and so does every later one.
    private func ended(_ status: String) {
        let line = "\(status); its log is \(logFile.path)"
        exited = line
        outgoing.finish()
        fail(all: line)
    }

    public func close() async {
        outgoing.finish()
        for _ in 0..<80 where exited == nil { try? await Task.sleep(for: .milliseconds(50)) }
    }

    /// `program` itself when it names a path, else the first executable of that name on `PATH`.
    static func locate(_ program: String) -> URL? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? URL(fileURLWithPath: program) : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(program) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
