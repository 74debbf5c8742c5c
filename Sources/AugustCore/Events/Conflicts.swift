import Foundation

/// One version of a disputed fact: what one document says, where, in its own words.
public struct ConflictVariant: Sendable, Hashable, Codable {
    /// The value as this document gives it: an ISO date at its precision (`1945-08-25`), a number
    /// (`20000`), or a place's name.
    public let value: String
    /// The event (``Event/id``) this telling belongs to.
    public let eventID: String
    public let documentID: String
    public let passageID: String
    /// 1-based line of the file on which the telling's date expression stands.
    public let line: Int
    /// Scalar range of the statement in the passage text.
    public let statementStart: Int
    public let statementEnd: Int
    /// The statement (white space folded; not made safe: callers print it through `SafeText`).
    public let quotation: String

    /// The statement at `start..<end` of a passage's text as a variant quotes it (white space
    /// folded): what the explorer's snapshot recomputes instead of storing it.
    public static func quotation(_ passageText: String, _ start: Int, _ end: Int) -> String {
        EventExtractor.folded(passageText.scalarSlice(start, end).unicodeScalars)
    }

    public init(value: String, eventID: String, documentID: String, passageID: String, line: Int,
                statementStart: Int, statementEnd: Int, quotation: String) {
        self.value = value; self.eventID = eventID; self.documentID = documentID; self.passageID = passageID
        self.line = line; self.statementStart = statementStart; self.statementEnd = statementEnd
        self.quotation = quotation
    }
}

/// Documents that tell one happening and disagree on one of its facts.
public struct Conflict: Sendable, Hashable, Codable {
    public enum Aspect: String, Sendable, Hashable, Codable, CaseIterable { case date, place, number }
    public let aspect: Aspect
    /// What differs: `date`, `place`, or the thing counted (the noun's stem, `priso` for prisoners),
    /// shown as the noun the first telling writes (`prisoners`).
    public let subject: String
    /// The events whose tellings disagree: one for a merged event, two when the tellings were
    /// told as two events (dated differently), in date order.
    public let eventIDs: [String]
    /// One variant per document and event: by event (in date order), then in corpus order.
    public let variants: [ConflictVariant]

    public init(aspect: Aspect, subject: String, eventIDs: [String], variants: [ConflictVariant]) {
        self.aspect = aspect; self.subject = subject; self.eventIDs = eventIDs; self.variants = variants
    }
}

/// Where the tellings of one happening disagree.
///
/// Two tellings are of one happening when the model merged them into one event, or — because the
/// model merges only tellings of one day — when two events of different documents are dated at
/// most ``maxDayGap`` days apart and their statements share a place (the same place, one within
/// the other, or two towns within ``nearKilometres``) and at least two key words that are not
/// proper names (`resistance`, `fortified`). A statement that names no place is read with the sentence
/// before it (`There, …`). Such pairs join into one happening, strongest first, as long as no
/// document tells two of its events (a document that tells both keeps them apart: it tells two
/// happenings, not one twice).
///
/// Tellings of one happening conflict on
/// - the date, when their dates cannot both be true at the precision the texts give (25 vs
///   26 August; `August 1945` and `9 August 1945` only differ in precision);
/// - a number attached to the same noun (`20,000 prisoners` vs `22,000 prisoners`);
/// - the place, when a merged event's tellings both name places and none of one is, contains or
///   lies near one of the other's.
public enum ConflictFinder {
    /// Two dated events at most this many days apart may tell one happening.
    public static let maxDayGap = 3
    /// Two towns at most this far apart are one locality (a fortress and the town beside it).
    public static let nearKilometres = 30.0

    /// A place a statement names: its gazetteer id, name, and kind and coordinates when known.
    struct PlaceRef: Hashable {
        let id: String
        let name: String
        let point: (lat: Double, lon: Double)?
        let pointLike: Bool
        let ancestry: [String]
        static func == (a: PlaceRef, b: PlaceRef) -> Bool { a.id == b.id }
        func hash(into h: inout Hasher) { h.combine(id) }
    }

    /// One document's telling of an event, read for comparison.
    struct Reading {
        let event: Int
        let mention: EventMention
        let date: DateValue
        /// The places of the statement, else of the sentence before it (for grouping).
        let places: [PlaceRef]
        /// The places the statement itself names (for a conflict of place).
        let ownPlaces: [PlaceRef]
        let units: Set<String>
        /// Key words that are not names, of the statement (and of the sentence before it when the
        /// statement names no place).
        let terms: Set<String>
        /// Noun stem → the numbers attached to it, and the noun as written first.
        let numbers: [String: (values: Set<Int>, noun: String)]

        var document: String { mention.documentID }
    }

    /// A gazetteer place as a statement names it.
    static func placeRef(_ id: String, _ gazetteer: Gazetteer?) -> PlaceRef {
        let p = gazetteer?.place(id: id)
        let point = p.flatMap { p in p.lat.flatMap { lat in p.lon.map { (lat: lat, lon: $0) } } }
        return PlaceRef(id: id, name: p?.name ?? id, point: point,
                        pointLike: p.map { pointKinds.contains($0.kind) } ?? false,
                        ancestry: gazetteer?.ancestry(of: id) ?? [id])
    }

    /// The readings of the tellings `wanted` in one passage (tokenized once), appended to `out`.
    static func readings(of passage: Passage, _ wanted: [(event: Int, mention: EventMention)], entities: [EntityMention],
                         place: (String) -> PlaceRef, into out: inout [Reading]) {
        let tokenizer = DateTokenizer(passage.text)
        let toks = tokenizer.tokens
        let sentences = tokenizer.sentenceSpans
        for (ei, m) in wanted {
            guard let date = DateValue(iso: m.value) else { continue }
            let statement = m.statementStart..<m.statementEnd
            func inside(_ r: Range<Int>) -> [EntityMention] {
                entities.filter { $0.start >= r.lowerBound && $0.end <= r.upperBound }
            }
            var ranges = [statement]
            var own = inside(statement)
            if !own.contains(where: { $0.kind == .place }),
               let k = sentences.lastIndex(where: { $0.upperBound <= statement.lowerBound }) {
                ranges.append(sentences[k])
                own += inside(sentences[k])
            }
            let names = own.map { $0.start..<$0.end } + [m.start..<m.end]
            // Only the tokens of the statement and the sentence before it are read.
            let window = Array(toks[tokenIndex(toks, ranges.map(\.lowerBound).min()!)..<tokenIndex(toks, ranges.map(\.upperBound).max()!)])
            var terms = Set<String>()
            for r in ranges {
                for t in EventExtractor.keyTerms(window, in: r) { terms.insert(t) }
            }
            // The proper words of a name are not key words of the action (its common words are:
            // `fortified` in `Dongning fortified area` says what happened there).
            for t in window where t.kind == .word
                && names.contains(where: { $0.lowerBound <= t.start && t.end <= $0.upperBound }) && t.isCapitalized {
                terms.remove(t.lower.unicodeScalars.count > 5 ? String(String.UnicodeScalarView(t.lower.unicodeScalars.prefix(5))) : t.lower)
            }
            var placeIDs: [String] = []
            for x in own where x.kind == .place && !placeIDs.contains(x.id) { placeIDs.append(x.id) }
            let statementPlaces = ranges.count == 1 ? placeIDs : []
            out.append(Reading(event: ei, mention: m, date: date,
                               places: placeIDs.map(place), ownPlaces: statementPlaces.map(place),
                               units: Set(inside(statement).filter { $0.kind != .place }.map(\.id)),
                               terms: terms,
                               numbers: numbers(window, in: statement, except: names)))
        }
    }

    /// The conflicts among the analysis' events, in date order of their first event.
    public static func find(in analysis: Analysis) -> [Conflict] {
        let corpus = analysis.corpus
        let gazetteer = analysis.linker?.data.gazetteer
        let byPassage: [String: [EntityMention]] = {
            var out: [String: [EntityMention]] = [:]
            for pm in analysis.mentions { out[pm.passageID, default: []].append(pm.mention) }
            return out
        }()
        let events = analysis.events
        func isCandidate(_ e: Event) -> Bool {
            e.kind == .event && !e.date.isRecurring && e.date.precision >= .day
        }

        // One reading per (event, document): the document's first telling. Read passage by passage
        // (each passage tokenized once, its tokens dropped after).
        var wanted: [Int: [(event: Int, mention: EventMention)]] = [:]   // by passage ordinal
        for (i, e) in events.enumerated() where e.kind == .event && (e.documentIDs.count > 1 || isCandidate(e)) {
            var seen = Set<String>()
            for m in e.mentions where seen.insert(m.documentID).inserted {
                guard let o = corpus.passageOrdinal(id: m.passageID) else { continue }
                wanted[o, default: []].append((i, m))
            }
        }
        // Each passage is read on its own: parts of the passages in parallel (each with its own
        // place cache), their readings gathered in passage order (the same as one after another).
        let ordinals = wanted.keys.sorted()
        let wantedAt = wanted
        let all = SlotBox<Reading>.parallelMap(ordinals.count) { range in
            var placeCache: [String: PlaceRef] = [:]
            func place(_ id: String) -> PlaceRef {
                if let p = placeCache[id] { return p }
                let ref = placeRef(id, gazetteer)
                placeCache[id] = ref
                return ref
            }
            var found: [Reading] = []
            for o in ordinals[range] {
                readings(of: corpus.passages[o], wantedAt[o]!, entities: byPassage[corpus.passages[o].id] ?? [],
                         place: place, into: &found)
            }
            return found
        }
        var readingsOf: [Int: [Reading]] = [:]
        for r in all { readingsOf[r.event, default: []].append(r) }
        // Each event's readings in the order of its mentions (corpus order).
        for k in readingsOf.keys where readingsOf[k]!.count > 1 {
            readingsOf[k]!.sort {
                (corpus.passageOrdinal(id: $0.mention.passageID) ?? 0, $0.mention.start)
                    < (corpus.passageOrdinal(id: $1.mention.passageID) ?? 0, $1.mention.start)
            }
        }
        func cachedReadings(_ i: Int) -> [Reading] { readingsOf[i] ?? [] }
        // What the pairing compares of each reading, with key words and documents as numbers.
        var termNumbers: [String: Int32] = [:], documentNumbers: [String: Int32] = [:]
        var pairingsOf: [Int: [Pairing]] = [:]
        for (event, rs) in readingsOf {
            pairingsOf[event] = rs.map { r in
                Pairing(document: documentNumbers.number(r.document), terms: termNumbers.sortedNumbers(r.terms), places: r.places)
            }
        }

        var conflicts: [(order: Int, conflict: Conflict)] = []

        // 1. Within merged events.
        for (i, e) in events.enumerated() where e.kind == .event && e.documentIDs.count > 1 {
            let rs = cachedReadings(i)
            guard rs.count > 1 else { continue }
            conflicts += compare(rs, events: events, corpus: corpus, samePlaceKnown: false).map { (i, $0) }
        }

        // 2. Events of different documents a few days apart that tell one happening.
        let candidates = events.indices.filter { isCandidate(events[$0]) }
        let days = Dictionary(uniqueKeysWithValues: candidates.map { ($0, dayRange(events[$0].date)) })
        var pairs: [(shared: Int, gap: Int, a: Int, b: Int)] = []
        var documentSets: [Int: Set<String>] = [:]
        func documentsOf(_ i: Int) -> Set<String> {
            if let d = documentSets[i] { return d }
            let d = Set(events[i].documentIDs)
            documentSets[i] = d
            return d
        }
        // A sweep in date order; the earlier events still within reach are found through their
        // places: by id (and by the places they lie within), and by a grid cell of about 50 km
        // for towns (nearness). An event out of reach is dropped from the lists it stands in.
        // Each list is pruned once per day the sweep reaches (`lower` only grows): a place named
        // by thousands of events is not scanned again for each of them.
        var byOwn: [String: Reach] = [:]       // place id → events naming it
        var byWithin: [String: Reach] = [:]    // place id → events naming a place within it
        var byCell: [Int: Reach] = [:]         // grid cell → events naming a town in it
        func live<K: Hashable>(_ index: inout [K: Reach], _ key: K, from lower: Int) -> [Int] {
            guard var reach = index[key] else { return [] }
            if reach.prunedAt != lower {
                reach.events.removeAll { (days[$0] ?? nil).map { $0.upperBound + maxDayGap < lower } ?? true }
                reach.prunedAt = lower
            }
            index[key] = reach.events.isEmpty ? nil : reach
            // A place of hundreds of events in one week is too common to tell happenings apart.
            return reach.events.count <= maxPerPlace ? reach.events : []
        }
        for b in candidates {
            guard let db = days[b] ?? nil else { continue }
            let places = cachedReadings(b).flatMap(\.places)
            var own = Set<String>(), within = Set<String>(), cells = Set<Int>()
            for p in places {
                own.insert(p.id)
                for a in p.ancestry where a != p.id { within.insert(a) }
                if p.pointLike, let q = p.point { cells.insert(cell(q)) }
            }
            var found = Set<Int>()
            for id in own.union(within) { found.formUnion(live(&byOwn, id, from: db.lowerBound)) }
            for id in own { found.formUnion(live(&byWithin, id, from: db.lowerBound)) }
            for c in cells {
                for dy in -1...1 { for dx in -1...1 { found.formUnion(live(&byCell, c + dy * cellRow + dx, from: db.lowerBound)) } }
            }
            for a in found.sorted() {
                guard let da = days[a] ?? nil, db.lowerBound > da.upperBound,
                      db.lowerBound - da.upperBound <= maxDayGap,
                      documentsOf(a).isDisjoint(with: documentsOf(b)),
                      let shared = bestPair(pairingsOf[a] ?? [], pairingsOf[b] ?? []) else { continue }
                pairs.append((shared, db.lowerBound - da.upperBound, a, b))
            }
            for id in own { byOwn[id, default: Reach()].events.append(b) }
            for id in within { byWithin[id, default: Reach()].events.append(b) }
            for c in cells { byCell[c, default: Reach()].events.append(b) }
        }
        // The pairs join into happenings, strongest first (most shared words, then fewest days
        // apart), as long as no document tells two of a happening's events.
        pairs.sort { ($0.shared, -$0.gap, -$0.a, -$0.b) > ($1.shared, -$1.gap, -$1.a, -$1.b) }
        var parent: [Int: Int] = [:]
        var docs: [Int: Set<String>] = [:]
        func find(_ i: Int) -> Int {
            var i = i
            while let p = parent[i], p != i { i = p }
            return i
        }
        for p in pairs {
            let ra = find(p.a), rb = find(p.b)
            guard ra != rb else { continue }
            let da = docs[ra] ?? Set(events[ra].documentIDs), db = docs[rb] ?? Set(events[rb].documentIDs)
            guard da.isDisjoint(with: db) else { continue }
            let (root, child) = ra < rb ? (ra, rb) : (rb, ra)
            parent[child] = root
            parent[root] = root
            docs[root] = da.union(db)
            docs[child] = nil
        }
        var groups: [Int: [Int]] = [:]
        for i in parent.keys { groups[find(i), default: []].append(i) }
        for (root, members) in groups where members.count > 1 {
            let rs = members.sorted().flatMap { cachedReadings($0) }
            conflicts += compare(rs, events: events, corpus: corpus, samePlaceKnown: true).map { (root, $0) }
        }
        conflicts.sort { $0.order < $1.order }
        var seen = Set<Conflict>()
        return conflicts.map(\.conflict).filter { seen.insert($0).inserted }
    }

    /// The position of the first token that starts at or after `offset` (tokens in text order).
    static func tokenIndex(_ toks: [DToken], _ offset: Int) -> Int {
        var lo = 0, hi = toks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if toks[mid].start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The earlier events still within reach of the sweep that stand in one list, and the day
    /// from which they were last pruned.
    struct Reach {
        var events: [Int] = []
        var prunedAt = Int.min
    }

    /// Events of one place in one week beyond which the place no longer tells happenings apart.
    static let maxPerPlace = 400

    /// A grid cell of half a degree of latitude by one of longitude (about 55 × 70 km at 50° N):
    /// two towns within ``nearKilometres`` stand in the same cell or in neighbouring ones (below
    /// 74° of latitude).
    static let cellRow = 1_000
    static func cell(_ p: (lat: Double, lon: Double)) -> Int {
        Int((p.lat / 0.5).rounded(.down)) * cellRow + Int((p.lon + 180).rounded(.down))
    }

    /// Place kinds that are points on the map (a river, a region or a sea is not).
    static let pointKinds: Set<String> = ["city", "town", "port", "fortified-area", "airfield", "shrine", "capital",
                                          "village", "station"]

    /// What pairing two events compares of one reading: its document, its key words (as sorted
    /// numbers) and its places.
    struct Pairing {
        let document: Int32
        let terms: [Int32]
        let places: [PlaceRef]
    }

    /// How strongly two events' readings tell one happening (the most key words a pair shares), if
    /// they do: a shared or near place and at least two shared key words.
    static func bestPair(_ a: [Pairing], _ b: [Pairing]) -> Int? {
        var best: Int?
        for i in a.indices {
            for j in b.indices where a[i].document != b[j].document {
                let shared = sharedCount(a[i].terms, b[j].terms)
                guard shared >= 2, shared > (best ?? 0) || best == nil, samePlace(a[i].places, b[j].places) else { continue }
                best = shared
            }
        }
        return best
    }

    /// How many numbers two ascending lists share.
    static func sharedCount(_ x: [Int32], _ y: [Int32]) -> Int {
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                var i = 0, j = 0, n = 0
                while i < x.count && j < y.count {
                    if x[i] < y[j] { i += 1 } else if x[i] > y[j] { j += 1 } else { n += 1; i += 1; j += 1 }
                }
                return n
            }
        }
    }

    /// Whether some place of one list is, contains, or lies near some place of the other.
    static func samePlace(_ a: [PlaceRef], _ b: [PlaceRef]) -> Bool {
        for x in a {
            for y in b {
                if x.id == y.id || x.ancestry.contains(y.id) || y.ancestry.contains(x.id) { return true }
                if x.pointLike, y.pointLike, let p = x.point, let q = y.point,
                   kilometres(p, q) <= nearKilometres { return true }
            }
        }
        return false
    }

    /// Great-circle distance.
    static func kilometres(_ a: (lat: Double, lon: Double), _ b: (lat: Double, lon: Double)) -> Double {
        let r = 6371.0, rad = Double.pi / 180
        let dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, sqrt(h)))
    }

    /// The disagreements among readings of one happening (one reading per document).
    static func compare(_ rs: [Reading], events: [Event], corpus: Corpus, samePlaceKnown: Bool) -> [Conflict] {
        var out: [Conflict] = []
        let eventIDs: [String] = {
            var seen = Set<Int>()
            return rs.map(\.event).filter { seen.insert($0).inserted }.sorted().map { events[$0].id }
        }()
        func variant(_ r: Reading, _ value: String) -> ConflictVariant {
            ConflictVariant(value: value, eventID: events[r.event].id, documentID: r.document,
                            passageID: r.mention.passageID, line: r.mention.line,
                            statementStart: r.mention.statementStart, statementEnd: r.mention.statementEnd,
                            quotation: ConflictVariant.quotation(corpus.passage(id: r.mention.passageID)?.text ?? "",
                                                                 r.mention.statementStart, r.mention.statementEnd))
        }
        // Date: some two readings whose dates cannot both hold.
        // Some two dates are disjoint exactly when the one that ends first and the one that
        // starts last are (one pass, not every pair).
        let fixed = rs.map(\.date).filter { !$0.isRecurring }
        let dateClash = fixed.min(by: { $0.upperBound < $1.upperBound }).flatMap { first in
            fixed.max(by: { $0.lowerBound < $1.lowerBound }).map { disjoint(first, $0) }
        } ?? false
        if dateClash {
            out.append(Conflict(aspect: .date, subject: "date", eventIDs: eventIDs,
                                variants: rs.map { variant($0, $0.date.iso) }))
        }
        // Numbers: the same noun, numbers that do not meet.
        var nouns: [String] = []
        for r in rs { for n in r.numbers.keys.sorted() where !nouns.contains(n) { nouns.append(n) } }
        for n in nouns {
            let having = rs.filter { $0.numbers[n] != nil }
            guard having.count > 1 else { continue }
            let values = having.map { $0.numbers[n]!.values }
            guard values.indices.contains(where: { i in
                values[(i + 1)...].contains { values[i].isDisjoint(with: $0) }
            }) else { continue }
            out.append(Conflict(aspect: .number, subject: having[0].numbers[n]!.noun, eventIDs: eventIDs,
                                variants: having.map { r in
                variant(r, r.numbers[n]!.values.sorted().map(String.init).joined(separator: ", "))
            }))
        }
        // Place: tellings that name places, none of which meet.
        if !samePlaceKnown {
            let placed = rs.filter { !$0.ownPlaces.isEmpty }
            let clash = placed.indices.contains { i in
                placed[(i + 1)...].contains { !samePlace(placed[i].ownPlaces, $0.ownPlaces) }
            }
            if clash {
                out.append(Conflict(aspect: .place, subject: "place", eventIDs: eventIDs,
                                    variants: placed.map { variant($0, $0.ownPlaces.map(\.name).joined(separator: ", ")) }))
            }
        }
        return out
    }

    /// Whether two dates cannot both be true: their spans do not overlap (a difference of precision
    /// only — a month and a day in it — overlaps).
    static func disjoint(_ a: DateValue, _ b: DateValue) -> Bool {
        guard !a.isRecurring, !b.isRecurring else { return false }
        return a.upperBound < b.lowerBound || b.upperBound < a.lowerBound
    }

    /// Day numbers (days since 0000-03-01) of a date's first and last day.
    static func dayRange(_ d: DateValue) -> ClosedRange<Int>? { d.dayRange }

    // MARK: - numbers

    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
    static let multipliers: [String: Int] = ["hundred": 100, "thousand": 1_000, "million": 1_000_000]
    /// Words passed over between a number and its noun.
    static let filler: Set<String> = [
        "of", "to", "in", "at", "by", "on", "a", "an", "more", "than", "some", "about", "over", "nearly",
        "almost", "approximately", "around", "roughly", "up",
    ]
    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th", "e", "er", "ème", "й", "я", "го"]

    /// The numbers a statement attaches to nouns (`20,000 prisoners`, `150 km`), by the noun's
    /// first five letters; ordinals, years, days of a month, times and numbers inside names are left
    /// out.
    static func numbers(_ toks: [DToken], in range: Range<Int>, except names: [Range<Int>]) -> [String: (values: Set<Int>, noun: String)] {
        var out: [String: (values: Set<Int>, noun: String)] = [:]
        let ts = toks.filter { $0.start >= range.lowerBound && $0.end <= range.upperBound }
        func inName(_ t: DToken) -> Bool { names.contains { $0.lowerBound <= t.start && t.end <= $0.upperBound } }
        var i = 0
        while i < ts.count {
            let t = ts[i]
            guard t.kind == .number, t.value >= 0, !inName(t) else { i += 1; continue }
            let first = i
            var value = t.value
            var grouped = false
            var j = i + 1
            // Thousands separators: 20,000 / 20.000 / 20 000 (groups of three digits, no space before the separator).
            while j + 1 < ts.count, ts[j].kind == .punct, [",", ".", "\u{202F}", "'"].contains(ts[j].text),
                  !ts[j].spaceBefore, ts[j + 1].kind == .number, ts[j + 1].digits == 3, !ts[j + 1].spaceBefore {
                value = value * 1000 + ts[j + 1].value
                grouped = true
                j += 2
            }
            i = j
            // Preceded by a month name or a word glued to it (a date, a name like T-34): not a count.
            if first > 0 {
                let p = ts[first - 1]
                if p.kind == .word && (months.contains(p.lower) || !t.spaceBefore) { continue }
                if p.kind == .punct && (p.text == ":" || p.text == "-" || p.text == "/") && !t.spaceBefore { continue }
            }
            if !grouped && t.digits == 4 && (1000...2999).contains(value) { continue }   // a year
            guard j < ts.count else { continue }
            var n = ts[j]
            // An ordinal (25th) or a time (17:00), a decimal or a range (10-15): not a count of this kind.
            if n.kind == .word && !n.spaceBefore && ordinalSuffixes.contains(n.lower) { continue }
            if n.kind == .punct && !n.spaceBefore && [":", ".", "-", "/", "–"].contains(n.text), j + 1 < ts.count,
               ts[j + 1].kind == .number { continue }
            if let mul = multipliers[n.lower], n.kind == .word {
                value *= mul
                j += 1
                guard j < ts.count else { continue }
                n = ts[j]
            }
            // The noun: the first word after the filler, before any punctuation.
            var noun: DToken?
            var k = j
            while k < ts.count, k < j + 4 {
                let w = ts[k]
                if w.kind != .word { break }
                if filler.contains(w.lower) || EventExtractor.common.contains(w.lower) { k += 1; continue }
                noun = w
                break
            }
            guard let noun, !inName(noun), !months.contains(noun.lower) else { continue }
            let stem = noun.lower.unicodeScalars.count > 5 ? String(String.UnicodeScalarView(noun.lower.unicodeScalars.prefix(5))) : noun.lower
            out[stem, default: (values: [], noun: noun.text)].values.insert(value)
        }
        return out
    }
}
