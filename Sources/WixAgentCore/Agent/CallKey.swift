/// Keys that name tool calls within a session: random, so they never repeat, whichever ids the
/// provider sends, across `/clear`, resumes and runs.
public enum CallKey {
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return "call-" + (generator.next() as UInt64).paddedHex
    }
}
