/// Short labels for timeline rows from ISO 8601 values, at the value's own precision. The year
/// is left out where the row sits under its year header (day and month precision):
/// `1945` → `1945`, `1945-08` → `Aug`, `1945-08-09` → `08-09`, `1945-08-09T17:00` → `08-09 17:00`,
/// `1945-SU` → `summer`, ranges `1945-08-11/1945-08-25` → `08-11…25`,
/// `1945-08-18/1945-09-01` → `08-18…09-01`, `1939/1945` → `1939…1945`.
public enum DateLabel {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let seasons = ["SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"]

    public static func make(_ value: String) -> String {
        let parts = value.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return single(value) }
        let (a, b) = (parts[0], parts[1])
        if a.count == 4 || a.count != b.count || a.prefix(4) != b.prefix(4) {
            // Across years, or mixed precision: show both ends with their years where needed.
            if a.count == 4, b.count == 4 { return "\(a)…\(b)" }
            return a.prefix(4) == b.prefix(4) ? "\(single(a))…\(single(b))" : "\(a)…\(b)"
        }
        if a.count == 10, a.prefix(7) == b.prefix(7) { return "\(single(a))…\(b.suffix(2))" }
        return "\(single(a))…\(single(b))"
    }

    static func single(_ v: String) -> String {
        let c = Array(v)
        if c.count == 4 { return v }
        if c.count == 7, c[4] == "-" {
            let tail = String(c[5...])
            if let m = Int(tail), (1...12).contains(m) { return monthNames[m - 1] }
            if let s = seasons[tail] { return s }
            return v
        }
        if c.count >= 10 {
            let day = String(c[5..<10])
            if c.count > 11, c[10] == "T" { return day + " " + String(c[11...].prefix(5)) }
            return day
        }
        return v
    }
}
