import Dispatch

/// The process entry point: the command line runs on Swift's concurrency pool while the main
/// thread waits for it. (An `async` main would hand the main thread to `dispatch_main`, which
/// ends it with `pthread_exit`: a forced unwind through the binary's unwind tables that pages in
/// about 4 MB of them at every start.)
@main
enum ProcessEntry {
    static func main() {
        let finished = DispatchSemaphore(value: 0)
        Task.detached {
            await WixAgentCommand.runCommandLine()
            finished.signal()
        }
        finished.wait()
    }
}
