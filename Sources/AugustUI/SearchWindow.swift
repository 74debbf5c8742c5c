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

extension Explorer {
    /// Matching passages fetched at a time while walking a search.
    static let searchWindowSize = 256
    /// Matching passages fetched while a query is typed (one is shown; `n` fetches more).
    static let typingWindowSize = 16
    /// Rows a search list loads at a time.
    static let listWindowSize = 100

    var lastPassage: Int { corpus.passages.count - 1 }

    /// The highlighted ranges of a matching passage, sorted; one empty range at 0 when its words
    /// could not be placed (so that `n` still stops there).
    func matchRanges(_ search: ActiveSearch, _ p: Int) -> [Range<Int>] {
        guard corpus.passages.indices.contains(p) else { return [] }
        let hl = data.searchCache.highlights(search.query, p) {
            data.searchCache.highlighter(search.query).highlights(Tokenizer.tokens(corpus.passages[p].text))
        }
        return hl.isEmpty ? [0..<0] : hl
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
    func fetchWindow(_ search: ActiveSearch, from: Int, backward: Bool, size: Int = Explorer.searchWindowSize) -> HitWindow {
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
        search.window = fetchWindow(search, from: from, backward: false, size: Explorer.typingWindowSize)
        var rank: Int? = counted.beforeCount <= ActiveSearch.countBound ? counted.beforeCount : nil
        if search.window.ordinals.isEmpty {
            search.window = fetchWindow(search, from: 0, backward: false, size: Explorer.typingWindowSize)
            rank = 0
        }
        if let p = search.window.ordinals.first {
            search.current = .init(passage: p, start: matchRanges(search, p)[0].lowerBound, rank: rank)
        }
        return .success(search)
    }

    /// Go to a match: the source pane shows it emphasised, and it becomes the current one.
    func goToMatch(_ s: inout AppState, _ search: ActiveSearch, passage p: Int, range: Range<Int>, rank: Int?) {
        var search = search
        search.current = .init(passage: p, start: range.lowerBound, rank: rank)
        s.search = search
        s.sourcePassage = p
        s.emphasis = Emphasis(passage: p, start: range.lowerBound, end: range.upperBound)
        fixScroll(&s, passageMoved: true, context: true)
    }

    /// `n` / `N`: the next (previous) highlighted range after (before) the cursor, in corpus order;
    /// past the last (first) it wraps and says so.
    func stepMatch(_ s: inout AppState, forward: Bool) {
        guard var search = s.search else { s.message = "no search yet: press / to search"; return }
        guard !search.isEmpty else { s.message = "no match for \(Explorer.clipped(search.text))"; return }
        let p = max(0, min(s.sourcePassage, lastPassage))
        let cursorStart = (s.emphasis?.passage == p ? s.emphasis?.start : nil) ?? (forward ? -1 : Int.max)
        if s.focus != .source { focus(&s, .source) }
        // Another range of this passage?
        if isHit(search, p) {
            let ranges = matchRanges(search, p)
            if let r = forward ? ranges.first(where: { $0.lowerBound > cursorStart }) : ranges.last(where: { $0.lowerBound < cursorStart }) {
                goToMatch(&s, search, passage: p, range: r, rank: rank(search, of: p))
                return
            }
        }
        // The rank of where we stand, when we stand on a match we know.
        let here: Int?? = search.current?.passage == p ? .some(search.current?.rank) : nil
        if forward {
            if let q = nextHit(&search, after: p) {
                let r: Int? = here.map { $0.map { $0 + 1 } } ?? rank(search, of: q)
                goToMatch(&s, search, passage: q, range: matchRanges(search, q)[0], rank: r)
                return
            }
            search.window = fetchWindow(search, from: 0, backward: false)
            guard let q = search.window.ordinals.first else { return }
            goToMatch(&s, search, passage: q, range: matchRanges(search, q)[0], rank: 0)
            s.message = "search wrapped to the first match"
        } else {
            if let q = previousHit(&search, before: p) {
                let r: Int? = here.map { $0.map { $0 - 1 } } ?? rank(search, of: q)
                goToMatch(&s, search, passage: q, range: matchRanges(search, q).last!, rank: r)
                return
            }
            search.window = fetchWindow(search, from: lastPassage, backward: true)
            guard let q = search.window.ordinals.last else { return }
            goToMatch(&s, search, passage: q, range: matchRanges(search, q).last!,
                      rank: search.countIsExact ? search.passageCount - 1 : nil)
            s.message = "search wrapped to the last match"
        }
    }

    /// `s`: the matching passages best first (or, when too many to rank, in corpus order, loaded a
    /// window at a time as the selection goes down). Rows are drawn from their passages.
    func openSearchList(_ s: inout AppState) {
        guard let search = s.search, let index = data.index else { return }
        let result: (count: Int, ordinals: [Int], ranked: Bool)
        do {
            // Ranked when the count is exact (at most `countBound` passages: ranking costs each of
            // them a BM25 score, a few microseconds with other names added), else in corpus order.
            result = try index.rankedOrdinals(search.query, limit: ActiveSearch.countBound,
                                              rankLimit: ActiveSearch.countBound, unrankedLimit: Explorer.listWindowSize)
        } catch {
            s.message = "search failed: \(error)"; s.messageIsError = true; return
        }
        let ordinals = result.ordinals
        let rows = ordinals.map { ListOverlay.Row(title: "", context: "", highlights: [], passage: $0, item: nil) }
        let noun = search.passageCount == 1 ? "passage" : "passages"
        let order = result.ranked ? "best first" : "in corpus order (too many to rank: narrow the query)"
        let count = search.countIsExact ? "\(search.passageCount)" : "More than \(ActiveSearch.countBound)"
        let also = search.added.isEmpty ? "" : " (with other names: \(search.added.joined(separator: ", ")))"
        var list = ListOverlay(purpose: .searchResults, title: "\(count) \(noun) match \(search.text)\(also) — \(order)", rows: rows)
        list.totalText = search.countText
        if !result.ranked { list.lazy = .init(query: search.query, more: ordinals.count == Explorer.listWindowSize) }
        s.overlay = .list(list)
    }

    /// Load the next rows of a lazy search list when the selection nears the end of those loaded.
    func fillList(_ list: inout ListOverlay) {
        guard let lazy = list.lazy, lazy.more, list.selected + 20 >= list.rows.count, let index = data.index,
              let last = list.rows.last?.passage else { return }
        let got = (try? index.matchingOrdinals(lazy.query, from: last + 1, limit: Explorer.listWindowSize)) ?? []
        list.rows += got.map { ListOverlay.Row(title: "", context: "", highlights: [], passage: $0, item: nil) }
        list.lazy?.more = got.count == Explorer.listWindowSize
    }

    /// A row of a list as drawn: a search list's rows get their label and excerpt from the passage.
    public func displayRow(_ s: AppState, _ list: ListOverlay, _ i: Int) -> ListOverlay.Row {
        let row = list.rows[i]
        guard list.purpose == .searchResults, row.title.isEmpty, let p = row.passage, let search = s.search else { return row }
        let ranges = matchRanges(search, p).filter { !$0.isEmpty }
        let (ctx, hl) = snippet(corpus.passages[p].text, ranges, width: 150)
        return ListOverlay.Row(title: passageLabel(p), context: ctx, highlights: hl, passage: p, item: nil)
    }

    /// The matching passages' highlights among the passages `range` (for drawing the source pane).
    func visibleMatchRanges(_ s: AppState, in range: ClosedRange<Int>) -> [Int: [Range<Int>]] {
        guard let search = s.search, !search.isEmpty else { return [:] }
        var out: [Int: [Range<Int>]] = [:]
        for p in hits(search, in: range) { out[p] = matchRanges(search, p).filter { !$0.isEmpty } }
        return out
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
