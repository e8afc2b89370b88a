import Foundation
import WixAgentCore

/// What the task workflows share: the due date, priority and team a request names, the
/// create_a_wix_task arguments, and the answer once the task exists.
enum TaskDraft {
    static let tool = "create_a_wix_task"
    /// A task whose request names no time is due at 5 PM.
    static let defaultHour = 17

    /// The due date the request names, else tomorrow at 5 PM; `stated` tells which.
    static func due(_ turn: OfflineTurn) -> (date: Date, stated: Bool) {
        if let date = RelativeDate.moment(in: turn.userText, now: turn.now, timeZone: turn.timeZone, defaultHour: defaultHour) { return (date, true) }
        return (RelativeDate.moment(in: "tomorrow", now: turn.now, timeZone: turn.timeZone, defaultHour: defaultHour)!, false)
    }

    /// HIGH, MEDIUM or LOW when the request says so.
    static func priority(in text: String) -> String? {
        let lower = text.lowercased()
        if lower.contains("high-priority") || lower.contains("high priority") || lower.contains("urgent") { return "HIGH" }
        if lower.contains("low-priority") || lower.contains("low priority") { return "LOW" }
        if lower.contains("medium-priority") || lower.contains("medium priority") { return "MEDIUM" }
        return nil
    }

    /// The create_a_wix_task arguments. A team the catalog does not offer as assignee is named in the description instead.
    static func arguments(title: String, description: String, due: Date, team: String?, contactID: String?, turn: OfflineTurn) -> JSONValue {
        var arguments: [String: JSONValue] = ["title": .string(title), "dueDate": .string(RelativeDate.iso(due, timeZone: turn.timeZone))]
        var description = description
        if let team {
            if teams(turn).contains(team) {
                arguments["assignee"] = ["team": .string(team)]
            } else {
                description += "\nFor the \(team) team."
            }
        }
        arguments["description"] = .string(description)
        if let priority = priority(in: turn.userText) { arguments["priority"] = .string(priority) }
        if let contactID { arguments["contactId"] = .string(contactID) }
        return .object(arguments)
    }

    /// The answer once the task was created, or why it was not.
    static func answer(_ result: OfflineTurn.Result, team: String?, stated: Bool, turn: OfflineTurn) -> OfflineStep {
        guard let task = result.body else { return .notDone("create the task", result) }
        let assigned = task["assignee"]?["team"]?.stringValue
        var lines = [
            "Priority \(task["priority"]?.stringValue ?? "?")",
            assigned.map { "Assigned to the \($0) team" }
                ?? team.map { "Unassigned: the CRM has no \($0) team (teams: \(teams(turn).joined(separator: ", "))), so the description names it" }
                ?? "Unassigned",
            "Due \(RelativeDate.display(iso: task["dueDate"]?.stringValue, timeZone: turn.timeZone))" + (stated ? "" : " (no due date was given, so I used tomorrow at 5 PM)"),
        ]
        if let contact = task["contactId"]?.stringValue { lines.append("About contact \(contact)") }
        return .answer(AnswerFormat.list("Created the CRM task \"\(task["title"]?.stringValue ?? "?")\" (id \(task["id"]?.stringValue ?? "?")):", lines))
    }

    /// The teams create_a_wix_task accepts as assignee.
    private static func teams(_ turn: OfflineTurn) -> [String] {
        let schema = turn.schemas[tool]?["properties"]?["assignee"]?["properties"]?["team"]
        return schema?["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
