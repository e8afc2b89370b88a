import WixAgentCore

/// Splits text into lines of at most `width` columns: at spaces when it can, anywhere between
/// wide (CJK, emoji) characters, and inside a word only when the word alone is too long.
/// Newlines (LF, CRLF, CR) start new lines; spaces at a wrap point are dropped. Control bytes
/// of remote text are shown as visible escapes (`TerminalText`), never drawn raw.
enum WordWrap {
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for paragraph in TerminalText.safe(text).split(separator: "\n", omittingEmptySubsequences: false) {
            var wrapper = Wrapper(width: width)
            for c in paragraph {
                if c == " " || c == "\t" {
                    wrapper.flushWord()
                    wrapper.addSpace()
                } else {
                    let w = DisplayWidth.of(c)
                    if w == 2 { wrapper.flushWord() }
                    wrapper.word.append(c)
                    wrapper.wordWidth += w
                    if w == 2 { wrapper.flushWord() }
                }
            }
            wrapper.flushWord()
            out += wrapper.finish()
        }
        return out
    }

    /// Breaks text into lines of exactly `width` columns regardless of words (for JSON and code).
    static func hardLines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for paragraph in TerminalText.safe(text).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = "", lineWidth = 0
            for original in paragraph {
                // A tab is a space here: a terminal would move the cursor to its own stop.
                let (c, w) = fitting(original == "\t" ? " " : original, width: width)
                if lineWidth + w > width {
                    out.append(line)
                    line = ""
                    lineWidth = 0
                }
                line.append(c)
                lineWidth += w
            }
            out.append(line)
        }
        return out
    }

    /// A grapheme as it fits a line of `width` columns: a wide one on a one-column line is "…".
    static func fitting(_ c: Character, width: Int) -> (Character, Int) {
        let w = DisplayWidth.of(c)
        return w > width ? ("…", 1) : (c, w)
    }

    private struct Wrapper {
        let width: Int
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var word = ""
        var wordWidth = 0

        init(width: Int) { self.width = width }

        mutating func addSpace() {
            if lineWidth < width, !(lineWidth == 0 && !lines.isEmpty) {
                line.append(" ")
                lineWidth += 1
            }
        }

        mutating func flushWord() {
            guard wordWidth > 0 else { return }
            if lineWidth + wordWidth > width {
                if wordWidth <= width {
                    breakLine()
                } else {
                    breakWord()
                    return
                }
            }
            line += word
            lineWidth += wordWidth
            word = ""
            wordWidth = 0
        }

        /// A word longer than a line: fill lines with it grapheme by grapheme.
        private mutating func breakWord() {
            for original in word {
                let (c, w) = WordWrap.fitting(original, width: width)
                if lineWidth + w > width { breakLine() }
                line.append(c)
                lineWidth += w
            }
            word = ""
            wordWidth = 0
        }

        private mutating func breakLine() {
            while line.last == " " { line.removeLast() }
            lines.append(line)
            line = ""
            lineWidth = 0
        }

        mutating func finish() -> [String] {
            while line.last == " " { line.removeLast() }
            lines.append(line)
            return lines
        }
    }
}
