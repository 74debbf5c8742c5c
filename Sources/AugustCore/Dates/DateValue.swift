import Foundation

/// How precisely a text dates something.
public enum DatePrecision: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case year, season, month, day, minute

    var rank: Int {
        switch self {
        case .year: 0
        case .season: 1
        case .month: 2
        case .day: 3
        case .minute: 4
        }
    }

    public static func < (a: DatePrecision, b: DatePrecision) -> Bool { a.rank < b.rank }
}

/// A season of a year, written `1945-SP` in ISO 8601 (TIMEX3 convention).
public enum Season: String, Sendable, Hashable, Codable, CaseIterable {
    case spring = "SP", summer = "SU", autumn = "FA", winter = "WI"

    /// First and last month (winter runs from December into the next year's February).
    var months: (first: Int, last: Int) {
        switch self {
        case .spring: (3, 5)
        case .summer: (6, 8)
        case .autumn: (9, 11)
        case .winter: (12, 2)
        }
    }
}

/// One point on the calendar at some precision: `1945`, `1945-SP`, `1945-08`, `1945-08-09`,
/// `1945-08-09T17:00`. A recurring date with no year (a holiday) has `year == nil` and is written
/// `XXXX-05-09`.
public struct DatePoint: Sendable, Hashable, Codable {
    // Stored compactly (24 bytes, not 88: a large corpus holds hundreds of thousands of dates):
    // each field an Int32, `Int32.min` for none. Values beyond Int32 are clamped (a date of the
    // text has at most 9 digits to a field; clamping keeps an impossible value impossible).
    private var y: Int32, mo: Int32, d: Int32, h: Int32, mi: Int32
    public var season: Season?

    @inline(__always) private static func pack(_ v: Int?) -> Int32 {
        guard let v else { return .min }
        let c = Int32(clamping: v)
        return c == .min ? .min + 1 : c
    }
    @inline(__always) private static func unpack(_ v: Int32) -> Int? { v == .min ? nil : Int(v) }

    public var year: Int? { get { Self.unpack(y) } set { y = Self.pack(newValue) } }
    public var month: Int? { get { Self.unpack(mo) } set { mo = Self.pack(newValue) } }
    public var day: Int? { get { Self.unpack(d) } set { d = Self.pack(newValue) } }
    public var hour: Int? { get { Self.unpack(h) } set { h = Self.pack(newValue) } }
    public var minute: Int? { get { Self.unpack(mi) } set { mi = Self.pack(newValue) } }

    enum CodingKeys: String, CodingKey { case year, season, month, day, hour, minute }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(year: try c.decodeIfPresent(Int.self, forKey: .year),
                  season: try c.decodeIfPresent(Season.self, forKey: .season),
                  month: try c.decodeIfPresent(Int.self, forKey: .month),
                  day: try c.decodeIfPresent(Int.self, forKey: .day),
                  hour: try c.decodeIfPresent(Int.self, forKey: .hour),
                  minute: try c.decodeIfPresent(Int.self, forKey: .minute))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(year, forKey: .year)
        try c.encodeIfPresent(season, forKey: .season)
        try c.encodeIfPresent(month, forKey: .month)
        try c.encodeIfPresent(day, forKey: .day)
        try c.encodeIfPresent(hour, forKey: .hour)
        try c.encodeIfPresent(minute, forKey: .minute)
    }

    public init(year: Int?, season: Season? = nil, month: Int? = nil, day: Int? = nil,
                hour: Int? = nil, minute: Int? = nil) {
        y = Self.pack(year)
        mo = Self.pack(month)
        d = Self.pack(day)
        h = Self.pack(hour)
        mi = Self.pack(minute)
        self.season = season
    }

    public var precision: DatePrecision {
        if hour != nil { return .minute }
        if day != nil { return .day }
        if month != nil { return .month }
        if season != nil { return .season }
        return .year
    }

    /// ISO 8601 at this point's precision.
    public var iso: String {
        let y = year.map { pad($0, 4) } ?? "XXXX"
        if let month {
            var s = "\(y)-\(pad(month, 2))"
            if let day {
                s += "-\(pad(day, 2))"
                if let hour { s += "T\(pad(hour, 2)):\(pad(minute ?? 0, 2))" }
            }
            return s
        }
        if let season { return "\(y)-\(season.rawValue)" }
        return y
    }

    /// The first and last minute this point covers, as sortable `YYYY-MM-DDTHH:MM` keys.
    /// A recurring date (no year) sorts after every dated one.
    var bounds: (lower: String, upper: String) {
        let y = year.map { pad($0, 4) } ?? "XXXX"
        if let month {
            let lastDay = year.map { DatePoint.daysIn(month: month, year: $0) } ?? DatePoint.daysIn(month: month, year: 2000)
            if let day {
                if let hour {
                    let t = "\(y)-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute ?? 0, 2))"
                    return (t, t)
                }
                let d = "\(y)-\(pad(month, 2))-\(pad(day, 2))"
                return (d + "T00:00", d + "T23:59")
            }
            return ("\(y)-\(pad(month, 2))-01T00:00", "\(y)-\(pad(month, 2))-\(pad(lastDay, 2))T23:59")
        }
        if let season {
            let (first, last) = season.months
            let lastYear = season == .winter ? (year.map { pad($0 + 1, 4) } ?? "XXXX") : y
            let lastDay = DatePoint.daysIn(month: last, year: season == .winter ? (year ?? 2000) + 1 : (year ?? 2000))
            return ("\(y)-\(pad(first, 2))-01T00:00", "\(lastYear)-\(pad(last, 2))-\(pad(lastDay, 2))T23:59")
        }
        return ("\(y)-01-01T00:00", "\(y)-12-31T23:59")
    }

    /// The same point without its time of day.
    var dayOnly: DatePoint { DatePoint(year: year, season: season, month: month, day: day) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day `n` days after this one (day precision or finer; time of day dropped).
    public func addingDays(_ n: Int) -> DatePoint? {
        guard let year, var month, var day else { return nil }
        var y = year
        day += n
        while day > DatePoint.daysIn(month: month, year: y) {
            day -= DatePoint.daysIn(month: month, year: y)
            month += 1
            if month > 12 { month = 1; y += 1 }
        }
        while day < 1 {
            month -= 1
            if month < 1 { month = 12; y -= 1 }
            day += DatePoint.daysIn(month: month, year: y)
        }
        return DatePoint(year: y, month: month, day: day)
    }

    /// Whether the fields form a real calendar point.
    var isValid: Bool {
        if let month, !(1...12).contains(month) { return false }
        if let day {
            guard let month else { return false }
            if !(1...DatePoint.daysIn(month: month, year: year ?? 2000)).contains(day) { return false }
        }
        if let hour, !(0...24).contains(hour) { return false }
        if let minute, !(0...59).contains(minute) { return false }
        return true
    }
}

@inline(__always) func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// A date as a text gives it: one point, or a range `start/end` (ISO 8601 interval), at the
/// precision the text supports.
public struct DateValue: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let first: DatePoint
    public let last: DatePoint

    public init(_ point: DatePoint) {
        first = point
        last = point
    }

    public init(from: DatePoint, to: DatePoint) {
        first = from
        last = to
    }

    /// ISO 8601: `1945-08-09`, `1945-08-09T00:00`, `1945-08`, `1945`, `1945-SP`,
    /// `1945-08-11/1945-08-25`; `XXXX-05-09` for a recurring day.
    public var iso: String { isRange ? "\(first.iso)/\(last.iso)" : first.iso }
    public var description: String { iso }

    /// ISO of the start and end (equal for a single point).
    public var start: String { first.iso }
    public var end: String { last.iso }

    public var isRange: Bool { first != last }
    /// The finer of the two ends' precisions.
    public var precision: DatePrecision { max(first.precision, last.precision) }

    /// Sortable keys `YYYY-MM-DDTHH:MM`: the first and the last minute the value covers.
    public var lowerBound: String { first.bounds.lower }
    public var upperBound: String { last.bounds.upper }

    /// True for a recurring date with no year (a holiday).
    public var isRecurring: Bool { first.year == nil }

    /// Parses an ISO value as this type writes it (also a bare prefix such as `1945-08` for filters).
    public init?(iso: String) {
        let parts = iso.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        guard let a = DateValue.parsePoint(parts[0]) else { return nil }
        if parts.count == 2 {
            guard let b = DateValue.parsePoint(parts[1]) else { return nil }
            self.init(from: a, to: b)
        } else {
            self.init(a)
        }
    }

    static func parsePoint(_ s: Substring) -> DatePoint? {
        let dateAndTime = s.split(separator: "T", omittingEmptySubsequences: false)
        guard dateAndTime.count <= 2 else { return nil }
        let fields = dateAndTime[0].split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(fields.count), fields[0].count == 4 else { return nil }
        let year: Int?
        if fields[0] == "XXXX" { year = nil } else {
            guard let y = Int(fields[0]) else { return nil }
            year = y
        }
        var p = DatePoint(year: year)
        if fields.count >= 2 {
            if let season = Season(rawValue: String(fields[1])) {
                guard fields.count == 2 else { return nil }
                p.season = season
            } else {
                guard fields[1].count == 2, let m = Int(fields[1]) else { return nil }
                p.month = m
            }
        }
        if fields.count == 3 {
            guard p.month != nil, fields[2].count == 2, let d = Int(fields[2]) else { return nil }
            p.day = d
        }
        if dateAndTime.count == 2 {
            let hm = dateAndTime[1].split(separator: ":")
            guard p.day != nil, hm.count == 2, let h = Int(hm[0]), let m = Int(hm[1]) else { return nil }
            p.hour = h
            p.minute = m
        }
        guard p.isValid, year != nil || p.month != nil else { return nil }
        return p
    }

    public static func < (a: DateValue, b: DateValue) -> Bool {
        if a.lowerBound != b.lowerBound { return a.lowerBound < b.lowerBound }
        return a.upperBound < b.upperBound
    }

    /// Whether two values share at least one minute.
    public func overlaps(_ other: DateValue) -> Bool {
        lowerBound <= other.upperBound && other.lowerBound <= upperBound
    }
}

/// Days counted on the proleptic Gregorian calendar (Howard Hinnant's days-from-civil): two days'
/// difference is the difference of their numbers; 0000-03-01 is day 60 and a Wednesday.
public enum CivilDay {
    public static func number(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe
    }
}
