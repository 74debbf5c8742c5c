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
        let data = linker.data
        var order: [String: Int] = [:]
        for (i, p) in corpus.passages.enumerated() { order[p.id] = i }

        // Place id (and every place it lies within) -> dated statements naming it.
        var dated: [String: [ObjectiveDate]] = [:]
        for span in spans {
            guard let passage = corpus.passage(id: span.passageID) else { continue }
            let text = passage.text.scalarSlice(span.start, span.end)
            let prefix = passage.text.scalarSlice(0, span.start)
            let line = passage.lineStart + prefix.unicodeScalars.filter { $0 == "\n" }.count
            var seen: Set<String> = []
            for m in linker.mentions(in: text) where m.kind == .place {
                for id in data.gazetteer.ancestry(of: m.id) where seen.insert(id).inserted {
                    dated[id, default: []].append(ObjectiveDate(dateStart: span.dateStart, dateEnd: span.dateEnd,
                        passageID: span.passageID, documentID: passage.documentID, line: line))
                }
            }
        }
        var named: [String: [String]] = [:]
        for pm in linker.mentions(in: corpus) where pm.mention.kind == .place {
            for id in data.gazetteer.ancestry(of: pm.mention.id) where named[id]?.last != pm.passageID {
                if !(named[id]?.contains(pm.passageID) ?? false) { named[id, default: []].append(pm.passageID) }
            }
        }
        let theatres = data.axes.theatres.map { t in
            TheatreReport(theatre: t, front: data.orderOfBattle.unit(id: t.front), axes: t.axes.map { a in
                AxisReport(axis: a, units: a.units.compactMap { data.orderOfBattle.unit(id: $0) },
                           objectives: a.objectives.compactMap { id in
                    guard let place = data.gazetteer.place(id: id) else { return nil }
                    var ds = Array(Set(dated[id] ?? []))
                    ds.sort { ($0.dateStart, order[$0.passageID] ?? 0, $0.line) < ($1.dateStart, order[$1.passageID] ?? 0, $1.line) }
                    return Objective(place: place, dates: ds, passages: named[id] ?? [])
                })
            })
        }
        return FrontsReport(theatres: theatres)
    }
}

/// A stand-in source of dated statements until the events model is wired in: each sentence with
/// an explicit day of a month (`August 9, 1945`, `9 August 1945`, `August 9`, `on the 14th`,
/// `on the 16th and 17th`, `on the afternoon of the 10th`) becomes a span. A day without a month takes the month and year of the
/// last explicit date before it in the same document; a date without a year the last year seen.
/// No other forms are read. (The events issue provides the real tagger; the lead replaces this
/// seam with spans made from events.)
public enum ProvisionalDatedSpans {
    static let months = ["january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
                         "august": 8, "september": 9, "october": 10, "november": 11, "december": 12]

    public static func spans(in corpus: Corpus) -> [DatedSpan] {
        var out: [DatedSpan] = []
        for doc in corpus.documents {
            var month: Int? = nil, year: Int? = nil
            for p in doc.passages {
                let scalars = Array(p.text.unicodeScalars)
                for (s, e) in sentences(scalars) {
                    var v = String.UnicodeScalarView(); v.append(contentsOf: scalars[s..<e])
                    let sentence = String(v)
                    let toks = Tokenizer.tokens(sentence).map(\.folded)
                    var days: [(Int?, Int)] = []  // (explicit month, day)
                    var k = 0
                    while k < toks.count {
                        let t = toks[k]
                        if let m = months[t], k + 1 < toks.count, let d = Int(toks[k + 1]), (1...31).contains(d) {
                            // `August 9` / `August 9, 1945`
                            if let y = k + 2 < toks.count ? Int(toks[k + 2]) : nil, (1900...2100).contains(y) { year = y }
                            month = m; days.append((m, d)); k += 2; continue
                        }
                        if let d = Int(t), (1...31).contains(d), k + 1 < toks.count, let m = months[toks[k + 1]] {
                            // `9 August 1945`
                            if let y = k + 2 < toks.count ? Int(toks[k + 2]) : nil, (1900...2100).contains(y) { year = y }
                            month = m; days.append((m, d)); k += 2; continue
                        }
                        if t == "the", k + 1 < toks.count, k > 0,
                           ["on", "since", "by", "until"].contains(toks[k - 1])
                            || (k > 1 && toks[k - 1] == "of" && ["morning", "afternoon", "evening", "night"].contains(toks[k - 2])),
                           let d = ordinalDay(toks[k + 1]) {
                            days.append((nil, d)); k += 2
                            if k + 1 < toks.count, toks[k] == "and", let d2 = ordinalDay(toks[k + 1]) { days.append((nil, d2)); k += 2 }
                            continue
                        }
                        k += 1
                    }
                    guard let mo = month, let y = year, !days.isEmpty else { continue }
                    let isos = days.map { String(format: "%04d-%02d-%02d", y, $0.0 ?? mo, $0.1) }
                    out.append(DatedSpan(passageID: p.id, start: s, end: e, dateStart: isos.min()!, dateEnd: isos.max()!))
                }
            }
        }
        return out
    }

    static func ordinalDay(_ t: String) -> Int? {
        guard t.count >= 3, ["st", "nd", "rd", "th"].contains(String(t.suffix(2))), let d = Int(t.dropLast(2)), (1...31).contains(d) else { return nil }
        return d
    }

    /// Sentence ranges of a passage (split after . ! ? followed by a space or the end).
    static func sentences(_ scalars: [Unicode.Scalar]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var start = 0
        for i in scalars.indices where scalars[i] == "." || scalars[i] == "!" || scalars[i] == "?" || scalars[i] == "\n" {
            if i + 1 == scalars.count || scalars[i + 1] == " " || scalars[i + 1] == "\n" {
                if i + 1 > start { out.append((start, i + 1)) }
                start = i + 1
                while start < scalars.count, scalars[start] == " " || scalars[start] == "\n" { start += 1 }
            }
        }
        if start < scalars.count { out.append((start, scalars.count)) }
        return out
    }
}
