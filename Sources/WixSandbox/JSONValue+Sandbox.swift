import Foundation
import WixAgentCore

extension JSONValue {
    /// Sets (or with `nil` removes) a member of an object; other values are left alone.
    mutating func set(_ key: String, _ value: JSONValue?) {
        guard case .object(var members) = self else { return }
        members[key] = value
        self = .object(members)
    }

    /// Shallow-merges the members of `other` into this object; `null` members remove keys.
    func merging(_ other: [String: JSONValue]) -> JSONValue {
        var result = self
        for (key, value) in other { result.set(key, value == .null ? nil : value) }
        return result
    }
}

/// Money rounded to cents, as Wix returns amounts.
func cents(_ amount: Double) -> Double { (amount * 100).rounded() / 100 }
