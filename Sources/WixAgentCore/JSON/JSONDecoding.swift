import Foundation

/// Decodes `Codable` types from an already-parsed `JSONValue`.
public enum JSONDecoding {
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONDecoder().decode(T.self, from: value.data)
    }
}
