import Foundation

/// A mention of a place, formation or front in a text.
public struct EntityMention: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case place, unit, front }
    public let kind: Kind
    /// Gazetteer or order-of-battle id.
    public let id: String
    /// The text as it stands.
    public let surface: String
    /// Scalar offsets into the text, end exclusive.
    public let start: Int
    public let end: Int
    /// How sure the link is: `low` for a place name shared by several places that no context
    /// decided (see `PlaceMatcher`).
    public enum Confidence: String, Sendable, Hashable, Codable { case high, low }
    public let confidence: Confidence
    public init(kind: Kind, id: String, surface: String, start: Int, end: Int, confidence: Confidence = .high) {
        self.kind = kind
        self.id = id
        self.surface = surface
        self.start = start
        self.end = end
        self.confidence = confidence
    }
}

/// Finds mentions of places, formations and fronts in any text.
///
/// Rules, all general:
/// - names match whole words, case- and diacritic-insensitively (`Khalkhin-Gol` = `Khalkhin Gol`);
///   a word boundary is also where a lower-case letter meets an upper-case one (`YanjiAttack`) or a
///   letter meets a digit; a short all-capitals name (`US`) matches only in capitals;
/// - formations are found first, by grammar (a number and a type, `124 sd`, `Japanese Fifth Army`:
///   FormationGrammar.swift, sides and links in FormationLinking.swift) and by name, and mask the
///   words they cover, so `Heilongjiang fleet` is a unit and not the river, and `first front army of
///   the Far East` is a front and not a place;
/// - at each position the longest name wins;
/// - two ordinals joined by `and` before a plural (`the first and fifth group armies`) name two
///   formations;
/// - a name shared by several places (`Boli`, `Heilongjiang`) or formations (`first front army`)
///   is resolved by each candidate's context cues (words in the same sentence, up to 6 words
///   before and 3 after), else by its default reading.
public struct EntityLinker: Sendable {
    public let data: CuratedData

    enum Target: Sendable, Hashable { case place(String), unit(String) }

    struct Name: Sendable {
        let tokens: [String]      // folded
        let exact: [String]?      // original spelling, for case-sensitive names
        let length: Int           // scalars of the written name, to break ties
        let targets: [Target]
    }

    /// Names by their first folded token, longest first.
    let unitNames: [String: [Name]]
    /// Curated place names (the generated ones are searched in their resource, `PlaceMatcher.swift`).
    let curatedPlaces: PlaceMatcher
    /// (ordinal value, head tokens) -> unit ids, for coordinated ordinals.
    let ordinalHeads: [OrdinalKey: [String]]
    let heads: [[String]]
    /// Place id -> theatre front ids (objectives and the places within them).
    let frontsOfPlace: [String: [String]]
    /// The order of battle as the formation grammar sees it.
    let formationIndex: FormationIndex
    /// All names by their search tokens, for alias-aware search.
    public let aliasIndex: AliasIndex

    struct OrdinalKey: Hashable, Sendable { let n: Int; let head: [String] }

    public init(data: CuratedData) {
        self.data = data
        func build(_ entries: [(Target, [String])]) -> [String: [Name]] {
            var byKey: [[String]: (exact: [String]?, length: Int, targets: [Target])] = [:]
            for (target, names) in entries {
                for written in names {
                    let writtenScalars = Array(written.unicodeScalars)
                    let toks = LinkTokenizer.tokens(writtenScalars)
                    guard !toks.isEmpty else { continue }
                    let folded = toks.map(\.folded)
                    let caseSensitive = toks.count == 1 && EntityLinker.isCaseSensitive(written)
                    var key = folded
                    let raw = toks[0].raw(writtenScalars)
                    if caseSensitive { key = ["\u{1}" + raw] }  // never equal to a folded key
                    var e = byKey[key] ?? (caseSensitive ? [raw] : nil, written.unicodeScalars.count, [])
                    if !e.targets.contains(target) { e.targets.append(target) }
                    byKey[key] = e
                }
            }
            var out: [String: [Name]] = [:]
            for (key, e) in byKey {
                let tokens = e.exact == nil ? key : [Tokenizer.fold(e.exact![0])]
                out[tokens[0], default: []].append(Name(tokens: tokens, exact: e.exact, length: e.length, targets: e.targets))
            }
            for k in out.keys {
                out[k]!.sort { ($0.tokens.count, $0.length) > ($1.tokens.count, $1.length) }
            }
            return out
        }
        // A formation's name that the grammar reads as that formation (`5th Army`, `36th group
        // army`) is left to the grammar, which reads its side from the text.
        let fi = FormationIndex(units: data.orderOfBattle.units)
        formationIndex = fi
        let unitEntries = data.orderOfBattle.units.map { u in (u, u.names.filter { !fi.grammarCovers($0, unit: u) }) }
        unitNames = build(unitEntries.map { (.unit($0.0.id), $0.1) })
        curatedPlaces = PlaceMatcher(curated: data.gazetteer.places, gazetteer: data.gazetteer)

        var oh: [OrdinalKey: [String]] = [:]
        var hs: Set<[String]> = []
        for (u, names) in unitEntries {
            for written in names {
                let toks = LinkTokenizer.tokens(written).map(\.folded)
                guard toks.count >= 2, let n = Ordinal.value(toks[0]) else { continue }
                let head = Array(toks.dropFirst())
                let key = OrdinalKey(n: n, head: head)
                if !(oh[key]?.contains(u.id) ?? false) { oh[key, default: []].append(u.id) }
                hs.insert(head)
            }
        }
        ordinalHeads = oh
        heads = hs.sorted { $0.count > $1.count }

        var fp: [String: [String]] = [:]
        for t in data.axes.theatres {
            for a in t.axes {
                for o in a.objectives where !(fp[o]?.contains(t.front) ?? false) { fp[o, default: []].append(t.front) }
            }
        }
        frontsOfPlace = fp
        aliasIndex = AliasIndex(data: data)
    }

    /// A short name written in capitals (`US`, `UK`) matches only in capitals: folded, it would
    /// be a common word.
    public static func isCaseSensitive(_ written: String) -> Bool {
        written.unicodeScalars.count <= 4
            && written.unicodeScalars.allSatisfy { !$0.isLowercaseFast }
            && written.unicodeScalars.contains { $0.isUppercaseFast }
    }

    /// Linker over the default curated data (built once per process); a clear error when the
    /// data files cannot be found or read.
    public static func shared() throws(CuratedDataError) -> EntityLinker { try cachedShared.get() }
    private static let cachedShared: Result<EntityLinker, CuratedDataError> = CuratedData.shared.map { EntityLinker(data: $0) }

    // MARK: - Finding mentions

    /// Every mention in `text`, in text order.
    public func mentions(in text: String) -> [EntityMention] {
        let scalars = Array(text.unicodeScalars)
        let toks = LinkTokenizer.tokens(scalars)
        if toks.isEmpty { return [] }
        var masked = [Bool](repeating: false, count: toks.count)
        var found: [(Int, Int, Target)] = []  // token range lo..<hi, target

        // 1. Formations (and fronts): by grammar and by name (FormationLinking.swift).
        var frontIDs: Set<String> = []
        for (lo, hi, id, isFront) in findFormations(toks, scalars, masked: &masked) {
            found.append((lo, hi, .unit(id)))
            if isFront { frontIDs.insert(id) }
        }
        found.sort { $0.0 < $1.0 }
        // 2. Places on the words left (PlaceMatcher.swift).
        let places = placeMentions(toks, scalars, masked: masked)
        let units = found.map { lo, hi, target in
            let s = toks[lo].start, e = toks[hi - 1].end
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[s..<e])
            switch target {
            case .place(let id):
                return EntityMention(kind: .place, id: id, surface: String(v), start: s, end: e)
            case .unit(let id):
                return EntityMention(kind: frontIDs.contains(id) ? .front : .unit, id: id, surface: String(v), start: s, end: e)
            }
        }
        if places.isEmpty { return units }
        return (units + places).sorted { $0.start < $1.start }
    }

    func longest(in table: [String: [Name]], _ toks: [LinkToken], _ scalars: [Unicode.Scalar], at i: Int, masked: [Bool]) -> (Int, Name)? {
        guard let candidates = table[toks[i].folded] else { return ocrSplit(in: table, toks, scalars, at: i, masked: masked) }
        outer: for name in candidates {
            let n = name.tokens.count
            guard i + n <= toks.count else { continue }
            for k in 0..<n {
                if masked[i + k] || toks[i + k].folded != name.tokens[k] { continue outer }
            }
            if let exact = name.exact, toks[i].raw(scalars) != exact[0] { continue }
            return (n, name)
        }
        return nil
    }

    /// A name whose first word an OCR'd page split in two (`Kwan tung Army`, `Vladi vostok`): a
    /// capitalised piece, a space, a lower-case piece, together the name's first word (at least
    /// six letters). Returns the tokens it spans (one more than the name has).
    func ocrSplit(in table: [String: [Name]], _ toks: [LinkToken], _ scalars: [Unicode.Scalar], at i: Int, masked: [Bool]) -> (Int, Name)? {
        guard i + 1 < toks.count, !masked[i + 1], toks[i].end < toks[i + 1].start,
              scalars[toks[i].start].isUppercaseFast, scalars[toks[i + 1].start].isLowercaseFast,
              toks[i].folded.count + toks[i + 1].folded.count >= 6,
              toks[i].folded.allSatisfy(\.isLetter), toks[i + 1].folded.allSatisfy(\.isLetter),
              let candidates = table[toks[i].folded + toks[i + 1].folded] else { return nil }
        outer: for name in candidates where name.exact == nil {
            let n = name.tokens.count
            guard i + 1 + n <= toks.count else { continue }
            for k in 1..<max(1, n) where masked[i + 1 + k] || toks[i + 1 + k].folded != name.tokens[k] { continue outer }
            return (n + 1, name)
        }
        return nil
    }

    /// `first and fifth group armies` -> two formations; returns the token ranges and the next index.
    func coordinated(_ toks: [LinkToken], at i: Int) -> ([(Int, Int, String)], Int)? {
        // `and` first: the cheapest test, false at almost every word.
        guard i + 3 < toks.count, toks[i + 1].folded == "and", let n1 = Ordinal.value(toks[i].folded),
              let n2 = Ordinal.value(toks[i + 2].folded) else { return nil }
        for head in heads {
            let plural = Ordinal.plural(head)
            guard i + 3 + plural.count <= toks.count else { continue }
            var ok = true
            for k in 0..<plural.count where toks[i + 3 + k].folded != plural[k] { ok = false; break }
            guard ok, let c1 = ordinalHeads[OrdinalKey(n: n1, head: head)],
                  let c2 = ordinalHeads[OrdinalKey(n: n2, head: head)] else { continue }
            // Two formations named together are of the same side (`first and third front armies`
            // are Japanese area armies when the third is).
            let side = { (id: String) in self.data.orderOfBattle.unit(id: id)?.side }
            var u1 = c1[0], u2 = c2[0]
            outer: for a in c1 { for b in c2 where side(a) == side(b) { u1 = a; u2 = b; break outer } }
            let end = i + 3 + plural.count
            return ([(i, i + 1, u1), (i + 2, end, u2)], end)
        }
        return nil
    }

    /// Choose among places (or formations) sharing a name by the context cues around the mention.
    func resolve(_ targets: [Target], _ toks: [LinkToken], _ scalars: [Unicode.Scalar], lo: Int, hi: Int) -> Target {
        // The window: up to 6 words before and 3 after, not crossing a sentence end.
        var window: [String] = []
        var k = lo - 1
        while k >= 0, lo - k <= 6, !LinkTokenizer.sentenceBreak(scalars, from: toks[k].end, to: toks[k + 1].start) {
            window.append(toks[k].folded); k -= 1
        }
        k = hi
        while k < toks.count, k - hi < 3, !LinkTokenizer.sentenceBreak(scalars, from: toks[k - 1].end, to: toks[k].start) {
            window.append(toks[k].folded); k += 1
        }
        var best: Target? = nil
        var bestScore = 0
        var fallback: Target? = nil
        for t in targets {
            let c: ContextCues?
            switch t {
            case .place(let id): c = data.gazetteer.place(id: id)?.cues
            case .unit(let id): c = data.orderOfBattle.unit(id: id)?.cues
            }
            let cues = Set((c?.words ?? []).map { Tokenizer.fold($0) })
            let score = window.filter { cues.contains($0) }.count
            if score > bestScore { bestScore = score; best = t }
            if c?.default == true, fallback == nil { fallback = t }
        }
        return best ?? fallback ?? targets[0]
    }

    // MARK: - Annotation

    /// Names of the places, formations and fronts a sentence mentions (each once, in text order).
    /// The fronts come from the formations mentioned (their front); where no mentioned formation
    /// has a front, from the axes on which the places mentioned lie.
    public func annotate(_ sentence: String) -> (places: [String], units: [String], fronts: [String]) {
        let ids = annotateIDs(sentence)
        return (ids.places.compactMap { data.gazetteer.place(id: $0)?.name },
                ids.units.compactMap { formation(id: $0)?.name },
                ids.fronts.compactMap { formation(id: $0)?.name })
    }

    /// As `annotate`, with the ids as well (what the events carry).
    public func annotation(_ sentence: String) -> EventExtractor.Annotation {
        let ids = annotateIDs(sentence)
        var places: [String] = [], placeIDs: [String] = []
        for id in ids.places {
            guard let p = data.gazetteer.place(id: id) else { continue }
            places.append(p.name)
            placeIDs.append(id)
        }
        func named(_ list: [String]) -> (names: [String], ids: [String]) {
            var names: [String] = [], kept: [String] = []
            for id in list {
                guard let f = formation(id: id) else { continue }
                names.append(f.name)
                kept.append(id)
            }
            return (names, kept)
        }
        let units = named(ids.units), fronts = named(ids.fronts)
        return (places, units.names, fronts.names, placeIDs, units.ids, fronts.ids)
    }

    /// As `annotate`, with ids instead of names.
    public func annotateIDs(_ sentence: String) -> (places: [String], units: [String], fronts: [String]) {
        var places: [String] = [], units: [String] = [], fronts: [String] = []
        func add(_ x: String, _ list: inout [String]) { if !list.contains(x) { list.append(x) } }
        for m in mentions(in: sentence) {
            switch m.kind {
            case .place: add(m.id, &places)
            case .unit: add(m.id, &units)
            case .front: add(m.id, &fronts)
            }
        }
        for u in units {
            if let f = data.orderOfBattle.unit(id: u)?.front { add(f, &fronts) }
        }
        if fronts.isEmpty {
            for p in places {
                for a in data.gazetteer.ancestry(of: p) {
                    for f in frontsOfPlace[a] ?? [] { add(f, &fronts) }
                }
            }
        }
        return (places, units, fronts)
    }

    /// Front ids of the theatres whose axes have this place (or a place it lies within) as objective.
    public func fronts(ofPlace id: String) -> [String] {
        var out: [String] = []
        for a in data.gazetteer.ancestry(of: id) {
            for f in frontsOfPlace[a] ?? [] where !out.contains(f) { out.append(f) }
        }
        return out
    }
}

/// A word for linking: like `Tokenizer`'s tokens, also split where lower case meets upper case
/// (`YanjiAttack`) and where a letter is followed by a digit (`Москве5`).
struct LinkToken: Sendable {
    let folded: String
    let start: Int
    let end: Int
    /// The token as written.
    func raw(_ scalars: [Unicode.Scalar]) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[start..<end])
        return String(v)
    }
}

enum LinkTokenizer {
    static func tokens(_ text: String) -> [LinkToken] { tokens(Array(text.unicodeScalars)) }

    static func tokens(_ scalars: [Unicode.Scalar]) -> [LinkToken] {
        var out: [LinkToken] = []
        out.reserveCapacity(scalars.count / 5)
        var start = -1
        var allASCII = true
        func flush(_ end: Int) {
            if start >= 0 && end > start {
                let folded: String
                if allASCII {
                    // Fast path: lower-case the bytes straight into the string.
                    folded = String(unsafeUninitializedCapacity: end - start) { buf in
                        for k in start..<end {
                            let b = UInt8(truncatingIfNeeded: scalars[k].value)
                            buf[k - start] = b >= 0x41 && b <= 0x5A ? b + 32 : b
                        }
                        return end - start
                    }
                } else {
                    var v = String.UnicodeScalarView()
                    v.append(contentsOf: scalars[start..<end])
                    folded = Tokenizer.fold(String(v))
                }
                if !folded.isEmpty { out.append(LinkToken(folded: folded, start: start, end: end)) }
            }
            start = -1
            allASCII = true
        }
        @inline(__always) func isLower(_ s: Unicode.Scalar) -> Bool {
            s.value < 0x80 ? (s.value >= 0x61 && s.value <= 0x7A) : s.isLowercaseFast
        }
        @inline(__always) func isUpper(_ s: Unicode.Scalar) -> Bool {
            s.value < 0x80 ? (s.value >= 0x41 && s.value <= 0x5A) : s.isUppercaseFast
        }
        @inline(__always) func isLetter(_ s: Unicode.Scalar) -> Bool {
            s.value < 0x80 ? ((s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A) : s.properties.isAlphabetic
        }
        @inline(__always) func isDigit(_ s: Unicode.Scalar) -> Bool {
            s.value < 0x80 ? (s.value >= 0x30 && s.value <= 0x39) : s.properties.numericType != nil
        }
        for i in scalars.indices {
            let s = scalars[i]
            if Tokenizer.isTokenScalar(s) {
                if start >= 0, i > 0 {
                    let p = scalars[i - 1]
                    // lower->Upper (`YanjiAttack`) and letter->digit (`Москве5`) are word boundaries.
                    if (isLower(p) && isUpper(s)) || (isLetter(p) && isDigit(s)) { flush(i) }
                }
                if start < 0 { start = i }
                if s.value >= 0x80 { allASCII = false }
            } else {
                flush(i)
            }
        }
        flush(scalars.count)
        return out
    }

    /// Whether the gap between two words ends a sentence (., !, ? or ; followed by a space or a line end).
    static func sentenceBreak(_ scalars: [Unicode.Scalar], from a: Int, to b: Int) -> Bool {
        guard a < b else { return false }
        for k in a..<b {
            let s = scalars[k]
            if s == "\n" { return true }
            if s == "." || s == "!" || s == "?" || s == ";" || s == "。" {
                if k + 1 >= scalars.count || scalars[k + 1] == " " || scalars[k + 1] == "\n" || scalars[k + 1] == "\"" || scalars[k + 1] == "”" { return true }
            }
        }
        return false
    }
}

enum Ordinal {
    static let words: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
        "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
        "nineteenth": 19, "twentieth": 20,
    ]

    /// 5 for `fifth`, `5th`; nil for anything else.
    static func value(_ folded: String) -> Int? {
        if let v = words[folded] { return v }
        for suffix in ["st", "nd", "rd", "th"] where folded.hasSuffix(suffix) {
            let digits = folded.dropLast(2)
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return Int(digits) }
        }
        return nil
    }

    /// `group army` -> `group armies`; `front` -> `fronts`.
    static func plural(_ head: [String]) -> [String] {
        guard let last = head.last else { return head }
        var p = head
        if last == "corps" { return p }
        if last.hasSuffix("y") { p[p.count - 1] = String(last.dropLast()) + "ies" } else { p[p.count - 1] = last + "s" }
        return p
    }
}
