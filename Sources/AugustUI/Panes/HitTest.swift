import AugustCore

// What a click lands on, from the layout (the panes' rectangles and each pane's own rows) —
// never by rendering the screen.

extension Explorer {
    /// The target under (x, y) in state `s`: an overlay's row while one is open (nil elsewhere),
    /// else a tab, a pane's row, objective, place or passage, else the pane itself.
    func target(_ s: AppState, x: Int, y: Int) -> HitTarget? {
        let l = layout(s)
        guard l.mode != .tooSmall else { return nil }
        switch s.overlay {
        case .list(let list):
            let g = listGeometry(s, list)
            return rowTarget(in: g.rect.inner, x: x, y: y, top: g.top, perRow: g.perRow, visible: g.visible, count: list.rows.count)
        case .bookmarks(let list):
            let g = bookmarksGeometry(s, list)
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
                let rows = timelineView(s).rows
                let idx = s.timelineTop + (y - inner.y)
                if rows.indices.contains(idx), case .item(let i) = rows[idx] { return .timelineItem(i) }
            case .fronts, .map:
                if s.showMap {
                    if let id = mapFrame(s, inner).place(atCol: x - inner.x, row: y - inner.y) { return .mapPlace(id) }
                } else if let k = frontsPane.objective(atX: x, y: y, s, rect, focused: s.focus == .fronts) {
                    return .objective(k)
                }
            case .source:
                if let p = sourcePassage(s, inner, x: x, y: y) { return .passage(p) }
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
        if let (active, other) = parallelColumns(s) {
            let colW = parallelColumnWidth(s)
            guard colW > 3, x != inner.x + colW else { return nil }
            let leftDoc = min(active, other), rightDoc = max(active, other)
            let doc = x < inner.x + colW ? leftDoc : rightDoc
            let w = colW - 2
            let layout = data.layoutCache.layout(document: doc, width: w, corpus: corpus)
            let top = doc == active ? sourceTop(s, layout) : counterpartTop(s, active: active, other: other)
            let idx = top + row
            guard idx >= 0, idx < layout.rows.count, layout.rows[idx].passage >= 0 else { return nil }
            return layout.rows[idx].passage
        }
        let (_, layout) = sourceLayout(s)
        let idx = sourceTop(s, layout) + row
        guard idx < layout.rows.count, layout.rows[idx].passage >= 0 else { return nil }
        return layout.rows[idx].passage
    }

    /// Where a list overlay stands: its rectangle, lines a row, first row shown, rows shown.
    func listGeometry(_ s: AppState, _ list: ListOverlay) -> (rect: Rect, perRow: Int, top: Int, visible: Int) {
        let perRow = list.purpose == .searchResults || list.purpose == .conflicts ? 2 : 1
        let r = overlayRect(s, width: 120, height: max(3, min(s.height - 2, max(1, list.rows.count) * perRow + 2)))
        let visible = max(1, r.inner.height / perRow)
        var top = list.top
        if list.selected < top { top = list.selected }
        if list.selected >= top + visible { top = list.selected - visible + 1 }
        return (r, perRow, top, visible)
    }

    /// Where the bookmarks overlay stands: its rectangle, first entry shown, entries shown.
    func bookmarksGeometry(_ s: AppState, _ list: BookmarkList) -> (rect: Rect, top: Int, visible: Int) {
        let n = s.bookmarks.count
        let r = overlayRect(s, width: 120, height: max(3, min(s.height - 2, max(1, n) * 2 + 2)))
        let visible = max(1, r.inner.height / 2)
        return (r, max(0, min(list.selected - visible + 1, n - visible)), visible)
    }
}
