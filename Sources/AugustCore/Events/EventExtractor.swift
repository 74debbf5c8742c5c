import Foundation

/// Builds the events of a corpus from its date mentions.
///
/// An event is the sentence around a date expression. Expressions of one sentence with one value
/// are one event. The same happening told by several documents merges into one event: the same day
/// (or the same value, for coarser dates), the same kind, and a shared core of key terms — at least
/// three key words in common, or two that make up most of the shorter sentence's key words — with
/// the places and units of an entity linker, when one is given, counting as extra evidence. Two
/// sentences never merge only because they share a date, never within one document, and a merged
/// event holds at most one telling from each document.
public enum EventExtractor {
    /// What an entity linker finds in a sentence: the names of its places, formations and fronts,
    /// and their ids (gazetteer, order of battle or formation grammar; in the same order).
    public typealias Annotation = (places: [String], units: [String], fronts: [String],
                                   placeIDs: [String], unitIDs: [String], frontIDs: [String])
    /// An entity linker: a sentence in, its places, units and fronts out.
    public typealias Annotator = @Sendable (String) -> Annotation

    /// The events of a corpus, sorted by date (then by where they are first told).
    public static func extract(corpus: Corpus, annotate: Annotator? = nil) -> [Event] {
        build(corpus: corpus, mentions: TemporalTagger.analyse(corpus), annotate: annotate)
    }

    /// The events built from given mentions (as `TemporalTagger.mentions(in:)` returns them).
    public static func extract(corpus: Corpus, mentions: [DateMention], annotate: Annotator? = nil) -> [Event] {
        build(corpus: corpus, mentions: mentions, annotate: annotate)
    }

    /// `progress` gets a count from 0 up to the corpus' passage count as the tellings are read.
    static func build(corpus: Corpus, mentions: [DateMention],
                      annotate: Annotator?, progress: ((Int) -> Void)? = nil) -> [Event] {
        let (items, pool) = tellings(corpus: corpus, mentions: mentions, annotate: annotate, progress: progress)
        let clusters = merge(items, pool: pool)
        // Each cluster makes its event on its own: in parallel parts, kept in cluster order.
        let parts = clusters.count < 64 ? 1 : 8
        let step = (clusters.count + parts - 1) / max(parts, 1)
        let box = SlotBox<(lower: String, upper: String, built: Built)>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let lo = part * step, hi = min(lo + step, clusters.count)
            guard lo < hi else { return }
            box.set(part, clusters[lo..<hi].map {
                let b = makeEvent($0.map { items[$0] }, mentions: mentions, corpus: corpus)
                return (b.event.date.lowerBound, b.event.date.upperBound, b)
            })
        }
        var events = Array(box.values.joined())
        events.sort { a, b in
            if a.lower != b.lower { return a.lower < b.lower }
            if a.upper != b.upper { return a.upper < b.upper }
            return a.built.order < b.built.order
        }
        return events.map(\.built.event)
    }

    // MARK: - tellings: one sentence, one value

    /// One sentence (or clause) and one value. Kept compact — a large corpus has hundreds of
    /// thousands: texts as ranges of the passage (read again for the few that title an event),
    /// key terms and entities as sorted ids.
    struct Telling {
        var order: (doc: Int, passage: Int, start: Int)
        /// Position of its passage in the corpus.
        var passage: Int32
        var kind: DateKind
        /// When the date has a time of day: an id of its first point (one id, one point), else -1.
        var timeID: Int32
        /// Scalar range of the sentence in the passage.
        var sentenceRange: Range<Int>
        /// Scalar range of the clause around the date when the sentence dates more than one
        /// thing, else of the sentence.
        var clauseRange: Range<Int>
        /// Its date mentions, as positions in the corpus' list; the first gives the telling's date.
        var mentions: [Int32]
        /// The statement of each mention (parallel to `mentions`): the clause around it when its
        /// sentence dates several things, else the sentence. (A second expression of the same value
        /// can stand in another clause than the first.)
        var statements: [Range<Int>] = []
        /// Key terms and entities (`p:` place, `u:` unit names), as ids of one ``Terms`` table:
        /// `termCount` sorted term ids from `poolStart` in the tellings' pool, then `entityCount`
        /// sorted entity ids (one pool: no two arrays for each telling).
        var poolStart: Int32
        var termCount: Int32
        var entityCount: Int32
        func terms(_ pool: [Int32]) -> ArraySlice<Int32> {
            pool[Int(poolStart)..<Int(poolStart + termCount)]
        }
        func entities(_ pool: [Int32]) -> ArraySlice<Int32> {
            pool[Int(poolStart + termCount)..<Int(poolStart + termCount + entityCount)]
        }
        var places: [String]
        var placeIDs: [String]
        var units: [String]
        var unitIDs: [String]
        var frontIDs: [String]
        var fronts: [String]
        /// Day key for merging (an id): the day (or days) for day-precise values, the value
        /// itself otherwise.
        var bucket: Int32
    }

    typealias Terms = Interner<String>

    /// Values numbered in the order first seen.
    struct Interner<T: Hashable> {
        private var ids: [T: Int32] = [:]
        mutating func id(_ s: T) -> Int32 {
            if let id = ids[s] { return id }
            let id = Int32(ids.count)
            ids[s] = id
            return id
        }
        /// Sorted ids of the distinct strings.
        mutating func ids<S: Sequence<T>>(_ strings: S) -> [Int32] {
            var out = strings.map { id($0) }
            out.sort()
            var k = 0
            for v in out where k == 0 || out[k - 1] != v { out[k] = v; k += 1 }
            out.removeLast(out.count - k)
            return out
        }
    }

    /// One passage's tellings as they are read (on any thread): their key terms, entities, day
    /// key and time still as values, numbered afterwards in corpus order by `tellings`.
    struct Draft {
        var telling: Telling
        var terms: Set<String>
        var entities: [String]
        var bucket: String
        var time: DatePoint?
    }

    static func tellings(corpus: Corpus, mentions: [DateMention],
                         annotate: Annotator?, progress: ((Int) -> Void)? = nil) -> (tellings: [Telling], pool: [Int32]) {
        var docIndex: [String: Int] = [:]
        for (i, d) in corpus.documents.enumerated() { docIndex[d.id] = i }
        // Each passage's mentions as runs of `mentions` (one run: they stand in corpus order).
        var runs: [String: [Range<Int>]] = [:]
        var passageOrder: [String] = []
        var lo = 0
        while lo < mentions.count {
            var hi = lo + 1
            while hi < mentions.count, mentions[hi].passageID == mentions[lo].passageID { hi += 1 }
            if runs[mentions[lo].passageID] == nil { passageOrder.append(mentions[lo].passageID) }
            runs[mentions[lo].passageID, default: []].append(lo..<hi)
            lo = hi
        }
        let order = passageOrder, runsOf = runs, docOf = docIndex
        var out: [Telling] = []
        var pool: [Int32] = []
        var terms = Terms()
        var buckets = Terms()
        var times = Interner<DatePoint>()
        // Each passage is read on its own: blocks of passages in parallel parts (each part links a
        // clause told again word for word once), then numbered in corpus order — the same
        // tellings and ids as one passage after another.
        let block = 2048, parts = 8
        for blockStart in stride(from: 0, to: passageOrder.count, by: block) {
            if let progress { progress(blockStart * corpus.passages.count / max(passageOrder.count, 1)) }
            let blockEnd = min(blockStart + block, passageOrder.count)
            let step = (blockEnd - blockStart + parts - 1) / parts
            let box = SlotBox<Draft>(count: parts)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let lo = blockStart + part * step, hi = min(lo + step, blockEnd)
                guard lo < hi else { return }
                var annotations: [ExactText: Annotation] = [:]
                var drafts: [Draft] = []
                for pid in order[lo..<hi] {
                    guard let passage = corpus.passage(id: pid), let rs = runsOf[pid] else { continue }
                    draft(passage, rs, mentions: mentions, doc: docOf[passage.documentID] ?? 0,
                          ordinal: corpus.passageOrdinal(id: passage.id) ?? 0, annotate: annotate,
                          annotations: &annotations, into: &drafts)
                }
                box.set(part, drafts)
            }
            for d in box.values.joined() {
                var t = d.telling
                let termIDs = terms.ids(d.terms)
                let entities = terms.ids(d.entities)
                t.poolStart = Int32(pool.count)
                t.termCount = Int32(termIDs.count)
                t.entityCount = Int32(entities.count)
                pool.append(contentsOf: termIDs)
                pool.append(contentsOf: entities)
                t.timeID = d.time.map { times.id($0) } ?? -1
                t.bucket = buckets.id(d.bucket)
                out.append(t)
            }
        }
        return (out, pool)
    }

    /// The tellings of one passage (its mentions are the runs `rs` of `mentions`), appended to `drafts`.
    static func draft(_ passage: Passage, _ rs: [Range<Int>], mentions: [DateMention], doc: Int, ordinal: Int,
                      annotate: Annotator?, annotations: inout [ExactText: Annotation], into drafts: inout [Draft]) {
        // The annotator is a function of the clause: a clause told again word for word (common in
        // a large collection) is linked once.
        func annotation(_ clause: String) -> Annotation {
            guard let annotate else { return (places: [], units: [], fronts: [], placeIDs: [], unitIDs: [], frontIDs: []) }
            if let known = annotations[ExactText(clause)] { return known }
            let a = annotate(clause)
            annotations[ExactText(clause)] = a
            return a
        }
        let ms = rs.flatMap { $0 }
        let tokenizer = DateTokenizer(passage.text)
        let spans = tokenizer.sentenceSpans
        let scalars = Array(passage.text.unicodeScalars)
        var index: [String: Int] = [:]  // "sentence|value|kind" → position in drafts
        var valuesInSentence: [Int: Set<String>] = [:]
        for mi in ms {
            let m = mentions[mi]
            let span = spans.first { $0.contains(m.start) } ?? (m.start..<m.end)
            valuesInSentence[span.lowerBound, default: []].insert(m.value)
        }
        for mi in ms {
            let m = mentions[mi]
            let span = spans.first { $0.contains(m.start) } ?? (m.start..<m.end)
            let key = "\(span.lowerBound)|\(m.value)|\(m.kind.rawValue)"
            if let at = index[key] {
                drafts[at].telling.mentions.append(Int32(mi))
                let multi = (valuesInSentence[span.lowerBound]?.count ?? 0) > 1
                drafts[at].telling.statements.append(multi ? clauseSpan(scalars, in: span, around: m.start) : span)
                continue
            }
            // A sentence that dates two things: its clause tells this one.
            var clauseRange = span
            if (valuesInSentence[span.lowerBound]?.count ?? 0) > 1 {
                clauseRange = clauseSpan(scalars, in: span, around: m.start)
            }
            let ann = annotation(folded(scalars[clauseRange]))
            let bucket: String
            if m.date.precision >= .day, !m.date.isRecurring {
                bucket = m.date.isRange ? "\(m.date.first.dayOnly.iso)/\(m.date.last.dayOnly.iso)"
                    : m.date.first.dayOnly.iso
            } else {
                bucket = m.date.iso
            }
            index[key] = drafts.count
            drafts.append(Draft(
                telling: Telling(order: (doc, passage.number, m.start), passage: Int32(ordinal), kind: m.kind, timeID: -1,
                                 sentenceRange: span, clauseRange: clauseRange, mentions: [Int32(mi)], statements: [clauseRange],
                                 poolStart: 0, termCount: 0, entityCount: 0,
                                 places: ann.places, placeIDs: ann.placeIDs, units: ann.units,
                                 unitIDs: ann.unitIDs, frontIDs: ann.frontIDs, fronts: ann.fronts, bucket: 0),
                terms: keyTerms(tokenizer.tokens, in: clauseRange),
                entities: ann.places.map { "p:" + $0 } + ann.units.map { "u:" + $0 },
                bucket: "\(m.kind.rawValue)|\(bucket)",
                time: m.date.first.hour == nil ? nil : m.date.first))
        }
    }

    /// The text with every run of white space made one space.
    static func folded<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> String {
        // Written as UTF-8 bytes (appending scalar by scalar to a String is several times slower).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.underestimatedCount)
        var space = false
        for u in scalars {
            if u.value == 32 || u.value == 10 || u.value == 13 || u.value == 9 || (u.value > 127 && u.properties.isWhitespace) {
                space = !bytes.isEmpty
                continue
            }
            if space { bytes.append(32); space = false }
            if u.value < 0x80 { bytes.append(UInt8(truncatingIfNeeded: u.value)) } else { bytes.append(contentsOf: UTF8.encode(u)!) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The clause of a sentence around an offset: the sentence cut at `;` and at `, and` / `, but` /
    /// `, while` (where a new clause begins).
    static func clauseSpan(_ s: [Unicode.Scalar], in span: Range<Int>, around offset: Int) -> Range<Int> {
        var cuts: [(Int, Int)] = []  // (end of the previous clause, start of the next)
        var i = span.lowerBound
        func word(at j: Int, _ w: String) -> Bool {
            let ws = Array(w.unicodeScalars)
            guard j + ws.count < span.upperBound else { return false }
            for (k, u) in ws.enumerated() where s[j + k] != u { return false }
            return s[j + ws.count] == " "
        }
        while i < span.upperBound {
            if s[i] == ";" {
                cuts.append((i, i + 1))
            } else if s[i] == ",", i + 1 < span.upperBound, s[i + 1] == " " {
                for w in ["and", "but", "while"] where word(at: i + 2, w) {
                    cuts.append((i, i + 2 + w.unicodeScalars.count + 1))
                }
            }
            i += 1
        }
        var lower = span.lowerBound, upper = span.upperBound
        for (end, next) in cuts {
            if next <= offset { lower = next } else if end >= offset, end < upper { upper = end; break }
        }
        return lower..<upper
    }

    /// Words too common in this subject to tell two happenings apart, and function words.
    static let common: Set<String> = [
        "the", "and", "for", "with", "from", "into", "that", "this", "which", "who", "whom", "was", "were",
        "are", "has", "had", "have", "been", "being", "its", "his", "her", "their", "they", "them", "not",
        "but", "all", "also", "only", "than", "then", "there", "when", "while", "after", "before", "under",
        "over", "about", "against", "between", "during", "until", "since", "such", "some", "more", "most",
        "other", "would", "could", "should", "will", "may", "can", "did", "does", "one", "two", "three",
        "first", "second", "third", "same", "next", "day", "days", "night", "morning", "evening", "time",
        "year", "years", "month", "months", "january", "february", "march", "april", "june", "july",
        "august", "september", "october", "november", "december", "soviet", "union", "ussr", "japan",
        "japanese", "army", "armies", "troops", "red", "forces", "force", "side", "area", "areas", "him",
        "far", "east", "eastern", "west", "western", "north", "northern", "south", "southern", "front",
        "she", "our", "out", "way", "what", "where", "very", "each", "any", "both", "these", "those",
    ]

    /// Key terms of a clause: its uncommon words, cut to their first five letters (so that
    /// `declared` meets `declaration`, `Japan` meets `Japanese`).
    static func keyTerms(_ tokens: [DToken], in range: Range<Int>) -> Set<String> {
        var out = Set<String>()
        for tok in tokens where tok.kind == .word && tok.start >= range.lowerBound && tok.end <= range.upperBound {
            let w = tok.lower
            guard w.utf8.count >= 3, !common.contains(w) else { continue }
            out.insert(w.unicodeScalars.count > 5 ? String(String.UnicodeScalarView(w.unicodeScalars.prefix(5))) : w)
        }
        return out
    }

    /// Whether two tellings of one day are the same happening.

    /// How many ids two sorted lists share.
    @inline(__always) static func sharedCount(_ a: ArraySlice<Int32>, _ b: ArraySlice<Int32>) -> Int {
        var i = a.startIndex, j = b.startIndex, n = 0
        let a = a, b = b
        while i < a.endIndex && j < b.endIndex {
            if a[i] == b[j] { n += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return n
    }

    /// How strongly two tellings of one day tell the same happening (nil: not the same): shared key
    /// terms (an entity counts twice), plus the share of all their terms that they have in common.
    static func similarity(_ a: Telling, _ b: Telling, pool: [Int32]) -> Double? {
        // Two different times of one day are two happenings.
        if a.timeID >= 0, b.timeID >= 0, a.timeID != b.timeID { return nil }
        let (at, bt, ae, be) = (Int(a.termCount), Int(b.termCount), Int(a.entityCount), Int(b.entityCount))
        let sharedTerms = sharedCount(a.terms(pool), b.terms(pool))
        let sharedEntities = ae == 0 || be == 0 ? 0 : sharedCount(a.entities(pool), b.entities(pool))
        let shared = sharedTerms + 2 * sharedEntities
        let smaller = min(at + ae, bt + be)
        guard shared >= 3 || (shared >= 2 && Double(shared) >= 0.5 * Double(smaller)) else { return nil }
        let all = at + bt - sharedTerms + ae + be - sharedEntities
        return Double(shared) + Double(shared) / Double(max(all, 1))
    }

    /// Clusters of tellings (indices), each the same happening told by different documents.
    ///
    /// Tellings merge only within their bucket (kind and day), so each bucket is merged on its
    /// own: its pairs, strongest first, then the next bucket (the same clusters as one sorted list
    /// of every pair, with only one bucket's pairs in memory).
    static func merge(_ items: [Telling], pool: [Int32]) -> [[Int]] {
        var parent = Array(items.indices)
        // The documents of each cluster, by its root (nil: the root's own document alone).
        var docs: [Set<Int>?] = Array(repeating: nil, count: items.count)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        var buckets: [Int32: [Int]] = [:]
        for (i, t) in items.enumerated() where t.kind != .publication {
            buckets[t.bucket, default: []].append(i)
        }
        var stamp: [Int] = []
        for members in buckets.values where members.count > 1 {
            // Only tellings that share a key term or an entity can be the same happening: find those
            // pairs through an index of the terms (a large corpus has many tellings a day). A term
            // of more than 400 tellings of the day is too common to tell them apart.
            var byTerm: [Int32: [Int]] = [:]  // term → positions in `members`, ascending
            for (k, m) in members.enumerated() {
                for term in items[m].terms(pool) { byTerm[term, default: []].append(k) }
                for e in items[m].entities(pool) { byTerm[e, default: []].append(k) }
            }
            var pairs: [(Double, Int, Int)] = []
            stamp.removeAll(keepingCapacity: true)
            stamp.append(contentsOf: repeatElement(-1, count: members.count))
            for (k, x) in members.enumerated() {
                let a = items[x]
                let ids = pool[Int(a.poolStart)..<Int(a.poolStart + a.termCount + a.entityCount)]
                for list in ids.lazy.compactMap({ byTerm[$0] })
                where list.count > 1 && list.count <= 400 {
                    for ky in list where ky > k && stamp[ky] != k {
                        stamp[ky] = k
                        let y = members[ky]
                        let b = items[y]
                        guard a.order.doc != b.order.doc, let score = similarity(a, b, pool: pool) else { continue }
                        pairs.append((score, x, y))
                    }
                }
            }
            pairs.sort { $0.0 != $1.0 ? $0.0 > $1.0 : ($0.1, $0.2) < ($1.1, $1.2) }
            for (_, a, b) in pairs {
                let ra = find(a), rb = find(b)
                let da = docs[ra] ?? [items[ra].order.doc], db = docs[rb] ?? [items[rb].order.doc]
                guard ra != rb, da.isDisjoint(with: db) else { continue }
                parent[rb] = ra
                docs[ra] = da.union(db)
                docs[rb] = nil
            }
        }
        var groups: [Int: [Int]] = [:]
        var order: [Int] = []
        for i in items.indices {
            let r = find(i)
            if groups[r] == nil { order.append(r) }
            groups[r, default: []].append(i)
        }
        return order.map { groups[$0]! }
    }

    struct Built {
        var event: Event
        var order: (Int, Int, Int)
    }

    static func makeEvent(_ tellings: [Telling], mentions all: [DateMention], corpus: Corpus) -> Built {
        let sorted = tellings.sorted { $0.order < $1.order }
        let first = sorted[0]
        let dates = sorted.map { all[Int($0.mentions[0])].date }
        // The date: the value most tellings give (ties: the finer, then the first told).
        var counts: [DateValue: Int] = [:]
        for d in dates { counts[d, default: 0] += 1 }
        var date = dates[0]
        for d in dates {
            let (c, best) = (counts[d]!, counts[date]!)
            if c > best || (c == best && d.precision > date.precision) { date = d }
        }
        var mentions: [EventMention] = []
        for t in sorted {
            for (i, m) in t.mentions.enumerated() {
                mentions.append(EventMention(all[Int(m)], statement: t.statements[i]))
            }
        }
        let m0 = all[Int(first.mentions[0])]
        func union(_ lists: [[String]]) -> [String] {
            var seen = Set<String>()
            return lists.flatMap { $0 }.filter { seen.insert($0).inserted }
        }
        let text = corpus.passages[Int(first.passage)].text
        let sentence = folded(text.scalarSlice(first.sentenceRange.lowerBound, first.sentenceRange.upperBound).unicodeScalars)
        let clause = first.clauseRange == first.sentenceRange ? sentence
            : folded(text.scalarSlice(first.clauseRange.lowerBound, first.clauseRange.upperBound).unicodeScalars)
        let event = Event(id: "\(date.iso)@\(m0.passageID)+\(m0.start)", kind: first.kind, date: date,
                          title: shortTitle(clause), sentence: sentence, mentions: mentions,
                          places: union(sorted.map(\.places)), placeIDs: union(sorted.map(\.placeIDs)),
                          units: union(sorted.map(\.units)), unitIDs: union(sorted.map(\.unitIDs)),
                          fronts: union(sorted.map(\.fronts)), frontIDs: union(sorted.map(\.frontIDs)))
        return Built(event: event, order: first.order)
    }

    /// A sentence shortened at a word boundary to at most `limit` characters (with `…`).
    public static func shortTitle(_ sentence: String, limit: Int = 90) -> String {
        let scalars = Array(folded(sentence.unicodeScalars[...]).unicodeScalars)
        guard scalars.count > limit else { return String(String.UnicodeScalarView(scalars)) }
        // the last space at or before limit - 1 (room for the ellipsis)
        var cut = limit - 1
        while cut > 0, scalars[cut] != " " { cut -= 1 }
        if cut == 0 { cut = limit - 1 }
        var out = Array(scalars[..<cut])
        while let last = out.last, ",;:–- ".unicodeScalars.contains(last) { out.removeLast() }
        out.append("…")
        return String(String.UnicodeScalarView(out))
    }
}
