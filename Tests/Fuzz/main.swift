import Foundation
import FuzzTargets

/// `wixagent-fuzz TARGET [libFuzzer options and corpus directories]`: one fuzz target under
/// libFuzzer (built by `.ci/fuzz` with `-sanitize=fuzzer,address -DFUZZING`). Built without
/// those flags it replays the files it is given through the target, for reproducing a crash.

let arguments = CommandLine.arguments
guard arguments.count >= 2, let target = FuzzTargets.all[arguments[1]] else {
    FileHandle.standardError.write(Data("usage: wixagent-fuzz TARGET [options] [corpus...]; targets: \(FuzzTargets.all.keys.sorted().joined(separator: " "))\n".utf8))
    exit(2)
}
nonisolated(unsafe) var selected: (@Sendable (Data) -> Void) = target

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

var driverArguments = [arguments[0]] + arguments.dropFirst(2)
var cArguments: [UnsafeMutablePointer<CChar>?] = driverArguments.map { strdup($0) } + [nil]
var argc = Int32(driverArguments.count)
let code = cArguments.withUnsafeMutableBufferPointer { buffer -> Int32 in
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
        selected(bytes.map { Data(bytes: $0, count: count) } ?? Data())
        return 0
    }
}
exit(code)
#else
for path in arguments.dropFirst(2) {
    guard let data = FileManager.default.contents(atPath: path) else { continue }
    selected(data)
    print("ok \(path)")
}
#endif
