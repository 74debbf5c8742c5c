import AugustCore
import AugustSearch
import AugustMap
import Foundation

// Turns the model's analysis of a corpus (events, links, fronts) into what the explorer shows.

extension ExplorerData {
    /// The explorer over an analysed corpus: events on the timeline, the fronts report as the map,
    /// dates, places and formations styled in the source, search that knows other names.
    public convenience init(analysis: Analysis, index: SearchIndex?) {
        // The parallel passages are looked for on the other core while the timeline (with its
        // conflicts), the styling and the map are made: the two longest steps of this init.
        let found = ParallelsBox()
        let group = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            found.index = ParallelIndex(Parallels.find(in: analysis.corpus, mentions: analysis.mentions), corpus: analysis.corpus)
        }
        let fronts = FrontsMap(analysis.fronts)
        memTrace("fronts")
        let timeline = TimelineItem.items(analysis, fronts: fronts)
        memTrace("timeline")
        let styling = SourceStyling(analysis)
        memTrace("styling")
        let scene = MapSceneBuilder.scene(from: analysis)
        memTrace("map")
        var names: [String: String] = [:]
        if let gazetteer = analysis.linker?.data.gazetteer {
            for item in timeline {
                for id in item.placeIDs where names[id] == nil { names[id] = gazetteer.place(id: id)?.name }
            }
        }
        group.wait()
        memTrace("parallels")
        self.init(corpus: analysis.corpus, index: index, timeline: timeline, fronts: fronts, styling: styling,
                  aliases: analysis.linker?.aliasIndex, mapScene: scene, parallels: found.index ?? .empty, placeNames: names)
    }
}

/// The parallel index made on another thread (written once before `wait` returns, read after).
private final class ParallelsBox: @unchecked Sendable {
    var index: ParallelIndex?
}

extension FrontsMap {
    /// Each theatre of the report as a box in its region; in it the axes the texts' movements
    /// reached, each with the objectives reached and their dates (and the places the texts add
    /// under the front). No movement at all: the fronts, empty, and the report's note.
    public init(_ report: FrontsReport?) {
        guard let report else { self.init(); return }
        self.init(fronts: report.theatres.map { t in
            FrontBox(id: t.theatre.id, name: t.theatre.name, tag: t.theatre.tag ?? Self.initials(t.theatre.name),
                     position: Position(t.theatre.position),
                     axes: t.reachedAxes.map { a in
                Axis(name: a.axis.name, objectives: a.reached.map { o in
                    Objective(placeID: o.place.id, name: o.place.name, dateLabel: o.span.map(DateFormat.label))
                })
            })
        }, note: report.note)
    }

    static func initials(_ name: String) -> String {
        String(name.split(separator: " ").compactMap(\.first).filter { $0.isUppercase || $0.isNumber }.prefix(3))
    }
}

extension FrontsMap.Position {
    init(_ p: Theatre.Position) {
        switch p {
        case .west: self = .west
        case .north: self = .north
        case .east: self = .east
        case .farEast: self = .farEast
        case .southEast: self = .southEast
        }
    }
}

extension TimelineItem.Kind {
    init(_ k: DateKind) {
        switch k {
        case .event: self = .event
        case .publication: self = .publication
        case .other: self = .other
        }
    }
}

extension TimelineItem {
    /// One row per event. A row's mentions point at the statements that tell it (so the source
    /// pane emphasises the exact words); its front is the theatre of its formations, narrowed by
    /// its places where a front fought in several theatres. Places and fronts are taken by the ids
    /// the event carries: no name is looked up.
    static func items(_ analysis: Analysis, fronts: FrontsMap) -> [TimelineItem] {
        let gazetteer = analysis.linker?.data.gazetteer
        let theatres = analysis.linker?.data.axes.theatres ?? []
        let objectives = Dictionary(uniqueKeysWithValues: theatres.map { t in
            (t.id, Set(t.axes.flatMap(\.objectives)))
        })
        let shown = Set(fronts.fronts.map(\.id))

        @Sendable func theatre(of e: Event, placeIDs: [String]) -> String? {
            guard let gazetteer else { return nil }
            let within = Set(placeIDs.flatMap { gazetteer.ancestry(of: $0) })
            let byFront = theatres.filter { e.frontIDs.contains($0.front) }
            if let t = byFront.first(where: { !(objectives[$0.id] ?? []).isDisjoint(with: within) }) { return t.id }
            if let t = byFront.first { return t.id }
            let byPlace = theatres.filter { !(objectives[$0.id] ?? []).isDisjoint(with: within) }
            return byPlace.count == 1 ? byPlace[0].id : nil
        }

        let conflicts = ConflictNote.byEvent(ConflictFinder.find(in: analysis), corpus: analysis.corpus)
        memTrace("conflicts")
        // One item per event, in parallel parts (the title's cut and the theatre are work per event).
        let events = analysis.events
        return SlotBox<TimelineItem>.parallelMap(events.count) { range in
            events[range].map { e in
                let placeIDs = e.placeIDs
                let front = theatre(of: e, placeIDs: placeIDs).flatMap { shown.contains($0) ? $0 : nil }
                return TimelineItem(
                    id: e.id, kind: Kind(e.kind), date: e.date, frontID: front,
                    title: TimelineTitle.make(title: e.title, dateText: e.mentions.first?.dateText ?? ""),
                    mentions: tellings(e, corpus: analysis.corpus),
                    placeIDs: placeIDs,
                    conflicts: conflicts[e.id] ?? [])
            }
        }
    }
}

extension TimelineItem {
    /// An event's tellings: one a passage (two date expressions in one sentence, or two sentences
    /// of one paragraph that date the same thing, are one telling; its first statement is marked).
    /// The passage of a telling is found in the corpus once, here (-1: not in it).
    static func tellings(_ e: Event, corpus: Corpus) -> [Mention] {
        var seen = Set<String>()
        return e.mentions.compactMap { m in
            guard seen.insert(m.passageID).inserted else { return nil }
            return Mention(passage: corpus.passageOrdinal(id: m.passageID) ?? -1, start: m.statementStart, end: m.statementEnd)
        }
    }
}

extension SourceStyling {
    /// Date expressions from the events; places and formations from the linker. Each passage is
    /// found in the corpus once per run of spans in it (those of a passage it does not have are left out).
    init(_ analysis: Analysis) {
        let corpus = analysis.corpus
        var spans: [Int: [Span]] = [:]
        var lastID = "", lastOrdinal: Int? = nil
        func ordinal(_ id: String) -> Int? {
            if id != lastID { lastID = id; lastOrdinal = corpus.passageOrdinal(id: id) }
            return lastOrdinal
        }
        for e in analysis.events {
            for m in e.mentions {
                if let o = ordinal(m.passageID) { spans[o, default: []].append(Span(start: m.start, end: m.end, kind: .date)) }
            }
        }
        // The linker's mentions, found once by the analysis (in corpus order, text order within a passage).
        for pm in analysis.mentions {
            let m = pm.mention
            if let o = ordinal(pm.passageID) {
                spans[o, default: []].append(Span(start: m.start, end: m.end, kind: m.kind == .place ? .place : .unit))
            }
        }
        for k in spans.keys { spans[k]?.sort { ($0.start, $0.end) < ($1.start, $1.end) } }
        self.init(spans: spans)
    }
}
