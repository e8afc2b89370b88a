import Foundation
import WixAgentCore

/// Wix CRM contacts and the labels that can be put on them.
enum ContactsResource {
    static let fields = "id, memberId (when the contact is a site member), info.name.first, info.name.last, info.emails.email, "
        + "info.phones.phone, info.labelKeys, info.company, info.jobTitle, primaryInfo.email, primaryInfo.phone, createdDate, updatedDate"

    private static let tags = ["crm", "contacts"]

    static let endpoints: [Endpoint] = [
        .list(.contacts, "list_all_wix_contacts", "List CRM contacts, newest first, with name, emails, phones, label keys and the memberId of contacts who are site members.", tags: tags),
        .get(.contacts, "get_single_wix_contact_by_id", "Get one CRM contact by its contact id (which differs from the member id of the same person).", tags: tags),
        .query(.contacts, "wix_contacts_query", "Query CRM contacts with a Wix filter and sort, e.g. {\"primaryInfo.email\": \"john.doe@example.com\"} or {\"info.name.last\": \"Smith\"}.", fields: fields, tags: tags),
        labelEndpoint(adding: true),
        labelEndpoint(adding: false),
        .list(.labels, "list_all_wix_labels", "List the contact labels: key (used by wix_contacts_label), displayName and labelType.", tags: ["crm", "labels"], defaultSort: .init(path: "displayName", descending: false)),
        Endpoint(createLabelTool, handle: createLabel),
    ]

    private static func labelEndpoint(adding: Bool) -> Endpoint {
        let verb = adding ? "label" : "unlabel"
        let tool = Tool(
            "wix_contacts_\(verb)", resource: Table.contacts.rawValue, method: verb,
            description: adding
                ? "Add labels to a contact. Each entry is an existing label key (e.g. \"custom.vip-risk\") or the display name of an existing label (e.g. \"VIP-Risk\"); unknown labels are refused, create them first with create_a_wix_label. Labels the contact already has are kept once. Returns the updated contact."
                : "Remove labels from a contact, by label key or display name. Labels the contact does not have are ignored. Returns the updated contact.",
            query: [CommonParams.recordID("contact (the contact id, not the member id)")],
            body: [Param("labelKeys", Schema.array("Label keys or display names.", of: Schema.string("A label key or display name."), minItems: 1), required: true)],
            tags: tags
        )
        return Endpoint(tool) { call, site in
            var contact = try site.record(.contacts, id: call.targetID)
            let keys = try call.body["labelKeys"]!.arrayValue!.map { try labelKey($0.stringValue ?? "", site) }
            var current = contact["info"]?["labelKeys"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if adding {
                for key in keys where !current.contains(key) { current.append(key) }
            } else {
                current.removeAll { keys.contains($0) }
            }
            var info = contact["info"] ?? [:]
            info.set("labelKeys", .array(current.map(JSONValue.string)))
            contact.set("info", info)
            contact.set("updatedDate", .string(ISODate.string(call.now)))
            contact.set("revision", .number(Double((contact["revision"]?.intValue ?? 0) + 1)))
            site.replace(.contacts, contact)
            return ["result": contact]
        }
    }

    /// The key of an existing label named by key or (case-insensitive) display name.
    private static func labelKey(_ name: String, _ site: SiteState) throws -> String {
        let labels = site.records(.labels)
        if let label = labels.first(where: { $0["key"]?.stringValue == name || $0["displayName"]?.stringValue?.lowercased() == name.lowercased() }) {
            return label["key"]!.stringValue!
        }
        throw SandboxError.badRequest("No label with key or name '\(name)'. Existing: \(labels.compactMap { $0["displayName"]?.stringValue }.joined(separator: ", ")). Create it with create_a_wix_label first.")
    }

    static let createLabelTool = Tool(
        "create_a_wix_label", resource: Table.labels.rawValue, method: "create",
        description: "Create a contact label. Its key is derived from the display name (\"VIP Risk\" → \"custom.vip-risk\"); a label with the same key must not exist yet.",
        body: [Param("displayName", Schema.string("Name of the label as shown in the dashboard."), required: true)],
        tags: ["crm", "labels"]
    )

    private static func createLabel(_ call: Call, _ site: inout SiteState) throws -> JSONValue {
        let name = call.body["displayName"]!.stringValue!.trimmingCharacters(in: .whitespaces)
        let slug = name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
        guard !slug.isEmpty else { throw SandboxError.badRequest("displayName must contain a letter or digit.") }
        let key = "custom." + slug
        if site.records(.labels).contains(where: { $0["key"]?.stringValue == key }) {
            throw SandboxError.conflict("A label with key '\(key)' already exists.")
        }
        let now = ISODate.string(call.now)
        let label: JSONValue = ["id": .string(site.newID()), "key": .string(key), "displayName": .string(name), "labelType": "USER_DEFINED", "createdDate": .string(now), "updatedDate": .string(now)]
        site.insert(.labels, label)
        return ["result": label]
    }
}
