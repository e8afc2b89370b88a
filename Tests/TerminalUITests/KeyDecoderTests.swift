import Testing
@testable import TerminalUI

@Suite struct KeyDecoderTests {
    @Test func decodesControlsAndAltEnter() {
        let keys = KeyDecoder.decode([.character(104), .character(10), .character(27), .character(10), .character(3), .character(19), .character(127), .character(9)])
        #expect(keys == [.key(.char("h")), .key(.enter), .key(.altEnter), .key(.ctrl("c")), .key(.ctrl("s")), .key(.backspace), .key(.tab)])
    }

    @Test func escapeAloneAndFunctionKeys() {
        #expect(KeyDecoder.decode([.character(27)]) == [.key(.escape)])
        #expect(KeyDecoder.decode([.key(.function(1)), .resize, .ignored]) == [.key(.function(1)), .resize])
    }

    @Test func invalidCodePointsAreDropped() {
        #expect(KeyDecoder.decode([.character(0xD800), .character(0x110000), .character(0), .character(0x85), .character(0x65E5)]) == [.key(.char("日"))])
    }
}
