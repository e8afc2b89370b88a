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
        ApprovalRequest(callID: id, toolName: tool.name, access: tool.access, arguments: arguments, requestLine: "POST /proxy/wix/orders/cancel?integrated_account_id=sandbox-wix-site")
    }

    /// Proposes a write call and parks it for approval.
    static func propose(_ id: String, into s: inout AppState) {
        let request = approval(id)
        send([
            .agent(.toolProposed(callID: id, toolName: request.toolName, access: request.access, arguments: request.arguments, requestLine: request.requestLine)),
            .agent(.toolStateChanged(callID: id, .waitingForApproval)),
            .agent(.approvalNeeded(request)),
        ], to: &s)
    }

    static func render(_ s: AppState) -> CellBuffer {
        Screen.render(s, cache: WrapCache()).buffer
    }
}
