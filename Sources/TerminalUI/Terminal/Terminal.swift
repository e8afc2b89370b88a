import CNcursesw
import Foundation

/// The one wrapper over ncurses: sets the terminal up, reads keys, writes the cells that changed
/// since the last frame with one `doupdate`, and always restores the terminal.
/// Every method must be called on the thread that created it (ncurses is not thread-safe).
final class Terminal {
    private var previous: CellBuffer?
    private var attributes: [attr_t] = []
    private var pairs: [Int16] = []
    private var ended = false

    /// Starts curses mode with the theme's colours. Enter arrives as `\n`, Ctrl-C and Ctrl-S as keys.
    /// The codes ncurses gives Ctrl-Left and Ctrl-Right on this terminal (-1: it has none).
    private var wordKeys: (left: Int32, right: Int32) = (-1, -1)

    init(theme: Theme) {
        Terminal.ensureUTF8Locale(all: true)
        _ = initscr()
        _ = raw()
        _ = noecho()
        _ = keypad(wa_stdscr(), true)
        wordKeys = (wa_key_named("kLFT5"), wa_key_named("kRIT5"))
        _ = nodelay(wa_stdscr(), true)
        wa_set_escdelay(25)
        setUpColours(theme)
        Terminal.bracketedPaste(true)
        TerminalSignals.install(cleanup: {
            Terminal.bracketedPaste(false)
            _ = endwin()
        })
    }

    /// Asks the terminal to mark pasted text (`ESC[200~` … `ESC[201~`), so a multi-line paste
    /// is edited as text instead of sending at its first newline; off again when curses ends.
    private static func bracketedPaste(_ on: Bool) {
        let sequence = Array((on ? "\u{1B}[?2004h" : "\u{1B}[?2004l").utf8)
        _ = sequence.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    deinit { shutdown() }

    /// Leaves curses mode; safe to call more than once.
    func shutdown() {
        guard !ended else { return }
        ended = true
        Terminal.bracketedPaste(false)
        _ = endwin()
        TerminalSignals.disarm()
    }

    /// The terminal's size in cells.
    var size: Size { Size(width: Int(getmaxx(wa_stdscr())), height: Int(getmaxy(wa_stdscr()))) }

    /// Every input ncurses has ready, without waiting; function keys already mapped to `Key`s.
    func readAvailable() -> [RawInput] {
        var out: [RawInput] = []
        var value: wint_t = 0
        while out.count < 4096 {
            let rc = wa_get_wch(&value)
            if rc == wa_err() { break }
            if rc == wa_key_code_yes() {
                if Int32(value) == KEY_RESIZE { previous = nil }
                out.append(special(Int32(value)))
            } else {
                out.append(.character(UInt32(value)))
            }
        }
        return out
    }

    private func special(_ code: Int32) -> RawInput {
        if code == wordKeys.left { return .key(.wordLeft) }
        if code == wordKeys.right { return .key(.wordRight) }
        switch code {
        case KEY_RESIZE: return .resize
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_BTAB: return .key(.backTab)
        case KEY_ENTER: return .key(.enter)
        default:
            for n in 1...12 where code == wa_key_f(Int32(n)) { return .key(.function(n)) }
            return .ignored
        }
    }

    /// Writes what changed since the last frame, puts the cursor where asked (hidden when nil), one `doupdate`.
    func draw(_ frame: CellBuffer, cursor: (row: Int, col: Int)?) {
        let screen = size
        guard frame.width == screen.width, frame.height == screen.height else { return }
        if previous == nil { _ = clearok(wa_stdscr(), true) }
        for span in FrameDiff.spans(from: previous, to: frame) {
            var col = span.start
            while col < span.end {
                let cell = frame[span.row, col]
                if !cell.isContinuation { put(cell, row: span.row, col: col) }
                col += 1
            }
        }
        previous = frame
        if let cursor, cursor.row < screen.height, cursor.col < screen.width {
            _ = curs_set(1)
            _ = wmove(wa_stdscr(), Int32(cursor.row), Int32(cursor.col))
        } else {
            _ = curs_set(0)
        }
        _ = wnoutrefresh(wa_stdscr())
        _ = doupdate()
    }

    private func put(_ cell: Cell, row: Int, col: Int) {
        let role = Int(cell.role.rawValue)
        var wide = Array(cell.text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) })
        wide.append(0)
        _ = wa_put_cell(Int32(row), Int32(col), wide, attributes[role], pairs[role])
    }

    private func setUpColours(_ theme: Theme) {
        let colours = has_colors()
        var defaults = false
        if colours {
            _ = start_color()
            defaults = use_default_colors() == OK
        }
        let count = Int(wa_colors())
        func number(_ c: ThemeColor, fallback: Int16) -> Int16 {
            switch c {
            case .terminalDefault: return defaults ? -1 : fallback
            case .index(let i): return Int16(count > i ? i : i % 8)
            }
        }
        for role in Role.allCases {
            let style = theme.style(role)
            var attr = wa_a_normal()
            for a in style.attributes { attr |= Self.attribute(a) }
            var pair: Int16 = 0
            if colours {
                pair = Int16(role.rawValue) + 1
                _ = init_pair(pair, number(style.foreground, fallback: 7), number(style.background, fallback: 0))
            } else if style.background != .terminalDefault {
                attr |= wa_a_reverse()
            }
            attributes.append(attr)
            pairs.append(pair)
        }
    }

    private static func attribute(_ a: TextAttribute) -> attr_t {
        switch a {
        case .bold: wa_a_bold()
        case .dim: wa_a_dim()
        case .reverse: wa_a_reverse()
        case .underline: wa_a_underline()
        case .italic: wa_a_italic()
        }
    }

    /// Columns the terminal gives a Unicode scalar (`wcwidth`): -1 for controls.
    static func columns(of scalar: Unicode.Scalar) -> Int {
        _ = localeReady
        return Int(wcwidth(wchar_t(bitPattern: scalar.value)))
    }

    private static let localeReady: Bool = {
        ensureUTF8Locale(all: false)
        return true
    }()

    /// Uses the user's locale, falling back to C.UTF-8 for characters when it is not UTF-8
    /// (without a UTF-8 locale wide characters cannot be drawn or measured).
    static func ensureUTF8Locale(all: Bool) {
        _ = setlocale(all ? LC_ALL : LC_CTYPE, "")
        if wa_codeset_is_utf8() == 0 { _ = setlocale(LC_CTYPE, "C.UTF-8") }
    }
}

/// A terminal or buffer size in cells.
public struct Size: Equatable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// One input as the terminal reports it: a character code (decoded by `KeyDecoder`), a function key, or a resize.
enum RawInput: Equatable {
    case character(UInt32)
    case key(Key)
    case resize
    case ignored
}
