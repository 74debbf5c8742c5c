import AugustCore
import AugustMap

/// The keys of an open overlay, and what choosing one of its rows does.
struct OverlayKeys {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }

    func concordanceList(_ lines: [ConcordanceLine], sort: ConcordanceSort, query: String) -> ListOverlay {
        let sorted = Concordance.sorted(lines, by: sort)
        let rows = sorted.map { l in
            ListOverlay.Row(title: "", context: "", highlights: [], passage: corpus.passageOrdinal(id: l.passageID), item: nil,
                            match: l.start..<l.end)
        }
        var list = ListOverlay(purpose: .concordance, title: "", rows: rows)
        list.concordance = lines
        list.concordanceRows = sorted
        list.concordanceSort = sort
        list.concordanceQuery = query
        let order = sort == .corpus ? "in corpus order" : "sorted by \(sort.rawValue)"
        list.title = "\(lines.count) \(lines.count == 1 ? "match" : "matches") of \(query) in context — \(order)\(app.keymap.hint(.listOrder, in: .list, "orders").map { " · " + $0 } ?? "")"
        return list
    }

    /// `D`: every document, the shown one selected; Enter opens one at its first passage.
    func listDocuments(_ s: inout AppState) {
        guard !corpus.documents.isEmpty else { s.message = "the corpus has no document"; return }
        var first = 0
        var rows: [ListOverlay.Row] = []
        for d in corpus.documents {
            let n = d.passages.count
            rows.append(ListOverlay.Row(title: "\(d.id) · \(n) \(n == 1 ? "passage" : "passages") · \(d.title)",
                                        context: "", highlights: [], passage: n > 0 ? first : nil, item: nil))
            first += n
        }
        var list = ListOverlay(purpose: .documents, title: "\(rows.count) \(rows.count == 1 ? "document" : "documents")", rows: rows)
        list.selected = app.documentIndex(ofPassage: s.sourcePassage)
        s.overlay = .list(list)
    }

    func overlayKey(_ s: inout AppState, _ overlay: Overlay, _ key: Key) {
        switch overlay {
        case .bookmarks(let list):
            app.bookmarksPanel.bookmarksKey(&s, list, key)
        case .help(let top):
            // Scrolled with the list keys; any other key closes it.
            switch app.keymap.command(for: key, in: .list) {
            case .listDown: s.overlay = .help(top: top + 1)
            case .listUp: s.overlay = .help(top: max(0, top - 1))
            case .listPageDown: s.overlay = .help(top: top + 10)
            case .listPageUp: s.overlay = .help(top: max(0, top - 10))
            default: s.overlay = nil
            }
        case .list(var list):
            let command = app.keymap.command(for: key, in: .list)
            if let moved = ListMove.apply(command, selected: list.selected, count: list.rows.count) {
                list.selected = moved
                s.overlay = .list(list)
                app.searchFlow.fillList(&s, list)
                return
            }
            switch command {
            case .listOpen:
                s.overlay = nil
                activate(&s, list, list.selected)
                return
            case .listClose:
                s.overlay = nil
                return
            case .help:
                s.overlay = .help(top: 0)
                return
            case .listOrder where list.purpose == .concordance:
                // corpus → 1R → 2R → 1L → 2L → corpus
                let cycle: [ConcordanceSort] = [.corpus, .R1, .R2, .L1, .L2]
                let next = cycle[((cycle.firstIndex(of: list.concordanceSort) ?? 0) + 1) % cycle.count]
                list = concordanceList(list.concordance, sort: next, query: list.concordanceQuery)
            default:
                return
            }
            list.selected = min(list.selected, max(0, list.rows.count - 1))
            s.overlay = .list(list)
            app.searchFlow.fillList(&s, list)
        }
    }

    func activate(_ s: inout AppState, _ list: ListOverlay, _ row: Int) {
        guard list.rows.indices.contains(row) else { return }
        let r = list.rows[row]
        if let item = r.item {
            app.timeline.selectFromPassage(&s, item: item)
        } else if let p = r.passage, let m = r.match {
            app.navigation.jump(&s, to: p, emphasis: Emphasis(passage: p, start: m.lowerBound, end: m.upperBound))
        } else if let p = r.passage {
            guard let search = s.search, !search.isEmpty else { app.navigation.jump(&s, to: p, emphasis: nil); return }
            s.work.append(.open(search, passage: p))
        }
    }
}
