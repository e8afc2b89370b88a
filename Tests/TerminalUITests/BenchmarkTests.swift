import Testing
@testable import TerminalUI

@Suite struct BenchmarkTests {
    /// Prints the numbers; asserts only generous bounds (debug builds are slow).
    @Test func renderingCostsWhatIsVisible() {
        let result = TUIBenchmark.run()
        print("TUIBenchmark: \(result)")
        #expect(result.keystrokeMs < 50)
        #expect(result.lastChunkToFrameMs < 100)
        #expect(result.coldFrameMs < 1000)
    }
}
