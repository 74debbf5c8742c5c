import Foundation
import Testing
@testable import AugustCore
@testable import AugustSearch

/// An independent reading of a query: regular expressions over the raw passage text, case-insensitive,
/// a word being a run of letters and digits. The search index must agree with it exactly.
private struct Oracle {
    var required: [[NSRegularExpression]] = []
    var excluded: [NSRegularExpression] = []

    init(_ query: String) throws {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        for ch in query {
            if ch == "\"" { quoted.toggle(); current.append(ch); continue }
            if ch == " " && !quoted {
                if !current.isEmpty { pieces.append(current) }
                current = ""
            } else { current.append(ch) }
        }
        if !current.isEmpty { pieces.append(current) }
        var joinNext = false
        for piece in pieces {
            if piece == "OR" { joinNext = true; continue }
            var p = piece
            let negated = p.hasPrefix("-")
            if negated { p.removeFirst() }
            let prefix = p.hasSuffix("*")
            if prefix { p.removeLast() }
            p = p.replacingOccurrences(of: "\"", with: "")
            let words = p.split { !($0.isLetter || $0.isNumber) }.map { NSRegularExpression.escapedPattern(for: String($0)) }
            let body = words.joined(separator: "[^\\p{L}\\p{N}]+") + (prefix ? "[\\p{L}\\p{N}]*" : "")
            let regex = try NSRegularExpression(pattern: "(?<![\\p{L}\\p{N}])" + body + "(?![\\p{L}\\p{N}])", options: [.caseInsensitive])
            if negated { excluded.append(regex) }
            else if joinNext { required[required.count - 1].append(regex); joinNext = false }
            else { required.append([regex]) }
        }
    }

    /// The matched scalar ranges in `text`, or nil when the passage does not match.
    func match(_ text: String) -> [Range<Int>]? {
        var ranges: [Range<Int>] = []
        for clause in required {
            var any = false
            for r in clause {
                for m in r.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    any = true
                    let range = Range(m.range, in: text)!
                    ranges.append(text.scalarOffset(of: range.lowerBound)..<text.scalarOffset(of: range.upperBound))
                }
            }
            if !any { return nil }
        }
        for r in excluded where r.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil { return nil }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for r in ranges {
            if let last = merged.last, r.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else { merged.append(r) }
        }
        return merged
    }
}

@Suite("Search: FTS5 index against a plain scan")
struct SearchTests {
    static let index: SearchIndex = try! SearchIndex(corpus: seedCorpus, cacheDirectory: nil)

    static let queries = [
        "kwantung", "Harbin", "\"Kwantung Army\"", "manch*", "harbin OR mukden", "tank -kamikaze",
        "soviet japanese", "Бреус", "татьяна", "Japan’s", "\"Japan’s Kwantung\"", "August 9",
        "\"atomic bomb\"", "nagas*", "sakhalin OR kuril*", "potsdam -proclamation", "PUYI", "1945",
        "\"neutrality pact\"", "Missouri", "Soviet-Japanese", "division* -infantry", "“Kamikaze”",
        "\"Far East\" front", "zhang*", "khalkhin", "victory -day", "september 1945",
    ]

    @Test("same passages, same count, same match ranges as a plain case-insensitive scan", arguments: queries)
    func agreesWithScan(_ text: String) throws {
        let query = try SearchQuery.parse(text)
        let result = try Self.index.search(query)
        let oracle = try Oracle(text)
        var expected: [String: [Range<Int>]] = [:]
        for p in seedCorpus.passages {
            if let r = oracle.match(p.text) { expected[p.id] = r }
        }
        #expect(!expected.isEmpty, "the test query should match something")
        #expect(result.count == expected.count)
        #expect(Set(result.hits.map(\.passage.id)) == Set(expected.keys))
        for hit in result.hits {
            #expect(hit.matches == expected[hit.passage.id], "\(hit.passage.id)")
            for r in hit.matches {
                // Each range cuts a whole matched word (or phrase) out of the text.
                let cut = hit.passage.text.scalarSlice(r.lowerBound, r.upperBound)
                #expect(!cut.isEmpty && cut.first!.isLetter || cut.first!.isNumber)
            }
        }
        // Ranked: scores never increase.
        let scores = result.hits.map(\.score)
        #expect(scores == scores.sorted(by: >))
    }

    @Test("the cut-out text is the form used in the passage, whatever the case of the query")
    func highlightsOriginalForm() throws {
        let result = try Self.index.search(SearchQuery.parse("kwantung army"))
        let hit = try #require(result.hits.first)
        let cuts = hit.matches.map { hit.passage.text.scalarSlice($0.lowerBound, $0.upperBound) }
        #expect(cuts.allSatisfy { $0.lowercased() == "kwantung" || $0.lowercased() == "army" || $0.lowercased() == "kwantung army" })
        #expect(cuts.contains { $0.first?.isUppercase == true })
    }

    @Test("diacritic-insensitive: creme finds Crème; limit keeps the count of all matches")
    func diacriticsAndLimit() throws {
        let corpus = Corpus(texts: [
            ("a.txt", "Crème brûlée in Harbin.\n\nHarbin again.\n\nAnd Harbin once more."),
        ])
        let index = try SearchIndex(corpus: corpus, cacheDirectory: nil)
        let r = try index.search(SearchQuery.parse("creme brulee"))
        #expect(r.count == 1)
        #expect(r.hits[0].matches.map { r.hits[0].passage.text.scalarSlice($0.lowerBound, $0.upperBound) } == ["Crème", "brûlée"])
        let limited = try index.search(SearchQuery.parse("harbin"), limit: 1)
        #expect(limited.count == 3 && limited.hits.count == 1)
        let ordered = try index.matchesInCorpusOrder(SearchQuery.parse("harbin"))
        #expect(ordered.map(\.passage.number) == [1, 2, 3])
    }

    @Test("above the rank limit: exact count, the first matches in corpus order, not ranked; at or below it: ranked")
    func rankLimit() throws {
        let corpus = Corpus(texts: [
            ("a.txt", "Harbin.\n\nHarbin, Harbin and Harbin again.\n\nNothing here.\n\nHarbin by the river, Harbin.\n\nAnd Harbin once more."),
        ])
        let index = try SearchIndex(corpus: corpus, cacheDirectory: nil)
        let q = try SearchQuery.parse("harbin")
        let over = try index.search(q, limit: 3, rankLimit: 3)
        #expect(!over.ranked)
        #expect(over.count == 4)
        #expect(over.hits.map(\.passage.number) == [1, 2, 4])
        #expect(over.hits.allSatisfy { !$0.matches.isEmpty })
        let all = try index.search(q, rankLimit: 3)
        #expect(all.hits.map(\.passage.number) == [1, 2, 4, 5])
        let within = try index.search(q, limit: 3, rankLimit: 4)
        #expect(within.ranked && within.count == 4 && within.hits.count == 3)
        let scores = within.hits.map(\.score)
        #expect(scores == scores.sorted(by: >))
        #expect(try index.search(q, limit: 3, rankLimit: 4).hits.map(\.passage.id) == index.search(q, limit: 3).hits.map(\.passage.id))
        #expect(try index.search(q).ranked)
    }

    @Test("queries that cannot be understood give a message that says what is wrong",
          arguments: ["\"unbalanced", "OR", "harbin OR", "OR harbin", "*", "-harbin", "!!! ???", "", "a OR OR b"])
    func badQueries(_ text: String) {
        #expect(throws: QueryError.self) { try SearchQuery.parse(text) }
        do { _ = try SearchQuery.parse(text) } catch {
            #expect(!error.message.isEmpty && !error.message.contains("\n"))
        }
    }

    @Test("a query longer than the limit is refused, not truncated")
    func longQuery() {
        let long = String(repeating: "a", count: SearchQuery.maxLength + 1)
        #expect(throws: QueryError.self) { try SearchQuery.parse(long) }
    }
}

@Suite("Search index cache")
struct IndexCacheTests {
    func smallCorpus(_ extra: String = "") -> Corpus {
        Corpus(texts: [("a.txt", "The Kwantung Army surrendered.\n\nHarbin fell." + extra)])
    }

    @Test("the cache file is written once and reused; a changed corpus gets its own")
    func reuse() throws {
        let dir = temporaryDirectory("august-cache").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try SearchIndex(corpus: smallCorpus(), cacheDirectory: dir)
        #expect(first.built)
        #expect(first.location == .file(SearchIndex.cacheFile(for: smallCorpus(), in: dir)))
        let second = try SearchIndex(corpus: smallCorpus(), cacheDirectory: dir)
        #expect(!second.built)
        #expect(try second.search(SearchQuery.parse("harbin")).count == 1)
        let changed = try SearchIndex(corpus: smallCorpus("\n\nHarbin again."), cacheDirectory: dir)
        #expect(changed.built)
        #expect(try changed.search(SearchQuery.parse("harbin")).count == 2)
        // No temporary files are left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(names.allSatisfy { !$0.contains(".tmp") })
    }

    @Test("a corrupt cache file is replaced, never trusted", arguments: ["garbage", "truncated", "zeros"])
    func corrupt(_ damage: String) throws {
        let dir = temporaryDirectory("august-cache").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let corpus = smallCorpus()
        _ = try SearchIndex(corpus: corpus, cacheDirectory: dir)
        let path = SearchIndex.cacheFile(for: corpus, in: dir)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        switch damage {
        case "garbage": try Data("this is not a database at all".utf8).write(to: URL(fileURLWithPath: path))
        case "truncated": try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: path))
        default: try Data(count: good.count).write(to: URL(fileURLWithPath: path))
        }
        let index = try SearchIndex(corpus: corpus, cacheDirectory: dir)
        #expect(index.built)
        #expect(try index.search(SearchQuery.parse("kwantung")).count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) != Data("this is not a database at all".utf8))
    }

    @Test("an unwritable cache folder means an index in memory")
    func unwritable() throws {
        let index = try SearchIndex(corpus: smallCorpus(), cacheDirectory: "/proc/august-cannot-write-here")
        #expect(index.location == .memory)
        #expect(try index.search(SearchQuery.parse("kwantung")).count == 1)
    }

    @Test("the cache folder follows XDG_CACHE_HOME, else HOME")
    func cacheFolder() {
        #expect(SearchIndex.defaultCacheDirectory(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/h"]) == "/x/cache/august")
        #expect(SearchIndex.defaultCacheDirectory(environment: ["HOME": "/h"]) == "/h/.cache/august")
        #expect(SearchIndex.defaultCacheDirectory(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"]) == "/h/.cache/august")
    }
}
