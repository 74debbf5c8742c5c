import Foundation

/// Query text → SearchQuery → FTS5 expression and matching against a text.
/// The first line of the input is the query, the rest is a passage to match it against.
func fuzzQuery(_ bytes: UnsafeBufferPointer<UInt8>) {
    let all = String(decoding: bytes, as: UTF8.self)
    let parts = all.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    let text = String(parts.first ?? "")
    let passage = parts.count > 1 ? String(parts[1]) : text
    let query: SearchQuery
    do {
        query = try SearchQuery.parse(text)
    } catch {
        let m = error.message
        require(!m.isEmpty, "empty message")
        require(m.unicodeScalars.allSatisfy(SafeText.isSafe), "message holds a control: \(Array(m.unicodeScalars))")
        require(m.unicodeScalars.count < 200, "message too long: \(m.unicodeScalars.count)")
        return
    }
    require(!query.required.isEmpty, "a query with nothing required")
    for term in query.required.flatMap(\.alternatives) + query.excluded {
        require(!term.tokens.isEmpty, "empty term")
        for t in term.tokens {
            require(!t.isEmpty && !t.contains("\"") && t == Tokenizer.fold(t), "token \(Array(t.unicodeScalars))")
        }
    }
    let expr = query.ftsExpression
    require(expr.filter { $0 == "\"" }.count % 2 == 0, "unbalanced quotes in \(expr)")
    let tokens = Tokenizer.tokens(passage)
    let count = passage.unicodeScalars.count
    for term in query.positiveTerms {
        for r in TermMatcher.occurrences(of: term, in: tokens) {
            require(r.lowerBound >= 0 && r.lowerBound < r.upperBound && r.upperBound <= count, "range \(r)")
        }
    }
    let highlights = TermMatcher.highlights(query, tokens: tokens)
    for (a, b) in zip(highlights, highlights.dropFirst()) { require(a.upperBound < b.lowerBound, "overlap") }
    if TermMatcher.matches(query, tokens: tokens) { require(!highlights.isEmpty, "a match with nothing to highlight") }
}
