import Foundation
import Testing
@testable import WixAgentCore

/// Remote text on a terminal and in the exports (issue: hostile input).
@Suite("Hostile text")
struct HostileTextTests {
    @Test func controlsAreShownEscapedAndLineBreaksNormalised() {
        #expect(TerminalText.safe("\u{1B}]0;X\u{07}\u{1B}[31mred") == "\\x1b]0;X\\x07\\x1b[31mred")
        #expect(TerminalText.safe("a\u{9B}2Jb\u{7F}c\u{202E}d") == "a\\x9b2Jb\\x7fc\\u{202e}d")
        #expect(TerminalText.safe("one\r\ntwo\rthree\nfour\tfive") == "one\ntwo\nthree\nfour\tfive")
        #expect(TerminalText.safe("plain 日本 🎉") == "plain 日本 🎉")
    }

    @Test func noUnsafeScalarSurvivesAnyInput() {
        var state: UInt64 = 0xC0FFEE
        for _ in 0..<2000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(state % 40) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let pick = [UInt32(truncatingIfNeeded: state >> 33) % 0x100, 0x2000 + UInt32(truncatingIfNeeded: state >> 40) % 0x80, UInt32(truncatingIfNeeded: state >> 20) % 0x11000]
                if let scalar = Unicode.Scalar(pick[Int(state % 3)]) { scalars.append(scalar) }
            }
            let safe = TerminalText.safe(String(scalars))
            #expect(!safe.unicodeScalars.contains { TerminalText.isUnsafe($0) }, "\(String(scalars).debugDescription)")
            let json = JSONValue.string(String(scalars)).compactText
            #expect(!json.unicodeScalars.contains { TerminalText.isUnsafe($0) })
            #expect((try? JSONValue.parse(json)) == .string(String(scalars)), "JSON stays valid and lossless")
        }
    }

    @Test func stringLengthsCountCodePoints() {
        let schema: JSONValue = ["type": "object", "properties": ["name": ["type": "string", "maxLength": 1, "minLength": 1]]]
        #expect(SchemaValidator.validate(["name": "e\u{301}"], against: schema).count == 1, "e + combining accent is two code points")
        #expect(SchemaValidator.validate(["name": "é"], against: schema).isEmpty)
    }

    @Test func aResultWithAFenceCannotBreakTheMarkdownExport() {
        let body = "before\n```\n# Injected heading\n````"
        let fenced = SessionExport.fenced(body, info: "json")
        #expect(fenced.hasPrefix("`````json\n") && fenced.hasSuffix("\n`````"))
        #expect(SessionExport.code("a`b") == "``a`b``")
        #expect(SessionExport.code("`x") == "`` `x ``")
    }

    @Test func pathIdsAndReservedKeysNeverReachTheRequest() {
        let tool = Tool(resource: "things", method: "delete", name: "delete_thing", description: "")
        for bad: JSONValue in ["", ".", ".."] {
            guard case .failure = PreparedCall.check(["id": bad], for: tool) else {
                Issue.record("id \(bad.compactText) must be refused")
                continue
            }
        }
        let open = Tool(resource: "things", method: "list", name: "list_things", description: "", querySchema: ["type": "object"])
        guard case .failure(let problem) = PreparedCall.check(["integrated_account_id": "someone-else"], for: open) else {
            Issue.record("integrated_account_id must be refused")
            return
        }
        #expect(problem.description.contains("integrated_account_id is set by wixagent"))
        let request = open.proxy!.request(arguments: ["integrated_account_id": "someone-else"], accountID: "mine")
        #expect(request.query.filter { $0.name == "integrated_account_id" }.map(\.value) == ["mine"])
    }
}
