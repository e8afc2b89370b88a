import Foundation
import FuzzTargets

/// `WIXAGENT_FUZZ_TARGET=NAME wixagent-fuzz [libFuzzer options and corpus directories]`: one fuzz
/// target under libFuzzer, whose `main` this binary uses (built by `.ci/fuzz` with
/// `-sanitize=fuzzer,address -DFUZZING`). Built without those flags, `wixagent-fuzz NAME FILE...`
/// replays files through a target, for reproducing a crash in the debugger.

/// The target named by the environment (fuzzing) or the first argument (replay).
func selectedTarget(_ name: String?) -> (@Sendable (Data) -> Void) {
    guard let name, let target = FuzzTargets.all[name] else {
        FileHandle.standardError.write(Data("wixagent-fuzz: name a target (\(FuzzTargets.all.keys.sorted().joined(separator: " ")))\n".utf8))
        exit(2)
    }
    return target
}

#if FUZZING
let target = selectedTarget(ProcessInfo.processInfo.environment["WIXAGENT_FUZZ_TARGET"])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    target(bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The entry point SwiftPM names for this executable: hands the process to libFuzzer.
@_cdecl("wixagent_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector) { bytes, size in fuzzOneInput(bytes, size) }
}
#else
@main
enum Replay {
    static func main() {
        let arguments = CommandLine.arguments
        let target = selectedTarget(arguments.count > 1 ? arguments[1] : nil)
        for path in arguments.dropFirst(2) {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            target(data)
            print("ok \(path)")
        }
    }
}
#endif
