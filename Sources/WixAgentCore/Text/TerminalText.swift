/// Remote text made safe to show on a terminal: the one sanitizer of every printer, CLI and TUI.
/// ESC and the other C0 controls (but newline and tab), DEL, the C1 controls and the bidi
/// overrides and isolates are shown as visible escapes (`\x1b`, `\u{202e}`), so the person sees
/// that something was there and no byte can move the cursor, retitle the window or reorder text.
/// CR and CRLF become newlines (a bare CR would let text overwrite the line before it).
public enum TerminalText {
    /// Whether a scalar must not reach a terminal raw.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
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
