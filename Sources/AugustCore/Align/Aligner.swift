import Foundation

// Parallel passages, step 2: the sentences of two documents aligned by dynamic programming, in
// the manner of Gale & Church (1993) and Vecalign (Thompson & Koehn 2019): a path through the
// grid of sentence pairs, each step a 1–1, 1–2 or 2–1 link or a skip of one sentence on either
// side, the path that gains most kept. A link gains what its sentences share (weighted Jaccard of
// their anchors) less a length term and less a threshold; a skip gains nothing, so a sentence is
// left unaligned rather than tied to one it does not translate. Sentence links become passage
// links (a passage is linked to each passage its sentences are linked into).

/// Two passages of two documents that tell the same thing, and how sure that is.
public struct PassageLink: Sendable, Hashable, Codable {
    /// Indices into the two documents' `passages`.
    public let a: Int
    public let b: Int
    /// The best weighted-Jaccard similarity of the sentence links joining them (0…1).
    public let score: Double
    public init(a: Int, b: Int, score: Double) { self.a = a; self.b = b; self.score = score }
}

/// Two documents found to render the same text, and their passage links.
public struct DocumentAlignment: Sendable, Hashable {
    public let a: String
    public let b: String
    /// Share of the shorter document's text (by length, in its sentences) that is linked: 0…1.
    public let score: Double
    /// Sorted by `a`, then `b`.
    public let links: [PassageLink]
    public init(a: String, b: String, score: Double, links: [PassageLink]) {
        self.a = a; self.b = b; self.score = score; self.links = links
    }

    /// The same alignment seen from the other document.
    public var swapped: DocumentAlignment {
        DocumentAlignment(a: b, b: a, score: score,
                          links: links.map { PassageLink(a: $0.b, b: $0.a, score: $0.score) }.sorted { ($0.a, $0.b) < ($1.a, $1.b) })
    }
}

public enum Aligner {
    /// A link must share more than this to beat two skips. Measured
    /// (`AlignTests.sentencesOfUnrelatedDocumentsShareLittle`): of the 159,100 sentence pairs
    /// drawn from unrelated documents about the same war (the seeds that do not translate each
    /// other, and the seeds against `Tests/Corpora/outside`), 99 % share at most 0.077, 99.9 % at
    /// most 0.144 (a date and a name); sentences that translate each other share 0.22–1.0 in the
    /// seeds (median 0.70) and 0.27–0.57 in the hand-written paraphrase. 0.12 keeps a short
    /// translated sentence with a date and a name, and leaves out all but 0.2 % of the unrelated
    /// pairs; those few are scattered, and the document score (`Parallels.minimumCoverage`) does
    /// not let them make a pair.
    public static let linkThreshold = 0.12
    /// The length term: `lengthWeight · |ln(lenA / lenB)|` — 0.1 for one side twice the other.
    public static let lengthWeight = 0.15
    /// What a 1–2 or 2–1 link pays over a 1–1 (it must share more to be chosen).
    public static let mergePenalty = 0.02
    /// Above this many grid cells (200 × 200 sentences) the search is coarse-to-fine (see
    /// `band`): O(n · blockSize) cells for long documents instead of O(n · m).
    public static let fullGridLimit = 40_000

    /// A sentence link: A sentences `a` (1 or 2, consecutive) to B sentences `b`, and its similarity.
    public struct SentenceLink: Sendable, Hashable {
        public let a: Range<Int>
        public let b: Range<Int>
        public let similarity: Double
    }

    /// Anchors as sorted integer ids and their weights, for fast intersections.
    struct Coded {
        var units: [[Int32]]
        var lengths: [Int]
    }

    static func code(_ units: [AlignUnit], ids: inout [String: Int32]) -> Coded {
        var out: [[Int32]] = []
        out.reserveCapacity(units.count)
        for u in units { out.append(ids.sortedNumbers(u.anchors)) }
        return Coded(units: out, lengths: units.map(\.length))
    }

    /// Sorted union of two sorted id lists.
    static func union(_ x: [Int32], _ y: [Int32]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(x.count + y.count)
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if j == y.count || (i < x.count && x[i] < y[j]) { out.append(x[i]); i += 1 }
            else if i == x.count || y[j] < x[i] { out.append(y[j]); j += 1 }
            else { out.append(x[i]); i += 1; j += 1 }
        }
        return out
    }

    /// `jaccard(union(x1, x2), union(y1, y2), w)` without building the unions.
    static func mergedJaccard(_ x1: [Int32], _ x2: [Int32], _ y1: [Int32], _ y2: [Int32], _ w: [Double]) -> Double {
        var i1 = 0, i2 = 0, j1 = 0, j2 = 0, shared = 0.0, all = 0.0
        let end = Int32.max
        while true {
            let xa = i1 < x1.count ? x1[i1] : end, xb = i2 < x2.count ? x2[i2] : end
            let ya = j1 < y1.count ? y1[j1] : end, yb = j2 < y2.count ? y2[j2] : end
            let x = min(xa, xb), y = min(ya, yb)
            if x == end && y == end { break }
            let v = min(x, y)
            let weight = w[Int(v)]
            all += weight
            if x == v && y == v { shared += weight }
            if xa == v { i1 += 1 }
            if xb == v { i2 += 1 }
            if ya == v { j1 += 1 }
            if yb == v { j2 += 1 }
        }
        return all > 0 ? shared / all : 0
    }

    static func jaccard(_ x: [Int32], _ y: [Int32], _ w: [Double]) -> Double {
        var i = 0, j = 0, shared = 0.0, all = 0.0
        while i < x.count || j < y.count {
            if j == y.count || (i < x.count && x[i] < y[j]) { all += w[Int(x[i])]; i += 1 }
            else if i == x.count || y[j] < x[i] { all += w[Int(y[j])]; j += 1 }
            else { let v = w[Int(x[i])]; all += v; shared += v; i += 1; j += 1 }
        }
        return all > 0 ? shared / all : 0
    }

    /// The sentence links of the best path through `a` × `b`.
    /// With `mustCover`, no links when they could not cover that share of the shorter side
    /// (checked on the similarities before the search, which is then skipped).
    public static func align(_ a: [AlignUnit], _ b: [AlignUnit], weights: AnchorWeights, mustCover: Double = 0) -> [SentenceLink] {
        var ids: [String: Int32] = [:]
        let ca = code(a, ids: &ids), cb = code(b, ids: &ids)
        var w = [Double](repeating: 0, count: ids.count)
        for (s, i) in ids { w[Int(i)] = weights.weight(s) }
        return align(ca, cb, w, mustCover: mustCover)
    }

    /// `merges`: false for the coarse pass of `band`, which only places the band (1–1 links and
    /// skips are enough for that).
    static func align(_ a: Coded, _ b: Coded, _ w: [Double], mustCover: Double = 0, merges: Bool = true) -> [SentenceLink] {
        let n = a.units.count, m = b.units.count
        guard n > 0, m > 0 else { return [] }
        let ranges = n * m <= fullGridLimit ? [ClosedRange<Int>](repeating: 0...m, count: n + 1) : band(a, b, w)
        // The grid, flat: row i (A sentences before i) holds columns lo[i]...hi[i] from offset[i].
        let lo = ranges.map(\.lowerBound), hi = ranges.map(\.upperBound)
        var offset = [Int](repeating: 0, count: n + 2)
        for i in 0...n { offset[i + 1] = offset[i] + (hi[i] - lo[i] + 1) }
        let cells = offset[n + 1]
        @inline(__always) func cell(_ i: Int, _ j: Int) -> Int { j >= lo[i] && j <= hi[i] ? offset[i] + j - lo[i] : -1 }

        // The 1–1 similarities (row i, column j: A sentence i-1, B sentence j-1), summed through B's
        // postings: a cell whose sentences share no anchor costs nothing.
        var postings: [Int32: [Int32]] = [:]
        for (j, u) in b.units.enumerated() { for x in u { postings[x, default: []].append(Int32(j + 1)) } }
        func total(_ u: [Int32]) -> Double { u.reduce(0) { $0 + w[Int($1)] } }
        let wb = b.units.map(total)
        var sims = [Float](repeating: 0, count: cells)
        var acc = [Double](repeating: 0, count: m + 1)
        for i in 1...n {
            var touched: [Int] = []
            for x in a.units[i - 1] {
                guard let ps = postings[x] else { continue }
                let v = w[Int(x)]
                for j32 in ps {
                    let j = Int(j32)
                    guard j >= lo[i], j <= hi[i] else { continue }
                    if acc[j] == 0 { touched.append(j) }
                    acc[j] += v
                }
            }
            let wa = total(a.units[i - 1])
            for j in touched {
                sims[offset[i] + j - lo[i]] = Float(acc[j] / (wa + wb[j - 1] - acc[j]))
                acc[j] = 0
            }
        }
        let sim11 = sims   // read-only from here (no exclusivity checks in the closures below)
        @inline(__always) func s11(_ i: Int, _ j: Int) -> Double {
            let c = cell(i, j)
            return c >= 0 ? Double(sim11[c]) : jaccard(a.units[i - 1], b.units[j - 1], w)
        }
        // What the path could cover at most: a sentence can be in a link only if some link with it
        // can pass the threshold (a merged side shares at most what its two sentences share).
        if mustCover > 0 {
            var top1 = [Double](repeating: 0, count: n + 2), top2 = top1
            var col1 = [Double](repeating: 0, count: m + 2), col2 = col1
            for i in 1...n {
                for j in max(1, lo[i])...max(1, hi[i]) where j <= hi[i] {
                    let x = Double(sims[offset[i] + j - lo[i]])
                    guard x > 0 else { continue }
                    if x > top1[i] { top2[i] = top1[i]; top1[i] = x } else if x > top2[i] { top2[i] = x }
                    if x > col1[j] { col2[j] = col1[j]; col1[j] = x } else if x > col2[j] { col2[j] = x }
                }
            }
            func coverable(_ t1: [Double], _ t2: [Double], _ k: Int) -> Bool {
                t1[k] + t2[k] > linkThreshold || t1[k] + t1[k - 1] > linkThreshold || t1[k] + t1[k + 1] > linkThreshold
            }
            let ta = a.lengths.reduce(0, +), tb = b.lengths.reduce(0, +)
            let shorterIsA = ta <= tb
            let (t1, t2, lengths, all) = shorterIsA ? (top1, top2, a.lengths, ta) : (col1, col2, b.lengths, tb)
            var reach = 0
            for k in 1...lengths.count where coverable(t1, t2, k) { reach += lengths[k - 1] }
            if Double(reach) < mustCover * Double(max(all, 1)) { return [] }
        }

        // A link's gain over skipping its sentences, or -1 when it cannot pass the threshold
        // (`ai`, `bj`: sentence indices, from 0).
        func gain(_ ai: Range<Int>, _ bj: Range<Int>) -> Double {
            let bound: Double
            if ai.count == 1 && bj.count == 1 { bound = s11(ai.lowerBound + 1, bj.lowerBound + 1) }
            else if ai.count == 1 { bound = s11(ai.lowerBound + 1, bj.lowerBound + 1) + s11(ai.lowerBound + 1, bj.lowerBound + 2) }
            else { bound = s11(ai.lowerBound + 1, bj.lowerBound + 1) + s11(ai.lowerBound + 2, bj.lowerBound + 1) }
            if bound <= linkThreshold { return -1 }
            let sim: Double
            if ai.count == 1 && bj.count == 1 { sim = bound } else {
                sim = mergedJaccard(a.units[ai.lowerBound], ai.count == 2 ? a.units[ai.lowerBound + 1] : [],
                                    b.units[bj.lowerBound], bj.count == 2 ? b.units[bj.lowerBound + 1] : [], w)
            }
            if sim <= linkThreshold { return -1 }
            let la = ai.reduce(0) { $0 + a.lengths[$1] }, lb = bj.reduce(0) { $0 + b.lengths[$1] }
            let ratio = abs(log(Double(max(la, 1)) / Double(max(lb, 1))))
            return sim - lengthWeight * ratio - linkThreshold - (ai.count + bj.count > 2 ? mergePenalty : 0)
        }

        // best[cell(i, j)]: the most a path through the first i A and j B sentences gains; a path
        // may start anywhere (everything before it skipped, gain 0), so a cell outside the band
        // behind it costs nothing and the band need not hold the corner.
        var best = [Double](repeating: 0, count: cells)
        var move = [UInt8](repeating: 0, count: cells)   // 0 start, 1 skip A, 2 skip B, 3 1–1, 4 1–2, 5 2–1
        var top = (value: 0.0, i: 0, j: 0)
        for i in 0...n {
            for j in lo[i]...hi[i] {
                var v = 0.0, mv: UInt8 = 0
                if i >= 1 { let c = cell(i - 1, j); if c >= 0, best[c] > v { v = best[c]; mv = 1 } }
                if j >= 1 { let c = cell(i, j - 1); if c >= 0, best[c] > v { v = best[c]; mv = 2 } }
                if i >= 1, j >= 1 {
                    let here = cell(i, j)
                    // Every link ending here has A sentence i-1 or B sentence j-1 sharing something.
                    let c11 = cell(i - 1, j - 1)
                    if c11 >= 0, sim11[here] > Float(linkThreshold) {
                        let g = gain((i - 1)..<i, (j - 1)..<j)
                        if g > 0, best[c11] + g > v { v = best[c11] + g; mv = 3 }
                    }
                    if merges, j >= 2, case let c = cell(i - 1, j - 2), c >= 0 {
                        let g = gain((i - 1)..<i, (j - 2)..<j)
                        if g > 0, best[c] + g > v { v = best[c] + g; mv = 4 }
                    }
                    if merges, i >= 2, case let c = cell(i - 2, j - 1), c >= 0 {
                        let g = gain((i - 2)..<i, (j - 1)..<j)
                        if g > 0, best[c] + g > v { v = best[c] + g; mv = 5 }
                    }
                }
                let here = cell(i, j)
                best[here] = v
                move[here] = mv
                if v > top.value { top = (v, i, j) }
            }
        }
        // Back from the best cell (everything after it skipped) to a start.
        var links: [SentenceLink] = []
        var i = top.i, j = top.j
        while i > 0 || j > 0 {
            let c = cell(i, j)
            guard c >= 0 else { break }
            let mv = move[c]
            switch mv {
            case 1: i -= 1
            case 2: j -= 1
            case 3, 4, 5:
                let da = mv == 5 ? 2 : 1, db = mv == 4 ? 2 : 1
                let ra = (i - da)..<i, rb = (j - db)..<j
                let xa = da == 1 ? a.units[ra.lowerBound] : union(a.units[ra.lowerBound], a.units[ra.lowerBound + 1])
                let xb = db == 1 ? b.units[rb.lowerBound] : union(b.units[rb.lowerBound], b.units[rb.lowerBound + 1])
                links.append(SentenceLink(a: ra, b: rb, similarity: jaccard(xa, xb, w)))
                i -= da; j -= db
            default:
                i = 0; j = 0
            }
        }
        return links.reversed()
    }

    /// Sentences per block of the coarse pass (`band`).
    static let blockSize = 8

    /// For long documents, Vecalign's coarse-to-fine search: each document cut into blocks of
    /// `blockSize` sentences (a block's anchors the union of its sentences'), the blocks aligned
    /// by the same search (itself coarse-to-fine when still too long), and the sentence search then
    /// kept to a band of `3 · blockSize` sentences either side of the path the block links draw
    /// (before the first and after the last, the line to the documents' corners). The band is
    /// O(n · blockSize) cells instead of O(n · m).
    static func band(_ a: Coded, _ b: Coded, _ w: [Double]) -> [ClosedRange<Int>] {
        let n = a.units.count, m = b.units.count, k = blockSize
        func blocks(_ c: Coded) -> Coded {
            var units: [[Int32]] = [], lengths: [Int] = []
            for start in stride(from: 0, to: c.units.count, by: k) {
                let end = min(start + k, c.units.count)
                units.append(Array(Set(c.units[start..<end].joined())).sorted())
                lengths.append(c.lengths[start..<end].reduce(0, +))
            }
            return Coded(units: units, lengths: lengths)
        }
        let coarse = align(blocks(a), blocks(b), w, merges: false)
        var points: [(Int, Int)] = [(0, 0)]
        for l in coarse {
            let p0 = (l.a.lowerBound * k, l.b.lowerBound * k), p1 = (min(n, l.a.upperBound * k), min(m, l.b.upperBound * k))
            if let last = points.last, p0.0 >= last.0, p0.1 >= last.1 { points.append(p0) }
            if let last = points.last, p1.0 >= last.0, p1.1 >= last.1 { points.append(p1) }
        }
        if let last = points.last, last.0 < n || last.1 < m { points.append((n, m)) }
        // The path's column at each row (linear between points; a vertical stretch keeps its last).
        var centre = [Int](repeating: 0, count: n + 1)
        var seg = 0
        for i in 0...n {
            while seg + 2 < points.count, points[seg + 1].0 <= i { seg += 1 }
            let (i0, j0) = points[seg], (i1, j1) = points[min(seg + 1, points.count - 1)]
            centre[i] = i1 > i0 ? j0 + (i - i0) * (j1 - j0) / (i1 - i0) : j1
        }
        let half = 3 * k
        var rows: [ClosedRange<Int>] = []
        for i in 0...n {
            let lo = min(centre[i], centre[max(0, i - 1)]) - half
            let hi = max(centre[i], centre[min(n, i + 1)]) + half
            rows.append(max(0, min(m, lo))...max(0, min(m, hi)))
        }
        return rows
    }

    /// Sentence links as passage links (each pair of passages once, with the best score).
    public static func passageLinks(_ links: [SentenceLink], _ a: [AlignUnit], _ b: [AlignUnit]) -> [PassageLink] {
        var best: [PairKey: Double] = [:]
        for l in links {
            for i in l.a { for j in l.b {
                let k = PairKey(a: a[i].passage, b: b[j].passage)
                best[k] = max(best[k] ?? 0, l.similarity)
            } }
        }
        return best.map { PassageLink(a: $0.key.a, b: $0.key.b, score: $0.value) }.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
    }

    struct PairKey: Hashable { let a: Int, b: Int }

    /// Share of the shorter side's sentence length that the links cover.
    public static func coverage(_ links: [SentenceLink], _ a: [AlignUnit], _ b: [AlignUnit]) -> Double {
        let ta = a.reduce(0) { $0 + $1.length }, tb = b.reduce(0) { $0 + $1.length }
        guard ta > 0, tb > 0 else { return 0 }
        let la = links.reduce(0) { s, l in s + l.a.reduce(0) { $0 + a[$1].length } }
        let lb = links.reduce(0) { s, l in s + l.b.reduce(0) { $0 + b[$1].length } }
        return ta <= tb ? Double(la) / Double(ta) : Double(lb) / Double(tb)
    }
}

/// Strings numbered in the order first seen (what the aligner's anchors and the conflict finder's
/// key words and documents are compared as): a new key gets the next number, the count so far.
extension Dictionary where Value == Int32 {
    mutating func number(_ key: Key) -> Int32 {
        if let n = self[key] { return n }
        let n = Int32(count)
        self[key] = n
        return n
    }

    /// The numbers of `keys`, ascending (for merge-style intersections).
    mutating func sortedNumbers<S: Sequence>(_ keys: S) -> [Int32] where S.Element == Key {
        var out: [Int32] = []
        out.reserveCapacity(keys.underestimatedCount)
        for k in keys { out.append(number(k)) }
        return out.sorted()
    }
}
