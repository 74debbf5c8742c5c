/// A search query in the syntax readers type:
///
///     soviet tank            both words (in any order)
///     "kwantung army"        the exact phrase
///     manch*                 any word that starts with `manch`
///     harbin OR mukden       either word
///     khingan -greater       the first word and not the second
///
/// Words are matched case- and diacritic-insensitively, word by word (see `Tokenizer`).
public struct SearchQuery: Sendable, Hashable {
    /// A word, a prefix or a phrase: a sequence of folded tokens; `prefix` marks the last as a prefix.
    public struct Term: Sendable, Hashable {
        public var tokens: [String]
        public var prefix: Bool
        public init(tokens: [String], prefix: Bool = false) {
            self.tokens = tokens
            self.prefix = prefix
        }
        /// What the user typed (or the alias it stands for), for messages.
        public var display: String {
            let body = tokens.joined(separator: " ")
            let shown = tokens.count > 1 ? "\"\(body)\"" : body
            return prefix ? shown + "*" : shown
        }
    }

    /// One required clause: any of its terms must match (a single term, or terms joined by OR).
    public struct Clause: Sendable, Hashable {
        public var alternatives: [Term]
        public init(_ alternatives: [Term]) { self.alternatives = alternatives }
    }

    /// Clauses that must all match.
    public var required: [Clause]
    /// Terms none of which may match.
    public var excluded: [Term]
    /// The text as typed.
    public let source: String

    public init(required: [Clause], excluded: [Term], source: String) {
        self.required = required
        self.excluded = excluded
        self.source = source
    }
}

public struct QueryError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension SearchQuery {
    /// Longest query accepted; longer input is refused with a message, never truncated silently.
    public static let maxLength = 1_000

    /// Parse a query; a query that cannot be understood throws a `QueryError` saying what is wrong.
    public static func parse(_ text: String) throws(QueryError) -> SearchQuery {
        if text.unicodeScalars.count > maxLength {
            throw QueryError("query too long (\(text.unicodeScalars.count) characters; at most \(maxLength))")
        }
        enum Lexeme: Equatable { case term(String, quoted: Bool, negated: Bool, prefix: Bool), or }
        var lexemes: [Lexeme] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace || s.value < 0x20 }
        while i < scalars.count {
            if isSpace(scalars[i]) { i += 1; continue }
            var negated = false
            if scalars[i] == "-", i + 1 < scalars.count, !isSpace(scalars[i + 1]) {
                negated = true
                i += 1
            }
            if scalars[i] == "\"" || scalars[i] == "“" || scalars[i] == "”" {
                var j = i + 1
                while j < scalars.count, scalars[j] != "\"", scalars[j] != "”", scalars[j] != "“" { j += 1 }
                guard j < scalars.count else {
                    throw QueryError("unbalanced quote: a phrase opened with \" needs a closing \"")
                }
                var body = String.UnicodeScalarView()
                body.append(contentsOf: scalars[(i + 1)..<j])
                var prefix = false
                j += 1
                if j < scalars.count, scalars[j] == "*" { prefix = true; j += 1 }
                lexemes.append(.term(String(body), quoted: true, negated: negated, prefix: prefix))
                i = j
                continue
            }
            var j = i
            while j < scalars.count, !isSpace(scalars[j]), scalars[j] != "\"" { j += 1 }
            var word = String.UnicodeScalarView()
            word.append(contentsOf: scalars[i..<j])
            let w = String(word)
            i = j
            if w == "OR" && !negated {
                lexemes.append(.or)
            } else {
                var prefix = false
                var body = w
                if body.hasSuffix("*") {
                    prefix = true
                    while body.hasSuffix("*") { body.removeLast() }
                }
                lexemes.append(.term(body, quoted: false, negated: negated, prefix: prefix))
            }
        }

        var required: [Clause] = []
        var excluded: [Term] = []
        var pendingOr = false
        for (n, lexeme) in lexemes.enumerated() {
            switch lexeme {
            case .or:
                guard !required.isEmpty, n > 0, lexemes[n - 1] != .or else {
                    throw QueryError("OR needs a word on each side (as in: harbin OR mukden)")
                }
                if case .term(_, _, true, _) = lexemes[n - 1] {
                    throw QueryError("OR cannot follow an excluded word")
                }
                pendingOr = true
            case .term(let body, let quoted, let negated, let prefix):
                let tokens = Tokenizer.tokens(body).map(\.folded)
                if tokens.isEmpty {
                    if prefix && body.isEmpty {
                        throw QueryError("a * needs letters before it (as in: manch*)")
                    }
                    if quoted {
                        throw QueryError("the phrase \"\(excerpt(body))\" has no words to look for")
                    }
                    if pendingOr { throw QueryError("OR needs a word on each side (as in: harbin OR mukden)") }
                    continue  // stray punctuation between words: ignore, like a search engine
                }
                let term = Term(tokens: tokens, prefix: prefix)
                if negated {
                    if pendingOr { throw QueryError("OR cannot join an excluded word") }
                    excluded.append(term)
                } else if pendingOr {
                    required[required.count - 1].alternatives.append(term)
                    pendingOr = false
                } else {
                    required.append(Clause([term]))
                }
            }
        }
        if pendingOr { throw QueryError("OR needs a word on each side (as in: harbin OR mukden)") }
        if required.isEmpty {
            if !excluded.isEmpty {
                throw QueryError("nothing to look for: a query needs a word that is not excluded with -")
            }
            throw QueryError("nothing to look for: the query has no words")
        }
        return SearchQuery(required: required, excluded: excluded, source: text)
    }

    /// Typed text quoted in a message: printable (controls shown as placeholders, so the message
    /// stays one line) and short.
    static func excerpt(_ text: String, limit: Int = 40) -> String {
        let printable = SafeText.printable(text)
        guard printable.unicodeScalars.count > limit else { return printable }
        return printable.scalarSlice(0, limit - 1) + "…"
    }

    /// The FTS5 MATCH expression for this query (tokens are already folded and contain only word
    /// characters, so quoting them is always valid).
    public var ftsExpression: String {
        let term = SearchQuery.ftsTerm
        var parts = required.map { clause -> String in
            clause.alternatives.count == 1 ? term(clause.alternatives[0])
                : "(" + clause.alternatives.map(term).joined(separator: " OR ") + ")"
        }
        var expr = parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " AND ") + ")"
        if !excluded.isEmpty {
            parts = excluded.map(term)
            expr += " NOT " + (parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " OR ") + ")")
        }
        return expr
    }

    /// The FTS5 MATCH expression of one term.
    public static func ftsTerm(_ t: Term) -> String {
        "\"" + t.tokens.joined(separator: " ") + "\"" + (t.prefix ? "*" : "")
    }

    /// Every term that can produce a highlight.
    public var positiveTerms: [Term] { required.flatMap(\.alternatives) }
}

/// Finds where terms occur in a tokenized text.
public enum TermMatcher {
    /// Scalar ranges `[start, end)` of every occurrence of `term` in `tokens`.
    public static func occurrences(of term: SearchQuery.Term, in tokens: [Token]) -> [Range<Int>] {
        let n = term.tokens.count
        guard n > 0, tokens.count >= n else { return [] }
        var out: [Range<Int>] = []
        for i in 0...(tokens.count - n) {
            var ok = true
            for k in 0..<n {
                let t = tokens[i + k].folded
                let q = term.tokens[k]
                if k == n - 1 && term.prefix ? !t.hasPrefix(q) : t != q { ok = false; break }
            }
            if ok { out.append(tokens[i].start..<tokens[i + n - 1].end) }
        }
        return out
    }

    /// Whether a text with these tokens satisfies the query.
    public static func matches(_ query: SearchQuery, tokens: [Token]) -> Bool {
        for clause in query.required {
            if !clause.alternatives.contains(where: { !occurrences(of: $0, in: tokens).isEmpty }) { return false }
        }
        for term in query.excluded where !occurrences(of: term, in: tokens).isEmpty { return false }
        return true
    }

    /// Sorted, merged ranges of every positive term of `query` in the text.
    public static func highlights(_ query: SearchQuery, tokens: [Token]) -> [Range<Int>] {
        merged(query.positiveTerms.flatMap { occurrences(of: $0, in: tokens) })
    }

    /// The ranges sorted, overlapping or touching ones joined: what a highlight draws.
    public static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }
}
