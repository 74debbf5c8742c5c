import Foundation

extension SearchQuery {
    /// Words that only say what kind of thing a name is (`river`, `army`): a query word equal to a
    /// name without them (`Kwantung` for `Kwantung Army`) still stands for that name.
    static let designators: Set<String> = [
        "river", "lake", "mountains", "mountain", "range", "ridge", "island", "islands", "peninsula",
        "strait", "sea", "bay", "city", "county", "province", "region", "army", "armies", "fleet",
        "flotilla", "front", "group", "the", "of",
    ]

    /// The query with every term that is a known name of a place or formation widened to all the
    /// other names of it (`Ussuri` also finds `Wusuli`, `Kwantung` also finds `Kanto army`), and
    /// the names added, as written in the curated data. Prefix terms are left alone, and so are
/// short names in capitals (`US`), which a case-folding search cannot tell from words.
    ///
    /// A term matches an entity when its words equal one of the entity's names; only when no name
    /// equals it, when they equal a name without its designator words (`Kwantung` = `Kwantung Army`).
    public func expandingAliases(using linker: EntityLinker) -> (query: SearchQuery, added: [String]) {
        let data = linker.data
        var entries: [(id: String, names: [String])] = []
        for p in data.gazetteer.places { entries.append(("p:" + p.id, p.names)) }
        for u in data.orderOfBattle.units { entries.append(("u:" + u.id, u.names)) }
        var exact: [[String]: [Int]] = [:]
        var core: [[String]: [Int]] = [:]
        for (i, e) in entries.enumerated() {
            // Capitals-only short names (`US`) are left out: search folds case, and `us` is a word.
            for n in e.names where !EntityLinker.isCaseSensitive(n) {
                let toks = Tokenizer.tokens(n).map(\.folded)
                guard !toks.isEmpty else { continue }
                if !(exact[toks]?.contains(i) ?? false) { exact[toks, default: []].append(i) }
                let c = toks.filter { !Self.designators.contains($0) }
                if !c.isEmpty, c != toks, !(core[c]?.contains(i) ?? false) { core[c, default: []].append(i) }
            }
        }
        var added: [String] = []
        var out = self
        for ci in out.required.indices {
            var alternatives = out.required[ci].alternatives
            for term in out.required[ci].alternatives where !term.prefix {
                let hits = exact[term.tokens] ?? core[term.tokens] ?? []
                for h in hits {
                    for name in entries[h].names where !EntityLinker.isCaseSensitive(name) {
                        let toks = Tokenizer.tokens(name).map(\.folded)
                        guard !toks.isEmpty else { continue }
                        let t = Term(tokens: toks)
                        if alternatives.contains(t) { continue }
                        alternatives.append(t)
                        added.append(name)
                    }
                }
            }
            out.required[ci].alternatives = alternatives
        }
        return (out, added)
    }
}
