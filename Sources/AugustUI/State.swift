import AugustCore

/// A place in the explorer that the jump history can return to.
public struct Location: Sendable, Hashable {
    public var focus: Pane
    public var timelineSelection: Int?
    public var mentionIndex: Int
    public var sourcePassage: Int
    public var sourceTopPassage: Int
    public var sourceTopRow: Int
    public var emphasis: Emphasis?
    /// The timeline's view, so that going back shows the selected event again.
    public var showAllKinds: Bool
    public var placeFilterID: String?
    public var placeFilterName: String?
}

/// The text range that led to the current passage (a mention, a match), drawn emphasised.
public struct Emphasis: Sendable, Hashable {
    public var passage: Int       // ordinal in corpus.passages
    public var start: Int
    public var end: Int
}

/// An active search: the query, how many passages match, a window of them in corpus order, and
/// which match we are on. Nothing here holds every match: a query matching a million passages
/// costs a bounded count and a window; `n`/`N` fetch the next window when they run off this one,
/// and only the passages drawn are highlighted (see SearchWindow.swift).
public struct ActiveSearch: Sendable, Hashable {
    /// Matching passages are counted up to this many; above it the count reads "more than".
    public static let countBound = 500

    public var text: String
    /// The query as searched (with other names added).
    public var query: SearchQuery
    /// The other names of places and formations the search added (`Haerbin` for `Harbin`).
    public var added: [String] = []
    /// Number of matching passages, exact up to `countBound`; `countBound + 1` means more than that.
    public var passageCount: Int
    /// Matching passages around the current one, in corpus order.
    public var window: HitWindow
    /// The match we are on.
    public var current: Current?

    public struct Current: Sendable, Hashable {
        public var passage: Int
        /// Start of the highlighted range (0 for a passage whose words could not be placed).
        public var start: Int
        /// 0-based position of `passage` among the matching passages; nil when beyond `countBound`.
        public var rank: Int?
    }

    public var isEmpty: Bool { passageCount == 0 }
    public var countIsExact: Bool { passageCount <= ActiveSearch.countBound }

    /// `42`, or `>500` when there are more than the bound.
    public var countText: String { countIsExact ? "\(passageCount)" : ">\(ActiveSearch.countBound)" }
}

/// Some matching passages in corpus order: every matching passage `p` with `lo <= p <= hi` is in
/// `ordinals` (ascending). An empty window covers nothing (`lo > hi`).
public struct HitWindow: Sendable, Hashable {
    public var ordinals: [Int]
    public var lo: Int
    public var hi: Int
    public static let empty = HitWindow(ordinals: [], lo: 1, hi: 0)

    public func covers(_ p: Int) -> Bool { p >= lo && p <= hi }

    /// Index of the first ordinal >= p.
    func lowerBound(_ p: Int) -> Int {
        var a = 0, b = ordinals.count
        while a < b {
            let m = (a + b) / 2
            if ordinals[m] < p { a = m + 1 } else { b = m }
        }
        return a
    }

    func contains(_ p: Int) -> Bool {
        let i = lowerBound(p)
        return i < ordinals.count && ordinals[i] == p
    }
}

/// The `/` prompt while it is open: what was typed, and what to restore on Esc.
/// `f`: the timeline narrowed as the reader types (fzf's extended mode: space-separated terms,
/// each found in the row's title, date, places, formations or front, case- and accent-blind).
public struct FilterPrompt: Sendable {
    public var text: String
    /// The filter and the selection before `f`, for Esc.
    public var before: String?
    public var beforeSelection: Int?
    /// The pane it narrows: the timeline or the fronts.
    public var pane: Pane = .timeline
}

public struct Prompt: Sendable {
    public var text: String
    public var before: ActiveSearch?
    public var beforeLocation: Location
    /// Opened by `s` without a query: Enter then opens the ranked list.
    public var thenList: Bool
    public var error: String?
}

/// A list overlay to pick from (ranked search results; events of a passage).
public struct ListOverlay: Sendable {
    public enum Purpose: Sendable { case searchResults, eventsOfPassage, documents, concordance, conflicts }
    /// A search list's passages in corpus order, filled a window at a time as the selection nears
    /// the end of what is loaded (`title` and `context` of its rows are drawn from the passage).
    public struct More: Sendable {
        public var query: SearchQuery
        /// Passages still to load after the last row (false once the last window came back short).
        public var more: Bool
    }
    public struct Row: Sendable {
        public var title: String          // first line (file and passage; or date and title)
        public var context: String        // second line (snippet), may be empty
        public var highlights: [Range<Int>] // scalar ranges in `context`
        public var passage: Int?          // ordinal to open
        public var item: Int?             // timeline index to select
        public var match: Range<Int>? = nil // the exact words to mark when opened (a concordance line)
    }
    public var purpose: Purpose
    public var title: String
    public var rows: [Row]
    public var selected: Int = 0
    public var top: Int = 0
    /// The count shown after the position (`3/42`): the matching passages of a search list.
    public var totalText: String? = nil
    /// A search list in corpus order that loads more rows as the selection goes down.
    public var lazy: More? = nil
    /// A concordance: its lines in corpus order (what `o` sorts again), the lines as the rows
    /// show them, their order, and the query.
    public var concordance: [ConcordanceLine] = []
    public var concordanceRows: [ConcordanceLine] = []
    public var concordanceSort: ConcordanceSort = .corpus
    public var concordanceQuery = ""
}

public enum Overlay: Sendable {
    case help(top: Int)
    case list(ListOverlay)
    /// `'`: the bookmarks and notes (Bookmarks.swift).
    case bookmarks(BookmarkList)
}

/// The whole state of the explorer: a value; `Explorer.update` makes the next one.
public struct AppState: Sendable {
    public var width: Int
    public var height: Int
    public var focus: Pane = .timeline
    /// The pane shown in the upper half of the medium layout (Timeline or Fronts).
    public var upperPane: Pane = .timeline

    public var showAllKinds = false
    /// A place id the timeline is filtered to, and its name for the status line.
    public var placeFilter: (id: String, name: String)?

    public var timelineSelection: Int?
    public var timelineTop = 0
    public var mentionIndex = 0

    public var frontsSelection = 0
    /// The fronts pane's text filter (`f` there; nil: none).
    public var frontsFilter: String?
    /// The fronts pane shows the map (`m`) instead of the list.
    public var showMap = false
    public var map = MapPaneState()

    public var sourcePassage = 0
    public var sourceTopPassage = 0
    public var sourceTopRow = 0
    public var emphasis: Emphasis?
    /// The side-by-side view of parallel passages (`t`), while it is open.
    public var parallel: ParallelState?

    public var search: ActiveSearch?
    public var prompt: Prompt?
    /// The timeline's text filter (nil: none), and its prompt while it is being typed.
    public var timelineFilter: String?
    public var filterPrompt: FilterPrompt?
    public var overlay: Overlay?
    /// The reader's bookmarks and notes (Bookmarks.swift), the note being typed, and whether the
    /// file read at start was damaged (the next save keeps it as `.bak`).
    public var bookmarks: [BookmarkEntry] = []
    public var notePrompt: NotePrompt?
    public var bookmarksDamaged = false

    public var history: [Location] = []
    public var historyIndex = 0

    public var message: String?
    public var messageIsError = false
    public var quit = false
    /// Work for the runner (copy, open a pager or an editor), appended by `update`; the runner
    /// takes them out after each update and does them in order.
    public var effects: [Effect] = []
    /// Queries for the runner (see `SearchWork`), appended by `update`; each answer comes back
    /// as `Input.answer`.
    public var work: [SearchWork] = []

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var location: Location {
        Location(focus: focus, timelineSelection: timelineSelection, mentionIndex: mentionIndex,
                 sourcePassage: sourcePassage, sourceTopPassage: sourceTopPassage, sourceTopRow: sourceTopRow,
                 emphasis: emphasis, showAllKinds: showAllKinds, placeFilterID: placeFilter?.id,
                 placeFilterName: placeFilter?.name)
    }

    mutating func restore(_ l: Location) {
        focus = l.focus
        if focus != .source { upperPane = focus }
        timelineSelection = l.timelineSelection
        mentionIndex = l.mentionIndex
        sourcePassage = l.sourcePassage
        sourceTopPassage = l.sourceTopPassage
        sourceTopRow = l.sourceTopRow
        emphasis = l.emphasis
        showAllKinds = l.showAllKinds
        placeFilter = l.placeFilterID.map { ($0, l.placeFilterName ?? $0) }
    }
}

// MARK: layout

public struct Rect: Sendable, Hashable {
    public var x, y, width, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) { self.x = x; self.y = y; self.width = width; self.height = height }
    /// The inside of a box drawn on this rectangle's edge.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: max(0, width - 2), height: max(0, height - 2)) }
    public func contains(_ px: Int, _ py: Int) -> Bool { px >= x && px < x + width && py >= y && py < y + height }
}

/// Where the panes go for a screen size.
public struct Layout: Sendable, Hashable {
    public enum Mode: Sendable, Hashable {
        case tooSmall      // below 40×10: one centred line
        case single        // below 80×24: one pane at a time, tab bar on top
        case stacked       // 80×24 up to 100×30: Timeline or Fronts on top, Source below
        case full          // 100×30 and up: Timeline | Fronts on top, Source across the bottom
    }
    public static let minimum = (width: 40, height: 10)

    public var mode: Mode
    public var panes: [Pane: Rect]
    public var tabBar: Rect?
    public var status: Rect

    /// `wideFronts`: the fronts pane shows the map, which wants more room than the list (the
    /// top row takes three fifths of the height and the map three fifths of its width).
    public static func compute(width: Int, height: Int, focus: Pane, upper: Pane, wideFronts: Bool = false) -> Layout {
        let status = Rect(x: 0, y: max(0, height - 1), width: width, height: 1)
        if width < minimum.width || height < minimum.height {
            return Layout(mode: .tooSmall, panes: [:], tabBar: nil, status: status)
        }
        let body = height - 1
        if width < 80 || height < 24 {
            let r = Rect(x: 0, y: 1, width: width, height: body - 1)
            return Layout(mode: .single, panes: [focus: r], tabBar: Rect(x: 0, y: 0, width: width, height: 1), status: status)
        }
        if width < 100 || height < 30 {
            let top = max(6, wideFronts && upper == .fronts ? body * 3 / 5 : body * 2 / 5)
            return Layout(mode: .stacked,
                          panes: [upper == .fronts ? .fronts : .timeline: Rect(x: 0, y: 0, width: width, height: top),
                                  .source: Rect(x: 0, y: top, width: width, height: body - top)],
                          tabBar: nil, status: status)
        }
        let top = wideFronts ? body * 3 / 5 : body / 2
        let left = wideFronts ? width * 2 / 5 : width * 11 / 20
        return Layout(mode: .full,
                      panes: [.timeline: Rect(x: 0, y: 0, width: left, height: top),
                              .fronts: Rect(x: left, y: 0, width: width - left, height: top),
                              .source: Rect(x: 0, y: top, width: width, height: body - top)],
                      tabBar: nil, status: status)
    }
}
