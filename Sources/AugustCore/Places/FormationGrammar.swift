import Foundation

// Formations by grammar: a number and a type (`5th Army`, `124 sd`, `Japanese Fifth Army`,
// `16th A of the 2nd Far East. fr.`), with qualifiers and coordinated forms, then a side read
// from the text. A found formation whose side, type and number match an order-of-battle entry is
// linked to it; any other keeps a stable synthesized id (`soviet-rifle-division-124`) that
// `EntityLinker.formation(id:)` resolves.

/// What the grammar recognises as one formation: its type, number and qualifiers, and a side.
public struct FormationKey: Sendable, Hashable {
    /// `soviet`, `japanese`, `manchukuo`, `mongolian`, `mengjiang`, `chinese`, `american`,
    /// `british`, `german` or `unknown`.
    public var side: String
    /// front, front-army (the Chinese translations' 方面军, a Soviet front or a Japanese area army),
    /// army, area-army, corps, division, brigade, regiment, battalion, fortified-region, flotilla,
    /// fleet, detachment, group.
    public var type: String
    /// rifle, infantry, tank, mechanized, cavalry, air, shock, motor-rifle, mixed… (nil: none said).
    public var branch: String?
    public var number: Int
    /// A front's proper name (`far-eastern`, `ukrainian`).
    public var name: String?
    /// guards, red-banner, separate, independent (sorted).
    public var qualifiers: [String]

    /// `soviet-guards-tank-army-6`, `japanese-area-army-5`, `unknown-division-124`.
    public var id: String {
        ([side] + qualifiers + [name, branch].compactMap { $0 } + [type, String(number)]).joined(separator: "-")
    }

    /// `6th Guards Tank Army`, `124th Rifle Division`, `1st Far Eastern Front`.
    public var displayName: String {
        let words = (qualifiers + [name, branch].compactMap { $0 } + [type]).map(FormationKey.title)
        return ([FormationKey.ordinal(number)] + words).joined(separator: " ")
    }

    /// `tank-army`, `rifle-division`, `area-army`.
    public var kind: String { branch.map { "\($0)-\(type)" } ?? type }

    static let types = ["fortified-region", "area-army", "front-army", "army-group", "front", "army", "corps", "division", "brigade",
                        "regiment", "battalion", "flotilla", "fleet", "detachment", "group", "unit"]
    static let qualifierWords: Set<String> = ["guards", "red-banner", "separate", "independent"]
    static let frontNames: Set<String> = ["far-eastern", "transbaikal", "ukrainian", "belorussian", "baltic", "karelian"]

    /// The key an id was made from (nil for an id that is not a synthesized one).
    public init?(id: String) {
        var parts = id.split(separator: "-").map(String.init)
        guard parts.count >= 3, let n = Int(parts.removeLast()), FormationLexicon.sides.contains(parts[0]) else { return nil }
        side = parts.removeFirst()
        number = n
        let rest = parts.joined(separator: "-")
        guard let t = FormationKey.types.first(where: { rest == $0 || rest.hasSuffix("-" + $0) }) else { return nil }
        type = t
        var head = rest == t ? "" : String(rest.dropLast(t.count + 1))
        var q: [String] = []
        while let w = FormationKey.qualifierWords.sorted().first(where: { head == $0 || head.hasPrefix($0 + "-") }) {
            q.append(w)
            head = head == w ? "" : String(head.dropFirst(w.count + 1))
        }
        qualifiers = q
        name = nil
        if let f = FormationKey.frontNames.first(where: { head == $0 || head.hasPrefix($0 + "-") }) {
            name = f
            head = head == f ? "" : String(head.dropFirst(f.count + 1))
        }
        branch = head.isEmpty ? nil : head
    }

    public init(side: String, type: String, branch: String?, number: Int, name: String?, qualifiers: [String]) {
        self.side = side; self.type = type; self.branch = branch; self.number = number; self.name = name
        self.qualifiers = qualifiers.sorted()
    }

    static func title(_ w: String) -> String {
        w.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }

    /// `Soviet`, `Japanese`, `unknown`.
    static func sideName(_ s: String) -> String { s == "unknown" ? s : s.prefix(1).uppercased() + s.dropFirst() }
}

/// A formation of the order of battle or one found by the grammar, as `EntityLinker.formation(id:)`
/// gives it.
public struct FormationRef: Sendable, Hashable {
    public let id: String
    /// The curated name, else the synthesized one (`124th Rifle Division`).
    public let name: String
    /// `Soviet`, `Japanese`, `Manchukuo`… as in the order of battle; `unknown` when the text does not say.
    public let side: String
    /// The curated kind (`tank-army`), else type with branch (`rifle-division`).
    public let kind: String
    /// The base type (`army`, `division`), nil for a curated entry whose name has no number.
    public let type: String?
    public let number: Int?
    /// Order-of-battle ids of the front and parent (curated entries only).
    public let front: String?
    public let parent: String?
    public let commander: String?
    /// True for an order-of-battle entry, false for one found by the grammar only.
    public let curated: Bool
    public var isFront: Bool { kind == "front" }
}

/// One phrase the grammar read: one formation, or several coordinated ones (`the 5th and 35th Armies`).
struct FormationPhrase {
    /// Token range of the whole phrase (with the qualifiers before the number).
    var lo: Int, hi: Int
    /// One per formation: its token range and number.
    var items: [(lo: Int, hi: Int, number: Int)]
    var type: String
    var branch: String?
    var name: String?
    var qualifiers: [String]
    /// A nationality word in the phrase (`Japanese Fifth Army`).
    var explicitSide: String?
    /// The side the type exists on only (Front, Rifle Corps, Guards: Soviet; Area Army: Japanese).
    var impliedSide: String?
    /// A side the type leans to (`infantry division`: the Japanese style in these texts).
    var weakSide: String?
    /// How the number was written: writers tell same-numbered formations apart by it
    /// (`the Japanese Fifth Army` and `the Soviet 5th Army`).
    var style: FormationGrammar.NumberStyle = .digits
    /// Written with an abbreviation (`5 A`, `124 sd`), another way of telling formations apart.
    var abbreviated = false
}

enum FormationLexicon {
    static let sides: Set<String> = ["soviet", "japanese", "manchukuo", "mongolian", "mengjiang", "chinese",
                                     "american", "british", "german", "unknown"]

    /// Nationality words and what they say.
    static let nationality: [String: String] = englishNationality.merging(Russian.folded(Russian.nationality)) { a, _ in a }
    static let englishNationality: [String: String] = [
        "soviet": "soviet", "soviets": "soviet", "russian": "soviet", "russians": "soviet", "ussr": "soviet",
        "japanese": "japanese", "japan": "japanese", "kwantung": "japanese", "kanto": "japanese", "nippon": "japanese",
        "manchukuo": "manchukuo", "manchukuoan": "manchukuo",
        "mongolian": "mongolian", "mongol": "mongolian", "mpr": "mongolian",
        "chinese": "chinese", "american": "american", "german": "german", "british": "british",
    ]

    /// Nouns after which a nationality word names a place, not a side that is there (`the Mongolian
    /// border`, `the Japanese coast`, `Soviet territory`).
    static let geographyNouns: Set<String> = [
        "border", "borders", "frontier", "frontiers", "coast", "coasts", "shore", "shores", "territory", "territories",
        "soil", "steppe", "steppes", "mainland", "islands", "waters", "borderland", "borderlands",
    ]

    /// Words that mark two sides opposed between a cue and a mention (`Soviet tanks attacked the 124th Division`).
    static let opposition: Set<String> = [
        "against", "attack", "attacked", "attacking", "attacks", "defeated", "destroyed", "routed", "repulsed", "repelled",
        "encircled", "surrounded", "faced", "facing", "opposed", "opposing", "engaged", "fought", "resisted", "resisting",
        "resistance", "captured", "overran", "broke", "smashed", "crushed", "enemy", "versus", "vs", "defeat", "pursued",
        "annihilated", "disarmed", "surrender", "surrendered", "invaded", "invasion", "struck", "stormed", "assaulted",
        "breaking", "break", "defense", "defence", "defenses", "defences", "destroying", "smashing", "encircling",
    ]

    /// Verbs of the attacking side (in August 1945, the Soviet) and of the defending one.
    static let offensive: Set<String> = [
        "crossed", "captured", "occupied", "took", "seized", "entered", "advanced", "attacked", "launched", "landed",
        "liberated", "stormed", "overran", "pushed", "broke", "offensive", "advancing", "attacking", "crossing",
        "sneaked", "conquered", "invaded", "struck", "assaulted",
    ]
    static let defensive: Set<String> = [
        "defended", "defending", "defense", "defence", "held", "garrison", "garrisoned", "surrendered", "capitulated",
        "withdrew", "retreated", "resisted", "evacuated", "abandoned", "disarmed", "defenders", "retreating", "withdrawing",
        "counterattacked", "counterattack",
    ]

    static let ordinalWords: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
        "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
        "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
        "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    ]
    static let tens: [String: Int] = ["twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                                      "seventy": 70, "eighty": 80, "ninety": 90]

    /// The words a phrase may start with (besides figures and Roman numerals).
    static let startWords: Set<String> = Set(ordinalWords.keys).union(tens.keys).union(nationality.keys).union(["guards"]).union(Russian.guards)

    /// For each two-letter prefix (a-z), a bit per length of the start words that have it.
    static let startPrefixes: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 26 * 26)
        for w in startWords {
            let b = Array(w.utf8)
            guard b.count >= 2, b.count < 32, b[0] >= 0x61, b[0] <= 0x7A, b[1] >= 0x61, b[1] <= 0x7A else { continue }
            t[Int(b[0] - 0x61) * 26 + Int(b[1] - 0x61)] |= 1 << UInt32(b.count)
        }
        return t
    }()

    static let references: Set<String> = ["page", "p", "pp", "chapter", "ch", "table", "figure", "fig", "section", "sec",
                                          "article", "art", "item", "no", "number", "vol", "volume", "part", "plate", "map",
                                          "appendix", "annex", "note", "line", "row", "step", "grade", "class", "room", "route"]

    static let months: Set<String> = ["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                                      "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]

    /// Type words (singular, plural) -> type.
    /// Russian type words in any case or number (`армия`, `армии`): singular or plural.
    static let russianTypes: [String: String] = Russian.folded(Russian.types)
    static let typeWords: [String: (type: String, plural: Bool)] = [
        "front": ("front", false), "fronts": ("front", true),
        "army": ("army", false), "armies": ("army", true),
        "corps": ("corps", false),
        "division": ("division", false), "divisions": ("division", true), "div": ("division", false), "divn": ("division", false),
        "brigade": ("brigade", false), "brigades": ("brigade", true), "bde": ("brigade", false), "brig": ("brigade", false),
        "regiment": ("regiment", false), "regiments": ("regiment", true), "regt": ("regiment", false), "rgt": ("regiment", false),
        "battalion": ("battalion", false), "battalions": ("battalion", true), "bn": ("battalion", false),
        "flotilla": ("flotilla", false), "flotillas": ("flotilla", true),
        "fleet": ("fleet", false), "fleets": ("fleet", true),
        "detachment": ("detachment", false), "detachments": ("detachment", true),
        "group": ("group", false), "groups": ("group", true),
    ]

    /// Abbreviations of Soviet-style texts (after a number in figures): type, branch, implied side.
    static let abbreviations: [String: (type: String, branch: String?, side: String?)] = englishAbbreviations.merging(Russian.folded(Russian.abbreviations)) { a, _ in a }
    static let englishAbbreviations: [String: (type: String, branch: String?, side: String?)] = [
        "sd": ("division", "rifle", "soviet"), "gsd": ("division", "rifle", "soviet"), "td": ("division", "tank", "soviet"),
        "kd": ("division", "cavalry", "soviet"), "pd": ("division", "infantry", nil), "msd": ("division", "motor-rifle", "soviet"),
        "sk": ("corps", "rifle", "soviet"), "tk": ("corps", "tank", "soviet"), "mk": ("corps", "mechanized", "soviet"),
        "kk": ("corps", "cavalry", "soviet"), "gsk": ("corps", "rifle", "soviet"),
        "tbr": ("brigade", "tank", "soviet"), "sbr": ("brigade", "rifle", "soviet"), "msbr": ("brigade", "motor-rifle", "soviet"),
        "mbr": ("brigade", "mechanized", "soviet"), "gtbr": ("brigade", "tank", "soviet"),
        "sp": ("regiment", "rifle", "soviet"), "tp": ("regiment", "tank", "soviet"),
    ]
    /// Abbreviations that are matched only as written in capitals (`5 A`, `105 UR`, `1 DVF`).
    static let capitalAbbreviations: [String: (type: String, branch: String?, name: String?)] = englishCapitalAbbreviations.merging(Russian.capitalAbbreviations) { a, _ in a }
    static let englishCapitalAbbreviations: [String: (type: String, branch: String?, name: String?)] = [
        "A": ("army", nil, nil), "TA": ("army", "tank", nil), "VA": ("army", "air", nil), "UA": ("army", "shock", nil),
        "UR": ("fortified-region", nil, nil), "DVF": ("front", nil, "far-eastern"), "DF": ("front", nil, "far-eastern"),
        "ZabF": ("front", nil, "transbaikal"), "ZBF": ("front", nil, "transbaikal"),
    ]

    /// Branch words -> branch (and the side that has it alone).
    static let branches: [String: (branch: String, side: String?)] = englishBranches.merging(Russian.folded(Russian.branches)) { a, _ in a }
    static let englishBranches: [String: (branch: String, side: String?)] = [
        "rifle": ("rifle", "soviet"), "sniper": ("rifle", "soviet"), "infantry": ("infantry", nil),
        "tank": ("tank", nil), "tanks": ("tank", nil), "armoured": ("tank", nil), "armored": ("tank", nil), "panzer": ("tank", "german"),
        "mechanized": ("mechanized", nil), "mechanised": ("mechanized", nil), "motorized": ("motorized", nil),
        "motorised": ("motorized", nil), "cavalry": ("cavalry", nil), "air": ("air", nil), "artillery": ("artillery", nil),
        "airborne": ("airborne", nil), "marine": ("marine", nil), "naval": ("naval", nil), "shock": ("shock", "soviet"),
        "mixed": ("mixed", "japanese"), "border": ("border", nil), "guard": ("guard", nil), "garrison": ("garrison", nil),
        "operational": ("operational", nil), "mobile": ("mobile", nil), "engineer": ("engineer", nil),
        "combined": ("combined", nil), "arms": ("arms", nil), "mountain": ("mountain", nil), "destroyer": ("destroyer", nil),
    ]

    /// Abbreviated branch words, which a period may follow.
    static let abbreviatedBranches: [String: String] = [
        "inf": "infantry", "mech": "mechanized", "mot": "motorized", "cav": "cavalry", "arty": "artillery", "rif": "rifle",
    ]

    /// Front names: the words, in order, and the name.
    static let frontNames: [([String], String)] = englishFrontNames + Russian.frontNames.map { ([Tokenizer.fold($0.0)], $0.1) }
    static let englishFrontNames: [([String], String)] = [
        (["far", "eastern"], "far-eastern"), (["far", "east"], "far-eastern"), (["transbaikal"], "transbaikal"),
        (["trans", "baikal"], "transbaikal"), (["zabaikal"], "transbaikal"), (["ukrainian"], "ukrainian"),
        (["belorussian"], "belorussian"), (["byelorussian"], "belorussian"), (["baltic"], "baltic"),
        (["karelian"], "karelian"),
    ]

    static let roman: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100]
}

enum FormationGrammar {
    enum NumberStyle { case digitOrdinal, digits, word, roman }

    /// Whether only spaces (or one hyphen) separate tokens k and k+1.
    static func joined(_ toks: [LinkToken], _ scalars: [Unicode.Scalar], _ k: Int, allowPeriod: Bool = false) -> Bool {
        let a = toks[k].end, b = toks[k + 1].start
        if b - a > 3 || b == a { return false }
        var sawPeriod = false
        for x in a..<b {
            let s = scalars[x]
            if s == " " || s == "\u{A0}" { continue }
            if s == "-" || s == "\u{2010}" || s == "\u{2011}" { continue }
            if s == ".", allowPeriod, !sawPeriod { sawPeriod = true; continue }
            return false
        }
        return true
    }

    /// The number at token k: value, style, the token after it, and whether it was written in lower case.
    static func number(_ toks: [LinkToken], _ scalars: [Unicode.Scalar], at k: Int) -> (Int, NumberStyle, Int)? {
        let f = toks[k].folded
        guard let c = f.utf8.first else { return nil }
        if c >= 0x30 && c <= 0x39 {
            var v = 0, digits = 0
            var rest = Substring(f)
            for ch in f.utf8 {
                guard ch >= 0x30 && ch <= 0x39 else { break }
                v = v * 10 + Int(ch - 0x30); digits += 1
                if digits > 4 { return nil }
            }
            rest = rest.dropFirst(digits)
            if rest.isEmpty {
                guard v > 0, !(1900...2099).contains(v) else { return nil }
                // Russian ordinals: `5-я`, `1-й`, `124-й`.
                if k + 1 < toks.count, Russian.ordinalEndings.contains(toks[k + 1].folded),
                   toks[k + 1].start == toks[k].end + 1, scalars[toks[k].end] == "-" {
                    return (v, .digitOrdinal, k + 2)
                }
                return (v, .digits, k + 1)
            }
            guard v > 0, ["st", "nd", "rd", "th"].contains(rest) else { return nil }
            return (v, .digitOrdinal, k + 1)
        }
        if let v = FormationLexicon.ordinalWords[f] { return (v, .word, k + 1) }
        if let t = FormationLexicon.tens[f], k + 1 < toks.count, joined(toks, scalars, k),
           let u = FormationLexicon.ordinalWords[toks[k + 1].folded], u < 10 {
            return (t + u, .word, k + 2)
        }
        // Roman numerals, in capitals only (`XV Corps`).
        guard f.utf8.count <= 5, f.utf8.allSatisfy({ $0 == 0x69 || $0 == 0x76 || $0 == 0x78 || $0 == 0x6C || $0 == 0x63 }) else { return nil }
        let raw = toks[k].raw(scalars)
        if raw.count <= 5, raw.allSatisfy({ FormationLexicon.roman[$0] != nil }) {
            var total = 0, prev = 0
            for ch in raw.reversed() {
                let v = FormationLexicon.roman[ch]!
                if v < prev { total -= v } else { total += v; prev = v }
            }
            if total > 0 && total < 100 { return (total, .roman, k + 1) }
        }
        return nil
    }

    static func isCapitalized(_ toks: [LinkToken], _ scalars: [Unicode.Scalar], _ k: Int) -> Bool {
        scalars[toks[k].start].isUppercaseFast
    }

    /// Cheap test: can a formation phrase start at this token? Most words fail on their first two
    /// letters and length, read from the scalars, before any hashing.
    @inline(__always) static func mayStart(_ t: LinkToken, _ scalars: [Unicode.Scalar]) -> Bool {
        let a = scalars[t.start].value
        if a >= 0x30 && a <= 0x39 { return true }
        let n = t.end - t.start
        // Roman numerals, in capitals: I, V, X, L, C only.
        if n <= 5, a == 0x49 || a == 0x56 || a == 0x58 || a == 0x4C || a == 0x43 {
            var k = t.start + 1
            while k < t.end {
                let v = scalars[k].value
                if !(v == 0x49 || v == 0x56 || v == 0x58 || v == 0x4C || v == 0x43) { break }
                k += 1
            }
            if k == t.end { return true }
        }
        guard n >= 2, n < 32 else { return false }
        if a >= 0x400 && a < 0x530 { return FormationLexicon.startWords.contains(t.folded) }  // Cyrillic
        let b0 = Int(a | 0x20) - 0x61, b1 = Int(scalars[t.start + 1].value | 0x20) - 0x61
        guard b0 >= 0, b0 < 26, b1 >= 0, b1 < 26, FormationLexicon.startPrefixes[b0 * 26 + b1] & (1 << UInt32(n)) != 0 else { return false }
        return FormationLexicon.startWords.contains(t.folded)
    }

    /// A bare ordinal coordinated after a one-formation phrase, standing for another formation of
    /// its type (`the 124th Division and the 126th`, `the 39th Army or the 53rd`): its token range
    /// and number. Not when a noun, month or `of` follows it (`the 5th Army and the 20th of August`,
    /// `the 5th Army and the 20th Rifle Corps` — a phrase of its own).
    static func elided(after p: FormationPhrase, _ toks: [LinkToken], _ scalars: [Unicode.Scalar]) -> (Int, Int, Int)? {
        guard p.items.count == 1, p.style == .digits, !p.abbreviated else { return nil }
        var k = p.hi
        guard k < toks.count, ["and", "or"].contains(toks[k].folded), joined(toks, scalars, k - 1) else { return nil }
        k += 1
        if k < toks.count, toks[k].folded == "the" { k += 1 }
        guard k < toks.count, let (n, style, next) = number(toks, scalars, at: k), style == .digitOrdinal, n != p.items[0].number else { return nil }
        if next < toks.count {
            let f = toks[next].folded
            let glued = !LinkTokenizer.sentenceBreak(scalars, from: toks[next - 1].end, to: toks[next].start)
                && !scalars[toks[next - 1].end..<toks[next].start].contains(",")
            if glued, f == "of" || FormationLexicon.months.contains(f) || FormationLexicon.typeWords[f] != nil
                || FormationLexicon.branches[f] != nil || FormationLexicon.nationality[f] != nil || isCapitalized(toks, scalars, next) {
                return nil
            }
        }
        return (k, next, n)
    }

    /// The formation phrase starting at token i, if any.
    static func parse(_ toks: [LinkToken], _ scalars: [Unicode.Scalar], at i: Int) -> FormationPhrase? {
        guard mayStart(toks[i], scalars) else { return nil }
        var k = i
        var explicit: String? = nil
        var quals: Set<String> = []
        // Qualifiers before the number: nationality (`Japanese`, `Japan's`), `Guards`.
        var pre = 0
        while k < toks.count, pre < 3 {
            let f = toks[k].folded
            if let s = FormationLexicon.nationality[f] {
                // `Japan's 5th Army`: the possessive `s` after an apostrophe.
                if k + 2 < toks.count, toks[k + 1].folded == "s", toks[k + 1].start == toks[k].end + 1,
                   scalars[toks[k].end] == "'" || scalars[toks[k].end] == "’", joined(toks, scalars, k + 1) {
                    explicit = s; k += 2; pre += 1; continue
                }
                guard k + 1 < toks.count, joined(toks, scalars, k) else { return nil }
                explicit = s; k += 1; pre += 1; continue
            }
            if f == "guards" || Russian.guards.contains(f), k + 1 < toks.count, joined(toks, scalars, k) { quals.insert("guards"); k += 1; pre += 1; continue }
            break
        }
        guard k < toks.count, let (n0, style, afterNumber) = number(toks, scalars, at: k) else { return nil }
        // A figure glued to what precedes it (`974e0044d6`, `TC26-512-A`) is part of a code.
        if (style == .digits || style == .digitOrdinal), toks[k].start > 0 {
            let p = scalars[toks[k].start - 1]
            if !(p.properties.isWhitespace || "([\"'“‘—–,:;".unicodeScalars.contains(p)) { return nil }
        }
        var items: [(lo: Int, hi: Int, number: Int)] = [(k, afterNumber, n0)]
        var j = afterNumber
        // Coordinated numbers: `5th and 35th`, `3rd, 5th and 20th`.
        var coordinated = false
        while j < toks.count {
            let f = toks[j].folded
            let comma = j > 0 && toks[j].start > toks[j - 1].end && scalars[toks[j - 1].end] == ","
            if f == "and" || f == "и" {
                guard j + 1 < toks.count, let (n, st, next) = number(toks, scalars, at: j + 1), st == style || (st != .roman && style != .roman && st != .digits && style != .digits) else { break }
                items.append((j + 1, next, n)); j = next; coordinated = true
                continue
            }
            if comma, let (n, st, next) = number(toks, scalars, at: j), st == style, st != .digits {
                items.append((j, next, n)); j = next
                continue
            }
            break
        }
        if items.count > 1 && !coordinated { return nil }
        // After the number: qualifiers, a front's name, a branch, the type.
        var name: String? = nil
        var branch: [String] = []
        var implied: String? = nil
        var weak: String? = nil
        var steps = 0
        func between(_ a: Int) -> Bool { joined(toks, scalars, a - 1, allowPeriod: false) }
        guard j < toks.count, between(j) else { return nil }
        while j < toks.count, steps < 4 {
            steps += 1
            let f = toks[j].folded
            if f == "guards" || Russian.guards.contains(f) { quals.insert("guards"); implied = "soviet"; j += 1; guard j < toks.count, between(j) else { return nil }; continue }
            if f == "red", j + 1 < toks.count, toks[j + 1].folded == "banner", between(j + 1) {
                quals.insert("red-banner"); implied = "soviet"; j += 2; guard j < toks.count, between(j) else { return nil }; continue
            }
            if Russian.redBanner.contains(f) {
                quals.insert("red-banner"); implied = "soviet"; j += 1; guard j < toks.count, between(j) else { return nil }; continue
            }
            // A nationality after the number (`124th Japanese Division`), as before it.
            if explicit == nil, let side = FormationLexicon.nationality[f], j + 1 < toks.count, between(j + 1) {
                explicit = side; j += 1; continue
            }
            if f == "separate" || f == "independent" || Russian.separate.contains(f) {
                quals.insert(Russian.separate.contains(f) ? "separate" : f); j += 1; guard j < toks.count, between(j) else { return nil }; continue
            }
            if name == nil, let (words, nm) = FormationLexicon.frontNames.first(where: { entry in
                entry.0[0] == f && entry.0.enumerated().dropFirst().allSatisfy { w, word in
                    j + w < toks.count && toks[j + w].folded == word && between(j + w)
                }
            }) {
                do {
                    name = nm; j += words.count
                    // `Far East. fr.`: a period may close the abbreviated name.
                    guard j < toks.count, joined(toks, scalars, j - 1, allowPeriod: true) else { return nil }
                    continue
                }
            }
            if let b = FormationLexicon.abbreviatedBranches[f], branch.count < 2, j + 1 < toks.count,
               joined(toks, scalars, j, allowPeriod: true) {
                // `125 inf. regt.`, `3 mech. bde`
                branch.append(b); j += 1
                continue
            }
            if let b = FormationLexicon.branches[f], branch.count < 2 {
                // `tank` alone is no type: a branch must be followed by more of the phrase.
                guard j + 1 < toks.count, between(j + 1) else { return nil }
                branch.append(b.branch)
                if let s = b.side { implied = implied ?? s }
                j += 1
                continue
            }
            break
        }
        guard j < toks.count else { return nil }
        let f = toks[j].folded
        let raw = toks[j].raw(scalars)
        var type: String
        var plural = false
        var hi = j + 1
        var typeImplied: String? = nil
        let digitsNumber = style == .digits || style == .digitOrdinal
        var abbreviated = false
        if let abbr = FormationLexicon.capitalAbbreviations[raw], digitsNumber || name != nil {
            type = abbr.type
            abbreviated = true
            if let b = abbr.branch { branch.append(b) }
            if let nm = abbr.name { name = nm }
            // The style is Soviet, the formation may be either side's (`Enemy: 1st Area Army (3 A, 5 A)`);
            // a front is Soviet.
            if abbr.type == "front" || abbr.type == "fortified-region" { typeImplied = "soviet" }
            // `5 A.` at a sentence's end is fine; `5 A Japanese…` is not an army.
            // `5 A.M.` is a time.
            if raw == "A", toks[j].end + 1 < scalars.count, scalars[toks[j].end] == ".",
               scalars[toks[j].end + 1].properties.isAlphabetic { return nil }
            if raw == "A", hi < toks.count, joined(toks, scalars, j), isCapitalized(toks, scalars, hi),
               !toks[hi].raw(scalars).unicodeScalars.allSatisfy({ $0.isUppercaseFast }),
               FormationLexicon.typeWords[toks[hi].folded] == nil { return nil }
        } else if let abbr = FormationLexicon.abbreviations[f], digitsNumber, raw == f {
            type = abbr.type
            abbreviated = true
            if let b = abbr.branch { branch.append(b) }
            typeImplied = abbr.side
        } else if f == "fr", name != nil {
            type = "front"
            abbreviated = true
        } else if name != nil, f == "army" {
            // The wartime press's `First Far Eastern Army`, `Far Eastern army group`: a front.
            type = "front"
            if hi < toks.count, toks[hi].folded == "group", between(hi) { hi += 1 }
        } else if f == "unit", !branch.isEmpty, isCapitalized(toks, scalars, j) {
            // `15th Border Garrison Unit`
            type = "unit"
        } else if let t = FormationLexicon.russianTypes[f] {
            type = t; plural = items.count > 1
        } else if let t = FormationLexicon.typeWords[f] {
            type = t.type; plural = t.plural
            if (type == "group") && hi < toks.count, ["army", "armies"].contains(toks[hi].folded), between(hi) {
                // `group army` (集团军): a Soviet army in the Chinese translations.
                type = "army"; plural = toks[hi].folded == "armies"; hi += 1; typeImplied = "soviet"
            } else if type == "front", hi < toks.count, ["army", "armies"].contains(toks[hi].folded), between(hi) {
                // `front army` (方面军): a Soviet front or a Japanese area army.
                type = "front-army"; plural = toks[hi].folded == "armies"; hi += 1
            } else if type == "group" {
                guard isCapitalized(toks, scalars, j) || !branch.isEmpty else { return nil }
            } else if type == "army", hi < toks.count, ["group", "groups"].contains(toks[hi].folded), between(hi) {
                // `2nd Army Group`: not the 2nd Army.
                type = "army-group"; plural = toks[hi].folded == "groups"; hi += 1
            }
        } else if f == "area", j + 1 < toks.count, ["army", "armies"].contains(toks[j + 1].folded), between(j + 1) {
            type = "area-army"; plural = toks[j + 1].folded == "armies"; hi = j + 2; typeImplied = "japanese"
        } else if f == "fortified", j + 1 < toks.count, ["region", "area", "regions", "areas", "district"].contains(toks[j + 1].folded), between(j + 1) {
            type = "fortified-region"; plural = toks[j + 1].folded.hasSuffix("s"); hi = j + 2; typeImplied = "soviet"
        } else {
            return nil
        }
        // An abbreviation ends the word: `tk/diffcore`, `sd-card` are not formations.
        if abbreviated, toks[hi - 1].end < scalars.count {
            let a = scalars[toks[hi - 1].end]
            if !(a.properties.isWhitespace || ".,;:)]\"'”’".unicodeScalars.contains(a)) { return nil }
        }
        // Number agreement: plural with coordination only.
        if plural != (items.count > 1) {
            if !(type == "corps" && items.count > 1) { return nil }
        }
        // A front needs its name (`the second front` is no formation).
        if type == "front" && name == nil { return nil }
        if name != nil && type != "front" && type != "front-army" { return nil }
        // Ordinals of time and rank: a spelled ordinal in lower case with a bare type word
        // (`the first army to cross`) is no formation; a compound type (`fifth group army`) is.
        let typeCapitalized = isCapitalized(toks, scalars, j)
        if style == .word && !typeCapitalized {
            // (`the first infantry regiment and the second…` reads as a description too.)
            // A nationality before it names one too (`the Japanese fifth army`).
            let compound = type == "front-army" || type == "area-army" || typeImplied != nil || !quals.isEmpty || name != nil
                || explicit != nil
            if !compound { return nil }
        }
        // `the first tank army to enter` describes, it does not name.
        if hi < toks.count, toks[hi].folded == "to", !typeCapitalized, joined(toks, scalars, hi - 1) { return nil }
        // Counts: `between 9 and 12 divisions`; coordinated figures need a written-out type in capitals.
        if items.count > 1, style == .digits, !typeCapitalized { return nil }
        if items.count > 1, i > 0, toks[i - 1].folded == "between" { return nil }
        // `1 infantry division and 1 cavalry division` counts: a figure with a type word in lower
        // case names a formation only in the abbreviated style (`124 sd`, `124 rifle div.`).
        // (`72 rifle corps`, a singular after a figure above one, is a formation's name.)
        if style == .digits, !typeCapitalized, FormationLexicon.typeWords[f] != nil, n0 == 1 || branch.isEmpty,
           !["div", "divn", "bde", "brig", "regt", "rgt", "bn"].contains(f) { return nil }
        // A cardinal after a month is a date (`August 9 Army headquarters`); after `page`, `table`…
        // a reference (`Page 5 Army logistics`).
        if style == .digits, k > 0, FormationLexicon.months.contains(toks[k - 1].folded)
            || FormationLexicon.references.contains(toks[k - 1].folded) { return nil }
        // A bare cardinal with a lower-case full type word: `5 divisions` is a count (plural, refused
        // above); `124 division` is accepted, in figures only.
        // Branch-implied sides.
        if type == "army", branch.contains("tank") || branch.contains("shock") { implied = implied ?? "soviet" }
        if type == "corps", branch.contains("infantry") {
            branch = branch.map { $0 == "infantry" ? "rifle" : $0 }  // a rifle corps, mistranslated
        }
        if branch.contains("infantry"), type == "division" || type == "regiment" { weak = "japanese" }
        if branch == ["border", "guard"] { implied = implied ?? "soviet" }
        if branch == ["border", "garrison"] || branch.contains("mixed") { implied = "japanese" }
        if type == "front" { typeImplied = "soviet" }
        let sideFromType = typeImplied ?? implied
        // `combined arms` says nothing more than `army`.
        branch.removeAll { $0 == "combined" || $0 == "arms" }
        let b = branch.isEmpty ? nil : branch.joined(separator: "-")
        var lastItem = items[items.count - 1]
        lastItem.hi = hi
        items[items.count - 1] = lastItem
        if items.count == 1 { items[0].lo = i }
        return FormationPhrase(lo: i, hi: hi, items: items, type: type, branch: b, name: name, qualifiers: quals.sorted(),
                               explicitSide: explicit, impliedSide: sideFromType, weakSide: weak, style: style == .digitOrdinal ? .digits : style, abbreviated: abbreviated)
    }
}

/// The same grammar's words in Russian (`5-я армия`, `124 сд`, `1-й Дальневосточный фронт`).
enum Russian {
    static func folded<V>(_ d: [String: V]) -> [String: V] {
        Dictionary(d.map { (Tokenizer.fold($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
    }
    static let ordinalEndings: Set<String> = ["й", "я", "е", "го", "ой", "ая", "ый", "ий", "м", "ю", "ей", "х"]
    static let guards: Set<String> = Set(["гвардейская", "гвардейский", "гвардейской", "гвардейского", "гвардейские", "гвардейских", "гвардейскую"].map(Tokenizer.fold))
    static let redBanner: Set<String> = Set(["краснознамённая", "краснознамённой", "краснознамённый", "краснознамённого",
                                             "краснознаменная", "краснознаменной", "краснознаменный", "краснознаменного"].map(Tokenizer.fold))
    static let separate: Set<String> = Set(["отдельная", "отдельный", "отдельной", "отдельного"].map(Tokenizer.fold))
    static let nationality: [String: String] = [
        "японская": "japanese", "японский": "japanese", "японской": "japanese", "японского": "japanese", "японские": "japanese",
        "японских": "japanese", "квантунская": "japanese", "квантунской": "japanese",
        "советская": "soviet", "советский": "soviet", "советской": "soviet", "советского": "soviet", "советские": "soviet",
        "советских": "soviet", "монгольская": "mongolian", "монгольской": "mongolian",
    ]
    static let types: [String: String] = [
        "армия": "army", "армии": "army", "армией": "army", "армию": "army", "армий": "army",
        "фронт": "front", "фронта": "front", "фронтом": "front", "фронту": "front", "фронты": "front", "фронтов": "front",
        "корпус": "corps", "корпуса": "corps", "корпусом": "corps", "корпусу": "corps",
        "дивизия": "division", "дивизии": "division", "дивизией": "division", "дивизию": "division", "дивизий": "division",
        "бригада": "brigade", "бригады": "brigade", "бригадой": "brigade", "бригаду": "brigade", "бригад": "brigade",
        "полк": "regiment", "полка": "regiment", "полком": "regiment", "полки": "regiment",
        "батальон": "battalion", "батальона": "battalion", "батальоном": "battalion",
        "флотилия": "flotilla", "флотилии": "flotilla", "флот": "fleet", "флота": "fleet",
        "укрепрайон": "fortified-region", "укрепрайона": "fortified-region",
    ]
    static let branches: [String: (branch: String, side: String?)] = [
        "стрелковая": ("rifle", "soviet"), "стрелковой": ("rifle", "soviet"), "стрелковый": ("rifle", "soviet"),
        "стрелкового": ("rifle", "soviet"), "стрелковые": ("rifle", "soviet"), "стрелковых": ("rifle", "soviet"),
        "танковая": ("tank", nil), "танковой": ("tank", nil), "танковый": ("tank", nil), "танкового": ("tank", nil), "танковых": ("tank", nil),
        "механизированный": ("mechanized", nil), "механизированного": ("mechanized", nil), "механизированная": ("mechanized", nil),
        "кавалерийская": ("cavalry", nil), "кавалерийской": ("cavalry", nil), "кавалерийский": ("cavalry", nil),
        "пехотная": ("infantry", nil), "пехотной": ("infantry", nil), "пехотный": ("infantry", nil), "пехотного": ("infantry", nil),
        "воздушная": ("air", nil), "воздушной": ("air", nil), "ударная": ("shock", "soviet"), "ударной": ("shock", "soviet"),
        "мотострелковая": ("motor-rifle", "soviet"), "мотострелковой": ("motor-rifle", "soviet"),
    ]
    static let abbreviations: [String: (type: String, branch: String?, side: String?)] = [
        "сд": ("division", "rifle", "soviet"), "гсд": ("division", "rifle", "soviet"), "тд": ("division", "tank", "soviet"),
        "кд": ("division", "cavalry", "soviet"), "пд": ("division", "infantry", nil), "ск": ("corps", "rifle", "soviet"),
        "тк": ("corps", "tank", "soviet"), "мк": ("corps", "mechanized", "soviet"), "кк": ("corps", "cavalry", "soviet"),
        "тбр": ("brigade", "tank", "soviet"), "сбр": ("brigade", "rifle", "soviet"), "мсбр": ("brigade", "motor-rifle", "soviet"),
        "сп": ("regiment", "rifle", "soviet"), "пп": ("regiment", "infantry", nil),
    ]
    static let capitalAbbreviations: [String: (type: String, branch: String?, name: String?)] = [
        "А": ("army", nil, nil), "ТА": ("army", "tank", nil), "ВА": ("army", "air", nil), "УР": ("fortified-region", nil, nil),
        "ДВФ": ("front", nil, "far-eastern"), "ЗабФ": ("front", nil, "transbaikal"),
    ]
    static let frontNames: [(String, String)] = [
        ("дальневосточный", "far-eastern"), ("дальневосточного", "far-eastern"), ("дальневосточным", "far-eastern"),
        ("забайкальский", "transbaikal"), ("забайкальского", "transbaikal"), ("забайкальским", "transbaikal"),
        ("украинский", "ukrainian"), ("украинского", "ukrainian"), ("белорусский", "belorussian"), ("белорусского", "belorussian"),
    ]
}
