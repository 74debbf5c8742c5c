import AugustCore

extension Explorer {
    /// Draw the whole screen for a state (its own size).
    public func render(_ s: AppState) -> Grid {
        var g = Grid(width: s.width, height: s.height)
        guard s.width > 0, s.height > 0 else { return g }
        let l = layout(s)
        if l.mode == .tooSmall {
            let line = "terminal too small: \(s.width)×\(s.height), needs \(Layout.minimum.width)×\(Layout.minimum.height)"
            let need = "\(Layout.minimum.width)×\(Layout.minimum.height)"
            let text = [line, "too small: needs \(need)", "needs \(need)", need, "!"].first { DisplayWidth.of($0) <= s.width } ?? ""
            let x = max(0, (s.width - DisplayWidth.of(text)) / 2)
            g.put(text, x: x, y: s.height / 2, style: .statusError)
            return g
        }
        if let bar = l.tabBar { drawTabs(&g, s, bar) }
        for (pane, rect) in l.panes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            g.addRegion(HitRegion(x: rect.x, y: rect.y, width: rect.width, height: rect.height, target: .pane(pane)))
            switch pane {
            case .timeline: drawTimeline(&g, s, rect)
            case .fronts: if s.showMap { drawMap(&g, s, rect) } else { drawFronts(&g, s, rect) }
            case .source: drawSource(&g, s, rect)
            case .map: drawMap(&g, s, rect)
            }
        }
        drawStatus(&g, s, l.status)
        switch s.overlay {
        case .help(let top): drawHelp(&g, s, top)
        case .list(let list): drawList(&g, s, list)
        case .bookmarks(let list): drawBookmarks(&g, s, list)
        case nil: break
        }
        return g
    }

    // MARK: frame pieces

    func drawBox(_ g: inout Grid, _ r: Rect, title: String, info: String = "", focused: Bool, titleStyle: Style? = nil) {
        guard r.width >= 2, r.height >= 2 else { return }
        let b: Style = focused ? .borderFocused : .border
        let x1 = r.x + r.width - 1, y1 = r.y + r.height - 1
        g.put("┌", x: r.x, y: r.y, style: b)
        g.put("┐", x: x1, y: r.y, style: b)
        g.put("└", x: r.x, y: y1, style: b)
        g.put("┘", x: x1, y: y1, style: b)
        for x in (r.x + 1)..<x1 {
            g.put("─", x: x, y: r.y, style: b)
            g.put("─", x: x, y: y1, style: b)
        }
        for y in (r.y + 1)..<y1 {
            g.put("│", x: r.x, y: y, style: b)
            g.put("│", x: x1, y: y, style: b)
        }
        guard r.width > 6 else { return }
        var x = g.put(" \(title) ", x: r.x + 2, y: r.y, style: titleStyle ?? (focused ? .titleFocused : .title), maxX: x1 - 1)
        if !info.isEmpty, x < x1 - 4 {
            x = g.put("─", x: x, y: r.y, style: b, maxX: x1 - 1)
            g.put(" \(info) ", x: x, y: r.y, style: .dim, maxX: x1 - 1)
        }
    }

    func drawTabs(_ g: inout Grid, _ s: AppState, _ r: Rect) {
        g.fill(x: r.x, y: r.y, width: r.width, height: 1, style: .tab)
        var x = r.x
        for p in Pane.screenPanes {
            let label = " \(p.rawValue + 1) \(p == .fronts && s.showMap ? Pane.map.title : p.title) "
            let start = x
            x = g.put(label, x: x, y: r.y, style: p == s.focus ? .tabActive : .tab, maxX: r.x + r.width)
            g.addRegion(HitRegion(x: start, y: r.y, width: x - start, height: 1, target: .tab(p)))
            x = g.put(" ", x: x, y: r.y, style: .tab, maxX: r.x + r.width)
        }
    }

    /// Text cut to `width` columns, with an ellipsis when cut.
    func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var out = String.UnicodeScalarView()
        var w = 0
        for sc in text.unicodeScalars {
            let cw = DisplayWidth.of(Cell.sanitize(sc))
            if w + cw > width - 1 { break }
            out.append(sc)
            w += cw
        }
        return String(out) + "…"
    }

    func padLeft(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text
    }

    /// `text` in lines of at most `width` columns, broken between words (a word longer than a line
    /// is cut with `fit`).
    func wrapWords(_ text: String, _ width: Int) -> [String] {
        var lines: [String] = [], line = "", lineW = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = DisplayWidth.of(String(word))
            if lineW > 0, lineW + 1 + w > width {
                lines.append(line)
                line = ""; lineW = 0
            }
            line += (lineW > 0 ? " " : "") + word
            lineW += (lineW > 0 ? 1 : 0) + w
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines.map { fit($0, width) }
    }

    func padRight(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
    }

    // MARK: timeline

    func drawTimeline(_ g: inout Grid, _ s: AppState, _ r: Rect) {
        let view = timelineView(s)
        let rows = view.rows
        let items = view.items
        var info = ""
        if let t = s.timelineFilter { info = "filter \(t) · \(filterCount(s))" }
        if let f = s.placeFilter { info += info.isEmpty ? "at \(f.name)" : " · at \(f.name)" }
        if s.showAllKinds { info += info.isEmpty ? "all kinds" : " · all kinds" }
        if layout(s).mode == .stacked { info += info.isEmpty ? "2 shows Fronts" : " · 2 shows Fronts" }
        drawBox(&g, r, title: "Timeline", info: info, focused: s.focus == .timeline)
        let inner = r.inner
        guard inner.width > 0, inner.height > 0 else { return }
        if items.isEmpty {
            let msg: String
            if data.timeline.isEmpty { msg = "No dated events in this corpus." }
            else if let t = s.timelineFilter { msg = "No event matches \(t). Esc clears the filter." }
            else if let f = s.placeFilter { msg = "No event names \(f.name). Esc clears the filter." }
            else { msg = "Only publication and other dates here: p shows them." }
            g.put(fit(msg, inner.width - 1), x: inner.x + 1, y: inner.y, style: .dim, maxX: inner.x + inner.width)
            return
        }
        // Column widths from the visible items (computed with the view, once).
        let dateW = view.dateWidth, tagW = view.tagWidth, countW = view.countWidth
        let right = inner.x + inner.width
        let marked = bookmarkedItems(s)
        for row in 0..<inner.height {
            let idx = s.timelineTop + row
            guard idx < rows.count else { break }
            let y = inner.y + row
            switch rows[idx] {
            case .year(let year):
                let x = g.put(" \(year) ", x: inner.x, y: y, style: .header, maxX: right)
                for xx in x..<right { g.put("─", x: xx, y: y, style: .border) }
            case .day(let label):
                g.put("  \(label)", x: inner.x, y: y, style: .header, maxX: right)
            case .item(let i):
                let item = data.timeline[i]
                let selected = s.timelineSelection == i
                let base: Style = selected ? (s.focus == .timeline ? .selected : .selectedDim) : .normal
                if selected {
                    g.fill(x: inner.x, y: y, width: inner.width, height: 1, style: base)
                    g.put("▸", x: inner.x, y: y, style: base)
                } else if marked.contains(i) {
                    g.put("*", x: inner.x, y: y, style: .header)   // bookmarked
                }
                var x = inner.x + 1
                x = g.put(padRight(fit(item.dateLabel, dateW), dateW), x: x, y: y, style: selected ? base : .date, maxX: right)
                x += 1
                if tagW > 0 {
                    x = g.put(padRight(fit(tag(of: item), tagW), tagW), x: x, y: y, style: selected ? base : .unit, maxX: right)
                    x += 1
                }
                x = g.put(padLeft("\(item.mentionCount)", countW), x: x, y: y, style: selected ? base : .dim, maxX: right)
                x += 1
                let kindMark = item.kind == .event ? "" : (item.kind == .publication ? "[pub] " : "[other] ")
                if !item.conflicts.isEmpty { x = g.put("≠ ", x: x, y: y, style: selected ? base : .match, maxX: right) }
                g.put(fit(kindMark + oneLine(item.title), right - x), x: x, y: y, style: base, maxX: right)
                g.addRegion(HitRegion(x: inner.x, y: y, width: inner.width, height: 1, target: .timelineItem(i)))
            }
        }
    }

    func tag(of item: TimelineItem) -> String { data.tag(of: item) }

    func oneLine(_ s: String) -> String {
        s.contains("\n") ? s.replacingOccurrences(of: "\n", with: " ") : s
    }

    // MARK: fronts

    struct FrontLine {
        var pieces: [(text: String, style: Style, objective: Int?)]
    }

    func drawFronts(_ g: inout Grid, _ s: AppState, _ r: Rect) {
        let focused = s.focus == .fronts
        var info = ""
        if focused, data.flatObjectives.indices.contains(s.frontsSelection) {
            let (f, a, _) = data.flatObjectives[s.frontsSelection]
            let axis = data.fronts.fronts[f].axes[a].name
            info = axis.isEmpty ? data.fronts.fronts[f].name : axis
        }
        if layout(s).mode == .stacked { info += info.isEmpty ? "1 shows Timeline" : " · 1 shows Timeline" }
        drawBox(&g, r, title: "Fronts", info: info, focused: focused)
        let inner = r.inner
        guard inner.width > 0, inner.height > 0 else { return }
        if data.fronts.fronts.isEmpty || data.flatObjectives.isEmpty {
            // No movement: the note, then the fronts, empty.
            let note = data.fronts.note ?? "No known place is named in this corpus."
            g.put(fit(note, inner.width - 1), x: inner.x + 1, y: inner.y, style: .dim)
            var y = inner.y + 1
            for pos in FrontsMap.Position.allCases {
                for f in data.fronts.fronts where f.position == pos {
                    guard y < inner.y + inner.height else { break }
                    g.put(fit("· " + f.name, inner.width - 1), x: inner.x + 1, y: y, style: .header)
                    y += 1
                }
            }
            return
        }
        // A box's lines are measured, then drawn: made once per frame.
        var made: [String: [FrontLine]] = [:]
        func lines(_ fs: [Int], _ width: Int, _ header: Bool) -> [FrontLine] {
            let key = "\(fs)|\(width)|\(header)"
            if let hit = made[key] { return hit }
            let l = frontLines(fs, width: width, s, frontHL, placeHL, header: header)
            made[key] = l
            return l
        }
        // What the selected event touches.
        var frontHL = Set<String>(), placeHL = Set<String>()
        if let sel = s.timelineSelection {
            let item = data.timeline[sel]
            if let f = item.frontID { frontHL.insert(f) }
            placeHL = Set(item.placeIDs)
        }
        // Regions, roughly where the fronts fought: west column on the left; on the right, north
        // along the top, then east | far east, then south-east at the bottom. Separated by lines.
        let fronts = data.fronts.fronts
        func present(_ p: FrontsMap.Position) -> [Int] { fronts.indices.filter { fronts[$0].position == p } }
        let west = present(.west), north = present(.north), east = present(.east)
        let far = present(.farEast), south = present(.southEast)
        var regions: [(fronts: [Int], rect: Rect, header: Bool)] = []
        var rx = inner.x, rw = inner.width
        let rightEmpty = (north + east + far + south).isEmpty
        if !west.isEmpty {
            let ww = rightEmpty ? inner.width : min(inner.width / 2, max(18, inner.width * 7 / 20))
            regions.append((west, Rect(x: inner.x, y: inner.y, width: ww, height: inner.height), true))
            if !rightEmpty {
                for y in inner.y..<(inner.y + inner.height) { g.put("│", x: inner.x + ww, y: y, style: .border) }
            }
            rx += ww + 1; rw -= ww + 1
        }
        if rw > 0, !rightEmpty {
            // East and far east side by side when there is room, else one above the other.
            let sideBySide = !east.isEmpty && !far.isEmpty && rw >= 44
            let eastW = sideBySide ? (rw - 1) * 3 / 5 : rw
            let farX = sideBySide ? rx + eastW + 1 : rx
            let farW = sideBySide ? rw - eastW - 1 : rw
            // Below the first row, a front's name sits in the separator line above it.
            func need(_ fs: [Int], _ w: Int, _ header: Bool) -> Int {
                fs.isEmpty ? 0 : max(1, lines(fs, max(4, w), header).count)
            }
            // Rows of the right side, top to bottom: (fronts in it, wanted height).
            var rows: [[(fronts: [Int], x: Int, width: Int)]] = []
            if !north.isEmpty { rows.append([(north, rx, rw)]) }
            if sideBySide {
                rows.append([(east, rx, eastW), (far, farX, farW)])
            } else {
                if !east.isEmpty { rows.append([(east, rx, rw)]) }
                if !far.isEmpty { rows.append([(far, rx, rw)]) }
            }
            if !south.isEmpty { rows.append([(south, rx, rw)]) }
            let wanted = rows.enumerated().map { k, row in row.map { need($0.fronts, $0.width, k == 0) }.max() ?? 0 }
            let heights = share(max(0, inner.height - max(0, rows.count - 1)), wanted)
            var y = inner.y
            for (k, row) in rows.enumerated() {
                let h = heights[k]
                if k > 0 {
                    guard y < inner.y + inner.height else { break }
                    for x in rx..<(rx + rw) { g.put("─", x: x, y: y, style: .border) }
                    if !west.isEmpty { g.put("├", x: rx - 1, y: y, style: .border) }
                    for (i, cell) in row.enumerated() where cell.fronts.count == 1 {
                        let f = fronts[cell.fronts[0]]
                        let hl = frontHL.contains(f.id)
                        if i > 0 { g.put("┬", x: cell.x - 1, y: y, style: .border) }
                        g.put(" " + fit((hl ? "▶ " : "") + f.name, cell.width - 3) + " ", x: cell.x + 1, y: y,
                              style: hl ? .highlight : .header, maxX: cell.x + cell.width)
                    }
                    y += 1
                }
                guard h > 0 else { continue }
                for (i, cell) in row.enumerated() {
                    regions.append((cell.fronts, Rect(x: cell.x, y: y, width: cell.width, height: h), k == 0))
                    if i > 0 { for yy in y..<(y + h) { g.put("│", x: cell.x - 1, y: yy, style: .border) } }
                }
                y += h
            }
        }
        for region in regions {
            let bi = region.rect
            guard bi.width > 0, bi.height > 0 else { continue }
            let lines = lines(region.fronts, bi.width, region.header)
            // Scroll inside the region so the selected objective stays visible.
            var top = 0
            if focused, let selLine = lines.firstIndex(where: { $0.pieces.contains { $0.objective == s.frontsSelection } }),
               selLine >= bi.height {
                top = selLine - bi.height + 1
            }
            for (row, line) in lines.dropFirst(top).prefix(bi.height).enumerated() {
                var x = bi.x
                for piece in line.pieces {
                    let start = x
                    x = g.put(piece.text, x: x, y: bi.y + row, style: piece.style, maxX: bi.x + bi.width)
                    if let o = piece.objective {
                        g.addRegion(HitRegion(x: start, y: bi.y + row, width: max(1, x - start), height: 1, target: .objective(o)))
                    }
                }
            }
        }
    }

    /// Split `total` rows among wanted heights (0 = absent): everything fits → extra rows go to
    /// the last; else each gets a row first, then the rest go top first.
    func share(_ total: Int, _ wanted: [Int]) -> [Int] {
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

    /// The lines of a box: each axis as a chain of objectives, wrapped at the arrows.
    func frontLines(_ fs: [Int], width: Int, _ s: AppState, _ frontHL: Set<String>, _ placeHL: Set<String>,
                    header: Bool = true) -> [FrontLine] {
        var lines: [FrontLine] = []
        let flatIndex = data.objectiveNumbers.value(data.fronts, data.flatObjectives)
        for f in fs {
            let front = data.fronts.fronts[f]
            let mark = frontHL.contains(front.id) ? "▶ " : ""
            if header || fs.count > 1 { lines.append(FrontLine(pieces: [(fit(mark + front.name, width), frontHL.contains(front.id) ? .highlight : .header, nil)])) }
            for (ai, axis) in front.axes.enumerated() {
                let axisHL = axis.objectives.contains { placeHL.contains($0.placeID) }
                var line = FrontLine(pieces: [(axisHL ? "▸ " : "· ", axisHL ? .highlight : .dim, nil)])
                var col = 2
                for (oi, obj) in axis.objectives.enumerated() {
                    let k = flatIndex[f][ai][oi]
                    let arrow = oi == 0 ? "" : " → "
                    let dateText = obj.dateLabel.map { " " + $0 } ?? ""
                    let w = DisplayWidth.of(arrow + obj.name + dateText)
                    if oi > 0, col + w > width {
                        lines.append(line)
                        line = FrontLine(pieces: [("  → ", .dim, nil)])
                        col = 4
                    } else if !arrow.isEmpty {
                        line.pieces.append((arrow, .dim, nil))
                        col += 3
                    }
                    let selected = s.focus == .fronts && s.frontsSelection == k
                    let style: Style = selected ? .selected : (placeHL.contains(obj.placeID) ? .highlight : .place)
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
                        name = fit(name, max(1, room))
                    }
                    line.pieces.append((name, style, k))
                    if !date.isEmpty { line.pieces.append((date, selected ? .selected : .date, k)) }
                    col += DisplayWidth.of(name + date)
                }
                lines.append(line)
            }
        }
        return lines
    }

    // MARK: source

    /// `002 · Section IV · ¶104`: the file's short name, the article, the passage number.
    public func passageLabel(_ ordinal: Int) -> String {
        guard corpus.passages.indices.contains(ordinal) else { return "" }
        let p = corpus.passages[ordinal]
        var name = p.documentID
        if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
        if name.lowercased().hasSuffix(".txt") { name = String(name.dropLast(4)) }
        // `NNN_0123456789abcdef`: a numbered file with a hash suffix is shown by its number.
        if let us = name.firstIndex(of: "_") {
            let tail = name[name.index(after: us)...]
            if tail.count >= 8, tail.allSatisfy(\.isHexDigit), name[..<us].allSatisfy(\.isNumber), !name[..<us].isEmpty {
                name = String(name[..<us])
            }
        }
        var parts = [name]
        if let a = corpus.article(of: p), !a.title.isEmpty { parts.append(fit(a.title, 40)) }
        parts.append("¶\(p.number)")
        return parts.joined(separator: " · ")
    }

    func drawSource(_ g: inout Grid, _ s: AppState, _ r: Rect) {
        let focused = s.focus == .source
        guard !corpus.passages.isEmpty else {
            drawBox(&g, r, title: "Source", focused: focused)
            return
        }
        if let (active, other) = parallelColumns(s) { drawParallel(&g, s, r, active: active, other: other); return }
        drawBox(&g, r, title: passageLabel(s.sourcePassage), focused: focused)
        let inner = r.inner
        guard inner.width > 2, inner.height > 0 else { return }
        let (_, layout) = sourceLayout(s)
        let top = sourceTop(s, layout)
        let right = inner.x + inner.width
        // The search's highlights in the passages on screen (only those are looked up).
        let shown = layout.rows[min(top, layout.rows.count)..<min(layout.rows.count, top + inner.height)].map(\.passage).filter { $0 >= 0 }
        var painter = SourceRowPainter(explorer: self, state: s,
                                       matchRanges: shown.isEmpty ? [:] : visibleMatchRanges(s, in: shown.min()!...shown.max()!))
        let marked = bookmarkedPassages(s)
        for row in 0..<inner.height {
            let idx = top + row
            guard idx < layout.rows.count else { break }
            let sr = layout.rows[idx]
            let y = inner.y + row
            guard sr.passage >= 0 else { continue }
            let current = sr.passage == s.sourcePassage
            if current { g.put("▌", x: inner.x, y: y, style: focused ? .selected : .selectedDim) }
            // A bookmarked passage: `*` in the gutter of its first row.
            if marked.contains(sr.passage), layout.firstRow[sr.passage] == idx { g.put("*", x: inner.x + 1, y: y, style: .header) }
            g.addRegion(HitRegion(x: inner.x, y: y, width: inner.width, height: 1, target: .passage(sr.passage)))
            painter.draw(&g, sr, x: inner.x + 2, y: y, right: right)
        }
    }

    /// Styled ranges of a passage, lowest priority first: spans, matches, then the emphasis.
    func spanStyles(_ s: AppState, _ ordinal: Int, _ p: Passage, _ matches: [Range<Int>]) -> [(Range<Int>, Style)] {
        var out: [(Range<Int>, Style)] = []
        for span in data.styling.spans[ordinal] ?? [] where span.start < span.end {
            let st: Style = switch span.kind { case .date: .date; case .place: .place; case .unit: .unit }
            out.append((span.start..<span.end, st))
        }
        for m in matches { out.append((m, .match)) }
        if let e = s.emphasis, e.passage == ordinal, e.start < e.end { out.append((e.start..<e.end, .emphasis)) }
        return out
    }

    @inline(__always)
    func style(at i: Int, _ styles: [(Range<Int>, Style)], _ base: Style) -> Style {
        var st = base
        for (r, s) in styles where r.contains(i) { st = s }
        return st
    }

    // MARK: status line

    /// The position words of the status line: `event 41/187`, `mention 2/4`, `match 3/17`.
    public func positions(_ s: AppState) -> [String] {
        var out: [String] = []
        let view = timelineView(s)
        let items = view.items
        if let sel = s.timelineSelection, let i = view.position(of: sel) {
            out.append("event \(i + 1)/\(items.count)")
            // `mention k/n` whenever the source shows one of the event's tellings (after back and
            // forward too, whatever index the restored place carried).
            let ords = data.mentionOrdinals[sel]
            if ords.indices.contains(s.mentionIndex), ords[s.mentionIndex] == s.sourcePassage {
                out.append("mention \(s.mentionIndex + 1)/\(ords.count)")
            } else if let k = ords.firstIndex(of: s.sourcePassage) {
                out.append("mention \(k + 1)/\(ords.count)")
            }
        } else if !data.timeline.isEmpty {
            out.append("event 0/\(items.count)")
        }
        if s.focus == .fronts, s.showMap {
            out += mapPositions(s)
        } else if s.focus == .fronts, !data.flatObjectives.isEmpty {
            let k = min(s.frontsSelection, data.flatObjectives.count - 1)
            out.append("objective \(k + 1)/\(data.flatObjectives.count)")
            // Its name and dates whole (the pane may have had to leave the dates out).
            let (f, a, o) = data.flatObjectives[k]
            let obj = data.fronts.fronts[f].axes[a].objectives[o]
            out.append(obj.name + (obj.dateLabel.map { " " + $0 } ?? ""))
        }
        if let search = s.search {
            // Counted in passages: `match 3/17` is the third of 17 matching passages, and
            // `(2/4 in passage)` the second of its four highlighted words when it has several.
            if let e = s.emphasis, !search.isEmpty, isHit(search, e.passage),
               case let ranges = matchRanges(search, e.passage), let k = ranges.firstIndex(where: { $0.lowerBound == e.start }) {
                let r = rank(search, of: e.passage).map { "\($0 + 1)" } ?? ">\(ActiveSearch.countBound)"
                var text = "match \(r)/\(search.countText)"
                if ranges.count > 1 { text += " (\(k + 1)/\(ranges.count) in passage)" }
                out.append(text)
            } else {
                out.append("\(search.countText) \(search.passageCount == 1 ? "match" : "matches")")
            }
        }
        if let f = s.placeFilter { out.append("filter: \(f.name) (Esc clears)") }
        if let p = parallelPosition(s) { out.append(p) }
        return out
    }

    func drawStatus(_ g: inout Grid, _ s: AppState, _ r: Rect) {
        g.fill(x: r.x, y: r.y, width: r.width, height: 1, style: .status)
        let right = r.x + r.width
        if let np = s.notePrompt { drawNotePrompt(&g, s, np, r); return }
        if let fp = s.filterPrompt {
            var x = g.put("filter: ", x: r.x, y: r.y, style: .statusKey, maxX: right)
            x = g.put(fit(fp.text, max(1, r.width / 2)), x: x, y: r.y, style: .status, maxX: right)
            g.cursor = (min(x, max(0, right - 1)), r.y)
            let info = "\(filterCount(s)) · ↑↓ move · Enter keeps · Esc clears"
            g.put(fit(info, right - x - 3), x: x + 2, y: r.y, style: timelineView(s).items.isEmpty ? .statusError : .status, maxX: right)
            return
        }
        if let p = s.prompt {
            var x = g.put(p.thenList ? "search (list): " : "/", x: r.x, y: r.y, style: .statusKey, maxX: right)
            // Show the end of a long query.
            x = g.put(DisplayWidth.tail(p.text, width: max(1, r.width / 2)), x: x, y: r.y, style: .status, maxX: right)
            g.cursor = (min(x, max(0, right - 1)), r.y)
            let info: String
            let infoStyle: Style
            if let e = p.error { info = e; infoStyle = .statusError }
            else if let search = s.search {
                let count = search.countIsExact ? "\(search.passageCount)" : "more than \(ActiveSearch.countBound)"
                let also = search.added.isEmpty ? "" : " (also \(search.added.prefix(3).joined(separator: ", "))\(search.added.count > 3 ? "…" : ""))"
                info = "matches in \(count) \(search.passageCount == 1 ? "passage" : "passages")\(also) · Enter keeps · Esc drops"
                infoStyle = .status
            } else if p.text.isEmpty { info = "type words, \"a phrase\", pre*, a OR b, -not · Esc cancels"; infoStyle = .dim }
            else { info = "no match"; infoStyle = .statusError }
            g.put(fit(info, right - x - 3), x: x + 2, y: r.y, style: infoStyle, maxX: right)
            return
        }
        var x = g.put(" \(effectiveFocus(s).title) ", x: r.x, y: r.y, style: .statusKey, maxX: right)
        // Keys, right-aligned: `? help` and `q quit` always (the position and a message are
        // shortened for them; only a very narrow terminal drops them), the others as many as fit.
        let hints = keymap.hints(for: effectiveFocus(s))
        let pos = positions(s).joined(separator: " · ")
        var essential = [hints.first, hints.last].compactMap { $0 }   // help and quit
        var essentialW = DisplayWidth.of(essential.joined(separator: "  ")) + 3
        if right - x - essentialW < min(24, DisplayWidth.of(pos) + 1) { essential = []; essentialW = 0 }
        if !pos.isEmpty { x = g.put(" " + fit(pos, right - x - 1 - essentialW), x: x, y: r.y, style: .status, maxX: right) }
        if let m = s.message {
            var room = right - x - 2 - essentialW
            if room < min(12, DisplayWidth.of(m)) { essential = []; room = right - x - 2 }   // the message first
            if room > 0 { x = g.put("  " + fit(m, room), x: x, y: r.y, style: s.messageIsError ? .statusError : .status, maxX: right) }
        }
        var shown: [String] = []
        for h in hints {
            let candidate = (shown + [h]).joined(separator: "  ")
            let mustRemain = essential.filter { !shown.contains($0) && $0 != h }
            let withRest = DisplayWidth.of(([candidate] + mustRemain).joined(separator: "  "))
            if withRest + 2 <= right - x - 1 { shown.append(h) }
            else if essential.contains(h) { shown.append(h) }
        }
        if !shown.isEmpty {
            let text = shown.joined(separator: "  ") + " "
            g.put(text, x: right - DisplayWidth.of(text), y: r.y, style: .dim, maxX: right)
        }
    }

    /// `12/107`: the items the text filter leaves, of those the other toggles show.
    func filterCount(_ s: AppState) -> String {
        "\(timelineView(s).items.count)/\(data.timelineView(showAll: s.showAllKinds, placeFilter: s.placeFilter?.id).items.count)"
    }

    /// One KWIC line: `FILE:LINE`, the words before (right-aligned), the match in its column, the
    /// words after.
    func drawConcordanceLine(_ g: inout Grid, _ l: ConcordanceLine, x: Int, y: Int, width: Int, selected: Bool) {
        // The file name gives way before the line number does.
        let line = ":\(l.line)"
        let locW = min(max(12, width / 4), DisplayWidth.of(l.documentID) + line.count)
        let loc = fit(l.documentID, locW - line.count) + line
        let rest = width - locW - 3
        guard rest > 10 else { return }
        let matchW = min(rest / 3, DisplayWidth.of(l.match))
        let side = max(1, (rest - matchW - 2) / 2)
        let left = tailFit(l.left, side)
        var cx = g.put(" " + fit(loc, locW), x: x, y: y, style: selected ? .selected : .dim, maxX: x + width)
        cx = x + 1 + locW + 2 + (side - DisplayWidth.of(left))
        cx = g.put(left, x: cx, y: y, style: selected ? .selected : .overlay, maxX: x + width)
        cx = g.put(" ", x: cx, y: y, style: selected ? .selected : .overlay, maxX: x + width)
        cx = g.put(fit(l.match, matchW), x: cx, y: y, style: .match, maxX: x + width)
        cx = g.put(" ", x: cx, y: y, style: selected ? .selected : .overlay, maxX: x + width)
        g.put(fit(l.right, x + width - cx - 1), x: cx, y: y, style: selected ? .selected : .overlay, maxX: x + width)
    }

    /// The last `width` columns of a text, `…` first when cut.
    func tailFit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var out: [Unicode.Scalar] = [], w = 0
        for sc in text.unicodeScalars.reversed() {
            let cw = DisplayWidth.of(Cell.sanitize(sc))
            if w + cw > width - 1 { break }
            out.append(sc); w += cw
        }
        var v = String.UnicodeScalarView(); v.append(contentsOf: out.reversed())
        return "…" + String(v)
    }

    // MARK: overlays

    func overlayRect(_ s: AppState, width: Int, height: Int) -> Rect {
        let w = min(s.width - 2, width), h = min(s.height - 2, height)
        return Rect(x: max(0, (s.width - w) / 2), y: max(0, (s.height - 1 - h) / 2), width: w, height: h)
    }

    /// Clears an overlay's rectangle and a one-cell ring around it (above the status line), so the
    /// panes' borders behind never touch the overlay's own (`┌┌─`).
    func clearOverlay(_ g: inout Grid, _ s: AppState, _ r: Rect) {
        let x0 = max(0, r.x - 1), y0 = max(0, r.y - 1)
        let x1 = min(s.width, r.x + r.width + 1), y1 = min(s.height - 1, r.y + r.height + 1)
        g.fill(x: x0, y: y0, width: x1 - x0, height: y1 - y0, style: .normal)
        g.fill(x: r.x, y: r.y, width: r.width, height: r.height, style: .overlay)
    }

    func drawHelp(_ g: inout Grid, _ s: AppState, _ top: Int) {
        var lines: [(String, String, Bool)] = []
        for section in keymap.helpSections {
            if !lines.isEmpty { lines.append(("", "", false)) }
            lines.append((section.title, "", true))
            for row in section.rows { lines.append((row.keys, row.summary, false)) }
        }
        lines.append(("", "", false))
        lines.append(("Timeline columns", "", true))
        lines.append(("08-09 17:00", "the date at the precision the text gives (a range 08-11…14; Aug: the month only)", false))
        for f in data.fronts.fronts { lines.append((f.tag, "front: \(f.name)", false)) }
        lines.append(("3", "passages that tell the event (] and [ step through them)", false))
        lines.append(("[pub] [other]", "a publication date or another date (shown with p)", false))
        lines.append(("", "", false))
        lines.append(("Mouse", "", true))
        lines.append(("click", "focus a pane, select a row, an objective or a passage", false))
        lines.append(("wheel", "scroll the pane under the pointer (--no-mouse leaves the mouse to the terminal)", false))
        let keyW = min(22, lines.map { DisplayWidth.of($0.0) }.max() ?? 10)
        // Summaries wrap under themselves (not cut) at the overlay's width.
        let summaryW = max(8, min(s.width - 2, 76) - 2 - (2 + keyW + 2))
        lines = lines.flatMap { line -> [(String, String, Bool)] in
            guard !line.2 else { return [line] }
            let parts = wrapWords(line.1, summaryW)
            return [(line.0, parts.first ?? "", false)] + parts.dropFirst().map { ("", $0, false) }
        }
        let r = overlayRect(s, width: 76, height: lines.count + 2)
        clearOverlay(&g, s, r)
        g.addRegion(HitRegion(x: r.x, y: r.y, width: r.width, height: r.height, target: .pane(s.focus)))
        drawBox(&g, r, title: "Keys", info: lines.count > r.height - 2 ? "j k scroll · Esc closes" : "Esc closes", focused: true)
        let inner = r.inner
        guard inner.height > 0 else { return }
        let t = max(0, min(top, lines.count - inner.height))
        for (row, line) in lines.dropFirst(t).prefix(inner.height).enumerated() {
            let y = inner.y + row
            if line.2 {
                g.put(" " + line.0, x: inner.x, y: y, style: .overlayTitle, maxX: inner.x + inner.width)
            } else {
                let x = g.put("  " + padRight(fit(line.0, keyW), keyW), x: inner.x, y: y, style: .statusKey, maxX: inner.x + inner.width)
                g.put("  " + line.1, x: x, y: y, style: .overlay, maxX: inner.x + inner.width)
            }
        }
    }

    func drawList(_ g: inout Grid, _ s: AppState, _ list: ListOverlay) {
        let perRow = list.purpose == .searchResults || list.purpose == .conflicts ? 2 : 1
        let r = overlayRect(s, width: 120, height: max(3, min(s.height - 2, max(1, list.rows.count) * perRow + 2)))
        clearOverlay(&g, s, r)
        let info = list.rows.isEmpty ? "" : "\(list.selected + 1)/\(list.totalText ?? "\(list.rows.count)") · Enter opens · Esc closes"
        drawBox(&g, r, title: list.title, info: info, focused: true)
        let inner = r.inner
        guard inner.height > 0, inner.width > 2 else { return }
        let visibleRows = max(1, inner.height / perRow)
        var top = list.top
        if list.selected < top { top = list.selected }
        if list.selected >= top + visibleRows { top = list.selected - visibleRows + 1 }
        let right = inner.x + inner.width
        for k in 0..<visibleRows {
            let i = top + k
            guard i < list.rows.count else { break }
            let row = displayRow(s, list, i)
            let y = inner.y + k * perRow
            let sel = i == list.selected
            if sel { g.fill(x: inner.x, y: y, width: inner.width, height: perRow, style: .selected) }
            if list.purpose == .concordance, list.concordanceRows.indices.contains(i) {
                drawConcordanceLine(&g, list.concordanceRows[i], x: inner.x, y: y, width: inner.width, selected: sel)
                g.addRegion(HitRegion(x: inner.x, y: y, width: inner.width, height: perRow, target: .listRow(i)))
                continue
            }
            g.put(" " + fit(oneLine(row.title), inner.width - 1), x: inner.x, y: y, style: sel ? .selected : .header, maxX: right)
            g.addRegion(HitRegion(x: inner.x, y: y, width: inner.width, height: perRow, target: .listRow(i)))
            if perRow == 2 {
                var x = inner.x + 3
                let scalars = Array(row.context.unicodeScalars)
                // A snippet longer than the row ends in `…` (one column kept for it).
                let clipped = x + DisplayWidth.of(row.context) > right - 1
                let end = clipped ? right - 2 : right - 1
                var pos = 0
                for h in row.highlights + [scalars.count..<scalars.count] {
                    if h.lowerBound > pos {
                        x = g.put(String(String.UnicodeScalarView(scalars[pos..<h.lowerBound])), x: x, y: y + 1, style: sel ? .selected : .overlay, maxX: end)
                    }
                    if h.upperBound > h.lowerBound {
                        x = g.put(String(String.UnicodeScalarView(scalars[h.lowerBound..<h.upperBound])), x: x, y: y + 1, style: .match, maxX: end)
                    }
                    pos = h.upperBound
                }
                if clipped { g.put("…", x: min(x, end), y: y + 1, style: sel ? .selected : .dim, maxX: right) }
            }
        }
    }
}

/// Draws the text of source rows, styled as the source pane styles it (dates, places, formations,
/// search matches, the emphasis), each passage's scalars and styles computed once per frame.
struct SourceRowPainter {
    let explorer: Explorer
    let state: AppState
    /// The search's matches in the passages on screen, by ordinal.
    let matchRanges: [Int: [Range<Int>]]
    private var scalars: [Int: [Unicode.Scalar]] = [:]
    private var styles: [Int: [(Range<Int>, Style)]] = [:]

    init(explorer: Explorer, state: AppState, matchRanges: [Int: [Range<Int>]]) {
        self.explorer = explorer; self.state = state; self.matchRanges = matchRanges
    }

    /// The row's text from column `x` on line `y`, cut at `right`.
    mutating func draw(_ g: inout Grid, _ sr: SourceRow, x x0: Int, y: Int, right: Int) {
        let passage = explorer.corpus.passages[sr.passage]
        let text = scalars[sr.passage] ?? Array(passage.text.unicodeScalars)
        scalars[sr.passage] = text
        let spans = styles[sr.passage] ?? explorer.spanStyles(state, sr.passage, passage, matchRanges[sr.passage] ?? [])
        styles[sr.passage] = spans
        let base: Style = passage.isHeading ? .header : .normal
        var x = x0
        var run = String.UnicodeScalarView()
        var runStyle = base
        for i in sr.start..<sr.end {
            let st = explorer.style(at: i, spans, base)
            if st != runStyle, !run.isEmpty {
                x = g.put(String(run), x: x, y: y, style: runStyle, maxX: right)
                run = String.UnicodeScalarView()
            }
            runStyle = st
            run.append(text[i])
        }
        if !run.isEmpty { g.put(String(run), x: x, y: y, style: runStyle, maxX: right) }
    }
}
