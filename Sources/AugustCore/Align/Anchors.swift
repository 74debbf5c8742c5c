import Foundation

// Parallel passages, step 1: each document as a list of sentences, each sentence as a set of
// anchors — what two translations of one text keep whatever words they choose: the numbers and
// dates the text gives, the places and formations the linker finds, and its content words (cut to
// a stem, so `occupied` and `occupy` meet). How much an anchor counts is decided later, by how rare
// it is (`AnchorWeights`); nothing here knows a document by its name.

/// One sentence of a document: where it stands and what it is anchored by.
public struct AlignUnit: Sendable, Hashable {
    /// Index into `Document.passages`.
    public let passage: Int
    /// Scalar range inside the passage text, end exclusive.
    public let start: Int
    public let end: Int
    /// Length in scalars, spaces included (the length term compares these).
    public var length: Int { end - start }
    /// Anchor ids (see `Anchors`), each once.
    public let anchors: Set<String>
}

public enum Anchors {
    public static let maxPassageBytes = 1 << 20

    /// The sentences of `document`, with their anchors. `entities` gives, by passage index, the
    /// linked mentions (place, formation or front id and scalar offset) found in it.
    public static func units(of document: Document, entities: [Int: [(id: String, start: Int)]] = [:]) -> [AlignUnit] {
        var out: [AlignUnit] = []
        for (pi, p) in document.passages.enumerated() {
            // A "paragraph" of megabytes (a file without a line break) is no prose to align.
            if p.text.utf8.count > maxPassageBytes { continue }
            let scalars = Array(p.text.unicodeScalars)
            let ents = entities[pi] ?? []
            // The passage tokenized once; each sentence takes the tokens that start inside it.
            let tokens = Tokenizer.tokens(p.text)
            var t = 0
            for r in sentences(scalars) {
                var set = Set<String>()
                while t < tokens.count, tokens[t].start < r.lowerBound { t += 1 }
                while t < tokens.count, tokens[t].start < r.upperBound {
                    if let a = anchor(tokens[t].folded) { set.insert(a) }
                    t += 1
                }
                for e in ents where e.start >= r.lowerBound && e.start < r.upperBound { set.insert("E:" + e.id) }
                // A sentence with nothing to anchor it (a lone quote mark, a page number) is no unit.
                if set.isEmpty { continue }
                out.append(AlignUnit(passage: pi, start: r.lowerBound, end: r.upperBound, anchors: set))
            }
        }
        return out
    }

    /// Sentence ranges of a passage: a sentence ends at `.`, `!`, `?` (and their CJK forms)
    /// followed by a space, a closing quote or the end of the text; leading and trailing spaces
    /// are left out; a range of spaces only is no sentence.
    static func sentences(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        func close(_ end: Int) {
            var a = start, b = end
            while a < b, s[a].properties.isWhitespace { a += 1 }
            while b > a, s[b - 1].properties.isWhitespace { b -= 1 }
            if a < b { out.append(a..<b) }
            start = end
        }
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "。" || c == "！" || c == "？" {
                close(i + 1)
            } else if c == "." || c == "!" || c == "?" {
                var j = i + 1
                while j < s.count, closers.contains(s[j]) { j += 1 }
                if j == s.count || s[j].properties.isWhitespace {
                    // `U.S.` or `No. 5`: a single capital or a short abbreviation before the dot ends nothing.
                    if c == ".", i > 0, isAbbreviation(s, i) { i = j; continue }
                    close(j)
                    i = j
                    continue
                }
            }
            i += 1
        }
        close(s.count)
        return out
    }

    static let closers: Set<Unicode.Scalar> = ["\"", "'", "”", "’", ")", "»", "」", "』"]

    static func isAbbreviation(_ s: [Unicode.Scalar], _ dot: Int) -> Bool {
        var k = dot
        while k > 0, s[k - 1].properties.isAlphabetic { k -= 1 }
        let word = dot - k
        if word == 1, s[k].isUppercaseFast || (k > 0 && s[k - 1] == ".") { return true }  // `J. Smith`, `U.S.`, `p.m.`
        let w = String(String.UnicodeScalarView(s[k..<dot])).lowercased()
        return ["mr", "mrs", "dr", "no", "gen", "col", "lt", "st", "vol", "pp", "cf", "vs", "etc"].contains(w) && word > 0
    }

    /// The anchor of a folded token, or nil for a word that anchors nothing (function words,
    /// words of one or two letters). Numbers are kept as written without leading zeros (`#1945`),
    /// month names as their number (`#m8`: `August`, `Aug`, `августа` would need more names),
    /// other words as their first six letters (`w:occupi`): a crude stem that is the same across
    /// the inflections two translators pick.
    static func anchor(_ t: String) -> String? {
        if let first = t.unicodeScalars.first, first.properties.numericType != nil, t.allSatisfy(\.isNumber) {
            let trimmed = t.drop { $0 == "0" }
            return "#" + (trimmed.isEmpty ? "0" : String(trimmed))
        }
        if let m = months[t] { return "#m\(m)" }
        if t.count < 3 || stopwords.contains(t) { return nil }
        return "w:" + String(t.prefix(6))
    }

    static let months: [String: Int] = {
        var m: [String: Int] = [:]
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"]
        for (i, n) in names.enumerated() { m[n] = i + 1; m[String(n.prefix(3))] = i + 1 }
        m["sept"] = 9
        m["may"] = nil   // also a verb: a month only with a number, which the number anchor already gives
        return m
    }()

    static let stopwords: Set<String> = [
        "the", "and", "for", "that", "this", "with", "from", "was", "were", "are", "has", "had", "have", "been",
        "not", "but", "its", "his", "her", "their", "they", "them", "then", "than", "which", "who", "whom",
        "what", "when", "where", "there", "these", "those", "into", "onto", "upon", "also", "only", "such",
        "all", "any", "each", "other", "some", "more", "most", "very", "can", "could", "would", "should",
        "will", "shall", "may", "might", "must", "did", "does", "being", "after", "before", "over", "under",
        "between", "about", "against", "during", "while", "since", "until", "out", "off", "one", "two",
        "our", "you", "she", "him", "itself", "themselves", "both", "either", "neither", "nor", "so", "too",
        "order", "well", "just", "even", "still", "yet", "how", "why", "because", "through", "per", "via",
    ]
}

/// How much each anchor counts: its inverse frequency among the sentences weighed
/// (`log(1 + N / df)`), so `Nagasaki` or `1941` weighs more than `Soviet` in a corpus about the
/// Soviet war. An anchor not seen when counting weighs as one seen once.
public struct AnchorWeights: Sendable {
    let weights: [String: Double]
    let unseen: Double

    public init<S: Sequence>(units: S) where S.Element == AlignUnit {
        var df: [String: Int] = [:]
        var n = 0
        for u in units {
            n += 1
            for a in u.anchors { df[a, default: 0] += 1 }
        }
        let total = Double(max(n, 1))
        var w: [String: Double] = [:]
        w.reserveCapacity(df.count)
        for (a, c) in df { w[a] = log(1 + total / Double(c)) }
        weights = w
        unseen = log(1 + total)
    }

    public func weight(_ anchor: String) -> Double { weights[anchor] ?? unseen }

    /// Weighted Jaccard of two anchor sets: the weight of what they share over the weight of
    /// what either has. 1 for equal sets, 0 for disjoint ones.
    public func similarity(_ a: Set<String>, _ b: Set<String>) -> Double {
        if a.isEmpty || b.isEmpty { return 0 }
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        var shared = 0.0, all = 0.0
        for x in small {
            let w = weight(x)
            all += w
            if large.contains(x) { shared += w }
        }
        for x in large where !small.contains(x) { all += weight(x) }
        return all > 0 ? shared / all : 0
    }
}
