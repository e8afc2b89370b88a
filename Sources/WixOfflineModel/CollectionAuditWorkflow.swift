import WixAgentCore

/// 7. "Audit the 'SponsorshipSlots' data collection. Find any slots marked as 'Sold' that do not have an
/// associated sponsor logo URL, and create a CRM task for the design team to follow up": read the fields,
/// query items with that status and without that field, then create one task naming them all.
enum CollectionAuditWorkflow: OfflineWorkflow {
    static let negations = ["do not have", "don't have", "does not have", "doesn't have", "without", "missing", "lacking", "with no"]

    static func next(for turn: OfflineTurn) -> OfflineStep? {
        let text = turn.userText
        let quoted = TextPatterns.quoted(in: text)
        guard TextPatterns.mentions(text, "collection"), TextPatterns.mentions(text, "task"), let id = quoted.first,
              let absentText = TextPatterns.phrase(after: negations, in: text, stoppingAt: ["and", "then"]) else { return nil }
        let status = quoted.dropFirst().first ?? TextPatterns.groups(of: #"(?i)\bmarked(?: as)?\s+(\w+)"#, in: text).first?[1].capitalized
        let (read, step) = DataCollection.read(id, turn: turn)
        guard let collection = read else { return step }
        guard let absent = collection.field(mentionedIn: absentText), let absentKey = absent["key"]?.stringValue else {
            return .answer("The collection '\(id)' has no field matching \"\(absentText)\", so I did not audit it.")
        }
        let absentName = absent["displayName"]?.stringValue ?? absentKey
        let statusKey = collection.field(named: ["status"])
        guard status == nil || statusKey != nil else { return .answer("The collection '\(id)' has no status field, so I can't find items marked '\(status!)'.") }
        let which = (status.map { "'\($0)' " } ?? "") + "items of '\(id)' without a \(absentName)"
        guard let result = turn.result(of: DataCollection.queryTool) else {
            let missingField = WixFilters.field(absentKey, "$exists", false)
            let filter = WixFilters.all((status.map { [WixFilters.equals(statusKey!, .string($0))] } ?? []) + [missingField])
            return .call(.query(DataCollection.queryTool, filter, sort: ("_createdDate", false), limit: 100, extra: ["dataCollectionId": .string(id)]))
        }
        guard let items = result.items else { return .answer("I could not query '\(id)': \(result.failure)") }
        guard !items.isEmpty else { return .answer("No \(which): nothing to follow up, so I created no task.") }
        let lines = items.map { item in "\(item["id"]?.stringValue ?? "?"): \(collection.title(of: item))" + details(item, collection) }
        let team = TextPatterns.team(in: text)
        let (due, stated) = TaskDraft.due(turn)
        guard let created = turn.result(of: TaskDraft.tool) else {
            let title = "Follow up on \(AnswerFormat.count(items.count, "item")) of \(id) without a \(absentName)"
            let description = AnswerFormat.list("\(items.count) \(which); get the missing \(absentName) for:", lines)
            return .call(PlannedCall(name: TaskDraft.tool, arguments: TaskDraft.arguments(title: title, description: description, due: due, team: team, contactID: nil, turn: turn)))
        }
        let found = AnswerFormat.list("Found \(items.count) \(which):", lines)
        guard case .answer(let taskAnswer) = TaskDraft.answer(created, team: team, stated: stated, turn: turn) else { return nil }
        return .answer(found + "\n\n" + taskAnswer)
    }

    /// ", sponsor X, contact Y": the item's other text fields that say who to follow up with.
    private static func details(_ item: JSONValue, _ collection: DataCollection) -> String {
        let keys = [collection.field(named: ["sponsor", "sponsorname", "company", "owner"]), collection.field(named: ["sponsor contact email", "contactemail", "email"])]
        let values = keys.compactMap { $0.flatMap { item["data"]?[$0]?.stringValue } }
        return values.isEmpty ? "" : " (" + values.joined(separator: ", ") + ")"
    }
}
