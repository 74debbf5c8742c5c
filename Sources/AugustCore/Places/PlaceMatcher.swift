import Foundation

/// Finds place names in a text: the curated gazetteer (`gazetteer.json`) and the generated one
/// (`gazetteer-geonames.tsv`, GeoNames), as one table of names keyed by their letters only.
///
/// Matching, all general:
/// - a name is compared on its folded letters with spaces, hyphens, apostrophes and dots left out
///   (`Mutanchiang` = `Mu-tan-chiang` = `Mu-Tan-Chiang`), over whole words of the text: the walk
///   joins a text word to the next only where the joined letters begin a known name (a token trie);
///   a Han/Kana run is also searched inside (`塔路に上陸` holds `塔路`);
/// - the curated names win over generated ones; the longest name wins at a position;
/// - a place name followed by a non-place head noun (`Pacific War`, `Trans-Baikal Command`,
///   `Kwantung Army`) is not a place mention;
/// - a town followed by `fortified area|region` (optionally after a bracketed aside:
///   `Koton (Haramitog) fortified area`) is its curated fortified area where there is one;
/// - a generated name must be written with a capital letter, and is not a place after a title
///   (`General`, `Marshal`...); a generated name that is also an English word or a person's name
///   (marked by the generator), or that stands next to an unknown capitalised word (`Yamada Otozo`),
///   needs place context: a preposition of place before it, a place-type word after it, or
///   another place in the same sentence (not when it opens the sentence);
/// - a generated name shared by several places is resolved by distance to the other places the
///   text names, else by a much larger population, else by lying in the campaign's region (a
///   low-confidence link), else it is left unlinked.
final class PlaceMatcher: @unchecked Sendable {
    struct Candidate: Sendable {
        let id: String
        let lat: Double?
        let lon: Double?
        let population: Int
        let needsContext: Bool
        var capital = false
        /// A capital or a city of half a million: known far beyond its region.
        var isMajor: Bool { capital || population >= 500_000 }
    }

    struct Entry: Sendable {
        /// Curated ids (resolved by their cues) or generated candidates, never both.
        var curated: [String] = []
        var generated: [Candidate] = []
        /// A case-sensitive name (`US`): the exact spelling.
        var exact: String? = nil
        /// The letters begin a longer name (the walk joins the next word).
        var isPrefix = false
        var isName: Bool { !curated.isEmpty || !generated.isEmpty }
    }

    private(set) var entries: [String: Entry] = [:]
    /// Joined keys of the words a name begins with (for names of several words).
    private(set) var prefixes: Set<String> = []
    /// Longest Han/Kana name, in scalars.
    private(set) var longestCJK = 0

    static func joinedKey(_ written: String) -> (key: String, prefixes: [String])? {
        // ASCII fast path (most names): letters and digits lower-cased, a prefix at every word end
        // (where `LinkTokenizer` would end a word).
        var utf8 = written.utf8
        if let r = utf8.withContiguousStorageIfAvailable({ b -> (String, [String])? in
            var key: [UInt8] = [], pre: [String] = []
            key.reserveCapacity(b.count)
            var prevKind = 0  // 0 none, 1 lower, 2 upper, 3 digit
            for c in b {
                guard c < 0x80 else { return nil }
                let kind = (c >= 0x61 && c <= 0x7A) ? 1 : (c >= 0x41 && c <= 0x5A) ? 2 : (c >= 0x30 && c <= 0x39) ? 3 : 0
                if kind == 0 {
                    if prevKind != 0 { pre.append(String(decoding: key, as: UTF8.self)) }
                } else {
                    if (prevKind == 1 && kind == 2) || ((prevKind == 1 || prevKind == 2) && kind == 3) {
                        pre.append(String(decoding: key, as: UTF8.self))
                    }
                    key.append(kind == 2 ? c + 32 : c)
                }
                prevKind = kind
            }
            guard !key.isEmpty else { return ("", []) }
            let k = String(decoding: key, as: UTF8.self)
            return (k, pre.filter { $0 != k })
        }), let (k, pre) = r {
            return k.isEmpty ? nil : (k, pre)
        }
        _ = utf8.count
        let toks = LinkTokenizer.tokens(written)
        guard !toks.isEmpty else { return nil }
        var key = "", pre: [String] = []
        for (k, t) in toks.enumerated() {
            key += t.folded
            if k < toks.count - 1 { pre.append(key) }
        }
        return (key, pre)
    }

    /// The gazetteer (for the coordinates of curated places named by generated rows).
    let gazetteer: Gazetteer?

    /// Curated one-word names that are also common words (`china`): not a place in lower case.
    let commonWords: Set<String>

    /// The curated names (built with the linker).
    init(curated places: [Place], gazetteer: Gazetteer? = nil) {
        self.gazetteer = gazetteer
        commonWords = gazetteer?.generated.commonWordKeys() ?? []
        for p in places {
            for written in p.names {
                if EntityLinker.isCaseSensitive(written), written.unicodeScalars.count > 0 {
                    let key = "\u{1}" + written
                    var e = entries[key] ?? Entry(exact: written)
                    if !e.curated.contains(p.id) { e.curated.append(p.id) }
                    entries[key] = e
                    continue
                }
                guard let (key, pre) = Self.joinedKey(written) else { continue }
                var e = entries[key] ?? Entry()
                if !e.curated.contains(p.id) { e.curated.append(p.id) }
                entries[key] = e
                _ = pre
                // Every beginning of the letters: a text may split the name anywhere (`Mu-tan-chiang`).
                var partial = ""
                for ch in key.unicodeScalars.dropLast() { partial.unicodeScalars.append(ch); prefixes.insert(partial) }
                noteCJK(written)
            }
        }
        foldPrefixes()
    }

    /// One table for the walk: every prefix is an entry too (one look-up a word).
    private func foldPrefixes() {
        for p in prefixes {
            var e = entries[p] ?? Entry()
            e.isPrefix = true
            entries[p] = e
        }
    }

    private func noteCJK(_ written: String) {
        if written.unicodeScalars.allSatisfy(PlaceMatcher.isCJK) { longestCJK = max(longestCJK, written.unicodeScalars.count) }
    }

    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x3040...0x30FF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
            || (0xF900...0xFAFF).contains(v)
    }

    /// Whether two words may be read as one name across the gap between them: spaces (one line
    /// break at most), hyphens and dashes, apostrophes, dots.
    static func joinable(_ scalars: [Unicode.Scalar], from a: Int, to b: Int) -> Bool {
        var breaks = 0
        for k in a..<b {
            switch scalars[k] {
            case " ", "\t", "-", "‐", "‑", "–", "'", "’", "‘", "ʼ", "`", ".", "\u{00A0}": continue
            case "\n": breaks += 1; if breaks > 1 { return false }
            default: return false
            }
        }
        return true
    }

    /// Whether only spaces (one line break at most) stand between two words.
    static func spaceOnly(_ scalars: [Unicode.Scalar], from a: Int, to b: Int) -> Bool {
        guard a < b else { return false }
        var breaks = 0
        for k in a..<b {
            switch scalars[k] {
            case " ", "\t", "\u{00A0}": continue
            case "\n": breaks += 1; if breaks > 1 { return false }
            default: return false
            }
        }
        return true
    }

    /// The longest name starting at word `i` in the curated names or the generated ones
    /// (`generated`): (words, entry, generated?). The curated name wins a tie.
    func longest(_ toks: [LinkToken], _ scalars: [Unicode.Scalar], at i: Int, masked: [Bool],
                 generated: GeneratedPlaces) -> (Int, Entry, Bool)? {
        var best: (Int, Entry, Bool)? = nil
        let t0 = toks[i]
        if t0.end - t0.start <= 4, scalars[t0.start].isUppercaseFast {
            let raw = t0.raw(scalars)
            if let e = entries["\u{1}" + raw] { best = (1, e, false) }
        }
        var key = t0.folded
        var j = i
        // A generated name starts with a capital letter (or is Han/Kana): others skip that table.
        let first = scalars[t0.start]
        let useGenerated = generated.rowCount > 0
            && (first.value < 0x80 ? (first.value >= 0x41 && first.value <= 0x5A) : (first.isUppercaseFast || Self.isCJK(first)))
        // Each table is followed only along its own prefixes: a generated name is joined across
        // the text's word breaks only where its own words break (`Ben in` is not `Benin`).
        var curatedChain = true, genChain = useGenerated
        while true {
            var curatedPrefix = false
            if curatedChain, let e = entries[key] {
                if e.isName && e.exact == nil { best = (j - i + 1, e, false) }
                curatedPrefix = e.isPrefix
            }
            var genPrefix = false
            if genChain, let g = generated.lookup(key) {
                genPrefix = g.isPrefix
                if g.isName, best.map({ $0.0 < j - i + 1 }) ?? true {
                    best = (j - i + 1, entry(generated, g.rows), true)
                }
            }
            curatedChain = curatedChain && curatedPrefix
            genChain = genChain && genPrefix
            // A generated name's words are capitalised where a space parts them (`San Francisco`).
            if genChain, j + 1 < toks.count, scalars[toks[j].end..<toks[j + 1].start].contains(where: { $0 == " " || $0 == "\n" }),
               !scalars[toks[j + 1].start].isUppercaseFast { genChain = false }
            guard j + 1 < toks.count, !masked[j + 1], genPrefix || curatedPrefix,
                  Self.joinable(scalars, from: toks[j].end, to: toks[j + 1].start) else { break }
            j += 1
            key += toks[j].folded
        }
        return best
    }

    /// The entry of generated rows: curated ids for rows that add names to a curated place.
    func entry(_ g: GeneratedPlaces, _ rows: [(Int, Bool)]) -> Entry {
        var e = Entry()
        for (r, marked) in rows {
            let row = g.row(r)
            var lat = row.lat, lon = row.lon
            if row.isExtra, let p = gazetteer?.place(id: row.id) { lat = p.lat; lon = p.lon }
            let capital = row.kind == "capital"
            if let k = e.generated.firstIndex(where: { $0.id == row.id }) {
                if marked { e.generated[k] = Candidate(id: row.id, lat: lat, lon: lon, population: row.population, needsContext: true, capital: capital) }
                continue
            }
            e.generated.append(Candidate(id: row.id, lat: lat, lon: lon, population: row.population, needsContext: marked, capital: capital))
        }
        return e
    }

    /// Names inside a Han/Kana run: (scalar start, end, entry, generated?).
    func insideCJK(_ tok: LinkToken, _ scalars: [Unicode.Scalar], generated: GeneratedPlaces) -> [(Int, Int, Entry, Bool)] {
        guard tok.end - tok.start > 2 else { return [] }
        let longestName = max(longestCJK, generated.rowCount > 0 ? 8 : 0)
        var out: [(Int, Int, Entry, Bool)] = []
        var s = tok.start
        while s < tok.end - 1 {
            var hit: (Int, Entry, Bool)? = nil
            var len = min(longestName, tok.end - s)
            while len >= 2 {
                if (s..<(s + len)).allSatisfy({ Self.isCJK(scalars[$0]) }) {
                    var v = String.UnicodeScalarView()
                    v.append(contentsOf: scalars[s..<(s + len)])
                    let key = String(v)
                    if let e = entries[key], e.isName { hit = (len, e, false); break }
                    if let g = generated.lookup(key), g.isName { hit = (len, entry(generated, g.rows), true); break }
                }
                len -= 1
            }
            if let (len, e, gen) = hit { out.append((s, s + len, e, gen)); s += len } else { s += 1 }
        }
        return out
    }
}

/// Words of place context (all folded).
enum PlaceContext {
    static let prepositions: Set<String> = ["in", "at", "near", "to", "from", "toward", "towards", "of", "via", "into", "outside", "around", "reached", "captured", "occupied", "entered", "took"]
    static let placeTypes: Set<String> = [
        "river", "rivers", "mountains", "mountain", "mount", "range", "ridge", "bay", "lake", "island", "islands",
        "peninsula", "strait", "city", "town", "village", "county", "province", "prefecture", "district", "station",
        "port", "harbour", "harbor", "pass", "valley", "plain", "plateau", "airfield", "airport", "railway",
        "junction", "region", "area", "sector", "heights", "hill", "hills", "fortress", "garrison", "bridge", "gulf",
        "cape", "coast", "shi", "xian", "zhen", "gol", "ling", "shan", "he", "jiang",
    ]
    /// A place name followed by one of these heads names something else (`Pacific War`).
    static let nonPlaceHeads: Set<String> = [
        "war", "wars", "front", "fronts", "army", "armies", "command", "commands", "fleet", "fleets", "flotilla",
        "flotillas", "corps", "division", "divisions", "brigade", "brigades", "regiment", "regiments", "battalion",
        "battalions", "military", "group", "detachment", "squadron", "squadrons",
    ]
    static let titles: Set<String> = [
        "general", "gen", "marshal", "marshall", "colonel", "col", "lieutenant", "lt", "major", "maj", "captain", "capt",
        "admiral", "adm", "sergeant", "sgt", "commander", "cmdr", "mr", "mrs", "ms", "dr", "prince", "princess",
        "emperor", "empress", "premier", "president", "minister", "ambassador", "comrade", "lord", "sir", "private",
        "commissar", "chairman", "baron", "count", "professor", "prof", "saint", "st",
    ]
    /// Verbs of speech after a name: the name is a person's.
    static let speech: Set<String> = ["said", "says", "told", "wrote", "writes", "recalled", "stated", "argued",
                                      "claimed", "noted", "explained", "asked", "replied", "ordered", "reported"]
    static let fortified: Set<String> = ["fortified", "fortification"]
    static let fortifiedHeads: Set<String> = ["area", "areas", "region", "regions", "district", "zone"]
    /// Curated kinds whose coordinates are a place's own (a region's or a river's are only a
    /// representative point): only these help to choose among namesakes.
    static let pointKinds: Set<String> = ["city", "town", "port", "airfield", "shrine", "fortified-area", "island", "lake", "bay"]
    /// Distance within which another place the text names supports a reading (km).
    static let nearKm = 1_500.0
    /// The campaign's region, the prior for a name no context decides (Manchuria, Korea's north,
    /// Sakhalin, the Kurils, eastern Mongolia).
    static func inCampaignRegion(_ lat: Double?, _ lon: Double?) -> Bool {
        guard let lat, let lon else { return false }
        return (38.0...56.0).contains(lat) && (112.0...157.0).contains(lon)
    }
}

func distanceKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
    let r = Double.pi / 180
    let a = sin((lat2 - lat1) * r / 2), b = sin((lon2 - lon1) * r / 2)
    let h = a * a + cos(lat1 * r) * cos(lat2 * r) * b * b
    return 6371 * 2 * asin(min(1, sqrt(h)))
}

extension EntityLinker {
    struct PlaceHit {
        var start: Int, end: Int
        var lo: Int, hi: Int          // words
        var entry: PlaceMatcher.Entry
        var generated: Bool
        var id: String? = nil
        var low = false
        var needsNeighbour = false
    }

    /// The place mentions among the words formations left.
    func placeMentions(_ toks: [LinkToken], _ scalars: [Unicode.Scalar], masked: [Bool]) -> [EntityMention] {
        let gen = data.gazetteer.generated
        var hits: [PlaceHit] = []
        var i = 0
        while i < toks.count {
            if masked[i] { i += 1; continue }
            if let (len, e, generated) = curatedPlaces.longest(toks, scalars, at: i, masked: masked, generated: gen) {
                hits.append(PlaceHit(start: toks[i].start, end: toks[i + len - 1].end, lo: i, hi: i + len, entry: e, generated: generated))
                i += len
                continue
            }
            if scalars[toks[i].start].value >= 0x3040 {
                for (s, e, entry, generated) in curatedPlaces.insideCJK(toks[i], scalars, generated: gen) {
                    hits.append(PlaceHit(start: s, end: e, lo: i, hi: i + 1, entry: entry, generated: generated))
                }
            }
            i += 1
        }
        if hits.isEmpty { return [] }

        // Whether two neighbouring words are in one sentence (no sentence break between them).
        func sameSentence(_ a: Int, _ b: Int) -> Bool {
            a >= 0 && b < toks.count && !LinkTokenizer.sentenceBreak(scalars, from: toks[a].end, to: toks[b].start)
        }
        func isCapitalised(_ k: Int) -> Bool {
            let s = scalars[toks[k].start]
            return s.isUppercaseFast || (s.value >= 0x80 && s.properties.generalCategory == .titlecaseLetter)
        }
        let curatedStarts = Set(hits.filter { !$0.generated }.map(\.lo))
        let curatedEnds = Set(hits.filter { !$0.generated }.map(\.hi))

        var kept: [PlaceHit] = []
        for var h in hits {
            let next = h.hi < toks.count && sameSentence(h.hi - 1, h.hi) ? toks[h.hi].folded : nil
            let prev = h.lo > 0 && sameSentence(h.lo - 1, h.lo) ? toks[h.lo - 1].folded : nil
            // A non-place head noun after the name: not a place.
            // (Inside a longer capitalised title, `"Far East War Situation"`, the title is a
            // document's name, in which a place counts.)
            if let next, PlaceContext.nonPlaceHeads.contains(next) {
                let k = h.hi + 1
                let titleGoesOn = k < toks.count && sameSentence(k - 1, k) && isCapitalised(k) && isCapitalised(h.hi)
                    && PlaceMatcher.joinable(scalars, from: toks[k - 1].end, to: toks[k].start)
                    && !PlaceContext.nonPlaceHeads.contains(toks[k].folded)
                if !titleGoesOn { continue }
            }
            if !h.generated {
                // `the good china`: a one-word name that is a common word, written in lower case.
                if h.hi - h.lo == 1, curatedPlaces.commonWords.contains(toks[h.lo].folded),
                   !scalars[h.start..<h.end].contains(where: { $0.isUppercaseFast }) { continue }
                h.id = h.entry.curated.count == 1 ? h.entry.curated[0]
                    : { if case .place(let id) = resolve(h.entry.curated.map { .place($0) }, toks, scalars, lo: h.lo, hi: h.hi) { return id }; return h.entry.curated[0] }()
                // A shared curated name (`Boli`) that no cue decided: its default reading, a guess.
                if h.entry.curated.count > 1, !cueFound(h.entry.curated, toks, scalars, lo: h.lo, hi: h.hi) { h.low = true }
                // `X fortified area`, `X (Y) fortified region`: the curated fortified area of X.
                if let (area, endWord) = fortifiedArea(of: h.id!, toks, scalars, after: h.hi) {
                    h.id = area
                    h.end = toks[endWord - 1].end
                    h.hi = endWord
                }
                kept.append(h)
                continue
            }
            // Generated names.
            let isCJKName = PlaceMatcher.isCJK(scalars[h.start])
            // Part of a hyphenated word (`Yeh` in `Yeh-ho`): not this name.
            if !isCJKName {
                func hyphen(_ a: Int, _ b: Int) -> Bool { b - a == 1 && (scalars[a] == "-" || scalars[a] == "‐") }
                if h.lo > 0, hyphen(toks[h.lo - 1].end, toks[h.lo].start) { continue }
                if h.hi < toks.count, hyphen(toks[h.hi - 1].end, toks[h.hi].start) { continue }
            }
            if !isCJKName && !isCapitalised(h.lo) { continue }
            // A title one or two words before (`General X`, `Gen. Otozo X`; the abbreviation's full
            // stop does not end the sentence here).
            if h.lo >= 1, PlaceContext.titles.contains(toks[h.lo - 1].folded) { continue }
            if h.lo >= 2, PlaceContext.titles.contains(toks[h.lo - 2].folded), isCapitalised(h.lo - 1),
               PlaceMatcher.spaceOnly(scalars, from: toks[h.lo - 1].end, to: toks[h.lo].start) { continue }
            let typeAfter = next.map { PlaceContext.placeTypes.contains($0) } ?? false
            let prepBefore = prev.map { PlaceContext.prepositions.contains($0) } ?? false
            // Next to a capitalised word that is not a curated place (a person's name: `Sato
            // Shangwu`, `Yamada Otozo`; a title in capitals: `Told to More People`): needs context.
            var personLike = false
            if !isCJKName {
                if next != nil, !typeAfter, isCapitalised(h.hi), !curatedStarts.contains(h.hi),
                   PlaceMatcher.spaceOnly(scalars, from: toks[h.hi - 1].end, to: toks[h.hi].start) { personLike = true }
                if prev != nil, isCapitalised(h.lo - 1), !curatedEnds.contains(h.lo),
                   !(h.lo - 1 == 0 || !sameSentence(h.lo - 2, h.lo - 1)),
                   PlaceMatcher.spaceOnly(scalars, from: toks[h.lo - 1].end, to: toks[h.lo].start) { personLike = true }
            }
            // `according to X`, `X said`: a person (unless X is a city: `Moscow said`).
            let small = h.entry.generated.allSatisfy { $0.population < 100_000 }
            if small, let prev, prev == "to", h.lo >= 2, toks[h.lo - 2].folded == "according" { continue }
            if small, let next, PlaceContext.speech.contains(next) { continue }
            // A small place far from the campaign's region is more likely a namesake (a Japanese
            // surname is often a town's name): it needs context too.
            let remoteSmall = h.entry.generated.allSatisfy { $0.population < 20_000 && !PlaceContext.inCampaignRegion($0.lat, $0.lon) }
            let flagged = h.entry.generated.contains { $0.needsContext } || personLike || remoteSmall
            if h.entry.generated.contains(where: { $0.needsContext }) && personLike { continue }
            // A word-like name written all in capitals (a heading, a placeholder: `--from DATE`):
            // only a place-type word after it vouches for it.
            if flagged, !typeAfter, h.end - h.start > 1, !scalars[h.start..<h.end].contains(where: { $0.isLowercaseFast }) { continue }
            if flagged && !(prepBefore || typeAfter) {
                let opensSentence = h.lo == 0 || !sameSentence(h.lo - 1, h.lo)
                if opensSentence || personLike { continue }
                h.needsNeighbour = true
            }
            kept.append(h)
        }

        // Resolve generated names: anchors are the places already certain (points, not
        // countries, regions or rivers), each with its first word.
        var anchorsAt: [(Int, (Double, Double))] = []
        let anyGenerated = kept.contains(where: \.generated)
        for h in kept where anyGenerated && (!h.generated || (h.entry.generated.count == 1 && !h.needsNeighbour)) {
            if !h.generated {
                if let p = data.gazetteer.place(id: h.id!), PlaceContext.pointKinds.contains(p.kind), let la = p.lat, let lo = p.lon {
                    anchorsAt.append((h.lo, (la, lo)))
                }
            } else if let g = h.entry.generated.first, let la = g.lat, let lo = g.lon {
                anchorsAt.append((h.lo, (la, lo)))
            }
        }
        var out: [PlaceHit] = []
        for var h in kept {
            if h.generated {
                let anchors = anchorsAt.filter { $0.0 != h.lo }.map(\.1)
                let cands = h.entry.generated
                if cands.count == 1 {
                    // One reading, far from every other place the text names, and not a large
                    // city: a namesake (`Mulin` near Linkou is not Mörön in Mongolia).
                    let c = cands[0]
                    if let la = c.lat, let lo = c.lon, !c.isMajor, !anchors.isEmpty,
                       !anchors.contains(where: { distanceKm(la, lo, $0.0, $0.1) < PlaceContext.nearKm }) { continue }
                    h.id = cands[0].id
                } else if let pick = resolveGenerated(cands, anchors: anchors) {
                    h.id = pick.0.id
                    h.low = pick.1
                } else {
                    continue
                }
            }
            out.append(h)
        }
        // A name that needs a neighbour: another place in the same sentence. A reading far from
        // the campaign's region takes no neighbour's word for it (Moscow, the Soviet Union or
        // Potsdam in a sentence about a minister do not make `Molotov` a city's name): only a
        // preposition of place or a place-type word, checked above.
        if out.contains(where: \.needsNeighbour) {
            var sentence = [Int](repeating: 0, count: toks.count)
            for k in 1..<max(1, toks.count) { sentence[k] = sentence[k - 1] + (sameSentence(k - 1, k) ? 0 : 1) }
            out = out.filter { h in
                guard h.needsNeighbour else { return true }
                let reading = h.entry.generated.first { $0.id == h.id }
                let far = !PlaceContext.inCampaignRegion(reading?.lat, reading?.lon)
                guard !far else { return false }
                return out.contains { o in !o.needsNeighbour && o.lo != h.lo && sentence[o.lo] == sentence[h.lo] }
            }
        }
        return out.map { h in
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[h.start..<h.end])
            return EntityMention(kind: .place, id: h.id!, surface: String(v), start: h.start, end: h.end,
                                 confidence: h.low ? .low : .high)
        }
    }

    /// Whether a context cue of any of these curated places stands near the mention (the window of
    /// `resolve`: up to 6 words before and 3 after, within the sentence).
    func cueFound(_ ids: [String], _ toks: [LinkToken], _ scalars: [Unicode.Scalar], lo: Int, hi: Int) -> Bool {
        var cues: Set<String> = []
        for id in ids { for w in data.gazetteer.place(id: id)?.cues?.words ?? [] { cues.insert(Tokenizer.fold(w)) } }
        if cues.isEmpty { return false }
        var k = lo - 1
        while k >= 0, lo - k <= 6, !LinkTokenizer.sentenceBreak(scalars, from: toks[k].end, to: toks[k + 1].start) {
            if cues.contains(toks[k].folded) { return true }
            k -= 1
        }
        k = hi
        while k < toks.count, k - hi < 3, !LinkTokenizer.sentenceBreak(scalars, from: toks[k - 1].end, to: toks[k].start) {
            if cues.contains(toks[k].folded) { return true }
            k += 1
        }
        return false
    }

    /// One of several generated places sharing a name, and whether the choice is a low-confidence one.
    func resolveGenerated(_ cands: [PlaceMatcher.Candidate], anchors: [(Double, Double)]) -> (PlaceMatcher.Candidate, Bool)? {
        // 0. Where the text names other places, a reading far from all of them (and not a large
        //    city) is out.
        var cands = cands
        if !anchors.isEmpty {
            cands = cands.filter { c in
                guard let la = c.lat, let lo = c.lon, !c.isMajor else { return true }
                return anchors.contains { distanceKm(la, lo, $0.0, $0.1) < PlaceContext.nearKm }
            }
            if cands.isEmpty { return nil }
            if cands.count == 1 {
                // The only reading left: sure when it is near another place named, else a guess.
                let c = cands[0]
                let near = c.lat.flatMap { la in c.lon.map { lo in anchors.contains { distanceKm(la, lo, $0.0, $0.1) < 400 } } } ?? false
                return (c, !near && !c.isMajor)
            }
        }
        // Namesakes close together (a town and its district, a station and its county) are one
        // place to a reader: the largest.
        let largest = cands.max { $0.population < $1.population }!
        if let la = largest.lat, let lo = largest.lon,
           cands.allSatisfy({ c in c.lat.flatMap { a in c.lon.map { distanceKm(la, lo, a, $0) < 60 } } ?? false }) {
            return (largest, false)
        }
        // 1. The nearest to the other places the text names, if clearly nearer.
        if !anchors.isEmpty {
            let scored = cands.map { c -> (PlaceMatcher.Candidate, Double) in
                guard let la = c.lat, let lo = c.lon else { return (c, .infinity) }
                return (c, anchors.map { distanceKm(la, lo, $0.0, $0.1) }.min() ?? .infinity)
            }.sorted { $0.1 < $1.1 }
            if scored[0].1 < 400, scored[1].1 >= 2 * scored[0].1 + 50 { return (scored[0].0, false) }
        }
        // 2. The only one in the campaign's region, or else a much larger place: a guess, marked
        //    as such (low confidence).
        let inRegion = cands.filter { PlaceContext.inCampaignRegion($0.lat, $0.lon) }
        if inRegion.count == 1 { return (inRegion[0], true) }
        let byPop = (inRegion.isEmpty ? cands : inRegion).sorted { $0.population > $1.population }
        if byPop[0].isMajor, byPop[0].population >= 10 * max(1, byPop[1].population) { return (byPop[0], false) }
        if byPop[0].population >= 10_000, byPop[0].population >= 10 * max(1, byPop[1].population) { return (byPop[0], true) }
        return nil
    }

    /// The curated fortified area of place `id` when the words after it say `fortified area|region`
    /// (after an optional bracketed aside); returns the area's id and the word after the phrase.
    func fortifiedArea(of id: String, _ toks: [LinkToken], _ scalars: [Unicode.Scalar], after hi: Int) -> (String, Int)? {
        var k = hi
        guard k < toks.count else { return nil }
        // A bracketed aside: `Koton (Haramitog) fortified area`.
        if scalars[toks[k - 1].end..<toks[k].start].contains("(") {
            var j = k
            while j < toks.count, j - k < 4, !scalars[toks[j].end..<(j + 1 < toks.count ? toks[j + 1].start : toks[j].end)].contains(")") { j += 1 }
            guard j < toks.count, j - k < 4 else { return nil }
            k = j + 1
        }
        guard k + 1 < toks.count, PlaceContext.fortified.contains(toks[k].folded),
              PlaceContext.fortifiedHeads.contains(toks[k + 1].folded) else { return nil }
        guard let area = data.gazetteer.places.first(where: { $0.kind == "fortified-area" && $0.within == id }) else { return nil }
        return (area.id, k + 2)
    }
}
