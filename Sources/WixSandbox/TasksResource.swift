import Foundation
import WixAgentCore

/// Wix CRM tasks: to-dos for the team, optionally about a contact.
enum TasksResource {
    private static let tags = ["crm", "tasks"]
    static let teams = ["Sales", "Support", "Fulfillment", "Marketing", "Design"]

    /// The writable fields; `create` requires title and dueDate, `update` takes any of them.
    private static func fields(create: Bool) -> [Param] {
        [
            Param("title", Schema.string("Short title of the task."), required: create),
            Param("description", Schema.string("What needs to be done, with any context.")),
            Param("dueDate", Schema.string("When the task is due, ISO-8601 (e.g. 2025-07-01T17:00:00.000Z or 2025-07-01).", format: "date-time"), required: create),
            Param("priority", Schema.string("Priority of the task (default MEDIUM).", enum: ["HIGH", "MEDIUM", "LOW"])),
            Param("status", Schema.string("ACTION_NEEDED while open, COMPLETED when done (default ACTION_NEEDED).", enum: ["ACTION_NEEDED", "COMPLETED"])),
            Param("assignee", Schema.object("Who works on the task: a team, optionally a member of the team.", [
                "team": Schema.string("Team responsible for the task.", enum: teams),
                "memberId": Schema.string("Id of the site member (staff) the task is assigned to."),
            ])),
            Param("contactId", Schema.string("Id of the CRM contact the task is about (find it with wix_contacts_query).")),
        ]
    }

    static let endpoints: [Endpoint] = [
        .list(.tasks, "list_all_wix_tasks", "List CRM tasks, newest first, with title, description, dueDate, priority, status, assignee team and the contact they are about.", tags: tags),
        .get(.tasks, "get_single_wix_task_by_id", "Get one CRM task by id, with its status, priority, due date, assignee and contact.", tags: tags),
        Endpoint(Tool("create_a_wix_task", resource: Table.tasks.rawValue, method: "create",
                      description: "Create a CRM task with a title and due date; optionally a description, priority (HIGH/MEDIUM/LOW), assignee team (e.g. Sales) and the contact it is about.",
                      body: fields(create: true), tags: tags)) { call, site in
            let now = ISODate.string(call.now)
            let task = try checked(["id": .string(site.newID()), "createdDate": .string(now), "updatedDate": .string(now), "status": "ACTION_NEEDED", "priority": "MEDIUM", "source": ["sourceType": "USER"]], call, site)
            site.insert(.tasks, task)
            return ["result": task]
        },
        Endpoint(Tool("update_a_wix_task_by_id", resource: Table.tasks.rawValue, method: "update",
                      description: "Update a CRM task: only the fields given change (e.g. status COMPLETED, a new dueDate or priority).",
                      body: fields(create: false), tags: tags)) { call, site in
            guard !call.body.isEmpty else { throw SandboxError.badRequest("Nothing to update: give at least one of title, description, dueDate, priority, status, assignee, contactId.") }
            let task = try checked(try site.record(.tasks, id: call.targetID), call, site).merging(["updatedDate": .string(ISODate.string(call.now))])
            site.replace(.tasks, task)
            return ["result": task]
        },
        Endpoint(Tool("delete_a_wix_task_by_id", resource: Table.tasks.rawValue, method: "delete", description: "Delete a CRM task by id. This cannot be undone; to close a task, set its status to COMPLETED instead.", tags: tags)) { call, site in
            _ = try site.record(.tasks, id: call.targetID)
            site.remove(.tasks, id: call.targetID)
            return ["result": ["id": .string(call.targetID), "deleted": true]]
        },
    ]

    /// `task` with the body's fields applied, after checking the due date and the referenced contact.
    private static func checked(_ task: JSONValue, _ call: Call, _ site: SiteState) throws -> JSONValue {
        if let due = call.body["dueDate"]?.stringValue, ISODate.parse(due) == nil {
            throw SandboxError.badRequest("dueDate '\(due)' is not an ISO-8601 date such as 2025-07-01 or 2025-07-01T17:00:00.000Z.")
        }
        if let contactID = call.body["contactId"]?.stringValue, (try? site.record(.contacts, id: contactID)) == nil {
            throw SandboxError.badRequest("contactId: no contact with id '\(contactID)'; find contacts with wix_contacts_query.")
        }
        return task.merging(call.body)
    }
}
