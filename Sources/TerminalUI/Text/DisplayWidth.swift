/// Terminal column widths of graphemes, from the C library's `wcwidth` (what the terminal uses).
///
/// A grapheme is drawn as its first scalar plus its combining marks. Variation selectors are
/// dropped and a zero-width-joiner sequence shows its first part only, so the width we compute
/// is always the width the terminal draws. Control characters show as `�`.
enum DisplayWidth {
    /// The text a grapheme is drawn as, and its width in columns (1 or 2; 0 for nothing drawable).
    static func glyph(_ c: Character) -> (text: String, width: Int) {
        if let ascii = c.asciiValue {
            return ascii >= 0x20 && ascii < 0x7F ? (String(c), 1) : ("\u{FFFD}", 1)
        }
        var scalars = c.unicodeScalars.makeIterator()
        guard let base = scalars.next() else { return ("", 0) }
        let baseWidth = Terminal.columns(of: base)
        if baseWidth < 0 || isIgnorable(base) { return ("\u{FFFD}", 1) }
        var text = String.UnicodeScalarView()
        text.append(base)
        while let next = scalars.next(), next != "\u{200D}" {
            if isIgnorable(next) { continue }
            if Terminal.columns(of: next) == 0, text.count < 5 { text.append(next) }
        }
        if baseWidth == 0 { return (" " + String(text), 1) }
        return (String(text), min(baseWidth, 2))
    }

    /// The width of a grapheme in columns.
    static func of(_ c: Character) -> Int {
        if c.asciiValue != nil { return 1 }
        return glyph(c).width
    }

    /// The width of a string in columns.
    static func of(_ s: String) -> Int {
        var total = 0
        for c in s { total += of(c) }
        return total
    }

    private static func isIgnorable(_ s: Unicode.Scalar) -> Bool {
        (0xFE00...0xFE0F).contains(s.value) || s.value == 0x200D
    }
}
