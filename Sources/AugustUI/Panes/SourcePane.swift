import AugustCore
import AugustMap

/// The source pane (`3`): the shown passage in its document, word-wrapped and scrolled, styled (dates, places, formations, matches, the statement that led here).
struct SourcePane {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }

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
        if let a = corpus.article(of: p), !a.title.isEmpty { parts.append(Chrome.fit(a.title, 40)) }
        parts.append("¶\(p.number)")
        return parts.joined(separator: " · ")
    }

    func drawSource(_ g: inout Grid, _ s: AppState, _ r: Rect) {
        let focused = s.focus == .source
        guard !corpus.passages.isEmpty else {
            Chrome.drawBox(&g, r, title: "Source", focused: focused)
            return
        }
        if let (active, other) = app.parallelView.parallelColumns(s) { app.parallelView.drawParallel(&g, s, r, active: active, other: other); return }
        Chrome.drawBox(&g, r, title: passageLabel(s.sourcePassage), focused: focused)
        let inner = r.inner
        guard inner.width > 2, inner.height > 0 else { return }
        let (_, layout) = sourceLayout(s)
        let top = sourceTop(s, layout)
        let right = inner.x + inner.width
        // The search's highlights in the passages on screen (only those are looked up).
        let shown = layout.rows[min(top, layout.rows.count)..<min(layout.rows.count, top + inner.height)].map(\.passage).filter { $0 >= 0 }
        var painter = SourceRowPainter(explorer: app, state: s,
                                       matchRanges: shown.isEmpty ? [:] : app.searchFlow.visibleMatchRanges(s, in: shown.min()!...shown.max()!))
        let marked = app.bookmarksPanel.bookmarkedPassages(s)
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
        for span in data.styling.spans(of: ordinal) where span.start < span.end {
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

    /// Columns of text in the source pane (inside the border, after the 2-column gutter).
    func sourceTextWidth(_ s: AppState) -> Int {
        if app.parallelView.parallelColumns(s) != nil { return max(1, app.parallelView.parallelColumnWidth(s) - 2) }  // side by side (`t`)
        return max(1, app.paneRect(s, .source).inner.width - 2)
    }

    func sourceLayout(_ s: AppState) -> (doc: Int, layout: DocumentLayout) {
        let d = app.documentIndex(ofPassage: s.sourcePassage)
        return (d, data.layoutCache.layout(document: d, width: sourceTextWidth(s), corpus: corpus))
    }

    /// First visible row of the source pane, in document rows.
    func sourceTop(_ s: AppState, _ layout: DocumentLayout) -> Int {
        guard let first = layout.firstRow[s.sourceTopPassage] else { return 0 }
        return max(0, min(first + s.sourceTopRow, max(0, layout.rows.count - 1)))
    }

    func setSourceTop(_ s: inout AppState, _ layout: DocumentLayout, _ row: Int) {
        guard !layout.rows.isEmpty else { return }
        let height = app.paneHeight(s, .source)
        let r = max(0, min(row, max(0, layout.rows.count - height)))
        var p = layout.rows[r].passage
        if p < 0 { p = r + 1 < layout.rows.count ? layout.rows[r + 1].passage : layout.rows[max(0, r - 1)].passage }
        s.sourceTopPassage = p
        s.sourceTopRow = r - (layout.firstRow[p] ?? r)
    }

    func moveInSource(_ s: inout AppState, by n: Int, page: Bool) {
        guard !corpus.passages.isEmpty else { return }
        if page {
            let (_, layout) = sourceLayout(s)
            let top = sourceTop(s, layout)
            setSourceTop(&s, layout, top + n)
            // Keep the current passage on screen: take the first (or last) one visible.
            let newTop = sourceTop(s, layout)
            let sh = app.paneHeight(s, .source)
            let first = layout.firstRow[s.sourcePassage] ?? 0
            let count = layout.rowCount[s.sourcePassage] ?? 1
            if first + count <= newTop || first >= newTop + sh {
                let visible = layout.rows[newTop..<min(layout.rows.count, newTop + sh)].map(\.passage).filter { $0 >= 0 }
                if let p = n > 0 ? visible.first : visible.last { s.sourcePassage = p }
            }
            app.navigation.fixScroll(&s, passageMoved: false)
        } else {
            let next = max(0, min(corpus.passages.count - 1, s.sourcePassage + n))
            s.sourcePassage = next
            app.navigation.fixScroll(&s, passageMoved: true)
        }
    }

    func sourceToEnd(_ s: inout AppState, first: Bool) {
        guard !corpus.passages.isEmpty else { return }
        let doc = corpus.documents[app.documentIndex(ofPassage: s.sourcePassage)]
        if let p = first ? doc.passages.first : doc.passages.last, let o = corpus.passageOrdinal(id: p.id) {
            s.sourcePassage = o
        }
        app.navigation.fixScroll(&s, passageMoved: true)
    }

    func eventsOfPassage(_ s: inout AppState) {
        let items = data.itemsByPassage[s.sourcePassage]
        if items.isEmpty { s.message = "no dated event is told in this passage"; return }
        if items.count == 1 { app.timeline.selectFromPassage(&s, item: items[0]); return }
        let rows = items.map { i -> ListOverlay.Row in
            let it = data.timeline[i]
            return ListOverlay.Row(title: "\(it.dateLabel)  \(it.title)", context: "", highlights: [], passage: nil, item: i)
        }
        s.overlay = .list(ListOverlay(purpose: .eventsOfPassage, title: "Events told in this passage", rows: rows))
    }
}
