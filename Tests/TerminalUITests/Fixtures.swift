import Foundation
import WixAgentCore
@testable import TerminalUI

/// Shared helpers: a state at a size, tools, and driving `update` with keys and events.
enum Fixtures {
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    static let readTool = Tool(
        resource: "wix/orders", method: "list", name: "list_all_wix_orders", description: "List orders of the site.",
        querySchema: ["type": "object", "properties": ["limit": ["type": "integer", "description": "How many"], "status": ["type": "string", "enum": ["PAID", "CANCELED"]]]])
    static let writeTool = Tool(
        resource: "wix/orders", method: "cancel", name: "wix_orders_cancel", description: "Cancel an order.",
        bodySchema: ["type": "object", "properties": ["orderId": ["type": "string"], "reason": ["type": "string"]]],
        required: ["orderId"])

    static func state(_ width: Int = 120, _ height: Int = 40, connected: Bool = true) -> AppState {
        var s = AppState(
            size: Size(width: width, height: height),
            status: StatusInfo(modelLabel: "offline demo model", sourceLabel: "sandbox", policy: .askWrites),
            samplePrompts: ["Which Summer Collection products are out of stock?"], now: t0)
        if connected {
            _ = Update.apply(.connected(ToolCatalog(tools: [readTool, writeTool]), modelLabel: "offline demo model"), to: &s, now: t0)
        }
        return s
    }

    @discardableResult
    static func send(_ msgs: [Msg], to s: inout AppState, at now: Date = t0) -> [Command] {
        msgs.flatMap { Update.apply($0, to: &s, now: now) }
    }

    @discardableResult
    static func type(_ text: String, into s: inout AppState) -> [Command] {
        send(text.map { .key(.char($0)) }, to: &s)
    }

    static func approval(_ id: String, tool: Tool = writeTool, arguments: JSONValue = ["orderId": "o-1"]) -> ApprovalRequest {
        ApprovalRequest(callID: id, toolName: tool.name, access: tool.access, arguments: arguments, requestLine: "POST /proxy/wix/orders/cancel?integrated_account_id=sandbox-wix-site",
                        identity: tool.identity)
    }

    /// Proposes a write call in a running turn and parks it for approval; with `seen`, its
    /// dialog was drawn a second before `t0`, so keys at `t0` decide.
    static func propose(_ id: String, into s: inout AppState, seen: Bool = true) {
        let request = approval(id)
        if !s.turnRunning { send([.agent(.turnStarted(userText: "go"))], to: &s) }
        send([
            .agent(.toolProposed(callID: id, providerCallID: nil, toolName: request.toolName, access: request.access, arguments: request.arguments, requestLine: request.requestLine)),
            .agent(.toolStateChanged(callID: id, .waitingForApproval)),
            .agent(.approvalNeeded(request)),
        ], to: &s)
        if seen { look(at: &s) }
    }

    /// The dialog now at the head of the queue is drawn, a second before `t0`.
    static func look(at s: inout AppState) {
        send([.approvalDrawn], to: &s, at: t0.addingTimeInterval(-1))
    }

    static func render(_ s: AppState) -> CellBuffer {
        Screen.render(s, cache: WrapCache()).buffer
    }
}
