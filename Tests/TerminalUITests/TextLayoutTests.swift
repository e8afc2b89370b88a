import Testing
@testable import TerminalUI

@Suite struct TextLayoutTests {
    @Test func widthsFollowWcwidth() {
        #expect(DisplayWidth.of("a") == 1)
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        // Variation selector dropped: drawn at the base character's width.
        #expect(DisplayWidth.glyph("❤️").text == "❤")
        // A ZWJ family shows its first person only, two columns.
        #expect(DisplayWidth.glyph("👨‍👩‍👧") == ("👨", 2))
        // Controls never reach the terminal.
        #expect(DisplayWidth.glyph("\u{7}").text == "\u{FFFD}")
    }

    @Test func wrapsAtSpaces() {
        #expect(WordWrap.lines("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(WordWrap.lines("a\n\nb", width: 10) == ["a", "", "b"])
    }

    @Test func crAndCRLFBreakLinesAndControlsAreShownEscaped() {
        #expect(WordWrap.lines("one\r\ntwo\rthree", width: 20) == ["one", "two", "three"])
        #expect(WordWrap.lines("\u{1B}[31mred", width: 20) == ["\\x1b[31mred"])
        #expect(WordWrap.hardLines("a\r\nb", width: 5) == ["a", "b"])
    }

    @Test func breaksLongWords() {
        #expect(WordWrap.lines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    }

    @Test func wrapsWideCharactersWithoutSplittingThem() {
        // 5 CJK characters = 10 columns; at width 5 each line holds two (4 columns), never 2.5.
        let lines = WordWrap.lines("日本語です", width: 5)
        #expect(lines == ["日本", "語で", "す"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 5 })
        #expect(WordWrap.lines("ok 😀😀😀", width: 6) == ["ok 😀", "😀😀"])
    }

    @Test func truncatesWithEllipsisByColumns() {
        #expect(Truncation.truncate("hello world", width: 8) == "hello w…")
        #expect(Truncation.truncate("日本語です", width: 6) == "日本…")
        #expect(Truncation.truncate("short", width: 8) == "short")
    }
}
