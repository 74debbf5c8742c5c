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
    var frontsPane: FrontsPane { FrontsPane(data: data) }
    var timeline: TimelinePane { TimelinePane(app: self) }
    var source: SourcePane { SourcePane(app: self) }
    var status: StatusBar { StatusBar(app: self) }
    var overlays: Overlays { Overlays(app: self) }
    var overlayKeys: OverlayKeys { OverlayKeys(app: self) }
    var prompts: Prompts { Prompts(app: self) }
    var mouseInput: MouseInput { MouseInput(app: self) }
    var searchFlow: SearchFlow { SearchFlow(app: self) }
    var searchService: SearchService { SearchService(data: data) }
    var bookmarksPanel: BookmarksPanel { BookmarksPanel(app: self) }
    var conflictsPanel: ConflictsPanel { ConflictsPanel(app: self) }
    var mapPane: MapPane { MapPane(app: self) }
    var parallelView: ParallelView { ParallelView(app: self) }
    var frontsKeys: FrontsKeys { FrontsKeys(app: self) }
    var navigation: Navigation { Navigation(app: self) }
    var dossierWriter: DossierWriter { DossierWriter(app: self) }
    var actions: Actions { Actions(app: self) }
    var bookmarksView: BookmarksView { BookmarksView(app: self) }

    /// Where the state stands, for the status line: event, mention, match, objective… (public for
    /// the tests and the benchmark).
    public func positions(_ s: AppState) -> [String] { status.positions(s) }
    /// `002 · Section IV · ¶104`: the file's short name, the article, the passage number.
    public func passageLabel(_ ordinal: Int) -> String { source.passageLabel(ordinal) }
    /// Bookmarks found again in the corpus as it is now (see `BookmarksPanel.resolve`).
    public func resolve(_ bookmarks: [Bookmark]) -> [BookmarkEntry] { bookmarksPanel.resolve(bookmarks) }
    /// A row of a list as drawn.
    public func displayRow(_ s: AppState, _ list: ListOverlay, _ i: Int) -> ListOverlay.Row { searchFlow.displayRow(s, list, i) }

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
        navigation.fixScroll(&s, passageMoved: true)
        bookmarksPanel.startBookmarks(&s)
        return s
    }

    /// Runs a key script from the initial state; returns every state (the first is the initial one).
    public func run(_ inputs: [Input], width: Int, height: Int) -> [AppState] {
        var s = initialState(width: width, height: height)
        var out = [s]
        for i in inputs {
            if s.quit { break }
            s = handle(s, i)
            out.append(s)
        }
        return out
    }

    /// One input and the queries it asks for: `update`, then each `SearchWork` answered by the
    /// search service and fed back, until none is left. The run loops (terminal, key scripts) call
    /// this; `update` alone stays pure.
    public func handle(_ state: AppState, _ input: Input) -> AppState {
        var s = update(state, input)
        var rounds = 0
        while !s.work.isEmpty, rounds < 16 {
            let work = s.work.removeFirst()
            s = update(s, .answer(searchService.answer(work)))
            rounds += 1
        }
        s.work.removeAll()
        return s
    }

    // MARK: update

    /// The next state: pure (no query, no file, no terminal). Work it needs is left in
    /// `effects` and `work` for the runner.
    public func update(_ old: AppState, _ input: Input) -> AppState {
        var s = reduce(old, input)
        searchFlow.requestCover(&s)
        return s
    }

    func reduce(_ old: AppState, _ input: Input) -> AppState {
        var s = old
        switch input {
        case .answer(let answer):
            searchFlow.apply(&s, answer)
            return s
        case .resize(let w, let h):
            s.width = max(0, w)
            s.height = max(0, h)
            navigation.fixScroll(&s, passageMoved: false)
            return s
        case .notice(let text, let isError):
            s.message = text
            s.messageIsError = isError
            return s
        case .mouse(let button, let x, let y):
            s.message = nil
            mouseInput.mouse(&s, button, x, y)
            navigation.fixScroll(&s, passageMoved: false)
            return s
        case .key(let key):
            s.message = nil
            s.messageIsError = false
            if key == .ctrl("c") { s.quit = true; return s }
            if s.prompt != nil {
                prompts.promptKey(&s, key)
                return s
            }
            if s.filterPrompt != nil {
                timeline.filterKey(&s, key)
                return s
            }
            if s.notePrompt != nil {
                bookmarksPanel.noteKey(&s, key)
                return s
            }
            if let overlay = s.overlay {
                overlayKeys.overlayKey(&s, overlay, key)
                return s
            }
            if parallelView.parallelKey(&s, key) { return s }
            let pane = effectiveFocus(s)
            guard let command = keymap.command(for: key, in: pane) else {
                if case .char(let c) = key, !c.isWhitespace {
                    s.message = "\(key.label) does nothing here; press ? for the keys"
                }
                return s
            }
            actions.perform(&s, command)
            navigation.fixScroll(&s, passageMoved: false)
            return s
        }
    }

    /// The pane whose keys apply: the focused one, or the map when the fronts pane shows it.
    func effectiveFocus(_ s: AppState) -> Pane { s.focus == .fronts && s.showMap ? .map : s.focus }

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

    func documentIndex(ofPassage ordinal: Int) -> Int { data.documentIndex(ofPassage: ordinal) }

    // MARK: moving

    // MARK: jumps

    // MARK: search

    /// A query as a message quotes it: at most 60 characters (a pasted page stays one short line).
    static func clipped(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(59)) + "…"
    }

    // MARK: overlays

    // MARK: mouse

}

/// The editing keys every one-line prompt shares (search, filter, note), as the keymap's prompt
/// context binds them (Backspace, Ctrl-U the line, Ctrl-W the last word); any other character is typed.
enum LineEdit {
    /// Applies `key` to `text`; false when it is no editing key or changed nothing.
    static func apply(_ key: Key, _ keymap: Keymap, to text: inout String, newlineAs: Character? = nil) -> Bool {
        switch keymap.command(for: key, in: .prompt) {
        case .promptErase:
            if text.isEmpty { return false }
            text.removeLast()
        case .promptEraseLine: text = ""
        case .promptEraseWord:
            while text.last == " " { text.removeLast() }
            while let last = text.last, last != " " { _ = last; text.removeLast() }
        case nil:
            guard case .char(let c) = key else { return false }
            text.append(c.isNewline ? newlineAs ?? c : c)
        default: return false
        }
        return true
    }
}

/// The keys that move the selection of every list overlay (search results, documents, KWIC,
/// conflicts, bookmarks), as the keymap's list contexts bind them.
enum ListMove {
    /// The new selection, or nil when `command` moves nothing.
    static func apply(_ command: Command?, selected: Int, count n: Int) -> Int? {
        let last = max(0, n - 1)
        switch command {
        case .listDown: return min(last, selected + 1)
        case .listUp: return max(0, selected - 1)
        case .listPageDown: return min(last, selected + 5)
        case .listPageUp: return max(0, selected - 5)
        case .listFirst: return 0
        case .listLast: return last
        default: return nil
        }
    }
}
