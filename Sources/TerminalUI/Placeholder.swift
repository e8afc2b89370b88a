/// Kept until the executable stops referring to it (Sources/wixagent/Entry.swift); remove then.
public enum TerminalUIPlaceholder { public static func w(_ c: Int32) -> Int32 { Int32(Unicode.Scalar(UInt32(c)).map { Terminal.columns(of: $0) } ?? -1) } }
