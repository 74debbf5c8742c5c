import AugustCore
import AugustMap

/// Clicks and the wheel: hit-tested from the layout (the panes' rectangles and their rows), never from a rendered screen.
struct MouseInput {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }

    func mouse(_ s: inout AppState, _ button: MouseButton, _ x: Int, _ y: Int) {
        if s.prompt != nil || s.notePrompt != nil { return }        // typing a query or a note: the mouse waits
        let target = target(s, x: x, y: y)
        if s.overlay != nil, button == .left {
            // With a list or the help open, only its rows answer; a click elsewhere closes it.
            if case .listRow = target {} else { s.overlay = nil; return }
        }
        switch button {
        case .left:
            guard let target else { return }
            switch target {
            case .pane(let p), .tab(let p): if s.overlay == nil { app.focus(&s, p) }
            case .timelineItem(let i):
                app.focus(&s, .timeline)
                app.timeline.select(&s, item: i, preview: true)
            case .passage(let o):
                app.focus(&s, .source)
                s.sourcePassage = o
            case .objective(let k):
                app.focus(&s, .fronts)
                if s.frontsSelection != k {
                    s.frontsSelection = k
                    app.frontsKeys.previewObjective(&s)
                }
            case .mapPlace(let id):
                app.focus(&s, .fronts)
                if s.map.place == id {
                    app.mapPane.eventsOfMapPlace(&s)     // a second click on the selected place: its events
                } else if let p = data.mapScene.places.first(where: { $0.id == id }) {
                    s.map.place = id
                    s.message = "\(p.name): named in \(p.mentions) \(p.mentions == 1 ? "passage" : "passages") · Enter or click again: its events"
                }
            case .listRow(let r):
                if case .list(var list) = s.overlay {
                    list.selected = r
                    s.overlay = nil
                    app.overlayKeys.activate(&s, list, r)
                } else if case .bookmarks = s.overlay {
                    app.bookmarksPanel.bookmarksKey(&s, BookmarkList(selected: r), .enter)
                }
            }
        case .wheelUp, .wheelDown:
            let n = button == .wheelDown ? 3 : -3
            if case .list(var list) = s.overlay {
                list.selected = max(0, min(list.rows.count - 1, list.selected + n))
                s.overlay = .list(list)
                app.searchFlow.fillList(&s, list)
                return
            }
            if case .help(let top) = s.overlay { s.overlay = .help(top: max(0, top + n)); return }
            if case .bookmarks(let list) = s.overlay {
                s.overlay = .bookmarks(BookmarkList(selected: max(0, min(s.bookmarks.count - 1, list.selected + n))))
                return
            }
            if s.overlay == nil, s.showMap, app.paneRect(s, .fronts).contains(x, y), app.layout(s).panes[.fronts] != nil {
                app.mapPane.zoomMap(&s, by: button == .wheelUp ? 1.25 : 0.8)    // the wheel zooms the map
                return
            }
            var pane = s.focus
            switch target {
            case .pane(let p), .tab(let p): pane = p
            case .timelineItem: pane = .timeline
            case .passage: pane = .source
            case .objective, .mapPlace: pane = .fronts
            default: break
            }
            let saved = s.focus
            s.focus = pane
            app.navigation.move(&s, by: n, page: pane == .source)
            s.focus = saved
        }
    }

    /// The target under (x, y) in state `s`: an overlay's row while one is open (nil elsewhere),
    /// else a tab, a pane's row, objective, place or passage, else the pane itself.
    func target(_ s: AppState, x: Int, y: Int) -> HitTarget? {
        let l = app.layout(s)
        guard l.mode != .tooSmall else { return nil }
        switch s.overlay {
        case .list(let list):
            let g = app.overlays.listGeometry(s, list)
            return rowTarget(in: g.rect.inner, x: x, y: y, top: g.top, perRow: g.perRow, visible: g.visible, count: list.rows.count)
        case .bookmarks(let list):
            let g = app.overlays.bookmarksGeometry(s, list)
            return rowTarget(in: g.rect.inner, x: x, y: y, top: g.top, perRow: 2, visible: g.visible, count: s.bookmarks.count)
        case .help:
            return nil
        case nil: break
        }
        if let bar = l.tabBar, bar.contains(x, y) { return tabTarget(s, bar, x: x) }
        for (pane, rect) in l.panes where rect.contains(x, y) {
            let inner = rect.inner
            guard inner.contains(x, y) else { return .pane(pane) }
            switch pane {
            case .timeline:
                let rows = app.timeline.timelineView(s).rows
                let idx = s.timelineTop + (y - inner.y)
                if rows.indices.contains(idx), case .item(let i) = rows[idx] { return .timelineItem(i) }
            case .fronts, .map:
                if s.showMap {
                    if let id = app.mapPane.mapFrame(s, inner).place(atCol: x - inner.x, row: y - inner.y) { return .mapPlace(id) }
                } else if let k = app.frontsPane.objective(atX: x, y: y, s, rect, focused: s.focus == .fronts) {
                    return .objective(k)
                }
            case .source:
                if let p = sourcePassage(s, inner, x: x, y: y) { return .passage(p) }
            case .list, .bookmarkList, .prompt: break
            }
            return .pane(pane)
        }
        return nil
    }

    func rowTarget(in inner: Rect, x: Int, y: Int, top: Int, perRow: Int, visible: Int, count: Int) -> HitTarget? {
        guard inner.contains(x, y) else { return nil }
        let k = (y - inner.y) / max(1, perRow)
        let i = top + k
        return k < visible && i >= 0 && i < count ? .listRow(i) : nil
    }

    func tabTarget(_ s: AppState, _ bar: Rect, x: Int) -> HitTarget? {
        var at = bar.x
        for p in Pane.screenPanes {
            let w = DisplayWidth.of(tabLabel(s, p))
            if x >= at && x < at + w { return .tab(p) }
            at += w + 1
        }
        return nil
    }

    func tabLabel(_ s: AppState, _ p: Pane) -> String {
        " \(p.rawValue + 1) \(p == .fronts && s.showMap ? Pane.map.title : p.title) "
    }

    /// The passage on the source pane's row at y (in the side-by-side view, in the column at x).
    func sourcePassage(_ s: AppState, _ inner: Rect, x: Int, y: Int) -> Int? {
        let row = y - inner.y
        if let (active, other) = app.parallelView.parallelColumns(s) {
            let colW = app.parallelView.parallelColumnWidth(s)
            guard colW > 3, x != inner.x + colW else { return nil }
            let leftDoc = min(active, other), rightDoc = max(active, other)
            let doc = x < inner.x + colW ? leftDoc : rightDoc
            let w = colW - 2
            let layout = data.layoutCache.layout(document: doc, width: w, corpus: corpus)
            let top = doc == active ? app.source.sourceTop(s, layout) : app.parallelView.counterpartTop(s, active: active, other: other)
            let idx = top + row
            guard idx >= 0, idx < layout.rows.count, layout.rows[idx].passage >= 0 else { return nil }
            return layout.rows[idx].passage
        }
        let (_, layout) = app.source.sourceLayout(s)
        let idx = app.source.sourceTop(s, layout) + row
        guard idx < layout.rows.count, layout.rows[idx].passage >= 0 else { return nil }
        return layout.rows[idx].passage
    }
}
