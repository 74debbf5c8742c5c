import AugustCore

// The search as `update` sees it: keys ask for `SearchWork` (values), answers come back as
// `Input.answer` and move the state. No query runs here.

/// The search as the explorer's state moves with it.
struct SearchFlow {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }
    var searchService: SearchService { SearchService(data: data) }

    /// The highlighted ranges of a matching passage (tokenizing the passage; no query).
    func matchRanges(_ search: ActiveSearch, _ p: Int) -> [Range<Int>] { searchService.matchRanges(search, p) }

    /// Go to a match: the source pane shows it emphasised, and it becomes the current one.
    func goToMatch(_ s: inout AppState, _ search: ActiveSearch, passage p: Int, range: Range<Int>, rank: Int?) {
        var search = search
        search.current = .init(passage: p, start: range.lowerBound, rank: rank)
        s.search = search
        s.sourcePassage = p
        s.emphasis = Emphasis(passage: p, start: range.lowerBound, end: range.upperBound)
        app.navigation.fixScroll(&s, passageMoved: true, context: true)
    }

    /// `n` / `N`: asks for the next (previous) match after (before) the cursor.
    func stepMatch(_ s: inout AppState, forward: Bool) {
        guard let search = s.search else { s.message = "no search yet: press / to search"; return }
        guard !search.isEmpty else { s.message = "no match for \(Explorer.clipped(search.text))"; return }
        let p = max(0, min(s.sourcePassage, corpus.passages.count - 1))
        let cursorStart = (s.emphasis?.passage == p ? s.emphasis?.start : nil) ?? (forward ? -1 : Int.max)
        if s.focus != .source { app.focus(&s, .source) }
        s.work.append(.step(search, forward: forward, passage: p, cursorStart: cursorStart))
    }

    /// `s`: asks for the matching passages, best first (or in corpus order when too many to rank).
    func openSearchList(_ s: inout AppState) {
        guard let search = s.search else { return }
        s.work.append(.list(search))
    }

    /// Asks for the next rows of a lazy search list when the selection nears the end of those loaded.
    func fillList(_ s: inout AppState, _ list: ListOverlay) {
        guard let lazy = list.lazy, lazy.more, list.selected + 20 >= list.rows.count,
              let last = list.rows.last?.passage else { return }
        let work = SearchWork.moreRows(lazy.query, after: last)
        if !s.work.contains(work) { s.work.append(work) }
    }

    /// `K`: asks for the current search's matches in context.
    func openConcordance(_ s: inout AppState) {
        guard let search = s.search, !search.isEmpty, data.index != nil else {
            s.message = "no search: / a word first, then K shows its matches in context"
            return
        }
        s.work.append(.concordance(search))
    }

    /// The passages the source pane shows (its active column in the side-by-side view).
    func visibleSourceRange(_ s: AppState) -> ClosedRange<Int>? {
        guard s.width > 0, s.height > 0, !corpus.passages.isEmpty, app.layout(s).panes[.source] != nil else { return nil }
        let (_, layout) = app.source.sourceLayout(s)
        let top = app.source.sourceTop(s, layout)
        let rows = layout.rows[min(top, layout.rows.count)..<min(layout.rows.count, top + app.paneHeight(s, .source))]
        let shown = rows.map(\.passage).filter { $0 >= 0 }
        guard let lo = shown.min(), let hi = shown.max() else { return nil }
        return lo...hi
    }

    /// When the search's window does not cover what the source pane shows, ask for it (the
    /// highlights are drawn from the window only).
    func requestCover(_ s: inout AppState) {
        guard let search = s.search, !search.isEmpty, data.index != nil, let range = visibleSourceRange(s) else { return }
        if search.window.covers(range.lowerBound), search.window.covers(range.upperBound) { return }
        if s.work.contains(where: { if case .cover = $0 { return true } else { return false } }) { return }
        s.work.append(.cover(search, range))
    }

    /// A search answer moves the state as the key that asked for it meant.
    func apply(_ s: inout AppState, _ answer: SearchAnswer) {
        switch answer {
        case .typed(let text, let found, let error):
            guard var p = s.prompt, p.text == text else { return }     // typed on since: stale
            if let error {
                // Still failing: nothing moved since the last key (the place we started from is
                // shown), so only the message changes.
                let alreadyFailing = p.error != nil && s.search == nil
                p.error = error
                s.prompt = p
                if alreadyFailing { return }
                s.restore(p.beforeLocation)
                s.search = nil
            } else {
                s.restore(p.beforeLocation)
                p.error = nil
                s.search = found
                if let found, let c = found.current {
                    let range = matchRanges(found, c.passage).first { $0.lowerBound == c.start } ?? c.start..<c.start
                    goToMatch(&s, found, passage: c.passage, range: range, rank: c.rank)
                }
            }
            s.prompt = p
            app.navigation.fixScroll(&s, passageMoved: true)
        case .stepped(let search, let passage, let range, let rank, let wrapped):
            guard let passage else { s.search = search; return }
            goToMatch(&s, search, passage: passage, range: range, rank: rank)
            if let wrapped { s.message = wrapped }
        case .list(let search, let ordinals, let ranked, let error):
            if let error { s.message = "search failed: \(error)"; s.messageIsError = true; return }
            let rows = ordinals.map { ListOverlay.Row(title: "", context: "", highlights: [], passage: $0, item: nil) }
            let noun = search.passageCount == 1 ? "passage" : "passages"
            let order = ranked ? "best first" : "in corpus order (too many to rank: narrow the query)"
            let count = search.countIsExact ? "\(search.passageCount)" : "More than \(ActiveSearch.countBound)"
            let also = search.added.isEmpty ? "" : " (with other names: \(search.added.joined(separator: ", ")))"
            var list = ListOverlay(purpose: .searchResults, title: "\(count) \(noun) match \(search.text)\(also) — \(order)", rows: rows)
            list.totalText = search.countText
            if !ranked { list.lazy = .init(query: search.query, more: ordinals.count == SearchService.listWindowSize) }
            s.overlay = .list(list)
        case .moreRows(let after, let ordinals, let more):
            guard case .list(var list) = s.overlay, list.rows.last?.passage == after, list.lazy != nil else { return }
            list.rows += ordinals.map { ListOverlay.Row(title: "", context: "", highlights: [], passage: $0, item: nil) }
            list.lazy?.more = more
            s.overlay = .list(list)
            fillList(&s, list)
        case .concordance(let query, let lines):
            s.overlay = .list(app.overlayKeys.concordanceList(lines, sort: .corpus, query: query))
        case .opened(let found, let p, let range):
            guard let range else { app.navigation.jump(&s, to: p, emphasis: nil); return }
            app.navigation.jump(&s, to: p, emphasis: Emphasis(passage: p, start: range.lowerBound, end: range.upperBound))
            s.search = found
        case .covered(let found):
            guard var search = s.search, search.query == found.query, search.text == found.text else { return }
            search.window = found.window
            s.search = search
        }
    }

    /// A row of a list as drawn: a search list's rows get their label and excerpt from the passage.
    public func displayRow(_ s: AppState, _ list: ListOverlay, _ i: Int) -> ListOverlay.Row {
        let row = list.rows[i]
        guard list.purpose == .searchResults, row.title.isEmpty, let p = row.passage, let search = s.search else { return row }
        let ranges = matchRanges(search, p).filter { !$0.isEmpty }
        let (ctx, hl) = app.prompts.snippet(corpus.passages[p].text, ranges, width: 150)
        return ListOverlay.Row(title: app.passageLabel(p), context: ctx, highlights: hl, passage: p, item: nil)
    }

    /// The matching passages' highlights among the passages `range` (for drawing the source pane):
    /// those the search's window holds.
    func visibleMatchRanges(_ s: AppState, in range: ClosedRange<Int>) -> [Int: [Range<Int>]] {
        guard let search = s.search, !search.isEmpty else { return [:] }
        var out: [Int: [Range<Int>]] = [:]
        for p in SearchService.windowHits(search, in: range) { out[p] = matchRanges(search, p).filter { !$0.isEmpty } }
        return out
    }
}
