import Foundation
import AugustCore
import AugustSearch
import AugustMap

// The explorer's input model: plain values that the events and gazetteer work are adapted into.
// Nothing here computes dates or places; it only says what the panes show.

/// One row of the timeline: a dated event (or a publication stamp, or a recurring/hypothetical date).
public struct TimelineItem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable { case event, publication, other }

    /// Where the item is told: a passage, by its ordinal in the corpus (`corpus.passages`; -1 for
    /// one the corpus does not have), and the scalar range `[start, end)` of the date expression
    /// (or of the statement) inside its text.
    public struct Mention: Sendable, Hashable {
        public var passage: Int
        public var start: Int
        public var end: Int
        public init(passage: Int, start: Int, end: Int) {
            self.passage = passage; self.start = start; self.end = end
        }
    }

    public var id: String
    public var kind: Kind
    /// The date the texts give, typed: the year and day headers come from its first point
    /// (through `DateFormat`, as every date shown).
    public var date: DateValue
    /// The date as shown in a row (at its precision), e.g. `08-09 17:00`, `Aug`, `08-11…25`:
    /// `DateFormat.label(date)` unless given.
    public var dateLabel: String
    /// Orders the timeline (ascending); ties keep the input order. Defaults to the first and last
    /// minutes the date covers.
    public var sortKey: String
    /// The `FrontBox.id` this event belongs to, if any (its tag is shown in the row).
    public var frontID: String?
    public var title: String
    /// Where it is told. `ExplorerData` puts them in corpus order; the first is where Enter jumps.
    public var mentions: [Mention]
    /// Gazetteer ids of the places the event names (matched against `Objective.placeID`).
    public var placeIDs: [String]
    /// Where the documents that tell it disagree (empty: they agree); `≠` in its row, `C` lists them.
    /// Read back from a snapshot, they stay in its file until asked for.
    public var conflicts: [ConflictNote] {
        get { conflictNotes.notes }
        set { conflictNotes = ConflictNotes(newValue) }
    }
    var conflictNotes = ConflictNotes([])
    /// Whether the documents disagree on it (known without reading the notes).
    public var hasConflicts: Bool { !conflictNotes.isEmpty }

    public var mentionCount: Int { mentions.count }

    /// The timeline's order for a date: its first minute, then its last.
    public static func sortKey(_ date: DateValue) -> String { date.lowerBound + "|" + date.upperBound }

    public init(id: String, kind: Kind = .event, date: DateValue, dateLabel: String? = nil, sortKey: String? = nil,
                frontID: String? = nil, title: String, mentions: [Mention], placeIDs: [String] = [],
                conflicts: [ConflictNote] = []) {
        self.id = id; self.kind = kind; self.date = date; self.dateLabel = dateLabel ?? DateFormat.label(date)
        self.sortKey = sortKey ?? Self.sortKey(date); self.frontID = frontID; self.title = title
        self.mentions = mentions; self.placeIDs = placeIDs; self.conflictNotes = ConflictNotes(conflicts)
    }
}

/// An item's conflict notes: in memory, or a range of the explorer's snapshot read on first use
/// (a warm start reads no note until `C` or `w` asks for one).
struct ConflictNotes: Sendable, Hashable {
    private let loaded: [ConflictNote]
    private let stored: StoredNotes?

    init(_ notes: [ConflictNote]) { loaded = notes; stored = nil }
    init(stored: StoredNotes) { loaded = []; self.stored = stored }

    var isEmpty: Bool { stored == nil && loaded.isEmpty }
    var notes: [ConflictNote] { stored?.read() ?? loaded }

    static func == (a: ConflictNotes, b: ConflictNotes) -> Bool { a.notes == b.notes }
    func hash(into h: inout Hasher) { h.combine(notes) }
}

/// Notes left in the snapshot file: the checked bytes `range` of its body, read (and kept) once.
final class StoredNotes: @unchecked Sendable {
    private let file: CheckedBody
    private let range: Range<Int>
    private let passages: Int
    private let lock = NSLock()
    private var read_: [ConflictNote]?

    init(file: CheckedBody, range: Range<Int>, passages: Int) {
        self.file = file; self.range = range; self.passages = passages
    }

    /// The notes; none when the file no longer holds them (replaced, truncated or damaged since).
    func read() -> [ConflictNote] {
        lock.withLock {
            if let read_ { return read_ }
            let decoded: [ConflictNote]? = try? file.withBytes(range) { buf -> [ConflictNote] in
                var r = ByteReader(buf)
                let notes = try TimelineItem.readConflicts(&r, passages: passages)
                guard r.atEnd else { throw SnapshotFormatError("conflict notes") }
                return notes
            }
            let notes = decoded ?? []
            read_ = notes
            return notes
        }
    }
}

/// The fronts as a map-like layout: each front in its region of the screen, its axes as chains.
public struct FrontsMap: Sendable, Hashable {
    /// Where a front is drawn, roughly where it fought.
    public enum Position: String, Sendable, Hashable, CaseIterable {
        case west        // left column (e.g. Transbaikal)
        case north       // along the top (e.g. 2nd Far Eastern)
        case east        // right (e.g. 1st Far Eastern)
        case farEast     // far right (e.g. Sakhalin, the Kurils)
        case southEast   // bottom right (e.g. Korea, the Pacific Fleet)
    }

    public struct Objective: Sendable, Hashable {
        public var placeID: String
        public var name: String
        /// The dates the corpus gives for it, short (`08-14…17`), or nil when none.
        public var dateLabel: String?
        public init(placeID: String, name: String, dateLabel: String? = nil) {
            self.placeID = placeID; self.name = name; self.dateLabel = dateLabel
        }
    }

    public struct Axis: Sendable, Hashable {
        public var name: String
        /// From the start line inward.
        public var objectives: [Objective]
        public init(name: String, objectives: [Objective]) { self.name = name; self.objectives = objectives }
    }

    public struct FrontBox: Sendable, Hashable {
        public var id: String
        public var name: String
        /// Short tag shown in timeline rows (`TB`, `1FE`).
        public var tag: String
        public var position: Position
        public var axes: [Axis]
        public init(id: String, name: String, tag: String, position: Position, axes: [Axis]) {
            self.id = id; self.name = name; self.tag = tag; self.position = position; self.axes = axes
        }
    }

    public var fronts: [FrontBox]
    /// One line shown instead of the axes when the texts tell no movement (the fronts are empty).
    public var note: String?
    public init(fronts: [FrontBox] = [], note: String? = nil) { self.fronts = fronts; self.note = note }
    public static let empty = FrontsMap()

    /// Every objective, in display order (west, north, east, far east, south-east; axis; chain).
    public var flatObjectives: [(front: Int, axis: Int, objective: Int)] {
        var out: [(Int, Int, Int)] = []
        for pos in Position.allCases {
            for (fi, f) in fronts.enumerated() where f.position == pos {
                for (ai, a) in f.axes.enumerated() { for oi in a.objectives.indices { out.append((fi, ai, oi)) } }
            }
        }
        return out
    }
}

/// Styled spans inside passages: dates, places and formations, by passage ordinal.
public struct SourceStyling: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case date, place, unit }
    public struct Span: Sendable, Hashable {
        public var start: Int, end: Int      // scalar offsets into the passage text, end exclusive
        public var kind: Kind
        public init(start: Int, end: Int, kind: Kind) { self.start = start; self.end = end; self.kind = kind }
    }
    private let loaded: [Int: [Span]]
    private let stored: StoredStyling?

    public init(spans: [Int: [Span]] = [:]) { loaded = spans; stored = nil }
    init(stored: StoredStyling) { loaded = [:]; self.stored = stored }
    public static let empty = SourceStyling()

    /// The spans of one passage (by ordinal), read from the snapshot the first time it is shown.
    public func spans(of passage: Int) -> [Span] { stored?.spans(of: passage) ?? loaded[passage] ?? [] }

    /// Every passage's spans (a stored styling read whole: for the snapshot's writer and tests).
    public var spans: [Int: [Span]] { stored?.all() ?? loaded }

    public static func == (a: SourceStyling, b: SourceStyling) -> Bool { a.spans == b.spans }
    public func hash(into h: inout Hasher) { h.combine(spans) }
}

/// The source styling left in the explorer's snapshot: a table of where each passage's spans
/// start (read at start: four bytes a passage), the spans read (and kept) when a passage is first
/// shown. A section that no longer reads (the file cut under the running explorer) styles nothing.
final class StoredStyling: @unchecked Sendable {
    private let file: CheckedBody
    /// Where the spans start in the body.
    private let start: Int
    /// `starts[o]..<starts[o + 1]`: passage `o`'s spans, relative to `start`.
    private let starts: [UInt32]
    private let lock = NSLock()
    private var read_: [Int: [SourceStyling.Span]] = [:]

    init(file: CheckedBody, start: Int, starts: [UInt32]) {
        self.file = file; self.start = start; self.starts = starts
    }

    /// Bytes per span: start, end, kind.
    static let spanBytes = 9

    func spans(of passage: Int) -> [SourceStyling.Span] {
        guard passage >= 0, passage + 1 < starts.count else { return [] }
        let lo = Int(starts[passage]), hi = Int(starts[passage + 1])
        if lo == hi { return [] }
        return lock.withLock {
            if let known = read_[passage] { return known }
            let decoded = (try? file.withBytes(start + lo..<start + hi) { buf -> [SourceStyling.Span] in
                var r = ByteReader(buf)
                return try Self.decode(&r, count: (hi - lo) / Self.spanBytes)
            }) ?? []
            read_[passage] = decoded
            return decoded
        }
    }

    func all() -> [Int: [SourceStyling.Span]] {
        var out: [Int: [SourceStyling.Span]] = [:]
        for o in 0..<max(0, starts.count - 1) where starts[o] != starts[o + 1] { out[o] = spans(of: o) }
        return out
    }

    static func decode(_ r: inout ByteReader, count: Int) throws(SnapshotFormatError) -> [SourceStyling.Span] {
        var out: [SourceStyling.Span] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            let start = try r.int(), end = try r.int()
            out.append(.init(start: start, end: end, kind: try ExplorerSnapshot.spanKind(r.u8())))
        }
        guard r.atEnd else { throw SnapshotFormatError("styling") }
        return out
    }
}

/// The period inside which the timeline shows a header for each day (the 1945 campaign).
public struct CampaignWindow: Sendable, Hashable {
    public var start: DatePoint, end: DatePoint     // days, inclusive
    public init(start: DatePoint, end: DatePoint) { self.start = start; self.end = end }
    public static let soviet1945 = CampaignWindow(start: .day(1945, 8, 8), end: .day(1945, 9, 3))
    /// The timeline's sort key of the window's first minute (items at or after it are in the campaign).
    var startKey: String { DateValue(start).lowerBound }
}

/// Everything the explorer shows, built once at start-up.
public final class ExplorerData: @unchecked Sendable {
    public let corpus: Corpus
    public let index: SearchIndex?
    /// Sorted by `sortKey` (stable).
    public let timeline: [TimelineItem]
    public let fronts: FrontsMap
    public let styling: SourceStyling
    public let campaign: CampaignWindow
    /// Other names of places and formations, added to every search (nil: search as typed).
    public let aliases: AliasIndex?
    /// What the map draws: the places the texts name and the fronts' axes with their days.
    public let mapScene: MapScene
    /// The distinct days of the axes' legs, ascending (what `<` and `>` step through).
    public let mapDays: [String]
    /// Passages linked to their translation or paraphrase in another document (`t`).
    public let parallels: ParallelIndex
    /// The canonical name of each place the timeline's items carry, by gazetteer id (what a
    /// dossier names them by).
    public let placeNames: [String: String]

    /// passage ordinal → indices into `timeline` of the items that mention it (in timeline order).
    public let itemsByPassage: IntLists
    /// `timeline` index → ordinals of its mentions' passages (same order as `mentions`).
    let mentionOrdinals: IntLists
    /// index into `fronts.fronts` by front id.
    let frontIndex: [String: Int]
    let flatObjectives: [(front: Int, axis: Int, objective: Int)]
    let layoutCache = LayoutCache()
    /// Timeline rows and indexes per toggle and filter (built on first use).
    let timelineCache = TimelineCache()
    /// What the timeline's `f` filter matches each item against (built on first use).
    let filterTexts = FilterTexts()
    /// First passage of each document (for passage → document).
    let documentStarts = DocumentStarts()
    /// Search highlights and hit lookups for the current query (see SearchWindow.swift).
    let searchCache = SearchCache()
    /// Position in `flatObjectives` of each objective, by front, axis and objective.
    let objectiveNumbers = ObjectiveNumbers()
    /// The first event at each objective's place (the fronts pane's preview): from the snapshot,
    /// else built on first use.
    let firstEvents: FirstEvents

    public init(corpus: Corpus, index: SearchIndex?, timeline: [TimelineItem] = [], fronts: FrontsMap = .empty,
                styling: SourceStyling = .empty, campaign: CampaignWindow = .soviet1945, aliases: AliasIndex? = nil,
                mapScene: MapScene = MapScene(), parallels: ParallelIndex = .empty, placeNames: [String: String] = [:]) {
        self.corpus = corpus
        self.firstEvents = FirstEvents()
        self.parallels = parallels
        self.placeNames = placeNames
        self.aliases = aliases
        self.mapScene = mapScene
        self.mapDays = mapScene.days
        self.index = index
        // Items by sortKey (stable); each item's mentions in corpus order, so ] and [ walk the
        // documents in order and Enter opens the first passage that tells it.
        let sorted = timeline.enumerated().sorted { a, b in
            a.element.sortKey != b.element.sortKey ? a.element.sortKey < b.element.sortKey : a.offset < b.offset
        }.map { pair -> TimelineItem in
            var item = pair.element
            // A passage the corpus does not have is -1 (and sorts last).
            for k in item.mentions.indices where !corpus.passages.indices.contains(item.mentions[k].passage) {
                item.mentions[k].passage = -1
            }
            let keyed = item.mentions.enumerated().map { ($0.element.passage >= 0 ? $0.element.passage : Int.max, $0.element.start, $0.offset, $0.element) }
            item.mentions = keyed.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.3)
            return item
        }
        self.timeline = sorted
        self.fronts = fronts
        self.styling = styling
        self.campaign = campaign
        (mentionOrdinals, itemsByPassage) = Self.passageLinks(sorted, passages: corpus.passages.count)
        var fi: [String: Int] = [:]
        for (i, f) in fronts.fronts.enumerated() { fi[f.id] = i }
        frontIndex = fi
        flatObjectives = fronts.flatObjectives
    }

    /// The same data from parts already in the form the init above gives them (read back from a
    /// snapshot): `timeline` sorted, each item's mentions in corpus order, their passages in the
    /// corpus (or -1). Nothing is sorted again.
    init(presorted corpus: Corpus, index: SearchIndex?, timeline: [TimelineItem],
         fronts: FrontsMap, styling: SourceStyling, campaign: CampaignWindow, aliases: AliasIndex?, mapScene: MapScene,
         parallels: ParallelIndex = .empty, placeNames: [String: String] = [:], firstEvents: [String: Int]? = nil) {
        self.corpus = corpus
        self.firstEvents = FirstEvents(known: firstEvents)
        self.parallels = parallels
        self.placeNames = placeNames
        self.aliases = aliases
        self.mapScene = mapScene
        self.mapDays = mapScene.days
        self.index = index
        self.timeline = timeline
        self.fronts = fronts
        self.styling = styling
        self.campaign = campaign
        (mentionOrdinals, itemsByPassage) = Self.passageLinks(timeline, passages: corpus.passages.count)
        var fi: [String: Int] = [:]
        for (i, f) in fronts.fronts.enumerated() { fi[f.id] = i }
        frontIndex = fi
        flatObjectives = fronts.flatObjectives
    }

    /// Each item's passages (its mentions' ordinals, -1 kept) and each passage's items.
    static func passageLinks(_ timeline: [TimelineItem], passages: Int) -> (IntLists, IntLists) {
        var ordinals = IntLists()
        var pairs: [(key: Int, value: Int)] = []
        pairs.reserveCapacity(timeline.count * 2)
        for (i, item) in timeline.enumerated() {
            let ords = item.mentions.map(\.passage)
            ordinals.append(ords)
            for o in ords where o >= 0 { pairs.append((o, i)) }
        }
        return (ordinals, IntLists(count: passages, pairs: pairs))
    }
}
