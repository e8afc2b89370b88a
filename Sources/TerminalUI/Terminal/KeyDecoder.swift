/// Turns raw character codes into keys: Enter, Tab, Backspace, Ctrl-letters, Esc, and
/// Alt-Enter (ESC directly followed by Enter). Invalid code points are dropped, so no byte
/// sequence can crash the input line.
enum KeyDecoder {
    /// What the run loop reacts to.
    enum Input: Equatable {
        case key(Key)
        case resize
    }

    static func decode(_ raw: [RawInput]) -> [Input] {
        var out: [Input] = []
        var i = 0
        while i < raw.count {
            defer { i += 1 }
            switch raw[i] {
            case .resize: out.append(.resize)
            case .key(let key): out.append(.key(key))
            case .ignored: break
            case .character(27):
                guard i + 1 < raw.count, case .character(let next) = raw[i + 1] else {
                    out.append(.key(.escape))
                    continue
                }
                i += 1
                switch next {
                case 10, 13: out.append(.key(.altEnter))
                case 27: out.append(.key(.escape))
                default: if let key = character(next) { out.append(.key(key)) }
                }
            case .character(let code):
                if let key = character(code) { out.append(.key(key)) }
            }
        }
        return out
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
