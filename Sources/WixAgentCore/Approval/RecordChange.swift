/// What changed in the record a write touches between the preview its decision saw and a read
/// right before the request is sent: the fields that say which record it is and what state it
/// is in, the fields the write sets, and the fields a rule tests. A change there means the
/// decision was made on another picture of the record, so it is made again.
enum RecordChange {
    /// The paths compared: identifying fields, the fields the arguments set (at the top of the
    /// record or one level down, as the preview finds them), and the rules' `target.` paths.
    static func watchedPaths(in record: JSONValue, argumentKeys: some Sequence<String>, rulePaths: [String]) -> [String] {
        var paths = Set(WritePreview.identifying.flatMap(\.paths) + rulePaths)
        let members = record.objectValue ?? [:]
        for key in argumentKeys {
            if members[key] != nil { paths.insert(key); continue }
            if let parent = members.keys.sorted().first(where: { members[$0]?.objectValue?[key] != nil }) { paths.insert(parent + "." + key) }
        }
        return paths.sorted()
    }

    /// `path: before → after` for each watched path whose values differ.
    static func lines(from before: JSONValue, to after: JSONValue, paths: [String]) -> [String] {
        paths.compactMap { path in
            let old = before.values(atPath: path)
            let new = after.values(atPath: path)
            return old == new ? nil : "\(path): \(text(old)) → \(text(new))"
        }
    }

    private static func text(_ values: [JSONValue]) -> String {
        switch values.count {
        case 0: "(none)"
        case 1: WritePreview.short(values[0])
        default: WritePreview.short(.array(values))
        }
    }
}
