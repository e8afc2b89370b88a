import CProcessControl
import Foundation

/// Everything the stdio MCP servers start ends with wixagent. Each server leads a process group
/// that its channel ends; a descendant that left the group (`setsid`, a daemon) would outlive it,
/// so with a stdio server configured wixagent becomes a child subreaper (orphans below it are
/// re-parented to it, not to init) and, at exit, ends every child it still has: SIGTERM, then
/// SIGKILL after a second.
enum Descendants {
    static func adopt() {
        _ = wixagent_become_subreaper()
    }

    /// Ends and reaps the children still running. Call after the sources were closed.
    static func endAll() {
        let children = childIDs()
        guard !children.isEmpty else { return }
        for pid in children { kill(pid, SIGTERM) }
        for _ in 0..<20 {
            reap(children)
            if childIDs().isEmpty { return }
            usleep(50_000)
        }
        for pid in childIDs() { kill(pid, SIGKILL) }
        usleep(50_000)
        reap(children)
    }

    private static func reap(_ pids: [pid_t]) {
        for pid in pids { _ = waitpid(pid, nil, WNOHANG) }
    }

    /// The running processes whose parent is this one (from `/proc/PID/stat`; zombies excluded).
    static func childIDs() -> [pid_t] {
        let me = getpid()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry), pid != me,
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            // After "pid (comm) ": state, then the parent's id.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, fields[0] != "Z", pid_t(fields[1]) == me else { return nil }
            return pid
        }
    }
}
