import Foundation

/// Draws a basemap and a scene into a frame of terminal cells.
///
/// Lines go into a braille buffer (2×4 dots a cell, U+2800 block) by Bresenham between projected
/// points, clipped to the frame; or, in ASCII, one character a cell chosen by the line's slope
/// (coasts and lakes `- | / \`), or by what it is (rivers `~`, borders `+`, the 1945 frontier `=`,
/// axes `*` reached and `:` ahead). A cell has one role; the higher draws over the lower:
/// coast < lake < river < border < 1945 frontier < axis ahead < axis reached < marker < label.
/// Borders are drawn dotted, the 1945 frontier dashed and axes not yet reached sparsely dotted, so
/// they can be told apart without colour.
public enum MapRenderer {
    /// day: nil shows every leg as reached; a day shows legs with day <= it as reached, later ones
    /// (and undated ones) as `axisAhead`.
    public static func render(basemap: Basemap, scene: MapScene, viewport: MapViewport, cols: Int, rows: Int,
                              style: MapStyle, day: String?) -> MapFrame {
        let proj = MapProjection(viewport: viewport, cols: cols, rows: rows)
        var frame = MapFrame(cols: max(cols, 0), rows: max(rows, 0))
        guard frame.cols > 0, frame.rows > 0 else { return frame }
        var canvas = Canvas(proj: proj, style: style)

        // 1. The basemap, lowest role first.
        let order: [Basemap.Layer] = [.coast, .lake, .river, .border, .frontier1945]
        // Minor rivers (GSHHG levels 3-4) only when they are long for the view: an eighth of its width.
        let minorRiverExtent = viewport.lonSpan / 8
        for layer in order {
            let role = role(of: layer)
            for line in basemap.lines where line.layer == layer {
                if layer == .river, line.level > 2, extent(line.points) < minorRiverExtent { continue }
                // A lake smaller than two dots is a speck that reads as noise.
                if layer == .lake, extent(line.points) < 2 * proj.lonPerDot { continue }
                canvas.polyline(line.points, role: role, front: nil, pattern: pattern(of: role))
            }
        }

        // 2. Axes: ahead first, so reached legs draw over them.
        let fronts = scene.fronts
        let frontIndex = Dictionary(fronts.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var arrows: [(cell: (Int, Int), glyph: String, role: MapRole, front: Int?)] = []
        for reachedPass in [false, true] {
            for axis in scene.axes {
                let f = frontIndex[axis.frontID]
                for leg in axis.legs where MapScene.isReached(leg, by: day) == reachedPass {
                    let role: MapRole = reachedPass ? .axisReached : .axisAhead
                    canvas.polyline([leg.from, leg.to], role: role, front: f, pattern: pattern(of: role))
                    if let a = arrowhead(leg, proj: proj, style: style) { arrows.append((a.cell, a.glyph, role, f)) }
                }
            }
        }
        canvas.emit(into: &frame)
        for a in arrows {
            let (c, r) = a.cell
            if frame[c, r].role.priority <= a.role.priority { frame[c, r] = MapCell(text: a.glyph, role: a.role, front: a.front) }
        }

        // 3. Markers: the more important place wins a shared cell.
        let ranked = scene.places.enumerated().sorted { l, r in
            let a = l.element, b = r.element
            if a.highlighted != b.highlighted { return a.highlighted }
            if a.mentions != b.mentions { return a.mentions > b.mentions }
            if a.name != b.name { return a.name < b.name }
            if a.id != b.id { return a.id < b.id }
            return l.offset < r.offset
        }.map(\.element)
        let maxMentions = scene.places.map(\.mentions).max() ?? 0
        var markerCells: [Int: String] = [:]    // cell index -> place id
        var occupied = Set<Int>()               // markers and labels, for label placement
        var shown: [(place: MapScene.Place, col: Int, row: Int)] = []
        for place in ranked {
            guard place.point.lat.isFinite, place.point.lon.isFinite, let (c, r) = proj.cell(place.point) else { continue }
            let idx = r * frame.cols + c
            if markerCells[idx] != nil { continue }
            markerCells[idx] = place.id
            occupied.insert(idx)
            frame[c, r] = MapCell(text: markerGlyph(place, maxMentions: maxMentions, style: style),
                                  role: place.highlighted ? .markerHighlighted : .marker)
            frame.hits[idx] = place.id
            shown.append((place, c, r))
        }

        // 4. Labels, most important first (MapSCII's idea): right of the marker, else left, above,
        //    below; only where the label's box and one cell around it hold no other label or marker.
        for (place, c, r) in shown {
            guard let (text, width) = LabelText.clean(place.name, asciiOnly: style == .ascii), width <= frame.cols else { continue }
            let own = r * frame.cols + c
            let candidates = [(r, c + 2), (r, c - 1 - width), (r - 1, c - width / 2), (r + 1, c - width / 2)]
            for (lr, lc) in candidates {
                guard lr >= 0, lr < frame.rows, lc >= 0, lc + width <= frame.cols else { continue }
                var free = true
                outer: for rr in (lr - 1)...(lr + 1) {
                    for cc in (lc - 1)...(lc + width) {
                        guard rr >= 0, rr < frame.rows, cc >= 0, cc < frame.cols else { continue }
                        let i = rr * frame.cols + cc
                        if i != own, occupied.contains(i) { free = false; break outer }
                    }
                }
                guard free else { continue }
                let role: MapRole = place.highlighted ? .labelHighlighted : .label
                var cc = lc
                for s in text.unicodeScalars {
                    let w = LabelText.width(of: s) ?? 1
                    frame[cc, lr] = MapCell(text: String(s), role: role)
                    if w == 2 { frame[cc + 1, lr] = MapCell(text: "", role: role) }
                    cc += w
                }
                for k in lc..<(lc + width) {
                    occupied.insert(lr * frame.cols + k)
                    frame.hits[lr * frame.cols + k] = place.id
                }
                frame.boxes.append(.init(placeID: place.id, row: lr, col: lc, width: width))
                break
            }
        }
        return frame
    }

    static func role(of layer: Basemap.Layer) -> MapRole {
        switch layer {
        case .coast: return .coast
        case .lake: return .lake
        case .river: return .river
        case .border: return .border
        case .frontier1945: return .frontier1945
        }
    }

    /// Which steps of a line are drawn: every one, or a dotted/dashed pattern.
    static func pattern(of role: MapRole) -> (Int) -> Bool {
        switch role {
        case .border: return { $0 % 2 == 0 }
        case .frontier1945: return { $0 % 5 < 3 }
        case .axisAhead: return { $0 % 3 == 0 }
        default: return { _ in true }
        }
    }

    static func extent(_ pts: [GeoPoint]) -> Double {
        guard let f = pts.first else { return 0 }
        var a = f.lat, b = f.lat, c = f.lon, d = f.lon
        for p in pts { a = min(a, p.lat); b = max(b, p.lat); c = min(c, p.lon); d = max(d, p.lon) }
        return max(b - a, d - c)
    }

    static func markerGlyph(_ p: MapScene.Place, maxMentions: Int, style: MapStyle) -> String {
        if p.highlighted { return style == .braille ? "◉" : "@" }
        // Size by mentions relative to the most-mentioned place, on a log scale.
        let t = maxMentions > 0 ? log(1 + Double(max(p.mentions, 0))) / log(1 + Double(maxMentions)) : 0
        let size = t > 0.75 ? 2 : (t > 0.4 ? 1 : 0)
        return style == .braille ? ["·", "•", "●"][size] : [".", "o", "O"][size]
    }

    /// The cell just before the leg's objective along the leg, and the arrow for its bearing.
    static func arrowhead(_ leg: MapScene.Leg, proj: MapProjection, style: MapStyle) -> (cell: (Int, Int), glyph: String)? {
        let a = proj.dot(leg.from), b = proj.dot(leg.to)
        let dx = b.x - a.x, dy = b.y - a.y          // dots are square
        let len = (dx * dx + dy * dy).squareRoot()
        guard len >= 2, len.isFinite else { return nil }
        let tc = Int((b.x / 2).rounded(.down)), tr = Int((b.y / 4).rounded(.down))
        // Step back along the leg until the cell changes.
        var t = 1.0
        var cell: (Int, Int)? = nil
        while t > 0 {
            t -= 1 / len
            let x = a.x + dx * t, y = a.y + dy * t
            let c = Int((x / 2).rounded(.down)), r = Int((y / 4).rounded(.down))
            if c != tc || r != tr { cell = (c, r); break }
        }
        guard let (c, r) = cell, c >= 0, c < proj.cols, r >= 0, r < proj.rows else { return nil }
        let angle = atan2(-dy, dx) * 180 / .pi     // 0 = east, 90 = north
        if style == .ascii {
            let glyph = abs(dx) >= abs(dy) ? (dx >= 0 ? ">" : "<") : (dy < 0 ? "^" : "v")
            return ((c, r), glyph)
        }
        let arrows = ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"]
        let k = (Int(((angle + 360 + 22.5).truncatingRemainder(dividingBy: 360)) / 45)) % 8
        return ((c, r), arrows[k])
    }
}

/// Lines drawn into cells: braille dots, or one ASCII character a cell.
struct Canvas {
    let proj: MapProjection
    let style: MapStyle
    let cols: Int, rows: Int
    var baseDots: [UInt8]
    var axisDots: [UInt8]
    var baseRole: [MapRole]
    var axisRole: [MapRole]
    var axisFront: [Int?]
    var ascii: [Character?]

    init(proj: MapProjection, style: MapStyle) {
        self.proj = proj; self.style = style
        cols = proj.cols; rows = proj.rows
        let n = cols * rows
        baseDots = Array(repeating: 0, count: n); axisDots = Array(repeating: 0, count: n)
        baseRole = Array(repeating: .blank, count: n); axisRole = Array(repeating: .blank, count: n)
        axisFront = Array(repeating: nil, count: n)
        ascii = Array(repeating: nil, count: n)
    }

    static let bit: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]   // [x][y]

    mutating func polyline(_ pts: [GeoPoint], role: MapRole, front: Int?, pattern: (Int) -> Bool) {
        guard pts.count >= 2 else {
            if let p = pts.first { let d = proj.dot(p); plotDot(Int(d.x.rounded(.down)), Int(d.y.rounded(.down)), role: role, front: front) }
            return
        }
        var step = 0
        var prev = proj.dot(pts[0])
        for p in pts.dropFirst() {
            let cur = proj.dot(p)
            defer { prev = cur }
            if style == .braille {
                guard let (a, b) = clip(prev, cur, w: Double(proj.dotsWide), h: Double(proj.dotsHigh)) else { continue }
                Self.bresenham(Int(a.x.rounded(.down)), Int(a.y.rounded(.down)), Int(b.x.rounded(.down)), Int(b.y.rounded(.down))) { x, y in
                    if pattern(step) { plotDot(x, y, role: role, front: front) }
                    step += 1
                }
            } else {
                let a0 = (x: prev.x / 2, y: prev.y / 4), b0 = (x: cur.x / 2, y: cur.y / 4)
                guard let (a, b) = clip(a0, b0, w: Double(cols), h: Double(rows)) else { continue }
                let glyph = asciiGlyph(role: role, dx: b0.x - a0.x, dy: (b0.y - a0.y) * 2)
                Self.bresenham(Int(a.x.rounded(.down)), Int(a.y.rounded(.down)), Int(b.x.rounded(.down)), Int(b.y.rounded(.down))) { x, y in
                    do { plotChar(x, y, glyph, role: role, front: front) }
                    step += 1
                }
            }
        }
    }

    func asciiGlyph(role: MapRole, dx: Double, dy: Double) -> Character {
        switch role {
        case .river: return "~"
        case .border: return "+"
        case .frontier1945: return "="
        case .axisReached: return "*"
        case .axisAhead: return ":"
        default:
            let a = abs(atan2(dy, dx) * 180 / .pi)          // dy grows downwards
            if a < 22.5 || a > 157.5 { return "-" }
            if a > 67.5 && a < 112.5 { return "|" }
            return (dx > 0) == (dy > 0) ? "\\" : "/"
        }
    }

    mutating func plotDot(_ x: Int, _ y: Int, role: MapRole, front: Int?) {
        guard x >= 0, y >= 0, x < 2 * cols, y < 4 * rows else { return }
        let i = (y / 4) * cols + x / 2
        let b = Self.bit[x & 1][y & 3]
        if role == .axisReached || role == .axisAhead {
            if role.priority >= axisRole[i].priority { axisRole[i] = role; axisFront[i] = front }
            axisDots[i] |= b
        } else {
            baseDots[i] |= b
            if role.priority > baseRole[i].priority { baseRole[i] = role }
        }
    }

    mutating func plotChar(_ x: Int, _ y: Int, _ ch: Character, role: MapRole, front: Int?) {
        guard x >= 0, y >= 0, x < cols, y < rows else { return }
        let i = y * cols + x
        if role == .axisReached || role == .axisAhead {
            if role.priority >= axisRole[i].priority { axisRole[i] = role; axisFront[i] = front; axisDots[i] = 1; ascii[i] = ch }
        } else if role.priority > baseRole[i].priority, axisDots[i] == 0 {
            baseRole[i] = role; ascii[i] = ch
        }
    }

    func emit(into frame: inout MapFrame) {
        for i in 0..<(cols * rows) {
            let c = i % cols, r = i / cols
            if style == .braille {
                if axisDots[i] != 0 {
                    frame[c, r] = MapCell(text: String(UnicodeScalar(0x2800 + UInt32(axisDots[i]))!), role: axisRole[i], front: axisFront[i])
                } else if baseDots[i] != 0 {
                    frame[c, r] = MapCell(text: String(UnicodeScalar(0x2800 + UInt32(baseDots[i]))!), role: baseRole[i])
                }
            } else if let ch = ascii[i] {
                let axis = axisDots[i] != 0
                frame[c, r] = MapCell(text: String(ch), role: axis ? axisRole[i] : baseRole[i], front: axis ? axisFront[i] : nil)
            }
        }
    }

    /// Liang–Barsky: the part of segment a–b inside [0, w) × [0, h) (slightly inset), or nil.
    func clip(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), w: Double, h: Double) -> ((x: Double, y: Double), (x: Double, y: Double))? {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return nil }
        let maxX = w - 1e-6, maxY = h - 1e-6
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        for (p, q) in [(-dx, a.x), (dx, maxX - a.x), (-dy, a.y), (dy, maxY - a.y)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { if r > t1 { return nil }; if r > t0 { t0 = r } } else { if r < t0 { return nil }; if r < t1 { t1 = r } }
            }
        }
        return ((a.x + t0 * dx, a.y + t0 * dy), (a.x + t1 * dx, a.y + t1 * dy))
    }

    static func bresenham(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ plot: (Int, Int) -> Void) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            plot(x, y)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }
}
