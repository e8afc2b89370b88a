/// Turns raw character codes into keys: Enter, Tab, Backspace, Ctrl-letters, Esc, Alt-Enter (ESC
/// directly followed by Enter), Alt-keys (ESC directly followed by a character) and bracketed pastes (`ESC[200~` … `ESC[201~`, which may span
/// reads). Invalid code points are dropped, so no byte sequence can crash the input line.
struct KeyDecoder {
    /// What the run loop reacts to.
    enum Input: Equatable {
        case key(Key)
        case resize
    }

    static let pasteStart: [UInt32] = [27] + "[200~".unicodeScalars.map(\.value)
    static let pasteEnd: [UInt32] = [27] + "[201~".unicodeScalars.map(\.value)

    /// The codes of a paste whose end marker has not arrived yet.
    private var pasted: [UInt32]?

    mutating func decode(_ raw: [RawInput]) -> [Input] {
        var out: [Input] = []
        var i = 0
        while i < raw.count {
            if pasted != nil {
                i = collectPaste(raw, from: i, into: &out)
                continue
            }
            defer { i += 1 }
            switch raw[i] {
            case .resize: out.append(.resize)
            case .key(let key): out.append(.key(key))
            case .ignored: break
            case .character(27) where Self.codes(raw, at: i, match: Self.pasteStart):
                pasted = []
                i += Self.pasteStart.count - 1
            case .character(27):
                guard i + 1 < raw.count, case .character(let next) = raw[i + 1] else {
                    out.append(.key(.escape))
                    continue
                }
                i += 1
                switch next {
                case 10, 13: out.append(.key(.altEnter))
                case 27: out.append(.key(.escape))
                default:
                    // Never the bare key: Alt-y must not be taken for y (it would approve).
                    switch Self.character(next) {
                    case .char(let c)?: out.append(.key(.alt(c)))
                    case let key?: out.append(.key(.escape)); out.append(.key(key))
                    case nil: out.append(.key(.escape))
                    }
                }
            case .character(let code):
                if let key = Self.character(code) { out.append(.key(key)) }
            }
        }
        return out
    }

    /// Adds the paste's characters from `start` on; at its end marker emits the whole text.
    /// Returns the index after what it consumed.
    private mutating func collectPaste(_ raw: [RawInput], from start: Int, into out: inout [Input]) -> Int {
        var i = start
        while i < raw.count {
            switch raw[i] {
            case .character(let code): pasted?.append(code)
            case .resize: out.append(.resize)
            case .key, .ignored: break
            }
            i += 1
            if let codes = pasted, codes.count >= Self.pasteEnd.count, Array(codes.suffix(Self.pasteEnd.count)) == Self.pasteEnd {
                let text = String(String.UnicodeScalarView(codes.dropLast(Self.pasteEnd.count).compactMap(Self.pastedScalar)))
                pasted = nil
                if !text.isEmpty { out.append(.key(.paste(text))) }
                return i
            }
        }
        return i
    }

    private static func codes(_ raw: [RawInput], at i: Int, match marker: [UInt32]) -> Bool {
        guard i + marker.count <= raw.count else { return false }
        return zip(raw[i..<i + marker.count], marker).allSatisfy { input, code in input == .character(code) }
    }

    /// A pasted code as text: line endings and tabs kept, other controls and invalid code points dropped.
    private static func pastedScalar(_ code: UInt32) -> Unicode.Scalar? {
        switch code {
        case 9, 10, 13: return Unicode.Scalar(code)
        case 0...31, 127, 0x80...0x9F: return nil
        default: return Unicode.Scalar(code)
        }
    }

    /// One character code as a key; nil for codes that are not Unicode scalars.
    static func character(_ code: UInt32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 9: return .tab
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26: return .ctrl(Character(Unicode.Scalar(code + 96)!))
        case 0, 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(code), !(0x80...0x9F).contains(code) else { return nil }
            return .char(Character(scalar))
        }
    }
}
