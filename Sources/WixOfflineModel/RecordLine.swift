import Foundation
import WixAgentCore

/// One record as one line of an answer: what names it (number, name, title, email), its states,
/// its amount and its date, found by the usual Wix field names whatever the resource.
enum RecordLine {
    static func describe(_ record: JSONValue, timeZone: TimeZone) -> String {
        func first(_ paths: [String]) -> JSONValue? {
            paths.lazy.compactMap { record.values(atPath: $0).first }.first { $0 != .null && $0 != "" }
        }
        var parts: [String] = []
        if let number = first(["number"]) { parts.append("#\(number.stringValue ?? number.compactText)") }
        if let name = first(["name", "title", "displayName", "bookedEntity.title", "profile.nickname"])?.stringValue {
            parts.append(name)
        } else if let person = first(["info.name", "contactDetails"]), let given = (person["first"] ?? person["firstName"])?.stringValue {
            parts.append([given, (person["last"] ?? person["lastName"])?.stringValue].compactMap { $0 }.joined(separator: " "))
        }
        if let email = first(["loginEmail", "buyerInfo.email", "primaryInfo.email", "contactDetails.email", "info.emails.email"])?.stringValue {
            parts.append(email)
        }
        for key in ["status", "paymentStatus", "priority"] { if let value = record[key]?.stringValue { parts.append(value) } }
        if let amount = first(["priceSummary.total", "priceData.price", "total", "price", "amount"]) { parts.append(Money.text(amount)) }
        if let stock = record.values(atPath: "stock.quantity").first?.intValue { parts.append("\(stock) in stock") }
        for (label, path) in [("due", "dueDate"), ("starts", "startDate"), ("created", "createdDate")] {
            if let text = record[path]?.stringValue, RelativeDate.parse(iso: text) != nil {
                parts.append("\(label) \(RelativeDate.display(iso: text, timeZone: timeZone, withTime: path != "createdDate"))")
                break
            }
        }
        if parts.isEmpty, let id = record["id"] { parts.append("id \(id.stringValue ?? id.compactText)") }
        return parts.joined(separator: " · ")
    }
}
