import Testing
@testable import TerminalUI

@Suite struct BenchmarkTests {
    /// Prints the times (their budgets are `.ci/bench`'s, on the release build) and asserts what
    /// keeps them low: a frame wraps only what changed.
    @Test func renderingCostsWhatIsVisible() {
        let chunks = 400
        let result = TUIBenchmark.run(chunks: chunks)
        print("TUIBenchmark: \(result)")
        #expect(result.keystrokeWraps == 0, "a keystroke wraps no transcript entry again")
        #expect((1...chunks + 1).contains(result.streamWraps), "each streamed chunk wraps only the entry it grows: \(result.streamWraps)")
    }
}
