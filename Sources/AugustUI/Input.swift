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
    /// What the runner has to say about an effect it ran (a pager that could not start…).
    case notice(String, isError: Bool)
    /// The answer to a `SearchWork` the state asked for (see `Explorer.handle`).
    case answer(SearchAnswer)
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

/// An xterm X10 mouse report (`ESC [ M b x y`) whose bytes reached the program split: ncurses
/// gave the ESC on its own (the rest came later than its escape delay, as over a slow link or a
/// busy machine) and the other five bytes as characters. The backend reads up to five bytes after
/// such an ESC and asks this decoder what they are.
public enum SplitMouseReport {
    /// What `tail` (the bytes after the ESC) says so far: `.incomplete` while it may still become a
    /// report, `.report(input)` (nil for a release or a button the explorer ignores) once complete,
    /// `.notMouse` as soon as it cannot be one.
    public enum Reading: Equatable, Sendable { case incomplete, report(Input?), notMouse }

    public static func read(_ tail: [UInt32]) -> Reading {
        let lead: [UInt32] = [0x5B, 0x4D]   // "[M"
        for (i, v) in tail.prefix(2).enumerated() where v != lead[i] { return .notMouse }
        for v in tail.dropFirst(2) where v < 32 || v > 255 { return .notMouse }
        guard tail.count >= 5 else { return .incomplete }
        let b = tail[2] - 32, x = Int(tail[3]) - 33, y = Int(tail[4]) - 33
        guard x >= 0, y >= 0 else { return .notMouse }
        switch b & 0b1100_0011 {   // button bits; 4/8/16 are Shift/Meta/Ctrl
        case 0: return .report(.mouse(.left, x: x, y: y))
        case 64: return .report(.mouse(.wheelUp, x: x, y: y))
        case 65: return .report(.mouse(.wheelDown, x: x, y: y))
        default: return .report(nil)   // release, middle, right
        }
    }
}
