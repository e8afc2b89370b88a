import Foundation
import Testing
@testable import WixAgentCore

@Suite("JSON values")
struct JSONValueTests {
    @Test func booleansStayBooleansAndNumbersStayNumbers() throws {
        let value = try JSONValue.parse("[true, 1, 0, false, 1.5, null, \"x\", {\"a\": [2]}]")
        #expect(value == [true, 1, 0, false, 1.5, nil, "x", ["a": [2]]])
        #expect(value.compactText == #"[true,1,0,false,1.5,null,"x",{"a":[2]}]"#)
    }

    @Test func printingIsStableAndEscapes() {
        let value: JSONValue = ["b": "line\n\"quoted\"\u{1}", "a": 5]
        #expect(value.compactText == #"{"a":5,"b":"line\n\"quoted\"\u0001"}"#)
        #expect(value.prettyText == "{\n  \"a\": 5,\n  \"b\": \"line\\n\\\"quoted\\\"\\u0001\"\n}")
    }

    @Test func malformedAndNonUTF8InputGiveOneLineErrors() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse("{\"a\": ") }
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Data([0x7B, 0xFF, 0xFE, 0x7D])) }
    }

    @Test func roundTripsThroughText() throws {
        let value: JSONValue = ["items": [["qty": 5, "price": 34.99, "ok": true]], "note": nil, "emoji": "☕️ 咖啡"]
        #expect(try JSONValue.parse(value.compactText) == value)
    }
}
