extension Duration {
    /// Whole milliseconds, saturating at `Int.min`/`Int.max`: no duration, however long a
    /// server kept a request open, can trap the conversion.
    public var wholeMilliseconds: Int {
        let (ms, overflow) = components.seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return components.seconds < 0 ? .min : .max }
        let (total, past) = ms.addingReportingOverflow(components.attoseconds / 1_000_000_000_000_000)
        return past ? (ms < 0 ? .min : .max) : Int(total)
    }
}
