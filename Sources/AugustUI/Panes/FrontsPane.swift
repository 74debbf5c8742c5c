import AugustCore

/// The fronts pane (`2`): each front's axes as chains of objectives, with the first day the texts
/// give for reaching each. Wide, the fronts stand roughly where they fought (west on the left;
/// north, east and south-east on the right); narrower, they are listed west to east, each under
/// its compass cue, every front keeping its name and its first objectives on screen.
///
/// The pane's layout is a list of placed pieces: the render paints them, a click is hit-tested
/// against them (no render needed).
struct FrontsPane {
    let data: ExplorerData

    // MARK: narrowing (`f`)

    /// What `f` matches an objective against, folded: its name, dates, axis, front name and tag.
    func filterText(_ k: Int) -> String {
        let (f, a, o) = data.flatObjectives[k]
        let front = data.fronts.fronts[f], axis = front.axes[a], obj = axis.objectives[o]
        return TimelineView.fold([obj.name, obj.dateLabel ?? "", axis.name, front.name, front.tag].joined(separator: " "))
    }

    /// The objectives shown (numbers into `flatObjectives`, in display order): all, or those whose
    /// text holds every term of the filter.
    func visible(_ filter: String?) -> [Int] {
        let all = Array(data.flatObjectives.indices)
        let terms = TimelineView.terms(filter)
        guard !terms.isEmpty else { return all }
        return all.filter { k in
            let text = filterText(k)
            return terms.allSatisfy { text.contains($0) }
        }
    }

    // MARK: update

    /// Moves the cursor `n` objectives among those shown; the source pane previews the first
    /// telling of an event at the objective (no history entry).
    func move(_ s: inout AppState, by n: Int) {
        let shown = visible(s.frontsFilter)
        guard !shown.isEmpty else { return }
        let cur = shown.firstIndex(of: s.frontsSelection) ?? (shown.firstIndex { $0 > s.frontsSelection } ?? shown.count) - (n > 0 ? 1 : 0)
        s.frontsSelection = shown[max(0, min(shown.count - 1, cur + n))]
    }

    func moveToEnd(_ s: inout AppState, first: Bool) {
        let shown = visible(s.frontsFilter)
        if let k = first ? shown.first : shown.last { s.frontsSelection = k }
    }

    /// The selection kept among the shown objectives after the filter changed.
    func reselect(_ s: inout AppState) {
        let shown = visible(s.frontsFilter)
        if shown.contains(s.frontsSelection) { return }
        if let k = shown.first(where: { $0 > s.frontsSelection }) ?? shown.last { s.frontsSelection = k }
    }

    /// The first event told at the selected objective's place (earliest first), if any.
    func firstEvent(at k: Int) -> Int? {
        guard data.flatObjectives.indices.contains(k) else { return nil }
        let (f, a, o) = data.flatObjectives[k]
        let id = data.fronts.fronts[f].axes[a].objectives[o].placeID
        return data.firstEvents.value(data)[id]
    }

    // MARK: layout

    // MARK: render and hit-test

    /// The pieces of the pane's inside (`inner`), for state `s` (see `FrontsLayout`).
    func layout(_ s: AppState, _ inner: Rect, focused: Bool) -> [FrontsLayout.Piece] {
        FrontsLayout(data: data).layout(s, inner, focused: focused)
    }

    func title(_ s: AppState, focused: Bool, stacked: Bool) -> String {
        var info: [String] = []
        if focused, data.flatObjectives.indices.contains(s.frontsSelection) {
            let (f, a, _) = data.flatObjectives[s.frontsSelection]
            let axis = data.fronts.fronts[f].axes[a].name
            info.append(axis.isEmpty ? data.fronts.fronts[f].name : axis)
        }
        if let t = s.frontsFilter { info.insert("filter \(t) · \(visible(t).count)/\(data.flatObjectives.count)", at: 0) }
        if stacked { info.append("1 shows Timeline") }
        return info.joined(separator: " · ")
    }

    func render(_ g: inout Grid, _ s: AppState, _ r: Rect, focused: Bool, stacked: Bool) {
        Chrome.drawBox(&g, r, title: "Fronts", info: title(s, focused: focused, stacked: stacked), focused: focused)
        for p in layout(s, r.inner, focused: focused) {
            let end = g.put(p.text, x: p.x, y: p.y, style: p.style, maxX: p.maxX)
            if let o = p.objective { g.addRegion(HitRegion(x: p.x, y: p.y, width: max(1, end - p.x), height: 1, target: .objective(o))) }
        }
    }

    /// The objective under (x, y), from the layout.
    func objective(atX x: Int, y: Int, _ s: AppState, _ r: Rect, focused: Bool) -> Int? {
        layout(s, r.inner, focused: focused).last { p in
            p.objective != nil && p.y == y && x >= p.x && x < min(p.maxX, p.x + max(1, DisplayWidth.of(p.text)))
        }?.objective
    }
}

/// The fronts pane's layout: where each front, axis, objective and the legend stand, as pieces.
struct FrontsLayout {
    let data: ExplorerData

    /// A run of text at a place in the pane; `objective` is what a click on it selects.
    struct Piece: Equatable {
        var x: Int, y: Int
        var text: String
        var style: Style
        var maxX: Int
        var objective: Int?
    }

    /// Below this many columns inside the border, the list layout (the regions need more room).
    static let regionsMinWidth = 64

    /// The compass cue a position is shown with.
    static func cue(_ p: FrontsMap.Position) -> String {
        switch p {
        case .west: return "W"
        case .north: return "N"
        case .east, .farEast: return "E"
        case .southEast: return "SE"
        }
    }

    struct Line {
        var pieces: [(text: String, style: Style, objective: Int?)]
    }

    /// The pieces of the pane's inside (`inner`), for state `s`.
    func layout(_ s: AppState, _ inner: Rect, focused: Bool) -> [Piece] {
        guard inner.width > 0, inner.height > 0 else { return [] }
        var out: [Piece] = []
        func put(_ text: String, _ x: Int, _ y: Int, _ style: Style, maxX: Int, _ objective: Int? = nil) {
            out.append(Piece(x: x, y: y, text: text, style: style, maxX: maxX, objective: objective))
        }
        let fronts = data.fronts.fronts
        if fronts.isEmpty || data.flatObjectives.isEmpty {
            // No movement: the note, then the fronts, empty.
            let note = data.fronts.note ?? "No known place is named in this corpus."
            put(Chrome.fit(note, inner.width - 1), inner.x + 1, inner.y, .dim, maxX: inner.x + inner.width)
            var y = inner.y + 1
            for pos in FrontsMap.Position.allCases {
                for f in fronts where f.position == pos {
                    guard y < inner.y + inner.height else { break }
                    put(Chrome.fit(Self.cue(pos) + " " + f.name, inner.width - 1), inner.x + 1, y, .header, maxX: inner.x + inner.width)
                    y += 1
                }
            }
            return out
        }
        let shown = Set(FrontsPane(data: data).visible(s.frontsFilter))
        if shown.isEmpty {
            put(Chrome.fit("No objective matches \(s.frontsFilter ?? ""). Esc clears the filter.", inner.width - 1),
                inner.x + 1, inner.y, .dim, maxX: inner.x + inner.width)
            return out
        }
        // What the selected event touches.
        var frontHL = Set<String>(), placeHL = Set<String>()
        if let sel = s.timelineSelection {
            let item = data.timeline[sel]
            if let f = item.frontID { frontHL.insert(f) }
            placeHL = Set(item.placeIDs)
        }
        let marks = Marks(front: frontHL, place: placeHL, cursor: focused ? s.frontsSelection : nil, shown: shown)
        // The legend takes the last row when the pane has room for it.
        var body = inner
        if inner.height >= 8 {
            body.height -= 1
            let y = inner.y + inner.height - 1
            let maxX = inner.x + inner.width
            var x = inner.x
            for (text, style) in legend {
                guard x < maxX else { break }
                put(text, x, y, style, maxX: maxX)
                x += DisplayWidth.of(text)
            }
        }
        let arrangement = FrontsArrangement(l: self)
        if inner.width >= Self.regionsMinWidth {
            arrangement.regions(&out, s, body, marks)
        } else {
            arrangement.list(&out, s, body, marks)
        }
        return out
    }

    /// The legend: the cursor, the involvement mark, a date.
    var legend: [(String, Style)] {
        [("cursor", .selectedDim), ("  ", .dim), ("●", .highlight), (" the event's  ", .dim), ("08-14", .date), (" reached", .dim)]
    }

    struct Marks {
        var front: Set<String>, place: Set<String>
        var cursor: Int?
        var shown: Set<Int>
    }

    func draw(_ out: inout [Piece], _ line: Line, x x0: Int, y: Int, maxX: Int) {
        var x = x0
        for p in line.pieces {
            guard x < maxX else { break }
            out.append(Piece(x: x, y: y, text: p.text, style: p.style, maxX: maxX, objective: p.objective))
            x += DisplayWidth.of(p.text)
        }
    }

    /// A front's name line: its compass cue, `●` when the selected event is on this front.
    func header(_ f: Int, _ marks: Marks) -> Line {
        let front = data.fronts.fronts[f]
        let hl = marks.front.contains(front.id)
        var line = Line(pieces: [(Self.cue(front.position) + " ", .dim, nil)])
        if hl { line.pieces.append(("● ", .highlight, nil)) }
        line.pieces.append((front.name, hl ? .highlight : .header, nil))
        return line
    }

    /// The lines of a box of fronts (several fronts at one position: each under its name).
    func boxLines(_ fs: [Int], width: Int, header showHeader: Bool, _ marks: Marks) -> [Line] {
        var lines: [Line] = []
        for f in fs {
            let body = axisLines(f, width: width, marks)
            if body.isEmpty { continue }
            if showHeader || fs.count > 1 {
                var h = header(f, marks)
                fitLine(&h, width)
                lines.append(h)
            }
            lines += body
        }
        return lines
    }

    /// A line cut to `width` columns: its last pieces shortened whole (with `…`), never inside a date.
    func fitLine(_ line: inout Line, _ width: Int) {
        // A front's name goes before its compass cue (the pane's place says it too).
        if line.pieces.count > 1, line.pieces[0].objective == nil, line.pieces[0].style == .dim,
           DisplayWidth.of(line.pieces.map(\.text).joined()) > width, line.pieces[1].style != .dim {
            let cue = line.pieces.remove(at: 0)
            if DisplayWidth.of(line.pieces.map(\.text).joined()) + DisplayWidth.of(cue.text) <= width { line.pieces.insert(cue, at: 0) }
        }
        var x = 0
        for i in line.pieces.indices {
            let w = DisplayWidth.of(line.pieces[i].text)
            if x + w > width {
                line.pieces[i].text = Chrome.fit(line.pieces[i].text, max(1, width - x))
                line.pieces.removeSubrange((i + 1)...)
                return
            }
            x += w
        }
    }

    /// A front's axes, each a chain of the objectives shown, wrapped at the arrows. An axis the
    /// selected event touches starts with `●`; the cursor's objective is drawn reversed.
    func axisLines(_ f: Int, width: Int, _ marks: Marks) -> [Line] {
        var lines: [Line] = []
        let numbers = data.objectiveNumbers.value(data.fronts, data.flatObjectives)
        let front = data.fronts.fronts[f]
        for (ai, axis) in front.axes.enumerated() {
            let shown = axis.objectives.indices.filter { marks.shown.contains(numbers[f][ai][$0]) }
            guard !shown.isEmpty else { continue }
            let axisHL = axis.objectives.contains { marks.place.contains($0.placeID) }
            var line = Line(pieces: [(axisHL ? "● " : "· ", axisHL ? .highlight : .dim, nil)])
            var col = 2
            for (n, oi) in shown.enumerated() {
                let obj = axis.objectives[oi]
                let k = numbers[f][ai][oi]
                let arrow = n == 0 ? "" : " → "
                let dateText = obj.dateLabel.map { " " + $0 } ?? ""
                let w = DisplayWidth.of(arrow + obj.name + dateText)
                if n > 0, col + w > width {
                    lines.append(line)
                    line = Line(pieces: [("  → ", .dim, nil)])
                    col = 4
                } else if !arrow.isEmpty {
                    line.pieces.append((arrow, .dim, nil))
                    col += 3
                }
                let selected = marks.cursor == k
                let style: Style = selected ? .selected : (marks.place.contains(obj.placeID) ? .highlight : .place)
                // What does not fit is shortened whole, never cut inside a date: a range keeps its
                // first day (`08-16…`); if that still does not fit, the name stands alone (the
                // status line gives the dates of the selected objective).
                var name = obj.name, date = dateText
                let room = width - col
                if DisplayWidth.of(name + date) > room, let dots = date.firstIndex(of: "…") {
                    date = String(date[...dots])
                }
                if DisplayWidth.of(name + date) > room {
                    date = ""
                    name = Chrome.fit(name, max(1, room))
                }
                line.pieces.append((name, style, k))
                if !date.isEmpty { line.pieces.append((date, selected ? .selected : .date, k)) }
                col += DisplayWidth.of(name + date)
            }
            lines.append(line)
        }
        return lines
    }
}

/// The two arrangements of the fronts: listed west to east (narrow panes), or in regions roughly
/// where the fronts fought (wide ones).
struct FrontsArrangement {
    let l: FrontsLayout
    var data: ExplorerData { l.data }
    typealias Line = FrontsLayout.Line
    typealias Marks = FrontsLayout.Marks
    typealias Piece = FrontsLayout.Piece

    /// Narrow panes: the fronts west to east, one under the other, each with its cue and name,
    /// then its axes. Every front keeps its name and first line; the rest of the rows go to the
    /// front with the cursor first, then top down; a front cut short says how many lines it hides.
    func list(_ out: inout [Piece], _ s: AppState, _ r: Rect, _ marks: Marks) {
        let order = FrontsMap.Position.allCases.flatMap { pos in data.fronts.fronts.indices.filter { data.fronts.fronts[$0].position == pos } }
        let width = r.width
        var boxes: [(front: Int, header: Line, lines: [Line])] = []
        for f in order {
            let body = l.axisLines(f, width: width, marks)
            guard !body.isEmpty else { continue }
            boxes.append((f, l.header(f, marks), body))
        }
        // Rows: each box its header and first line, then the cursor's box, then the rest top down.
        var rows = boxes.map { _ in 0 }
        var left = r.height
        for i in boxes.indices where left > 0 { rows[i] = 1; left -= 1 }
        for i in boxes.indices where left > 0 { rows[i] += 1; left -= 1 }
        let cursorBox = marks.cursor.flatMap { k in boxes.firstIndex { $0.lines.contains { $0.pieces.contains { $0.objective == k } } } }
        for i in ([cursorBox].compactMap { $0 } + Array(boxes.indices)) where left > 0 {
            let add = min(1 + boxes[i].lines.count - rows[i], left)
            if add > 0 { rows[i] += add; left -= add }
        }
        var y = r.y
        for (i, box) in boxes.enumerated() where rows[i] > 0 {
            let room = rows[i] - 1
            var top = 0
            if let k = marks.cursor, let at = box.lines.firstIndex(where: { $0.pieces.contains { $0.objective == k } }), at >= room {
                top = at - room + 1
            }
            let hidden = box.lines.count - min(room, box.lines.count)
            var head = box.header
            if hidden > 0 { head.pieces.append((" (\(hidden) more)", .dim, nil)) }
            l.draw(&out, head, x: r.x, y: y, maxX: r.x + r.width)
            for (row, line) in box.lines.dropFirst(top).prefix(room).enumerated() {
                l.draw(&out, line, x: r.x, y: y + 1 + row, maxX: r.x + r.width)
            }
            y += rows[i]
        }
    }

    /// Wide panes: west in a column on the left; on the right, north along the top, then east |
    /// far east, then south-east at the bottom, separated by lines; below the first row a front's
    /// name sits in the separator line above it.
    func regions(_ out: inout [Piece], _ s: AppState, _ inner: Rect, _ marks: Marks) {
        let fronts = data.fronts.fronts
        func present(_ p: FrontsMap.Position) -> [Int] {
            fronts.indices.filter { fronts[$0].position == p && !l.axisLines($0, width: 40, marks).isEmpty }
        }
        let west = present(.west), north = present(.north), east = present(.east)
        let far = present(.farEast), south = present(.southEast)
        var boxes: [(fronts: [Int], rect: Rect, header: Bool)] = []
        func put(_ text: String, _ x: Int, _ y: Int) {
            out.append(Piece(x: x, y: y, text: text, style: .border, maxX: x + 1, objective: nil))
        }
        var rx = inner.x, rw = inner.width
        let rightEmpty = (north + east + far + south).isEmpty
        if !west.isEmpty {
            let ww = rightEmpty ? inner.width : min(inner.width / 2, max(18, inner.width * 7 / 20))
            boxes.append((west, Rect(x: inner.x, y: inner.y, width: ww, height: inner.height), true))
            if !rightEmpty { for y in inner.y..<(inner.y + inner.height) { put("│", inner.x + ww, y) } }
            rx += ww + 1; rw -= ww + 1
        }
        if rw > 0, !rightEmpty {
            let sideBySide = !east.isEmpty && !far.isEmpty && rw >= 44
            let eastW = sideBySide ? (rw - 1) * 3 / 5 : rw
            let farX = sideBySide ? rx + eastW + 1 : rx
            let farW = sideBySide ? rw - eastW - 1 : rw
            var rows: [[(fronts: [Int], x: Int, width: Int)]] = []
            if !north.isEmpty { rows.append([(north, rx, rw)]) }
            if sideBySide {
                rows.append([(east, rx, eastW), (far, farX, farW)])
            } else {
                if !east.isEmpty { rows.append([(east, rx, rw)]) }
                if !far.isEmpty { rows.append([(far, rx, rw)]) }
            }
            if !south.isEmpty { rows.append([(south, rx, rw)]) }
            let wanted = rows.enumerated().map { k, row in
                row.map { $0.fronts.isEmpty ? 0 : max(1, l.boxLines($0.fronts, width: max(4, $0.width), header: k == 0, marks).count) }.max() ?? 0
            }
            let heights = Self.share(max(0, inner.height - max(0, rows.count - 1)), wanted)
            var y = inner.y
            for (k, row) in rows.enumerated() {
                let h = heights[k]
                if k > 0 {
                    guard y < inner.y + inner.height else { break }
                    for x in rx..<(rx + rw) { put("─", x, y) }
                    if !west.isEmpty { put("├", rx - 1, y) }
                    for (i, cell) in row.enumerated() where cell.fronts.count == 1 {
                        if i > 0 { put("┬", cell.x - 1, y) }
                        var head = l.header(cell.fronts[0], marks)
                        l.fitLine(&head, cell.width - 2)
                        head.pieces.insert((" ", .border, nil), at: 0)
                        head.pieces.append((" ", .border, nil))
                        l.draw(&out, head, x: cell.x + 1, y: y, maxX: cell.x + cell.width)
                    }
                    y += 1
                }
                guard h > 0 else { continue }
                for (i, cell) in row.enumerated() {
                    boxes.append((cell.fronts, Rect(x: cell.x, y: y, width: cell.width, height: h), k == 0))
                    if i > 0 { for yy in y..<(y + h) { put("│", cell.x - 1, yy) } }
                }
                y += h
            }
        }
        for box in boxes {
            let bi = box.rect
            guard bi.width > 0, bi.height > 0 else { continue }
            let lines = l.boxLines(box.fronts, width: bi.width, header: box.header, marks)
            // Scroll inside the box so that the cursor stays visible.
            var top = 0
            if let k = marks.cursor, let at = lines.firstIndex(where: { $0.pieces.contains { $0.objective == k } }), at >= bi.height {
                top = at - bi.height + 1
            }
            for (row, line) in lines.dropFirst(top).prefix(bi.height).enumerated() {
                l.draw(&out, line, x: bi.x, y: bi.y + row, maxX: bi.x + bi.width)
            }
        }
    }

    /// Split `total` rows among wanted heights (0 = absent): everything fits → extra rows go to
    /// the last; else each gets a row first, then the rest go top first.
    static func share(_ total: Int, _ wanted: [Int]) -> [Int] {
        let present = wanted.indices.filter { wanted[$0] > 0 }
        guard !present.isEmpty, total > 0 else { return wanted.map { _ in 0 } }
        var out = wanted.map { _ in 0 }
        let sum = present.reduce(0) { $0 + wanted[$1] }
        if sum <= total {
            for i in present { out[i] = wanted[i] }
            out[present.last!] += total - sum
            return out
        }
        var left = total
        for i in present where left > 0 { out[i] = 1; left -= 1 }
        for i in present where left > 0 {
            let add = min(wanted[i] - out[i], left)
            out[i] += add
            left -= add
        }
        return out
    }
}
