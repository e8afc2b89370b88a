import Foundation
import Testing
import FuzzTargets

/// Every input kept in `Tests/Fuzz/Corpus/TARGET/` (seeds, and each crash a fuzzer found, once
/// fixed) runs through its target on every test run.
@Suite("Fuzz corpus replay")
struct FuzzRegressionTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Corpus")

    @Test(arguments: FuzzTargets.all.keys.sorted())
    func keptInputsPass(target: String) throws {
        let directory = Self.corpus.appendingPathComponent(target)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(!files.isEmpty, "every target keeps at least one seed in \(directory.path)")
        for file in files {
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            FuzzTargets.all[target]!(data)
        }
    }
}
