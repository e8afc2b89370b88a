/// One screen cell: the grapheme drawn there (as the terminal gets it), its width and its role.
/// The right half of a wide character is a continuation cell with width 0 and empty text.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: UInt8
    public var role: Role

    public static let blank = Cell(text: " ", width: 1, role: .normal)

    public var isContinuation: Bool { width == 0 }
}
