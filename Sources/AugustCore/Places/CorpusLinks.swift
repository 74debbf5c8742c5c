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
        return sidesFromTheDocument(out)
    }

    /// A formation whose passage does not say its side takes the side the same document gives the
    /// same formation elsewhere (`the 124th Division` after `the Japanese 124th Division`), when
    /// the document gives it one side only.
    func sidesFromTheDocument(_ all: [PassageMention]) -> [PassageMention] {
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
        for n in unknownAt {
            let m = all[n]
            // A document in which no formation has a side is not about the war: its `3rd Division`
            // (of a kitchen) is no formation.
            if !withSides.contains(m.documentID) { drop.insert(n); continue }
            guard var k = FormationKey(id: m.mention.id), let s = sides[m.documentID]?[bare(k)], s.count == 1 else { continue }
            k.side = s.first!
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

/// Per-part results written by parallel workers, each to its own slot.
/// Per-part results written by parallel workers, each to its own slot (dates, links, movements).
final class SlotBox<Element>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [[Element]]
    init(count: Int) { values = Array(repeating: [], count: count) }
    func set(_ i: Int, _ v: [Element]) {
        lock.lock()
        values[i] = v
        lock.unlock()
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
