import Foundation

/// One Server-Sent Event: its `event:` name (nil when absent) and its `data:` lines joined by `\n`.
public struct SSEEvent: Sendable, Hashable {
    public var name: String?
    public var data: String

    public init(name: String? = nil, data: String) {
        self.name = name
        self.data = data
    }
}

/// Incremental Server-Sent Events framing over byte chunks as they arrive from the network.
///
/// Lines may be split anywhere, even inside a UTF-8 sequence: bytes are buffered until a whole
/// line (`\n`, `\r\n` or `\r`) is there, and only whole lines are decoded. Comments (`:`) and
/// fields other than `event`, `data` and `id` are ignored; a blank line dispatches the event.
public struct SSEParser: Sendable {
    /// The longest line kept (1 MiB) and the most data one event may carry (8 MiB).
    public static let maxLineBytes = 1 << 20
    public static let maxEventBytes = 8 << 20

    private var line: [UInt8] = []
    private var lastWasCR = false
    private var name: String?
    private var dataLines: [String] = []
    private var dataBytes = 0
    /// True once a line or an event went past its bound: the stream is not one to trust.
    public private(set) var overflowed = false
    /// The last `id:` the stream set (the event id a client sends back as `Last-Event-ID` to
    /// resume it); an id holding a NUL is ignored, as the SSE standard says.
    public private(set) var lastEventID: String?

    public init() {}

    /// True when bytes or fields of an event have arrived but the event has not been dispatched:
    /// a stream that ends now ended mid-event.
    public var hasPartialEvent: Bool { !line.isEmpty || name != nil || !dataLines.isEmpty }

    /// Feeds the next chunk and returns the events it completed.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [SSEEvent] {
        var events: [SSEEvent] = []
        for byte in bytes {
            if lastWasCR {
                lastWasCR = false
                if byte == UInt8(ascii: "\n") { continue }
            }
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                lastWasCR = byte == UInt8(ascii: "\r")
                if let event = endLine() { events.append(event) }
            default:
                guard line.count < Self.maxLineBytes else { overflowed = true; continue }
                line.append(byte)
            }
        }
        return events
    }

    /// Handles one complete line; returns an event when the line is blank and one is pending.
    private mutating func endLine() -> SSEEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            defer { name = nil; dataLines = []; dataBytes = 0 }
            return dataLines.isEmpty ? nil : SSEEvent(name: name, data: dataLines.joined(separator: "\n"))
        }
        let text = String(decoding: line, as: UTF8.self)
        if text.hasPrefix(":") { return nil }
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        } else {
            field = text[...]
            value = ""
        }
        switch field {
        case "data":
            dataBytes += value.utf8.count + 1
            guard dataBytes <= Self.maxEventBytes else { overflowed = true; return nil }
            dataLines.append(String(value))
        case "event": name = String(value)
        case "id" where !value.contains("\0"): lastEventID = String(value)
        default: break
        }
        return nil
    }
}
