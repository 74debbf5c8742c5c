import Foundation

/// The order of battle seen through the grammar: each numbered entry's key, the names the grammar
/// does not cover, and the commanders' sides.
struct FormationIndex: Sendable {
    struct Entry: Sendable { let id: String; let key: FormationKey }
    /// `type#number` -> curated entries.
    let byTypeNumber: [String: [Entry]]
    /// Curated id -> key (numbered entries only).
    let keyOf: [String: FormationKey]
    /// Folded surname of a curated commander -> side.
    let commanders: [String: String]

    init(units: [Formation]) {
        var by: [String: [Entry]] = [:]
        var keyOf: [String: FormationKey] = [:]
        var cmd: [String: String] = [:]
        for u in units {
            let side = u.side.lowercased()
            if let c = u.commander, let last = LinkTokenizer.tokens(c).last?.folded, last.count > 3 {
                cmd[last] = cmd[last] == nil || cmd[last] == side ? side : "unknown"
            }
            let scalars = Array(u.name.unicodeScalars)
            let toks = LinkTokenizer.tokens(scalars)
            guard !toks.isEmpty, let p = FormationGrammar.parse(toks, scalars, at: 0), p.items.count == 1 else { continue }
            var type = p.type
            if type == "front-army" { type = u.kind == "front" ? "front" : "area-army" }
            let key = FormationKey(side: side, type: type, branch: p.branch, number: p.items[0].number, name: p.name, qualifiers: p.qualifiers)
            by["\(type)#\(key.number)", default: []].append(Entry(id: u.id, key: key))
            keyOf[u.id] = key
        }
        byTypeNumber = by
        self.keyOf = keyOf
        commanders = cmd.filter { $0.value != "unknown" }
    }

    /// The curated entry a found formation is, if its side, type and number (and what else it
    /// says: branch, a front's name) match one entry better than any other.
    func link(_ key: FormationKey) -> String? {
        guard key.side != "unknown" else { return nil }
        let candidates = (byTypeNumber["\(key.type)#\(key.number)"] ?? []).filter { $0.key.side == key.side }
        var best: (String, Int)? = nil
        var tie = false
        for c in candidates {
            let k = c.key
            if key.type == "army" {
                // Armies of different branches are numbered apart (5th Army, 5th Tank Army).
                guard k.branch == key.branch else { continue }
            } else if let a = key.branch, let b = k.branch, a != b { continue }
            if let a = key.name, let b = k.name, a != b { continue }
            var score = 0
            if key.branch != nil && key.branch == k.branch { score += 2 }
            if key.name != nil && key.name == k.name { score += 1 }
            for q in key.qualifiers { score += k.qualifiers.contains(q) ? 1 : -1 }
            if let b = best {
                if score > b.1 { best = (c.id, score); tie = false } else if score == b.1 { tie = true }
            } else { best = (c.id, score) }
        }
        return tie ? nil : best?.0
    }

    /// Whether a curated name is read by the grammar as that very entry: such a name needs no
    /// place in the table of written names (the grammar finds it and reads its side from the text).
    func grammarCovers(_ written: String, unit: Formation) -> Bool {
        let scalars = Array(written.unicodeScalars)
        let toks = LinkTokenizer.tokens(scalars)
        guard !toks.isEmpty, let p = FormationGrammar.parse(toks, scalars, at: 0), p.items.count == 1, p.hi == toks.count,
              p.type != "front-army" else { return false }
        let key = FormationKey(side: unit.side.lowercased(), type: p.type, branch: p.branch, number: p.items[0].number,
                               name: p.name, qualifiers: p.qualifiers)
        // A nationality in the name must agree with the entry.
        if let e = p.explicitSide, e != key.side { return false }
        return link(key) == unit.id
    }
}

/// A formation found in a text: a curated name or a phrase of the grammar.
struct FormationHit {
    var lo: Int, hi: Int
    /// The curated entry matched by name (nil for the grammar's).
    var curated: String?
    var phrase: Int?          // index into the phrases
    var item: Int = 0
    var side: String?
    /// Side from the phrase or the order of battle, not from the surroundings.
    var firm: Bool
}

extension FormationKey {
    /// The side that fights the other (for `Soviet tanks attacked the 124th Division`).
    static func opposite(_ s: String) -> String? {
        switch s {
        case "soviet", "mongolian", "american", "british", "chinese": return "japanese"
        case "japanese", "manchukuo", "mengjiang", "german": return "soviet"
        default: return nil
        }
    }
}

extension EntityLinker {
    /// The formation with this id: an order-of-battle entry, or one the grammar found
    /// (`soviet-rifle-division-124`); nil for an id that is neither.
    public func formation(id: String) -> FormationRef? {
        if let u = data.orderOfBattle.unit(id: id) {
            let k = formationIndex.keyOf[id]
            return FormationRef(id: id, name: u.name, side: u.side, kind: u.kind, type: k?.type, number: k?.number,
                                front: u.front, parent: u.parent, commander: u.commander, curated: true)
        }
        guard let k = FormationKey(id: id) else { return nil }
        return FormationRef(id: id, name: k.displayName, side: FormationKey.sideName(k.side), kind: k.kind, type: k.type,
                            number: k.number, front: nil, parent: nil, commander: nil, curated: false)
    }

    /// The formations of a text, each as (token range, id, is a front), masking what they cover.
    func findFormations(_ toks: [LinkToken], _ scalars: [Unicode.Scalar], masked: inout [Bool]) -> [(Int, Int, String, Bool)] {
        var hits: [FormationHit] = []
        var phrases: [FormationPhrase] = []
        var i = 0
        while i < toks.count {
            if let (pairs, next) = coordinated(toks, at: i) {
                for (lo, hi, id) in pairs {
                    hits.append(FormationHit(lo: lo, hi: hi, curated: id, phrase: nil, side: data.orderOfBattle.unit(id: id)?.side.lowercased(), firm: true))
                }
                for k in i..<next { masked[k] = true }
                i = next
                continue
            }
            let named = longest(in: unitNames, toks, scalars, at: i, masked: masked)
            let phrase = FormationGrammar.parse(toks, scalars, at: i)
            if let p = phrase, p.hi - i > (named?.0 ?? 0) {
                let pi = phrases.count
                phrases.append(p)
                let side = p.explicitSide ?? p.impliedSide
                for (n, item) in p.items.enumerated() {
                    hits.append(FormationHit(lo: item.lo, hi: item.hi, curated: nil, phrase: pi, item: n, side: side, firm: side != nil))
                }
                for k in i..<p.hi { masked[k] = true }
                i = p.hi
                if let (lo, hi, number) = FormationGrammar.elided(after: p, toks, scalars) {
                    // `the 124th Japanese Division and the 126th`: the same kind of formation.
                    var q = p
                    q.lo = lo; q.hi = hi
                    q.items = [(lo, hi, number)]
                    phrases.append(q)
                    hits.append(FormationHit(lo: lo, hi: hi, curated: nil, phrase: phrases.count - 1, item: 0, side: side, firm: side != nil))
                    for k in i..<hi { masked[k] = true }
                    i = hi
                }
                continue
            }
            if let (len, name) = named {
                let target = name.targets.count == 1 ? name.targets[0]
                    : resolve(name.targets, toks, scalars, lo: i, hi: i + len)
                if case .unit(let id) = target {
                    hits.append(FormationHit(lo: i, hi: i + len, curated: id, phrase: nil, side: data.orderOfBattle.unit(id: id)?.side.lowercased(), firm: true))
                }
                for k in i..<(i + len) { masked[k] = true }
                i += len
                continue
            }
            i += 1
        }
        if hits.isEmpty { return [] }
        if hits.contains(where: { $0.side == nil }) { resolveSides(&hits, phrases, toks, scalars) }
        return hits.map { h in
            if let id = h.curated {
                return (h.lo, h.hi, id, data.orderOfBattle.unit(id: id)?.isFront ?? false)
            }
            let p = phrases[h.phrase!]
            let number = p.items[h.item].number
            let side = h.side ?? "unknown"
            var type = p.type
            if type == "front-army" {
                if side == "soviet" { type = "front" } else if side == "japanese" { type = "area-army" } else {
                    // The translations' `front army` with nothing to tell the side: the order of
                    // battle's context cues decide among its readings, as for a shared name.
                    let ids = (["front", "area-army"]).flatMap { formationIndex.byTypeNumber["\($0)#\(number)"] ?? [] }.map(\.id)
                    if !ids.isEmpty, case .unit(let id) = resolve(ids.map { .unit($0) }, toks, scalars, lo: h.lo, hi: h.hi) {
                        return (h.lo, h.hi, id, data.orderOfBattle.unit(id: id)?.isFront ?? false)
                    }
                }
            }
            let key = FormationKey(side: side, type: type, branch: p.branch, number: number, name: p.name, qualifiers: p.qualifiers)
            if let id = formationIndex.link(key) {
                return (h.lo, h.hi, id, data.orderOfBattle.unit(id: id)?.isFront ?? false)
            }
            return (h.lo, h.hi, key.id, type == "front")
        }
    }

    /// Sides of the grammar's formations that their phrase does not say, from the text around them,
    /// in this order: 1. the formation they belong to (`124 Division of 5 Army`, `the Kwantung
    /// Army's 3rd Area Army`) or are listed with (`the 39th Army and the 6th Guards Tank Army`);
    /// 2. the same formation named with its side in the passage, its number written the same way;
    /// 4a. as the object of an attack (`smashed the 88th Division`), the side opposed to the
    /// sentence's first side; 4b. the nearest side word, commander or formation of the sentence
    /// (turned round across `attacked`, `against`…); 5a. the leaning of the type (`infantry
    /// division`); 5b. the sentence's verbs (in August 1945 the Soviets attacked and the Japanese
    /// defended); 6. the one side on which the order of battle has that type and number; 7. the
    /// nearest cue of the passage; else unknown (the corpus pass may still take the document's side).
    func resolveSides(_ hits: inout [FormationHit], _ phrases: [FormationPhrase], _ toks: [LinkToken], _ scalars: [Unicode.Scalar]) {
        // Sentence of each token.
        var sentence = [Int](repeating: 0, count: toks.count)
        for k in 1..<max(1, toks.count) {
            sentence[k] = sentence[k - 1] + (LinkTokenizer.sentenceBreak(scalars, from: toks[k - 1].end, to: toks[k].start) ? 1 : 0)
        }
        var owner = [Int](repeating: -1, count: toks.count)
        for (n, h) in hits.enumerated() { for k in h.lo..<h.hi { owner[k] = n } }
        let hitStarting = Dictionary(hits.enumerated().map { ($0.element.lo, $0.offset) }, uniquingKeysWith: { a, _ in a })

        // 1. The formation it belongs to, a possessive, and formations named with it.
        for _ in 0..<3 {
            var changed = false
            for n in hits.indices where hits[n].side == nil {
                let h = hits[n]
                var k = h.hi
                if k < toks.count, toks[k].folded == "of" {
                    k += 1
                    if k < toks.count, toks[k].folded == "the" { k += 1 }
                    if k < toks.count, let g = hitStarting[k], let s = hits[g].side { hits[n].side = s; changed = true; continue }
                    if k < toks.count, let s = FormationLexicon.nationality[toks[k].folded] { hits[n].side = s; changed = true; continue }
                }
                // `the Kwantung Army's 3rd Area Army`
                if h.lo >= 2, toks[h.lo - 1].folded == "s", owner[h.lo - 2] >= 0, let s = hits[owner[h.lo - 2]].side {
                    hits[n].side = s; changed = true; continue
                }
                // Coordinated in a list: only `and`, `the`, commas between.
                for g in [n - 1, n + 1] where g >= 0 && g < hits.count {
                    guard let s = hits[g].side else { continue }
                    let (a, b) = g < n ? (hits[g].hi, h.lo) : (h.hi, hits[g].lo)
                    guard a <= b, sentence[hits[g].lo] == sentence[h.lo] else { continue }
                    if (a..<b).allSatisfy({ ["and", "the", "with"].contains(toks[$0].folded) }) && b - a <= 2 {
                        hits[n].side = s; changed = true; break
                    }
                }
            }
            if !changed { break }
        }
        guard hits.contains(where: { $0.side == nil }) else { return }

        // 2. The same formation named with its side elsewhere in the passage (the number written
        // the same way where two sides have one of that number).
        for n in hits.indices where hits[n].side == nil {
            guard let p = hits[n].phrase else { continue }
            let mine = phrases[p], number = mine.items[hits[n].item].number
            var same: Set<String> = []
            for g in hits where g.firm {
                guard let s = g.side, let q = g.phrase, phrases[q].type == mine.type, phrases[q].items[g.item].number == number,
                      phrases[q].style == mine.style, phrases[q].abbreviated == mine.abbreviated else { continue }
                same.insert(s)
            }
            if same.count == 1 { hits[n].side = same.first }
        }

        // 3. Side cues of each token outside the formations: nationality words, `Red Army`,
        // commanders; and the formations themselves (at their first token).
        var cue = [String?](repeating: nil, count: toks.count)
        for k in toks.indices {
            if owner[k] >= 0 {
                if hits[owner[k]].lo == k, hits[owner[k]].firm, let s = hits[owner[k]].side { cue[k] = s }
                continue
            }
            let f = toks[k].folded
            if let s = FormationLexicon.nationality[f] {
                // `near the Mongolian border`, `the Japanese coast`: a place, not a side's presence.
                if k + 1 < toks.count, FormationLexicon.geographyNouns.contains(toks[k + 1].folded) { continue }
                cue[k] = s
            }
            else if f == "red", k + 1 < toks.count, toks[k + 1].folded == "army" { cue[k] = "soviet" }
            else if let s = formationIndex.commanders[f] { cue[k] = s }
        }
        // Between a cue and a mention: `attacked`, `against`… set them apart; `with`, `and` after
        // that join them again (`attacked with the 15th Army`).
        func opposed(_ a: Int, _ b: Int) -> Bool {
            var flip = false
            var last = -10
            var k = a
            while k < b {
                if owner[k] < 0 {
                    let f = toks[k].folded
                    if FormationLexicon.opposition.contains(f) { flip = true; last = k }
                    else if flip, k - last <= 2, ["with", "and", "alongside", "together", "supported", "joined"].contains(f) { flip = false }
                }
                k += 1
            }
            return flip
        }
        for n in hits.indices where hits[n].side == nil {
            let h = hits[n]
            let sent = sentence[h.lo]
            // 4a. The object of an attack (`…smashed the 88th Division`, `the defense of the 88th
            // Division`) is of the side opposed to the sentence's first named side.
            var k = h.lo - 1
            var hops = 0
            while k >= 0, sentence[k] == sent, owner[k] < 0, hops < 4,
                  ["the", "of", "a", "an", "through", "enemy", "on", "at", "upon"].contains(toks[k].folded) { k -= 1; hops += 1 }
            if k >= 0, sentence[k] == sent, owner[k] < 0, FormationLexicon.opposition.contains(toks[k].folded) {
                var first = k - 1
                while first >= 0, sentence[first] == sent { first -= 1 }
                first += 1
                if let c = (first..<k).first(where: { cue[$0] != nil && owner[$0] != n }),
                   let side = FormationKey.opposite(cue[c]!) {
                    hits[n].side = side
                    continue
                }
            }
            // 4b. The nearest cue of the sentence.
            var best: (dist: Int, side: String)? = nil
            k = h.lo - 1
            while k >= 0, sentence[k] == sent {
                if let s = cue[k], owner[k] != n {
                    let side = opposed(k + 1, h.lo) ? FormationKey.opposite(s) : s
                    if let side { best = (h.lo - k, side) }
                    break
                }
                k -= 1
            }
            k = h.hi
            while k < toks.count, sentence[k] == sent {
                if let s = cue[k], owner[k] != n {
                    if best == nil || k - h.hi + 1 < best!.dist {
                        let side = opposed(h.hi, k) ? FormationKey.opposite(s) : s
                        if let side { best = (k - h.hi + 1, side) }
                    }
                    break
                }
                k += 1
            }
            if let b = best { hits[n].side = b.side; continue }
            // 5a. The type's leaning.
            if let p = h.phrase, let w = phrases[p].weakSide { hits[n].side = w; continue }
            // 5b. The verbs of the sentence (turned round after `was`, `were`).
            var attack = 0, defend = 0
            k = h.lo - 1
            while k >= 0, sentence[k] == sent { k -= 1 }
            k += 1
            while k < toks.count, sentence[k] == sent {
                if owner[k] < 0 {
                    let f = toks[k].folded
                    let passive = k > 0 && ["was", "were", "been", "being", "be"].contains(toks[k - 1].folded)
                    if f == "fell", k + 1 < toks.count, toks[k + 1].folded == "back" { defend += 1 }
                    else if f == "counter" { defend += 2 }  // `counter-attacked`: the defender
                    else if FormationLexicon.offensive.contains(f) { if passive { defend += 1 } else { attack += 1 } }
                    else if FormationLexicon.defensive.contains(f) { if passive { attack += 1 } else { defend += 1 } }
                }
                k += 1
            }
            if attack != defend { hits[n].side = attack > defend ? "soviet" : "japanese"; continue }
            // 6. The order of battle knows one formation of that type and number in this war.
            if let p = h.phrase {
                let ph = phrases[p], number = ph.items[h.item].number
                let types = ph.type == "front-army" ? ["front", "area-army"] : [ph.type]
                let sides = Set(types.flatMap { formationIndex.byTypeNumber["\($0)#\(number)"] ?? [] }.map(\.key.side))
                if sides.count == 1 { hits[n].side = sides.first; continue }
            }
        }
        // Coordinated formations (`the 5th and 35th Armies`) are of one side.
        var phraseSide: [Int: String] = [:]
        for h in hits { if let p = h.phrase, let s = h.side, phraseSide[p] == nil { phraseSide[p] = s } }
        for n in hits.indices { if let p = hits[n].phrase, let s = phraseSide[p] { hits[n].side = s } }
        // 7. The nearest cue of the passage (other sentences).
        guard hits.contains(where: { $0.side == nil }) else { return }
        let cuePositions = toks.indices.filter { cue[$0] != nil || (owner[$0] >= 0 && hits[owner[$0]].lo == $0) }
        for n in hits.indices where hits[n].side == nil {
            let h = hits[n]
            var best: (Int, String)? = nil
            for k in cuePositions where sentence[k] != sentence[h.lo] {
                guard let s = cue[k] ?? (owner[k] >= 0 && hits[owner[k]].lo == k ? hits[owner[k]].side : nil) else { continue }
                let d = k < h.lo ? h.lo - k : (k - h.hi + 1) * 2
                if best == nil || d < best!.0 { best = (d, s) }
            }
            if let b = best { hits[n].side = b.1 }
        }
    }
}
