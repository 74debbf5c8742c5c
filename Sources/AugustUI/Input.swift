/// A key, as the explorer understands it (the backend decodes terminal input into these).
public enum Key: Sendable, Hashable, CustomStringConvertible {
    case char(Character)          // a printable character (space is `.char(" ")`)
    case ctrl(Character)          // Ctrl + a lower-case letter (or `]`, `\\` …)
    case enter, esc, tab, backTab, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)

    /// Vim notation, used by the help overlay and the headless key scripts.
    public var description: String {
        switch self {
        case .char(" "): return "<Space>"
        case .char("<"): return "<lt>"
        case .char(let c): return String(c)
        case .ctrl(let c): return "<C-\(c)>"
        case .enter: return "<Enter>"
        case .esc: return "<Esc>"
        case .tab: return "<Tab>"
        case .backTab: return "<S-Tab>"
        case .backspace: return "<BS>"
        case .delete: return "<Del>"
        case .up: return "<Up>"
        case .down: return "<Down>"
        case .left: return "<Left>"
        case .right: return "<Right>"
        case .pageUp: return "<PgUp>"
        case .pageDown: return "<PgDn>"
        case .home: return "<Home>"
        case .end: return "<End>"
        case .function(let n): return "<F\(n)>"
        }
    }

    /// A short human name for the help overlay.
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(String(c).uppercased())"
        case .enter: return "Enter"
        case .esc: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "BS"
        case .delete: return "Del"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .function(let n): return "F\(n)"
        }
    }
}

public enum MouseButton: Sendable, Hashable { case left, wheelUp, wheelDown }

/// Everything that can happen to the explorer arrives as one of these messages.
public enum Input: Sendable, Hashable {
    case key(Key)
    case resize(width: Int, height: Int)
    case mouse(MouseButton, x: Int, y: Int)
}

public struct KeyNotationError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Parses key scripts in vim notation: plain characters, `<Enter>`, `<Esc>`, `<Tab>`, `<S-Tab>`,
/// `<BS>`, `<Up>` `<Down>` `<Left>` `<Right>`, `<PgUp>` `<PgDn>`, `<Home>` `<End>`, `<C-x>`,
/// `<Space>`, `<lt>`, `<Resize:WxH>`, `<Click:X,Y>`, `<WheelUp:X,Y>`, `<WheelDown:X,Y>`.
/// Names are case-insensitive. A `<` that starts no known name is an error.
public enum KeyNotation {
    static let named: [String: Key] = [
        "enter": .enter, "cr": .enter, "return": .enter, "esc": .esc, "tab": .tab, "s-tab": .backTab,
        "bs": .backspace, "backspace": .backspace, "del": .delete, "up": .up, "down": .down, "left": .left,
        "right": .right, "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
        "home": .home, "end": .end, "space": .char(" "), "lt": .char("<"),
    ]

    public static func parse(_ script: String) throws(KeyNotationError) -> [Input] {
        var out: [Input] = []
        let chars = Array(script)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            guard c == "<" else {
                out.append(.key(keyFor(c)))
                i += 1
                continue
            }
            guard let close = chars[i...].firstIndex(of: ">") else {
                throw KeyNotationError(message: "unclosed '<' at position \(i + 1) (write <lt> for a '<')")
            }
            let name = String(chars[(i + 1)..<close])
            out.append(try parseName(name))
            i = close + 1
        }
        return out
    }

    static func keyFor(_ c: Character) -> Key {
        switch c {
        case "\r", "\n": return .enter
        case "\t": return .tab
        case "\u{1B}": return .esc
        case "\u{7F}", "\u{08}": return .backspace
        default:
            if let a = c.asciiValue, a >= 1, a <= 26 { return .ctrl(Character(Unicode.Scalar(a + 96))) }
            return .char(c)
        }
    }

    static func parseName(_ name: String) throws(KeyNotationError) -> Input {
        let lower = name.lowercased()
        if let k = named[lower] { return .key(k) }
        if lower.hasPrefix("c-"), name.count == 3 {
            let c = Character(String(name.last!).lowercased())
            return .key(.ctrl(c))
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) { return .key(.function(n)) }
        if lower.hasPrefix("resize:") {
            let parts = lower.dropFirst(7).split(separator: "x")
            if parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w >= 0, h >= 0, w <= 10_000, h <= 10_000 {
                return .resize(width: w, height: h)
            }
            throw KeyNotationError(message: "bad size in <\(name)>: expected <Resize:WxH>, e.g. <Resize:80x24>")
        }
        for (prefix, button) in [("click:", MouseButton.left), ("wheelup:", .wheelUp), ("wheeldown:", .wheelDown)]
        where lower.hasPrefix(prefix) {
            let parts = lower.dropFirst(prefix.count).split(separator: ",")
            if parts.count == 2, let x = Int(parts[0]), let y = Int(parts[1]) { return .mouse(button, x: x, y: y) }
            throw KeyNotationError(message: "bad position in <\(name)>: expected X,Y")
        }
        throw KeyNotationError(message: "unknown key <\(name)> (write <lt> for a '<')")
    }

    /// Parses `WxH` (e.g. `100x30`).
    public static func parseSize(_ text: String) -> (width: Int, height: Int)? {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0, w <= 10_000, h <= 10_000
        else { return nil }
        return (w, h)
    }
}
