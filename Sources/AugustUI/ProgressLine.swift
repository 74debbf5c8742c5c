import AugustCore

/// The one-line progress bar shown on stderr while a large corpus is read, indexed and analysed
/// (before the explorer opens). Pure text: the CLI decides whether and where to draw it.
public enum ProgressLine {
    /// `analysing [#########-----------]  45%  38.2 MB/s  ETA 3s`, at most `width` columns.
    /// `fraction` is the share of the phase done (0...1), `bytesPerSecond` the phase's throughput,
    /// `eta` the seconds left in the phase (nil: not known yet).
    public static func format(phase: LoadProgress.Phase, fraction: Double, bytesPerSecond: Double?,
                              eta: Double?, width: Int) -> String {
        let f = min(max(fraction.isFinite ? fraction : 0, 0), 1)
        let percent = Int((f * 100).rounded(.down))
        var tail = " " + pad(String(percent), 3) + "%"
        if let r = bytesPerSecond, r.isFinite, r > 0 { tail += "  " + rate(r) }
        if let eta, eta.isFinite, eta >= 0 { tail += "  ETA " + duration(eta) }
        let name = phase.rawValue
        let head = pad(name, -9) + " "
        // The bar takes what is left (at least 10 columns, at most 30).
        let room = width - head.count - tail.count - 2
        guard room >= 10 else { return String((head + tail).prefix(max(width, 0))) }
        let barWidth = min(room, 30)
        let filled = Int((Double(barWidth) * f).rounded(.down))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]"
        return head + bar + tail
    }

    /// `38.2 MB/s` (MB = 10^6 bytes).
    static func rate(_ bytesPerSecond: Double) -> String {
        let mb = bytesPerSecond / 1e6
        if mb >= 100 { return "\(Int(mb.rounded())) MB/s" }
        let tenths = Int((mb * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) MB/s"
    }

    /// `3s`, `1m05s`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        if s < 60 { return "\(s)s" }
        let r = s % 60
        return "\(s / 60)m" + (r < 10 ? "0" : "") + "\(r)s"
    }

    /// Right-aligned in `n` columns (left-aligned when `n` is negative).
    static func pad(_ s: String, _ n: Int) -> String {
        let fill = String(repeating: " ", count: max(abs(n) - s.count, 0))
        return n < 0 ? s + fill : fill + s
    }
}
