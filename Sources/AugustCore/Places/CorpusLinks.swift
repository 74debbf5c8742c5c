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
            let box = MentionsBox(count: parts)
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
        return out
    }

    /// A passage's mentions with the file line of each.
    private func passageMentions(_ p: Passage, _ found: [EntityMention]) -> [PassageMention] {
        var out: [PassageMention] = []
        do {
            if found.isEmpty { return [] }
            // Line of each mention: count the line breaks before its start.
            var breaks: [Int] = []
            for (i, s) in p.text.unicodeScalars.enumerated() where s == "\n" { breaks.append(i) }
            for m in found {
                let before = breaks.prefix { $0 < m.start }.count
                out.append(PassageMention(passageID: p.id, documentID: p.documentID, line: p.lineStart + before, mention: m))
            }
        }
        return out
    }
}

/// Per-part results written by parallel workers, each to its own slot.
final class MentionsBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [[[EntityMention]]]
    init(count: Int) { values = Array(repeating: [], count: count) }
    func set(_ i: Int, _ v: [[EntityMention]]) {
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
