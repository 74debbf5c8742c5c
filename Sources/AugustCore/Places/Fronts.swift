import Foundation

/// A dated statement of a passage: the input the fronts report is built from. The events model
/// (extracted dates) provides these; any source of dated spans will do.
public struct DatedSpan: Sendable, Hashable, Codable {
    public let passageID: String
    /// Scalar offsets of the statement in the passage text, end exclusive.
    public let start: Int
    public let end: Int
    /// ISO 8601 date (or start of the range) and end of the range (equal to `dateStart` for a day).
    public let dateStart: String
    public let dateEnd: String
    public init(passageID: String, start: Int, end: Int, dateStart: String, dateEnd: String) {
        self.passageID = passageID
        self.start = start
        self.end = end
        self.dateStart = dateStart
        self.dateEnd = dateEnd
    }
}

/// Fronts -> axes -> objectives, each objective with the dated statements that name its place.
public struct FrontsReport: Sendable {
    public struct ObjectiveDate: Sendable, Hashable {
        public let dateStart: String
        public let dateEnd: String
        public let passageID: String
        public let documentID: String
        /// 1-based file line of the statement's start.
        public let line: Int
    }
    public struct Objective: Sendable {
        public let place: Place
        /// Dated statements naming the place (or a place within it), by date then corpus order.
        public let dates: [ObjectiveDate]
        /// Every passage of the corpus naming the place (or a place within it), in corpus order.
        public let passages: [String]
        /// The earliest and latest dates (nil when no dated statement names it).
        public var first: String? { dates.map(\.dateStart).min() }
        public var last: String? { dates.map(\.dateEnd).max() }
    }
    public struct AxisReport: Sendable {
        public let axis: Axis
        public let units: [Formation]
        public let objectives: [Objective]
    }
    public struct TheatreReport: Sendable {
        public let theatre: Theatre
        public let front: Formation?
        public let axes: [AxisReport]
    }
    public let theatres: [TheatreReport]

    /// True when no objective of any axis is named in the corpus.
    public var isEmpty: Bool { theatres.allSatisfy { $0.axes.allSatisfy { $0.objectives.allSatisfy { $0.passages.isEmpty } } } }

    /// Build the report for a corpus from its dated statements.
    public static func build(corpus: Corpus, linker: EntityLinker, spans: [DatedSpan]) -> FrontsReport {
        build(corpus: corpus, linker: linker, spans: spans, mentions: linker.mentions(in: corpus))
    }

    /// The same, given the corpus' mentions (`linker.mentions(in: corpus)`, computed once by the caller).
    public static func build(corpus: Corpus, linker: EntityLinker, spans: [DatedSpan],
                             mentions: [PassageMention]) -> FrontsReport {
        let data = linker.data
        var order: [String: Int] = [:]
        for (i, p) in corpus.passages.enumerated() { order[p.id] = i }

        // Only the objectives' lists are read: no list is kept for any other place.
        let objectives = Set(data.axes.theatres.flatMap { $0.axes.flatMap(\.objectives) })
        // Place id (and every place it lies within) -> dated statements naming it.
        var dated: [String: [ObjectiveDate]] = [:]
        var linked: [ExactText: [EntityMention]] = [:]
        for span in spans {
            guard let passage = corpus.passage(id: span.passageID) else { continue }
            let text = passage.text.scalarSlice(span.start, span.end)
            let prefix = passage.text.scalarSlice(0, span.start)
            let line = passage.lineStart + prefix.unicodeScalars.filter { $0 == "\n" }.count
            var seen: Set<String> = []
            // Many statements are told again word for word: each distinct text is linked once.
            let found: [EntityMention]
            if let known = linked[ExactText(text)] { found = known } else { found = linker.mentions(in: text); linked[ExactText(text)] = found }
            for m in found where m.kind == .place {
                for id in data.gazetteer.ancestry(of: m.id) where objectives.contains(id) && seen.insert(id).inserted {
                    dated[id, default: []].append(ObjectiveDate(dateStart: span.dateStart, dateEnd: span.dateEnd,
                        passageID: span.passageID, documentID: passage.documentID, line: line))
                }
            }
        }
        var named: [String: [String]] = [:]
        var namedSet: [String: Set<String>] = [:]  // the same lists as sets: a membership test per mention
        for pm in mentions where pm.mention.kind == .place {
            for id in data.gazetteer.ancestry(of: pm.mention.id) where objectives.contains(id) && named[id]?.last != pm.passageID {
                if namedSet[id, default: []].insert(pm.passageID).inserted { named[id, default: []].append(pm.passageID) }
            }
        }
        let theatres = data.axes.theatres.map { t in
            TheatreReport(theatre: t, front: data.orderOfBattle.unit(id: t.front), axes: t.axes.map { a in
                AxisReport(axis: a, units: a.units.compactMap { data.orderOfBattle.unit(id: $0) },
                           objectives: a.objectives.compactMap { id in
                    guard let place = data.gazetteer.place(id: id) else { return nil }
                    var ds = Array(Set(dated[id] ?? []))
                    // The end date breaks the last ties: without it, the order of two statements
                    // of one line with the same start came from the set's (per-process) hashing.
                    ds.sort { ($0.dateStart, order[$0.passageID] ?? 0, $0.line, $0.dateEnd)
                        < ($1.dateStart, order[$1.passageID] ?? 0, $1.line, $1.dateEnd) }
                    return Objective(place: place, dates: ds, passages: named[id] ?? [])
                })
            })
        }
        return FrontsReport(theatres: theatres)
    }
}
