import AugustCore

/// The frame pieces every pane and overlay draws with: a titled box, text fitted to a width.
enum Chrome {
    static func drawBox(_ g: inout Grid, _ r: Rect, title: String, info: String = "", focused: Bool, titleStyle: Style? = nil) {
        guard r.width >= 2, r.height >= 2 else { return }
        let b: Style = focused ? .borderFocused : .border
        let x1 = r.x + r.width - 1, y1 = r.y + r.height - 1
        g.put("┌", x: r.x, y: r.y, style: b)
        g.put("┐", x: x1, y: r.y, style: b)
        g.put("└", x: r.x, y: y1, style: b)
        g.put("┘", x: x1, y: y1, style: b)
        for x in (r.x + 1)..<x1 {
            g.put("─", x: x, y: r.y, style: b)
            g.put("─", x: x, y: y1, style: b)
        }
        for y in (r.y + 1)..<y1 {
            g.put("│", x: r.x, y: y, style: b)
            g.put("│", x: x1, y: y, style: b)
        }
        guard r.width > 6 else { return }
        var x = g.put(" \(title) ", x: r.x + 2, y: r.y, style: titleStyle ?? (focused ? .titleFocused : .title), maxX: x1 - 1)
        if !info.isEmpty, x < x1 - 4 {
            x = g.put("─", x: x, y: r.y, style: b, maxX: x1 - 1)
            g.put(" \(info) ", x: x, y: r.y, style: .dim, maxX: x1 - 1)
        }
    }

    /// Text cut to `width` columns, with an ellipsis when cut.
    static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var out = String.UnicodeScalarView()
        var w = 0
        for sc in text.unicodeScalars {
            let cw = DisplayWidth.of(Cell.sanitize(sc))
            if w + cw > width - 1 { break }
            out.append(sc)
            w += cw
        }
        return String(out) + "…"
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text
    }

    static func padRight(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
    }

    /// `text` in lines of at most `width` columns, broken between words (a word longer than a line
    /// is cut with `fit`).
    static func wrapWords(_ text: String, _ width: Int) -> [String] {
        var lines: [String] = [], line = "", lineW = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = DisplayWidth.of(String(word))
            if lineW > 0, lineW + 1 + w > width {
                lines.append(line)
                line = ""; lineW = 0
            }
            line += (lineW > 0 ? " " : "") + word
            lineW += (lineW > 0 ? 1 : 0) + w
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines.map { fit($0, width) }
    }

    static func oneLine(_ s: String) -> String {
        s.contains("\n") ? s.replacingOccurrences(of: "\n", with: " ") : s
    }
}
