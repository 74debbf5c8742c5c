import Foundation

// Parallel passages, step 3: which documents of a corpus render the same text. Every pair of
// documents likely enough (see `candidates`) is aligned; a pair is kept when its links cover
// enough of the shorter document. Nothing here looks at file names.

public struct Parallels: Sendable {
    /// Every aligned pair of documents, `a` before `b` in corpus order, sorted by `a` then `b`.
    public let alignments: [DocumentAlignment]

    public init(alignments: [DocumentAlignment]) { self.alignments = alignments }
    public static let empty = Parallels(alignments: [])

    /// A pair is kept when its links cover at least this share of the shorter document's text
    /// and number at least `minimumLinks`. Measured (`AlignTests.unrelatedDocumentsStayFarBelowTheThreshold`,
    /// printed): the 54 pairs of unrelated documents about the same war — the seeds that are not
    /// translations of each other, and the seeds and the texts of `Tests/Corpora/outside` among
    /// themselves — cover 0.107 at most (a few scattered sentences that share a date and a
    /// name); the seeds' two translations cover 0.92, the hand-written paraphrase 1.0. 0.3 stands
    /// well above the unrelated pairs and leaves room for a translation that drops or recasts a
    /// good part of its text.
    public static let minimumCoverage = 0.3
    /// Three sentence links at least: a single shared sentence (a quotation, a date line) does not
    /// make two documents renderings of one text.
    public static let minimumLinks = 3

    /// The sentences of each document with their anchors; `mentions` (the linker's, any order)
    /// add the places and formations each sentence names.
    public static func units(_ corpus: Corpus, mentions: [PassageMention] = []) -> [String: [AlignUnit]] {
        var byDoc: [String: [Int: [(id: String, start: Int)]]] = [:]
        if !mentions.isEmpty {
            var numberOf: [String: Int] = [:]
            for d in corpus.documents { for (i, p) in d.passages.enumerated() { numberOf[p.id] = i } }
            for m in mentions {
                guard let i = numberOf[m.passageID] else { continue }
                byDoc[m.documentID, default: [:]][i, default: []].append((m.mention.id, m.mention.start))
            }
        }
        // Each document on its own, side by side.
        let docs = corpus.documents, entities = byDoc
        let box = SlotBox<[AlignUnit]>(count: docs.count)
        DispatchQueue.concurrentPerform(iterations: docs.count) { k in
            box.set(k, [Anchors.units(of: docs[k], entities: entities[docs[k].id] ?? [:])])
        }
        var out: [String: [AlignUnit]] = [:]
        for (k, d) in docs.enumerated() { out[d.id] = box.values[k].first ?? [] }
        return out
    }

    /// Every pair of documents of `corpus` that render one text, aligned.
    public static func find(in corpus: Corpus, mentions: [PassageMention] = []) -> Parallels {
        let units = units(corpus, mentions: mentions)
        let weights = AnchorWeights(units: units.values.joined())
        let docs = corpus.documents.map(\.id)
        // The pairs are aligned side by side, each on its own (the results taken in pair order).
        let pairs = candidates(docs, units: units, weights: weights)
        let box = SlotBox<DocumentAlignment>(count: pairs.count)
        DispatchQueue.concurrentPerform(iterations: pairs.count) { k in
            let (x, y) = pairs[k]
            if let al = align(docs[x], docs[y], units: units, weights: weights) { box.set(k, [al]) }
        }
        return Parallels(alignments: box.values.joined().sorted { ($0.a, $0.b) < ($1.a, $1.b) })
    }

    /// The alignment of two named documents (`a` as given first), or nil when they do not render
    /// one text. Weights come from the whole corpus, as in `find`.
    public static func pair(_ a: String, _ b: String, in corpus: Corpus, mentions: [PassageMention] = []) -> DocumentAlignment? {
        let units = units(corpus, mentions: mentions)
        let weights = AnchorWeights(units: units.values.joined())
        return align(a, b, units: units, weights: weights)
    }

    static func align(_ a: String, _ b: String, units: [String: [AlignUnit]], weights: AnchorWeights) -> DocumentAlignment? {
        guard a != b, let ua = units[a], let ub = units[b] else { return nil }
        let links = Aligner.align(ua, ub, weights: weights, mustCover: minimumCoverage)
        let cover = Aligner.coverage(links, ua, ub)
        guard links.count >= minimumLinks, cover >= minimumCoverage else { return nil }
        return DocumentAlignment(a: a, b: b, score: cover, links: Aligner.passageLinks(links, ua, ub))
    }

    /// How far `a` and `b` render one text (the coverage of the shorter), whether or not kept:
    /// what the thresholds above were measured with.
    public static func coverages(in corpus: Corpus) -> [(a: String, b: String, coverage: Double, links: Int)] {
        let units = units(corpus)
        let weights = AnchorWeights(units: units.values.joined())
        let ids = corpus.documents.map(\.id)
        var out: [(a: String, b: String, coverage: Double, links: Int)] = []
        for x in ids.indices { for y in ids.indices where y > x {
            let (c, n) = coverage(ids[x], ids[y], units: units, weights: weights)
            out.append((ids[x], ids[y], c, n))
        } }
        return out
    }

    static func coverage(_ a: String, _ b: String, units: [String: [AlignUnit]], weights: AnchorWeights) -> (coverage: Double, links: Int) {
        guard let ua = units[a], let ub = units[b] else { return (0, 0) }
        let links = Aligner.align(ua, ub, weights: weights)
        return (Aligner.coverage(links, ua, ub), links.count)
    }

    /// The pairs worth aligning: all of them in a corpus of up to `allPairsUpTo` documents; in a
    /// larger one, each document with the `neighbours` whose rarer anchors it shares most (cosine
    /// of their anchor-weight vectors), so the work grows with the documents, not their square. A
    /// translation shares its dates, numbers and names with its original more than with any
    /// other text on the same subject, so it is among them (two: a third version of the same
    /// text is reached from the other side). Each candidate pair is then searched in full; on a
    /// generated corpus of 10 MB (166 documents that recombine the seeds' passages, so every pair
    /// shares sentences) this takes a few seconds of the explorer's cold start, measured by hand.
    ///
    /// An anchor found in many documents says little about which two are versions of each other,
    /// and following it costs a pass over all of them: only anchors in at most a tenth of the
    /// documents, and never more than `commonAnchorDocuments`, are followed. (The tenth alone made
    /// the search quadratic: at 1 GB, 16 552 documents, it ran for most of an hour.)
    static let allPairsUpTo = 12
    static let neighbours = 2
    static let commonAnchorDocuments = 64

    static func candidates(_ docs: [String], units: [String: [AlignUnit]], weights: AnchorWeights) -> [(Int, Int)] {
        let n = docs.count
        if n <= allPairsUpTo {
            var all: [(Int, Int)] = []
            for x in 0..<n { for y in (x + 1)..<max(n, x + 1) { all.append((x, y)) } }
            return all
        }
        var vectors: [[String: Double]] = []
        var postings: [String: [Int]] = [:]
        for (k, d) in docs.enumerated() {
            var v: [String: Double] = [:]
            for u in units[d] ?? [] { for a in u.anchors { v[a, default: 0] += weights.weight(a) } }
            let norm = sqrt(v.values.reduce(0) { $0 + $1 * $1 })
            if norm > 0 { for (a, x) in v { v[a] = x / norm } }
            vectors.append(v)
            for a in v.keys { postings[a, default: []].append(k) }
        }
        var pairs = Set<PairKey>()
        let common = max(8, min(n / 10, commonAnchorDocuments))
        for x in 0..<n {
            var dot: [Int: Double] = [:]
            for (a, vx) in vectors[x] {
                guard let ps = postings[a], ps.count <= common else { continue }  // common anchors say little
                for y in ps where y != x { dot[y, default: 0] += vx * (vectors[y][a] ?? 0) }
            }
            for (y, _) in dot.sorted(by: { $0.value > $1.value }).prefix(neighbours) { pairs.insert(PairKey(a: min(x, y), b: max(x, y))) }
        }
        return pairs.map { ($0.a, $0.b) }.sorted { $0 < $1 }
    }

    struct PairKey: Hashable { let a: Int, b: Int }

    /// The alignments that involve `document`, each seen from it (`a` is `document`).
    public func alignments(of document: String) -> [DocumentAlignment] {
        alignments.compactMap { $0.a == document ? $0 : $0.b == document ? $0.swapped : nil }
    }
}
