import Foundation
import Testing
import WixAgentCore

@Suite struct TextFormatTests {
    @Test func paddedHexKeepsEveryDigitOfTheType() {
        #expect(UInt16(0x2a).paddedHex == "002a")
        #expect(UInt8(0).paddedHex == "00")
        #expect(UInt64(0xfeed).paddedHex == "000000000000feed")
        #expect(UInt64.max.paddedHex == "ffffffffffffffff")
    }

    @Test func clockTextFormats() throws {
        let date = Date(timeIntervalSince1970: 1_704_110_400 + 62)   // 2024-01-01 12:01:02 UTC
        #expect(ClockText.utcStamp(date) == "20240101-120102")
        // Local time depends on the machine's zone; the shape does not.
        let local = ClockText.localMinute(date)
        #expect(local.wholeMatch(of: /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/) != nil, "\(local)")
        #expect(local.hasSuffix(":01"), "minutes are the same in every whole-hour zone: \(local)")
    }
}
