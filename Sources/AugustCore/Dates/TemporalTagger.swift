import Foundation

/// Finds every expression that dates something in a corpus and normalises it to ISO 8601.
///
/// Rules are general: patterns over tokens (``DateGrammar``), a small lexicon (``DateLexicon``) and
/// a narrative anchor. Relative expressions (`On the 9th`, `that night`, `the next day`, `At 4:30`,
/// `August 14` with no year) are resolved against the most recent explicit date of the same article,
/// the way HeidelTime reads narrative documents — never against today or the publication date. An
/// article that has not yet given a year borrows the year it names most often (when one year leads).
///
/// Kinds: publication stamps and datelines are ``DateKind/publication``; holidays (a day and month
/// with no year, in a passage that speaks of holidays) and dates that are ordered, planned,
/// forecast or supposed are ``DateKind/other``; everything else is ``DateKind/event``.
public enum TemporalTagger {

    /// Every date mention of the corpus, keyed by passage id (passages with none are absent).
    public static func tag(_ corpus: Corpus) -> [String: [DateMention]] {
        var out: [String: [DateMention]] = [:]
        for m in mentions(in: corpus) { out[m.passageID, default: []].append(m) }
        return out
    }

    /// Every date mention of the corpus, in corpus order (document, passage, offset).
    public static func mentions(in corpus: Corpus) -> [DateMention] {
        analyse(corpus)
    }

    /// The mentions, in corpus order. `progress` gets the passages done, counted twice (read, then
    /// resolved): 0 up to 2 × passages.
    static func analyse(_ corpus: Corpus, progress: ((Int) -> Void)? = nil) -> [DateMention] {
        let passageCount = corpus.passages.count
        var done = 0
        // Pass 1: read the patterns everywhere; gather what damaged forms may lean on.
        var parsed: [[Parsed]] = []
        parsed.reserveCapacity(corpus.documents.count)
        var corpusDays = [Int: Set<Int>]()  // month*100+day → years with that explicit day
        // Tokenizing and parsing a document depends on that document alone: documents are done in
        // parallel, a group at a time, and taken in corpus order (the same result as one by one).
        let documents = corpus.documents
        let group = 16
        var parsedGroup: [[Parsed]] = []
        for (di, doc) in documents.enumerated() {
            if di % group == 0 {
                let slice = Array(documents[di..<min(di + group, documents.count)])
                let box = ParsedBox(count: slice.count)
                DispatchQueue.concurrentPerform(iterations: slice.count) { i in
                    box.set(i, slice[i].passages.map { p in
                        // The tokens die here: what the resolver needs of them is kept per
                        // expression (offsets, cues), not the tokens of every passage at once.
                        let tokens = DateTokenizer(p.text)
                        let raws = DateGrammar(tokens).parse()
                        return Parsed(articleIndex: p.articleIndex, raws: raws.map { ParsedDate($0, tokens) })
                    })
                }
                parsedGroup = box.values
            }
            let docParsed = parsedGroup[di % group]
            for parsedPassage in docParsed {
                for r in parsedPassage.raws.lazy.map(\.raw) {
                    if case .point(let d) = r.form, let y = d.year, let m = d.month, let day = d.day {
                        corpusDays[m * 100 + day, default: []].insert(y)
                    }
                }
            }
            parsed.append(docParsed)
            done += doc.passages.count
            progress?(done)
        }
        // Pass 2: resolve against the narrative, document by document.
        var out: [DateMention] = []
        for (di, doc) in corpus.documents.enumerated() {
            var resolver = Resolver(documentID: doc.id, passages: parsed[di], texts: doc.passages, corpusDays: corpusDays)
            parsed[di] = []  // what the resolver holds is all that is left of it
            out.append(contentsOf: resolver.run())
            done += doc.passages.count
            progress?(min(done, 2 * passageCount))
        }
        return out
    }

    /// The mentions of one text read as a one-document corpus (for tests and tools).
    public static func mentions(inText text: String, id: String = "text.txt") -> [DateMention] {
        mentions(in: Corpus(texts: [(id: id, text: text)]))
    }

    struct Parsed {
        let articleIndex: Int
        let raws: [ParsedDate]
    }

    /// A raw date with what the resolver reads from the tokens around it, taken while the
    /// passage's tokens are at hand.
    struct ParsedDate {
        let raw: RawDate
        /// Scalar offsets of the expression in the passage, end exclusive.
        let start: Int
        let end: Int
        /// A plan, an order, a forecast (``Resolver/isHypothetical(_:_:)``).
        let hypothetical: Bool
        /// Its sentence tells a launch of operations (``Resolver/launches(_:sentenceOf:)``).
        let launches: Bool

        init(_ raw: RawDate, _ tokens: DateTokenizer) {
            self.raw = raw
            start = tokens.tokens[raw.first].start
            end = tokens.tokens[raw.last].end
            hypothetical = Resolver.isHypothetical(raw, tokens)
            launches = Resolver.launches(tokens, sentenceOf: raw.first)
        }
    }

    /// Per-document results written by parallel workers, each to its own slot.
    final class ParsedBox: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [[Parsed]]
        init(count: Int) { values = Array(repeating: [], count: count) }
        func set(_ i: Int, _ v: [Parsed]) {
            lock.lock()
            values[i] = v
            lock.unlock()
        }
    }

    /// Resolves one document's raw dates against its narrative.
    struct Resolver {
        let documentID: String
        let passages: [Parsed]
        /// The document's passages (parallel to `passages`).
        let texts: [Passage]
        let corpusDays: [Int: Set<Int>]
        /// For each article, the year it names most often (a fallback anchor before its first date).
        let dominantYears: [Int: Int]
        var dominantYear: Int? { dominantYears[articleIndex] }
        /// Years the document names explicitly (for `April 194 13`).
        let documentYears: Set<Int>
        var anchor: DatePoint?
        var articleIndex = -1
        var campaignStart: DatePoint?

        init(documentID: String, passages: [Parsed], texts: [Passage], corpusDays: [Int: Set<Int>]) {
            self.documentID = documentID
            self.passages = passages
            self.texts = texts
            self.corpusDays = corpusDays
            var counts: [Int: [Int: Int]] = [:]  // article → year → count
            for p in passages {
                for r in p.raws.lazy.map(\.raw) {
                    switch r.form {
                    case .point(let d): if let y = d.year { counts[p.articleIndex, default: [:]][y, default: 0] += 1 }
                    case .range(let a, let b):
                        if let y = a.year { counts[p.articleIndex, default: [:]][y, default: 0] += 1 }
                        if let y = b.year, y != a.year { counts[p.articleIndex, default: [:]][y, default: 0] += 1 }
                    default: break
                    }
                }
            }
            documentYears = Set(counts.values.flatMap(\.keys))
            var dominant: [Int: Int] = [:]
            for (article, years) in counts {
                let ranked = years.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                if let top = ranked.first, top.value >= 2, ranked.count < 2 || ranked[1].value < top.value {
                    dominant[article] = top.key
                }
            }
            dominantYears = dominant
        }

        mutating func run() -> [DateMention] {
            var out: [DateMention] = []
            for (k, parsed) in passages.enumerated() {
                if parsed.articleIndex != articleIndex {
                    articleIndex = parsed.articleIndex
                    anchor = nil
                }
                guard !parsed.raws.isEmpty else { continue }
                let p = texts[k]
                let holidayContext = parsed.raws.contains(where: \.raw.isYearlessDay)
                    && Resolver.speaksOfHolidays(p.text)
                let lineBreaks = Resolver.lineBreakOffsets(p.text)
                for raw in parsed.raws {
                    guard let (value, kind, relative, anchorable) = resolve(raw, holidayContext) else {
                        continue
                    }
                    let start = raw.start, end = raw.end
                    let line = p.lineStart + lineBreaks.prefix { $0 < start }.count
                    out.append(DateMention(passageID: p.id, documentID: documentID,
                                           text: p.text.scalarSlice(start, end), start: start, end: end,
                                           line: line, date: value, kind: kind, isRelative: relative))
                    if kind == .event, anchorable {
                        updateAnchor(with: value.first)
                        if campaignStart == nil, value.first.day != nil, !value.isRange,
                           raw.launches {
                            campaignStart = value.first.dayOnly
                        }
                    }
                }
            }
            return out
        }

        /// Whether the text names one of the holiday words (`text.lowercased().contains(word)`).
        /// Fast path: an ASCII-case-insensitive byte search of the text. No byte match means no
        /// match at all (lower-casing turns only U+212A and U+0130 into ASCII letters: those texts
        /// take the slow path); a byte match in an ASCII text is a match (an ASCII text has no
        /// canonical equivalents for `contains` to weigh). Anything else takes the slow path.
        static func speaksOfHolidays(_ text: String) -> Bool {
            var t = text
            let fast: Bool? = t.withUTF8 { hay -> Bool? in
                var ascii = true
                for b in hay where b >= 0x80 { ascii = false; break }
                if !ascii, text.unicodeScalars.contains(where: { $0.value == 0x212A || $0.value == 0x130 }) { return nil }
                var found = false
                for word in DateLexicon.holidayWords where !found {
                    let needle = Array(word.utf8)   // lower-case ASCII
                    guard needle.count <= hay.count else { continue }
                    var i = 0
                    let last = hay.count - needle.count
                    outer: while i <= last {
                        for k in 0..<needle.count {
                            var b = hay[i + k]
                            if b >= 0x41 && b <= 0x5A { b += 32 }
                            if b != needle[k] { i += 1; continue outer }
                        }
                        found = true
                        break
                    }
                }
                if !found { return false }
                return ascii ? true : nil
            }
            if let fast { return fast }
            let lower = text.lowercased()
            return DateLexicon.holidayWords.contains { lower.contains($0) }
        }

        static func lineBreakOffsets(_ text: String) -> [Int] {
            var out: [Int] = []
            var i = 0
            for u in text.unicodeScalars {
                if u == "\n" { out.append(i) }
                i += 1
            }
            return out
        }

        /// A coarser date that contains the anchor does not replace it (`In 1945` after
        /// `August 9, 1945`, `on the 9th` after `At 4:30` on the 9th); any other date becomes the anchor.
        mutating func updateAnchor(with p: DatePoint) {
            if let a = anchor, p.precision < a.precision {
                let pb = p.bounds, ab = a.bounds
                if pb.lower <= ab.lower, ab.upper <= pb.upper { return }
            }
            anchor = p
        }

        /// Fills what a point leaves out from the anchor (or the document's year).
        func complete(_ p: DatePoint) -> DatePoint? {
            var p = p
            if p.year == nil {
                if p.month == nil, p.day != nil {
                    guard let a = anchor, let y = a.year, let m = a.month else { return nil }
                    p.year = y
                    p.month = m
                } else {
                    guard let y = anchor?.year ?? dominantYear else { return nil }
                    p.year = y
                }
            }
            return p.isValid ? p : nil
        }

        /// (value, kind, needed the narrative, may serve as the next anchor)
        func resolve(_ parsed: ParsedDate, _ holidayContext: Bool)
            -> (DateValue, DateKind, Bool, Bool)? {
            let kind: DateKind = parsed.hypothetical ? .other : .event
            switch parsed.raw.form {
            case .publication(let p):
                return (DateValue(p), .publication, false, false)
            case .point(let p):
                if p.year == nil, let m = p.month, let d = p.day, holidayContext,
                   DateLexicon.recurringDays.contains(m * 100 + d) {
                    return (DateValue(DatePoint(year: nil, month: m, day: d)), .other, false, false)
                }
                guard let q = complete(p) else { return nil }
                return (DateValue(q), kind, p.year == nil, true)
            case .range(var a, var b):
                if b.month == nil, b.day != nil { b.month = a.month }
                if a.year == nil { a.year = b.year }
                if b.year == nil { b.year = a.year }
                guard let qa = complete(a), var qb = complete(b) else { return nil }
                if qb.year == nil { qb.year = qa.year }
                let v = DateValue(from: qa, to: qb)
                guard v.lowerBound <= v.upperBound else { return nil }
                return (v, kind, a.year == nil, true)
            case .decadeDay(let decade, let m, let d):
                let inDecade = documentYears.filter { $0 / 10 == decade }
                var year: Int?
                if inDecade.count == 1 {
                    year = inDecade.first
                } else {
                    let same = (corpusDays[m * 100 + d] ?? []).filter { $0 / 10 == decade }
                    if same.count == 1 { year = same.first }
                }
                guard let year else { return nil }
                let p = DatePoint(year: year, month: m, day: d)
                return p.isValid ? (DateValue(p), kind, false, true) : nil
            case .relativeDay(let n):
                guard let a = anchor, a.day != nil, let p = a.addingDays(n) else { return nil }
                return (DateValue(p), kind, true, true)
            case .relativeTime(let h, let m):
                guard let a = anchor, a.day != nil else { return nil }
                var p = a.dayOnly
                p.hour = h
                p.minute = m
                return (DateValue(p), kind, true, true)
            case .campaignDay(let n):
                guard let s = campaignStart, let p = s.addingDays(n - 1) else { return nil }
                return (DateValue(p), kind, true, true)
            case .loneDay(let d):
                // Only in a narrative told day by day, a few days on from the anchor.
                guard let a = anchor, let ad = a.day, let y = a.year, let m = a.month, d >= ad, d <= ad + 10
                else { return nil }
                let p = DatePoint(year: y, month: m, day: d)
                return p.isValid ? (DateValue(p), kind, true, true) : nil
            }
        }

        /// A plan, an order, a forecast, a condition: a cue word shortly before the date in its sentence,
        /// a deadline right before it (`before sunset on`), or `plan` right after it in the same phrase
        /// (`the 1933 operational plan`).
        static func isHypothetical(_ raw: RawDate, _ tk: DateTokenizer) -> Bool {
            let t = tk.tokens
            let s = tk.sentenceOf[raw.first]
            var j = raw.first - 1
            var words = 0
            while j >= s, words < 15 {
                if t[j].kind == .word {
                    words += 1
                    if DateLexicon.hypotheticalCues.contains(t[j].lower) { return true }
                    if words <= 3, DateLexicon.deadlineCues.contains(t[j].lower), j > 0,
                       ["before", "by", "no", "not", "than"].contains(t[j - 1].lower) { return true }
                }
                j -= 1
            }
            var k = raw.last + 1
            words = 0
            while k < t.count, tk.sentenceOf[k] == s, words < 3, t[k].kind != .punct {
                if t[k].kind == .word {
                    words += 1
                    if ["the", "a", "an", "and", "of", "in"].contains(t[k].lower) { break }
                    if t[k].lower == "plan" || t[k].lower == "plans" || t[k].lower == "earliest" { return true }
                }
                k += 1
            }
            return false
        }

        /// The sentence around token i tells a launch of operations.
        static func launches(_ tk: DateTokenizer, sentenceOf i: Int) -> Bool {
            let s = tk.sentenceOf[i]
            var k = s
            var crossed = false, border = false
            while k < tk.tokens.count, tk.sentenceOf[k] == s {
                let w = tk.tokens[k].lower
                if DateLexicon.launchWords.contains(w) { return true }
                if w == "crossed" { crossed = true }
                if w == "border" { border = true }
                k += 1
            }
            return crossed && border
        }
    }
}
