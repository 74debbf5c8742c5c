import Foundation

/// Finds every expression that dates something in a corpus and normalises it to ISO 8601.
///
/// Rules are general: patterns over tokens (``DateGrammar``), a small lexicon (``DateLexicon``) and
/// a narrative anchor. Relative expressions (`On the 9th`, `that night`, `the next day`, `At 4:30`)
/// are resolved against the most recent date of the same article, the way HeidelTime reads
/// narrative documents — never against today or a publication date.
///
/// A partial date (`9 August`, `Aug. 22`) takes its year from the narrative, weighed by how close
/// the evidence stands: a year given earlier in its own sentence; else the last full date (or the
/// year framing a sentence, `In 1945,`) of its passage, then of its section; else the year of most
/// full dates in its document; else a year its passage names in passing; else the date of its
/// report (a dateline or publication stamp); else — in a document that names years of its own or
/// has datelines — the corpus' campaign year (the year of most full dates in the corpus). A year in brackets (`Nomonhan [1939]`), in a subordinate aside or in a
/// person's life story (`as a young colonel in 1919`) is read but moves nothing.
///
/// News reports read as HeidelTime's news mode does: a dateline (`LONDON, Aug. 22.`) or a
/// publication stamp dates its report, and `to-day`, `yesterday`, `last night`, `on Tuesday`,
/// `66 years ago` count from it (only there: with no report date they are left out).
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
        var corpusYears = YearCounts()
        // Tokenizing and parsing a document depends on that document alone: documents are done in
        // parallel, a group at a time, and taken in corpus order (the same result as one by one).
        let documents = corpus.documents
        let group = 16
        var parsedGroup: [[Parsed]] = []
        for (di, doc) in documents.enumerated() {
            if di % group == 0 {
                let slice = Array(documents[di..<min(di + group, documents.count)])
                let box = SlotBox<Parsed>(count: slice.count)
                DispatchQueue.concurrentPerform(iterations: slice.count) { i in
                    box.set(i, slice[i].passages.map { p in
                        // The tokens die here: what the resolver needs of them is kept per
                        // expression (offsets, cues), not the tokens of every passage at once.
                        let tokens = DateTokenizer(p.text)
                        let raws = DateGrammar(tokens).parse()
                        return Parsed(articleIndex: p.articleIndex, raws: raws.map { ParsedDate($0, tokens) },
                                      namesYear: tokens.tokens.contains { $0.kind == .number && $0.digits == 4
                                          && (1800...2099).contains($0.value) })
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
                for pd in parsedPassage.raws { corpusYears.add(pd) }
            }
            parsed.append(docParsed)
            done += doc.passages.count
            progress?(done)
        }
        // Pass 2: resolve against the narrative, document by document. A document is resolved
        // from its own expressions and the corpus' figures alone: a group at a time in parallel,
        // taken in corpus order (the same result as one by one).
        let days = corpusDays
        let prior = corpusYears.campaignLeader(minimumYearOnly: 2)
        let month = YearCounts.lead(corpusYears.fullMonths, minimum: 1)
        var out: [DateMention] = []
        for groupStart in stride(from: 0, to: documents.count, by: group) {
            let groupEnd = min(groupStart + group, documents.count)
            let slice = Array(parsed[groupStart..<groupEnd])
            for di in groupStart..<groupEnd { parsed[di] = [] }  // what the resolvers hold is all that is left of it
            let box = SlotBox<DateMention>(count: slice.count)
            DispatchQueue.concurrentPerform(iterations: slice.count) { i in
                let doc = documents[groupStart + i]
                var resolver = Resolver(documentID: doc.id, passages: slice[i], texts: doc.passages, corpusDays: days,
                                        corpusPrior: prior, corpusMonth: month)
                box.set(i, resolver.run())
            }
            for (i, found) in box.values.enumerated() {
                out.append(contentsOf: found)
                done += documents[groupStart + i].passages.count
            }
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
        /// The passage writes a number that could be a year (`(1895–1977)`, `founded 1919`).
        var namesYear = false
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
        /// In brackets, a subordinate aside or a life story: read, but it moves no anchor.
        let background: Bool
        /// A year that frames its sentence (`In 1945,`, `In the summer of 1945`).
        let framing: Bool
        /// The first token of its sentence (a sentence's id within its passage).
        let sentence: Int
        /// A weekday in a sentence that speaks of the future (`is expected … on Wednesday`).
        let future: Bool

        init(_ raw: RawDate, _ tokens: DateTokenizer) {
            self.raw = raw
            start = tokens.tokens[raw.first].start
            end = tokens.tokens[raw.last].end
            hypothetical = Resolver.isHypothetical(raw, tokens)
            launches = Resolver.launches(tokens, sentenceOf: raw.first)
            background = Resolver.isBackground(raw, tokens)
            framing = raw.isCoarse && Resolver.framesSentence(raw, tokens)
            sentence = tokens.sentenceOf[raw.first]
            if case .newsWeekday = raw.form {
                let t = tokens.tokens
                var j = raw.first - 1
                var f = false
                while j >= max(sentence, raw.first - 40), !f {
                    if t[j].kind == .word, DateLexicon.futureCues.contains(t[j].lower) { f = true }
                    j -= 1
                }
                future = f
            } else {
                future = false
            }
        }

        /// The year of a full date (day, month and year written), if it is one.
        var fullYear: Int? {
            switch raw.form {
            case .point(let p): p.month != nil && p.day != nil ? p.year : nil
            case .range(let a, _): a.month != nil && a.day != nil ? a.year : nil
            case .numeric(_, _, let y, let digits, _, _, _): digits == 4 ? y : nil
            case .dateline(let p): p.year
            default: nil
            }
        }
        /// The month of a full date.
        var fullMonth: Int? {
            switch raw.form {
            case .point(let p): p.month
            case .range(let a, _): a.month
            case .dateline(let p): p.month
            default: nil
            }
        }
        /// The year of a year alone (`in 1945`), if it is one.
        var yearOnly: Int? {
            if case .point(let p) = raw.form, p.month == nil, p.day == nil { return p.year }
            return nil
        }
        /// Whether it counts as evidence of the year a corpus or a document is about (a plan or an
        /// order is: `approved the plan on 27 June 1945` names the narrative's year).
        var isEvidence: Bool { !background }
    }

    /// Counts of the years of full dates and of years alone.
    struct YearCounts {
        var full: [Int: Int] = [:]
        var yearOnly: [Int: Int] = [:]
        /// year × 100 + month of full dates
        var fullMonths: [Int: Int] = [:]

        mutating func add(_ pd: ParsedDate) {
            guard pd.isEvidence else { return }
            if let y = pd.fullYear {
                full[y, default: 0] += 1
                if let m = pd.fullMonth { fullMonths[y * 100 + m, default: 0] += 1 }
            } else if let y = pd.yearOnly {
                yearOnly[y, default: 0] += 1
            }
        }

        /// The year of most full dates (one year must lead); with none, the year named alone most
        /// often (at least `minimumYearOnly` times, one year leading).
        func leader(minimumYearOnly: Int) -> Int? {
            if !full.isEmpty { return YearCounts.lead(full, minimum: 1) }
            return YearCounts.lead(yearOnly, minimum: minimumYearOnly)
        }

        /// The corpus' campaign year: as `leader`, and where full dates tie (`February 1945`
        /// beside `2 February 1946`), the tied year named alone most often, else the earliest (what
        /// follows a narrative — its aftermath, the year it was written — comes after it). A
        /// document's own prior stays undecided on a tie (the corpus' then applies).
        func campaignLeader(minimumYearOnly: Int) -> Int? {
            if let y = leader(minimumYearOnly: minimumYearOnly) { return y }
            guard let top = full.values.max() else { return nil }
            return full.filter { $0.value == top }.keys.min { ((yearOnly[$0] ?? 0), -$0) > ((yearOnly[$1] ?? 0), -$1) }
        }

        static func lead(_ counts: [Int: Int], minimum: Int) -> Int? {
            let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            guard let top = ranked.first, top.value >= minimum, ranked.count < 2 || ranked[1].value < top.value
            else { return nil }
            return top.key
        }
    }


    /// Resolves one document's raw dates against its narrative.
    struct Resolver {
        let documentID: String
        let passages: [Parsed]
        /// The document's passages (parallel to `passages`).
        let texts: [Passage]
        let corpusDays: [Int: Set<Int>]
        /// The corpus' campaign year: the year of most full dates in the corpus; and its month
        /// (year × 100 + month), for a day told alone before the narrative gives one.
        let corpusPrior: Int?
        let corpusMonth: Int?
        /// The document's own: the year of most full dates in it, and the first expression giving it.
        let documentPrior: (year: Int, from: String)?
        /// Years the document names explicitly (for `April 194 13`).
        let documentYears: Set<Int>
        /// How the document writes `8/9/45`: +1 for each unambiguous day-first date, −1 for each
        /// month-first one.
        let slashOrder: Int
        /// The document is a news report dated by datelines (`LONDON, Aug. 22.`).
        let hasDatelines: Bool
        /// How many full dates the document writes with dots (`19.8.45`).
        let dottedDates: Int
        /// The document writes a number that could be a year.
        let namesYears: Bool
        /// A document that writes no year at all (a diary `August 9.`, a memoir) but tells of a war
        /// (`WarVocabulary`) takes the corpus' campaign year too; one about something else does not.
        let talksOfWar: Bool

        /// A year the narrative gave, with where it stands.
        struct Evidence {
            var year: Int
            var from: String
            var passage: Int
            var sentence: Int
            var seq: Int
        }

        /// The narrative's day (for relative days), and where its year came from.
        var anchor: DatePoint?
        var anchorFrom: String?
        /// When the anchor came from a night (two days in a row: `the night of 8/9 August`), its
        /// second day: a time before dawn told after it falls on that day.
        var anchorNightEnd: DatePoint?
        /// The last full date (month or finer) of the section.
        var full: Evidence?
        /// The last year framing a sentence (`In 1945,`) of the section.
        var framing: Evidence?
        /// The last year named in passing (not in an aside).
        var clause: Evidence?
        /// The date of the report (a dateline or a stamp of this article), and the document's first stamp.
        var news: (point: DatePoint, from: String)?
        var documentNews: (point: DatePoint, from: String)?
        /// The day a passage opens with (a diary's entry, `12th. Arrived at…`): with no report date,
        /// the entry's `yesterday`, `today`, `two days ago` count from it.
        var entry: (point: DatePoint, from: String)?
        var seq = 0
        var articleIndex = -1
        var campaignStart: DatePoint?
        var campaignStartFrom: String?
        /// A date with a month has been told in the document.
        var monthNamed = false
        /// The last year any date of the article named (background too), for `six years later`.
        var lastYear: Int?

        init(documentID: String, passages: [Parsed], texts: [Passage], corpusDays: [Int: Set<Int>],
             corpusPrior: Int? = nil, corpusMonth: Int? = nil) {
            self.documentID = documentID
            self.passages = passages
            self.texts = texts
            self.corpusDays = corpusDays
            self.corpusPrior = corpusPrior
            self.corpusMonth = corpusMonth
            var counts = YearCounts()
            var years = Set<Int>()
            var order = 0
            var datelines = false
            var dotted = 0
            for p in passages {
                for pd in p.raws {
                    counts.add(pd)
                    switch pd.raw.form {
                    case .point(let d): if let y = d.year { years.insert(y) }
                    case .range(let a, let b):
                        if let y = a.year { years.insert(y) }
                        if let y = b.year { years.insert(y) }
                    case .numeric(let a, let b, _, _, let dotted, _, _) where !dotted:
                        if a > 12, b <= 12 { order += 1 } else if b > 12, a <= 12 { order -= 1 }
                    case .dateline: datelines = true
                    case .numeric(_, _, _, _, true, _, _): dotted += 1
                    default: break
                    }
                }
            }
            documentYears = years
            slashOrder = order
            hasDatelines = datelines
            dottedDates = dotted
            namesYears = !years.isEmpty || passages.contains(where: \.namesYear)
            // Read only for a document with no year and no dateline (the cheap tests first).
            talksOfWar = !namesYears && !datelines && corpusPrior != nil && WarVocabulary.isAboutWar(texts)
            var prior: (Int, String)?
            // The year of most full dates; with none, a year named alone at least twice, leading.
            if let y = counts.leader(minimumYearOnly: 2) {
                search: for (k, p) in passages.enumerated() {
                    for pd in p.raws where pd.isEvidence && (pd.fullYear ?? pd.yearOnly) == y {
                        prior = (y, texts[k].text.scalarSlice(pd.start, pd.end))
                        break search
                    }
                }
            }
            documentPrior = prior
        }

        mutating func run() -> [DateMention] {
            var out: [DateMention] = []
            for (k, parsed) in passages.enumerated() {
                if parsed.articleIndex != articleIndex {
                    articleIndex = parsed.articleIndex
                    anchor = nil
                    anchorFrom = nil
                    anchorNightEnd = nil
                    full = nil
                    framing = nil
                    clause = nil
                    news = nil
                    lastYear = nil
                }
                guard !parsed.raws.isEmpty else { continue }
                let p = texts[k]
                // A day and month with no year in a passage that speaks of holidays — or in a
                // heading whose article does (`Remembering September 3rd!` over `Every year on …`).
                let holidayContext = parsed.raws.contains(where: \.raw.isYearlessDay)
                    && (Resolver.speaksOfHolidays(p.text) || (p.isHeading && articleSpeaksOfHolidays(from: k)))
                let lineBreaks = Resolver.lineBreakOffsets(p.text)
                entry = nil
                for (n, raw) in parsed.raws.enumerated() {
                    // `Exactly 10 years later, … in April 1941`: the sentence's own year says it
                    if case .yearsLater = raw.raw.form, parsed.raws.contains(where: {
                        $0.sentence == raw.sentence && ($0.raw.hasYear || $0.raw.isDecadeDay)
                    }) { continue }
                    let start = raw.start, end = raw.end
                    let text = p.text.scalarSlice(start, end)
                    guard let r = resolve(raw, text: text, passage: k, holidayContext) else { continue }
                    let line = p.lineStart + lineBreaks.prefix { $0 < start }.count
                    out.append(DateMention(passageID: p.id, documentID: documentID,
                                           text: text, start: start, end: end,
                                           line: line, date: r.value, kind: r.kind, isRelative: r.relative,
                                           yearFrom: r.from))
                    seq += 1
                    if n == 0, start <= 4, r.kind == .event, !r.value.isRange,
                       r.value.first.day != nil, case .point = raw.raw.form, Resolver.standsAlone(p.text, after: end) {
                        entry = (r.value.first.dayOnly, r.from ?? text)
                    }
                    if r.kind != .publication, let y = r.value.last.year { lastYear = y }
                    if r.value.first.month != nil { monthNamed = true }
                    if r.kind == .publication {
                        if r.value.first.day != nil {
                            news = (r.value.first, r.from ?? text)
                            if documentNews == nil { documentNews = news }
                        }
                        // A report's dateline is its narrative's day too; a stamp of today is not.
                        guard case .dateline = raw.raw.form else { continue }
                    } else if !r.anchorable || raw.background {
                        continue
                    } else if r.kind != .event {
                        // a plan or an order gives the narrative's year, not its day
                        rememberYear(r.value, from: r.from ?? text, raw, passage: k, heading: p.isHeading)
                        continue
                    }
                    if raw.background { continue }
                    // The report's own days (`today`, `on Tuesday`) are not the narrative's.
                    switch raw.raw.form {
                    case .newsDay, .newsWeekday: continue
                    default: break
                    }
                    remember(r.value, from: r.from ?? text, raw, passage: k, heading: p.isHeading)
                    if campaignStart == nil, r.value.first.day != nil, !r.value.isRange, raw.launches {
                        campaignStart = r.value.first.dayOnly
                        campaignStartFrom = r.from
                    }
                }
            }
            return out
        }

        /// Whether a passage of the article of passage k (from k on) speaks of holidays.
        func articleSpeaksOfHolidays(from k: Int) -> Bool {
            var j = k
            while j < texts.count, passages[j].articleIndex == passages[k].articleIndex {
                if Resolver.speaksOfHolidays(texts[j].text) { return true }
                j += 1
            }
            return false
        }

        /// What a date of the narrative leaves for the dates after it.
        mutating func remember(_ value: DateValue, from: String, _ raw: ParsedDate, passage k: Int, heading: Bool) {
            let p = value.first
            guard p.year != nil else { return }
            // A span of years (`1939–1945`) names no one year of the narrative.
            if raw.raw.isCoarse, value.isRange { return }
            rememberYear(value, from: from, raw, passage: k, heading: heading)
            if let a = anchor, p.precision < a.precision {
                let pb = p.bounds, ab = a.bounds
                if pb.lower <= ab.lower, ab.upper <= pb.upper { return }
            }
            anchor = p
            anchorFrom = from
            let last = value.last
            anchorNightEnd = value.isRange && p.day != nil && last.day != nil && p.hour == nil
                && p.addingDays(1).map { $0 == last } == true ? last : nil
        }

        /// The year a date gives the dates after it.
        mutating func rememberYear(_ value: DateValue, from: String, _ raw: ParsedDate, passage k: Int, heading: Bool) {
            let p = value.first
            guard let y = p.year else { return }
            let e = Evidence(year: y, from: from, passage: k, sentence: raw.sentence, seq: seq)
            // A season of the campaign's year (`where were you in the summer of 1945?`) places the
            // narrative as a month does; a season of another year (`the pie that won the ribbon in
            // the summer of 1975`) is only a year named in passing.
            let campaignSeason = p.season != nil && !value.isRange && corpusPrior != nil && y == corpusPrior
            if raw.raw.isCoarse && !campaignSeason {
                guard !value.isRange else { return }
                clause = e
                if raw.framing || heading { framing = e }
            } else if p.month != nil || campaignSeason {
                full = e
            }
        }

        /// The year of a partial date in passage k, sentence s, and the expression that gave it.
        func yearFor(passage k: Int, sentence s: Int) -> (year: Int, from: String)? {
            func latest(_ es: [Evidence?], _ where_: (Evidence) -> Bool) -> Evidence? {
                var best: Evidence?
                for case let e? in es where where_(e) && e.seq >= (best?.seq ?? -1) { best = e }
                return best
            }
            if let e = latest([full, clause], { $0.passage == k && $0.sentence == s }) { return (e.year, e.from) }
            if let e = latest([full, framing], { $0.passage == k }) { return (e.year, e.from) }
            if let e = latest([full, framing], { _ in true }) { return (e.year, e.from) }
            if let d = documentPrior { return d }
            if let e = clause, e.passage == k { return (e.year, e.from) }
            if let n = news ?? documentNews, let y = n.point.year { return (y, n.from) }
            // The campaign year only for a document that names years itself, dates its reports by
            // datelines, or tells of a war (a recipe borrows none).
            if let y = corpusPrior, namesYears || hasDatelines || talksOfWar { return (y, "corpus") }
            return nil
        }

        /// Whether passage k gives a year of its own (a full date, a framing year, a year in passing).
        func yearIsLocal(passage k: Int) -> Bool {
            [full, framing, clause].contains { $0?.passage == k }
        }

        /// Fills what a point leaves out from the anchor (a day alone) or the narrative's year.
        func complete(_ p: DatePoint, text: String, passage k: Int, sentence s: Int) -> (DatePoint, String?)? {
            var p = p
            var from: String? = text
            if p.year == nil {
                if p.month == nil, p.day != nil {
                    if let a = anchor, let y = a.year, let m = a.month {
                        p.year = y
                        p.month = m
                        from = anchorFrom
                    } else if !monthNamed, let cm = corpusMonth, anchor?.year.map({ $0 == cm / 100 }) ?? true,
                              namesYears || hasDatelines || talksOfWar {
                        // `until the 12th` before the document names any month: the campaign's month
                        p.year = cm / 100
                        p.month = cm % 100
                        from = "corpus"
                    } else {
                        return nil
                    }
                } else {
                    guard let (y, f) = yearFor(passage: k, sentence: s) else { return nil }
                    p.year = y
                    from = f
                    // A year from outside the date's passage is weak evidence: where the corpus names
                    // this very day in its campaign year, and in no other (`2 September` after a
                    // paragraph on the return home in `December 1947`), the day is the campaign's.
                    if let m = p.month, let d = p.day, let c = corpusPrior, y != c, !yearIsLocal(passage: k),
                       corpusDays[m * 100 + d] == [c] {
                        p.year = c
                        from = "corpus"
                    }
                }
            }
            return p.isValid ? (p, from) : nil
        }

        /// The century of a two-digit year: not in the future, and nearest the year the narrative
        /// is about (if it has one).
        func century(_ yy: Int, passage k: Int, sentence s: Int) -> Int {
            let now = Calendar(identifier: .gregorian).component(.year, from: Date())
            let candidates = [1900 + yy, 2000 + yy].filter { $0 <= now }
            guard let first = candidates.first else { return 1900 + yy }
            guard let ref = yearFor(passage: k, sentence: s)?.year else { return candidates.last ?? first }
            return candidates.min { abs($0 - ref) < abs($1 - ref) } ?? first
        }

        /// Whether a day and month (with no year) goes on from the narrative's day: within a month
        /// after it (`signed in Tokyo Bay on 2 September` after `23 August`), not a holiday named.
        func continuesNarrative(month m: Int, day d: Int) -> Bool {
            guard let a = anchor, let y = a.year, let am = a.month, let ad = a.day else { return false }
            func ordinal(_ m: Int, _ d: Int) -> Int { (1..<m).reduce(0) { $0 + DatePoint.daysIn(month: $1, year: y) } + d }
            let gap = ordinal(m, d) - ordinal(am, ad)
            return gap >= 0 && gap <= 31
        }

        /// The day of the week of a date (Sunday = 0).
        static func weekday(_ p: DatePoint) -> Int? {
            guard var y = p.year, let m = p.month, let d = p.day else { return nil }
            let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
            if m < 3 { y -= 1 }
            return (y + y / 4 - y / 100 + y / 400 + offsets[m - 1] + d) % 7
        }

        struct Resolved {
            var value: DateValue
            var kind: DateKind
            var relative: Bool
            var anchorable: Bool
            var from: String?
        }

        func resolve(_ parsed: ParsedDate, text: String, passage k: Int, _ holidayContext: Bool) -> Resolved? {
            guard var r = resolveForm(parsed, text: text, passage: k, holidayContext) else { return nil }
            // `2400 8.8.45`: midnight at the end of a day is the next day's 00:00.
            if r.value.first.hour == 24, !r.value.isRange, var p = r.value.first.addingDays(1) {
                p.hour = 0
                p.minute = r.value.first.minute ?? 0
                r.value = DateValue(p)
            }
            return r
        }

        func resolveForm(_ parsed: ParsedDate, text: String, passage k: Int, _ holidayContext: Bool) -> Resolved? {
            let kind: DateKind = parsed.hypothetical ? .other : .event
            let s = parsed.sentence
            switch parsed.raw.form {
            case .publication(let p):
                return Resolved(value: DateValue(p), kind: .publication, relative: false, anchorable: false, from: text)
            case .dateline(let p):
                guard let (q, from) = complete(p, text: text, passage: k, sentence: s) else { return nil }
                return Resolved(value: DateValue(q), kind: .publication, relative: p.year == nil, anchorable: true, from: from)
            case .point(let p):
                if p.year == nil, let m = p.month, let d = p.day, holidayContext,
                   DateLexicon.recurringDays.contains(m * 100 + d), !continuesNarrative(month: m, day: d) {
                    return Resolved(value: DateValue(DatePoint(year: nil, month: m, day: d)), kind: .other,
                                    relative: false, anchorable: false, from: nil)
                }
                guard let (q, from) = complete(p, text: text, passage: k, sentence: s) else { return nil }
                return Resolved(value: DateValue(q), kind: kind, relative: p.year == nil, anchorable: true, from: from)
            case .range(var a, var b):
                if b.month == nil, b.day != nil { b.month = a.month }
                if a.year == nil { a.year = b.year }
                if b.year == nil { b.year = a.year }
                guard let (qa, from) = complete(a, text: text, passage: k, sentence: s),
                      var (qb, _) = complete(b, text: text, passage: k, sentence: s) else { return nil }
                if qb.year == nil { qb.year = qa.year }
                let v = DateValue(from: qa, to: qb)
                guard v.lowerBound <= v.upperBound else { return nil }
                return Resolved(value: v, kind: kind, relative: a.year == nil, anchorable: true, from: from)
            case .numeric(let a, let b, let y, let digits, let dotted, let hour, let minute):
                let year = digits == 4 ? y : century(y, passage: k, sentence: s)
                // day first where the numbers say so, or the dots (the European order), or the
                // document's other dates; else the reading whose month is the narrative's.
                var readings: [(day: Int, month: Int)] = []
                if a > 12 { readings = [(a, b)] } else if b > 12 { readings = [(b, a)] } else if dotted || slashOrder > 0 {
                    readings = [(a, b)]
                } else if slashOrder < 0 {
                    readings = [(b, a)]
                } else if let m = anchor?.month, (a == m) != (b == m) {
                    readings = b == m ? [(a, b)] : [(b, a)]
                }
                guard let r = readings.first else { return nil }
                let p = DatePoint(year: year, month: r.month, day: r.day, hour: hour, minute: hour == nil ? nil : minute)
                guard p.isValid else { return nil }
                return Resolved(value: DateValue(p), kind: kind, relative: false, anchorable: true, from: text)
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
                return p.isValid ? Resolved(value: DateValue(p), kind: kind, relative: false, anchorable: true, from: text) : nil
            case .relativeDay(let n):
                guard let a = anchor, a.day != nil, let p = a.addingDays(n) else { return nil }
                return Resolved(value: DateValue(p), kind: kind, relative: true, anchorable: true, from: anchorFrom)
            case .relativeDayTime(let n, let h, let m):
                guard let a = anchor, a.day != nil, var p = a.addingDays(n) else { return nil }
                p.hour = h
                p.minute = m
                return Resolved(value: DateValue(p), kind: kind, relative: true, anchorable: true, from: anchorFrom)
            case .relativeTime(let h, let m):
                guard let a = anchor, a.day != nil else { return nil }
                // After a night (`the night from the 8th to the 9th`), one o'clock is the 9th's.
                var p = (h < 6 ? anchorNightEnd : nil)?.dayOnly ?? a.dayOnly
                p.hour = h
                p.minute = m
                return Resolved(value: DateValue(p), kind: kind, relative: true, anchorable: true, from: anchorFrom)
            case .campaignDay(let n):
                guard let s = campaignStart, let p = s.addingDays(n - 1) else { return nil }
                return Resolved(value: DateValue(p), kind: kind, relative: true, anchorable: true, from: campaignStartFrom)
            case .loneDay(let d):
                // Only in a narrative told day by day, a few days on from the anchor.
                guard let a = anchor, let ad = a.day, let y = a.year, let m = a.month, d >= ad, d <= ad + 10
                else { return nil }
                let p = DatePoint(year: y, month: m, day: d)
                return p.isValid ? Resolved(value: DateValue(p), kind: kind, relative: true, anchorable: true, from: anchorFrom) : nil
            case .newsDay(let n):
                guard let r = news ?? documentNews ?? entry, let p = r.point.dayOnly.addingDays(n) else { return nil }
                return Resolved(value: DateValue(p), kind: kind, relative: true, anchorable: true, from: r.from)
            case .newsWeekday(let d):
                // the last such day on or before the report's date; in a sentence about the future, the next
                guard let r = news ?? documentNews, let w = Resolver.weekday(r.point),
                      let p = r.point.dayOnly.addingDays(parsed.future ? ((d - w + 6) % 7) + 1 : -((w - d + 7) % 7))
                else { return nil }
                return Resolved(value: DateValue(p), kind: kind, relative: true, anchorable: true, from: r.from)
            case .dottedDays(let from, let to, let month, let y, let digits):
                var year: Int
                var yearFrom = text
                if let y {
                    year = digits == 4 ? y : century(y, passage: k, sentence: s)
                } else {
                    guard dottedDates > 0, let (yy, f) = yearFor(passage: k, sentence: s) else { return nil }
                    year = yy
                    yearFrom = f
                }
                let b = DatePoint(year: year, month: month, day: to)
                guard b.isValid else { return nil }
                if let from {
                    let a = DatePoint(year: year, month: month, day: from)
                    guard a.isValid else { return nil }
                    return Resolved(value: DateValue(from: a, to: b), kind: kind, relative: y == nil, anchorable: true,
                                    from: yearFrom)
                }
                return Resolved(value: DateValue(b), kind: kind, relative: y == nil, anchorable: true, from: yearFrom)
            case .yearsLater(let n):
                guard let y = lastYear else { return nil }
                return Resolved(value: DateValue(DatePoint(year: y + n)), kind: kind, relative: true, anchorable: true,
                                from: text)
            case .narrativeMonth:
                guard let a = anchor, let y = a.year, let m = a.month else { return nil }
                return Resolved(value: DateValue(DatePoint(year: y, month: m)), kind: kind, relative: true,
                                anchorable: true, from: anchorFrom)
            case .yearsAgoToday(let n):
                guard let r = news ?? documentNews, let y = r.point.year else { return nil }
                var p = r.point.dayOnly
                p.year = y - n
                guard p.isValid else { return nil }
                return Resolved(value: DateValue(p), kind: kind, relative: true, anchorable: true, from: text)
            case .yearsAgo(let n):
                guard let r = news ?? documentNews, let y = r.point.year else { return nil }
                return Resolved(value: DateValue(DatePoint(year: y - n)), kind: kind, relative: true, anchorable: true,
                                from: text)
            }
        }

        /// A date in brackets (`Nomonhan [1939]`, `(1896–1974)`, `(born 12 May 1898)`), a year in a
        /// subordinate aside (`who had fought there in 1939`, `as a young colonel in 1919`), or a date
        /// in a person's life story (`born on 1 December 1896`): background to the narrative.
        static func isBackground(_ raw: RawDate, _ tk: DateTokenizer) -> Bool {
            let t = tk.tokens
            // (a long run with no full stop is read near the date only: no scan grows with the text)
            let s = max(tk.sentenceOf[raw.first], raw.first - 80)
            let coarse = raw.isCoarse
            // `the defeat of 1904`, `the war of 1904-05`: a year naming a past event, not the time told
            if coarse, raw.first >= 2, t[raw.first - 1].lower == "of", t[raw.first - 2].isLowercaseWord,
               !DateLexicon.timeNouns.contains(t[raw.first - 2].lower) {
                return true
            }
            var depth = 0
            var j = raw.first - 1
            var clauseStart: Int?
            while j >= s {
                if t[j].kind == .punct {
                    switch t[j].text {
                    case ")", "]": depth += 1
                    case "(", "[":
                        if depth == 0 {
                            if coarse { return true }
                            // a full date in brackets: background only in a life story
                            for k in (j + 1)..<raw.first where t[k].kind == .word
                                && DateLexicon.biographyWords.contains(t[k].lower) { return true }
                            if clauseStart == nil { clauseStart = j + 1 }
                        } else {
                            depth -= 1
                        }
                    case ",", ";", ":", "—", "–":
                        if clauseStart == nil { clauseStart = j + 1 }
                    case "-":
                        if clauseStart == nil, t[j].spaceBefore, j + 1 < t.count, t[j + 1].spaceBefore { clauseStart = j + 1 }
                    default: break
                    }
                }
                j -= 1
            }
            let c = clauseStart ?? s
            var firstWord = true
            for k in c..<raw.first where t[k].kind == .word {
                if DateLexicon.biographyWords.contains(t[k].lower) { return true }
                if firstWord {
                    // (`Where were you in the summer of 1945?` asks; it subordinates nothing)
                    if coarse, DateLexicon.subordinators.contains(t[k].lower), !asks(from: k, raw, tk) { return true }
                    firstWord = false
                }
            }
            return false
        }

        /// Whether the clause at k is a question (`Where were you in the summer of 1945?`): a
        /// question word, an auxiliary verb after it, and a question mark closing the sentence.
        static func asks(from k: Int, _ raw: RawDate, _ tk: DateTokenizer) -> Bool {
            let t = tk.tokens
            guard ["where", "when", "who", "which", "whom", "whose"].contains(t[k].lower), k + 1 < raw.first,
                  t[k + 1].kind == .word, DateLexicon.questionAuxiliaries.contains(t[k + 1].lower) else { return false }
            var j = raw.last + 1
            let s = tk.sentenceOf[raw.first]
            while j < t.count, j - raw.last < 40, tk.sentenceOf[j] == s {
                if t[j].kind == .punct, t[j].text == "?" { return true }
                j += 1
            }
            return false
        }

        /// A year opening its sentence, perhaps after `In`, `During`, `In the summer of`.
        static func framesSentence(_ raw: RawDate, _ tk: DateTokenizer) -> Bool {
            let t = tk.tokens
            let s = tk.sentenceOf[raw.first]
            var k = s
            while k < raw.first {
                guard t[k].kind == .word ? DateLexicon.framingWords.contains(t[k].lower)
                        : (t[k].kind == .punct && (t[k].text == "-" || DateTokenizer.openers.contains(t[k].text)))
                else { return false }
                k += 1
            }
            return true
        }

        /// Whether a date opening a passage is a heading of its own (`12th.`, `August 10:`, a line
        /// to itself): a diary's entry, not the first words of a sentence (`April 17 the Pact was…`).
        static func standsAlone(_ text: String, after end: Int) -> Bool {
            for s in text.unicodeScalars.dropFirst(end).prefix(4) {
                if s == " " { continue }
                return s == "." || s == ":" || s == "\n" || s == "—" || s == "–"
            }
            return true
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

        /// A plan, an order, a forecast, a condition: a cue word shortly before the date in its sentence,
        /// a deadline right before it (`before sunset on`), or `plan` right after it in the same phrase
        /// (`the 1933 operational plan`).
        static func isHypothetical(_ raw: RawDate, _ tk: DateTokenizer) -> Bool {
            let t = tk.tokens
            let s = tk.sentenceOf[raw.first]
            // `by noon on 20 August`: a deadline within the expression
            if ["before", "by"].contains(t[raw.first].lower), raw.first + 1 < t.count,
               DateLexicon.deadlineCues.contains(t[raw.first + 1].lower) { return true }
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
