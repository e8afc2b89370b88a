import Foundation
import WixAgentCore
@testable import TerminalUI

/// Off-screen measurements of the UI's own costs (no terminal): update + render + diff, in
/// milliseconds, and how many transcript entries each step had to wrap again.
enum TUIBenchmark {
    struct Result: Sendable, CustomStringConvertible {
        /// 10,000-message transcript at 120x40: first frame with an empty wrap cache.
        var coldFrameMs: Double
        /// Same transcript: one keystroke (update, render with warm cache, diff), averaged.
        var keystrokeMs: Double
        /// 400 streamed chunks applied one by one, rendering a frame after each.
        var streamAllFramesMs: Double
        /// The last chunk of that stream to its finished frame.
        var lastChunkToFrameMs: Double
        /// Scrolling to the top of the transcript (wraps every entry once).
        var homeMs: Double
        /// Entries wrapped again during the keystrokes (the transcript did not change: none).
        var keystrokeWraps: Int
        /// Entries wrapped again during the stream (the streamed entry, once a frame).
        var streamWraps: Int

        var description: String {
            String(format: "cold frame %.2f ms · keystroke %.3f ms · 400-chunk stream (frame per chunk) %.1f ms · last chunk→frame %.3f ms · Home %.1f ms",
                   coldFrameMs, keystrokeMs, streamAllFramesMs, lastChunkToFrameMs, homeMs)
        }
    }

    static func run(messages: Int = 10_000, chunks: Int = 400) -> Result {
        let now = Date()
        var s = AppState(size: Size(width: 120, height: 40), status: StatusInfo(modelLabel: "offline demo model", sourceLabel: "sandbox", policy: .askWrites), now: now)
        _ = Update.apply(.connected(ToolCatalog(tools: []), modelLabel: "offline demo model"), to: &s, now: now)
        let sample = "Here are the orders of member 99382 in the last year, 日本語 included, with totals and dates 😀. "
        for i in 0..<messages {
            _ = Update.apply(.agent(.message(i % 2 == 0 ? .user("question \(i)") : .assistant(text: String(repeating: sample, count: 1 + i % 4), toolCalls: []))), to: &s, now: now)
            if i % 2 == 0 { _ = Update.apply(.agent(.message(.assistant(text: "", toolCalls: []))), to: &s, now: now) }
        }
        let cache = WrapCache()
        var previous: CellBuffer?
        func frame() {
            let f = Screen.render(s, cache: cache)
            _ = FrameDiff.spans(from: previous, to: f.buffer)
            previous = f.buffer
        }
        let cold = time { frame() }
        let beforeKeys = cache.misses
        let keys = 200
        let keystroke = time {
            for i in 0..<keys {
                _ = Update.apply(.key(.char(Character(Unicode.Scalar(97 + i % 26)!))), to: &s, now: now)
                frame()
            }
        } / Double(keys)
        let keystrokeWraps = cache.misses - beforeKeys
        let beforeStream = cache.misses
        var last = 0.0
        let stream = time {
            for i in 0..<chunks {
                let t = time {
                    _ = Update.apply(.agent(.textDelta("chunk \(i) of the streamed answer ")), to: &s, now: now)
                    frame()
                }
                if i == chunks - 1 { last = t }
            }
        }
        let streamWraps = cache.misses - beforeStream
        s.focus = .chat
        _ = Update.apply(.key(.home), to: &s, now: now)
        let home = time { frame() }
        return Result(coldFrameMs: cold, keystrokeMs: keystroke, streamAllFramesMs: stream, lastChunkToFrameMs: last, homeMs: home,
                      keystrokeWraps: keystrokeWraps, streamWraps: streamWraps)
    }

    private static func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }
}
