import Foundation

/// Something a text says a formation (or a side) did at a place: crossed, captured, reached,
/// entered, landed at… One statement can tell several (`took Zalantun, Taonan and Tongliao`).
public struct Movement: Sendable, Hashable, Codable {
    /// What happened, by the verb's meaning (`conquered`, `stormed` are `captured`; `arrived at`
    /// is `reached`; `surrounded` is `encircled`).
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        case crossed, captured, occupied, took, reached, entered, landed, surrendered, encircled
        case brokeThrough = "broke-through"
        case advanced, liberated, seized, fell
    }
    public let action: Action
    /// Formation or front (order-of-battle id, or an id the linker made for an unknown formation);
    /// nil when the text names only a side, or no one.
    public let actorID: String?
    /// Soviet, Japanese, Manchukuo, Mongolian… from the formation, else from the words of the
    /// statement (`Soviet troops`, `the Japanese`); nil when the text does not say.
    public let side: String?
    /// Gazetteer id of the place, and the place as written.
    public let placeID: String
    public let placeText: String
    public let passageID: String
    public let documentID: String
    /// 1-based file line of the place (the verb may stand on a line before it).
    public let line: Int
    /// Scalar offsets in the passage text, end exclusive: the statement (its sentence), the verb
    /// and the place.
    public let statementStart: Int
    public let statementEnd: Int
    public let verbStart: Int
    public let verbEnd: Int
    public let placeStart: Int
    public let placeEnd: Int
    /// The date of the statement (ISO, to the day or coarser) from the dated event that tells it;
    /// nil when the statement carries no date.
    public let dateStart: String?
    public let dateEnd: String?
    /// True when the statement has no date of its own and the date is that of the last dated
    /// statement before it in its paragraph (`On 20 August ships appeared off Maoka. … the
    /// landing force took Maoka.`).
    public let dateInferred: Bool

    /// Dated to the day (what the fronts use).
    public var isDatedToDay: Bool { (dateStart?.count ?? 0) == 10 && (dateEnd?.count ?? 0) == 10 }
}

/// Finds movements in text by grammar: a verb of the lexicon below, the place it governs (its
/// object, the place after its preposition, or — passive, `fell`, `surrendered` — its subject),
/// and the one who did it (the nearest formation of the clause, else a side word, else the actor
/// of the statement before when the subject is a pronoun or left out). Nothing here names a text.
///
/// Not a movement: an intention or a negation (`plans to capture`, `failed to reach`, `would
/// have taken`, `did not cross`, `if they had landed`), an adjective (`the occupied territories`),
/// a verb whose object is not a place (`captured 40,000 troops near Harbin`), a place that only
/// follows a noun (`the road to Harbin`).
public enum MovementExtractor {

    // MARK: lexicon

    enum Form { case past, participle, present, base, gerund, noun }
    enum Frame {
        /// The place is the object: `captured Harbin`, `crossed into Manchuria`.
        case object
        /// The place follows one of these prepositions: `landed at`, `advanced on`.
        case preposition(Set<String>)
        /// The place follows these prepositions, else is the subject: `Harbin surrendered`, `surrendered at Harbin`.
        case subjectOrPreposition(Set<String>)
    }
    struct Verb {
        let action: Movement.Action
        let form: Form
        let frame: Frame
        /// A word that must follow (`broke through`).
        var particle: String? = nil
    }

    static let toward: Set<String> = ["on", "to", "towards", "toward", "into", "upon", "onto"]
    static let at: Set<String> = ["at", "on", "in", "near", "onto", "upon"]

    static let lexicon: [String: [Verb]] = {
        var v: [String: [Verb]] = [:]
        func add(_ action: Movement.Action, _ frame: Frame, past: [String] = [], participle: [String] = [],
                 present: [String] = [], base: [String] = [], gerund: [String] = [], noun: [String] = [],
                 particle: String? = nil) {
            for w in past { v[w, default: []].append(Verb(action: action, form: .past, frame: frame, particle: particle)) }
            for w in participle { v[w, default: []].append(Verb(action: action, form: .participle, frame: frame, particle: particle)) }
            for w in present { v[w, default: []].append(Verb(action: action, form: .present, frame: frame, particle: particle)) }
            for w in base { v[w, default: []].append(Verb(action: action, form: .base, frame: frame, particle: particle)) }
            for w in gerund { v[w, default: []].append(Verb(action: action, form: .gerund, frame: frame, particle: particle)) }
            for w in noun { v[w, default: []].append(Verb(action: action, form: .noun, frame: frame, particle: particle)) }
        }
        add(.captured, .object, past: ["captured", "recaptured", "conquered", "stormed"], participle: ["overrun"],
            present: ["captures", "recaptures", "storms"], base: ["capture", "storm"],
            gerund: ["capturing", "recapturing", "storming"], noun: ["capture", "recapture", "storming"])
        add(.captured, .object, past: ["overran"])
        add(.took, .object, past: ["took", "retook"], participle: ["taken", "retaken"], present: ["takes"],
            base: ["take"], gerund: ["taking"])
        add(.occupied, .object, past: ["occupied", "reoccupied"], present: ["occupies"], base: ["occupy"],
            gerund: ["occupying"], noun: ["occupation"])
        add(.seized, .object, past: ["seized"], present: ["seizes"], base: ["seize"], gerund: ["seizing"], noun: ["seizure"])
        add(.liberated, .object, past: ["liberated"], present: ["liberates"], base: ["liberate"],
            gerund: ["liberating"], noun: ["liberation"])
        add(.encircled, .object, past: ["encircled", "surrounded", "besieged"], present: ["encircles", "surrounds"],
            base: ["encircle", "surround"], gerund: ["encircling"], noun: ["encirclement"])
        add(.crossed, .object, past: ["crossed"], present: ["crosses"], base: ["cross"], gerund: ["crossing"],
            noun: ["crossing"])
        // `forced the Amur`: a river forced is a river crossed (checked on the place's kind).
        add(.crossed, .object, past: ["forced"], gerund: ["forcing"])
        // `put marines ashore at Chongjin`, `went ashore on Shumshu`.
        add(.landed, .preposition(at), past: ["ashore"])
        add(.reached, .object, past: ["reached"], present: ["reaches"], base: ["reach"], gerund: ["reaching"])
        add(.reached, .preposition(["at", "in"]), past: ["arrived"], present: ["arrives"], gerund: ["arriving"])
        add(.entered, .object, past: ["entered"], present: ["enters"], base: ["enter"], gerund: ["entering"])
        add(.entered, .preposition(["into", "in"]), noun: ["entry"])
        add(.entered, .preposition(["into"]), past: ["broke"], participle: ["broken"])
        add(.brokeThrough, .object, past: ["broke"], participle: ["broken"], present: ["breaks"], base: ["break"],
            gerund: ["breaking"], particle: "through")
        add(.landed, .preposition(at), past: ["landed"], present: ["lands"], gerund: ["landing"], noun: ["landing", "landings"])
        add(.advanced, .preposition(toward), past: ["advanced", "pushed", "drove", "marched", "thrust", "penetrated"],
            present: ["advances", "pushes", "drives", "marches"], gerund: ["advancing", "pushing", "driving", "marching"])
        add(.surrendered, .subjectOrPreposition(at), past: ["surrendered", "capitulated"],
            present: ["surrenders", "capitulates"])
        add(.fell, .subjectOrPreposition([]), past: ["fell"], participle: ["fallen"], present: ["falls"], noun: ["fall"])
        return v
    }()

    // MARK: word classes

    static let determiners: Set<String> = ["the", "a", "an", "its", "their", "his", "her", "this", "that", "these",
                                           "those", "our", "whole", "entire", "all", "both"]
    /// Before a participle, these make it an adjective (`the occupied territories`).
    static let articles: Set<String> = ["the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "our"]
    static let months: Set<String> = ["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                                      "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
    static let beAux: Set<String> = ["was", "were", "been", "being", "is", "are", "be"]
    static let haveAux: Set<String> = ["had", "has", "have", "having"]
    static let modals: Set<String> = ["will", "would", "could", "should", "might", "may", "must", "can", "cannot",
                                      "shall", "ought"]
    static let negations: Set<String> = ["not", "never", "no", "nor", "didn", "couldn", "wasn", "weren", "hadn",
                                         "wouldn", "failed", "unable", "cannot"]
    /// Earlier in the clause, these make what follows a condition or a question.
    static let conditions: Set<String> = ["if", "unless", "whether", "lest"]
    /// Before a noun (`the capture of`), these make it an aim, not a deed.
    static let aims: Set<String> = ["plan", "plans", "planned", "planning", "order", "orders", "ordered", "task",
                                    "tasks", "aim", "aimed", "goal", "purpose", "preparation", "preparations",
                                    "prepare", "prepared", "for", "intended", "intention", "attempt", "attempted",
                                    "threat", "prevent", "prevented", "to", "toward", "towards"]
    /// Adverbs that may stand between a verb and what it governs.
    static let adverbs: Set<String> = ["quickly", "rapidly", "swiftly", "soon", "then", "also", "further", "finally",
                                       "successfully", "again", "immediately", "eventually", "later", "deep",
                                       "deeper", "far", "forcibly", "already", "first", "together"]
    /// Ends the noun phrase after a verb: prepositions (other than `of`), conjunctions, relatives,
    /// auxiliaries and pronouns.
    static let phraseStops: Set<String> = [
        "in", "at", "on", "by", "with", "from", "for", "to", "towards", "toward", "into", "near", "after", "before",
        "during", "since", "through", "across", "along", "under", "within", "without", "against", "despite", "via",
        "and", "or", "but", "while", "which", "who", "whom", "that", "where", "when", "as", "than", "because",
        "was", "were", "is", "are", "had", "has", "have", "been", "be", "it", "they", "he", "she", "we", "them",
        "itself", "themselves", "there", "here", "not", "so", "until", "till", "over", "about", "around", "between",
        "among", "beyond", "behind", "up", "down", "off", "out", "if", "although", "though", "whose", "what",
    ]
    /// Heads of a noun phrase that is not a place: what was captured was men or matériel.
    static let notPlaces: Set<String> = [
        "troops", "soldiers", "officers", "men", "prisoners", "personnel", "forces", "force", "army", "armies",
        "division", "divisions", "units", "unit", "regiment", "regiments", "brigade", "brigades", "tanks", "tank",
        "guns", "artillery", "aircraft", "planes", "airplanes", "ships", "vessels", "boats", "booty", "equipment",
        "weapons", "materials", "material", "trophies", "initiative", "commander", "commanders", "general",
        "generals", "emperor", "officials", "civilians", "residents", "people", "population", "women", "children",
        "command", "headquarters", "staff", "enemy", "power", "government", "attention", "advantage", "part",
        "place", "action", "measures", "steps", "care", "charge", "lives", "life", "time", "days", "hours",
        "decision", "agreement", "treaty", "war", "peace", "surrender", "offensive", "operation", "operations",
        "pains", "note", "stock", "shape", "effect", "hostages", "hostage",
    ]
    /// Nouns after which `of` or `to` leads on to the place (`the outskirts of Harbin`, `the approaches to Mukden`).
    static let placeParts: Set<String> = [
        "city", "town", "village", "port", "ports", "harbor", "harbour", "seaport", "area", "areas", "region",
        "district", "outskirts", "suburbs", "approaches", "approach", "gates", "vicinity", "bank", "banks", "shore",
        "shores", "coast", "line", "lines", "hinterland", "center", "centre", "heart", "capital", "zone", "base",
        "island", "islands", "station", "airfield", "airfields", "airport", "airports", "fortress", "fortifications",
        "defences", "defenses", "defence", "defense", "bridgehead", "mouth", "valley", "pass", "province", "peninsula",
        "territory", "border", "frontier", "control", "possession", "rest", "south", "north", "east", "west",
        "southern", "northern", "eastern", "western", "part", "parts", "half", "tip", "end", "railway", "junction",
        "garrison", "positions", "position", "stronghold", "strongholds", "streets", "environs", "heights", "hills",
    ]
    /// Words that name a side, and the side.
    static let sideWords: [String: String] = [
        "soviet": "Soviet", "soviets": "Soviet", "russian": "Soviet", "russians": "Soviet", "ussr": "Soviet",
        "reds": "Soviet", "red": "Soviet",
        "japanese": "Japanese", "japan": "Japanese", "jap": "Japanese", "japs": "Japanese", "kwantung": "Japanese",
        "imperial": "Japanese",
        "manchukuo": "Manchukuo", "manchukuoan": "Manchukuo",
        "mongolian": "Mongolian", "mongolians": "Mongolian", "mongol": "Mongolian", "mongols": "Mongolian",
        "american": "American", "americans": "American",
        "chinese": "Chinese", "british": "British",
    ]
    static let pronouns: Set<String> = ["it", "they", "he", "she", "its", "their", "we"]
    /// A formation in a phrase after these is a helper, not the subject (`supported by the 72nd Tank Brigade`).
    static let asideHeads: Set<String> = ["with", "by", "under", "alongside", "supported", "assisted", "including",
                                          "like", "against", "from", "toward", "towards", "to", "which", "who"]
    /// Words after `fell` that make it something else (`fell back`, `fell through`).
    static let fellNot: Set<String> = ["back", "through", "apart", "silent", "ill", "victim", "short", "behind",
                                       "asleep", "into", "out", "off", "in", "prey", "sick", "dead", "under", "within"]

    // MARK: entry points

    /// The movements of a corpus: `mentions` are the linker's mentions of the corpus (as
    /// `linker.mentions(in: corpus)` gives them), `spans` the dated statements that date them
    /// (see `Analysis.statementSpans`). In corpus order.
    public static func extract(corpus: Corpus, linker: EntityLinker, mentions: [PassageMention],
                               spans: [DatedSpan]) -> [Movement] {
        var entitiesBy: [String: [EntityMention]] = [:]
        for pm in mentions { entitiesBy[pm.passageID, default: []].append(pm.mention) }
        var spansOf: [String: [DatedSpan]] = [:]
        for s in spans { spansOf[s.passageID, default: []].append(s) }
        let byPassage = entitiesBy, spansBy = spansOf
        // A passage that names no place tells no movement.
        let passages = corpus.passages.filter { p in byPassage[p.id]?.contains(where: { $0.kind == .place }) ?? false }
        // Each passage on its own, in parallel parts; the results in corpus order.
        return SlotBox<Movement>.parallelMap(passages.count) { range in
            var found: [Movement] = []
            for p in passages[range] {
                found += movements(text: p.text, entities: byPassage[p.id] ?? [], linker: linker, passageID: p.id,
                                   documentID: p.documentID, lineStart: p.lineStart, spans: spansBy[p.id] ?? [])
            }
            return found
        }
    }

    /// The movements told in one text (undated unless `spans` date its statements).
    public static func movements(in text: String, linker: EntityLinker, spans: [DatedSpan] = [],
                                 passageID: String = "", documentID: String = "", lineStart: Int = 1) -> [Movement] {
        movements(text: text, entities: linker.mentions(in: text), linker: linker, passageID: passageID,
                  documentID: documentID, lineStart: lineStart, spans: spans)
    }

    // MARK: a quick test

    /// A word of up to 12 ASCII letters, lower-cased, 5 bits a letter (0 for anything else).
    @inline(__always) static func pack<S: Sequence<UInt8>>(_ bytes: S) -> UInt64 {
        var v: UInt64 = 0, n = 0
        for b in bytes {
            let l = b | 0x20
            guard l >= 0x61, l <= 0x7A, n < 12 else { return 0 }
            v = v << 5 | UInt64(l - 0x60)
            n += 1
        }
        return v
    }
    static let packedLexicon: Set<UInt64> = Set(lexicon.keys.map { pack($0.utf8) })

    /// Whether the text has a word of the lexicon at all (one pass over its bytes, no string
    /// made): most passages have none and are not tokenized.
    static func mayTell(_ text: String) -> Bool {
        var t = text
        return t.withUTF8 { buf in
            var v: UInt64 = 0, n = 0
            for b in buf {
                let l = b | 0x20
                if l >= 0x61 && l <= 0x7A {
                    if n < 13 { v = v << 5 | UInt64(l - 0x60) }
                    n += 1
                } else {
                    if n > 0, n <= 12, packedLexicon.contains(v) { return true }
                    v = 0; n = 0
                }
            }
            return n > 0 && n <= 12 && packedLexicon.contains(v)
        }
    }

    // MARK: grammar

    struct Found {
        var verb: Int           // token index
        var verbEnd: Int        // token index of the last token of the verb group
        var action: Movement.Action
        var places: [Int]       // entity indices
        var actor: Int? = nil   // entity index of a formation
        var side: String? = nil
        var inherit = false     // subject a pronoun or left out: the actor of the statement before
    }

    static func movements(text: String, entities: [EntityMention], linker: EntityLinker, passageID: String,
                          documentID: String, lineStart: Int, spans: [DatedSpan]) -> [Movement] {
        guard entities.contains(where: { $0.kind == .place }), mayTell(text) else { return [] }
        let tk = DateTokenizer(text)
        let t = tk.tokens
        guard !t.isEmpty else { return [] }
        // The entity covering each token (-1 for none).
        var ent = [Int](repeating: -1, count: t.count)
        do {
            var e = 0
            for i in t.indices {
                while e < entities.count, entities[e].end <= t[i].start { e += 1 }
                if e < entities.count, entities[e].start <= t[i].start, t[i].end <= entities[e].end { ent[i] = e }
            }
        }
        // Last token index of each entity.
        var entLast: [Int: Int] = [:], entFirst: [Int: Int] = [:]
        for i in t.indices where ent[i] >= 0 { entLast[ent[i]] = i; if entFirst[ent[i]] == nil { entFirst[ent[i]] = i } }
        // Sentence bounds: sentenceOf[i] is its first token; the end is where the next begins.
        var sentenceEnd = [Int](repeating: t.count, count: t.count)
        do {
            var i = t.count - 1
            var end = t.count
            while i >= 0 {
                sentenceEnd[i] = end
                if tk.sentenceOf[i] == i { end = i }
                i -= 1
            }
        }
        let g = Grammar(t: t, ent: ent, entLast: entLast, entFirst: entFirst, entities: entities,
                        sentenceOf: tk.sentenceOf, sentenceEnd: sentenceEnd, data: linker.data)

        var found: [Found] = []
        for i in t.indices where t[i].kind == .word && ent[i] < 0 {
            guard let verbs = lexicon[t[i].lower] else { continue }
            for v in verbs {
                if let f = g.match(i, v) { found.append(f); break }
            }
        }
        guard !found.isEmpty else { return [] }

        // Lines: the breaks before each offset.
        var breaks: [Int] = []
        for (k, s) in text.unicodeScalars.enumerated() where s == "\n" { breaks.append(k) }
        func line(_ offset: Int) -> Int {
            var lo = 0, hi = breaks.count
            while lo < hi { let m = (lo + hi) / 2; if breaks[m] < offset { lo = m + 1 } else { hi = m } }
            return lineStart + lo
        }
        let oob = linker.data.orderOfBattle
        var out: [Movement] = []
        var seen = Set<String>()
        // Sentence numbers, to tell the statement just before.
        var sentenceNumber = [Int](repeating: 0, count: t.count)
        do {
            var n = 0
            for i in t.indices { if i > 0, tk.sentenceOf[i] == i { n += 1 }; sentenceNumber[i] = n }
        }
        var lastActor: (id: String?, side: String?, sentence: Int)? = nil
        for f in found {
            var actorID: String? = f.actor.map { entities[$0].id }
            var side = f.side
            if let a = actorID { side = formationSide(a, oob) ?? side }
            let sentence = g.sentenceOf[f.verb]
            let number = sentenceNumber[f.verb]
            if f.inherit, actorID == nil, side == nil {
                // A pronoun or no subject: the doer of the statement before (this sentence or the last).
                if let last = lastActor, number - last.sentence <= 1 {
                    actorID = last.id; side = last.side
                } else if let e = g.lastFormation(before: sentence) {
                    actorID = entities[e].id; side = formationSide(entities[e].id, oob)
                }
            }
            if actorID != nil || side != nil { lastActor = (actorID, side, number) }
            let sStart = t[sentence].start, sEnd = t[g.sentenceEnd[f.verb] - 1].end
            for p in f.places {
                let e = entities[p]
                let key = "\(f.verb)|\(e.id)|\(f.action.rawValue)"
                guard seen.insert(key).inserted else { continue }
                var date = dateOf(verb: t[f.verb].start, place: e.start, placeEnd: e.end, spans: spans)
                var inferred = false
                if date == nil, !g.timeMoves(from: sentence, to: f.verb), let before = narrativeDate(before: sStart, spans: spans) {
                    date = before; inferred = true
                }
                out.append(Movement(action: f.action, actorID: actorID, side: side, placeID: e.id, placeText: e.surface,
                                    passageID: passageID, documentID: documentID, line: line(e.start),
                                    statementStart: sStart, statementEnd: sEnd, verbStart: t[f.verb].start,
                                    verbEnd: t[f.verbEnd].end, placeStart: e.start, placeEnd: e.end,
                                    dateStart: date?.dateStart, dateEnd: date?.dateEnd, dateInferred: inferred))
            }
        }
        return out
    }

    /// The side of a formation: the order of battle's, else the first word of a made-up id
    /// (`soviet-rifle-division-124`).
    static func formationSide(_ id: String, _ oob: OrderOfBattle) -> String? {
        if let u = oob.unit(id: id) { return u.side }
        let first = id.split(separator: "-").first.map(String.init) ?? ""
        return sideWords[first]
    }

    /// A statement with no date of its own in a narrative: the date of the last dated statement
    /// that ends before it in the same passage (the passage is a paragraph).
    static func narrativeDate(before start: Int, spans: [DatedSpan]) -> DatedSpan? {
        spans.filter { $0.end <= start }.max(by: { ($0.end, $0.expressionEnd) < ($1.end, $1.expressionEnd) })
    }

    /// The dated statement that covers the verb: the narrowest; of several over the same words,
    /// the one whose date expression stands nearest the place.
    static func dateOf(verb: Int, place: Int, placeEnd: Int, spans: [DatedSpan]) -> DatedSpan? {
        let covering = spans.filter { $0.start <= verb && verb < $0.end }
        guard let narrowest = covering.min(by: { $0.end - $0.start < $1.end - $1.start }) else { return nil }
        // The date expressions inside the narrowest statement: the one nearest the place (one
        // after it counts double less: `took A on the 11th and B on the 12th`).
        func distance(_ s: DatedSpan) -> Int {
            s.expressionStart >= placeEnd ? s.expressionStart - placeEnd : 2 * max(0, place - s.expressionEnd) + 1
        }
        let inside = covering.filter { $0.expressionStart >= narrowest.start && $0.expressionEnd <= narrowest.end }
        guard var best = inside.min(by: { (distance($0), $0.end - $0.start) < (distance($1), $1.end - $1.start) }) else {
            return narrowest
        }
        // Dates written side by side are one (`on the 16th and 17th`, `18–19 August`).
        var lo = best.expressionStart, hi = best.expressionEnd
        var grown = true
        while grown {
            grown = false
            // Each step widens [lo, hi): the loop ends.
            for s in inside where s.expressionStart < s.expressionEnd && (s.expressionStart < lo || s.expressionEnd > hi)
                && (s.expressionEnd <= lo ? lo - s.expressionEnd <= 5 : s.expressionStart >= hi ? s.expressionStart - hi <= 5 : false) {
                lo = min(lo, s.expressionStart); hi = max(hi, s.expressionEnd)
                best = DatedSpan(passageID: best.passageID, start: best.start, end: best.end,
                                 dateStart: min(best.dateStart, s.dateStart), dateEnd: max(best.dateEnd, s.dateEnd),
                                 expressionStart: lo, expressionEnd: hi)
                grown = true
            }
        }
        return best
    }

    struct Grammar {
        let t: [DToken]
        let ent: [Int]
        let entLast: [Int: Int]
        let entFirst: [Int: Int]
        let entities: [EntityMention]
        let sentenceOf: [Int]
        let sentenceEnd: [Int]
        let data: CuratedData

        func word(_ i: Int) -> String? { i >= 0 && i < t.count && t[i].kind == .word ? t[i].lower : nil }
        func isPunct(_ i: Int, _ s: String) -> Bool { i >= 0 && i < t.count && t[i].kind == .punct && t[i].text == s }
        func isPlace(_ e: Int) -> Bool { entities[e].kind == .place }
        func isFormation(_ e: Int) -> Bool { entities[e].kind != .place }
        /// First token of the clause of token i (after the last `;` or `:` of its sentence).
        func clauseStart(_ i: Int) -> Int {
            var k = i - 1
            let s = sentenceOf[i]
            while k >= s {
                if t[k].kind == .punct, t[k].text == ";" || t[k].text == ":" { return k + 1 }
                k -= 1
            }
            return s
        }
        func clauseEnd(_ i: Int) -> Int {
            var k = i + 1
            let e = sentenceEnd[i]
            while k < e {
                if t[k].kind == .punct, t[k].text == ";" || t[k].text == ":" { return k }
                k += 1
            }
            return e
        }
        /// Start of the comma segment of token i.
        func segmentStart(_ i: Int) -> Int {
            var k = i - 1
            let c = clauseStart(i)
            while k >= c {
                if t[k].kind == .punct, t[k].text == "," { return k + 1 }
                k -= 1
            }
            return c
        }

        /// The previous token that is not an adverb (or -1).
        func previous(_ i: Int, skippingAdverbs: Bool = true) -> Int {
            var k = i - 1
            while k >= 0, skippingAdverbs, let w = word(k), ent[k] < 0, adverbs.contains(w) || (w.hasSuffix("ly") && w.count > 4) { k -= 1 }
            return k
        }

        /// An intention, a negation, a condition or a modal before the verb.
        func irrealis(_ i: Int) -> Bool {
            let c = clauseStart(i)
            var k = i - 1
            var n = 0
            while k >= c, n < 4 {
                if t[k].kind == .punct {
                    if t[k].text == "," { break }
                    k -= 1; continue
                }
                let w = t[k].lower
                if n == 0 || (n == 1 && (adverbs.contains(w) || w.hasSuffix("ly"))) {
                    if w == "to" { return true }
                }
                if w == "to", n <= 1 { return true }
                if modals.contains(w) || negations.contains(w) { return true }
                if w == "t", k > 0, t[k - 1].kind == .punct { return true }  // didn't, couldn't
                n += 1
                k -= 1
            }
            // A condition anywhere earlier in the clause.
            k = i - 1
            let seg = max(c, segmentStart(i) - 1 >= c ? segmentStart(segmentStart(i) - 1) : c)
            while k >= seg {
                if let w = word(k), conditions.contains(w) { return true }
                k -= 1
            }
            return false
        }

        /// A participle takes its mood from the verb it hangs on: after `was ordered to attack …`
        /// or `the task of …`, `… and occupying X` is an order, not a deed.
        func ordered(before i: Int) -> Bool {
            var k = i - 1
            let s = sentenceOf[i]
            while k >= s {
                if let w = word(k), ["ordered", "order", "orders", "tasked", "task", "tasks", "instructed", "directed",
                                      "assigned", "planned", "plan", "plans", "intended", "aimed"].contains(w) { return true }
                k -= 1
            }
            return false
        }

        func match(_ i: Int, _ v: Verb) -> Found? {
            let prev = previous(i)
            // The word before, unless it ends a name (`2 Red Banner A crossed`: `A` is no article).
            // A capital `A` inside a sentence is an abbreviation (`5 A`, army), not the article.
            let pw = prev >= 0 && (ent[prev] >= 0 || (t[prev].text == "A" && sentenceOf[prev] != prev)) ? nil : word(prev)
            var last = i
            if let p = v.particle {
                guard word(i + 1) == p else { return nil }
                last = i + 1
            } else if v.action == .entered, v.form != .noun, case .preposition = v.frame {
                // `broke into`
                guard word(i + 1) == "into" else { return nil }
            }
            switch v.form {
            case .noun:
                return nominal(i, v, last)
            case .gerund:
                // A participle clause (`after capturing`, `was advancing on`), not a noun or an aim.
                if prev >= 0, let w = pw, determiners.contains(w) || w == "of" { return nominal(i, v, last) }
                let ok: Bool
                if prev < sentenceOf[i] || isPunct(prev, ",") { ok = true } else if let w = pw {
                    ok = ["after", "upon", "on", "while", "by", "before", "and", "then", "began", "begun", "started",
                          "continued", "was", "were", "is", "are", "been", "having", "thus"].contains(w)
                        || (ent[prev] >= 0 && isFormation(ent[prev]))
                } else { ok = false }
                guard ok, !irrealis(i), !ordered(before: i) else { return nil }
                return active(i, last, v, gerund: true)
            case .base:
                // Only right after its subject (`Reds take Harbin`, `Soviet troops cross the Amur`).
                guard prev >= 0 else { return nil }
                if let w = pw, determiners.contains(w) || w == "of" { return nominal(i, v, last) }
                let subject = (ent[prev] >= 0 && isFormation(ent[prev])) || (pw.map { sideWords[$0] != nil || ["troops", "forces", "armies", "units", "tanks"].contains($0) } ?? false)
                guard subject, !irrealis(i) else { return nil }
                return active(i, last, v, gerund: false)
            case .past, .present, .participle:
                if let w = pw, articles.contains(w) || ["newly", "recently", "formerly", "once", "previously"].contains(w) {
                    return nil  // `the occupied territories`
                }
                guard !irrealis(i) else { return nil }
                // Passive: `was taken`, `had been captured`.
                if let w = pw, beAux.contains(w), v.form != .present {
                    return passive(i, last, v, aux: prev)
                }
                if v.form == .participle {
                    guard let w = pw, haveAux.contains(w) else { return nil }
                }
                return active(i, last, v, gerund: false)
            }
        }

        /// `the capture of Harbin`, `the landing at Maoka`, `the fall of Mukden`.
        func nominal(_ i: Int, _ v: Verb, _ last: Int) -> Found? {
            var k = i + 1
            if v.particle != nil { k = last + 1 }
            let places: [Int]
            switch v.frame {
            case .object, .subjectOrPreposition:
                guard word(k) == "of" else { return nil }
                places = objectPlaces(k + 1, v.action)
            case .preposition(let ps):
                guard let w = word(k), ps.contains(w) else { return nil }
                places = objectPlaces(k + 1, v.action)
            }
            guard !places.isEmpty else { return nil }
            // An aim (`plans for the capture of`) or a condition is not a deed.
            var j = i - 1, n = 0
            while j >= clauseStart(i), n < 4 {
                if let w = word(j), aims.contains(w) || modals.contains(w) || conditions.contains(w) { return nil }
                j -= 1; n += 1
            }
            var f = Found(verb: i, verbEnd: last, action: v.action, places: places)
            // The doer: a formation or a side just before (`the Soviet capture of`, `the 5th Army's capture of`)
            // or after `by`.
            j = i - 1; n = 0
            while j >= clauseStart(i), n < 4 {
                if ent[j] >= 0, isFormation(ent[j]) { f.actor = ent[j]; break }
                if let w = word(j), let s = sideWords[w] { f.side = s; break }
                if isPunct(j, ",") { break }
                j -= 1; n += 1
            }
            if f.actor == nil, f.side == nil, let (a, s) = agent(after: lastTokenOf(places.last!)) { f.actor = a; f.side = s }
            return f
        }

        func lastTokenOf(_ e: Int) -> Int { entLast[e] ?? 0 }

        /// `by the 5th Army`, `to the Soviets`: the agent after a passive or `fell`.
        func agent(after k: Int, words: Set<String> = ["by", "to"]) -> (Int?, String?)? {
            var j = k + 1
            let end = clauseEnd(k)
            var n = 0
            while j < end, n < 3 {
                if let w = word(j), words.contains(w) {
                    var m = j + 1, c = 0
                    while m < end, c < 6 {
                        if ent[m] >= 0, isFormation(ent[m]) { return (ent[m], nil) }
                        if let w2 = word(m), let s = sideWords[w2] {
                            // `Soviet 5th Army`: the formation just after wins.
                            if m + 1 < end, ent[m + 1] >= 0, isFormation(ent[m + 1]) { return (ent[m + 1], nil) }
                            return (nil, s)
                        }
                        if t[m].kind == .punct { break }
                        m += 1; c += 1
                    }
                    return nil
                }
                if t[j].kind == .punct { return nil }
                j += 1; n += 1
            }
            return nil
        }

        /// The place(s) a verb governs as its object, from token k: a noun phrase whose head is a
        /// place (`the city of Harbin`, `northern Korea`), and places coordinated with it.
        func objectPlaces(_ k0: Int, _ action: Movement.Action) -> [Int] {
            var k = k0
            let end = clauseEnd(max(k0 - 1, 0))
            var words = 0
            var first: Int? = nil
            while k < end {
                if ent[k] >= 0 {
                    if isPlace(ent[k]) { first = ent[k] }
                    break
                }
                let tok = t[k]
                if tok.kind == .punct {
                    if tok.text == "-" || tok.text == "’" || tok.text == "'" || tok.text == "\"" || tok.text == "“" || tok.text == "”" { k += 1; continue }
                    return []
                }
                if tok.kind == .number { return [] }
                let w = tok.lower
                if w == "of" || w == "to" || ((w == "in" || w == "at") && words > 0) {
                    // Only after a part of a place: `the outskirts of`, `the approaches to`, `the airports in`.
                    guard let pw = word(k - 1), placeParts.contains(pw) else { return [] }
                    k += 1; words += 1; continue
                }
                if phraseStops.contains(w) || notPlaces.contains(w) || (lexicon[w] != nil && !placeParts.contains(w)) { return [] }
                if w == "s", k > 0, t[k - 1].kind == .punct { k += 1; continue }  // `Harbin's`
                words += 1
                if words > 6 { return [] }
                k += 1
            }
            guard let f = first else { return [] }
            var out = [f]
            // Coordination: `Zalantun, Taonan and Tongliao`, `Fujin and then Jiamusi`.
            k = lastTokenOf(f) + 1
            while k < end {
                var j = k
                var joined = false
                var words = 0
                var and = false
                while j < end {
                    if isPunct(j, ",") { joined = true; j += 1; continue }
                    if let w = word(j), ["and", "then", "also", "later", "finally", "as", "well"].contains(w) { joined = true; and = and || w == "and"; j += 1; continue }
                    if let w = word(j), determiners.contains(w) { j += 1; continue }
                    // The preposition said again: `landed at Harbin on the 18th, and at Mukden`.
                    if joined, let w = word(j), ["at", "on", "in", "into", "to", "towards", "near"].contains(w) { j += 1; continue }
                    // A date between two places: `northern Shandong on August 11 and Tuquan on August 12`.
                    if !joined, let w = word(j), w == "on" || w == "in" || w == "by" {
                        var m = j + 1
                        while m < end, t[m].kind == .number || (word(m).map { months.contains($0) || $0 == "the" || ["st", "nd", "rd", "th"].contains($0) } ?? false) { m += 1 }
                        if m > j + 1 { j = m; continue }
                    }
                    // The words of a noun phrase (`and the important seaport of`).
                    if and, let w = word(j), ent[j] < 0, words < 5, !phraseStops.contains(w) || w == "of" || w == "in",
                       !notPlaces.contains(w), lexicon[w] == nil || placeParts.contains(w),
                       placeParts.contains(w) || !(w.hasSuffix("ing") || w.hasSuffix("ed")) {
                        words += 1; j += 1; continue
                    }
                    break
                }
                guard joined, j < end, ent[j] >= 0, isPlace(ent[j]) else { break }
                out.append(ent[j])
                k = lastTokenOf(ent[j]) + 1
            }
            return out
        }

        /// After the verb: adverbs, a distance (`150 kilometers`), then one of the prepositions.
        func prepositionPlaces(_ k0: Int, _ preps: Set<String>, _ action: Movement.Action) -> [Int] {
            var k = k0
            let end = clauseEnd(max(k0 - 1, 0))
            var n = 0
            while k < end, n < 6 {
                if let w = word(k) {
                    if preps.contains(w) {
                        // `as far as`
                        return objectPlaces(k + 1, action)
                    }
                    if w == "as", word(k + 1) == "far", word(k + 2) == "as" { return objectPlaces(k + 3, action) }
                    let distance = ["kilometers", "kilometres", "km", "miles", "versts", "more", "than", "about",
                                    "some", "over", "nearly", "almost", "up"].contains(w)
                    let landedObject = action == .landed && (["troops", "forces", "marines", "a", "paratroopers", "men", "force", "party", "parties"].contains(w))
                    guard adverbs.contains(w) || w.hasSuffix("ly") || distance || landedObject else { return [] }
                } else if t[k].kind == .number {
                    // a distance
                } else if !(t[k].kind == .punct && (t[k].text == "-" || t[k].text == "–")) {
                    return []
                }
                k += 1; n += 1
            }
            return []
        }

        /// A place that is the subject just before token i (`Harbin fell`, `the garrison of Hailar surrendered`).
        func subjectPlaces(_ i: Int) -> [Int] {
            var k = i - 1
            let c = clauseStart(i)
            var n = 0
            while k >= c, n < 4 {
                if ent[k] >= 0 {
                    guard isPlace(ent[k]) else { return [] }
                    var out = [ent[k]]
                    // `Harbin and Mukden fell`
                    var j = (entFirst[ent[k]] ?? k) - 1
                    while j >= c {
                        if isPunct(j, ",") || word(j) == "and" { j -= 1; continue }
                        if ent[j] >= 0, isPlace(ent[j]) { out.insert(ent[j], at: 0); j = (entFirst[ent[j]] ?? j) - 1; continue }
                        break
                    }
                    return out
                }
                if t[k].kind == .punct { return [] }
                if let w = word(k), phraseStops.contains(w) && w != "itself" || lexicon[w] != nil { return [] }
                k -= 1; n += 1
            }
            return []
        }

        func passive(_ i: Int, _ last: Int, _ v: Verb, aux: Int) -> Found? {
            // The subject before the auxiliary: `Harbin was taken`, `Harbin, which was taken`.
            var a = aux
            while a > 0, let w = word(a - 1), beAux.contains(w) || haveAux.contains(w) || adverbs.contains(w) { a -= 1 }
            if let w = word(a - 1), w == "which" || w == "that" {
                a -= 1
                if isPunct(a - 1, ",") { a -= 1 }
            }
            var places = subjectPlaces(a)
            if places.isEmpty, v.action == .encircled || v.action == .landed || v.action == .advanced {
                // `was encircled at Mudanjiang`
                if case .preposition(let ps) = v.frame { places = prepositionPlaces(last + 1, ps, v.action) }
                else { places = prepositionPlaces(last + 1, at, v.action) }
            }
            guard !places.isEmpty else { return nil }
            var f = Found(verb: i, verbEnd: last, action: v.action, places: places)
            if let (ag, s) = agent(after: last, words: ["by"]) { f.actor = ag; f.side = s }
            return f
        }

        func active(_ i: Int, _ last: Int, _ v: Verb, gerund: Bool) -> Found? {
            var places: [Int] = []
            var k = last + 1
            switch v.frame {
            case .object:
                if let w = word(k), ["into", "over", "across"].contains(w), v.action == .crossed || v.action == .took { k += 1 }
                while let w = word(k), adverbs.contains(w) { k += 1 }
                places = objectPlaces(k, v.action)
                if places.isEmpty, v.action == .encircled {
                    // `encircled the Japanese 5th Army at Mudanjiang`
                    var j = k, n = 0
                    while j < clauseEnd(i), n < 8, !(ent[j] >= 0 && isFormation(ent[j])) { j += 1; n += 1 }
                    if j < clauseEnd(i), ent[j] >= 0, let lastTok = entLast[ent[j]] {
                        places = prepositionPlaces(lastTok + 1, at, v.action)
                    }
                }
            case .preposition(let ps):
                places = prepositionPlaces(k, ps, v.action)
            case .subjectOrPreposition(let ps):
                if v.action == .fell, let w = word(k), fellNot.contains(w) { return nil }
                if !ps.isEmpty { places = prepositionPlaces(k, ps, v.action) }
                if places.isEmpty { places = subjectPlaces(i) }
                guard !places.isEmpty else { return nil }
                var f = Found(verb: i, verbEnd: last, action: v.action, places: places)
                if v.action == .fell {
                    if let (a, s) = agent(after: last, words: ["to"]) { f.actor = a; f.side = s }
                } else {
                    let (a, s) = subject(i, excluding: places)
                    f.actor = a; f.side = s
                }
                return f
            }
            if t[i].lower.hasPrefix("forc") {
                places = places.filter { p in data.gazetteer.place(id: entities[p].id).map { $0.kind == "river" || $0.kind == "strait" } ?? false }
            }
            guard !places.isEmpty else { return nil }
            var f = Found(verb: i, verbEnd: last, action: v.action, places: places)
            let (a, s) = subject(i, excluding: places)
            f.actor = a; f.side = s
            if a == nil, s == nil {
                if gerund {
                    // `After capturing Jiamusi, the 15th Army …`: the subject of the main clause.
                    let (a2, s2) = forwardSubject(i)
                    f.actor = a2; f.side = s2
                }
                if f.actor == nil, f.side == nil { f.inherit = true }
            }
            return f
        }

        /// The doer of an active verb: the nearest formation before it in its clause (not one in an
        /// aside such as `, supported by …,` nor the `of` complement of another formation), else a side word.
        func subject(_ i: Int, excluding: [Int]) -> (Int?, String?) {
            let c = clauseStart(i)
            // Comma segments of the clause before the verb, nearest first.
            var segments: [Range<Int>] = []
            var hi = i
            var k = i - 1
            while k >= c {
                if isPunct(k, ",") { segments.append((k + 1)..<hi); hi = k }
                k -= 1
            }
            segments.append(c..<hi)
            func isAside(_ r: Range<Int>, index: Int) -> Bool {
                guard index > 0, index < segments.count - 1 || r.lowerBound > c else { return false }
                var j = r.lowerBound
                while j < r.upperBound, t[j].kind == .punct { j += 1 }
                guard let w = word(j) else { return false }
                return asideHeads.contains(w) || w == "together" || w == "supported" || w == "backed"
            }
            for (n, r) in segments.enumerated() where !isAside(r, index: n) {
                var best: Int? = nil
                var j = r.upperBound - 1
                while j >= r.lowerBound {
                    if ent[j] >= 0, isFormation(ent[j]) {
                        let e = ent[j]
                        let first = entFirst[e] ?? j
                        // In a phrase after `with`, `by`… : not the subject.
                        var p = first - 1
                        while p >= r.lowerBound, let w = word(p), determiners.contains(w) || sideWords[w] != nil { p -= 1 }
                        var helper = word(p).map { asideHeads.contains($0) } ?? false
                        // In a phrase after `with`, `by`… a few words back (`with ships of the Amur Flotilla`).
                        var h = p, n = 0
                        while !helper, h >= r.lowerBound, n < 5, ent[h] < 0, t[h].kind != .punct {
                            if let w = word(h), asideHeads.contains(w) { helper = true }
                            h -= 1; n += 1
                        }
                        // After a verb of its segment (`breaking through the defence of the 88th
                        // Division`) it is an object, unless a new clause begins between (`and`).
                        var q = p
                        while !helper, q >= r.lowerBound {
                            if let w = word(q) {
                                if ["and", "while", "but", "whereas", "then", "when", "after", "before"].contains(w) { break }
                                if ent[q] < 0, let vs = lexicon[w], vs.contains(where: { $0.form != .noun }),
                                   !(q > 0 && word(q - 1).map(articles.contains) == true) { helper = true }
                            }
                            q -= 1
                        }
                        if !helper {
                            // `the 35th army of the front army`: the head, not the complement.
                            if let w = word(p), w == "of" {
                                var q = p - 1
                                while q >= r.lowerBound, let w2 = word(q), determiners.contains(w2) { q -= 1 }
                                if q >= r.lowerBound, ent[q] >= 0, isFormation(ent[q]) { best = ent[q]; break }
                                // `the advance detachment of the 5th Army`: the 5th Army.
                            }
                            best = e
                            break
                        }
                        j = first - 1
                        continue
                    }
                    j -= 1
                }
                if let b = best { return (b, nil) }
            }
            // A side word in the clause before the verb, nearest first.
            var j = i - 1
            while j >= c {
                // A country as the subject only right before the verb (`Japan occupied`).
                if let w = word(j), let s = sideWords[w], ent[j] < 0 || (isPlace(ent[j]) && previous(i) == j) {
                    if w == "red", word(j + 1) != "army" { j -= 1; continue }
                    if w == "japan", j + 1 < i, word(j + 1) == "s" { }  // `Japan's`
                    return (nil, s)
                }
                j -= 1
            }
            return (nil, nil)
        }

        /// After a leading participle clause: the first formation (or side) after its comma.
        func forwardSubject(_ i: Int) -> (Int?, String?) {
            var k = i + 1
            let end = clauseEnd(i)
            while k < end, !isPunct(k, ",") { k += 1 }
            k += 1
            var n = 0
            while k < end, n < 8 {
                if ent[k] >= 0, isFormation(ent[k]) { return (ent[k], nil) }
                if let w = word(k), let s = sideWords[w] {
                    if k + 1 < end, ent[k + 1] >= 0, isFormation(ent[k + 1]) { return (ent[k + 1], nil) }
                    return (nil, s)
                }
                if let w = word(k), lexicon[w] != nil { break }
                k += 1; n += 1
            }
            return (nil, nil)
        }

        /// Words that move the narrative's time on (`Later the army took …`): the date before no longer holds.
        func timeMoves(from s: Int, to i: Int) -> Bool {
            (s..<i).contains { k in word(k).map { ["later", "afterwards", "afterward", "subsequently", "eventually", "next",
                                                  "thereafter", "then", "soon", "after", "following", "until", "till"].contains($0) } ?? false }
        }

        /// The last formation named before token index `i` (in the sentence before).
        func lastFormation(before i: Int) -> Int? {
            guard i > 0 else { return nil }
            let s = sentenceOf[i - 1]
            var k = i - 1
            while k >= s {
                if ent[k] >= 0, isFormation(ent[k]) { return ent[k] }
                k -= 1
            }
            return nil
        }
    }
}


