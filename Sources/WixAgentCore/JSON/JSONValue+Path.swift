import Foundation

extension JSONValue {
    /// Every value at a dotted path such as `priceData.price`; arrays met on the way are
    /// flattened, so `lineItems.productName` yields one value per line item.
    public func values(atPath path: String) -> [JSONValue] {
        var current: [JSONValue] = [self]
        for key in path.split(separator: ".").map(String.init) {
            current = current.flatMap { value -> [JSONValue] in
                switch value {
                case .object(let members): members[key].map { [$0] } ?? []
                case .array(let items): items.compactMap { $0[key] }
                default: []
                }
            }
        }
        return current
    }

}
