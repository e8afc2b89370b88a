import Foundation
import WixAgentCore

/// Requests that lean on the one before: "the next page", "the second one", "cancel it", "what
/// about last month?". Only a request that names no resource of its own is read as one.
enum FollowUpWorkflow: OfflineWorkflow {
    static let ordinals = ["first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1]

    static func next(for turn: OfflineTurn) -> OfflineStep? {
        let resources = turn.resources
        guard !turn.earlierTexts.isEmpty,
              RequestReading.read(turn.userText, resources: resources, now: turn.now, timeZone: turn.timeZone) == nil else { return nil }
        let lower = turn.userText.lowercased()
        let words = lower.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        let listed = turn.previousResults.last { $0.items != nil }

        if lower.contains("next page") || ["more", "rest"].contains(where: words.contains), let listed,
           let cursor = listed.json?["next_cursor"]?.stringValue {
            guard let page = turn.result(of: listed.name) else {
                var arguments = listed.arguments.objectValue ?? [:]
                arguments["next_cursor"] = .string(cursor)
                return .call(PlannedCall(name: listed.name, arguments: .object(arguments)))
            }
            guard let items = page.items else { return .notDone("read the next page", page) }
            return .answer(AnswerFormat.list("The next \(items.count):", items.map { WritePreview.fields($0, in: turn.timeZone) })
                + (page.json?["next_cursor"]?.stringValue == nil ? "\nThat is all of them." : ""))
        }
        let command = words.first { !["please", "can", "could", "would", "you", "now", "then", "ok", "okay", "yes", "so"].contains($0) }
        let writes = Set(resources.flatMap(\.writes))
        if let command, let verb = writes.contains(command) ? command : (command == "remove" && writes.contains("delete") ? "delete" : nil) {
            // One record at a time, the one the last request asked for by its number or id: never a
            // record that only happened to be read on the way (a count's probe, a list's first).
            guard words.contains("it") || lower.contains("that one") || lower.contains("this one"), !words.contains("them"), !words.contains("all") else {
                return .answer("I change one record at a time: name it by its number or id, e.g. \"\(verb) order 10466\".")
            }
            return write(verb, turn: turn, resources: resources)
        }
        if let ordinal = words.compactMap({ ordinals[$0] }).first, words.contains("one") || words.contains("order") || words.count <= 4,
           let items = listed?.items, !items.isEmpty {
            let index = ordinal < 0 ? items.count - 1 : ordinal - 1
            guard items.indices.contains(index) else { return .answer("The last list had \(items.count) entries.") }
            return .answer(WritePreview.fields(items[index], in: turn.timeZone))
        }
        // "What about last month?": the last request again, with what this one changes.
        // Only a question is carried forward, never a change: "what about last month?" after a cancel cancels nothing.
        if ["what about", "how about", "and ", "same for", "what of"].contains(where: lower.hasPrefix),
           let (previous, reading) = turn.earlierTexts.reversed().lazy
               .compactMap({ text in RequestReading.read(text, resources: resources, now: turn.now, timeZone: turn.timeZone).map { (text, $0) } }).first,
           [.count, .sum, .list].contains(reading.intent) {
            var again = turn
            // A time this request names replaces the earlier one's; otherwise the earlier one holds.
            let replaces = DatePeriod.find(in: turn.userText, now: turn.now, timeZone: turn.timeZone) != nil
            let earlier = DatePeriod.find(in: previous, now: turn.now, timeZone: turn.timeZone)
                .flatMap { replaces ? previous.replacingOccurrences(of: $0.phrase, with: "", options: .caseInsensitive) : nil } ?? previous
            again.userText = turn.userText + " " + earlier
            return CatalogWorkflow.next(for: again)
        }
        return nil
    }

    /// `verb` on the one record the last request asked for by its number or id.
    static func write(_ verb: String, turn: OfflineTurn, resources: [CatalogResource]) -> OfflineStep {
        let earlier = turn.earlierTexts.last.flatMap { RequestReading.read($0, resources: resources, now: turn.now, timeZone: turn.timeZone) }
        guard let earlier, case .get(let asked) = earlier.intent, let write = earlier.resource.tools[verb],
              let target = turn.previousResults.flatMap({ $0.items ?? $0.body.map { [$0] } ?? [] }).first(where: { CatalogWorkflow.names($0, asked) }),
              let id = target["id"]?.stringValue else {
            return .answer("I don't know which record you mean: name it by its number or id, e.g. \"\(verb) order 10466\".")
        }
        guard let result = turn.result(of: write) else { return .call(PlannedCall(name: write, arguments: ["id": .string(id)])) }
        guard !result.isError else { return .notDone("\(verb) it", result) }
        return .answer("Done: \(verb) of \(earlier.resource.singular) \(asked).")
    }
}
