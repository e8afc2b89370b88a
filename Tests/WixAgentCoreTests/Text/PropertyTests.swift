import Foundation
import PropertyBased
import RawStructuredFieldValues
import Testing
@testable import WixAgentCore

/// Properties of the parsers of remote bytes, over generated inputs (x-sheep/swift-property-based).
@Suite("Properties of the remote-input parsers")
struct PropertyTests {
    static let bytes = Gen<UInt8>.value(in: 0...255).array(of: 0...300)
    /// Any scalar, weighted towards the troublesome ones: controls, C1, bidi, surrogate neighbours.
    static let scalar = Gen<UInt32>.value(in: 0...0x2100).map { value -> Character in
        Character(Unicode.Scalar(value) ?? "?")
    }
    static let text = scalar.string(of: 0...80)

    @Test func sseYieldsTheSameEventsHoweverTheBytesAreChunked() async {
        await propertyCheck(count: 300, input: Self.bytes, Gen.int(in: 1...17)) { bytes, step in
            var whole = SSEParser()
            let once = whole.feed(bytes)
            var chunked = SSEParser()
            var events: [SSEEvent] = []
            for start in stride(from: 0, to: bytes.count, by: step) {
                events += chunked.feed(bytes[start..<min(start + step, bytes.count)])
            }
            #expect(events == once)
        }
    }

    @Test func jsonStringsAndPercentEncodingRoundTrip() async {
        await propertyCheck(count: 300, input: Self.text) { text in
            #expect((try? JSONValue.parse(JSONValue.string(text).compactText)) == .string(text))
            #expect(URLEncoding.decode(URLEncoding.component(text)) == text)
        }
    }

    @Test func sanitizedTextHasNoControlBytes() async {
        await propertyCheck(count: 300, input: Self.text) { text in
            let safe = TerminalText.safe(text)
            #expect(!safe.unicodeScalars.contains { TerminalText.isUnsafe($0) || $0 == "\r" })
        }
    }

    /// Generated `RateLimit` lists: the parser picks the item RawStructuredFieldValues reads with
    /// the fewest remaining, and ignores what that library refuses.
    @Test func rateLimitListsAgreeWithTheStructuredFieldParser() async {
        let name = Gen.lowercaseLetter.string(of: 1...3)
        let item = Gen.int(in: 0...50).map { $0 }
        await propertyCheck(count: 300, input: name.array(of: 1...4), item.array(of: 4), Gen.bool) { names, numbers, garble in
            var field = names.enumerated().map { i, n in "\"\(n)\";r=\(numbers[i % 4]);t=\(numbers[(i + 1) % 4])" }.joined(separator: ", ")
            if garble { field += ", ;=" }
            var reference = StructuredFieldValueParser(Array(field.utf8))
            let parsed = try? reference.parseListFieldValue()
            let snapshot = RateLimitHeaders.parse([("ratelimit", field)])
            guard let parsed else {
                #expect(snapshot.remaining == nil && snapshot.resetSeconds == nil, "a field the library refuses is ignored: \(field)")
                return
            }
            var first: [String: (r: Int, t: Int)] = [:]
            for case .item(let item) in parsed {
                guard case .string(let n) = item.rfc9651BareItem, first[n] == nil,
                      case .integer(let r)? = item.rfc9651Parameters["r"], case .integer(let t)? = item.rfc9651Parameters["t"] else { continue }
                first[n] = (Int(r), Int(t))
            }
            let tightest = first.min { ($0.value.r, -$0.value.t, $0.key) < ($1.value.r, -$1.value.t, $1.key) }
            #expect(snapshot.remaining == tightest?.value.r, "\(field)")
            #expect(snapshot.resetSeconds == tightest.map { Double($0.value.t) }, "\(field)")
        }
    }
}
