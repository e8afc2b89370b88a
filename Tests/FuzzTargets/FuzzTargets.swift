import Foundation
@testable import TerminalUI
@testable import WixAgentCore
@testable import WixMCP
@testable import WixSandbox

/// Every parser that reads remote bytes, as a function of arbitrary bytes. Each checks the
/// properties that must hold for any input (no trap, bounded output, no control byte left),
/// so a fuzzer that finds a counterexample crashes here. Run by `.ci/fuzz` under libFuzzer and,
/// for the inputs kept in `Tests/Fuzz/Corpus`, by the normal test suite.
public enum FuzzTargets {
    public static let all: [String: @Sendable (Data) -> Void] = [
        "sse": sse, "json": json, "ratelimit": rateLimit, "filter": filter, "cursor": cursor,
        "keys": keys, "arguments": arguments, "wrap": wrap, "sanitizer": sanitizer, "mcp": mcp, "rules": rules,
    ]

    /// An MCP server's message, read every way the client reads one: as JSON-RPC, as a
    /// `tools/list` result (tools become catalog entries with names the providers accept), as a
    /// `tools/call` result (content, output schema, a Truto 429 envelope), and as an elicitation.
    static func mcp(_ data: Data) {
        guard let value = try? JSONValue.parse(data) else { return }
        for message in JSONRPCMessage.all(in: value) {
            precondition(JSONRPCMessage(message.json) == message, "a JSON-RPC message does not read back as itself")
        }
        let result = value["result"] ?? value
        let tools = (result["tools"]?.arrayValue ?? []).compactMap(MCPProtocol.tool)
        let catalog = ToolCatalog.union([("fuzz source", tools)])
        for tool in catalog.tools {
            precondition(tool.name.range(of: "^[A-Za-z0-9_-]{1,64}$", options: .regularExpression) != nil, "a tool name no provider accepts: \(tool.name)")
            let arguments = result["arguments"]?.objectValue ?? [:]
            if tool.access == .read { precondition(tool.mcp?.readOnlyHint == true, "a read that did not say so") }
            _ = tool.access(arguments: arguments)
            _ = tool.check(.object(arguments))
            _ = MCPToolSource.outputProblem(result, tool: tool)
        }
        _ = MCPToolSource.content(of: result)
        if let headers = MCPToolSource.rateLimitEnvelope(in: ChannelReply(status: 200, message: .response(id: 1, result: result))) {
            _ = RateLimitHeaders.parse(headers)
        }
        let form = ElicitationRequest(source: "fuzz", message: result["message"]?.stringValue ?? "", schema: value["params"]?["requestedSchema"] ?? result["requestedSchema"] ?? result)
        precondition(form.fields.count <= 32)
        for field in form.fields { _ = field.value(of: result["text"]?.stringValue ?? "x") }
    }

    /// SSE framing: the same events however the bytes are split.
    static func sse(_ data: Data) {
        var whole = SSEParser()
        let once = whole.feed(data)
        var split = SSEParser()
        let cut = data.isEmpty ? 0 : Int(data[data.startIndex]) % (data.count + 1)
        let twice = split.feed(data.prefix(cut)) + split.feed(data.dropFirst(cut))
        precondition(once == twice, "SSE events depend on how the bytes were split")
    }

    /// JSON into JSONValue: parsed values print and parse back to themselves.
    static func json(_ data: Data) {
        guard let value = try? JSONValue.parse(data) else { return }
        let text = value.compactText
        precondition(!text.unicodeScalars.contains { TerminalText.isUnsafe($0) }, "JSON text carries a control byte")
        precondition((try? JSONValue.parse(Data(text.utf8))) == value, "JSON does not round-trip")
    }

    /// Rate-limit headers and Retry-After: every number finite, non-negative and clamped.
    static func rateLimit(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        let fields = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let names = ["ratelimit", "ratelimit-policy", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after", "x-ratelimit-reset-requests"]
        let headers = fields.enumerated().map { (name: names[$0.offset % names.count], value: $0.element) }
        let s = RateLimitHeaders.parse(headers, now: Date(timeIntervalSince1970: 1_800_000_000))
        for seconds in [s.resetSeconds, s.retryAfterSeconds, s.windowSeconds].compactMap({ $0 }) {
            precondition(seconds.isFinite && seconds >= 0 && seconds <= RateLimitHeaders.maxSeconds, "a delay out of range: \(seconds)")
        }
        for count in [s.limit, s.remaining].compactMap({ $0 }) { precondition(count >= 0 && count <= Int(Int32.max)) }
        if let step = Optional(RetryPolicy().step(attempt: 1, rateLimited: true, after: s)), case .wait(let w) = step {
            precondition(w.isFinite && w >= 0 && w <= 60)
        }
        _ = s.secondsUntilReset(at: Date(timeIntervalSince1970: 1_900_000_000))
    }

    /// Wix filters: any JSON either parses into a filter or is refused; matching never traps.
    static func filter(_ data: Data) {
        guard let value = try? JSONValue.parse(data), let filter = try? WixFilter(value) else { return }
        let records: [JSONValue] = [["a": 1, "b": ["c": "x"], "d": [1, "2", nil]], ["a": "1"], [:], ["createdDate": "2025-01-01T00:00:00Z"]]
        for record in records { _ = filter.matches(record) }
    }

    /// Approval rules: any `when` either validates (every path under args. or target.) or is one
    /// refusal; evaluating never traps, `$not` of a judgement is its negation, and a rule whose
    /// record could not be read is never judged true; a URL argument is tested as a path or not at all.
    static func rules(_ data: Data) {
        guard let value = try? JSONValue.parse(data) else { return }
        let when = value["when"] ?? value
        guard let rule = try? ConditionalRule(index: 1, tool: "t", decision: "deny", when: when) else { return }
        let negated = try? ConditionalRule(index: 2, tool: "t", decision: "allow", when: ["$not": when])
        let (arguments, unjudgeable) = RuleArguments.view(value["args"] ?? ["url": value["url"] ?? "/a/../b%2Fc?x"], urlKeys: ["url"])
        if let url = arguments["url"]?.stringValue { precondition(url.hasPrefix("/") && !url.contains("?") && !url.split(separator: "/").contains("..")) }
        for target in [value["target"], ["a": 1, "b": ["c": "x"], "d": [1, "2", nil]], [:], nil] as [JSONValue?] {
            let judged = rule.evaluate(arguments: arguments, target: target, unjudgeable: unjudgeable)
            if let negated { precondition(negated.evaluate(arguments: arguments, target: target, unjudgeable: unjudgeable) == judged.map { !$0 }) }
            if target == nil, rule.targetPaths.isEmpty == false { precondition(judged == nil) }
        }
    }

    /// Cursors: any text is an offset into the records or a refusal, never arithmetic on a wild number.
    static func cursor(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        for candidate in [text, Data(data).base64EncodedString(), Data(("offset:" + text).utf8).base64EncodedString()] {
            if let offset = try? Paging.decodeCursor(candidate, count: 500) { precondition((0...500).contains(offset)) }
        }
    }

    /// The key decoder: any codes, in any reads, give keys; an Alt-key is never the bare key.
    static func keys(_ data: Data) {
        var decoder = KeyDecoder()
        var raw: [RawInput] = []
        var bytes = data.makeIterator()
        while let b = bytes.next() {
            switch b {
            case 0xF0: raw.append(.resize)
            case 0xF1: raw.append(.ignored)
            case 0xF2...0xFF: raw.append(.character(UInt32(b) << 12 | UInt32(bytes.next() ?? 0)))
            default: raw.append(.character(UInt32(b)))
            }
        }
        let half = raw.count / 2
        let keys = decoder.decode(Array(raw[..<half])) + decoder.decode(Array(raw[half...]))
        if raw.count >= 2, raw[0] == .character(27), raw[1] == .character(121), half != 1 {
            precondition(keys.first == .key(.alt("y")), "ESC y decoded as \(keys.first.map(String.init(describing:)) ?? "nothing")")
        }
    }

    /// Argument validation: any JSON against any schema gives issues or none, and a checked
    /// call never carries a reserved key or a dot-segment id.
    static func arguments(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        let parts = text.split(separator: "\u{0}", maxSplits: 1).map { Data($0.utf8) }
        guard let schema = parts.first.flatMap({ try? JSONValue.parse($0) }) else { return }
        let value = parts.count > 1 ? (try? JSONValue.parse(parts[1])) ?? .null : .null
        _ = SchemaValidator.validate(value, against: schema)
        let tool = Tool(resource: "things", method: "update", name: "update_thing", description: "", querySchema: schema, bodySchema: schema)
        if case .success(let arguments) = PreparedCall.check(value, for: tool) {
            precondition(arguments["integrated_account_id"] == nil)
            precondition(arguments["id"].map(Tool.isRecordID) ?? true)
            let request = tool.proxy!.request(arguments: arguments, accountID: "acc")
            precondition(request.query.filter { $0.name == "integrated_account_id" }.map(\.value) == ["acc"])
        }
    }

    /// Word wrap and display width: no line wider than the width, no control byte drawn.
    static func wrap(_ data: Data) {
        let width = data.isEmpty ? 1 : Int(data[data.startIndex]) % 50 + 1
        let text = String(decoding: data.dropFirst(), as: UTF8.self)
        for line in WordWrap.lines(text, width: width) + WordWrap.hardLines(text, width: width) {
            precondition(DisplayWidth.of(line) <= width, "a line of \(DisplayWidth.of(line)) columns at width \(width)")
            precondition(!line.unicodeScalars.contains { TerminalText.isUnsafe($0) || $0 == "\n" })
        }
    }

    /// The terminal sanitizer: nothing unsafe is left, and safe text is left alone.
    static func sanitizer(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        let safe = TerminalText.safe(text)
        precondition(!safe.unicodeScalars.contains { TerminalText.isUnsafe($0) })
        if !text.unicodeScalars.contains(where: { TerminalText.isUnsafe($0) }) { precondition(safe == text) }
        precondition(TerminalText.safe(safe) == safe, "sanitizing twice changes the text")
    }
}
