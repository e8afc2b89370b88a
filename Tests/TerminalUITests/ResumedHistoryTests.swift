import Foundation
import Testing
import WixAgentCore
@testable import TerminalUI

/// `--resume`: the earlier conversation is shown in the chat once the agent is connected.
@Suite struct ResumedHistoryTests {
    @Test func resumedMessagesBecomeTranscriptEntries() {
        // As the program sends them: the earlier conversation, then the catalog.
        var s = Fixtures.state(connected: false)
        Fixtures.send([.resumed([
            .user("Check order 12345"),
            .assistant(text: "", toolCalls: [ToolCall(id: "c1", name: "get_single_wix_order_by_id", arguments: #"{"id":"12345"}"#)]),
            .toolResult(callID: "c1", name: "get_single_wix_order_by_id", content: "{}", isError: false),
            .assistant(text: "Order 12345 is approved.", toolCalls: []),
        ]), .connected(ToolCatalog(tools: [Fixtures.readTool]), modelLabel: "offline demo model")], to: &s)
        let kinds = s.entries.dropLast().map(\.kind)   // before the "Ready" notice
        #expect(kinds == [.notice, .user, .notice, .agent], "no examples for a conversation that has begun")
        #expect(s.entries[0].text.contains("4 earlier messages"))
        #expect(s.entries.dropLast().last?.text == "Order 12345 is approved.")
        #expect(s.entries.last?.text.hasPrefix("Ready: ") == true)
        let screen = Fixtures.render(s).text
        #expect(screen.contains("> Check order 12345"))
        #expect(screen.contains("get_single_wix_order_by_id"))
        #expect(screen.contains("Order 12345 is approved."))
    }

    @Test func nothingToResumeAddsNothing() {
        var s = Fixtures.state()
        let before = s.entries.count
        Fixtures.send([.resumed([])], to: &s)
        #expect(s.entries.count == before)
    }
}
