import WixAgentCore

/// The sample workflows a new user can try against the sandbox (README, TUI help).
public enum SamplePrompts {
    public static let all = [
        "Find all physical products in the store that currently have an inventory count of zero and are tagged as 'Summer Collection'.",
        "Create a new Wix order for customer john.doe@example.com for 5 units of the 'Premium Coffee Beans' SKU, applying a 10% manual discount.",
        "Query the member directory for all users who joined in the last 30 days but have not updated their profile picture or bio.",
        "Query the 'RealEstateListings' data collection and return the top 5 properties located in downtown Seattle that are priced under $800,000.",
        "Create a high-priority task in the Wix CRM for the sales team to call back Jane Smith regarding her bulk order inquiry, due by tomorrow at 5 PM.",
        "Reschedule appointment ID 847294 to next Thursday at 3 PM, and add a note that the client requested the change due to a schedule conflict.",
        "Audit the 'SponsorshipSlots' data collection. Find any slots marked as 'Sold' that do not have an associated sponsor logo URL, and create a CRM task for the design team to follow up.",
        "Look up the recent order history for member ID 99382. If they have spent more than $1,000 total in the past year and their last order was delayed, add a 'VIP-Risk' label to their contact record.",
        "Check order 12345 and cancel it.",
    ]
}
