import Foundation
import Testing
import WixAgentCore
@testable import TerminalUI

/// A real-terminal run of the UI with a scripted model, for trying it in tmux before the
/// executable is wired:
/// `tmux new-session -d -x 120 -y 40 -e LANG=C.UTF-8 -e WIXAGENT_TUI_DEMO=1 '.build/debug/wixagentPackageTests.xctest --testing-library swift-testing --filter interactiveDemo'`
/// Skipped unless WIXAGENT_TUI_DEMO is set. Tool requests go to a closed port, so approved calls fail.
@Suite struct TerminalDemo {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["WIXAGENT_TUI_DEMO"] != nil))
    func interactiveDemo() async {
        let options = TUIOptions(
            modelLabel: "scripted demo model", sourceLabel: "sandbox", policy: .askWrites, theme: ProcessInfo.processInfo.environment["WIXAGENT_THEME"],
            userThemesDirectory: URL(fileURLWithPath: "/nonexistent"), samplePrompts: ["Cancel order o-1"], makeModel: { _ in nil })
        let code = await TerminalApp.run(options) {
            try await Task.sleep(for: .milliseconds(300))
            let service = ToolService(baseURL: "http://127.0.0.1:9", accountID: "sandbox-wix-site", apiKey: "k", isSandbox: true)
            let client = ProxyClient(service: service, http: demoTransport, retry: RetryPolicy(maxRetries: 0))
            return Agent(
                model: ScriptedModel(), catalog: ToolCatalog(tools: [Fixtures.readTool, Fixtures.writeTool]),
                executor: ToolExecutor(client: client), gate: ApprovalGate(policy: .askWrites), systemPrompt: "")
        }
        #expect(code == 0)
    }
}

/// Never deinitialised: AsyncHTTPClient traps when a client is released without shutdown.
private let demoTransport = HTTPTransport()

/// Streams a short answer in chunks and proposes one write call per user message.
struct ScriptedModel: ChatModel {
    let displayName = "scripted"

    func reply(to request: ChatRequest) -> AsyncThrowingStream<ModelEvent, Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                let afterTool: Bool
                if case .toolResult = request.messages.last { afterTool = true } else { afterTool = false }
                let text = afterTool ? "The call finished; 日本語 and 😀 wrap fine. " : "Let me cancel that order for you. "
                for word in text.split(separator: " ") {
                    try await Task.sleep(for: .milliseconds(30))
                    continuation.yield(.textDelta(word + " "))
                }
                if !afterTool {
                    continuation.yield(.toolCall(ToolCall(id: "call-\(request.messages.count)", name: "wix_orders_cancel", arguments: "{\"orderId\":\"o-1\"}")))
                }
                continuation.yield(.usage(TokenUsage(input: 120, output: 30)))
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
