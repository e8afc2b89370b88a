/// Keys that name tool calls within a session: random, so they never repeat, whichever ids the
/// provider sends, across `/clear`, resumes and runs. 128 random bits, so a write's
/// `Idempotency-Key` can be made from it (`IdempotencyKey`).
public enum CallKey {
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return "call-" + (generator.next() as UInt64).paddedHex + (generator.next() as UInt64).paddedHex
    }
}
