import Foundation

/// Every name of every place and formation, keyed by its search tokens, for widening queries.
/// Built once per linker (`EntityLinker.aliasIndex`).
public struct AliasIndex: Sendable {
    /// Words that only say what kind of thing a name is (`river`, `army`): a query word equal to a
    /// name without them (`Kwantung` for `Kwantung Army`) still stands for that name.
    static let designators: Set<String> = [
        "river", "lake", "mountains", "mountain", "range", "ridge", "island", "islands", "peninsula",
        "strait", "sea", "bay", "city", "county", "province", "region", "army", "armies", "fleet",
        "flotilla", "front", "group", "the", "of",
    ]

    struct Entry: Sendable { let names: [(written: String, tokens: [String])] }
    let entries: [Entry]
    let exact: [[String]: [Int]]
    let core: [[String]: [Int]]

    public init(data: CuratedData) {
        var all: [[String]] = data.gazetteer.places.map(\.names)
        all += data.orderOfBattle.units.map(\.names)
        var entries: [Entry] = []
        var exact: [[String]: [Int]] = [:]
        var core: [[String]: [Int]] = [:]
        for (i, names) in all.enumerated() {
            var kept: [(String, [String])] = []
            // Capitals-only short names (`US`) are left out: search folds case, and `us` is a word.
            for n in names where !EntityLinker.isCaseSensitive(n) {
                let toks = Tokenizer.tokens(n).map(\.folded)
                guard !toks.isEmpty else { continue }
                kept.append((n, toks))
                if !(exact[toks]?.contains(i) ?? false) { exact[toks, default: []].append(i) }
                let c = toks.filter { !Self.designators.contains($0) }
                if !c.isEmpty, c != toks, !(core[c]?.contains(i) ?? false) { core[c, default: []].append(i) }
            }
            entries.append(Entry(names: kept))
        }
        self.entries = entries
        self.exact = exact
        self.core = core
    }

    /// The names (as written) of every entity the term stands for: its words equal one of the
    /// entity's names; only when no name equals it, a name without its designator words.
    func names(for tokens: [String]) -> [(written: String, tokens: [String])] {
        (exact[tokens] ?? core[tokens] ?? []).flatMap { entries[$0].names }
    }
}

extension SearchQuery {
    /// Consecutive plain words that together are a known name (`Greater Khingan`, typed without
    /// quotes) become one clause for that name: the phrase, widened below to all the other names.
    /// The longest run wins; words joined by OR, prefixes and phrases are left as they are.
    static func joiningNames(_ clauses: [Clause], index: AliasIndex) -> [Clause] {
        func plain(_ c: Clause) -> [String]? {
            guard c.alternatives.count == 1, !c.alternatives[0].prefix, c.alternatives[0].tokens.count == 1 else { return nil }
            return c.alternatives[0].tokens
        }
        var out: [Clause] = []
        var i = 0
        while i < clauses.count {
            var joined: (end: Int, tokens: [String])? = nil
            if plain(clauses[i]) != nil {
                var toks = plain(clauses[i])!
                var j = i + 1
                while j < clauses.count, let t = plain(clauses[j]) {
                    toks += t
                    j += 1
                    if !index.names(for: toks).isEmpty { joined = (j, toks) }
                }
            }
            if let (end, toks) = joined {
                out.append(Clause([Term(tokens: toks)]))
                i = end
            } else {
                out.append(clauses[i])
                i += 1
            }
        }
        return out
    }

    /// The query with every term that is a known name of a place or formation widened to all the
    /// other names of it (`Ussuri` also finds `Wusuli`, `Kwantung` also finds `Kanto army`), and
    /// the names added, as written in the curated data. Prefix terms are left alone, and so are
    /// short names in capitals (`US`), which a case-folding search cannot tell from words.
    public func expandingAliases(using linker: EntityLinker) -> (query: SearchQuery, added: [String]) {
        expandingAliases(using: linker.aliasIndex)
    }

    public func expandingAliases(using index: AliasIndex) -> (query: SearchQuery, added: [String]) {
        var added: [String] = []
        var out = self
        out.required = Self.joiningNames(out.required, index: index)
        for ci in out.required.indices {
            var alternatives = out.required[ci].alternatives
            for term in out.required[ci].alternatives where !term.prefix {
                for (written, toks) in index.names(for: term.tokens) {
                    let t = Term(tokens: toks)
                    if alternatives.contains(t) { continue }
                    alternatives.append(t)
                    added.append(written)
                }
            }
            out.required[ci].alternatives = alternatives
        }
        return (out, added)
    }
}
