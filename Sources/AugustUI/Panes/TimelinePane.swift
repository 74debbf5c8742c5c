import AugustCore
import AugustMap

/// The timeline pane (`1`): the dated events in order under year and day headers, its cursor, its `f` filter and the jumps from an event to its tellings.
struct TimelinePane {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }

    func drawTimeline(_ g: inout Grid, _ s: AppState, _ r: Rect) {
        let view = timelineView(s)
        let rows = view.rows
        let items = view.items
        var info = ""
        if let t = s.timelineFilter { info = "filter \(t) · \(filterCount(s))" }
        if let f = s.placeFilter { info += info.isEmpty ? "at \(f.name)" : " · at \(f.name)" }
        if s.showAllKinds { info += info.isEmpty ? "all kinds" : " · all kinds" }
        if app.layout(s).mode == .stacked { info += info.isEmpty ? "2 shows Fronts" : " · 2 shows Fronts" }
        Chrome.drawBox(&g, r, title: "Timeline", info: info, focused: s.focus == .timeline)
        let inner = r.inner
        guard inner.width > 0, inner.height > 0 else { return }
        if items.isEmpty {
            let msg: String
            if data.timeline.isEmpty { msg = "No dated events in this corpus." }
            else if let t = s.timelineFilter { msg = "No event matches \(t). Esc clears the filter." }
            else if let f = s.placeFilter { msg = "No event names \(f.name). Esc clears the filter." }
            else { msg = "Only publication and other dates here: p shows them." }
            g.put(Chrome.fit(msg, inner.width - 1), x: inner.x + 1, y: inner.y, style: .dim, maxX: inner.x + inner.width)
            return
        }
        // Column widths from the visible items (computed with the view, once).
        let dateW = view.dateWidth, tagW = view.tagWidth, countW = view.countWidth
        let right = inner.x + inner.width
        let marked = app.bookmarksPanel.bookmarkedItems(s)
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
                x = g.put(Chrome.padRight(Chrome.fit(item.dateLabel, dateW), dateW), x: x, y: y, style: selected ? base : .date, maxX: right)
                x += 1
                if tagW > 0 {
                    x = g.put(Chrome.padRight(Chrome.fit(tag(of: item), tagW), tagW), x: x, y: y, style: selected ? base : .unit, maxX: right)
                    x += 1
                }
                x = g.put(Chrome.padLeft("\(item.mentionCount)", countW), x: x, y: y, style: selected ? base : .dim, maxX: right)
                x += 1
                let kindMark = item.kind == .event ? "" : (item.kind == .publication ? "[pub] " : "[other] ")
                if item.hasConflicts { x = g.put("≠ ", x: x, y: y, style: selected ? base : .match, maxX: right) }
                g.put(Chrome.fit(kindMark + Chrome.oneLine(item.title), right - x), x: x, y: y, style: base, maxX: right)
                g.addRegion(HitRegion(x: inner.x, y: y, width: inner.width, height: 1, target: .timelineItem(i)))
            }
        }
    }

    func tag(of item: TimelineItem) -> String { data.tag(of: item) }

    /// `12/107`: the items the text filter leaves, of those the other toggles show.
    func filterCount(_ s: AppState) -> String {
        "\(timelineView(s).items.count)/\(data.timelineView(showAll: s.showAllKinds, placeFilter: s.placeFilter?.id).items.count)"
    }

    /// The timeline as the state shows it (kinds toggle, place filter, `f` filter).
    func timelineView(_ s: AppState) -> TimelineView {
        data.timelineView(showAll: s.showAllKinds, placeFilter: s.placeFilter?.id, text: s.timelineFilter)
    }

    /// Keys while the `f` filter is typed: every change narrows the timeline at once.
    func filterKey(_ s: inout AppState, _ key: Key) {
        guard var p = s.filterPrompt else { return }
        if p.pane == .fronts { app.frontsKeys.frontsFilterKey(&s, &p, key); return }
        let page = max(1, app.paneHeight(s, .timeline) - 1)
        switch app.keymap.command(for: key, in: .prompt) {
        case .promptCancel:
            s.filterPrompt = nil
            s.timelineFilter = nil
            if let sel = p.beforeSelection { s.timelineSelection = sel }
            reselectVisible(&s)
            s.message = "filter cleared"
            return
        case .promptAccept:
            s.filterPrompt = nil
            if TimelineView.terms(p.text).isEmpty { s.timelineFilter = nil }
            return
        // Moving while typing, as in fzf.
        case .listDown: app.navigation.move(&s, by: 1); return
        case .listUp: app.navigation.move(&s, by: -1); return
        case .listPageDown: app.navigation.move(&s, by: page, page: true); return
        case .listPageUp: app.navigation.move(&s, by: -page, page: true); return
        default:
            guard LineEdit.apply(key, app.keymap, to: &p.text) else { return }
        }
        s.filterPrompt = p
        s.timelineFilter = TimelineView.terms(p.text).isEmpty ? nil : p.text
        // The first visible item from the top, so the reader sees the best narrowing at once.
        let items = timelineView(s).items
        if let sel = s.timelineSelection, items.contains(sel) {} else if let first = items.first {
            select(&s, item: first, preview: true)
        }
        app.navigation.fixScroll(&s, passageMoved: false)
    }

    func moveInTimeline(_ s: inout AppState, by n: Int) {
        let view = timelineView(s)
        let items = view.items
        guard !items.isEmpty else { return }
        let cur = s.timelineSelection.flatMap { view.position(of: $0) } ?? 0
        let next = max(0, min(items.count - 1, cur + n))
        select(&s, item: items[next], preview: true)
        app.navigation.fixScroll(&s, passageMoved: false)
    }

    func timelineToEnd(_ s: inout AppState, first: Bool) {
        let items = timelineView(s).items
        if let i = first ? items.first : items.last { select(&s, item: i, preview: true) }
        app.navigation.fixScroll(&s, passageMoved: false)
    }

    /// Selects a timeline item. With `preview` (the reader moving through the timeline), the
    /// source pane follows: it shows the item's first telling, marked, without a history entry
    /// (lazygit's main panel, tig's split view). Jumps that choose their own passage pass false.
    func select(_ s: inout AppState, item: Int, preview: Bool = false) {
        let changed = s.timelineSelection != item
        if changed { s.mentionIndex = 0 }
        s.timelineSelection = item
        // The map's day follows the selected event (when the event is dated to a day).
        if changed, let day = app.mapPane.dayInRange(DateFormat.isoDay(data.timeline[item].date.first)) { s.map.day = day }
        guard preview, changed else { return }
        let ords = data.mentionOrdinals[item]
        guard let i = ords.firstIndex(where: { $0 >= 0 }) else { return }
        let m = data.timeline[item].mentions[i]
        s.mentionIndex = i
        s.sourcePassage = ords[i]
        s.emphasis = Emphasis(passage: ords[i], start: m.start, end: m.end)
        app.navigation.fixScroll(&s, passageMoved: true)
    }

    /// After the visible set changed, keep the selection if visible, else take the nearest item.
    func reselectVisible(_ s: inout AppState) {
        let view = timelineView(s)
        if let sel = s.timelineSelection, view.position(of: sel) != nil {
            app.navigation.fixScroll(&s, passageMoved: false)
            return
        }
        let sel = s.timelineSelection ?? 0
        let next = view.firstItem(atOrAfter: sel) ?? view.items.last
        s.timelineSelection = next
        s.mentionIndex = 0
        s.timelineTop = 0
        app.navigation.fixScroll(&s, passageMoved: false)
    }

    func jumpToMention(_ s: inout AppState, index: Int) {
        guard let sel = s.timelineSelection else { s.message = "no event selected"; return }
        let item = data.timeline[sel]
        let ords = data.mentionOrdinals[sel]
        guard index >= 0, index < ords.count, ords[index] >= 0 else {
            s.message = "this event has no passage in the corpus"
            return
        }
        s.mentionIndex = index
        let m = item.mentions[index]
        app.navigation.jump(&s, to: ords[index], emphasis: Emphasis(passage: ords[index], start: m.start, end: m.end))
    }

    func stepMention(_ s: inout AppState, by n: Int) {
        guard let sel = s.timelineSelection else { s.message = "no event selected"; return }
        let count = data.mentionOrdinals[sel].count
        if count == 0 { s.message = "this event has no passage in the corpus"; return }
        // Where are we? On a mention of this event, step from it; else start at the first/last.
        let onMention = data.mentionOrdinals[sel].indices.contains(s.mentionIndex)
            && data.mentionOrdinals[sel][s.mentionIndex] == s.sourcePassage
        let target = onMention ? s.mentionIndex + n : (n > 0 ? 0 : count - 1)
        if target >= count { s.message = "last mention (\(count)/\(count))"; return }
        if target < 0 { s.message = "first mention (1/\(count))"; return }
        jumpToMention(&s, index: target)
    }

    /// Select an event from the passage that tells it; its mention index points at this passage.
    func selectFromPassage(_ s: inout AppState, item: Int) {
        app.navigation.pushHistory(&s)
        if data.timeline[item].kind != .event { s.showAllKinds = true }
        if let f = s.placeFilter, !data.timeline[item].placeIDs.contains(f.id) { s.placeFilter = nil }
        s.timelineSelection = item
        s.mentionIndex = data.mentionOrdinals[item].firstIndex(of: s.sourcePassage) ?? 0
        let m = data.timeline[item].mentions[s.mentionIndex]
        s.emphasis = Emphasis(passage: s.sourcePassage, start: m.start, end: m.end)
        app.focus(&s, .timeline)
        app.navigation.fixScroll(&s, passageMoved: true)
    }

    func filterByObjective(_ s: inout AppState) {
        guard data.flatObjectives.indices.contains(s.frontsSelection) else { s.message = "no objective to choose"; return }
        let (f, a, o) = data.flatObjectives[s.frontsSelection]
        let obj = data.fronts.fronts[f].axes[a].objectives[o]
        narrowTimeline(&s, toPlace: obj.placeID, name: obj.name)
    }

    /// The timeline narrowed to the events at a place (the status line names it; Esc clears),
    /// its first event selected.
    func narrowTimeline(_ s: inout AppState, toPlace id: String, name: String) {
        s.placeFilter = (id, name)
        app.focus(&s, .timeline)
        let items = data.visibleItems(showAll: s.showAllKinds, placeFilter: id, text: s.timelineFilter)
        if let first = items.first {
            select(&s, item: first)
        } else {
            s.message = "no event names \(name)"
        }
        s.timelineTop = 0
        app.navigation.fixScroll(&s, passageMoved: false)
    }

    /// The selected event, for the commands that act on it (`C`, `w`); nil, said in the status
    /// line, when none is selected.
    func selectedEvent(_ s: inout AppState) -> TimelineItem? {
        guard let sel = s.timelineSelection, data.timeline.indices.contains(sel) else {
            s.message = "select an event first"
            return nil
        }
        return data.timeline[sel]
    }
}
