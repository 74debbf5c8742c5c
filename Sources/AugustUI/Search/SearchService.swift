import AugustCore
import Foundation

// Search without holding every match: a bounded count, windows of matching passages in corpus
// order, highlights for the passages drawn or stepped to only. A key costs a few indexed lookups
// and a handful of highlighted passages, however many passages match.

/// Highlights, and which passages of a range match, for the query last asked about. Shared by
/// update and render (same answers); a new query empties it.
final class SearchCache: @unchecked Sendable {
    private let lock = NSLock()
    private var expression = ""
    private var highlights: [Int: [Range<Int>]] = [:]
    private var ranges: [ClosedRange<Int>: [Int]] = [:]
    private var ranks: [Int: Int?] = [:]
    private var matcher: Highlighter?

    private func scope(_ query: SearchQuery) {
        let e = query.ftsExpression
        if e != expression {
            expression = e
            highlights = [:]
            ranges = [:]
            ranks = [:]
            matcher = nil
        }
    }

    /// The query's highlighter (its terms indexed by first word), made once per query.
    func highlighter(_ query: SearchQuery) -> Highlighter {
        lock.lock(); defer { lock.unlock() }
        scope(query)
        if let matcher { return matcher }
        let made = Highlighter(query)
        matcher = made
        return made
    }

    func highlights(_ query: SearchQuery, _ ordinal: Int, make: () -> [Range<Int>]) -> [Range<Int>] {
        lock.lock()
        scope(query)
        if let hit = highlights[ordinal] { lock.unlock(); return hit }
        lock.unlock()
        let made = make()
        lock.lock()
        scope(query)
        if highlights.count > 4096 { highlights = [:] }
        highlights[ordinal] = made
        lock.unlock()
        return made
    }

    func hits(_ query: SearchQuery, in range: ClosedRange<Int>, make: () -> [Int]) -> [Int] {
        lock.lock()
        scope(query)
        if let hit = ranges[range] { lock.unlock(); return hit }
        lock.unlock()
        let made = make()
        lock.lock()
        scope(query)
        if ranges.count > 256 { ranges = [:] }
        ranges[range] = made
        lock.unlock()
        return made
    }

    func rank(_ query: SearchQuery, _ ordinal: Int, make: () -> Int?) -> Int? {
        lock.lock()
        scope(query)
        if let hit = ranks[ordinal] { lock.unlock(); return hit }
        lock.unlock()
        let made = make()
        lock.lock()
        scope(query)
        if ranks.count > 256 { ranks = [:] }
        ranks[ordinal] = made
        lock.unlock()
        return made
    }
}

/// Work `update` asks for: the search's SQLite queries, as values. The runner (`Explorer.handle`,
/// the terminal loop) hands each to the `SearchService` and feeds its answer back as
/// `Input.answer`; `update` itself never queries.
public enum SearchWork: Sendable, Hashable {
    /// The prompt's text changed: count the matches, find the first at or after passage `from`.
    case typed(text: String, from: Int)
    /// `n` / `N` from `passage`, the cursor at scalar `cursorStart` in it.
    case step(ActiveSearch, forward: Bool, passage: Int, cursorStart: Int)
    /// `s`: the matching passages, best first when few enough to rank.
    case list(ActiveSearch)
    /// The next rows of a search list in corpus order, after passage `after`.
    case moreRows(SearchQuery, after: Int)
    /// `K`: the matches in context.
    case concordance(ActiveSearch)
    /// A passage chosen from a search list: where its first match is, and its rank.
    case open(ActiveSearch, passage: Int)
    /// The matching passages among `range` (what the source pane shows).
    case cover(ActiveSearch, ClosedRange<Int>)
}

/// The answer to a `SearchWork`, as `update` takes it.
public enum SearchAnswer: Sendable, Hashable {
    case typed(text: String, ActiveSearch?, error: String?)
    /// `passage` nil: nothing to go to.
    case stepped(ActiveSearch, passage: Int?, range: Range<Int>, rank: Int?, wrapped: String?)
    case list(ActiveSearch, ordinals: [Int], ranked: Bool, error: String?)
    case moreRows(after: Int, ordinals: [Int], more: Bool)
    case concordance(query: String, lines: [ConcordanceLine])
    /// `range` nil: the passage does not match (open it unmarked).
    case opened(ActiveSearch, passage: Int, range: Range<Int>?)
    case covered(ActiveSearch)
}

/// The search's queries over the index, and the highlighting of a passage (tokenizing, no query).
/// Only the runner calls `answer`; render and update call `matchRanges` alone.
public struct SearchService: Sendable {
    public let data: ExplorerData

    /// Matching passages fetched at a time while walking a search.
    static let windowSize = 256
    /// Matching passages fetched while a query is typed (one is shown; `n` fetches more).
    static let typingWindowSize = 16
    /// Rows a search list loads at a time.
    static let listWindowSize = 100

    var corpus: Corpus { data.corpus }
    var lastPassage: Int { corpus.passages.count - 1 }

    public func answer(_ work: SearchWork) -> SearchAnswer {
        switch work {
        case .typed(let text, let from):
            switch runSearch(text, from: from) {
            case .success(let found): return .typed(text: text, found, error: nil)
            case .failure(let e): return .typed(text: text, nil, error: e.message)
            }
        case .step(let search, let forward, let passage, let cursorStart):
            return step(search, forward: forward, passage: passage, cursorStart: cursorStart)
        case .list(let search):
            guard let index = data.index else { return .list(search, ordinals: [], ranked: false, error: "search is not available (no index)") }
            do {
                // Ranked when the count is exact (at most `countBound` passages: ranking costs each of
                // them a BM25 score, a few microseconds with other names added), else in corpus order.
                let r = try index.rankedOrdinals(search.query, limit: ActiveSearch.countBound,
                                                 rankLimit: ActiveSearch.countBound, unrankedLimit: Self.listWindowSize)
                return .list(search, ordinals: r.ordinals, ranked: r.ranked, error: nil)
            } catch {
                return .list(search, ordinals: [], ranked: false, error: "\(error)")
            }
        case .moreRows(let query, let after):
            let got = (try? data.index?.matchingOrdinals(query, from: after + 1, limit: Self.listWindowSize)) ?? []
            return .moreRows(after: after, ordinals: got, more: got.count == Self.listWindowSize)
        case .concordance(let search):
            let ordinals = (try? data.index?.matchingOrdinals(search.query, from: 0, limit: ActiveSearch.countBound)) ?? []
            let lines = ordinals.flatMap { p in
                Concordance.lines(passage: corpus.passages[p], matches: matchRanges(search, p).filter { !$0.isEmpty })
            }
            return .concordance(query: search.text, lines: lines)
        case .open(let search, let p):
            guard isHit(search, p) else { return .opened(search, passage: p, range: nil) }
            let r = matchRanges(search, p)[0]
            var found = search
            found.current = .init(passage: p, start: r.lowerBound, rank: rank(search, of: p))
            if !found.window.covers(p) { found.window = fetchWindow(found, from: p, backward: false) }
            return .opened(found, passage: p, range: r)
        case .cover(let search, let range):
            var found = search
            found.window = fetchWindow(search, from: range.lowerBound, backward: false)
            return .covered(found)
        }
    }

    /// The highlighted ranges of a matching passage, sorted; one empty range at 0 when its words
    /// could not be placed (so that `n` still stops there).
    public func matchRanges(_ search: ActiveSearch, _ p: Int) -> [Range<Int>] {
        guard corpus.passages.indices.contains(p) else { return [] }
        let hl = data.searchCache.highlights(search.query, p) {
            data.searchCache.highlighter(search.query).highlights(Tokenizer.tokens(corpus.passages[p].text))
        }
        return hl.isEmpty ? [0..<0] : hl
    }

    /// The matching passages among `range` that the search's window holds (no query: what the
    /// window does not cover is asked for with `SearchWork.cover`).
    public static func windowHits(_ search: ActiveSearch, in range: ClosedRange<Int>) -> [Int] {
        let w = search.window
        guard !search.isEmpty, w.lo <= w.hi else { return [] }
        let lo = max(range.lowerBound, w.lo), hi = min(range.upperBound, w.hi)
        guard lo <= hi else { return [] }
        return Array(w.ordinals[w.lowerBound(lo)..<w.lowerBound(hi + 1)])
    }

    /// The matching passages among `range`, ascending (from the window when it covers them).
    func hits(_ search: ActiveSearch, in range: ClosedRange<Int>) -> [Int] {
        if search.isEmpty { return [] }
        let w = search.window
        if w.covers(range.lowerBound), w.covers(range.upperBound) {
            let a = w.lowerBound(range.lowerBound), b = w.lowerBound(range.upperBound + 1)
            return Array(w.ordinals[a..<b])
        }
        guard let index = data.index else { return [] }
        return data.searchCache.hits(search.query, in: range) {
            (try? index.matchingOrdinals(search.query, in: range)) ?? []
        }
    }

    func isHit(_ search: ActiveSearch, _ p: Int) -> Bool { hits(search, in: p...p).first == p }

    /// A window of matches from passage `from` on (or back, `backward`), covering what it holds.
    func fetchWindow(_ search: ActiveSearch, from: Int, backward: Bool, size: Int = SearchService.windowSize) -> HitWindow {
        guard let index = data.index, from >= 0, from <= lastPassage else { return .empty }
        let n = max(1, size)
        let got = (try? index.matchingOrdinals(search.query, from: from, backward: backward, limit: n)) ?? []
        if backward {
            let asc = Array(got.reversed())
            return HitWindow(ordinals: asc, lo: got.count == n ? asc.first! : 0, hi: from)
        }
        return HitWindow(ordinals: got, lo: from, hi: got.count == n ? got.last! : lastPassage)
    }

    /// The first matching passage after `p`, fetching the next window when this one runs out.
    func nextHit(_ search: inout ActiveSearch, after p: Int) -> Int? {
        guard p < lastPassage else { return nil }
        if !search.window.covers(p + 1) { search.window = fetchWindow(search, from: p + 1, backward: false) }
        let w = search.window
        let i = w.lowerBound(p + 1)
        if i < w.ordinals.count { return w.ordinals[i] }
        if w.hi >= lastPassage { return nil }
        search.window = fetchWindow(search, from: w.hi + 1, backward: false)
        return search.window.ordinals.first
    }

    /// The last matching passage before `p`, fetching the previous window when this one runs out.
    func previousHit(_ search: inout ActiveSearch, before p: Int) -> Int? {
        guard p > 0 else { return nil }
        if !search.window.covers(p - 1) { search.window = fetchWindow(search, from: p - 1, backward: true) }
        let w = search.window
        let i = w.lowerBound(p)         // ordinals[i - 1] < p
        if i > 0 { return w.ordinals[i - 1] }
        if w.lo <= 0 { return nil }
        search.window = fetchWindow(search, from: w.lo - 1, backward: true)
        return search.window.ordinals.last
    }

    /// Position of a matching passage among all matching passages (nil beyond the count bound).
    func rank(_ search: ActiveSearch, of p: Int) -> Int? {
        if let c = search.current, c.passage == p { return c.rank }
        guard let index = data.index else { return nil }
        return data.searchCache.rank(search.query, p) {
            guard let r = try? index.boundedCount(search.query, bound: ActiveSearch.countBound, before: p) else { return nil }
            return r.beforeCount <= ActiveSearch.countBound ? r.beforeCount : nil
        }
    }

    /// Runs a query typed at the prompt: the bounded count, and the first match at or after passage
    /// `from` (else the first of all) as the current one.
    func runSearch(_ text: String, from: Int) -> Result<ActiveSearch?, QueryError> {
        // Blank? (Stops at the first other character: a pasted page is not trimmed on every key.)
        if text.unicodeScalars.allSatisfy({ CharacterSet.whitespaces.contains($0) }) { return .success(nil) }
        var q: SearchQuery
        do { q = try SearchQuery.parse(text) } catch { return .failure(error) }
        var added: [String] = []
        if let aliases = data.aliases { (q, added) = q.expandingAliases(using: aliases) }
        guard let index = data.index else { return .failure(QueryError("search is not available (no index)")) }
        let from = max(0, min(from, lastPassage))
        let counted: (total: Int, beforeCount: Int)
        do { counted = try index.boundedCount(q, bound: ActiveSearch.countBound, before: from) } catch {
            return .failure(QueryError("\(error)"))
        }
        var search = ActiveSearch(text: text, query: q, passageCount: counted.total, window: .empty, current: nil)
        search.added = added
        guard counted.total > 0, lastPassage >= 0 else { return .success(search) }
        search.window = fetchWindow(search, from: from, backward: false, size: Self.typingWindowSize)
        var rank: Int? = counted.beforeCount <= ActiveSearch.countBound ? counted.beforeCount : nil
        if search.window.ordinals.isEmpty {
            search.window = fetchWindow(search, from: 0, backward: false, size: Self.typingWindowSize)
            rank = 0
        }
        if let p = search.window.ordinals.first {
            search.current = .init(passage: p, start: matchRanges(search, p)[0].lowerBound, rank: rank)
        }
        return .success(search)
    }

    /// `n` / `N`: the next (previous) highlighted range after (before) the cursor, in corpus order;
    /// past the last (first) it wraps and says so.
    func step(_ search: ActiveSearch, forward: Bool, passage p: Int, cursorStart: Int) -> SearchAnswer {
        var search = search
        // Another range of this passage?
        if isHit(search, p) {
            let ranges = matchRanges(search, p)
            if let r = forward ? ranges.first(where: { $0.lowerBound > cursorStart }) : ranges.last(where: { $0.lowerBound < cursorStart }) {
                return .stepped(search, passage: p, range: r, rank: rank(search, of: p), wrapped: nil)
            }
        }
        // The rank of where we stand, when we stand on a match we know.
        let here: Int?? = search.current?.passage == p ? .some(search.current?.rank) : nil
        if forward {
            if let q = nextHit(&search, after: p) {
                let r: Int? = here.map { $0.map { $0 + 1 } } ?? rank(search, of: q)
                return .stepped(search, passage: q, range: matchRanges(search, q)[0], rank: r, wrapped: nil)
            }
            search.window = fetchWindow(search, from: 0, backward: false)
            guard let q = search.window.ordinals.first else { return .stepped(search, passage: nil, range: 0..<0, rank: nil, wrapped: nil) }
            return .stepped(search, passage: q, range: matchRanges(search, q)[0], rank: 0, wrapped: "search wrapped to the first match")
        }
        if let q = previousHit(&search, before: p) {
            let r: Int? = here.map { $0.map { $0 - 1 } } ?? rank(search, of: q)
            return .stepped(search, passage: q, range: matchRanges(search, q).last!, rank: r, wrapped: nil)
        }
        search.window = fetchWindow(search, from: lastPassage, backward: true)
        guard let q = search.window.ordinals.last else { return .stepped(search, passage: nil, range: 0..<0, rank: nil, wrapped: nil) }
        return .stepped(search, passage: q, range: matchRanges(search, q).last!,
                        rank: search.countIsExact ? search.passageCount - 1 : nil, wrapped: "search wrapped to the last match")
    }
}

/// `TermMatcher.highlights` with the query's terms indexed by their first word: a passage costs a
/// lookup a word, not a comparison a word for every term (a query with its other names added has
/// dozens of terms). Same ranges, sorted and merged the same way.
struct Highlighter: Sendable {
    /// Terms whose first word must equal the key.
    private var byFirst: [String: [SearchQuery.Term]] = [:]
    /// One-word prefix terms (`pre*`): checked at every word.
    private var prefixes: [SearchQuery.Term] = []

    init(_ query: SearchQuery) {
        for t in query.positiveTerms where !t.tokens.isEmpty {
            if t.prefix && t.tokens.count == 1 { prefixes.append(t) } else { byFirst[t.tokens[0], default: []].append(t) }
        }
    }

    func highlights(_ tokens: [Token]) -> [Range<Int>] {
        var all: [Range<Int>] = []
        func check(_ term: SearchQuery.Term, at i: Int) {
            let n = term.tokens.count
            guard i + n <= tokens.count else { return }
            for k in 0..<n {
                let t = tokens[i + k].folded
                let q = term.tokens[k]
                if k == n - 1 && term.prefix ? !t.hasPrefix(q) : t != q { return }
            }
            all.append(tokens[i].start..<tokens[i + n - 1].end)
        }
        for i in tokens.indices {
            if let terms = byFirst[tokens[i].folded] { for t in terms { check(t, at: i) } }
            for t in prefixes { check(t, at: i) }
        }
        return TermMatcher.merged(all)
    }
}
