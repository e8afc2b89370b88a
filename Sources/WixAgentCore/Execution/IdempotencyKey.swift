/// The `Idempotency-Key` a write to the Truto proxy carries: made from the call's key, so it is
/// stored with the call before the request is sent and is the same on every attempt, and a
/// service that honours it answers a repeated request with the first outcome.
public enum IdempotencyKey {
    public static let header = "Idempotency-Key"

    /// The key of the call `callID`: a resend's is its original call's (`CallKey.root`).
    public static func of(callID: String) -> String {
        "wixagent-" + CallKey.root(of: callID)
    }
}
