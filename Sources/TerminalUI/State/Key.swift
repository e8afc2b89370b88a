/// A key press after decoding: what `update` reacts to.
public enum Key: Equatable, Sendable {
    case char(Character)
    case enter
    /// Alt-Enter (ESC then Enter): a newline in the input.
    case altEnter
    case tab, backTab, backspace, delete
    case left, right, up, down, home, end, pageUp, pageDown
    /// Ctrl-Left and Ctrl-Right (Alt-B and Alt-F on the input line): a word back or on.
    case wordLeft, wordRight
    case escape
    /// ESC and a character in one read: Alt plus the key, or Esc typed just before it.
    case alt(Character)
    case function(Int)
    /// Ctrl plus a letter, lower case (`.ctrl("c")`).
    case ctrl(Character)
    /// Text pasted as one piece (bracketed paste): its newlines are text, not Enter.
    case paste(String)

    /// What the key adds to a one-line filter: its character, or the pasted text without line
    /// breaks; nothing for other keys.
    var filterText: String {
        switch self {
        case .char(let c): String(c)
        case .paste(let text): String(text.filter { !$0.isNewline })
        default: ""
        }
    }
}
