import Foundation

/// Signal handling that keeps the terminal usable: SIGINT, SIGTERM and SIGHUP wake the run loop
/// through a pipe (it then quits or treats SIGINT as Ctrl-C); a crash restores the terminal
/// before the default action runs; `exit` restores it too.
enum TerminalSignals {
    nonisolated(unsafe) private static var cleanup: (@convention(c) () -> Void)?
    nonisolated(unsafe) private static var wakeFD: Int32 = -1
    nonisolated(unsafe) private static var cursesResizeHandler: (@convention(c) (Int32) -> Void)?

    /// Byte written to the wake pipe for SIGINT.
    static let interruptByte: UInt8 = 0x69
    /// Byte written to the wake pipe for SIGTERM and SIGHUP.
    static let terminateByte: UInt8 = 0x74
    /// Byte written to the wake pipe for SIGWINCH (the loop then reads ncurses' KEY_RESIZE).
    static let resizeByte: UInt8 = 0x72

    static func install(cleanup: @escaping @convention(c) () -> Void) {
        Self.cleanup = cleanup
        atexit { TerminalSignals.runCleanup() }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            signal(sig) { sig in
                TerminalSignals.runCleanup()
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }

    /// Forgets the crash cleanup once the terminal was restored normally.
    static func disarm() { cleanup = nil }

    /// Routes SIGINT/SIGTERM/SIGHUP to bytes on `fd` (the write end of the run loop's wake pipe).
    static func routeToPipe(_ fd: Int32) {
        wakeFD = fd
        signal(SIGINT) { _ in TerminalSignals.wake(TerminalSignals.interruptByte) }
        signal(SIGTERM) { _ in TerminalSignals.wake(TerminalSignals.terminateByte) }
        signal(SIGHUP) { _ in TerminalSignals.wake(TerminalSignals.terminateByte) }
        // Any thread may receive SIGWINCH; chain to ncurses' handler and wake the UI thread too.
        var old = sigaction()
        sigaction(SIGWINCH, nil, &old)
        cursesResizeHandler = old.__sigaction_handler.sa_handler
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { sig in
            TerminalSignals.cursesResizeHandler?(sig)
            TerminalSignals.wake(TerminalSignals.resizeByte)
        }
        action.sa_flags = SA_RESTART
        sigaction(SIGWINCH, &action, nil)
    }

    private static func wake(_ byte: UInt8) {
        var b = byte
        _ = Glibc.write(wakeFD, &b, 1)
    }

    private static func runCleanup() {
        let c = cleanup
        cleanup = nil
        c?()
    }
}
