/// Keys that name tool calls within a session: random, so they never repeat, whichever ids the
/// provider sends, across `/clear`, resumes and runs. 128 random bits, so a write's
/// `Idempotency-Key` can be made from it (`IdempotencyKey`).
public enum CallKey {
    public static func make() -> String {
        "call-" + random(2)
    }

    /// The key of a call that sends `original` again (`/resend`): the original's key, then `_`
    /// and 32 random bits, so it is a key of its own and has the original's idempotency key.
    /// (Letters, digits, `-` and `_` only: providers take a call's key as its id, and Anthropic
    /// accepts no other characters there.)
    public static func resend(of original: String) -> String {
        root(of: original) + "_" + String(random(1).suffix(8))
    }

    /// The key of the call a resend (or a resend of a resend) sends again; a key itself otherwise.
    public static func root(of key: String) -> String {
        key.split(separator: "_", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? key
    }

    private static func random(_ words: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<words).map { _ in (generator.next() as UInt64).paddedHex }.joined()
    }
}
