import Testing
@testable import WixAgentCore

@Suite("Argument validation")
struct SchemaValidatorTests {
    let schema: JSONValue = [
        "type": "object",
        "required": ["id", "items"],
        "properties": [
            "id": ["type": "string"],
            "priority": ["type": "string", "enum": ["HIGH", "LOW"]],
            "count": ["type": "integer", "minimum": 1],
            "items": ["type": "array", "minItems": 1, "items": [
                "type": "object", "required": ["quantity"],
                "properties": ["quantity": ["type": "integer"], "note": ["type": ["string", "null"]]],
            ]],
        ],
    ]

    func problems(_ value: JSONValue) -> [String] {
        SchemaValidator.validate(value, against: schema).map(\.description)
    }

    @Test func validArgumentsPass() {
        #expect(problems(["id": "1", "items": [["quantity": 2, "note": nil]], "priority": "HIGH", "count": 3]) == [])
    }

    @Test func missingRequiredKeysAreNamed() {
        #expect(problems(["items": [["quantity": 1]]]) == ["id: is required"])
    }

    @Test func wrongTypesEnumsAndBoundsAreNamedWithTheirPath() {
        let found = problems(["id": 7, "items": [["quantity": 1.5]], "priority": "URGENT", "count": 0])
        #expect(found.contains("id: expected string, got integer"))
        #expect(found.contains("items[0].quantity: expected integer, got number"))
        #expect(found.contains(#"priority: must be one of "HIGH", "LOW", got "URGENT""#))
        #expect(found.contains("count: must be at least 1"))
    }

    @Test func emptyArraysAndUnknownKeysAreRejected() {
        let found = problems(["id": "1", "items": [], "colour": "red"])
        #expect(found.contains("items: needs at least 1 item(s)"))
        #expect(found.contains { $0.hasPrefix("colour: is not a known argument") })
    }

    @Test func aNonObjectIsRejected() {
        #expect(problems("hello") == ["expected object, got string"])
    }
}
