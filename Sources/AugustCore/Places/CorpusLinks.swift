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

    /// The same; `progress` gets the passages done (every 512 and at the end).
    func mentions(in corpus: Corpus, progress: ((Int) -> Void)?) -> [PassageMention] {
        var out: [PassageMention] = []
        for (k, p) in corpus.passages.enumerated() {
            if let progress, k % 512 == 0 { progress(k) }
            let found = mentions(in: p.text)
            if found.isEmpty { continue }
            // Line of each mention: count the line breaks before its start.
            var breaks: [Int] = []
            for (i, s) in p.text.unicodeScalars.enumerated() where s == "\n" { breaks.append(i) }
            for m in found {
                let before = breaks.prefix { $0 < m.start }.count
                out.append(PassageMention(passageID: p.id, documentID: p.documentID, line: p.lineStart + before, mention: m))
            }
        }
        progress?(corpus.passages.count)
        return out
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
