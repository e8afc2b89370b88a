import Testing
@testable import TerminalUI

@Suite struct KeyDecoderTests {
    static func decode(_ raw: [RawInput]) -> [KeyDecoder.Input] {
        var decoder = KeyDecoder()
        return decoder.decode(raw)
    }

    static func codes(_ text: String) -> [RawInput] {
        text.unicodeScalars.map { .character($0.value) }
    }

    @Test func decodesControlsAndAltEnter() {
        let keys = Self.decode([.character(104), .character(10), .character(27), .character(10), .character(3), .character(19), .character(127), .character(9)])
        #expect(keys == [.key(.char("h")), .key(.enter), .key(.altEnter), .key(.ctrl("c")), .key(.ctrl("s")), .key(.backspace), .key(.tab)])
    }

    @Test func escAndACharacterInOneReadIsAnAltKeyNeverTheBareCharacter() {
        // Alt-y, or Esc typed just before y: decoding it as y would approve a write.
        #expect(Self.decode(Self.codes("\u{1B}y")) == [.key(.alt("y"))])
        #expect(Self.decode(Self.codes("\u{1B}a\u{1B}")) == [.key(.alt("a")), .key(.escape)])
        // ESC before a control: both keys, in order.
        #expect(Self.decode([.character(27), .character(9)]) == [.key(.escape), .key(.tab)])
        #expect(Self.decode([.character(27), .character(0)]) == [.key(.escape)])
    }

    @Test func escapeAloneAndFunctionKeys() {
        #expect(Self.decode([.character(27)]) == [.key(.escape)])
        #expect(Self.decode([.key(.function(1)), .resize, .ignored]) == [.key(.function(1)), .resize])
    }

    @Test func invalidCodePointsAreDropped() {
        #expect(Self.decode([.character(0xD800), .character(0x110000), .character(0), .character(0x85), .character(0x65E5)]) == [.key(.char("日"))])
    }

    @Test func aBracketedPasteIsOneKeyWithItsNewlines() {
        let keys = Self.decode(Self.codes("a\u{1B}[200~first line\nsecond 日本\r\nthird\u{7}\u{1B}[201~b"))
        #expect(keys == [.key(.char("a")), .key(.paste("first line\nsecond 日本\r\nthird")), .key(.char("b"))])
    }

    @Test func aPasteMaySpanReads() {
        var decoder = KeyDecoder()
        let raw = Self.codes("\u{1B}[200~one\ntwo\u{1B}[201~\n")
        #expect(decoder.decode(Array(raw[0..<9])) == [])
        #expect(decoder.decode(Array(raw[9..<14])) == [])
        #expect(decoder.decode(Array(raw[14...])) == [.key(.paste("one\ntwo")), .key(.enter)])
    }
}
