import Foundation

/// Runs the real `wixagent` binary in a detached tmux session on a private socket (`tmux -L`),
/// so tests never touch a user's tmux server, and reads its screen back with `capture-pane`.
/// Call `kill()` when done (a `defer` right after creating it): it stops the private server.
final class Tmux {
    struct ScreenTimeout: Error, CustomStringConvertible {
        let waitingFor: String
        let seconds: Double
        let screen: String
        var description: String { "timed out after \(seconds) s waiting for \(waitingFor); the screen was:\n\(screen)" }
    }

    let socket: String
    let session: String
    let environment: [String: String]
    private var killed = false

    /// Starts `wixagent ARGUMENTS` in a WIDTHxHEIGHT window; when it exits the pane shows
    /// `EXITED <status>` and stays open a little while so tests can read it.
    init(cli: CLI, arguments: [String] = [], width: Int = 120, height: Int = 40,
         extraEnvironment: [String: String] = [:], binary: URL = CLI.binary) throws {
        let id = UUID().uuidString.prefix(8).lowercased()
        socket = "wixagent-test-\(getpid())-\(id)"
        session = "tui-\(id)"
        var env = cli.environment.merging(extraEnvironment) { $1 }
        env["TERM"] = "xterm-256color"
        environment = env
        let command = ([binary.path] + arguments).map(Self.quote).joined(separator: " ") + "; echo EXITED $?; sleep 20"
        var args = ["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height)]
        for key in ["LANG", "HOME", "WIXAGENT_HOME", "XDG_CONFIG_HOME"] + extraEnvironment.keys.sorted() {
            if let value = env[key] { args += ["-e", "\(key)=\(value)"] }
        }
        args.append(command)
        let result = try tmux(args)
        guard result.status == 0 else {
            throw CLIError("tmux new-session failed (\(result.status)): \(result.output)")
        }
    }

    deinit { kill() }

    /// Stops the private tmux server and with it the program, if it still runs.
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? tmux(["kill-server"])
        // tmux leaves its socket file behind; the environment given to tmux has no TMUX_TMPDIR.
        unlink("/tmp/tmux-\(getuid())/\(socket)")
    }

    // MARK: Input

    /// Types text literally (no key names).
    func type(_ text: String) throws {
        _ = try tmux(["send-keys", "-t", session, "-l", text])
    }

    /// Sends tmux key names: `Enter`, `Escape`, `F1`, `C-c`, `BSpace`, `Left`, …
    func press(_ keys: String...) throws {
        _ = try tmux(["send-keys", "-t", session] + keys)
    }

    /// Pastes `text` the way a terminal does: with bracketed-paste markers when the program asked
    /// for them (`paste-buffer -p`).
    func paste(_ text: String) throws {
        _ = try tmux(["set-buffer", "-b", "wixagent-paste", "--", text])
        _ = try tmux(["paste-buffer", "-p", "-d", "-b", "wixagent-paste", "-t", session])
    }

    func resize(width: Int, height: Int) throws {
        _ = try tmux(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    // MARK: Output

    /// The visible screen as plain text (`escapes`: with colour and attribute sequences).
    func capture(escapes: Bool = false) -> String {
        let args = ["capture-pane", "-t", session, "-p"] + (escapes ? ["-e"] : [])
        return (try? tmux(args).output) ?? ""
    }

    /// A tmux format, e.g. `#{alternate_on}` or `#{pane_pid}`.
    func display(_ format: String) -> String {
        ((try? tmux(["display-message", "-p", "-t", session, format]).output) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `condition` holds on a settled screen; returns that screen, or
    /// throws with the last one.
    ///
    /// tmux may be caught halfway through parsing one redraw (the new title over the old list),
    /// so a screen counts only when the next capture is the same; a screen that keeps moving
    /// (a countdown, a spinner) is taken as it is after half a second, and one the condition
    /// stops holding on a moment later is taken as it was.
    @discardableResult
    func waitFor(_ description: String, timeout: Double = 10, every interval: Double = 0.05,
                 _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = capture()
        while !condition(screen) {
            if Date() >= deadline { throw ScreenTimeout(waitingFor: description, seconds: timeout, screen: screen) }
            usleep(useconds_t(interval * 1_000_000))
            screen = capture()
        }
        let settleBy = Date().addingTimeInterval(0.5)
        while true {
            usleep(useconds_t(interval * 1_000_000))
            let next = capture()
            if !condition(next) { return screen }
            if next == screen || Date() >= settleBy { return next }
            screen = next
        }
    }

    /// Polls until the screen contains `text`.
    @discardableResult
    func waitFor(text: String, timeout: Double = 10) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// The TUI is connected: the chat shows its "Ready: N tools" line.
    @discardableResult
    func waitUntilReady(timeout: Double = 20) throws -> String {
        try waitFor(text: "Ready: ", timeout: timeout)
    }

    // MARK: The process

    /// The `wixagent` process in the pane (the pane runs `sh -c`, whose child it is).
    func programPID() -> Int32? {
        guard let shell = Int32(display("#{pane_pid}")) else { return nil }
        if ProcStat.command(of: shell) == "wixagent" { return shell }
        return ProcStat.children(of: shell).first { ProcStat.command(of: $0) == "wixagent" }
    }

    // MARK: Running tmux

    struct Output {
        var status: Int32
        var output: String
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> Output {
        try Self.run(["-L", socket, "-f", "/dev/null"] + arguments, environment: environment)
    }

    /// Runs tmux with a clean signal mask and default handlers. (Foundation's `Process` passes on the
    /// calling thread's mask, and test threads block most signals: a tmux server started that way
    /// never sees SIGTERM or SIGCHLD, so `kill-server` would not stop it.) Output goes through a
    /// temporary file, not a pipe, so the daemonising server cannot hold the reader open.
    static func run(_ arguments: [String], environment: [String: String]) throws -> Output {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([tmuxPath] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, tmuxPath, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw CLIError("could not start tmux: error \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return Output(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output: output)
    }

    static let tmuxPath: String = {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: dir + "/tmux") {
            return dir + "/tmux"
        }
        return "/usr/bin/tmux"
    }()

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: tmuxPath) }

    /// Single-quotes a word for `sh`.
    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// What /proc says about a process: command name, parent, CPU ticks, resident memory.
enum ProcStat {
    /// The fields after `pid (comm)`; index 0 is the state (field 3 of proc(5)).
    private static func fields(_ pid: Int32) -> (comm: String, rest: [Substring])? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")") else { return nil }
        let comm = String(text[text.index(after: open)..<close])
        let rest = text[text.index(close, offsetBy: 2)...].split(separator: " ")
        return (comm, rest)
    }

    static func command(of pid: Int32) -> String? { fields(pid)?.comm }

    static func parent(of pid: Int32) -> Int32? { fields(pid).flatMap { Int32($0.rest[1]) } }

    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { parent(of: $0) == pid }
    }

    /// utime + stime in clock ticks (fields 14 and 15).
    static func cpuTicks(of pid: Int32) -> Int? {
        guard let rest = fields(pid)?.rest, rest.count > 12, let user = Int(rest[11]), let system = Int(rest[12]) else { return nil }
        return user + system
    }

    static var ticksPerSecond: Int { Int(sysconf(Int32(_SC_CLK_TCK))) }

    /// The proportional set size in KB (`Pss:` of `/proc/PID/smaps_rollup`).
    static func proportionalKB(of pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Pss:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    /// A `Vm…:` line of /proc/PID/status in kB, e.g. `VmRSS` or `VmHWM`.
    static func memoryKB(of pid: Int32, _ field: String = "VmRSS") -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return nil
    }
}
