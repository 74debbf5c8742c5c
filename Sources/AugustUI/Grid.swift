import AugustCore

/// Display width of text, in terminal columns, consistent with glibc's `wcwidth` (which ncursesw
/// uses): combining marks and other zero-width scalars 0, East Asian wide and fullwidth 2, else 1.
public enum DisplayWidth {
    /// The end of `text` that fits in `width` columns (what a prompt shows of a long line). Walked
    /// from the end: a pasted 10,000-character line costs its tail, not its square.
    public static func tail(_ text: String, width: Int) -> String {
        var start = text.endIndex, used = 0
        while start > text.startIndex {
            let before = text.index(before: start)
            let w = of(String(text[before]))
            if used + w > width { break }
            used += w
            start = before
        }
        return String(text[start...])
    }

    @inline(__always)
    static func inTable(_ v: UInt32, _ table: [(UInt32, UInt32)]) -> Bool {
        var lo = 0, hi = table.count - 1
        while lo <= hi {
            let mid = (lo + hi) >> 1
            let r = table[mid]
            if v < r.0 { hi = mid - 1 } else if v > r.1 { lo = mid + 1 } else { return true }
        }
        return false
    }

    /// Columns taken by one scalar that is safe to print (see `Cell.sanitize`).
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x300 { return v < 0x20 || (v >= 0x7F && v < 0xA0) ? 0 : 1 }
        if inTable(v, WidthTable.zero) { return 0 }
        if inTable(v, WidthTable.wide) { return 2 }
        return 1
    }

    /// Columns taken by a string (sum over its scalars, after sanitizing).
    public static func of(_ text: String) -> Int {
        var w = 0
        for s in text.unicodeScalars { w += of(Cell.sanitize(s)) }
        return w
    }
}

/// The look of a cell, by meaning. The terminal backend maps each role to colours, or to
/// attributes (bold, reverse, underline, dim) on a monochrome terminal or under NO_COLOR.
public enum Style: UInt8, Sendable, Hashable, CaseIterable {
    case normal
    case border, borderFocused
    case title, titleFocused
    case header        // year and day headers, front names, help section names
    case selected      // the selection in the focused pane
    case selectedDim   // the selection in a pane without focus
    case dim           // secondary text: counts, neighbours, hints
    case date, place, unit
    case match         // a search match
    case emphasis      // the mention that led here
    case highlight     // a front, axis or objective of the selected event
    case status, statusKey, statusError
    case tab, tabActive
    case overlay, overlayTitle
    case mapCoast, mapRiver, mapBorder, mapFrontier   // the map's basemap
    case mapAxis, mapAxisAhead                        // an axis reached by the map's day; one not yet
}

/// One terminal cell: the text drawn there (a scalar plus any combining marks), its display width
/// and its style. The right half of a wide character is a continuation cell (width 0, text "").
public struct Cell: Sendable, Hashable {
    public var text: String
    public var width: Int
    public var style: Style

    public static let blank = Cell(text: " ", width: 1, style: .normal)
    public var isContinuation: Bool { width == 0 }

    /// The scalar drawn for `s`: controls become SafeText placeholders; scalars that are not
    /// assigned in Unicode (or are noncharacters) become U+FFFD, so the terminal can measure them.
    @inline(__always)
    public static func sanitize(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if let p = SafeText.placeholder(for: s) { return p }
        if s.value < 0x300 { return s }
        switch s.properties.generalCategory {
        case .unassigned, .surrogate: return "\u{FFFD}"
        default: return s.properties.isNoncharacterCodePoint ? "\u{FFFD}" : s
        }
    }
}

/// An in-memory screen: rows of cells, drawn by `render` and copied to the terminal by the backend.
public struct Grid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the mouse can click, painted with the content (later regions win).
    public private(set) var regions: [HitRegion] = []
    /// Where the terminal cursor should be shown (a text prompt), or nil to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX < 0 ? nil : (cursorX, cursorY) }
        set { cursorX = newValue?.x ?? -1; cursorY = newValue?.y ?? -1 }
    }
    private var cursorX = -1, cursorY = -1

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public static func == (a: Grid, b: Grid) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursorX == b.cursorX && a.cursorY == b.cursorY
    }

    /// Fill a rectangle with blanks of a style.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style = .normal, text: String = " ") {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for yy in y0..<y1 {
            // A wide character cut in half by the rectangle's edge becomes a space, as in `put`:
            // else its row would be one column too wide (and the terminal would draw it over the edge).
            if self[x0, yy].isContinuation, x0 > 0 { self[x0 - 1, yy] = Cell(text: " ", width: 1, style: self[x0 - 1, yy].style) }
            if x1 < width, self[x1, yy].isContinuation { self[x1, yy] = Cell(text: " ", width: 1, style: self[x1, yy].style) }
            for xx in x0..<x1 { self[xx, yy] = Cell(text: text, width: 1, style: style) }
        }
    }

    /// Write text at (x, y), clipped at `maxX` (exclusive; default the grid's width). Control
    /// characters never enter a cell (see `Cell.sanitize`); a wide character that does not fit
    /// entirely is replaced by a space. Returns the x after the text.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, maxX: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(maxX ?? width, width)
        var cx = x
        for raw in text.unicodeScalars {
            // Printable ASCII, most of any screen: one column, nothing to sanitize, its string made once.
            if raw.value >= 0x20, raw.value < 0x7F {
                if cx + 1 > limit {
                    if cx < limit, cx >= 0 { fillBlank(cx, y, style) }
                    cx += 1
                    break
                }
                if cx >= 0 {
                    clearOverlap(cx, y, 1)
                    self[cx, y] = Cell(text: Grid.asciiText[Int(raw.value) - 0x20], width: 1, style: style)
                }
                cx += 1
                continue
            }
            let s = Cell.sanitize(raw)
            let w = DisplayWidth.of(s)
            if w == 0 {
                // A combining mark joins the previous cell; with nothing before it, it is dropped.
                var px = cx - 1
                while px >= 0, px < width, self[px, y].isContinuation { px -= 1 }
                if px >= 0, px < limit, px >= x {
                    self[px, y].text.unicodeScalars.append(s)
                }
                continue
            }
            if cx + w > limit {
                if cx < limit, cx >= 0 { fillBlank(cx, y, style) }
                cx += w
                break
            }
            if cx >= 0 {
                clearOverlap(cx, y, w)
                self[cx, y] = Cell(text: String(Character(s)), width: w, style: style)
                if w == 2 { self[cx + 1, y] = Cell(text: "", width: 0, style: style) }
            }
            cx += w
        }
        return min(cx, limit)
    }

    /// The one-character strings of printable ASCII (0x20…0x7E).
    static let asciiText: [String] = (0x20..<0x7F).map { String(Character(Unicode.Scalar(UInt8($0)))) }

    private mutating func fillBlank(_ x: Int, _ y: Int, _ style: Style) {
        clearOverlap(x, y, 1)
        self[x, y] = Cell(text: " ", width: 1, style: style)
    }

    /// Before overwriting cells x..<x+w, turn half-overwritten wide characters into spaces.
    private mutating func clearOverlap(_ x: Int, _ y: Int, _ w: Int) {
        if self[x, y].isContinuation, x > 0 { self[x - 1, y] = Cell(text: " ", width: 1, style: self[x - 1, y].style) }
        let last = x + w - 1
        if last < width, self[last, y].width == 2, last + 1 < width {
            self[last + 1, y] = Cell(text: " ", width: 1, style: self[last + 1, y].style)
        }
    }

    /// Restyle existing cells (keeps their text).
    public mutating func restyle(x: Int, y: Int, width w: Int, style: Style) {
        guard y >= 0, y < height else { return }
        for xx in max(0, x)..<max(max(0, x), min(width, x + w)) { self[xx, y].style = style }
    }

    public mutating func addRegion(_ r: HitRegion) { regions.append(r) }

    /// The target under (x, y): the last region painted there.
    public func target(atX x: Int, y: Int) -> HitTarget? {
        regions.last { x >= $0.x && x < $0.x + $0.width && y >= $0.y && y < $0.y + $0.height }?.target
    }

    /// The row as plain text (continuation cells add nothing; trailing spaces kept).
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width { s += self[x, y].text }
        return s
    }

    /// One letter per column saying the style of the cell (for golden files): see `Style.letter`.
    public var styleMap: String {
        (0..<height).map { y in String((0..<width).map { self[$0, y].style.letter }).replacingTrailing(".") }
            .joined(separator: "\n")
    }

    /// The whole screen as text, one line per row, trailing spaces removed.
    public var text: String {
        (0..<height).map { line($0).replacingTrailingSpaces() }.joined(separator: "\n")
    }
}

extension Style {
    /// A letter per role, for style maps in golden files.
    public var letter: Character {
        switch self {
        case .normal: return "."
        case .border: return "-"
        case .borderFocused: return "="
        case .title: return "t"
        case .titleFocused: return "T"
        case .header: return "h"
        case .selected: return "S"
        case .selectedDim: return "s"
        case .dim: return ","
        case .date: return "D"
        case .place: return "P"
        case .unit: return "U"
        case .match: return "M"
        case .emphasis: return "E"
        case .highlight: return "H"
        case .status: return "_"
        case .statusKey: return "K"
        case .statusError: return "!"
        case .tab: return "b"
        case .tabActive: return "B"
        case .overlay: return "o"
        case .overlayTitle: return "O"
        case .mapCoast: return "c"
        case .mapRiver: return "r"
        case .mapBorder: return "x"
        case .mapFrontier: return "f"
        case .mapAxis: return "A"
        case .mapAxisAhead: return "a"
        }
    }
}

extension String {
    func replacingTrailing(_ c: Character) -> String {
        var s = Substring(self)
        while s.last == c { s = s.dropLast() }
        return String(s)
    }

    func replacingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// A clickable rectangle and what clicking it means.
public struct HitRegion: Sendable, Equatable {
    public var x, y, width, height: Int
    public var target: HitTarget
}

public enum HitTarget: Sendable, Equatable {
    case pane(Pane)
    case tab(Pane)
    case timelineItem(Int)          // index into ExplorerData.timeline
    case passage(Int)               // ordinal into corpus.passages
    case objective(Int)             // index into the flattened objectives
    case listRow(Int)               // row of an open list overlay
    case mapPlace(String)           // a place's marker or label on the map (gazetteer id)
}
