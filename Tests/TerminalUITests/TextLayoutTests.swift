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

    @Test func aWideCharacterOnAOneColumnLineIsAnEllipsis() {
        // Found by the property test below (shrunk to this input).
        #expect(WordWrap.lines("⺀", width: 1) == ["…"])
        #expect(WordWrap.hardLines("日本", width: 1) == ["…", "…"])
        #expect(WordWrap.lines("日本", width: 2) == ["日", "本"])
        // Also found by it: a tab in JSON text is drawn as a space, never sent raw.
        #expect(WordWrap.hardLines("a\tb", width: 5) == ["a b"])
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

import PropertyBased

@Suite("Word wrap properties")
struct WordWrapPropertyTests {
    static let text = Gen<UInt32>.value(in: 0...0x1F700).map { Character(Unicode.Scalar($0) ?? " ") }.string(of: 0...120)

    @Test func wrappedLinesNeverExceedTheWidthNorCarryControls() async {
        await propertyCheck(count: 300, input: Self.text, Gen.int(in: 1...40)) { text, width in
            for line in WordWrap.lines(text, width: width) + WordWrap.hardLines(text, width: width) {
                #expect(DisplayWidth.of(line) <= width, "\(line.debugDescription) at width \(width)")
                #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            }
        }
    }
}
