/// The one place a typed date becomes text for a reader, shared by the command line and the
/// explorer: the ISO day, the short row label at the value's own precision, the day header and the
/// count of days between two days. Nothing here parses a string: every function takes a
/// `DatePoint` or a `DateValue`.
public enum DateFormat {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
    static let shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    /// From Monday; `CivilDay` 0 (0000-03-01) was a Wednesday.
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// The year as ISO writes it (`1945`, `0800`), `XXXX` for a recurring date.
    public static func year(_ p: DatePoint) -> String { p.year.map { pad($0, 4) } ?? "XXXX" }

    /// `1945-08-09` for a point known to the day with its year (its time of day left out), else nil.
    public static func isoDay(_ p: DatePoint) -> String? {
        guard let y = p.year, (0...9999).contains(y), let m = p.month, let d = p.day else { return nil }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// `Thu 9 August 1945` for a point known to the day with its year, else nil.
    public static func dayHeader(_ p: DatePoint) -> String? {
        guard let n = p.dayNumber, let m = p.month, let d = p.day, let y = p.year, (1...12).contains(m) else { return nil }
        let wd = ((n + 2) % 7 + 7) % 7
        return "\(weekdays[wd]) \(d) \(monthNames[m - 1]) \(y)"
    }

    /// Days from `a` to `b` (negative when `b` is earlier); nil unless both are known to the day.
    public static func daysBetween(_ a: DatePoint, _ b: DatePoint) -> Int? {
        guard let x = a.dayNumber, let y = b.dayNumber else { return nil }
        return y - x
    }

    /// A short label for a timeline row, at the value's own precision. The year is left out where
    /// the row sits under its year header (day and month precision):
    /// `1945` → `1945`, `1945-08` → `Aug`, `1945-08-09` → `08-09`, `1945-08-09T17:00` → `08-09 17:00`,
    /// `1945-SU` → `summer`, ranges `1945-08-11/1945-08-25` → `08-11…25`,
    /// `1945-08-18/1945-09-01` → `08-18…09-01`, `1939/1945` → `1939…1945`,
    /// `1941-12/1945-08` → `1941-12…1945-08` (across years at a finer precision: both in full).
    public static func label(_ v: DateValue) -> String {
        let a = v.first, b = v.last
        guard v.isRange else { return label(a) }
        if a.precision == .year || shape(a) != shape(b) || a.year != b.year {
            if a.precision == .year, b.precision == .year { return "\(year(a))…\(year(b))" }
            return a.year == b.year ? "\(label(a))…\(label(b))" : "\(a.iso)…\(b.iso)"
        }
        if a.precision == .day, a.month == b.month, let d = b.day { return "\(label(a))…\(pad(d, 2))" }
        return "\(label(a))…\(label(b))"
    }

    /// One point's label (see `label(_:)` for a value).
    public static func label(_ p: DatePoint) -> String {
        switch p.precision {
        case .year:
            return year(p)
        case .season:
            switch p.season {
            case .spring: return "spring"
            case .summer: return "summer"
            case .autumn: return "autumn"
            case .winter: return "winter"
            case nil: return p.iso
            }
        case .month:
            guard let m = p.month, (1...12).contains(m) else { return p.iso }
            return shortMonths[m - 1]
        case .day, .minute:
            guard let m = p.month, let d = p.day else { return p.iso }
            let day = "\(pad(m, 2))-\(pad(d, 2))"
            guard let h = p.hour else { return day }
            return "\(day) \(pad(h, 2)):\(pad(p.minute ?? 0, 2))"
        }
    }

    /// How a point's ISO form is shaped (a year; a month or season; a day; a minute): a range
    /// whose ends are shaped alike is shortened.
    static func shape(_ p: DatePoint) -> Int {
        switch p.precision {
        case .year: 0
        case .season, .month: 1
        case .day: 2
        case .minute: 3
        }
    }
}

extension DateValue {
    /// `CivilDay` numbers of the first and the last day the value covers (a month from its first
    /// to its last day, a winter into the next year's February); nil for a recurring date.
    public var dayRange: ClosedRange<Int>? {
        guard let lo = first.firstDay?.dayNumber, let hi = last.lastDay?.dayNumber, lo <= hi else { return nil }
        return lo...hi
    }
}

extension DatePoint {
    /// The first day this point covers (nil without a year).
    var firstDay: DatePoint? {
        guard let year else { return nil }
        if let month { return .day(year, month, day ?? 1) }
        if let season { return .day(year, season.months.first, 1) }
        return .day(year, 1, 1)
    }

    /// The last day this point covers (nil without a year).
    var lastDay: DatePoint? {
        guard let year else { return nil }
        if let month { return .day(year, month, day ?? DatePoint.daysIn(month: month, year: year)) }
        if let season {
            let y = season == .winter ? year + 1 : year
            let m = season.months.last
            return .day(y, m, DatePoint.daysIn(month: m, year: y))
        }
        return .day(year, 12, 31)
    }

    /// The point's day on `CivilDay`'s count (differences are days); nil unless it has a year, a
    /// month and a day.
    public var dayNumber: Int? {
        guard let y = year, let m = month, let d = day else { return nil }
        return CivilDay.number(y, m, d)
    }

    /// A day (no time of day).
    public static func day(_ year: Int, _ month: Int, _ day: Int) -> DatePoint {
        DatePoint(year: year, month: month, day: day)
    }
}
