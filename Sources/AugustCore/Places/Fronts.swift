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
    /// Scalar offsets of the date expression itself (the statement's when unknown): of two dates
    /// of one statement, a movement takes the one nearest its place.
    public let expressionStart: Int
    public let expressionEnd: Int
    public init(passageID: String, start: Int, end: Int, dateStart: String, dateEnd: String,
                expressionStart: Int? = nil, expressionEnd: Int? = nil) {
        self.passageID = passageID
        self.start = start
        self.end = end
        self.dateStart = dateStart
        self.dateEnd = dateEnd
        self.expressionStart = expressionStart ?? start
        self.expressionEnd = expressionEnd ?? end
    }
}

/// The passages naming each place: by place id, the ordinals of the passages with a mention of it,
/// ascending, each once. Made once from the mentions (a scan of all of them); the analysis cache
/// keeps it, so that the fronts report is rebuilt without the mentions.
public struct PlacePassages: Sendable, Equatable {
    public let byPlace: [String: [Int32]]

    public init(byPlace: [String: [Int32]]) { self.byPlace = byPlace }

    public init(mentions: [PassageMention], corpus: Corpus) {
        var out: [String: [Int32]] = [:]
        var lastID = "", lastOrdinal: Int32 = -1, ordered = true
        for pm in mentions where pm.mention.kind == .place {
            if pm.passageID != lastID {
                guard let o = corpus.passageOrdinal(id: pm.passageID) else { continue }
                lastID = pm.passageID
                lastOrdinal = Int32(o)
            }
            let id = pm.mention.id
            if let l = out[id]?.last {
                if l == lastOrdinal { continue }
                if l > lastOrdinal { ordered = false }
            }
            out[id, default: []].append(lastOrdinal)
        }
        // Mentions come in corpus order; any that do not still give ascending lists.
        if !ordered {
            for (id, l) in out { out[id] = Array(Set(l)).sorted() }
        }
        byPlace = out
    }
}

/// Fronts -> axes -> objectives, each objective with the movements the texts tell there.
///
/// `axes.json` is the frame: the fronts, where they sit, their axes and the chain of objectives of
/// each. The content comes from the texts: an objective is reached (and dated) only by a movement
/// — a statement that someone crossed, captured, entered, reached… it (or a place within it) — and
/// a place the texts name in movements but the frame lacks is added under its front (the front of
/// the formation that moved, else the front whose objectives lie nearest). A corpus with no
/// movement gives empty fronts and `note`.
public struct FrontsReport: Sendable {
    public struct ObjectiveDate: Sendable, Hashable {
        public let dateStart: String
        public let dateEnd: String
        public let passageID: String
        public let documentID: String
        /// 1-based file line of the movement's place.
        public let line: Int
        /// What happened there, and who did it (nil when the text does not say).
        public let action: Movement.Action
        public let actorID: String?
    }
    public struct Objective: Sendable {
        public let place: Place
        /// The movements told at the place (or a place within it), by date then corpus order.
        public let movements: [Movement]
        /// The dates of the movements dated by their own statement (to the day), by date then corpus order.
        public let dates: [ObjectiveDate]
        /// Every passage of the corpus naming the place (or a place within it), in corpus order.
        public let passages: [String]
        /// The earliest and latest dates (nil when no dated movement tells it).
        public var first: String? { dates.map(\.dateStart).min() }
        public var last: String? { dates.map(\.dateEnd).max() }
        /// From the earliest to the latest date, typed (one point when they are the same day).
        public var span: DateValue? {
            guard let f = first.flatMap({ DateValue(iso: $0)?.first }), let l = last.flatMap({ DateValue(iso: $0)?.last }) else {
                return nil
            }
            return f == l ? DateValue(f) : DateValue(from: f, to: l)
        }
        /// A text says something happened there.
        public var isReached: Bool { !movements.isEmpty }
    }
    public struct AxisReport: Sendable {
        public let axis: Axis
        public let units: [Formation]
        /// The frame's chain, every objective (reached or not); for an axis made from the texts, the
        /// places in the order they were first reached.
        public let objectives: [Objective]
        /// False for the frame's axes; true for the places the texts add under a front.
        public let fromTexts: Bool
        /// The objectives some movement reached, in chain order.
        public var reached: [Objective] { objectives.filter(\.isReached) }
    }
    public struct TheatreReport: Sendable {
        public let theatre: Theatre
        public let front: Formation?
        public let axes: [AxisReport]
        /// The axes with at least one reached objective.
        public var reachedAxes: [AxisReport] { axes.filter { !$0.reached.isEmpty } }
    }
    public let theatres: [TheatreReport]
    /// Every movement of the corpus, in corpus order (those on no front too).
    public let movements: [Movement]

    /// The line shown in place of the map when no movement reaches any front.
    public static let noMovementNote = "No movement in these texts: the fronts are empty."

    /// True when no movement reaches any front.
    public var isEmpty: Bool { theatres.allSatisfy { $0.reachedAxes.isEmpty } }
    /// `noMovementNote` when the report is empty.
    public var note: String? { isEmpty ? Self.noMovementNote : nil }

    /// Build the report for a corpus from its dated statements (movements are extracted here).
    public static func build(corpus: Corpus, linker: EntityLinker, spans: [DatedSpan]) -> FrontsReport {
        build(corpus: corpus, linker: linker, spans: spans, mentions: linker.mentions(in: corpus))
    }

    /// The same, given the corpus' mentions (`linker.mentions(in: corpus)`, computed once by the caller).
    public static func build(corpus: Corpus, linker: EntityLinker, spans: [DatedSpan],
                             mentions: [PassageMention]) -> FrontsReport {
        let movements = MovementExtractor.extract(corpus: corpus, linker: linker, mentions: mentions, spans: spans)
        return build(corpus: corpus, linker: linker, movements: movements, mentions: mentions)
    }

    /// Sides whose movements make the fronts: the side of the frame's fronts and its allies. The
    /// other side's movements count only where it surrendered; a movement whose doer the text
    /// does not name counts.
    static let allies: [String: Set<String>] = ["Soviet": ["Soviet", "Mongolian"]]

    /// The report from the corpus' movements and its mentions.
    public static func build(corpus: Corpus, linker: EntityLinker, movements: [Movement],
                             mentions: [PassageMention]) -> FrontsReport {
        build(corpus: corpus, linker: linker, movements: movements, places: PlacePassages(mentions: mentions, corpus: corpus))
    }

    /// The report from the corpus' movements and the passages naming each place (what the
    /// analysis cache keeps: a warm `fronts` reads no mention).
    public static func build(corpus: Corpus, linker: EntityLinker, movements: [Movement],
                             places: PlacePassages) -> FrontsReport {
        let data = linker.data
        let gazetteer = data.gazetteer, oob = data.orderOfBattle
        var order: [String: Int] = [:]
        for (i, p) in corpus.passages.enumerated() { order[p.id] = i }

        // Which movements make the fronts: the frame's side and its allies, or any side's surrender;
        // of the dated ones, only those of the campaign year (the year most of them fall in): a
        // background war (`in 1904 the Japanese took Port Arthur`) stays in `movements`.
        let frameSides = Set(data.axes.theatres.compactMap { oob.unit(id: $0.front)?.side })
        let friends = frameSides.reduce(into: Set<String>()) { $0.formUnion(allies[$1] ?? [$1]) }
        var onSide = movements.filter { m in
            guard let side = m.side else { return true }
            return friends.contains(side) || m.action == .surrendered
        }
        var years: [Substring: Int] = [:]
        for m in onSide { if let d = m.dateStart, d.count >= 4 { years[d.prefix(4), default: 0] += 1 } }
        if let campaign = years.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key {
            onSide = onSide.filter { m in m.dateStart.map { $0.prefix(4) == campaign } ?? true }
        }

        // Place id (and every place it lies within) -> movements there.
        let objectives = Set(data.axes.theatres.flatMap { $0.axes.flatMap(\.objectives) })
        var atObjective: [String: [Movement]] = [:]
        var extra: [String: [Movement]] = [:]   // places outside the frame
        for m in onSide {
            let within = gazetteer.ancestry(of: m.placeID).filter { objectives.contains($0) }
            if within.isEmpty { extra[m.placeID, default: []].append(m) }
            for id in within { atObjective[id, default: []].append(m) }
        }
        // Passages naming each objective (and each added place), or a place within it: the union
        // of those places' passages, in corpus order.
        var wanted = objectives
        wanted.formUnion(extra.keys)
        var within: [String: [Int32]] = [:]
        for (placeID, ordinals) in places.byPlace {
            for id in gazetteer.ancestry(of: placeID) where wanted.contains(id) {
                within[id, default: []].append(contentsOf: ordinals)
            }
        }
        var named: [String: [String]] = [:]
        for (id, ordinals) in within {
            var last: Int32 = -1
            named[id] = ordinals.sorted().compactMap { o in
                defer { last = o }
                return o == last || !corpus.passages.indices.contains(Int(o)) ? nil : corpus.passages[Int(o)].id
            }
        }

        // By date (undated last), then corpus order; each movement's key made once.
        func sorted(_ ms: [Movement]) -> [Movement] {
            let keys = ms.map { m in (m.dateStart ?? "9999", order[m.passageID] ?? 0, m.verbStart, m.placeStart) }
            return ms.indices.sorted { (keys[$0].0, keys[$0].1, keys[$0].2, keys[$0].3, $0) < (keys[$1].0, keys[$1].1, keys[$1].2, keys[$1].3, $1) }
                .map { ms[$0] }
        }
        func objective(_ place: Place, _ ms: [Movement]) -> Objective {
            let ms = sorted(ms)
            var seen = Set<ObjectiveDate>()
            let dates = ms.compactMap { m -> ObjectiveDate? in
                // A date taken from the statement before (`dateInferred`) is not shown as the place's.
                guard m.isDatedToDay, !m.dateInferred, let s = m.dateStart, let e = m.dateEnd else { return nil }
                let d = ObjectiveDate(dateStart: s, dateEnd: e, passageID: m.passageID, documentID: m.documentID,
                                      line: m.line, action: m.action, actorID: m.actorID)
                return seen.insert(d).inserted ? d : nil
            }
            return Objective(place: place, movements: ms, dates: dates, passages: named[place.id] ?? [])
        }

        // Each added place under one theatre, if it lies in the theatre of war: within the frame's
        // objectives' extent, widened by a few degrees (not Taiwan because a text says `occupied … Taiwan`).
        let theatres = data.axes.theatres
        let located = objectives.compactMap { gazetteer.place(id: $0) }.compactMap { p in p.lat.flatMap { lat in p.lon.map { (lat, $0) } } }
        let margin = 3.0
        let latRange = ((located.map(\.0).min() ?? 0) - margin)...((located.map(\.0).max() ?? 0) + margin)
        let lonRange = ((located.map(\.1).min() ?? 0) - margin)...((located.map(\.1).max() ?? 0) + margin)
        var added: [String: [String]] = [:]  // theatre id -> place ids
        for (placeID, ms) in extra {
            guard let place = gazetteer.place(id: placeID), !Self.tooWide.contains(place.kind) else { continue }
            if let lat = place.lat, let lon = place.lon, !(latRange.contains(lat) && lonRange.contains(lon)) { continue }
            if let t = theatre(for: place, movements: ms, data: data) { added[t, default: []].append(placeID) }
        }

        let reports = theatres.map { t in
            var axes = t.axes.map { a in
                AxisReport(axis: a, units: a.units.compactMap { oob.unit(id: $0) },
                           objectives: a.objectives.compactMap { id in
                    gazetteer.place(id: id).map { objective($0, atObjective[id] ?? []) }
                }, fromTexts: false)
            }
            if let ids = added[t.id], !ids.isEmpty {
                var objs = ids.compactMap { id in gazetteer.place(id: id).map { objective($0, extra[id] ?? []) } }
                objs.sort { a, b in
                    let fa = a.movements.first, fb = b.movements.first
                    return (fa?.dateStart ?? "9999", order[fa?.passageID ?? ""] ?? 0, fa?.verbStart ?? 0, a.place.id)
                        < (fb?.dateStart ?? "9999", order[fb?.passageID ?? ""] ?? 0, fb?.verbStart ?? 0, b.place.id)
                }
                let axis = Axis(id: t.id + "-texts", name: "Also reached", units: [], objectives: objs.map(\.place.id))
                axes.append(AxisReport(axis: axis, units: [], objectives: objs, fromTexts: true))
            }
            return TheatreReport(theatre: t, front: oob.unit(id: t.front), axes: axes)
        }
        return FrontsReport(theatres: reports, movements: movements)
    }

    /// Kinds of place too wide to stand on an axis (`entered Manchuria`, `the Sea of Japan`).
    static let tooWide: Set<String> = ["country", "continent", "sea", "ocean", "region"]

    /// The theatre a place outside the frame belongs to: the front of the formations that moved
    /// there (of its theatres, the nearest), else the theatre whose objectives lie nearest.
    static func theatre(for place: Place, movements: [Movement], data: CuratedData) -> String? {
        let oob = data.orderOfBattle
        let theatres = data.axes.theatres
        var fronts: [String] = []
        for m in movements {
            guard let a = m.actorID else { continue }
            var current: String? = a
            var seen = Set<String>()
            while let c = current, seen.insert(c).inserted, let u = oob.unit(id: c) {
                if theatres.contains(where: { $0.front == c }) { fronts.append(c); break }
                if let f = u.front { fronts.append(f); break }
                current = u.parent
            }
        }
        let coords = data.gazetteer.ancestry(of: place.id).lazy.compactMap { id -> (Double, Double)? in
            guard let p = data.gazetteer.place(id: id), let lat = p.lat, let lon = p.lon else { return nil }
            return (lat, lon)
        }.first
        func distance(_ t: Theatre) -> Double {
            guard let (lat, lon) = coords else { return .infinity }
            var best = Double.infinity
            for id in t.axes.flatMap(\.objectives) {
                guard let p = data.gazetteer.place(id: id), let plat = p.lat, let plon = p.lon else { continue }
                let dx = (plon - lon) * cos((plat + lat) / 2 * .pi / 180), dy = plat - lat
                best = min(best, dx * dx + dy * dy)
            }
            return best
        }
        // The front most of its movements were made by.
        var counts: [String: Int] = [:]
        for f in fronts { counts[f, default: 0] += 1 }
        if let front = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key {
            let ts = theatres.filter { $0.front == front }
            if ts.count == 1 { return ts[0].id }
            if let t = ts.min(by: { distance($0) < distance($1) }) { return t.id }
        }
        guard coords != nil else { return nil }
        return theatres.min(by: { distance($0) < distance($1) })?.id
    }
}
