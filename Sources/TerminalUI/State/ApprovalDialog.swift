/// What the approval dialog is doing for the call at the head of the queue.
public enum ApprovalDialog: Equatable, Sendable {
    /// Waiting for y / a / n / r / e.
    case choosing
    /// Typing a reason for rejecting.
    case reason(TextEditor)
    /// Editing the arguments; `error` is the last validation problem shown inline.
    case editing(TextEditor, error: String?)
}
