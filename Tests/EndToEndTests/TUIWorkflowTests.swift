import Foundation
import Testing
import WixAgentCore
import WixOfflineModel
import WixSandbox

extension TUISuite {
    /// Sample workflows 2, 7 and 8 typed into the real TUI (embedded sandbox, offline model, the default
    /// ask-writes policy): the write waits in the approval dialog, is approved (or rejected) with one key,
    /// and the sandbox's state is read back afterwards through `wixagent exec '/call …'` with the same home.
    @Suite("TUI runs the sample workflows with approvals") struct TUIWorkflows {
        // MARK: 2. An order with a manual discount

        @Test func orderWithDiscountApprovedInTheDialog() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }

            let dialog = try Self.openDialog(tmux, prompt: SamplePrompts.all[1], tool: "create_a_wix_order", request: "POST /proxy/orders?")
            #expect(dialog.contains(#""email": "john.doe@example.com""#))
            #expect(dialog.contains(#""quantity": 5"#))
            #expect(dialog.contains(#""percentage": 10"#))
            let catalogItemID = try #require(Self.firstMatch(#""catalogItemId": "([^"]+)""#, in: dialog), "dialog:\n\(dialog)")
            // What the id names and what the order costs, read while the dialog is open.
            _ = try tmux.waitFor(text: "order total:")
            let named = try Self.waitForDialog(tmux)
            #expect(named.contains("Premium Coffee Beans"), "the product's name, not only its id:\n\(named)")
            #expect(named.contains("order line: 5 × Premium Coffee Beans at 34.99"), "dialog:\n\(named)")
            let shownTotal = try #require(Self.firstMatch(#"order total: ([0-9.]+) USD"#, in: named), "dialog:\n\(named)")

            try tmux.press("y")
            let screen = try tmux.waitForIdle()
            let chat = Self.chatText(screen)
            #expect(chat.contains("✓ create_a_wix_order · done 200"), "chat: \(chat)")
            let created = try #require(Self.firstMatch(#"Created order #(\d+) \(id ([0-9a-f-]+)\)"#, in: chat, groups: 2), "chat: \(chat)")
            try tmux.quit()

            // The newest order of john.doe is the one the answer named, with the approved arguments.
            let found = try await cli.callTool("wix_orders_search", #"""
                {"filter": {"buyerInfo.email": "john.doe@example.com"}, "sort": [{"fieldName": "createdDate", "order": "DESC"}], "limit": 1}
                """#) as? [String: Any]
            let order = try #require((found?["result"] as? [[String: Any]])?.first, "no order for john.doe: \(String(describing: found))")
            #expect(order["number"] as? String == created[0])
            #expect(order["id"] as? String == created[1])
            #expect((order["buyerInfo"] as? [String: Any])?["email"] as? String == "john.doe@example.com")
            let items = order["lineItems"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            #expect(items.first?["quantity"] as? Int == 5)
            #expect(items.first?["productName"] as? String == "Premium Coffee Beans")
            #expect((items.first?["catalogReference"] as? [String: Any])?["catalogItemId"] as? String == catalogItemID)
            let discounts = order["appliedDiscounts"] as? [[String: Any]] ?? []
            #expect(discounts.count == 1 && (discounts.first?["percentage"] as? Double) == 10, "discounts: \(discounts)")
            // The answer's numbers are the order's: 10% of the subtotal off.
            let summary = try #require(order["priceSummary"] as? [String: Any])
            let subtotal = try #require(summary["subtotal"] as? Double), discount = try #require(summary["discount"] as? Double)
            let total = try #require(summary["total"] as? Double)
            #expect(abs(discount - subtotal * 0.1) < 0.01, "summary: \(summary)")
            #expect(chat.contains("5 × Premium Coffee Beans"))
            #expect(chat.contains(String(format: "Discount 10%%: −$%.2f", discount)), "chat: \(chat)")
            #expect(chat.contains(String(format: "Total $%.2f", total)), "chat: \(chat)")
            #expect(shownTotal == String(format: "%.2f", total), "the dialog's total is the order's")
        }

        // MARK: 7. Sponsorship audit → one task for the design team

        @Test func sponsorshipAuditTaskApprovedInTheDialog() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }

            let dialog = try Self.openDialog(tmux, prompt: SamplePrompts.all[6], tool: "create_a_wix_task", request: "POST /proxy/tasks?")
            #expect(dialog.contains(#""team": "Design""#), "dialog:\n\(dialog)")
            #expect(dialog.contains("'SponsorshipSlots' without a Logo URL"), "dialog:\n\(dialog)")

            try tmux.press("y")
            let screen = try tmux.waitForIdle()
            let chat = Self.chatText(screen)
            #expect(chat.contains("✓ create_a_wix_task · done 200"), "chat: \(chat)")
            let taskID = try #require(Self.firstMatch(#"Created the CRM task ".*?" \(id ([0-9a-f-]+)\)"#, in: chat), "chat: \(chat)")
            try tmux.quit()

            // The slots the audit should find, from the collection itself: Sold, no logo URL.
            let query = try await cli.callTool("wix_data_items_query", #"{"dataCollectionId": "SponsorshipSlots", "limit": 100}"#) as? [String: Any]
            let rows = (query?["result"] as? [[String: Any]]) ?? []
            #expect(query?["next_cursor"] is NSNull || query?["next_cursor"] == nil, "the collection has more than one page")
            let missing = rows.compactMap { row -> (id: String, title: String)? in
                guard let data = row["data"] as? [String: Any], data["status"] as? String == "Sold",
                      ((data["logoUrl"] as? String) ?? "").isEmpty, let id = row["id"] as? String else { return nil }
                return (id, data["title"] as? String ?? "")
            }
            try #require(!missing.isEmpty, "no Sold slot without a logo in the sandbox")
            #expect(chat.contains("Found \(missing.count) 'Sold' items"), "chat: \(chat)")
            for slot in missing { #expect(chat.contains("\(slot.id): \(slot.title)"), "chat lacks \(slot.id): \(chat)") }
            #expect(chat.contains("Assigned to the Design team"))

            // The dialog showed what the user approved: every slot id.
            for slot in missing { #expect(dialog.contains(slot.id), "the dialog hides \(slot.id):\n\(dialog)") }

            // Exactly one new task, the newest, naming each slot id, for the Design team.
            let tasks = try await cli.callTool("list_all_wix_tasks", #"{"limit": 2}"#) as? [String: Any]
            let newest = try #require((tasks?["result"] as? [[String: Any]])?.first)
            #expect(newest["id"] as? String == taskID)
            #expect((newest["assignee"] as? [String: Any])?["team"] as? String == "Design", "task: \(newest)")
            let description = newest["description"] as? String ?? ""
            for slot in missing { #expect(description.contains(slot.id), "task description lacks \(slot.id): \(description)") }
            let olderDescription = (tasks?["result"] as? [[String: Any]] ?? []).dropFirst().first?["description"] as? String ?? ""
            let namedTwice = missing.contains { olderDescription.contains($0.id) }
            #expect(!namedTwice, "a second task for the same slots: \(olderDescription)")
        }

        // MARK: 8. Member spend → VIP-Risk label on the linked contact

        static let memberID = "99382"

        /// Runs workflow 8 to its approval dialog and checks the dialog: the label goes to a contact id, not the member id.
        func openLabelDialog(_ tmux: Tmux) throws -> (dialog: String, contactID: String) {
            let dialog = try Self.openDialog(tmux, prompt: SamplePrompts.all[7], tool: "wix_contacts_label", request: "POST /proxy/contacts/label?")
            #expect(dialog.contains(#""VIP-Risk""#), "dialog:\n\(dialog)")
            let contactID = try #require(Self.firstMatch(#""id": "([^"]+)""#, in: dialog), "dialog:\n\(dialog)")
            #expect(contactID != Self.memberID)
            return (dialog, contactID)
        }

        /// The member's linked contact (get_single_wix_member_by_id → contactId → get_single_wix_contact_by_id).
        func linkedContact(_ cli: CLI) async throws -> [String: Any] {
            let member = try await cli.callTool("get_single_wix_member_by_id", #"{"id": "\#(Self.memberID)"}"#) as? [String: Any]
            let contactID = try #require(((member?["member"] ?? member?["result"]) as? [String: Any])?["contactId"] as? String, "member: \(String(describing: member))")
            let contact = try await cli.callTool("get_single_wix_contact_by_id", #"{"id": "\#(contactID)"}"#) as? [String: Any]
            let result = try #require((contact?["contact"] ?? contact?["result"]) as? [String: Any], "contact: \(String(describing: contact))")
            #expect(result["id"] as? String == contactID)
            #expect(result["memberId"] as? String == Self.memberID)
            return result
        }

        static func labelKeys(_ contact: [String: Any]) -> [String] {
            ((contact["info"] as? [String: Any])?["labelKeys"] as? [String]) ?? []
        }

        @Test func vipRiskLabelApprovedInTheDialog() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }

            let (_, dialogContactID) = try openLabelDialog(tmux)
            try tmux.press("y")
            let screen = try tmux.waitForIdle()
            let chat = Self.chatText(screen)
            #expect(chat.contains("✓ wix_contacts_label · done 200"), "chat: \(chat)")
            #expect(chat.contains("so I added the 'VIP-Risk' label to contact \(dialogContactID)"), "chat: \(chat)")
            try tmux.quit()

            let contact = try await linkedContact(cli)
            #expect(contact["id"] as? String == dialogContactID, "the dialog labelled another contact")
            #expect(Self.labelKeys(contact).contains(WorkflowFixtures.vipRiskLabelKey), "contact: \(contact)")
            // The member id is not a contact id: the label cannot have gone there.
            let notContact = try await cli.callTool("get_single_wix_contact_by_id", #"{"id": "\#(Self.memberID)"}"#) as? [String: Any]
            #expect(notContact?["statusCode"] as? Int == 404, "\(String(describing: notContact))")
        }

        @Test func vipRiskLabelRejectedInTheDialog() async throws {
            let cli = try CLI()
            defer { cli.cleanUp() }
            let tmux = try Tmux.startTUI(cli)
            defer { tmux.kill() }

            let (_, dialogContactID) = try openLabelDialog(tmux)
            try tmux.press("n")
            let screen = try tmux.waitForIdle()
            #expect(!screen.contains("Approve tool call?"))
            let chat = Self.chatText(screen)
            #expect(chat.contains("✗ wix_contacts_label · rejected"), "chat: \(chat)")
            // The answer (after the tool line) says it did not label, and why.
            let answer = chat.components(separatedBy: "✗ wix_contacts_label · rejected").dropFirst().joined()
            #expect(answer.contains("did not add the 'VIP-Risk' label"), "answer: \(answer)")
            #expect(answer.lowercased().contains("reject"), "answer: \(answer)")
            #expect(!answer.contains("so I added"))
            #expect(!answer.contains("Do not retry"), "advice meant for models leaked into the answer: \(answer)")
            try tmux.quit()

            let contact = try await linkedContact(cli)
            #expect(contact["id"] as? String == dialogContactID)
            #expect(!Self.labelKeys(contact).contains(WorkflowFixtures.vipRiskLabelKey), "contact: \(contact)")
        }

        // MARK: Reading the screen

        /// Sends a sample prompt and returns the inside of the approval dialog it opens, checking
        /// that the dialog asks about `tool` (a write) and shows its request line.
        static func openDialog(_ tmux: Tmux, prompt: String, tool: String, request: String) throws -> String {
            try tmux.submit(prompt)
            let dialog = try waitForDialog(tmux)
            #expect(dialog.hasPrefix("\(tool)  write"), "dialog:\n\(dialog)")
            #expect(dialog.contains(request), "dialog:\n\(dialog)")
            return dialog
        }

        /// Waits for the approval dialog and returns its inside (between the box's side borders), rows
        /// joined without separators so hard-wrapped argument lines read whole again.
        static func waitForDialog(_ tmux: Tmux, timeout: Double = 15) throws -> String {
            let screen = try tmux.waitForApprovalDialog(timeout: timeout)
            var inside = false
            var rows: [String] = []
            for line in screen.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.contains("┌─ Approve tool call?") { inside = true; continue }
                guard inside else { continue }
                if line.contains("└─") { break }
                guard let first = line.firstIndex(of: "│"), let last = line.lastIndex(of: "│"), first < last else { continue }
                rows.append(String(line[line.index(after: first)..<last]))
            }
            // The first row is "tool  badge" padded with spaces: keep it readable as a prefix.
            guard let head = rows.first else { return "" }
            return head.trimmingCharacters(in: .whitespaces) + "\n" + rows.dropFirst().joined()
        }

        /// The chat column's text (left of the inspector), its rows joined by spaces, runs of spaces collapsed:
        /// word-wrapped answers read as one line again.
        static func chatText(_ screen: String) -> String {
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            let chat = lines.map { String($0.split(separator: "│", maxSplits: 1, omittingEmptySubsequences: false).first ?? "") }
            return chat.joined(separator: " ").split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }

        /// The capture groups of the first match of `pattern` in `text` (nil when it does not match).
        static func firstMatch(_ pattern: String, in text: String, groups: Int) -> [String]? {
            guard let regex = try? NSRegularExpression(pattern: pattern),
                  let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
            return (1...groups).map { Range(match.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
        }

        static func firstMatch(_ pattern: String, in text: String) -> String? {
            firstMatch(pattern, in: text, groups: 1)?.first
        }
    }
}
