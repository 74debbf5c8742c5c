/// Text from a corpus is data. Before it is shown on a terminal, every scalar that could act on the
/// terminal (C0 and C1 controls, DEL, bidi overrides and isolates, line/paragraph separators) is
/// replaced by a visible placeholder of the same count, so offsets into the text stay valid.
public enum SafeText {
    /// The placeholder for `scalar`, or nil when the scalar is safe to print as it is.
    @inline(__always)
    public static func placeholder(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        switch v {
        case 0x09: return " "                                        // tab: a space keeps layout simple
        case 0x00...0x1F: return Unicode.Scalar(0x2400 + v)          // ␀ … ␟ (␛ for ESC)
        case 0x7F: return "\u{2421}"                                  // ␡
        case 0x80...0x9F: return "\u{FFFD}"                           // C1 controls
        case 0x200E, 0x200F, 0x061C,                                  // directional marks
             0x202A...0x202E,                                        // embeddings and overrides
             0x2066...0x2069:                                        // isolates
            return "\u{FFFD}"
        case 0x2028, 0x2029: return " "                               // line / paragraph separators
        default: return nil
        }
    }

    public static func isSafe(_ scalar: Unicode.Scalar) -> Bool { placeholder(for: scalar) == nil }

    /// `text` with every unsafe scalar replaced (one scalar for one scalar).
    public static func printable(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy(isSafe) { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(placeholder(for: s) ?? s) }
        return String(out)
    }
}
