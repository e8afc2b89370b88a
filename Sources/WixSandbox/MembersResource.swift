import WixAgentCore

/// Wix site members (read-only).
enum MembersResource {
    static let fields = "id, contactId, loginEmail, status (APPROVED|PENDING|BLOCKED), privacyStatus (PUBLIC|PRIVATE), "
        + "profile.nickname, profile.slug, profile.title, profile.photo.url (absent when the member has no photo), "
        + "about (bio text, absent when empty), createdDate (when the member joined), updatedDate, lastLoginDate, lastProfileUpdateDate"

    private static let tags = ["members"]

    static let endpoints: [Endpoint] = [
        .list(.members, "list_all_wix_members", "List site members, most recently joined first, with profile (nickname, photo, title), bio (`about`), login email, contactId and dates.", tags: tags),
        .get(.members, "get_single_wix_member_by_id", "Get one site member by id. The member's CRM contact has a different id: use contactId with the contacts tools.", tags: tags),
        .query(.members, "wix_members_query", "Query site members with a Wix filter and sort, e.g. members who joined in the last 30 days: {\"createdDate\": {\"$gte\": \"<ISO date>\"}}; members without a photo: {\"profile.photo\": {\"$exists\": false}}.", fields: fields, tags: tags),
    ]
}
