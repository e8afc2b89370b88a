import WixAgentCore

/// 5. "Create a high-priority task in the Wix CRM for the sales team to call back Jane Smith regarding
/// her bulk order inquiry, due by tomorrow at 5 PM": find the contact by name, then create the task about them.
enum CreateTaskWorkflow: OfflineWorkflow {
    static let findTool = "wix_contacts_query"
    static let actions = ["call back", "call", "phone", "email", "contact", "follow up with", "reach out to", "text"]

    static func next(for turn: OfflineTurn) -> OfflineStep? {
        let text = turn.userText
        guard TextPatterns.mentions(text, "task"), let name = TextPatterns.person(after: actions, in: text) else { return nil }
        if let missing = turn.missing(findTool, TaskDraft.tool, for: "create CRM tasks about contacts") { return missing }
        let fullName = "\(name.first) \(name.last)"
        guard let found = turn.result(of: findTool) else {
            let filter = WixFilters.all([WixFilters.equals("info.name.first", .string(name.first)), WixFilters.equals("info.name.last", .string(name.last))])
            return .call(.query(findTool, filter, limit: 5))
        }
        guard let contacts = found.items else { return .answer("I could not look up \(fullName): \(found.failure)") }
        guard contacts.count == 1, let contact = contacts.first, let contactID = contact["id"]?.stringValue else {
            if contacts.isEmpty { return .answer("I found no contact named \(fullName), so I did not create the task.") }
            let emails = contacts.compactMap { $0["primaryInfo"]?["email"]?.stringValue }
            return .answer("There are \(contacts.count) contacts named \(fullName) (\(emails.joined(separator: ", "))), so I did not create the task; say which one by email.")
        }
        let team = TextPatterns.team(in: text)
        let (due, stated) = TaskDraft.due(turn)
        guard let created = turn.result(of: TaskDraft.tool) else {
            let action = TextPatterns.groups(of: "(?i)\\b(" + actions.joined(separator: "|") + ")\\s+" + name.first, in: text).first?[1].lowercased() ?? "follow up with"
            let title = action.prefix(1).uppercased() + action.dropFirst() + " " + fullName
            let about = TextPatterns.phrase(after: ["regarding", "about", "concerning", "re:"], in: text, stoppingAt: ["due", "by"])
            let email = contact["primaryInfo"]?["email"]?.stringValue.map { " (\($0))" } ?? ""
            let description = "\(title)\(email)" + (about.map { " regarding \($0)" } ?? "") + "."
            return .call(PlannedCall(name: TaskDraft.tool, arguments: TaskDraft.arguments(title: title, description: description, due: due, team: team, contactID: contactID, turn: turn)))
        }
        return TaskDraft.answer(created, team: team, stated: stated, turn: turn)
    }
}
