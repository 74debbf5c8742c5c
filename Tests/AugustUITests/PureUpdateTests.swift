import AugustCore
import Testing
@testable import AugustUI

/// `update` runs no query: a search key leaves `SearchWork` for the runner, and an answer (made
/// here by hand, with no index at all) moves the state.
@Suite struct PureUpdateTests {
    /// The fixture's corpus and timeline with no search index: any query would find nothing.
    static let noIndex = Explorer(data: ExplorerData(corpus: fixtureCorpus, index: nil, timeline: fixtureTimeline,
                                                     fronts: fixtureFronts, styling: fixtureStyling))

    func typed(_ keys: String, _ e: Explorer) -> AppState {
        var s = e.initialState(width: 100, height: 30)
        for i in try! KeyNotation.parse(keys) { s = e.update(s, i) }
        return s
    }

    func passage(containing word: String) -> (Int, Range<Int>) {
        let p = fixtureCorpus.passages.firstIndex { $0.text.contains(word) }!
        let text = fixtureCorpus.passages[p].text
        let r = text.range(of: word)!
        let a = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
        return (p, a..<(a + word.unicodeScalars.count))
    }

    @Test func typingAtThePromptAsksForASearchAndTheAnswerGoesToTheMatch() throws {
        let s = typed("/suifenhe", Self.noIndex)
        // Nothing searched yet: the state only asks.
        #expect(s.search == nil)
        #expect(s.work.last == .typed(text: "suifenhe", from: s.prompt!.beforeLocation.sourcePassage))
        // The answer, made by hand: one passage matches.
        let (p, range) = passage(containing: "Suifenhe")
        let query = try SearchQuery.parse("suifenhe")
        let found = ActiveSearch(text: "suifenhe", query: query, passageCount: 1,
                                 window: HitWindow(ordinals: [p], lo: 0, hi: fixtureCorpus.passages.count - 1),
                                 current: .init(passage: p, start: range.lowerBound, rank: 0))
        var answered = s
        answered.work.removeAll()
        answered = Self.noIndex.update(answered, .answer(.typed(text: "suifenhe", found, error: nil)))
        #expect(answered.search?.passageCount == 1)
        #expect(answered.sourcePassage == p)
        #expect(answered.emphasis == Emphasis(passage: p, start: range.lowerBound, end: range.upperBound))
        // An answer to text typed over since is dropped.
        let stale = Self.noIndex.update(answered, .answer(.typed(text: "suif", nil, error: nil)))
        #expect(stale.search?.passageCount == 1)
        // The prompt says it.
        #expect(Self.noIndex.render(answered).line(29).contains("matches in 1 passage"))
    }

    @Test func nAsksForTheNextMatchAndTheAnswerMovesThere() throws {
        let (p, range) = passage(containing: "Mudanjiang")
        let query = try SearchQuery.parse("mudanjiang")
        var s = Self.noIndex.initialState(width: 100, height: 30)
        s.search = ActiveSearch(text: "mudanjiang", query: query, passageCount: 2, window: .empty, current: nil)
        let asked = Self.noIndex.update(s, .key(.char("n")))
        guard case .step(_, let forward, _, _) = asked.work.first else { Issue.record("no step asked: \(asked.work)"); return }
        #expect(forward)
        #expect(asked.sourcePassage == s.sourcePassage)      // not moved before the answer
        var search = s.search!
        search.window = HitWindow(ordinals: [p], lo: 0, hi: fixtureCorpus.passages.count - 1)
        var t = asked
        t.work.removeAll()
        t = Self.noIndex.update(t, .answer(.stepped(search, passage: p, range: range, rank: 0, wrapped: "search wrapped to the first match")))
        #expect(t.sourcePassage == p)
        #expect(t.search?.current?.passage == p)
        #expect(t.message == "search wrapped to the first match")
    }

    @Test func theRunnerAnswersEveryQueryAndLeavesNoneBehind() {
        // `handle` (what the terminal and key scripts run) answers with the real index.
        var s = fixtureExplorer.initialState(width: 100, height: 30)
        for i in try! KeyNotation.parse("/mudanjiang<Enter>nsj") { s = fixtureExplorer.handle(s, i) }
        #expect(s.work.isEmpty)
        #expect(s.search?.isEmpty == false)
        guard case .list(let list) = s.overlay else { Issue.record("no list"); return }
        #expect(!list.rows.isEmpty)
    }

    @Test func renderDrawsHighlightsFromTheWindowOnly() throws {
        // A search whose window holds nothing: no passage is highlighted, whatever matches.
        let query = try SearchQuery.parse("the")
        var s = Self.noIndex.initialState(width: 100, height: 30)
        s.search = ActiveSearch(text: "the", query: query, passageCount: 3, window: .empty, current: nil)
        let g = Self.noIndex.render(s)
        #expect(!(0..<g.height).contains { y in (0..<g.width).contains { g[$0, y].style == .match } })
        // … and update (with an index to ask) asks for the window of what the source pane shows.
        let t = fixtureExplorer.update(s, .key(.char("3")))
        #expect(t.work.contains { if case .cover = $0 { return true } else { return false } })
    }
}

/// A click is hit-tested from the layout; the screen drawn for the same state agrees cell by cell.
@Suite struct LayoutHitTestTests {
    static let scripts = ["", "j", "2", "2jjj", "3", "3GkGk", "m", "mjj", "p", "/mudanjiang<Enter>", "sfront<Enter>",
                          "3jjj<Enter>", "?", "jb'", "D"]

    @Test(arguments: [(100, 30), (60, 20)])
    func everyCellAgreesWithTheRenderedScreen(_ size: (Int, Int)) {
        let (w, h) = size
        for (explorer, name) in [(fixtureExplorer, "fixture"), (seedsMapExplorer, "seeds")] {
            for keys in Self.scripts {
                let s = after(keys, explorer, width: w, height: h)
                let g = explorer.render(s)
                var wrong: [String] = []
                // Every fifth column of every row, shifted a column a row (a pane's rows, a list's
                // rows and the fronts' pieces span more than that); the map costs a frame a cell.
                let step = keys.hasPrefix("m") ? 11 : 5
                for y in 0..<h {
                    for x in stride(from: (y % step), to: w, by: step) {
                        let fromLayout = explorer.mouseInput.target(s, x: x, y: y)
                        let drawn = g.target(atX: x, y: y)
                        if s.overlay != nil {
                            // Over an overlay only its rows answer (a click elsewhere closes it).
                            var rowDrawn: HitTarget? = nil
                            if case .listRow = drawn { rowDrawn = drawn }
                            if fromLayout != rowDrawn { wrong.append("(\(x),\(y)) layout \(String(describing: fromLayout)) drawn \(String(describing: rowDrawn))") }
                        } else if fromLayout != drawn {
                            wrong.append("(\(x),\(y)) layout \(String(describing: fromLayout)) drawn \(String(describing: drawn))")
                        }
                    }
                }
                #expect(wrong.isEmpty, "\(name) \(w)x\(h) keys \(keys): \(wrong.count) cells differ, e.g. \(wrong.prefix(3))")
            }
        }
    }
}
