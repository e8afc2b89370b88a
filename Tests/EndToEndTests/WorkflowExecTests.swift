import Foundation
import Testing
import WixAgentCore
import WixOfflineModel

/// The nine sample workflows through the real binary: `wixagent exec PROMPT --sandbox --approval auto`,
/// each in its own data directory, with the sandbox's state checked afterwards through `/call`.
@Suite("wixagent exec runs the sample workflows")
struct WorkflowExecTests {
    /// Runs `prompt` in a fresh sandbox, then each `/call` check; returns the answer and the checks' output.
    static func run(_ prompt: String, checks: [String] = []) async throws -> (answer: String, checks: [String]) {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let run = try await cli.run(["exec", prompt, "--sandbox", "--approval", "auto"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        var outputs: [String] = []
        for check in checks {
            let result = try await cli.run(["exec", check, "--sandbox"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            outputs.append(result.stdout)
        }
        return (run.stdout, outputs)
    }

    @Test func outOfStockSummerProducts() async throws {
        let (answer, _) = try await Self.run(SamplePrompts.all[0])
        #expect(answer.hasPrefix("4 physical products in 'Summer Collection'"))
        for sku in ["SUM-LIN-01", "SUM-HAT-02", "SUM-TWL-03", "SUM-BTL-04"] { #expect(answer.contains(sku)) }
        #expect(!answer.contains("SUM-BOX-06") && !answer.contains("WIN-BEA-01"))
    }

    @Test func orderWithDiscount() async throws {
        let (answer, checks) = try await Self.run(SamplePrompts.all[1], checks: [
            #"/call wix_orders_search {"filter": {"buyerInfo.email": "john.doe@example.com"}, "sort": [{"fieldName": "createdDate", "order": "DESC"}], "limit": 1}"#,
        ])
        #expect(answer.contains("5 × Premium Coffee Beans") && answer.contains("Discount 10%: −$17.50") && answer.contains("Total $157.45"))
        #expect(checks[0].contains(#""quantity": 5"#) && checks[0].contains(#""percentage": 10"#))
    }

    @Test func recentMembersWithoutPhotoOrBio() async throws {
        let (answer, _) = try await Self.run(SamplePrompts.all[2])
        #expect(answer.hasPrefix("3 members joined in the last 30 days"))
        for email in ["tariq.haddad@example.com", "sofia.rossi@example.com", "ben.carter@example.com"] { #expect(answer.contains(email)) }
    }

    @Test func downtownSeattleListings() async throws {
        let (answer, _) = try await Self.run(SamplePrompts.all[3])
        let titles = ["Corner 2BR near Westlake", "Pike Place loft", "Modern 1BR with Sound views"]
        let positions = titles.compactMap { answer.range(of: $0)?.lowerBound }
        #expect(positions.count == 3 && positions == positions.sorted(), "\(answer)")
        #expect(!answer.contains("2BR at exactly list"))
    }

    @Test func salesTaskForJaneSmith() async throws {
        let (answer, checks) = try await Self.run(SamplePrompts.all[4], checks: [#"/call list_all_wix_tasks {"limit": 1}"#])
        #expect(answer.contains("Priority HIGH") && answer.contains("Assigned to the Sales team") && answer.contains("at 5:00 PM"))
        #expect(checks[0].contains("Call back Jane Smith") && checks[0].contains(#""priority": "HIGH""#))
    }

    @Test func rescheduleAppointment() async throws {
        let (answer, checks) = try await Self.run(SamplePrompts.all[5], checks: [#"/call get_single_wix_booking_by_id {"id": "847294"}"#])
        #expect(answer.contains("Rescheduled appointment 847294") && answer.contains("Thursday") && answer.contains("at 3:00 PM") && answer.contains("still 60 minutes"))
        #expect(checks[0].contains("The client requested the change due to a schedule conflict."))
    }

    @Test func sponsorshipAuditTask() async throws {
        let (answer, checks) = try await Self.run(SamplePrompts.all[6], checks: [#"/call list_all_wix_tasks {"limit": 1}"#])
        #expect(answer.contains("Found 3 'Sold' items"))
        for slot in ["Welcome bag insert", "Coffee bar naming", "Workshop room A"] {
            #expect(answer.contains(slot) && checks[0].contains(slot))
        }
        #expect(checks[0].contains(#""team": "Design""#))
        #expect(answer.contains("Assigned to the Design team"))
    }

    @Test func vipRiskLabelOnTheContact() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let run = try await cli.run(["exec", SamplePrompts.all[7], "--sandbox", "--approval", "auto"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("Both conditions hold"))
        let member = try await cli.run(["exec", #"/call get_single_wix_member_by_id {"id": "99382"}"#, "--sandbox"]).stdout
        let contactID = try #require(member.components(separatedBy: #""contactId": ""#).dropFirst().first?.components(separatedBy: "\"").first)
        let contact = try await cli.run(["exec", #"/call get_single_wix_contact_by_id {"id": "\#(contactID)"}"#, "--sandbox"]).stdout
        #expect(contact.contains("custom.vip-risk"))
        #expect(run.stdout.contains("contact \(contactID)"))
    }

    @Test func cancelOrder12345() async throws {
        let (answer, checks) = try await Self.run(SamplePrompts.all[8], checks: [#"/call get_single_wix_order_by_id {"id": "12345"}"#])
        #expect(answer.contains("now canceled"))
        #expect(checks[0].contains(#""status": "CANCELED""#))
    }
}
