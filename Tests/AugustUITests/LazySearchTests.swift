import AugustCore
import AugustSearch
import Testing
@testable import AugustUI

/// Search over more matching passages than one window holds: `n` and `N` fetch the next windows,
/// the count is the number of matching passages, the list fills as it is scrolled.
@Suite struct LazySearchTests {
    /// Three documents of short reports; every third mentions a tank (every ninth twice), so a
    /// search for it matches far more passages than one window.
    static let corpus: Corpus = {
        var texts: [(id: String, text: String)] = []
        var n = 0
        for d in 0..<3 {
            var paras: [String] = []
            for _ in 0..<300 {
                if n % 9 == 0 {
                    paras.append("Report \(n): a tank crossed the river at dawn, and a second tank followed it.")
                } else if n % 3 == 0 {
                    paras.append("Report \(n): the column halted while one tank was repaired.")
                } else {
                    paras.append("Report \(n): the infantry waited for orders by the road.")
                }
                n += 1
            }
            texts.append((id: "doc\(d).txt", text: paras.joined(separator: "\n\n")))
        }
        return Corpus(texts: texts)
    }()
    static let explorer = Explorer(data: ExplorerData(corpus: corpus, index: try! SearchIndex(corpus: corpus, cacheDirectory: nil)))

    /// Every highlighted word, in corpus order: (passage ordinal, scalar start).
    static let expected: [(Int, Int)] = {
        var out: [(Int, Int)] = []
        for (o, p) in corpus.passages.enumerated() {
            var rest = p.text[...]
            while let r = rest.range(of: "tank") {
                out.append((o, p.text.scalarOffset(of: r.lowerBound)))
                rest = p.text[r.upperBound...]
            }
        }
        return out
    }()

    func press(_ s: inout AppState, _ keys: String) {
        for input in try! KeyNotation.parse(keys) { s = Self.explorer.handle(s, input) }
    }

    @Test func theCountIsTheNumberOfMatchingPassages() {
        let passages = Set(Self.expected.map(\.0)).count
        #expect(passages > SearchService.windowSize, "the fixture must overflow a window")
        var s = Self.explorer.initialState(width: 100, height: 30)
        press(&s, "/tank")
        #expect(s.search?.passageCount == passages)
        #expect(Self.explorer.render(s).line(29).contains("matches in \(passages) passages"))
        press(&s, "<Enter>")
        #expect(Self.explorer.positions(s).contains("match 1/\(passages) (1/2 in passage)"))
        press(&s, "n")
        #expect(Self.explorer.positions(s).contains("match 1/\(passages) (2/2 in passage)"))
        press(&s, "n")
        #expect(Self.explorer.positions(s).contains("match 2/\(passages)"))
    }

    @Test func nWalksEveryMatchInCorpusOrderAcrossWindowsAndWraps() {
        var s = Self.explorer.initialState(width: 100, height: 30)
        press(&s, "/tank<Enter>")
        var seen: [(Int, Int)] = []
        for _ in Self.expected.indices {
            guard let e = s.emphasis else { Issue.record("no emphasis"); return }
            seen.append((e.passage, e.start))
            #expect(s.sourcePassage == e.passage)
            press(&s, "n")
        }
        #expect(seen.map(\.0) == Self.expected.map(\.0))
        #expect(seen.map(\.1) == Self.expected.map(\.1))
        // Past the last: back to the first, and the status says so.
        #expect(s.emphasis.map { ($0.passage, $0.start) } ?? (-1, -1) == Self.expected[0])
        #expect(s.message?.contains("wrapped to the first") == true)
        let passages = Set(Self.expected.map(\.0)).count
        // The position counts up as it goes: the last passage is the last match.
        press(&s, "N")
        #expect(Self.explorer.positions(s).contains("match \(passages)/\(passages) (2/2 in passage)") ||
                Self.explorer.positions(s).contains("match \(passages)/\(passages)"))
    }

    @Test func capitalNFromTheFirstGoesToTheLastAndWalksBack() {
        var s = Self.explorer.initialState(width: 100, height: 30)
        press(&s, "/tank<Enter>N")
        let last = Self.expected.last!
        #expect(s.emphasis.map { ($0.passage, $0.start) } ?? (-1, -1) == last)
        #expect(s.message?.contains("wrapped to the last") == true)
        let passages = Set(Self.expected.map(\.0)).count
        #expect(Self.explorer.positions(s).contains { $0.hasPrefix("match \(passages)/\(passages)") })
        // Walking back visits every match in reverse order, across windows.
        var seen: [(Int, Int)] = []
        for _ in Self.expected.indices {
            guard let e = s.emphasis else { Issue.record("no emphasis"); return }
            seen.append((e.passage, e.start))
            press(&s, "N")
        }
        let reversed = Array(Self.expected.reversed())
        #expect(seen.map(\.0) == reversed.map(\.0))
        #expect(seen.map(\.1) == reversed.map(\.1))
    }

    @Test func typingStartsFromWhereTheReaderWasAndCountsTheMatchesBefore() {
        // From the middle document, the first match is the first at or after the passage shown.
        var s = Self.explorer.initialState(width: 100, height: 30)
        press(&s, "3")
        for _ in 0..<400 { press(&s, "j") }
        let from = s.sourcePassage
        press(&s, "/tank<Enter>")
        let firstIndex = Self.expected.firstIndex { $0.0 >= from }!
        #expect(s.emphasis.map { ($0.passage, $0.start) } ?? (-1, -1) == Self.expected[firstIndex])
        let rank = Set(Self.expected[..<firstIndex].map(\.0)).count + 1
        let passages = Set(Self.expected.map(\.0)).count
        #expect(Self.explorer.positions(s).contains { $0.hasPrefix("match \(rank)/\(passages)") })
        // The matches on screen are drawn as matches, found without walking there.
        let g = Self.explorer.render(s)
        let matchCells = (0..<g.height).flatMap { y in (0..<g.width).filter { g[$0, y].style == .match || g[$0, y].style == .emphasis } }
        #expect(!matchCells.isEmpty)
    }

    @Test func theSearchListShowsEveryMatchingPassage() {
        var s = Self.explorer.initialState(width: 100, height: 30)
        press(&s, "/tank<Enter>s")
        guard case .list(let list) = s.overlay else { Issue.record("no list"); return }
        let passages = Set(Self.expected.map(\.0)).count
        #expect(list.rows.count == passages, "ranked, all of them (fewer than the rank limit)")
        #expect(list.title.hasPrefix("\(passages) passages match tank"))
        let row = Self.explorer.displayRow(s, list, 0)
        #expect(row.context.contains("tank"))
        #expect(!row.highlights.isEmpty)
    }
}

/// More matching passages than the count bound and the rank limit: the count says "more than",
/// the list comes in corpus order and loads more rows as the selection goes down.
@Suite struct OverBoundSearchTests {
    static let corpus: Corpus = {
        let n = max(ActiveSearch.countBound, SearchService.listWindowSize) * 2 + 200
        let paras = (0..<n).map { "Line \($0) tank" }
        return Corpus(texts: [(id: "big.txt", text: paras.joined(separator: "\n\n"))])
    }()
    static let explorer = Explorer(data: ExplorerData(corpus: corpus, index: try! SearchIndex(corpus: corpus, cacheDirectory: nil)))

    func press(_ s: inout AppState, _ keys: String) {
        for input in try! KeyNotation.parse(keys) { s = Self.explorer.handle(s, input) }
    }

    @Test func theCountIsBoundedAndSaysSo() {
        #expect(Self.corpus.passages.count > ActiveSearch.countBound)
        var s = Self.explorer.initialState(width: 100, height: 30)
        press(&s, "/tank")
        #expect(s.search?.countIsExact == false)
        #expect(Self.explorer.render(s).line(29).contains("matches in more than \(ActiveSearch.countBound) passages"))
        press(&s, "<Enter>")
        #expect(Self.explorer.positions(s).contains("match 1/>\(ActiveSearch.countBound)"))
        press(&s, "nn")
        #expect(s.sourcePassage == 2)
        #expect(Self.explorer.positions(s).contains("match 3/>\(ActiveSearch.countBound)"))
        // N from the first goes to the very last passage.
        var t = Self.explorer.initialState(width: 100, height: 30)
        press(&t, "/tank<Enter>N")
        #expect(t.sourcePassage == Self.corpus.passages.count - 1)
        #expect(Self.explorer.positions(t).contains("match >\(ActiveSearch.countBound)/>\(ActiveSearch.countBound)"))
    }

    @Test func theListFillsAsTheSelectionGoesDown() {
        var s = Self.explorer.initialState(width: 100, height: 30)
        press(&s, "/tank<Enter>s")
        guard case .list(let list) = s.overlay else { Issue.record("no list"); return }
        #expect(list.rows.count == SearchService.listWindowSize)
        #expect(list.title.contains("in corpus order"))
        for _ in 0..<(SearchService.listWindowSize / 5) { press(&s, "<PgDn>") }
        guard case .list(let more) = s.overlay else { Issue.record("no list"); return }
        #expect(more.rows.count > SearchService.listWindowSize)
        #expect(more.rows.map { $0.passage! } == Array(0..<more.rows.count), "corpus order, nothing skipped")
        #expect(more.totalText == ">\(ActiveSearch.countBound)")
        let g = Self.explorer.render(s)
        #expect(g.text.contains("Line \(more.selected) tank"), "the selected row is drawn from its passage")
    }
}

@Suite struct TimelineIndexTests {
    @Test func everyPassageKnowsItsDocumentEvenAfterAnEmptyOne() {
        let corpus = Corpus(texts: [(id: "a.txt", text: "One.\n\nTwo."), (id: "b.txt", text: ""),
                                    (id: "c.txt", text: "Three.\n\nFour.\n\nFive."), (id: "d.txt", text: "Six.")])
        let data = ExplorerData(corpus: corpus, index: nil)
        for (o, p) in corpus.passages.enumerated() {
            #expect(corpus.documents[data.documentIndex(ofPassage: o)].id == p.documentID, "\(o)")
        }
    }

    @Test func theCachedTimelineAgreesWithAWalkOverEveryItem() {
        let data = fixtureData
        for showAll in [false, true] {
            for filter in [nil, "mudanjiang", "harbin", "nowhere"] as [String?] {
                let view = data.timelineView(showAll: showAll, placeFilter: filter)
                let walked = data.timeline.indices.filter { data.isVisible($0, showAll: showAll, placeFilter: filter) }
                #expect(view.items == walked)
                for (k, i) in walked.enumerated() {
                    #expect(view.position(of: i) == k)
                    #expect(view.rows[view.row(of: i)!] == .item(i))
                }
                #expect(view.rows.filter(\.isItem).count == walked.count)
            }
        }
    }
}

@Suite struct AsciiWrapTests {
    /// The byte-wise wrap of ASCII passages breaks exactly where the scalar-wise wrap does.
    @Test func asciiWrapAgreesWithTheScalarWrap() {
        let pieces = ["a", "bb", "word", "longerword", " ", "  ", "\t", "\n", "\n\n", "\u{1}", "\u{7F}", "\r", "\u{1B}[31m", "-"]
        var rng: UInt64 = 7
        for _ in 0..<3000 {
            var text = ""
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            let n = Int((rng >> 33) % 24)
            for _ in 0..<n {
                rng = rng &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int((rng >> 33) % UInt64(pieces.count))]
            }
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            let width = Int((rng >> 33) % 14)
            #expect(Wrapper.wrap(text, width: width) == Wrapper.wrap(scalars: text, width: width), "\(text.debugDescription) at \(width)")
        }
    }
}

@Suite struct HighlighterTests {
    /// The explorer's indexed highlighter finds the ranges the reference matcher finds.
    @Test func agreesWithTermMatcherOnEveryPassage() throws {
        let queries = ["front", "far eastern front", "\"far eastern\" OR army", "mudan*", "the 1st", "august OR \"august 9\" OR aug*",
                       "army -soviet", "kwantung army", "对日宣战", "советский", "a", "1945 OR 1938", "\"5th army\" OR fought"]
        let corpora = [fixtureCorpus, LazySearchTests.corpus]
        for corpus in corpora {
            for text in queries {
                var q = try SearchQuery.parse(text)
                if text == "kwantung army" {
                    // With other names added, as the explorer searches.
                    q.required.append(.init([.init(tokens: ["kanto", "army"]), .init(tokens: ["kantogun"]), .init(tokens: ["kwantung", "group"], prefix: true)]))
                }
                let h = Highlighter(q)
                for p in corpus.passages {
                    let tokens = Tokenizer.tokens(p.text)
                    #expect(h.highlights(tokens) == TermMatcher.highlights(q, tokens: tokens), "\(text) in \(p.id)")
                }
            }
        }
    }
}
