import Foundation
import Testing
import WixAgentCore
import WixOfflineModel
@testable import TerminalUI

@Suite struct RenderTests {
    @Test func wideLayoutShowsChatInspectorInputAndStatus() {
        var s = Fixtures.state()
        Fixtures.type("hello", into: &s)
        let buf = Fixtures.render(s)
        #expect(buf.lines[0].hasPrefix("─ Chat ─"))
        #expect(buf.lines[0].contains("Inspector (0 calls)"))
        #expect(buf.lines[38] == "> hello")
        #expect(buf.lines[39].contains("offline demo model │ sandbox │ ask-writes │ tokens 0"))
        #expect(buf.text.contains("Ready: 2 tools from sandbox"))
    }

    @Test func chatWrapsCJKAndEmojiAtExactColumns() {
        var s = Fixtures.state(40, 10)
        Fixtures.send([.agent(.textDelta("日本語のテキストと😀絵文字が正しく折り返されること"))], to: &s)
        let buf = Fixtures.render(s)
        // Pane is 40 wide; the agent prefix takes 2 columns, leaving 38 = 19 wide characters a line.
        let rows = (0..<buf.height).filter { buf.rowText($0).hasPrefix("  日") }
        #expect(rows.count == 1)
        let row = rows[0]
        #expect(buf[row, 2].text == "日" && buf[row, 3].isContinuation)
        #expect(buf.rowText(row) == "  日本語のテキストと😀絵文字が正しく折り")
        #expect(buf[row, 20].text == "😀" && buf[row, 21].isContinuation)
        #expect(buf[row, 38].text == "り" && buf[row, 39].isContinuation)
        #expect(buf.rowText(row + 1) == "  返されること")
    }

    @Test func narrowTerminalCollapsesTheInspectorAndFitsEverything() {
        var s = Fixtures.state(40, 10)
        Fixtures.propose("c1", into: &s)
        Fixtures.send([.key(.escape), .agent(.cancelled)], to: &s)
        let buf = Fixtures.render(s)
        #expect(buf.width == 40 && buf.height == 10)
        #expect(!buf.text.contains("Inspector"))
        #expect(buf.lines[9].contains("offline demo model"))
        Fixtures.send([.key(.tab), .key(.tab)], to: &s)
        #expect(Fixtures.render(s).text.contains("Inspector (1 calls)"))
    }

    @Test func tinyAndOddSizesNeverCrash() {
        for (w, h) in [(40, 10), (1, 1), (2, 3), (10, 2), (0, 0), (79, 24), (81, 60), (200, 5)] {
            var s = Fixtures.state(w, h)
            Fixtures.propose("c1", into: &s)
            Fixtures.send([.agent(.textDelta(String(repeating: "日本 word ", count: 50)))], to: &s)
            for overlay in [nil, Overlay.help(scroll: 3), .schemaBrowser(SchemaBrowserState())] {
                s.overlay = overlay
                let buf = Fixtures.render(s)
                #expect(buf.width == max(0, w) && buf.height == max(0, h))
            }
            s.approvalDialog = .editing(TextEditor("{\n\"a\": 1}"), error: "bad")
            let editing = Fixtures.render(s)
            #expect(editing.width == max(0, w) && editing.height == max(0, h))
        }
    }

    @Test func tallNarrowPutsTheInspectorBelow() {
        let s = Fixtures.state(70, 40)
        let layout = Layout.compute(s)
        #expect(layout.inspector?.y ?? 0 > layout.chat.y)
        #expect(layout.inspector?.width == 70)
    }

    @Test func inspectorShowsDetailsOfTheSelectedCall() {
        var s = Fixtures.state()
        Fixtures.send([
            .agent(.toolProposed(callID: "a", providerCallID: nil, toolName: "list_all_wix_orders", access: .read, arguments: ["limit": 2], requestLine: "GET /proxy/wix/orders?integrated_account_id=x&limit=2")),
            .agent(.toolStateChanged(callID: "a", .done)),
            .agent(.toolFinished(callID: "a", ToolOutcome(status: 200, latencyMs: 12, response: ["result": ["o-1"]], isError: false, summary: "200 OK"))),
        ], to: &s)
        let text = Fixtures.render(s).text
        for expected in ["✓  read  list_all_wix_orders · done 200 · 12 ms", "GET /proxy/wix/orders?integrated_account_id=x&", "HTTP 200 · 12 ms", "Arguments:", "\"limit\": 2", "Response:", "\"o-1\""] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    @Test func inspectorSelectionAndScrolling() {
        var s = Fixtures.state()
        for id in ["a", "b", "c"] {
            Fixtures.send([.agent(.toolProposed(callID: id, providerCallID: nil, toolName: "list_all_wix_orders", access: .read, arguments: ["limit": .number(Double(id.unicodeScalars.first!.value))], requestLine: nil))], to: &s)
        }
        #expect(s.selectedCall == 2)
        Fixtures.send([.key(.tab), .key(.tab), .key(.up)], to: &s)
        #expect(s.selectedCall == 1)
        #expect(Fixtures.render(s).text.contains("\"limit\": 98"))
        Fixtures.send([.key(.pageDown)], to: &s)
        let frame = Screen.render(s, cache: WrapCache())
        #expect(frame.inspectorScroll < s.inspectorScroll)   // clamped to what exists
    }

    @Test func chatScrollsBackAndClamps() {
        var s = Fixtures.state(60, 12)
        for i in 0..<50 { Fixtures.send([.agent(.message(.assistant(text: "message \(i)", toolCalls: [])))], to: &s) }
        #expect(Fixtures.render(s).text.contains("message 49"))
        Fixtures.send([.key(.pageUp)], to: &s)
        let up = Fixtures.render(s).text
        #expect(!up.contains("message 49"))
        #expect(up.contains("Chat ↑"))
        Fixtures.send([.key(.tab), .key(.home)], to: &s)
        let frame = Screen.render(s, cache: WrapCache())
        #expect(frame.buffer.text.contains("Ready:"))
        #expect(frame.chatScroll < 100)
        Fixtures.send([.key(.end)], to: &s)
        #expect(Fixtures.render(s).text.contains("message 49"))
    }

    @Test func approvalOverlayShowsToolAccessRequestArgumentsAndKeys() {
        var s = Fixtures.state()
        Fixtures.propose("c1", into: &s)
        let text = Fixtures.render(s).text
        for expected in ["Approve tool call?", "wix_orders_cancel  write", "POST /proxy/wix/orders/cancel?integrated_account_id=sandbox-wix-site", "\"orderId\": \"o-1\"", "y approve once", "e edit"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        Fixtures.send([.key(.char("e"))], to: &s)
        let frame = Screen.render(s, cache: WrapCache())
        #expect(frame.buffer.text.contains("Ctrl-S or F10"))
        #expect(frame.cursor != nil)
    }

    @Test func theInspectorWrapsALongResponseOnceNotEveryFrame() {
        var s = Fixtures.state()
        Fixtures.propose("c1", into: &s)
        let rows: [JSONValue] = (0..<500).map { ["id": .string("order-\($0)"), "note": "a long enough line of text to wrap"] }
        Fixtures.send([
            .agent(.approvalDecided(callID: "c1", approved: true, decidedBy: .user, reason: nil, arguments: ["orderId": "o-1"])),
            .agent(.toolFinished(callID: "c1", ToolOutcome(status: 200, latencyMs: 5, response: ["result": .array(rows)], isError: false, summary: "200 OK"))),
        ], to: &s)
        s.approvals = []
        let cache = WrapCache()
        let first = Screen.render(s, cache: cache)
        #expect(first.buffer.text.contains("Response:"))
        #expect(cache.textMisses == 2)  // the arguments and the response
        s.now = s.now.addingTimeInterval(0.25)  // a tick: state changes, the response does not
        _ = Screen.render(s, cache: cache)
        #expect(cache.textMisses == 2)
        s.size = Size(width: 110, height: 40)  // a new width wraps again
        _ = Screen.render(s, cache: cache)
        #expect(cache.textMisses == 4)
    }

    @Test func longArgumentsAreWrappedAndNeverHiddenSilently() {
        let note = String(repeating: "slot-abc ", count: 60)
        let request = Fixtures.approval("c9", arguments: ["orderId": "o-1", "note": .string(note)])
        for (width, height, fits) in [(120, 40, true), (60, 16, false)] {
            var s = Fixtures.state(width, height)
            Fixtures.send([.agent(.approvalNeeded(request))], to: &s)
            let text = Fixtures.render(s).text
            #expect(text.contains("y approve once"), "\(width)x\(height): the keys must stay visible")
            if fits {
                #expect(text.contains("\"orderId\": \"o-1\""))
                #expect(!text.contains("more line(s)"))
            } else {
                #expect(text.contains("more line(s): press e to see and edit them all"), "\(width)x\(height):\n\(text)")
            }
        }
    }

    @Test func schemaBrowserFiltersAndShowsTheTree() {
        var s = Fixtures.state()
        Fixtures.send([.key(.function(2))], to: &s)
        var text = Fixtures.render(s).text
        #expect(text.contains("Tools 2/2"))
        #expect(text.contains(" read  list_all_wix_orders"))
        #expect(text.contains("• limit: integer"))
        #expect(text.contains("one of: \"PAID\" | \"CANCELED\""))
        Fixtures.type("cancel", into: &s)
        text = Fixtures.render(s).text
        #expect(text.contains("Tools 1/2"))
        #expect(text.contains("* orderId: string (required)"))
        Fixtures.send([.key(.tab)], to: &s)
        text = Fixtures.render(s).text
        #expect(text.contains("Input schema (raw JSON):"))
        #expect(text.contains("\"required\": ["))
        Fixtures.type("zzz", into: &s)
        #expect(Fixtures.render(s).text.contains("No tool matches."))
    }

    @Test func helpListsKeysCommandsAndSamplePrompts() {
        var s = Fixtures.state()
        Fixtures.send([.key(.function(1))], to: &s)
        let text = Fixtures.render(s).text
        for expected in ["Alt-Enter", "Ctrl-C twice", "/approval POLICY", "/sessions", "Which Summer Collection products are out of stock?"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    @Test func resizeRendersAtTheNewSize() {
        var s = Fixtures.state()
        Fixtures.send([.resize(Size(width: 40, height: 10))], to: &s)
        #expect(Fixtures.render(s).width == 40)
        Fixtures.send([.resize(Size(width: 120, height: 40))], to: &s)
        #expect(Fixtures.render(s).text.contains("Inspector"))
    }

    @Test func wrapCacheWrapsEachEntryOncePerWidth() {
        var s = Fixtures.state()
        for i in 0..<20 { Fixtures.send([.agent(.message(.assistant(text: "answer \(i)", toolCalls: [])))], to: &s) }
        let cache = WrapCache()
        _ = Screen.render(s, cache: cache)
        let first = cache.misses
        _ = Screen.render(s, cache: cache)
        #expect(cache.misses == first)
        Fixtures.send([.agent(.textDelta("more"))], to: &s)
        _ = Screen.render(s, cache: cache)
        #expect(cache.misses == first + 1)
    }

    @Test func wrapCacheForgetsWhatClearRemoved() {
        var s = Fixtures.state()
        for i in 0..<20 { Fixtures.send([.agent(.message(.assistant(text: "answer \(i)", toolCalls: [])))], to: &s) }
        let cache = WrapCache()
        _ = Screen.render(s, cache: cache)
        #expect(cache.stored >= 20)
        Fixtures.type("/clear", into: &s)
        Fixtures.send([.key(.enter)], to: &s)
        _ = Screen.render(s, cache: cache)
        #expect(cache.stored == s.entries.count, "only the entries left after /clear (its notice)")
    }
}

