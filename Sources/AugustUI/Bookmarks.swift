import AugustCore

/// A bookmark as the explorer holds it: the stored record and what it points at in this corpus.
public struct BookmarkEntry: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        case passage(Int)     // ordinal in corpus.passages
        case event(Int)       // index in ExplorerData.timeline
        case lost             // its passage (or event) is no longer in the corpus
    }
    public var bookmark: Bookmark
    public var target: Target
    public init(bookmark: Bookmark, target: Target) { self.bookmark = bookmark; self.target = target }
    public var isLost: Bool { target == .lost }
}

/// The bookmarks the explorer starts with: where they are saved and what reading them gave
/// (read by the executable before the explorer opens; `update` never touches a file).
public struct BookmarkSetup: Sendable {
    public var store: BookmarkStore
    public var loaded: BookmarkStore.Loaded
    public init(store: BookmarkStore, loaded: BookmarkStore.Loaded) { self.store = store; self.loaded = loaded }
}

/// `a`: the one-line note being typed (Enter keeps, Esc cancels).
public struct NotePrompt: Sendable {
    public var text: String
    /// The bookmark it edits (index in `AppState.bookmarks`), or nil: Enter makes one on `target`.
    public var entry: Int?
    public var target: BookmarkEntry.Target
    /// Opened from the bookmarks list: the list opens again after Enter or Esc.
    public var fromList: Bool
}

/// `'`: the bookmarks and notes, in the order they were made.
public struct BookmarkList: Sendable, Hashable {
    public var selected = 0
}

/// Bookmarks and notes in the explorer: `b`, `a`, the `'` list, their marks in the panes, saving them.
struct BookmarksPanel {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }

    // MARK: anchoring

    /// Finds each bookmark in this corpus (see `PassageAnchor.find`); an event's bookmark is found by
    /// its id and title, else among the events told in its passage (same title, else same date),
    /// else anywhere by title and date. A bookmark found elsewhere has its anchor brought up to date
    /// (saved with the next change); one not found is kept, marked lost.
    public func resolve(_ bookmarks: [Bookmark]) -> [BookmarkEntry] {
        // Events by id, built only when an event is bookmarked (one pass over the timeline).
        var byID: [String: Int] = [:]
        if bookmarks.contains(where: { $0.kind == .event }) {
            for (i, item) in data.timeline.enumerated() where byID[item.id] == nil { byID[item.id] = i }
        }
        var finder = PassageAnchor.Finder(corpus: corpus)
        return bookmarks.map { b in
            var b = b
            let ordinal = finder.find(b.anchor)
            if let o = ordinal { b.anchor.line = corpus.passages[o].lineStart }
            switch b.kind {
            case .passage:
                return BookmarkEntry(bookmark: b, target: ordinal.map { .passage($0) } ?? .lost)
            case .event:
                let t = data.timeline
                var found: Int?
                if let id = b.eventID, let i = byID[id], t[i].title == b.title { found = i }
                if found == nil, let o = ordinal {
                    let told = data.itemsByPassage[o]
                    found = told.first { t[$0].title == b.title } ?? told.first { b.date != nil && t[$0].date.start == b.date }
                }
                if found == nil, b.title != nil {
                    found = t.indices.first { t[$0].title == b.title && t[$0].date.start == b.date }
                }
                guard let i = found else { return BookmarkEntry(bookmark: b, target: .lost) }
                b.eventID = t[i].id
                b.title = t[i].title
                b.date = t[i].date.start
                return BookmarkEntry(bookmark: b, target: .event(i))
            }
        }
    }

    /// The bookmarks at start, and what the status line says about them (a damaged file, lost ones).
    func startBookmarks(_ s: inout AppState) {
        guard let setup = app.bookmarkSetup else { return }
        switch setup.loaded {
        case .none: break
        case .loaded(let list):
            s.bookmarks = resolve(list)
            let lost = s.bookmarks.filter(\.isLost).count
            if lost > 0 {
                s.message = "\(lost) \(lost == 1 ? "bookmark is" : "bookmarks are") lost (no longer in the corpus): ' lists them"
            }
        case .damaged(let reason):
            s.bookmarksDamaged = true
            // The file's name first (a narrow status line cuts the end).
            s.message = "\(setup.store.displayPath) is damaged (\(reason)): left as it is until you add a bookmark"
            s.messageIsError = true
        }
    }

    // MARK: commands

    /// What `b` and `a` act on: the shown passage in the Source pane, else the selected event.
    func bookmarkTarget(_ s: AppState) -> BookmarkEntry.Target? {
        if s.focus == .source {
            return corpus.passages.indices.contains(s.sourcePassage) ? .passage(s.sourcePassage) : nil
        }
        return s.timelineSelection.map { .event($0) }
    }

    /// A new bookmark on a target: the passage's anchor; an event's id, title, date and the anchor
    /// of its first telling in the corpus.
    func makeBookmark(_ target: BookmarkEntry.Target, note: String?) -> Bookmark? {
        switch target {
        case .passage(let o):
            return Bookmark(kind: .passage, anchor: PassageAnchor(passage: corpus.passages[o]), note: note)
        case .event(let i):
            guard let o = data.mentionOrdinals[i].first(where: { $0 >= 0 }) else { return nil }
            let item = data.timeline[i]
            return Bookmark(kind: .event, anchor: PassageAnchor(passage: corpus.passages[o]), eventID: item.id,
                            title: item.title, date: item.date.start, note: note)
        case .lost:
            return nil
        }
    }

    /// `FILE:LINE` of a bookmark, or of its target.
    func bookmarkLabel(_ e: BookmarkEntry) -> String {
        switch e.target {
        case .event(let i): return "event \(data.timeline[i].dateLabel) \(Explorer.clipped(data.timeline[i].title))"
        case .passage(let o): return "passage \(corpus.passages[o].documentID):\(corpus.passages[o].lineStart)"
        case .lost: return "\(e.bookmark.kind.rawValue) \(e.bookmark.anchor.file):\(e.bookmark.anchor.line)"
        }
    }

    /// `b`: bookmark the shown passage (Source) or the selected event; again: remove it.
    func toggleBookmark(_ s: inout AppState) {
        guard let target = bookmarkTarget(s) else { s.message = "nothing here to bookmark"; return }
        if let i = s.bookmarks.firstIndex(where: { $0.target == target }) {
            let gone = s.bookmarks.remove(at: i)
            s.message = "bookmark removed: \(bookmarkLabel(gone))"
            saveBookmarks(&s)
            return
        }
        guard let b = makeBookmark(target, note: nil) else {
            s.message = "this event has no passage in the corpus to anchor a bookmark to"
            s.messageIsError = true
            return
        }
        let e = BookmarkEntry(bookmark: b, target: target)
        s.bookmarks.append(e)
        s.message = "bookmarked \(bookmarkLabel(e)) · a adds a note · ' lists them"
        saveBookmarks(&s)
    }

    /// `a`: type a note on the shown passage or the selected event (bookmarking it).
    func openNotePrompt(_ s: inout AppState) {
        guard let target = bookmarkTarget(s) else { s.message = "nothing here to note"; return }
        let entry = s.bookmarks.firstIndex { $0.target == target }
        s.notePrompt = NotePrompt(text: entry.flatMap { s.bookmarks[$0].bookmark.note } ?? "", entry: entry,
                                  target: target, fromList: false)
    }

    /// Keys while a note is typed.
    func noteKey(_ s: inout AppState, _ key: Key) {
        guard var p = s.notePrompt else { return }
        switch app.keymap.command(for: key, in: .prompt) {
        case .promptCancel:
            s.notePrompt = nil
            s.message = "note not changed"
            if p.fromList { s.overlay = .bookmarks(BookmarkList(selected: p.entry ?? 0)) }
            return
        case .promptAccept:
            s.notePrompt = nil
            let trimmed = p.text.trimmingCharacters(in: .whitespaces)
            let note: String? = trimmed.isEmpty ? nil : trimmed
            var index = p.entry
            if let i = index, s.bookmarks.indices.contains(i) {
                s.bookmarks[i].bookmark.note = note
                s.message = note == nil ? "note removed (the bookmark stays; b removes it)" : "note kept on \(bookmarkLabel(s.bookmarks[i]))"
            } else if let b = makeBookmark(p.target, note: note) {
                s.bookmarks.append(BookmarkEntry(bookmark: b, target: p.target))
                index = s.bookmarks.count - 1
                s.message = "bookmarked \(bookmarkLabel(s.bookmarks[index!]))\(note == nil ? "" : " with a note") · ' lists them"
            } else {
                s.message = "this event has no passage in the corpus to anchor a note to"
                s.messageIsError = true
                return
            }
            saveBookmarks(&s)
            if p.fromList { s.overlay = .bookmarks(BookmarkList(selected: index ?? 0)) }
            return
        default:
            // One line: a pasted line break becomes a space.
            guard LineEdit.apply(key, app.keymap, to: &p.text, newlineAs: " ") else { return }
        }
        s.notePrompt = p
    }

    /// The save, as an effect for the runner (the file is written outside `update`). After a
    /// damaged file, the first save keeps it as `.bak`.
    func saveBookmarks(_ s: inout AppState) {
        guard let setup = app.bookmarkSetup else { return }
        s.effects.append(.saveBookmarks(setup.store, s.bookmarks.map(\.bookmark), keepOldAsBackup: s.bookmarksDamaged))
        s.bookmarksDamaged = false
    }

    func openBookmarks(_ s: inout AppState) {
        guard !s.bookmarks.isEmpty else {
            s.message = "no bookmarks yet: b bookmarks the shown passage or the selected event, a adds a note"
            return
        }
        s.overlay = .bookmarks(BookmarkList())
    }

    /// Keys in the bookmarks list: j/k move, Enter jumps, d deletes, a edits the note, Esc closes.
    func bookmarksKey(_ s: inout AppState, _ list: BookmarkList, _ key: Key) {
        var list = list
        let command = app.keymap.command(for: key, in: .bookmarkList)
        if let moved = ListMove.apply(command, selected: list.selected, count: s.bookmarks.count) {
            list.selected = moved
            s.overlay = .bookmarks(list)
            return
        }
        switch command {
        case .listClose:
            s.overlay = nil
            return
        case .help:
            s.overlay = .help(top: 0)
            return
        case .bookmarkDelete:
            guard s.bookmarks.indices.contains(list.selected) else { return }
            let gone = s.bookmarks.remove(at: list.selected)
            s.message = "deleted \(bookmarkLabel(gone))"
            saveBookmarks(&s)
            if s.bookmarks.isEmpty { s.overlay = nil; return }
            list.selected = min(list.selected, s.bookmarks.count - 1)
        case .bookmarkNote:
            guard s.bookmarks.indices.contains(list.selected) else { return }
            let e = s.bookmarks[list.selected]
            s.overlay = nil
            s.notePrompt = NotePrompt(text: e.bookmark.note ?? "", entry: list.selected, target: e.target, fromList: true)
            return
        case .listOpen:
            guard s.bookmarks.indices.contains(list.selected) else { return }
            let e = s.bookmarks[list.selected]
            if e.isLost {
                s.message = "lost: \(e.bookmark.anchor.file):\(e.bookmark.anchor.line) is no longer in the corpus (\(app.keymap.hint(.bookmarkDelete, in: .bookmarkList, "deletes it") ?? "delete it"))"
                s.messageIsError = true
                break
            }
            s.overlay = nil
            goTo(&s, e.target)
            return
        default:
            return
        }
        s.overlay = .bookmarks(list)
    }

    /// Enter on a bookmark: the passage in the source pane, or the event selected in the timeline
    /// (the timeline's toggles and filters opened as far as needed to show it).
    func goTo(_ s: inout AppState, _ target: BookmarkEntry.Target) {
        switch target {
        case .passage(let o):
            app.navigation.jump(&s, to: o, emphasis: nil)
        case .event(let i):
            app.navigation.pushHistory(&s)
            if data.timeline[i].kind != .event { s.showAllKinds = true }
            if let f = s.placeFilter, !data.timeline[i].placeIDs.contains(f.id) { s.placeFilter = nil }
            if s.timelineFilter != nil, app.timeline.timelineView(s).position(of: i) == nil { s.timelineFilter = nil }
            app.focus(&s, .timeline)
            app.timeline.select(&s, item: i, preview: true)
            app.navigation.fixScroll(&s, passageMoved: true, context: true)
        case .lost:
            break
        }
    }

    // MARK: drawing

    /// The passages and events that have a bookmark (their mark in the gutter and the timeline).
    func bookmarkedPassages(_ s: AppState) -> Set<Int> {
        Set(s.bookmarks.compactMap { if case .passage(let o) = $0.target { return o } else { return nil } })
    }

    func bookmarkedItems(_ s: AppState) -> Set<Int> {
        Set(s.bookmarks.compactMap { if case .event(let i) = $0.target { return i } else { return nil } })
    }

}

/// The bookmarks list (`'`) and the note prompt as drawn.
struct BookmarksView {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }

    func drawNotePrompt(_ g: inout Grid, _ s: AppState, _ p: NotePrompt, _ r: Rect) {
        let right = r.x + r.width
        var x = g.put("note: ", x: r.x, y: r.y, style: .statusKey, maxX: right)
        // The end of a long note stays in view.
        x = g.put(DisplayWidth.tail(p.text, width: max(1, r.width * 2 / 3)), x: x, y: r.y, style: .status, maxX: right)
        g.cursor = (min(x, max(0, right - 1)), r.y)
        let on = p.entry.flatMap { s.bookmarks.indices.contains($0) ? app.bookmarksPanel.bookmarkLabel(s.bookmarks[$0]) : nil }
            ?? app.bookmarksPanel.makeBookmark(p.target, note: nil).map { app.bookmarksPanel.bookmarkLabel(BookmarkEntry(bookmark: $0, target: p.target)) } ?? "?"
        let keys = app.keymap.hints([(.promptAccept, "keeps"), (.promptCancel, "cancels")], in: .prompt)
        g.put(Chrome.fit("on \(on) · \(keys)", right - x - 3), x: x + 2, y: r.y, style: .dim, maxX: right)
    }

    func drawBookmarks(_ g: inout Grid, _ s: AppState, _ list: BookmarkList) {
        let entries = s.bookmarks
        let (r, top, visible) = app.overlays.bookmarksGeometry(s, list)
        app.overlays.clearOverlay(&g, s, r)
        let n = entries.count, lost = entries.filter(\.isLost).count
        let title = "\(n) \(n == 1 ? "bookmark" : "bookmarks")\(lost > 0 ? " (\(lost) lost)" : "")"
        let keys = app.keymap.hints(for: .bookmarkList).joined(separator: " · ")
        let info = n == 0 ? app.keymap.hints([(.listClose, "closes")], in: .bookmarkList) : "\(list.selected + 1)/\(n) · \(keys)"
        Chrome.drawBox(&g, r, title: title, info: info, focused: true)
        let inner = r.inner
        guard inner.height > 0, inner.width > 4 else { return }
        let right = inner.x + inner.width
        for k in 0..<visible {
            let i = max(0, top) + k
            guard i < n else { break }
            let e = entries[i]
            let y = inner.y + k * 2
            let sel = i == list.selected
            if sel { g.fill(x: inner.x, y: y, width: inner.width, height: 2, style: .selected) }
            let b = e.bookmark
            let kind = b.kind == .event ? "event  " : "passage"
            var x = g.put(" \(kind) ", x: inner.x, y: y, style: sel ? .selected : .statusKey, maxX: right)
            if e.isLost { x = g.put("LOST ", x: x, y: y, style: sel ? .selected : .statusError, maxX: right) }
            let (file, line): (String, Int)
            let what: String
            switch e.target {
            case .passage(let o):
                (file, line) = (corpus.passages[o].documentID, corpus.passages[o].lineStart)
                what = b.anchor.quote
            case .event(let i):
                (file, line) = (b.anchor.file, b.anchor.line)
                what = "\(data.timeline[i].dateLabel)  \(data.timeline[i].title)"
            case .lost:
                (file, line) = (b.anchor.file, b.anchor.line)
                what = b.kind == .event ? (b.title ?? b.anchor.quote) : b.anchor.quote
            }
            // The file name gives way before the line number does.
            let lineText = ":\(line)"
            let locW = min(max(12, inner.width / 4), DisplayWidth.of(file) + lineText.count)
            let loc = Chrome.fit(file, max(1, locW - lineText.count)) + lineText
            x = g.put(loc + "  ", x: x, y: y, style: sel ? .selected : .dim, maxX: right)
            g.put(Chrome.fit(Chrome.oneLine(what), right - x - 1), x: x, y: y, style: sel ? .selected : .overlay, maxX: right)
            let note = b.note.map { "note: " + Chrome.oneLine($0) } ?? "(no note: a adds one)"
            g.put("   " + Chrome.fit(note, inner.width - 4), x: inner.x, y: y + 1,
                  style: sel ? .selected : (b.note == nil ? .dim : .overlay), maxX: right)
            g.addRegion(HitRegion(x: inner.x, y: y, width: inner.width, height: 2, target: .listRow(i)))
        }
    }
}
