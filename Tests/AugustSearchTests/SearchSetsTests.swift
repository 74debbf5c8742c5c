import Foundation
import Testing
@testable import AugustCore
@testable import AugustSearch

/// The word sets next to the FTS5 index (counts, unranked pages, phrase counts for ranking) must
/// never change a result: every query gives what FTS5 alone gives, hit for hit, score for score.
@Suite("Search: word sets give exactly FTS5's results")
struct SearchSetsTests {
    /// FTS5 alone, and the sets with pairs for every word in 2+ passages, and for every word at
    /// all (more common words than a pair table holds: the threshold then rises).
    static let plain = try! SearchIndex(memoryIndexOf: seedCorpus, pairThreshold: 2, sets: false)
    static let pairs2 = try! SearchIndex(memoryIndexOf: seedCorpus, pairThreshold: 2)
    static let pairs1 = try! SearchIndex(memoryIndexOf: seedCorpus, pairThreshold: 1)
    static let defaults = try! SearchIndex(corpus: seedCorpus, cacheDirectory: nil)

    static let queries = [
        "soviet", "japan", "army", "jap*", "sov*", "s*", "manch*", "zzz*", "xylophone",
        "\"kwantung army\"", "\"red army\"", "\"soviet union\"", "\"of the\"", "\"the soviet union\"",
        "\"act of surrender\"", "\"far eastern front\"", "\"kwantung ar\"*", "\"the army of\"*",
        "\"surrender kamikaze tokyo\"", "\"army army\"", "harbin OR mukden", "\"kwantung army\" OR \"red army\"",
        "soviet tank", "kwantung army division", "stalin truman potsdam", "army -kwantung", "soviet -union",
        "japan -emperor -army", "soviet -soviet", "\"the\" -\"of the\"", "the OR of -army", "Бреус", "татьяна",
        "Japan’s", "1945", "august 9", "division* -infantry", "crème", "the", "of the army",
        // More phrases than an SQL function takes arguments (127).
        (1...130).map { "w\($0)" }.joined(separator: " OR ") + " OR harbin -w3 -w4",
    ]

    @Test("count, order, scores, highlights and corpus order agree with FTS5 alone", arguments: queries)
    func agree(_ text: String) throws {
        let q = try SearchQuery.parse(text)
        let reference = try Self.plain.search(q)
        for index in [Self.pairs2, Self.pairs1, Self.defaults] {
            for (limit, rankLimit) in [(nil, nil), (7, nil), (7, 3), (50, 5_000), (0, 3)] as [(Int?, Int?)] {
                let expected = try Self.plain.search(q, limit: limit, rankLimit: rankLimit)
                let got = try index.search(q, limit: limit, rankLimit: rankLimit)
                #expect(got.count == expected.count, "\(text) limit \(String(describing: limit)) rank \(String(describing: rankLimit))")
                #expect(got.ranked == expected.ranked)
                #expect(got.hits.map(\.passage.id) == expected.hits.map(\.passage.id))
                #expect(got.hits.map(\.score) == expected.hits.map(\.score), "bit-identical bm25 scores")
                #expect(got.hits.map(\.matches) == expected.hits.map(\.matches))
            }
            #expect(try index.matchesInCorpusOrder(q).map(\.passage.id) == Self.plain.matchesInCorpusOrder(q).map(\.passage.id))
            #expect(try index.matchesInCorpusOrder(q, limit: 4).map(\.passage.id)
                    == Self.plain.matchesInCorpusOrder(q, limit: 4).map(\.passage.id))
        }
        #expect(reference.count == (try Self.pairs2.search(q)).count)
    }

    @Test("sets survive the cache file: a reopened index answers as FTS5 does")
    func cached() throws {
        let dir = temporaryDirectory("august-sets").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try SearchIndex(corpus: seedCorpus, cacheDirectory: dir)
        let reopened = try SearchIndex(corpus: seedCorpus, cacheDirectory: dir)
        #expect(!reopened.built)
        for text in ["soviet", "\"kwantung army\"", "jap* -japan", "harbin OR mukden"] {
            let q = try SearchQuery.parse(text)
            let a = try reopened.search(q, limit: 10, rankLimit: 20), b = try Self.plain.search(q, limit: 10, rankLimit: 20)
            #expect(a.count == b.count && a.ranked == b.ranked)
            #expect(a.hits.map(\.passage.id) == b.hits.map(\.passage.id) && a.hits.map(\.score) == b.hits.map(\.score))
        }
    }

    @Test("a passage set is stored as gaps or as a bitmap and reads back the same",
          arguments: [[], [1], [1, 2, 3, 130], [64, 65, 128, 129, 130], Array(1...130),
                      [1, 129, 130], Array(stride(from: 1, through: 130, by: 2))] as [[Int]])
    func coding(_ rows: [Int]) {
        let blob = DocSets.encode(rows.map(Int32.init), passages: 130)
        var bits = DocBits(passages: 130)
        DocSets.decode(blob, into: &bits)
        #expect(bits.rowids() == rows)
        #expect(bits.count == rows.count)
        #expect(bits.rowids(limit: 2) == Array(rows.prefix(2)))
    }
}
