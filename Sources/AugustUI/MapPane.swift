import AugustCore
import AugustMap
import Foundation

// The map pane: the fronts pane's other view (`m`). It draws the basemap, the places the texts
// name and each front's axes, as far as they had come by the map's day. The state is a few values
// in `AppState` (shown, viewport, day, selected place); the drawing is `MapRenderer`'s, into the
// pane's rectangle. Keys: hjkl/arrows pan, + - zoom, 0 fits, < > a day, { } a week, . , the next and
// previous place, Enter the selected place's events; a click selects a place, the wheel zooms.

/// What the map pane keeps between frames.
public struct MapPaneState: Sendable, Hashable {
    /// nil: fitted to the corpus' places and axes at the pane's size (`0` comes back here).
    public var viewport: MapViewport?
    /// The day the axes are drawn at (nil: every day, everything reached). Follows the timeline.
    public var day: String?
    /// The place `.`/`,`, a click or Enter acts on (a gazetteer id).
    public var place: String?
    public init(viewport: MapViewport? = nil, day: String? = nil, place: String? = nil) {
        self.viewport = viewport; self.day = day; self.place = place
    }
}

/// The basemap, read once from the bundled resource (nil when it cannot be read: the map then
/// draws only the corpus' contents and says so).
enum SharedBasemap {
    static var value: Basemap? { try? Basemap.shared.get() }
}

/// The map's days, ISO `yyyy-MM-dd` (as the scene's legs carry them), moved on Core's calendar.
enum ISODay {
    /// The day `n` days after `day`; nil when `day` is not a day.
    static func shift(_ day: String, by n: Int) -> String? {
        guard let v = DateValue(iso: day), !v.isRange, v.first.precision == .day else { return nil }
        return v.first.addingDays(n).flatMap(DateFormat.isoDay)
    }
}

/// The fronts pane as a map (`m`): its viewport, its day, its places, drawn from the map's frame.
struct MapPane {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }

    // MARK: geometry

    /// The map's cells: the fronts pane's inside.
    func mapRect(_ s: AppState) -> Rect { app.paneRect(s, .fronts).inner }

    /// The view the map shows now: the reader's, else fitted to what the corpus names.
    func mapViewport(_ s: AppState) -> MapViewport {
        if let v = s.map.viewport { return v }
        let r = mapRect(s)
        return MapViewport.fitting(data.mapScene.focus, cols: max(1, r.width), rows: max(1, r.height))
    }

    /// The scene as drawn now: the selected event's places and the selected place highlighted.
    func mapScene(_ s: AppState) -> MapScene {
        var scene = data.mapScene
        var hot = Set<String>()
        if let sel = s.timelineSelection, data.timeline.indices.contains(sel) { hot.formUnion(data.timeline[sel].placeIDs) }
        if let p = s.map.place { hot.insert(p) }
        if !hot.isEmpty {
            for i in scene.places.indices where hot.contains(scene.places[i].id) { scene.places[i].highlighted = true }
        }
        return scene
    }

    func mapFrame(_ s: AppState, _ r: Rect) -> MapFrame {
        MapRenderer.render(basemap: SharedBasemap.value ?? Basemap(lines: []), scene: mapScene(s), viewport: mapViewport(s),
                           cols: r.width, rows: r.height, style: app.mapStyle, day: s.map.day)
    }

    // MARK: update

    func toggleMap(_ s: inout AppState) {
        s.showMap.toggle()
        app.focus(&s, .fronts)
        if s.showMap {
            if s.map.day == nil, let sel = s.timelineSelection, data.timeline.indices.contains(sel) {
                s.map.day = dayInRange(DateFormat.isoDay(data.timeline[sel].date.first))
            }
            s.message = data.mapScene.places.isEmpty ? "map: the texts name no place the map can show"
                : "map · hjkl pan · + - zoom · < > day · . , places · Enter events · m the list"
        } else {
            s.message = "fronts as a list (m: the map)"
        }
    }

    func panMap(_ s: inout AppState, cols: Int, rows: Int) {
        let r = mapRect(s)
        s.map.viewport = mapViewport(s).panned(cols: cols, rows: rows, width: max(1, r.width), height: max(1, r.height))
    }

    func zoomMap(_ s: inout AppState, by factor: Double) {
        let before = mapViewport(s)
        let after = before.zoomed(by: factor)
        if after.lonSpan == before.lonSpan { s.message = factor > 1 ? "closest zoom" : "widest zoom"; return }
        s.map.viewport = after
    }

    /// The corpus' first and last days of dated movements (nil: none).
    var mapDays: (first: String, last: String)? {
        let days = data.mapDays
        guard let f = days.first, let l = days.last else { return nil }
        return (f, l)
    }

    /// The map's day for an event's date: its day, when the texts date movements at all (a map
    /// without dated axes has no day to show).
    func dayInRange(_ day: String?) -> String? {
        guard let day, mapDays != nil else { return nil }
        return day
    }

    /// `<` `>` `{` `}`: the map's day moves by `n` days (inside the movements' days), and the
    /// timeline follows it: the first event on or after that day is selected.
    func stepDay(_ s: inout AppState, by n: Int) {
        guard let (first, last) = mapDays else { s.message = "no dated movement in these texts"; return }
        // From the day before the first movement (nothing reached yet) to the last one.
        let start = ISODay.shift(first, by: -1) ?? first
        let current = s.map.day ?? (n > 0 ? start : last)
        guard let moved = ISODay.shift(current, by: n) else { return }
        let day = min(max(moved, start), last)
        if day == s.map.day {
            s.message = n > 0 ? "last day of the movements (\(last))" : "before the first movement (\(first))"
            return
        }
        // The timeline's first event on or after the day (its selection sets the day again: put
        // ours back, the reader stepped to it).
        let view = app.timeline.timelineView(s)
        if let item = view.items.first(where: { data.timeline[$0].sortKey >= day }) {
            app.timeline.select(&s, item: item, preview: true)
        }
        s.map.day = day
        let reached = data.mapScene.axes.reduce(0) { $0 + $1.legs.filter { MapScene.isReached($0, by: day) }.count }
        let total = data.mapScene.axes.reduce(0) { $0 + $1.legs.count }
        s.message = "\(day): \(reached) of \(total) objectives reached"
    }

    /// `.` `,`: the next or previous place on the map, most mentioned first.
    func stepPlace(_ s: inout AppState, by n: Int) {
        let places = data.mapScene.places
        guard !places.isEmpty else { s.message = "no place on the map"; return }
        let i = s.map.place.flatMap { p in places.firstIndex { $0.id == p } }
        let next = i.map { ($0 + n + places.count) % places.count } ?? (n > 0 ? 0 : places.count - 1)
        s.map.place = places[next].id
        keepPlaceInView(&s, places[next].point)
        let p = places[next]
        // The day the texts say an axis reached it, when one did.
        let reached = data.mapScene.axes.flatMap(\.legs).filter { $0.toPlaceID == p.id }.compactMap(\.day).min()
        s.message = "\(p.name): named in \(p.mentions) \(p.mentions == 1 ? "passage" : "passages")"
            + (reached.map { ", reached \($0)" } ?? "") + " · Enter its events"
    }

    /// Pans the map when a selected place lies outside it.
    func keepPlaceInView(_ s: inout AppState, _ p: GeoPoint) {
        let r = mapRect(s)
        guard r.width > 0, r.height > 0 else { return }
        let v = mapViewport(s)
        if MapProjection(viewport: v, cols: r.width, rows: r.height).cell(p) == nil {
            s.map.viewport = MapViewport(center: p, lonSpan: v.lonSpan)
        }
    }

    /// Enter on the map: the timeline narrowed to the selected place's events.
    func eventsOfMapPlace(_ s: inout AppState) {
        guard let id = s.map.place, let place = data.mapScene.places.first(where: { $0.id == id }) else {
            s.message = "no place selected: . and , choose one, or click it"
            return
        }
        app.timeline.narrowTimeline(&s, toPlace: id, name: place.name)
    }

    // MARK: render

    func drawMap(_ g: inout Grid, _ s: AppState, _ rect: Rect) {
        let focused = s.focus == .fronts
        let info = s.map.day ?? "all days"
        Chrome.drawBox(&g, rect, title: "Map", info: info, focused: focused)
        let r = rect.inner
        guard r.width > 0, r.height > 0 else { return }
        var frame = mapFrame(s, r)
        if data.mapScene.places.isEmpty, r.height > 0 {
            frame.writeNote(SharedBasemap.value == nil ? " the basemap could not be read " : " the texts name no place the map can show ",
                            row: r.height - 1, col: 0)
        }
        for row in 0..<frame.rows {
            var x = 0
            while x < frame.cols {
                let cell = frame[x, row]
                let style = Self.style(of: cell.role)
                if !cell.text.isEmpty { g.put(cell.text, x: r.x + x, y: r.y + row, style: style, maxX: r.x + r.width) }
                x += 1
            }
        }
        // Click targets: runs of cells that show one place (its marker, its label).
        for row in 0..<frame.rows {
            var x = 0
            while x < frame.cols {
                guard let id = frame.place(atCol: x, row: row) else { x += 1; continue }
                var end = x + 1
                while end < frame.cols, frame.place(atCol: end, row: row) == id { end += 1 }
                g.addRegion(HitRegion(x: r.x + x, y: r.y + row, width: end - x, height: 1, target: .mapPlace(id)))
                x = end
            }
        }
    }

    static func style(of role: MapRole) -> Style {
        switch role {
        case .blank: return .normal
        case .coast, .lake: return .mapCoast
        case .river: return .mapRiver
        case .border: return .mapBorder
        case .frontier1945: return .mapFrontier
        case .axisReached: return .mapAxis
        case .axisAhead: return .mapAxisAhead
        case .marker: return .place
        case .markerHighlighted, .labelHighlighted: return .highlight
        case .label: return .normal
        case .note: return .dim
        }
    }

    /// The status line's words for the map: the day, and the selected place.
    func mapPositions(_ s: AppState) -> [String] {
        var out = [s.map.day.map { "day \($0)" } ?? "all days"]
        if let id = s.map.place, let p = data.mapScene.places.first(where: { $0.id == id }) { out.append(p.name) }
        return out
    }
}
