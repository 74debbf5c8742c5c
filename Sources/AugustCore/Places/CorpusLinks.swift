import Foundation

/// A mention inside a passage of a corpus, with the file line it stands on.
public struct PassageMention: Sendable, Hashable {
    public let passageID: String
    public let documentID: String
    /// 1-based line of the file on which the mention starts.
    public let line: Int
    public let mention: EntityMention
}

extension EntityLinker {
    /// Every mention in every passage of the corpus, in corpus order.
    public func mentions(in corpus: Corpus) -> [PassageMention] { mentions(in: corpus, progress: nil) }

    /// The same; `progress` gets the passages done (every block and at the end).
    func mentions(in corpus: Corpus, progress: ((Int) -> Void)?) -> [PassageMention] {
        var out: [PassageMention] = []
        let passages = corpus.passages
        // Each passage is linked on its own: blocks of passages are linked in parallel, the
        // results taken in corpus order (the same list as one passage after another).
        let block = 1024, parts = 8
        for blockStart in stride(from: 0, to: passages.count, by: block) {
            progress?(blockStart)
            let blockEnd = min(blockStart + block, passages.count)
            let step = (blockEnd - blockStart + parts - 1) / parts
            let box = SlotBox<[EntityMention]>(count: parts)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let lo = blockStart + part * step, hi = min(lo + step, blockEnd)
                guard lo < hi else { return }
                box.set(part, (lo..<hi).map { passages[$0] }.map { mentions(in: $0.text) })
            }
            for (p, found) in zip(passages[blockStart..<blockEnd], box.values.joined()) {
                out.append(contentsOf: passageMentions(p, found))
            }
        }
        progress?(passages.count)
        return sidesFromTheDocument(out, corpus: corpus)
    }

    /// A formation whose passage does not say its side takes the side the same document gives the
    /// same formation elsewhere (`the 124th Division` after `the Japanese 124th Division`), when
    /// the document gives it one side only.
    ///
    /// A formation still without a side in a document told in the first person by one side (a
    /// veteran's memoir, a settler's diary: `our division`, `so that the Japanese would not see
    /// us`) takes the narrator's side, unless its sentence sets it against someone.
    func sidesFromTheDocument(_ all: [PassageMention], corpus: Corpus? = nil) -> [PassageMention] {
        func bare(_ k: FormationKey) -> String { "\(k.type)#\(k.number)#\(k.name ?? "")" }
        var unknownAt: [Int] = []
        for (n, m) in all.enumerated() where m.mention.kind != .place && m.mention.id.hasPrefix("unknown-") {
            unknownAt.append(n)
        }
        if unknownAt.isEmpty { return all }
        // (document, type#number#name) -> sides and branches given there.
        var sides: [String: [String: Set<String>]] = [:]
        var withSides: Set<String> = []
        for m in all where m.mention.kind != .place {
            if !m.mention.id.hasPrefix("unknown-") { withSides.insert(m.documentID) }
            guard let k = formationIndex.keyOf[m.mention.id] ?? FormationKey(id: m.mention.id), k.side != "unknown" else { continue }
            sides[m.documentID, default: [:]][bare(k), default: []].insert(k.side)
        }
        var out = all
        var drop: Set<Int> = []
        var narrators = NarratorSide()
        for n in unknownAt {
            let m = all[n]
            // A document in which no formation has a side is not about the war: its `3rd Division`
            // (of a kitchen) is no formation.
            if !withSides.contains(m.documentID) { drop.insert(n); continue }
            guard var k = FormationKey(id: m.mention.id) else { continue }
            if let s = sides[m.documentID]?[bare(k)], s.count == 1 {
                k.side = s.first!
            } else if let corpus, let s = narrators.side(of: m.documentID, corpus, all, self),
                      !NarratorSide.opposedSentence(m, corpus) {
                k.side = s
            } else { continue }
            let id = formationIndex.link(k) ?? k.id
            let e = m.mention
            out[n] = PassageMention(passageID: m.passageID, documentID: m.documentID, line: m.line,
                                    mention: EntityMention(kind: e.kind, id: id, surface: e.surface, start: e.start, end: e.end))
        }
        return drop.isEmpty ? out : out.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    }

    /// A passage's mentions with the file line of each.
    private func passageMentions(_ p: Passage, _ found: [EntityMention]) -> [PassageMention] {
        var out: [PassageMention] = []
        do {
            if found.isEmpty { return [] }
            // Line of each mention: count the line breaks before its start (the mentions are in
            // text order: one pass over the text).
            var line = p.lineStart
            var offset = 0
            var it = p.text.unicodeScalars.makeIterator()
            for m in found {
                while offset < m.start, let s = it.next() {
                    if s == "\n" { line += 1 }
                    offset += 1
                }
                out.append(PassageMention(passageID: p.id, documentID: p.documentID, line: line, mention: m))
            }
        }
        return out
    }
}

/// Per-part results written by parallel workers, each to its own slot (dates, links, movements).
public final class SlotBox<Element>: @unchecked Sendable {
    private let lock = NSLock()
    public private(set) var values: [[Element]]
    public init(count: Int) { values = Array(repeating: [], count: count) }
    public func set(_ i: Int, _ v: [Element]) {
        lock.lock()
        values[i] = v
        lock.unlock()
    }

    /// `work` over `0..<count` cut into up to `parts` contiguous ranges run on the cores (one range
    /// below `splitAt` items), the results joined in range order: the same as one range after another.
    public static func parallelMap(_ count: Int, parts wanted: Int = 8, splitAt: Int = 64,
                            _ work: @Sendable (Range<Int>) -> [Element]) -> [Element] {
        let parts = count < splitAt ? 1 : wanted
        let step = (count + parts - 1) / max(parts, 1)
        let box = SlotBox<Element>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let lo = part * step, hi = min(lo + step, count)
            guard lo < hi else { return }
            box.set(part, work(lo..<hi))
        }
        return Array(box.values.joined())
    }
}

extension EntityLinker {
    /// The mentions of each passage that has any, by passage id (offsets into the passage text).
    public func mentionsByPassage(in corpus: Corpus) -> [String: [EntityMention]] {
        var out: [String: [EntityMention]] = [:]
        for p in corpus.passages {
            let found = mentions(in: p.text)
            if !found.isEmpty { out[p.id] = found }
        }
        return out
    }
}

/// The side a document is told from, when it is told in the first person (`we`, `our`): read only
/// for the few documents that still have a formation without a side, once each.
struct NarratorSide {
    private var known: [String: String?] = [:]
    /// The passages and the formation mentions of each document, gathered on the first question.
    private var passages: [String: [Passage]]?
    private var formations: [String: [String: [PassageMention]]] = [:]

    static let firstPersonPlural: Set<String> = ["we", "us", "our", "ours", "ourselves"]
    static let possessives: Set<String> = ["our", "my"]

    mutating func side(of document: String, _ corpus: Corpus, _ all: [PassageMention], _ linker: EntityLinker) -> String? {
        if let s = known[document] { return s }
        if passages == nil {
            passages = Dictionary(grouping: corpus.passages, by: \.documentID)
            for m in all where m.mention.kind != .place { formations[m.documentID, default: [:]][m.passageID, default: []].append(m) }
        }
        let s = Self.read(passages?[document] ?? [], formations[document] ?? [:], linker)
        known[document] = s
        return s
    }

    /// Votes of the paragraphs told in the first person (`we`, `us`, `our`): a formation called
    /// `our` (`Our 144th Rifle Division`) is the narrator's side (2 votes); a nationality word
    /// outside any formation (`the Japanese would not see us`, `the Russians had crossed`) is the
    /// other side's, unless `we`/`our` stands right before it (`we Soviet soldiers`). The document
    /// must be told so in three paragraphs at least, and a fifth of them (an author's `as we shall
    /// see` is not a narrator); a side wins with two votes or more and twice the votes of any other.
    static func read(_ passages: [Passage], _ formationsAt: [String: [PassageMention]], _ linker: EntityLinker) -> String? {
        var votes: [String: Int] = [:]
        var told = 0
        // A narrator speaks in a fifth of the paragraphs at least (a byte scan decides before any
        // paragraph is tokenized: a history with a few `our` costs no more than that scan).
        let firstPerson = passages.filter { mayBeFirstPerson($0.text) }
        guard firstPerson.count >= 3, firstPerson.count * 5 >= passages.count else { return nil }
        for p in firstPerson {
            let scalars = Array(p.text.unicodeScalars)
            let toks = LinkTokenizer.tokens(scalars)
            guard toks.contains(where: { firstPersonPlural.contains($0.folded) && $0.raw(scalars) != "US" }) else { continue }
            told += 1
            let mentions = formationsAt[p.id] ?? []
            for j in toks.indices {
                let f = toks[j].folded
                if let m = mentions.first(where: { $0.mention.start <= toks[j].start && toks[j].start < $0.mention.end }) {
                    // `our` right before the formation's first word.
                    guard m.mention.start == toks[j].start, j > 0, possessives.contains(toks[j - 1].folded),
                          let side = linker.formation(id: m.mention.id)?.side.lowercased(), side != "unknown" else { continue }
                    votes[side, default: 0] += 2
                    continue
                }
                guard let side = FormationLexicon.nationality[f] else { continue }
                if j + 1 < toks.count, FormationLexicon.geographyNouns.contains(toks[j + 1].folded) { continue }
                if j > 0, firstPersonPlural.contains(toks[j - 1].folded) { votes[side, default: 0] += 1; continue }
                if let other = FormationKey.opposite(side) { votes[other, default: 0] += 1 }
            }
        }
        guard told >= 3 else { return nil }
        let ranked = votes.sorted { $0.value > $1.value }
        guard let top = ranked.first, top.value >= 2 else { return nil }
        if ranked.count > 1, ranked[1].value * 2 > top.value { return nil }
        return top.key
    }

    /// Cheap test before tokenizing: does an ASCII word `we`, `us` or `our…` (any case) stand in
    /// the text? (A false positive only costs the tokenizing.)
    static func mayBeFirstPerson(_ text: String) -> Bool {
        var t = text
        return t.withUTF8 { u -> Bool in
            func letter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
            func end(_ k: Int) -> Bool { k >= u.count || !letter(u[k]) }
            var i = 0
            while i + 1 < u.count {
                let a = u[i] | 0x20
                if a == 0x77 || a == 0x75 || a == 0x6F, i == 0 || !letter(u[i - 1]) {   // w, u, o at a word's start
                    let b = u[i + 1] | 0x20
                    if a == 0x77, b == 0x65, end(i + 2) { return true }                               // we
                    if a == 0x75, b == 0x73, end(i + 2) { return true }                               // us
                    if a == 0x6F, b == 0x75, i + 2 < u.count, u[i + 2] | 0x20 == 0x72 { return true } // our…
                }
                i += 1
            }
            return false
        }
    }

    /// Whether the sentence of a mention sets sides against each other (`we attacked the 124th Division`).
    static func opposedSentence(_ m: PassageMention, _ corpus: Corpus) -> Bool {
        guard let p = corpus.passage(id: m.passageID) else { return true }
        let scalars = Array(p.text.unicodeScalars)
        let toks = LinkTokenizer.tokens(scalars)
        guard let at = toks.firstIndex(where: { $0.end > m.mention.start }) else { return true }
        var lo = at, hi = at
        while lo > 0, !LinkTokenizer.sentenceBreak(scalars, from: toks[lo - 1].end, to: toks[lo].start) { lo -= 1 }
        while hi + 1 < toks.count, !LinkTokenizer.sentenceBreak(scalars, from: toks[hi].end, to: toks[hi + 1].start) { hi += 1 }
        return (lo...hi).contains { FormationLexicon.opposition.contains(toks[$0].folded) }
    }
}
