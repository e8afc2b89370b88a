import Testing
@testable import WixAgentCore

extension Providers {
    @Suite struct SSEParserTests {
        private func parse(_ chunks: [[UInt8]]) -> (events: [SSEEvent], partial: Bool) {
            var parser = SSEParser()
            let events = chunks.flatMap { parser.feed($0) }
            return (events, parser.hasPartialEvent)
        }

        @Test func eventsNamesAndCommentsWithMixedLineEndings() {
            let text = ": keep-alive\r\nevent: message_start\r\ndata: {\"a\":1}\r\n\r\nid: 7\nretry: 10\ndata: plain\n\n"
            let result = parse([Array(text.utf8)])
            #expect(result.events == [SSEEvent(name: "message_start", data: #"{"a":1}"#), SSEEvent(data: "plain")])
            #expect(!result.partial)
        }

        /// The last `id:` is kept across events (for `Last-Event-ID`); one holding a NUL is ignored.
        @Test func theLastEventIDIsKeptAndOneWithANulIsIgnored() {
            var parser = SSEParser()
            _ = parser.feed(Array("id: e-1\ndata: a\n\ndata: b\n\n".utf8))
            #expect(parser.lastEventID == "e-1")
            _ = parser.feed(Array("id: e\u{0}2\ndata: c\n\nid: e-3\n".utf8))
            #expect(parser.lastEventID == "e-3")
            var nul = SSEParser()
            _ = nul.feed(Array("id: x\u{0}y\ndata: c\n\n".utf8))
            #expect(nul.lastEventID == nil)
        }

        @Test func multiLineDataIsJoinedWithNewlines() {
            let result = parse([Array("data: first\ndata:second\ndata\n\n".utf8)])
            #expect(result.events == [SSEEvent(data: "first\nsecond\n")])
        }

        @Test func everySplitPointGivesTheSameEvents() {
            let text = "event: delta\r\ndata: héllo 日本 👋\r\n\r\ndata: [DONE]\n\n"
            let bytes = Array(text.utf8)
            let expected = [SSEEvent(name: "delta", data: "héllo 日本 👋"), SSEEvent(data: "[DONE]")]
            for cut in 0...bytes.count {
                #expect(parse([Array(bytes[..<cut]), Array(bytes[cut...])]).events == expected, "cut at \(cut)")
            }
            #expect(parse(bytes.map { [$0] }).events == expected, "one byte per chunk")
        }

        @Test func crAloneEndsALineAndCRLFSplitAcrossChunksIsOneBreak() {
            #expect(parse([Array("data: a\r\r".utf8)]).events == [SSEEvent(data: "a")])
            #expect(parse([Array("data: a\r".utf8), Array("\n\r".utf8), Array("\n".utf8)]).events == [SSEEvent(data: "a")])
        }

        @Test func anEventWithoutBlankLineIsPartial() {
            let result = parse([Array("data: {\"choices\":[]}\n\ndata: {\"cho".utf8)])
            #expect(result.events.count == 1)
            #expect(result.partial)
            #expect(parse([Array("data: x\n".utf8)]).partial)
            #expect(!parse([Array(": only a comment\n\n".utf8)]).partial)
        }
    }
}
