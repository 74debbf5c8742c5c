import Foundation
import Testing
@testable import AugustCore
@testable import AugustSearch

@Suite("Aliases: alias-aware search")
struct AliasesTests {
    static let corpus = Corpus(texts: [
        (id: "a.txt", text: "Crossing\n\nThe advance detachment sneaked across the Wusuli River at night.\n\nThe Kanto army did not stop resisting.\n"),
        (id: "b.txt", text: "Border wars\n\nThe Kwantung Army was beaten in the zhanggufeng and Nomenkan events.\n\nMukden fell on the 20th.\n"),
    ])

    func search(_ q: String, exact: Bool = false) throws -> (SearchResult, [String]) {
        var query = try SearchQuery.parse(q)
        var added: [String] = []
        if !exact { (query, added) = query.expandingAliases(using: linker) }
        let index = try SearchIndex(corpus: Self.corpus, cacheDirectory: nil)
        return (try index.search(query), added)
    }

    /// The highlighted text of each hit.
    func highlighted(_ r: SearchResult) -> [String] {
        r.hits.flatMap { h in h.matches.map { h.passage.text.scalarSlice($0.lowerBound, $0.upperBound) } }
    }

    @Test func ussuriFindsWusuliAndHighlightsTheFormUsed() throws {
        let (r, added) = try search("Ussuri")
        #expect(r.count == 1)
        #expect(highlighted(r) == ["Wusuli River"])
        #expect(added.contains("Wusuli"))
        let (exact, none) = try search("Ussuri", exact: true)
        #expect(exact.count == 0)
        #expect(none.isEmpty)
    }

    @Test func kwantungFindsKantoArmy() throws {
        let (r, added) = try search("Kwantung")
        #expect(r.count == 2)
        #expect(Set(highlighted(r)) == ["Kanto army", "Kwantung Army"])
        #expect(added.contains("Kanto army"))
        #expect(try search("Kwantung", exact: true).0.count == 1)
    }

    @Test func nomonhanFindsNomenkan() throws {
        let (r, added) = try search("Nomonhan")
        #expect(r.count == 1)
        #expect(highlighted(r) == ["Nomenkan"])
        #expect(added.contains("Nomenkan"))
        #expect(try search("Nomonhan", exact: true).0.count == 0)
    }

    @Test func greaterKhinganFindsDaxinganlingAndTheTwoRangesNamedTogether() throws {
        let corpus = Corpus(texts: [(id: "k.txt", text: "The advance\n\nThe main force reached Daxinganling.\n\nThey held the great and small Hinggan Mountains.\n\nNothing here.\n")])
        let index = try SearchIndex(corpus: corpus, cacheDirectory: nil)
        let (q, _) = try SearchQuery.parse("\"Greater Khingan\"").expandingAliases(using: linker)
        #expect(try index.search(q).count == 2)
    }

    @Test func otherFamiliesWorkBothWays() throws {
        #expect(try search("Shenyang").0.count == 1)        // Mukden
        #expect(try search("Khasan").0.count == 1)          // zhanggufeng
        #expect(try search("\"Kwantung Army\"").0.count == 2)
        #expect(try search("Wusuli").0.count == 1)
    }

    @Test func aliasesJoinTheClauseNotTheWholeQuery() throws {
        // Both words still required: Kwantung (any name) and `events`.
        let (r, _) = try search("Kwantung events")
        #expect(r.count == 1)
        #expect(r.hits.first?.passage.documentID == "b.txt")
        // Excluding still works with an alias-widened term.
        #expect(try search("Kwantung -Nomenkan").0.count == 1)
    }

    @Test func wordsThatAreNoNameAreLeftAlone() throws {
        let q = try SearchQuery.parse("advance detachment")
        let (expanded, added) = q.expandingAliases(using: linker)
        #expect(added.isEmpty)
        #expect(expanded == q)
        // A prefix term is not expanded.
        #expect(try SearchQuery.parse("ussu*").expandingAliases(using: linker).added.isEmpty)
    }

    @Test func shortCapitalNamesAreNeitherExpandedNorAdded() throws {
        #expect(try SearchQuery.parse("us").expandingAliases(using: linker).added.isEmpty)
        let added = try SearchQuery.parse("America").expandingAliases(using: linker).added
        #expect(added.contains("United States"))
        #expect(!added.contains("US") && !added.contains("USA"))
    }

    @Test func anExactNameDoesNotPullInNamesThatOnlyContainIt() throws {
        // `Japan` is a name itself: the Sea of Japan's names are not added.
        let added = try SearchQuery.parse("Japan").expandingAliases(using: linker).added
        #expect(!added.contains("Sea of Japan"))
        #expect(!added.contains("Japan Sea"))
    }

    @Test func anUnquotedMultiWordNameExpandsLikeOneWord() throws {
        let corpus = Corpus(texts: [(id: "k.txt", text: "The advance\n\nThe main force reached Daxinganling.\n\nThey held the great and small Hinggan Mountains.\n\nGreater numbers were needed.\n")])
        let index = try SearchIndex(corpus: corpus, cacheDirectory: nil)
        let (q, added) = try SearchQuery.parse("Greater Khingan").expandingAliases(using: linker)
        #expect(added.contains("Daxinganling"))
        #expect(try index.search(q).count == 2)
        // As typed, the two words are in no passage together.
        #expect(try index.search(try SearchQuery.parse("Greater Khingan")).count == 0)
        // The same for a name written with other letters between its words.
        let (k, _) = try SearchQuery.parse("Khalkhin Gol").expandingAliases(using: linker)
        #expect(k.required.count == 1)
    }

    @Test func wordsAroundAMultiWordNameStayRequired() throws {
        let (q, _) = try SearchQuery.parse("advance Greater Khingan").expandingAliases(using: linker)
        #expect(q.required.count == 2)
        #expect(q.required[0].alternatives == [SearchQuery.Term(tokens: ["advance"])])
        #expect(q.required[1].alternatives.contains(SearchQuery.Term(tokens: ["daxinganling"])))
        // A quoted phrase of the name and the unquoted words expand the same way.
        let (quoted, _) = try SearchQuery.parse("\"Greater Khingan\"").expandingAliases(using: linker)
        let (bare, _) = try SearchQuery.parse("Greater Khingan").expandingAliases(using: linker)
        #expect(quoted.required == bare.required)
    }
}

