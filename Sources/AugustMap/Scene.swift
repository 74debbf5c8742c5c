import Foundation

/// What the map shows on top of the basemap: the places the texts name and each front's axes.
public struct MapScene: Sendable, Hashable {
    public struct Place: Sendable, Hashable {
        public var id: String
        public var name: String
        public var point: GeoPoint
        public var mentions: Int
        public var highlighted: Bool
        public init(id: String, name: String, point: GeoPoint, mentions: Int, highlighted: Bool = false) {
            self.id = id; self.name = name; self.point = point; self.mentions = mentions; self.highlighted = highlighted
        }
    }
    /// One step of an axis: from the previous objective (or the start line) to an objective.
    public struct Leg: Sendable, Hashable {
        public var from: GeoPoint
        public var to: GeoPoint
        public var toPlaceID: String
        /// ISO yyyy-MM-dd the texts say it was reached; nil: undated.
        public var day: String?
        public init(from: GeoPoint, to: GeoPoint, toPlaceID: String, day: String?) {
            self.from = from; self.to = to; self.toPlaceID = toPlaceID; self.day = day
        }
    }
    public struct Axis: Sendable, Hashable {
        public var frontID: String
        public var frontTag: String
        public var name: String
        public var legs: [Leg]
        public init(frontID: String, frontTag: String, name: String, legs: [Leg]) {
            self.frontID = frontID; self.frontTag = frontTag; self.name = name; self.legs = legs
        }
    }
    public var places: [Place]
    public var axes: [Axis]

    public init(places: [Place] = [], axes: [Axis] = []) { self.places = places; self.axes = axes }

    /// Sorted distinct days of the legs (what < and > step through).
    public var days: [String] { Array(Set(axes.flatMap { $0.legs.compactMap(\.day) })).sorted() }

    /// Distinct fronts in order of first appearance (what `MapCell.front` indexes).
    public var fronts: [(id: String, tag: String)] {
        var seen = Set<String>(), out: [(id: String, tag: String)] = []
        for a in axes where seen.insert(a.frontID).inserted { out.append((a.frontID, a.frontTag)) }
        return out
    }

    /// The points a view should fit (`MapViewport.fitting(scene.focus, …)`, key `0`): the axes'
    /// ends when there are axes, with the places among them; else the places without the outliers
    /// (a text about Manchuria that names Moscow and Potsdam once is still a map of Manchuria): the
    /// places inside the 10th–90th percentile of latitude and of longitude, widened by half that
    /// range on every side. Empty when there is nothing to show (fitting then shows the theatre).
    public var focus: [GeoPoint] {
        let legPoints = axes.flatMap { $0.legs.flatMap { [$0.from, $0.to] } }
        let candidates = legPoints.isEmpty ? places.map(\.point) : legPoints
        let finite = candidates.filter { $0.lat.isFinite && $0.lon.isFinite }
        guard !finite.isEmpty else { return [] }
        func band(_ values: [Double]) -> ClosedRange<Double> {
            let v = values.sorted()
            let lo = v[Int(Double(v.count - 1) * 0.1)], hi = v[Int((Double(v.count - 1) * 0.9).rounded(.up))]
            let pad = max((hi - lo) / 2, 1)
            return (lo - pad)...(hi + pad)
        }
        let lats = band(finite.map(\.lat)), lons = band(finite.map(\.lon))
        let inside = { (p: GeoPoint) in lats.contains(p.lat) && lons.contains(p.lon) }
        if legPoints.isEmpty { return finite.filter(inside) }
        return legPoints + places.map(\.point).filter(inside)
    }

    /// Whether a leg counts as reached by `day` (nil: every leg, dated or not).
    public static func isReached(_ leg: Leg, by day: String?) -> Bool {
        guard let day else { return true }
        guard let d = leg.day else { return false }
        return d <= day
    }
}

public enum MapStyle: Sendable {
    case braille, ascii

    /// Braille when the locale can show it (the first set of LC_ALL, LC_CTYPE, LANG names UTF-8;
    /// none set is the C locale), else ASCII.
    public static func forLocale(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> MapStyle {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? "C"
        let l = locale.lowercased()
        return l.contains("utf-8") || l.contains("utf8") ? .braille : .ascii
    }
}

public enum MapRole: Sendable, Hashable {
    case blank, coast, lake, river, border, frontier1945, axisReached, axisAhead, marker, markerHighlighted, label, labelHighlighted, note

    /// Higher draws over lower.
    var priority: Int {
        switch self {
        case .blank: return 0
        case .coast: return 1
        case .lake: return 2
        case .river: return 3
        case .border: return 4
        case .frontier1945: return 5
        case .axisAhead: return 6
        case .axisReached: return 7
        case .marker: return 8
        case .markerHighlighted: return 9
        case .label: return 10
        case .labelHighlighted: return 11
        case .note: return 12
        }
    }
}

/// One terminal column. The right half of a wide character is a cell with text "".
public struct MapCell: Sendable, Hashable {
    public var text: String
    public var role: MapRole
    /// Index into `scene.fronts` (the axes' distinct fronts), for colour.
    public var front: Int?
    public init(text: String, role: MapRole, front: Int? = nil) { self.text = text; self.role = role; self.front = front }
    public static let blank = MapCell(text: " ", role: .blank)
}

public struct MapFrame: Sendable {
    public struct LabelBox: Sendable, Hashable {
        public let placeID: String
        public let row: Int
        public let col: Int
        public let width: Int
    }
    public let cols: Int
    public let rows: Int
    /// Row-major, cols*rows.
    public var cells: [MapCell]
    var hits: [Int: String] = [:]
    var boxes: [LabelBox] = []

    public init(cols: Int, rows: Int) {
        self.cols = max(cols, 0); self.rows = max(rows, 0)
        cells = Array(repeating: .blank, count: self.cols * self.rows)
    }

    public subscript(col: Int, row: Int) -> MapCell {
        get { cells[row * cols + col] }
        set { cells[row * cols + col] = newValue }
    }

    /// Plain text of each row (what `august map` prints).
    public var lines: [String] {
        (0..<rows).map { r in cells[(r * cols)..<((r + 1) * cols)].map(\.text).joined() }
    }

    /// The place id whose marker or label covers that cell.
    public func place(atCol col: Int, row: Int) -> String? {
        guard col >= 0, col < cols, row >= 0, row < rows else { return nil }
        return hits[row * cols + col]
    }

    public var labelBoxes: [(placeID: String, row: Int, col: Int, width: Int)] {
        boxes.map { ($0.placeID, $0.row, $0.col, $0.width) }
    }

    /// Writes a note (already plain text) on a row, from `col`, cut at the frame's edge; unsafe or
    /// unmeasurable characters become `?`.
    public mutating func writeNote(_ text: String, row: Int, col: Int = 0) {
        guard row >= 0, row < rows else { return }
        var c = max(col, 0)
        for s in text.unicodeScalars {
            let w = LabelText.width(of: s) ?? 1
            let glyph = LabelText.width(of: s) == nil ? "?" : String(s)
            if w == 0 { continue }
            if c + w > cols { break }
            self[c, row] = MapCell(text: glyph, role: .note)
            if w == 2 { self[c + 1, row] = MapCell(text: "", role: .note) }
            c += w
        }
    }
}

/// Place names are untrusted text: control and format characters are dropped, and the width of
/// every remaining scalar must be known for a label to be placed.
public enum LabelText {
    /// Columns a scalar takes, or nil when it cannot be told safely (emoji, private use,
    /// unassigned, joiners, variation selectors…) or the scalar must never reach a terminal.
    public static func width(of s: Unicode.Scalar) -> Int? {
        let v = s.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return nil }
        if v < 0x300 { return 1 }
        switch s.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            return nil
        case .nonspacingMark, .enclosingMark:
            return nil          // terminals disagree on marks over some bases: skip rather than misalign
        default: break
        }
        if s.properties.isEmojiPresentation || (0xFE00...0xFE0F).contains(v) { return nil }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        case 0x0300...0x10FF, 0x1E00...0x1FFF, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x21FF, 0x2500...0x25FF:
            return 1
        case 0xFF61...0xFFDC:
            return 1            // halfwidth forms
        default:
            return nil
        }
    }

    /// The name as it will be shown: control characters and unsafe scalars dropped, runs of white
    /// space made one space, trimmed; nil if some remaining scalar's width is unknown or nothing is left.
    /// `asciiOnly` (the ASCII style, for terminals that may not show anything else): diacritics
    /// are folded (`Kōtō` → `Koto`) and a name that still has a non-ASCII character is not shown.
    public static func clean(_ name: String, asciiOnly: Bool = false) -> (text: String, width: Int)? {
        if asciiOnly {
            let folded = name.folding(options: .diacriticInsensitive, locale: nil)
            guard folded.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
            return clean(folded, asciiOnly: false)
        }
        var out = String.UnicodeScalarView()
        var width = 0
        var lastSpace = true
        for s in name.unicodeScalars {
            if s.properties.isWhitespace || s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0) {
                if !lastSpace { out.append(" "); width += 1; lastSpace = true }
                continue
            }
            if s.properties.generalCategory == .format || s.properties.generalCategory == .control { continue }
            guard let w = Self.width(of: s) else { return nil }
            out.append(s); width += w; lastSpace = false
        }
        if lastSpace, let last = out.last, last == " " { out.removeLast(); width -= 1 }
        guard width > 0 else { return nil }
        return (String(out), width)
    }
}
