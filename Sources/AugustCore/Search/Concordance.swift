import Foundation

/// Keyword in context (KWIC): every match of a search as one line, the match in a column of its
/// own with the words before and after it, sortable by the words to its left or right (AntConc's
/// `1L`, `2L`, `1R`, `2R`). Pure: made from passages and the match ranges the search found.
public struct ConcordanceLine: Sendable, Hashable, Codable {
    public let passageID: String
    public let documentID: String
    /// 1-based line of the file on which the match stands.
    public let line: Int
    /// The words before the match (newlines as spaces), the match as written, the words after.
    public let left: String
    public let match: String
    public let right: String
    /// The match's scalar offsets in the passage text.
    public let start: Int
    public let end: Int
}

public enum ConcordanceSort: String, Sendable, CaseIterable {
    case corpus, L1 = "1L", L2 = "2L", R1 = "1R", R2 = "2R"

    public static func parse(_ text: String) -> ConcordanceSort? {
        let t = text.uppercased()
        if t == "CORPUS" || t == "NONE" { return .corpus }
        return allCases.first { $0.rawValue == t || String($0.rawValue.reversed()) == t }
    }
}

public enum Concordance {
    /// How many scalars of context each side keeps (the printers cut it to their width).
    public static let contextScalars = 120

    public static func lines(passage: Passage, matches: [Range<Int>]) -> [ConcordanceLine] {
        let scalars = Array(passage.text.unicodeScalars)
        func flat(_ a: Int, _ b: Int) -> String {
            var v = String.UnicodeScalarView()
            for s in scalars[max(0, a)..<min(scalars.count, b)] { v.append(s == "\n" || s == "\t" || s == "\r" ? " " : s) }
            return String(v)
        }
        return matches.filter { !$0.isEmpty && $0.upperBound <= scalars.count }.map { r in
            let line = passage.lineStart + scalars[0..<r.lowerBound].reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
            return ConcordanceLine(passageID: passage.id, documentID: passage.documentID, line: line,
                                   left: flat(r.lowerBound - contextScalars, r.lowerBound),
                                   match: flat(r.lowerBound, r.upperBound),
                                   right: flat(r.upperBound, r.upperBound + contextScalars),
                                   start: r.lowerBound, end: r.upperBound)
        }
    }

    /// The words of a context, folded for sorting (case and accents), punctuation dropped.
    static func words(_ s: String) -> [String] {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// Sorted by the chosen word (then the next ones out, then corpus order: a stable sort).
    public static func sorted(_ lines: [ConcordanceLine], by sort: ConcordanceSort) -> [ConcordanceLine] {
        guard sort != .corpus else { return lines }
        func key(_ l: ConcordanceLine) -> [String] {
            let left = Array(words(l.left).reversed()), right = words(l.right)
            func at(_ a: [String], _ i: Int) -> String { i < a.count ? a[i] : "" }
            switch sort {
            case .L1: return [at(left, 0), at(left, 1), at(left, 2)]
            case .L2: return [at(left, 1), at(left, 0), at(left, 2)]
            case .R1: return [at(right, 0), at(right, 1), at(right, 2)]
            case .R2: return [at(right, 1), at(right, 0), at(right, 2)]
            case .corpus: return []
            }
        }
        let keyed = lines.enumerated().map { (key($0.element), $0.offset, $0.element) }
        return keyed.sorted { a, b in a.0 != b.0 ? a.0.lexicographicallyPrecedes(b.0) : a.1 < b.1 }.map(\.2)
    }
}
