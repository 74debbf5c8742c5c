import AugustCore

/// Moving and jumping: the focused pane's cursor, the jump history (Backspace, `L`), and the
/// scrolling that keeps every selection in view after anything moved or the size changed.
struct Navigation {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }

    /// Keep the selections in view after anything moved or the size changed.
    /// `passageMoved`: the current passage changed (scroll it into view); `context`: it was a jump
    /// (a mention, a match, history), so when it must scroll, show some of what comes before it.
    func fixScroll(_ s: inout AppState, passageMoved: Bool, context: Bool = false) {
        guard s.width > 0, s.height > 0, !corpus.passages.isEmpty else { return }
        // Timeline: the selection's row inside the pane, with its headers when they fit.
        let view = app.timeline.timelineView(s)
        let rows = view.rows
        let h = app.paneHeight(s, .timeline)
        if let sel = s.timelineSelection, let r = view.row(of: sel) {
            if r < s.timelineTop {
                var top = r
                while top > 0, !rows[top - 1].isItem, r - (top - 1) < h { top -= 1 }
                s.timelineTop = top
            } else if r >= s.timelineTop + h {
                s.timelineTop = r - h + 1
            }
        }
        s.timelineTop = max(0, min(s.timelineTop, max(0, rows.count - h)))
        // Source: the current passage's rows inside the pane.
        s.sourcePassage = max(0, min(s.sourcePassage, corpus.passages.count - 1))
        let (_, layout) = app.source.sourceLayout(s)
        if layout.firstRow[s.sourceTopPassage] == nil {
            s.sourceTopPassage = s.sourcePassage
            s.sourceTopRow = 0
        }
        let sh = app.paneHeight(s, .source)
        let top = app.source.sourceTop(s, layout)
        let first = layout.firstRow[s.sourcePassage] ?? 0
        let count = layout.rowCount[s.sourcePassage] ?? 1
        var newTop = top
        if passageMoved {
            if first < top || count > sh { newTop = first } else if first + count > top + sh { newTop = first + count - sh }
            let visible = first >= top && first + count <= top + sh
            if context, !visible, count < sh {
                newTop = max(0, first - min(max(2, sh / 4), sh - count))
            }
            // Show the emphasised line when the passage is taller than the pane.
            if count > sh, let e = s.emphasis, e.passage == s.sourcePassage,
               let row = (first..<(first + count)).first(where: { layout.rows[$0].end > e.start }), row >= first + sh {
                newTop = row - sh / 3
            }
        } else if first + count <= top || first >= top + sh {
            // The current passage scrolled out (resize): bring it back.
            newTop = first
        }
        app.source.setSourceTop(&s, layout, newTop)
    }

    func move(_ s: inout AppState, by n: Int, page: Bool = false) {
        switch s.focus {
        case .timeline: app.timeline.moveInTimeline(&s, by: n)
        case .fronts:
            let before = s.frontsSelection
            app.frontsPane.move(&s, by: n)
            if s.frontsSelection != before { app.frontsKeys.previewObjective(&s) }
        case .source: app.source.moveInSource(&s, by: n, page: page)
        case .map, .list, .bookmarkList, .prompt: break
        }
    }

    func moveToEnd(_ s: inout AppState, first: Bool) {
        switch s.focus {
        case .timeline: app.timeline.timelineToEnd(&s, first: first)
        case .fronts:
            let before = s.frontsSelection
            app.frontsPane.moveToEnd(&s, first: first)
            if s.frontsSelection != before { app.frontsKeys.previewObjective(&s) }
        case .source: app.source.sourceToEnd(&s, first: first)
        case .map, .list, .bookmarkList, .prompt: break
        }
    }

    /// Move the source pane to a passage, remembering where we were (for Backspace / Ctrl-O).
    func jump(_ s: inout AppState, to passage: Int, emphasis: Emphasis?, focus pane: Pane = .source) {
        pushHistory(&s)
        s.sourcePassage = passage
        s.emphasis = emphasis
        app.focus(&s, pane)
        fixScroll(&s, passageMoved: true, context: true)
    }

    func pushHistory(_ s: inout AppState) {
        if s.historyIndex < s.history.count { s.history.removeSubrange(s.historyIndex...) }
        s.history.append(s.location)
        if s.history.count > 200 { s.history.removeFirst() }
        s.historyIndex = s.history.count
    }

    func back(_ s: inout AppState) {
        guard s.historyIndex > 0 else { s.message = "no earlier jump"; return }
        if s.historyIndex == s.history.count { s.history.append(s.location) } else { s.history[s.historyIndex] = s.location }
        s.historyIndex -= 1
        s.restore(s.history[s.historyIndex])
        fixScroll(&s, passageMoved: false)
    }

    func forward(_ s: inout AppState) {
        guard s.historyIndex < s.history.count - 1 else { s.message = "no later jump"; return }
        s.history[s.historyIndex] = s.location
        s.historyIndex += 1
        s.restore(s.history[s.historyIndex])
        fixScroll(&s, passageMoved: false)
    }
}
