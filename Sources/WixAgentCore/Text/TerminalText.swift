/// Remote text made safe to show on a terminal: the one sanitizer of every printer, CLI and TUI.
/// ESC and the other C0 controls (but newline and tab), DEL, the C1 controls, the bidi marks,
/// overrides and isolates, and the invisible characters (zero-width space and joiners, word
/// joiner, invisible operators, BOM, soft hyphen) are shown as visible escapes (`\x1b`,
/// `\u{202e}`), so the person sees that something was there and no byte can move the cursor,
/// retitle the window, reorder text or hide a word (an emoji sequence joined with U+200D shows
/// its parts and the joiner: a small price for never hiding one).
/// CR and CRLF become newlines (a bare CR would let text overwrite the line before it).
public enum TerminalText {
    /// Whether a scalar must not reach a terminal raw.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200B...0x200F, 0x061C, 0x2060...0x2064, 0xFEFF, 0x00AD, 0x180E, 0x034F: true
        default: false
        }
    }

    /// The visible form of an unsafe scalar.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        scalar.value <= 0xFF ? "\\x" + String(UInt8(scalar.value).paddedHex) : "\\u{" + String(scalar.value, radix: 16) + "}"
    }

    /// `text` with line breaks normalised to `\n` and every unsafe scalar escaped.
    public static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) }) else { return text }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            if scalar == "\r" {
                out.append("\n")
            } else if scalar == "\n" {
                if !previousCR { out.append(scalar) }
            } else if isUnsafe(scalar) {
                out.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
