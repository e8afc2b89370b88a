import Testing
@testable import WixAgentCore
@testable import WixOfflineModel

@Suite("Pulling values out of requests")
struct TextPatternsTests {
    @Test func idsSkipMoneyAndPercentages() {
        #expect(TextPatterns.firstID(in: "If they spent more than $1,000, label member ID 99382") == "99382")
        #expect(TextPatterns.firstID(in: "a 10% discount on 5 units") == nil)
    }

    @Test func amountsQuantitiesAndPercentages() {
        #expect(TextPatterns.amount(after: ["under"], in: "priced under $800,000.") == 800_000)
        #expect(TextPatterns.amount(after: ["under"], in: "under 1.2m") == 1_200_000)
        #expect(TextPatterns.amount(after: ["more than"], in: "spent more than $1,000 total") == 1_000)
        #expect(TextPatterns.quantity(in: "for 5 units of the 'X' SKU") == 5)
        #expect(TextPatterns.percent(in: "applying a 12.5% manual discount") == 12.5)
    }

    @Test func namesTeamsQuotesAndPhrases() {
        let text = "Create a task for the sales team to call back Jane Smith regarding her bulk order inquiry, due by tomorrow at 5 PM."
        #expect(TextPatterns.person(after: ["call back"], in: text).map { "\($0.first) \($0.last)" } == "Jane Smith")
        #expect(TextPatterns.team(in: text) == "Sales")
        #expect(TextPatterns.phrase(after: ["regarding"], in: text, stoppingAt: ["due"]) == "her bulk order inquiry")
        #expect(TextPatterns.quoted(in: "the client's 'Summer Collection' and “VIP-Risk”") == ["Summer Collection", "VIP-Risk"])
    }
}
