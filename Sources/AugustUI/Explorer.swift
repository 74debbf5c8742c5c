import AugustCore
import AugustMap
import Foundation

/// The explorer without a terminal: `update(state, input) -> state` and `render(state) -> Grid`.
public struct Explorer: Sendable {
    public let data: ExplorerData
    public let keymap: Keymap
    /// How the map draws its lines: braille, or plain characters (`--ascii`, a locale without UTF-8).
    public let mapStyle: MapStyle
    /// The bookmarks read at start and where to save them (nil: none kept).
    public let bookmarkSetup: BookmarkSetup?

    public init(data: ExplorerData, keymap: Keymap = .standard, bookmarks: BookmarkSetup? = nil, mapStyle: MapStyle = .braille) {
        self.data = data
        self.keymap = keymap
        self.bookmarkSetup = bookmarks
        self.mapStyle = mapStyle
    }

    var corpus: Corpus { data.corpus }

    /// The state at start-up: the first event selected, the first passage in the source pane.
    public func initialState(width: Int, height: Int) -> AppState {
        var s = AppState(width: width, height: height)
        // Start at the first event of the campaign (else the first event at all).
        let items = data.visibleItems(showAll: false, placeFilter: nil)
        // Items are in sortKey order: the first at or after the campaign's start, by bisection.
        var lo = 0, hi = items.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if data.timeline[items[mid]].sortKey < data.campaign.startKey { lo = mid + 1 } else { hi = mid }
        }
        s.timelineSelection = lo < items.count ? items[lo] : items.first
        if let sel = s.timelineSelection, let first = data.mentionOrdinals[sel].first(where: { $0 >= 0 }) {
            s.sourcePassage = first
            s.sourceTopPassage = first
        }
        // The selection near the top, a few rows of what came before above it, and the
        // campaign's first days below it (not the selection on the pane's last row).
        if let sel = s.timelineSelection, let r = data.timelineView(showAll: false, placeFilter: nil).row(of: sel) {
            s.timelineTop = max(0, r - max(2, paneHeight(s, .timeline) / 5))
        }
        fixScroll(&s, passageMoved: true)
        startBookmarks(&s)
        return s
    }

    /// Runs a key script from the initial state; returns every state (the first is the initial one).
    public func run(_ inputs: [Input], width: Int, height: Int) -> [AppState] {
        var s = initialState(width: width, height: height)
        var out = [s]
        for i in inputs {
            if s.quit { break }
            s = update(s, i)
            out.append(s)
        }
        return out
    }

    // MARK: update

    public func update(_ old: AppState, _ input: Input) -> AppState {
        var s = old
        switch input {
        case .resize(let w, let h):
            s.width = max(0, w)
            s.height = max(0, h)
            fixScroll(&s, passageMoved: false)
            return s
        case .notice(let text, let isError):
            s.message = text
            s.messageIsError = isError
            return s
        case .mouse(let button, let x, let y):
            s.message = nil
            mouse(&s, button, x, y)
            fixScroll(&s, passageMoved: false)
            return s
        case .key(let key):
            s.message = nil
            s.messageIsError = false
            if key == .ctrl("c") { s.quit = true; return s }
            if s.prompt != nil {
                promptKey(&s, key)
                return s
            }
            if s.filterPrompt != nil {
                filterKey(&s, key)
                return s
            }
            if s.notePrompt != nil {
                noteKey(&s, key)
                return s
            }
            if let overlay = s.overlay {
                overlayKey(&s, overlay, key)
                return s
            }
            if parallelKey(&s, key) { return s }
            let pane = effectiveFocus(s)
            guard let command = keymap.command(for: key, in: pane) else {
                if case .char(let c) = key, !c.isWhitespace {
                    s.message = "\(key.label) does nothing here; press ? for the keys"
                }
                return s
            }
            perform(&s, command)
            fixScroll(&s, passageMoved: false)
            return s
        }
    }

    /// `K`: the current search's matches in context, one line a match (at most `countBound`
    /// passages' worth), in corpus order until `o` changes it.
    func openConcordance(_ s: inout AppState) {
        guard let search = s.search, !search.isEmpty, let index = data.index else {
            s.message = "no search: / a word first, then K shows its matches in context"
            return
        }
        let ordinals = (try? index.matchingOrdinals(search.query, from: 0, limit: ActiveSearch.countBound)) ?? []
        let lines = ordinals.flatMap { p in
            Concordance.lines(passage: corpus.passages[p], matches: matchRanges(search, p).filter { !$0.isEmpty })
        }
        s.overlay = .list(concordanceList(lines, sort: .corpus, query: search.text))
    }

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
        list.title = "\(lines.count) \(lines.count == 1 ? "match" : "matches") of \(query) in context — \(order) · o orders"
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
        list.selected = documentIndex(ofPassage: s.sourcePassage)
        s.overlay = .list(list)
    }

    /// `y`, `e`, `E`: the shown passage's file and first line, copied or opened (as effects).
    func actOnPassage(_ s: inout AppState, _ command: Command) {
        guard corpus.passages.indices.contains(s.sourcePassage) else {
            s.message = "no passage to act on"
            s.messageIsError = true
            return
        }
        let p = corpus.passages[s.sourcePassage]
        let location = "\(p.documentID):\(p.lineStart)"
        let path = corpus.root.appendingPathComponent(p.documentID).path
        switch command {
        case .copyLocation:
            s.effects.append(.copy(location))
            s.message = "copied \(location)"
        case .openInPager:
            s.effects.append(.open(.pager, path: path, line: p.lineStart))
        case .openInEditor:
            s.effects.append(.open(.editor, path: path, line: p.lineStart))
        default: break
        }
    }

    /// The timeline as the state shows it (kinds toggle, place filter, `f` filter).
    func timelineView(_ s: AppState) -> TimelineView {
        data.timelineView(showAll: s.showAllKinds, placeFilter: s.placeFilter?.id, text: s.timelineFilter)
    }

    /// Keys while the `f` filter is typed: every change narrows the timeline at once.
    func filterKey(_ s: inout AppState, _ key: Key) {
        guard var p = s.filterPrompt else { return }
        switch key {
        case .esc:
            s.filterPrompt = nil
            s.timelineFilter = nil
            if let sel = p.beforeSelection { s.timelineSelection = sel }
            reselectVisible(&s)
            s.message = "filter cleared"
            return
        case .enter:
            s.filterPrompt = nil
            if TimelineView.terms(p.text).isEmpty { s.timelineFilter = nil }
            return
        case .backspace, .ctrl("u"), .ctrl("w"), .char:
            guard LineEdit.apply(key, to: &p.text) else { return }
        case .down, .up, .pageDown, .pageUp:
            // Moving while typing, as in fzf.
            move(&s, by: key == .down ? 1 : key == .up ? -1 : (key == .pageDown ? 1 : -1) * max(1, paneHeight(s, .timeline) - 1), page: key == .pageDown || key == .pageUp)
            return
        default: return
        }
        s.filterPrompt = p
        s.timelineFilter = TimelineView.terms(p.text).isEmpty ? nil : p.text
        // The first visible item from the top, so the reader sees the best narrowing at once.
        let items = timelineView(s).items
        if let sel = s.timelineSelection, items.contains(sel) {} else if let first = items.first {
            select(&s, item: first, preview: true)
        }
        fixScroll(&s, passageMoved: false)
    }

    /// The focused pane (always one that is on screen).
    /// The pane whose keys apply: the focused one, or the map when the fronts pane shows it.
    func effectiveFocus(_ s: AppState) -> Pane { s.focus == .fronts && s.showMap ? .map : s.focus }

    func perform(_ s: inout AppState, _ command: Command) {
        switch command {
        case .focusNext: focus(&s, Pane(rawValue: (s.focus.rawValue + 1) % 3)!)
        case .focusPrevious: focus(&s, Pane(rawValue: (s.focus.rawValue + 2) % 3)!)
        case .focusTimeline: focus(&s, .timeline)
        case .focusFronts: focus(&s, .fronts)
        case .focusSource: focus(&s, .source)
        case .down: move(&s, by: 1)
        case .up: move(&s, by: -1)
        case .pageDown: move(&s, by: max(1, paneHeight(s, s.focus) - 1), page: true)
        case .pageUp: move(&s, by: -max(1, paneHeight(s, s.focus) - 1), page: true)
        case .halfPageDown: move(&s, by: max(1, paneHeight(s, s.focus) / 2), page: true)
        case .halfPageUp: move(&s, by: -max(1, paneHeight(s, s.focus) / 2), page: true)
        case .top: moveToEnd(&s, first: true)
        case .bottom: moveToEnd(&s, first: false)
        case .jumpToSource: jumpToMention(&s, index: 0)
        case .nextMention: stepMention(&s, by: 1)
        case .previousMention: stepMention(&s, by: -1)
        case .eventsOfPassage: eventsOfPassage(&s)
        case .filterByObjective: filterByObjective(&s)
        case .search:
            s.prompt = Prompt(text: "", before: s.search, beforeLocation: s.location, thenList: false)
        case .nextMatch: stepMatch(&s, forward: true)
        case .previousMatch: stepMatch(&s, forward: false)
        case .searchList:
            if s.search == nil {
                s.prompt = Prompt(text: "", before: nil, beforeLocation: s.location, thenList: true)
            } else {
                openSearchList(&s)
            }
        case .back: back(&s)
        case .forward: forward(&s)
        case .toggleKinds:
            s.showAllKinds.toggle()
            reselectVisible(&s)
            s.message = s.showAllKinds ? "showing publication and other dates too" : "showing events only"
        case .clearFilter:
            if s.timelineFilter != nil {
                s.timelineFilter = nil
                reselectVisible(&s)
                s.message = "filter cleared"
            } else if s.placeFilter != nil {
                s.placeFilter = nil
                reselectVisible(&s)
                s.message = "place filter cleared"
            } else if s.search != nil {
                s.search = nil
                s.message = "search cleared"
            } else if s.emphasis != nil {
                s.emphasis = nil
            }
        case .copyLocation, .openInPager, .openInEditor: actOnPassage(&s, command)
        case .documents: listDocuments(&s)
        case .concordance: openConcordance(&s)
        case .conflicts: openConflicts(&s)
        case .writeDossier: writeDossier(&s)
        case .parallel: toggleParallel(&s)
        case .filter:
            focus(&s, .timeline)
            s.filterPrompt = FilterPrompt(text: s.timelineFilter ?? "", before: s.timelineFilter, beforeSelection: s.timelineSelection)
        case .toggleMap: toggleMap(&s)
        case .mapLeft: panMap(&s, cols: -max(1, mapRect(s).width / 8), rows: 0)
        case .mapRight: panMap(&s, cols: max(1, mapRect(s).width / 8), rows: 0)
        case .mapUp: panMap(&s, cols: 0, rows: -max(1, mapRect(s).height / 6))
        case .mapDown: panMap(&s, cols: 0, rows: max(1, mapRect(s).height / 6))
        case .zoomIn: zoomMap(&s, by: 1.5)
        case .zoomOut: zoomMap(&s, by: 1 / 1.5)
        case .fitMap: s.map.viewport = nil
        case .nextDay: stepDay(&s, by: 1)
        case .previousDay: stepDay(&s, by: -1)
        case .nextWeek: stepDay(&s, by: 7)
        case .previousWeek: stepDay(&s, by: -7)
        case .nextPlace: stepPlace(&s, by: 1)
        case .previousPlace: stepPlace(&s, by: -1)
        case .eventsOfPlace: eventsOfMapPlace(&s)
        case .bookmark: toggleBookmark(&s)
        case .note: openNotePrompt(&s)
        case .bookmarks: openBookmarks(&s)
        case .help: s.overlay = .help(top: 0)
        case .quit: s.quit = true
        }
    }

    func focus(_ s: inout AppState, _ pane: Pane) {
        s.focus = pane
        if pane != .source { s.upperPane = pane }
    }

    // MARK: geometry shared with render

    func layout(_ s: AppState) -> Layout {
        Layout.compute(width: s.width, height: s.height, focus: s.focus, upper: s.upperPane, wideFronts: s.showMap)
    }

    /// The rectangle a pane has (or would have, in the one-pane layout, if it were shown).
    func paneRect(_ s: AppState, _ pane: Pane) -> Rect {
        let l = layout(s)
        if let r = l.panes[pane] { return r }
        return Layout.compute(width: s.width, height: s.height, focus: pane, upper: pane == .source ? s.upperPane : pane,
                              wideFronts: s.showMap).panes[pane]
            ?? Rect(x: 0, y: 0, width: s.width, height: s.height)
    }

    func paneHeight(_ s: AppState, _ pane: Pane) -> Int { max(1, paneRect(s, pane).inner.height) }

    /// Columns of text in the source pane (inside the border, after the 2-column gutter).
    func sourceTextWidth(_ s: AppState) -> Int {
        if parallelColumns(s) != nil { return max(1, parallelColumnWidth(s) - 2) }  // side by side (`t`)
        return max(1, paneRect(s, .source).inner.width - 2)
    }

    func documentIndex(ofPassage ordinal: Int) -> Int { data.documentIndex(ofPassage: ordinal) }

    func sourceLayout(_ s: AppState) -> (doc: Int, layout: DocumentLayout) {
        let d = documentIndex(ofPassage: s.sourcePassage)
        return (d, data.layoutCache.layout(document: d, width: sourceTextWidth(s), corpus: corpus))
    }

    /// First visible row of the source pane, in document rows.
    func sourceTop(_ s: AppState, _ layout: DocumentLayout) -> Int {
        guard let first = layout.firstRow[s.sourceTopPassage] else { return 0 }
        return max(0, min(first + s.sourceTopRow, max(0, layout.rows.count - 1)))
    }

    func setSourceTop(_ s: inout AppState, _ layout: DocumentLayout, _ row: Int) {
        guard !layout.rows.isEmpty else { return }
        let height = paneHeight(s, .source)
        let r = max(0, min(row, max(0, layout.rows.count - height)))
        var p = layout.rows[r].passage
        if p < 0 { p = r + 1 < layout.rows.count ? layout.rows[r + 1].passage : layout.rows[max(0, r - 1)].passage }
        s.sourceTopPassage = p
        s.sourceTopRow = r - (layout.firstRow[p] ?? r)
    }

    /// Keep the selections in view after anything moved or the size changed.
    /// `passageMoved`: the current passage changed (scroll it into view); `context`: it was a jump
    /// (a mention, a match, history), so when it must scroll, show some of what comes before it.
    func fixScroll(_ s: inout AppState, passageMoved: Bool, context: Bool = false) {
        guard s.width > 0, s.height > 0, !corpus.passages.isEmpty else { return }
        // Timeline: the selection's row inside the pane, with its headers when they fit.
        let view = timelineView(s)
        let rows = view.rows
        let h = paneHeight(s, .timeline)
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
        let (_, layout) = sourceLayout(s)
        if layout.firstRow[s.sourceTopPassage] == nil {
            s.sourceTopPassage = s.sourcePassage
            s.sourceTopRow = 0
        }
        let sh = paneHeight(s, .source)
        let top = sourceTop(s, layout)
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
        setSourceTop(&s, layout, newTop)
    }

    // MARK: moving

    func move(_ s: inout AppState, by n: Int, page: Bool = false) {
        switch s.focus {
        case .timeline:
            let view = timelineView(s)
            let items = view.items
            guard !items.isEmpty else { return }
            let cur = s.timelineSelection.flatMap { view.position(of: $0) } ?? 0
            let next = max(0, min(items.count - 1, cur + n))
            select(&s, item: items[next], preview: true)
            fixScroll(&s, passageMoved: false)
        case .fronts:
            let count = data.flatObjectives.count
            guard count > 0 else { return }
            s.frontsSelection = max(0, min(count - 1, s.frontsSelection + n))
        case .map: break
        case .source:
            guard !corpus.passages.isEmpty else { return }
            if page {
                let (_, layout) = sourceLayout(s)
                let top = sourceTop(s, layout)
                setSourceTop(&s, layout, top + n)
                // Keep the current passage on screen: take the first (or last) one visible.
                let newTop = sourceTop(s, layout)
                let sh = paneHeight(s, .source)
                let first = layout.firstRow[s.sourcePassage] ?? 0
                let count = layout.rowCount[s.sourcePassage] ?? 1
                if first + count <= newTop || first >= newTop + sh {
                    let visible = layout.rows[newTop..<min(layout.rows.count, newTop + sh)].map(\.passage).filter { $0 >= 0 }
                    if let p = n > 0 ? visible.first : visible.last { s.sourcePassage = p }
                }
                fixScroll(&s, passageMoved: false)
            } else {
                let next = max(0, min(corpus.passages.count - 1, s.sourcePassage + n))
                s.sourcePassage = next
                fixScroll(&s, passageMoved: true)
            }
        }
    }

    func moveToEnd(_ s: inout AppState, first: Bool) {
        switch s.focus {
        case .timeline:
            let items = timelineView(s).items
            if let i = first ? items.first : items.last { select(&s, item: i, preview: true) }
            fixScroll(&s, passageMoved: false)
        case .fronts:
            s.frontsSelection = first ? 0 : max(0, data.flatObjectives.count - 1)
        case .map: break
        case .source:
            guard !corpus.passages.isEmpty else { return }
            let doc = corpus.documents[documentIndex(ofPassage: s.sourcePassage)]
            if let p = first ? doc.passages.first : doc.passages.last, let o = corpus.passageOrdinal(id: p.id) {
                s.sourcePassage = o
            }
            fixScroll(&s, passageMoved: true)
        }
    }

    /// Selects a timeline item. With `preview` (the reader moving through the timeline), the
    /// source pane follows: it shows the item's first telling, marked, without a history entry
    /// (lazygit's main panel, tig's split view). Jumps that choose their own passage pass false.
    func select(_ s: inout AppState, item: Int, preview: Bool = false) {
        let changed = s.timelineSelection != item
        if changed { s.mentionIndex = 0 }
        s.timelineSelection = item
        // The map's day follows the selected event (when the event is dated to a day).
        if changed, let day = dayInRange(DateFormat.isoDay(data.timeline[item].date.first)) { s.map.day = day }
        guard preview, changed else { return }
        let ords = data.mentionOrdinals[item]
        guard let i = ords.firstIndex(where: { $0 >= 0 }) else { return }
        let m = data.timeline[item].mentions[i]
        s.mentionIndex = i
        s.sourcePassage = ords[i]
        s.emphasis = Emphasis(passage: ords[i], start: m.start, end: m.end)
        fixScroll(&s, passageMoved: true)
    }

    /// After the visible set changed, keep the selection if visible, else take the nearest item.
    func reselectVisible(_ s: inout AppState) {
        let view = timelineView(s)
        if let sel = s.timelineSelection, view.position(of: sel) != nil {
            fixScroll(&s, passageMoved: false)
            return
        }
        let sel = s.timelineSelection ?? 0
        let next = view.firstItem(atOrAfter: sel) ?? view.items.last
        s.timelineSelection = next
        s.mentionIndex = 0
        s.timelineTop = 0
        fixScroll(&s, passageMoved: false)
    }

    // MARK: jumps

    /// Move the source pane to a passage, remembering where we were (for Backspace / Ctrl-O).
    func jump(_ s: inout AppState, to passage: Int, emphasis: Emphasis?, focus pane: Pane = .source) {
        pushHistory(&s)
        s.sourcePassage = passage
        s.emphasis = emphasis
        focus(&s, pane)
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
        jump(&s, to: ords[index], emphasis: Emphasis(passage: ords[index], start: m.start, end: m.end))
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

    func eventsOfPassage(_ s: inout AppState) {
        let items = data.itemsByPassage[s.sourcePassage] ?? []
        if items.isEmpty { s.message = "no dated event is told in this passage"; return }
        if items.count == 1 { selectFromPassage(&s, item: items[0]); return }
        let rows = items.map { i -> ListOverlay.Row in
            let it = data.timeline[i]
            return ListOverlay.Row(title: "\(it.dateLabel)  \(it.title)", context: "", highlights: [], passage: nil, item: i)
        }
        s.overlay = .list(ListOverlay(purpose: .eventsOfPassage, title: "Events told in this passage", rows: rows))
    }

    /// Select an event from the passage that tells it; its mention index points at this passage.
    func selectFromPassage(_ s: inout AppState, item: Int) {
        pushHistory(&s)
        if data.timeline[item].kind != .event { s.showAllKinds = true }
        if let f = s.placeFilter, !data.timeline[item].placeIDs.contains(f.id) { s.placeFilter = nil }
        s.timelineSelection = item
        s.mentionIndex = data.mentionOrdinals[item].firstIndex(of: s.sourcePassage) ?? 0
        let m = data.timeline[item].mentions[s.mentionIndex]
        s.emphasis = Emphasis(passage: s.sourcePassage, start: m.start, end: m.end)
        focus(&s, .timeline)
        fixScroll(&s, passageMoved: true)
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
        focus(&s, .timeline)
        let items = data.visibleItems(showAll: s.showAllKinds, placeFilter: id, text: s.timelineFilter)
        if let first = items.first {
            select(&s, item: first)
        } else {
            s.message = "no event names \(name)"
        }
        s.timelineTop = 0
        fixScroll(&s, passageMoved: false)
    }

    // MARK: search

    /// A query as a message quotes it: at most 60 characters (a pasted page stays one short line).
    static func clipped(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(59)) + "…"
    }

    func promptKey(_ s: inout AppState, _ key: Key) {
        guard var p = s.prompt else { return }
        switch key {
        case .esc:
            s.search = p.before
            s.restore(p.beforeLocation)
            s.prompt = nil
            fixScroll(&s, passageMoved: false)
            return
        case .enter:
            s.prompt = nil
            if let e = p.error {
                s.search = p.before
                s.restore(p.beforeLocation)
                s.message = "bad query: \(e)"
                s.messageIsError = true
                fixScroll(&s, passageMoved: false)
                return
            }
            if s.search == nil {
                if !p.text.isEmpty { s.message = "no match for \(Explorer.clipped(p.text))" }
                s.restore(p.beforeLocation)
                fixScroll(&s, passageMoved: false)
                return
            }
            // Keep the search; the place we left goes into the jump history.
            var here = s.location
            s.restore(p.beforeLocation)
            pushHistory(&s)
            if !p.thenList { here.focus = .source }
            s.restore(here)
            if p.thenList { openSearchList(&s) }
            return
        default:
            guard LineEdit.apply(key, to: &p.text) else { return }
        }
        // Incremental: search on every change, go to the first match from where we started.
        switch runSearch(p.text, from: p.beforeLocation.sourcePassage) {
        case .failure(let e):
            // Still failing: nothing moved since the last key (the place we started from is shown),
            // so only the message changes. (A pasted page of text costs a parse per key, no layout.)
            let alreadyFailing = p.error != nil && s.search == nil
            p.error = e.message
            s.prompt = p
            if alreadyFailing { return }
            s.restore(p.beforeLocation)
            s.search = nil
        case .success(let found):
            s.restore(p.beforeLocation)
            p.error = nil
            s.search = found
            if let found, let c = found.current {
                let range = matchRanges(found, c.passage).first { $0.lowerBound == c.start } ?? c.start..<c.start
                goToMatch(&s, found, passage: c.passage, range: range, rank: c.rank)
            }
        }
        s.prompt = p
        fixScroll(&s, passageMoved: true)
    }

    /// A one-line excerpt of `text` around its first match, with the matches' ranges in the excerpt.
    func snippet(_ text: String, _ matches: [Range<Int>], width: Int) -> (String, [Range<Int>]) {
        let scalars = Array(text.unicodeScalars)
        let first = matches.first?.lowerBound ?? 0
        var start = max(0, first - width / 3)
        if start > 0 { while start < first, scalars[start - 1] != " " { start += 1 } }
        let end = min(scalars.count, start + width)
        var v = String.UnicodeScalarView()
        if start > 0 { v.append("…") }
        for sc in scalars[start..<end] { v.append(sc == "\n" ? " " : sc) }
        let shift = (start > 0 ? 1 : 0) - start
        let hl = matches.compactMap { r -> Range<Int>? in
            let a = max(r.lowerBound, start), b = min(r.upperBound, end)
            return a < b ? (a + shift)..<(b + shift) : nil
        }
        return (String(v), hl)
    }

    // MARK: overlays

    func overlayKey(_ s: inout AppState, _ overlay: Overlay, _ key: Key) {
        switch overlay {
        case .bookmarks(let list):
            bookmarksKey(&s, list, key)
        case .help(let top):
            switch key {
            case .char("j"), .down: s.overlay = .help(top: top + 1)
            case .char("k"), .up: s.overlay = .help(top: max(0, top - 1))
            case .pageDown, .char(" "): s.overlay = .help(top: top + 10)
            case .pageUp: s.overlay = .help(top: max(0, top - 10))
            case .char("q"): s.overlay = nil
            default: s.overlay = nil
            }
        case .list(var list):
            if let moved = ListMove.apply(key, selected: list.selected, count: list.rows.count) {
                list.selected = moved
                fillList(&list)
                s.overlay = .list(list)
                return
            }
            switch key {
            case .enter:
                s.overlay = nil
                activate(&s, list, list.selected)
                return
            case .esc, .char("q"), .backspace:
                s.overlay = nil
                return
            case .char("?"):
                s.overlay = .help(top: 0)
                return
            case .char("o") where list.purpose == .concordance:
                // corpus → 1R → 2R → 1L → 2L → corpus
                let cycle: [ConcordanceSort] = [.corpus, .R1, .R2, .L1, .L2]
                let next = cycle[((cycle.firstIndex(of: list.concordanceSort) ?? 0) + 1) % cycle.count]
                list = concordanceList(list.concordance, sort: next, query: list.concordanceQuery)
            default:
                return
            }
            fillList(&list)
            list.selected = min(list.selected, max(0, list.rows.count - 1))
            s.overlay = .list(list)
        }
    }

    func activate(_ s: inout AppState, _ list: ListOverlay, _ row: Int) {
        guard list.rows.indices.contains(row) else { return }
        let r = list.rows[row]
        if let item = r.item {
            selectFromPassage(&s, item: item)
        } else if let p = r.passage, let m = r.match {
            jump(&s, to: p, emphasis: Emphasis(passage: p, start: m.lowerBound, end: m.upperBound))
        } else if let p = r.passage {
            guard let search = s.search, isHit(search, p) else { jump(&s, to: p, emphasis: nil); return }
            let r = matchRanges(search, p)[0]
            jump(&s, to: p, emphasis: Emphasis(passage: p, start: r.lowerBound, end: r.upperBound))
            var found = search
            found.current = .init(passage: p, start: r.lowerBound, rank: rank(search, of: p))
            if !found.window.covers(p) { found.window = fetchWindow(found, from: p, backward: false) }
            s.search = found
        }
    }

    // MARK: mouse

    func mouse(_ s: inout AppState, _ button: MouseButton, _ x: Int, _ y: Int) {
        if s.prompt != nil || s.notePrompt != nil { return }        // typing a query or a note: the mouse waits
        let grid = render(s)
        let target = grid.target(atX: x, y: y)
        if s.overlay != nil, button == .left {
            // With a list or the help open, only its rows answer; a click elsewhere closes it.
            if case .listRow = target {} else { s.overlay = nil; return }
        }
        switch button {
        case .left:
            guard let target else { return }
            switch target {
            case .pane(let p), .tab(let p): if s.overlay == nil { focus(&s, p) }
            case .timelineItem(let i):
                focus(&s, .timeline)
                select(&s, item: i, preview: true)
            case .passage(let o):
                focus(&s, .source)
                s.sourcePassage = o
            case .objective(let k):
                focus(&s, .fronts)
                s.frontsSelection = k
            case .mapPlace(let id):
                focus(&s, .fronts)
                if s.map.place == id {
                    eventsOfMapPlace(&s)     // a second click on the selected place: its events
                } else if let p = data.mapScene.places.first(where: { $0.id == id }) {
                    s.map.place = id
                    s.message = "\(p.name): named in \(p.mentions) \(p.mentions == 1 ? "passage" : "passages") · Enter or click again: its events"
                }
            case .listRow(let r):
                if case .list(var list) = s.overlay {
                    list.selected = r
                    s.overlay = nil
                    activate(&s, list, r)
                } else if case .bookmarks = s.overlay {
                    bookmarksKey(&s, BookmarkList(selected: r), .enter)
                }
            }
        case .wheelUp, .wheelDown:
            let n = button == .wheelDown ? 3 : -3
            if case .list(var list) = s.overlay {
                list.selected = max(0, min(list.rows.count - 1, list.selected + n))
                fillList(&list)
                s.overlay = .list(list)
                return
            }
            if case .help(let top) = s.overlay { s.overlay = .help(top: max(0, top + n)); return }
            if case .bookmarks(let list) = s.overlay {
                s.overlay = .bookmarks(BookmarkList(selected: max(0, min(s.bookmarks.count - 1, list.selected + n))))
                return
            }
            if s.overlay == nil, s.showMap, paneRect(s, .fronts).contains(x, y), layout(s).panes[.fronts] != nil {
                zoomMap(&s, by: button == .wheelUp ? 1.25 : 0.8)    // the wheel zooms the map
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
            move(&s, by: n, page: pane == .source)
            s.focus = saved
        }
    }
}

/// The editing keys every one-line prompt shares (search, filter, note): Backspace, Ctrl-U
/// (the whole line), Ctrl-W (the last word), a character.
enum LineEdit {
    /// Applies `key` to `text`; false when it is no editing key or changed nothing.
    static func apply(_ key: Key, to text: inout String, newlineAs: Character? = nil) -> Bool {
        switch key {
        case .backspace:
            if text.isEmpty { return false }
            text.removeLast()
        case .ctrl("u"): text = ""
        case .ctrl("w"):
            while text.last == " " { text.removeLast() }
            while let last = text.last, last != " " { _ = last; text.removeLast() }
        case .char(let c): text.append(c.isNewline ? newlineAs ?? c : c)
        default: return false
        }
        return true
    }
}

/// The keys that move the selection of every list overlay (search results, documents, KWIC,
/// conflicts, bookmarks): j k and arrows a row, PgDn PgUp Space Ctrl-D Ctrl-U five, g G Home End.
enum ListMove {
    /// The new selection, or nil when `key` moves nothing.
    static func apply(_ key: Key, selected: Int, count n: Int) -> Int? {
        let last = max(0, n - 1)
        switch key {
        case .char("j"), .down: return min(last, selected + 1)
        case .char("k"), .up: return max(0, selected - 1)
        case .pageDown, .ctrl("d"), .char(" "): return min(last, selected + 5)
        case .pageUp, .ctrl("u"): return max(0, selected - 5)
        case .char("g"), .home: return 0
        case .char("G"), .end: return last
        default: return nil
        }
    }
}
