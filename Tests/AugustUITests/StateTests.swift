import AugustCore
import Testing
@testable import AugustUI

/// Key scripts → state: what a user would notice after pressing the keys.
@Suite struct StateTests {
    let data = fixtureData

    @Test func startsOnTheFirstEventOfTheCampaign() {
        let s = after("")
        #expect(s.timelineSelection == data.index(ofItem: "e-offensive"))
        #expect(s.focus == .timeline)
        #expect(s.sourcePassage == passageOrdinal(containing: "At 0:00 on August 9"))
    }

    @Test func jkMoveTheSelectionThroughVisibleEventsOnly() {
        #expect(after("j").timelineSelection == data.index(ofItem: "e-suifenhe"))
        #expect(after("jjk").timelineSelection == data.index(ofItem: "e-suifenhe"))
        #expect(after("<Down><Down>").timelineSelection == data.index(ofItem: "e-mudanjiang"))
        // G goes to the last event; publications and other dates are hidden by default.
        #expect(after("G").timelineSelection == data.index(ofItem: "e-surrender"))
        #expect(after("Gg").timelineSelection == data.index(ofItem: "e-khasan"))
        #expect(after("kkkkkkkkkk").timelineSelection == data.index(ofItem: "e-khasan"))
    }

    @Test func pTogglesPublicationAndOtherDates() {
        #expect(after("pG").timelineSelection == data.index(ofItem: "p-notes"))
        #expect(after("ppG").timelineSelection == data.index(ofItem: "e-surrender"))
        let shown = screen("p", width: 160, height: 50).text
        #expect(shown.contains("[other] Victory over Japan Day"))
        #expect(!screen("").text.contains("Victory over Japan Day"))
    }

    @Test func enterOnAnEventOpensItsFirstMentionAndBracketsWalkTheOthers() {
        let s = after("j<Enter>")
        let first = passageOrdinal(containing: "On August 10 the 1st")
        #expect(s.focus == .source)
        #expect(s.sourcePassage == first)
        #expect(s.emphasis?.passage == first)
        #expect(fixtureExplorer.positions(s).contains("mention 1/2"))
        // ] goes to the next mention, in the other document.
        let t = after("j<Enter>]")
        let second = passageOrdinal(containing: "On August 10 the first")
        #expect(t.sourcePassage == second)
        #expect(fixtureCorpus.passages[second].documentID != fixtureCorpus.passages[first].documentID)
        #expect(fixtureExplorer.positions(t).contains("mention 2/2"))
        // At the end, ] says so and stays; [ goes back.
        let u = after("j<Enter>]]")
        #expect(u.sourcePassage == second)
        #expect(u.message?.contains("last mention") == true)
        #expect(after("j<Enter>][").sourcePassage == first)
        // Moving in the timeline previews the first mention, so ] from there goes on to the second.
        #expect(after("j").sourcePassage == first)
        #expect(after("j]").sourcePassage == second)
    }

    @Test func backAndForwardKeepTheMentionCount() {
        #expect(fixtureExplorer.positions(after("j<Enter>]")).contains("mention 2/2"))
        #expect(fixtureExplorer.positions(after("j<Enter>]<BS>")).contains("mention 1/2"), "\(fixtureExplorer.positions(after("j<Enter>]<BS>")))")
        #expect(fixtureExplorer.positions(after("j<Enter>]<BS>L")).contains("mention 2/2"))
    }

    @Test func theSourcePaneFollowsTheTimelineCursorWithoutHistory() {
        for keys in ["j", "jj", "G", "Gg", "jjk", "<PgDn>"] {
            let s = after(keys)
            let sel = try! #require(s.timelineSelection)
            let first = fixtureData.mentionOrdinals[sel].first { $0 >= 0 }
            #expect(s.sourcePassage == first, "\(keys): the source shows the selected event's first telling")
            #expect(s.emphasis?.passage == first, "\(keys): and marks it")
            #expect(s.history.isEmpty, "\(keys): a preview is not a jump")
            #expect(fixtureExplorer.positions(s).contains { $0.hasPrefix("mention 1/") }, "\(keys)")
        }
        // The marked passage is on screen.
        let text = screen("G").text
        let p = fixtureCorpus.passages[after("G").sourcePassage]
        #expect(text.contains(String(p.text.prefix(20))))
        // A jump still goes into the history, and back returns to the previewed place.
        let jumped = after("j<Enter>]")
        #expect(!jumped.history.isEmpty)
    }

    @Test func mentionsAreWalkedInCorpusOrderWhateverTheInputOrder() {
        let reversed = fixtureTimeline.map { item -> TimelineItem in
            var i = item
            i.mentions.reverse()
            return i
        }
        let explorer = Explorer(data: ExplorerData(corpus: fixtureCorpus, index: fixtureIndex, timeline: reversed))
        #expect(after("j<Enter>", explorer).sourcePassage == passageOrdinal(containing: "On August 10 the 1st"))
        #expect(after("j<Enter>]", explorer).sourcePassage == passageOrdinal(containing: "On August 10 the first"))
    }

    @Test func backAndForwardWalkTheJumpHistory() {
        let start = after("j")
        let jumped = after("j<Enter>]")
        #expect(jumped.sourcePassage != start.sourcePassage)
        let back1 = after("j<Enter>]<BS>")
        #expect(back1.sourcePassage == passageOrdinal(containing: "On August 10 the 1st"))
        let back2 = after("j<Enter>]<BS><C-o>")
        #expect(back2.sourcePassage == start.sourcePassage)
        #expect(back2.focus == .timeline)
        let fwd = after("j<Enter>]<BS><C-o>LL")
        #expect(fwd.sourcePassage == jumped.sourcePassage)
        #expect(after("<BS>").message == "no earlier jump")
        #expect(after("L").message == "no later jump")
    }

    @Test func incrementalSearchMovesWhileTypingEscDropsEnterKeeps() {
        // Whole words, as in `august search`: "mudan" alone matches nothing, "mudan*" the prefix.
        #expect(after("/mudan").search?.isEmpty == true)
        let typing = after("/mudan*")
        #expect(typing.prompt?.text == "mudan*")
        #expect(typing.search != nil)
        let o = passageOrdinal(containing: "Section II Toward Mudanjiang")
        #expect(typing.sourcePassage == o)
        let dropped = after("/mudan*<Esc>")
        #expect(dropped.search == nil)
        #expect(dropped.prompt == nil)
        #expect(dropped.sourcePassage == after("").sourcePassage)
        let kept = after("/mudan*<Enter>")
        #expect(kept.prompt == nil)
        #expect(kept.search?.passageCount == 3)
        #expect(kept.focus == .source)
        #expect(fixtureExplorer.positions(kept).contains("match 1/3"))
        // Backspace returns to where the search started.
        #expect(after("/mudan*<Enter><BS>").sourcePassage == after("").sourcePassage)
    }

    @Test func nAndNWalkMatchesInCorpusOrderAndWrap() {
        let base = "/mudanjiang<Enter>"
        let ords = [passageOrdinal(containing: "Section II Toward"), passageOrdinal(containing: "5th Army fought"),
                    passageOrdinal(containing: "moved on toward Mudanjiang")]
        #expect(after(base).sourcePassage == ords[0])
        #expect(after(base + "n").sourcePassage == ords[1])
        #expect(after(base + "nn").sourcePassage == ords[2])
        let wrapped = after(base + "nnn")
        #expect(wrapped.sourcePassage == ords[0])
        #expect(wrapped.message?.contains("wrapped") == true)
        #expect(after(base + "N").sourcePassage == ords[2])
        #expect(fixtureExplorer.positions(after(base + "nn")).contains("match 3/3"))
        #expect(after("n").message?.contains("no search") == true)
    }

    @Test func aBadQueryShowsOneLineAndNeverCrashes() {
        let typing = after("/\"unclosed")
        #expect(typing.prompt?.error != nil)
        let s = after("/\"unclosed<Enter>")
        #expect(s.prompt == nil)
        #expect(s.messageIsError)
        #expect(s.message?.hasPrefix("bad query:") == true)
        #expect(!(s.message ?? "").contains("\n"))
        for q in ["(", ")", "OR", "-", "\"", "*", "a OR", "-x", "NEAR(a b)", "a:b", "^a", "\u{1B}[2J", "漢字", String(repeating: "x", count: 1200)] {
            let g = screen("/" + q.replacingOccurrences(of: "<", with: "<lt>") + "<Enter>")
            #expect(g.height == 30)
        }
    }

    @Test func sOpensARankedListAndEnterOpensThePassage() {
        let s = after("/front<Enter>s")
        guard case .list(let list) = s.overlay else { Issue.record("no list"); return }
        #expect(list.purpose == .searchResults)
        #expect(list.rows.count == 4)
        #expect(list.rows.indices.allSatisfy { fixtureExplorer.displayRow(s, list, $0).context.lowercased().contains("front") })
        let opened = after("/front<Enter>sj<Enter>")
        #expect(opened.overlay == nil)
        #expect(opened.sourcePassage == list.rows[1].passage)
        // s with no search asks for the words first, then lists.
        let asked = after("sharbin<Enter>")
        guard case .list(let l2) = asked.overlay else { Issue.record("no list"); return }
        #expect(l2.rows.count == 1)
    }

    @Test func enterOnAPassageSelectsTheEventItTells() {
        let one = after("3jjj<Enter>")
        #expect(one.focus == .timeline)
        #expect(one.timelineSelection == data.index(ofItem: "e-mudanjiang"))
        // A passage telling two things asks which; the other-kind one turns the toggle on.
        let two = after("/september<Enter><Enter>")
        guard case .list(let list) = two.overlay else { Issue.record("no list"); return }
        #expect(list.rows.count == 2)
        let picked = after("/september<Enter><Enter>j<Enter>")
        #expect(picked.timelineSelection == data.index(ofItem: "o-holiday"))
        #expect(picked.showAllKinds)
        // A passage with no event says so.
        #expect(after("3g<Enter>").message?.contains("no dated event") == true)
    }

    @Test func choosingAnObjectiveFiltersTheTimelineAndEscClears() {
        // Objectives in map order: Transbaikal (5), 2nd Far Eastern (3), then Suifenhe, Mudanjiang …
        let s = after("2jjjjjjjjj<Enter>")
        #expect(s.placeFilter?.name == "Mudanjiang")
        #expect(s.focus == .timeline)
        #expect(s.timelineSelection == data.index(ofItem: "e-mudanjiang"))
        #expect(fixtureExplorer.positions(s).contains { $0.hasPrefix("filter: Mudanjiang") })
        #expect(fixtureExplorer.positions(s).contains("event 1/1"))
        #expect(screen("2jjjjjjjjj<Enter>").line(29).contains("filter: Mudanjiang"))
        let cleared = after("2jjjjjjjjj<Enter><Esc>")
        #expect(cleared.placeFilter == nil)
        #expect(cleared.timelineSelection == data.index(ofItem: "e-mudanjiang"))
        #expect(after("2jjjjjjjjj<Enter>x").placeFilter == nil)
    }

    /// Styles of the cells where a text stands on screen (first occurrence at or after row `from`).
    func styles(of text: String, in g: Grid, fromRow: Int = 0, fromColumn: Int = 0) -> [Style]? {
        for y in fromRow..<g.height {
            var cols: [Int] = []
            var line = ""
            for x in 0..<g.width where !g[x, y].isContinuation {
                if x < fromColumn { continue }
                cols.append(contentsOf: Array(repeating: x, count: g[x, y].text.count)); line += g[x, y].text
            }
            if let r = line.range(of: text) {
                let a = line.distance(from: line.startIndex, to: r.lowerBound)
                return (a..<(a + text.count)).map { g[cols[$0], y].style }
            }
        }
        return nil
    }

    @Test func theSelectedEventsFrontAndPlacesAreHighlightedInTheMap() {
        let g = screen("j", width: 160, height: 50)      // the Suifenhe event, 1st Far Eastern Front
        let frontsX = fixtureExplorer.paneRect(after("j", width: 160, height: 50), .fronts).x
        #expect(styles(of: "Suifenhe", in: g, fromColumn: frontsX)?.allSatisfy { $0 == .highlight } == true)
        #expect(styles(of: "1st Far Eastern Front", in: g, fromColumn: frontsX)?.allSatisfy { $0 == .highlight } == true)
        #expect(styles(of: "Manzhouli", in: g, fromColumn: frontsX)?.allSatisfy { $0 == .place } == true)
        #expect(styles(of: "Transbaikal Front", in: g, fromColumn: frontsX)?.allSatisfy { $0 == .header } == true)
        // The selected objective in the focused map is drawn selected.
        let f = screen("2jj", width: 160, height: 50)
        #expect(styles(of: "Greater Khingan", in: f, fromColumn: frontsX)?.allSatisfy { $0 == .selected } == true)
    }

    @Test func theMentionThatLedHereIsEmphasisedAndMatchesHighlighted() {
        let g = screen("j<Enter>", width: 160, height: 50)
        let sourceY = fixtureExplorer.paneRect(after("", width: 160, height: 50), .source).y
        #expect(styles(of: "On August 10 the 1st", in: g, fromRow: sourceY)?.allSatisfy { $0 == .emphasis } == true)
        let m = screen("/harbin<Enter>", width: 160, height: 50)
        #expect(styles(of: "Harbin", in: m, fromRow: sourceY)?.contains(.emphasis) == true)
        let n = screen("/surrender*<Enter>", width: 160, height: 50)
        // The current match is emphasised; the other match in view is highlighted as a match.
        let all = (0..<n.height).flatMap { y in (0..<n.width).map { n[$0, y].style } }
        #expect(all.contains(.match) && all.contains(.emphasis))
        // Styled spans: dates, places, formations.
        let s = screen("", width: 160, height: 50)
        #expect(styles(of: "6th Guards Tank Army", in: s, fromRow: sourceY)?.allSatisfy { $0 == .unit } == true)
        #expect(styles(of: "Manzhouli", in: s, fromRow: sourceY)?.allSatisfy { $0 == .place } == true)
    }

    @Test func focusKeys() {
        #expect(after("<Tab>").focus == .fronts)
        #expect(after("<Tab><Tab>").focus == .source)
        #expect(after("<Tab><Tab><Tab>").focus == .timeline)
        #expect(after("<S-Tab>").focus == .source)
        #expect(after("3").focus == .source)
        #expect(after("32").focus == .fronts)
        #expect(after("321").focus == .timeline)
    }

    @Test func sourceScrollsThroughTheWholeDocumentAndKeepsTheCurrentPassageVisible() {
        // 20 rows high: the source pane is short, so paging moves through the document.
        let s = after("3G", width: 100, height: 24)
        let doc = fixtureCorpus.documents[0]
        #expect(s.sourcePassage == fixtureCorpus.passageOrdinal(id: doc.passages.last!.id))
        let g = fixtureExplorer.render(s)
        #expect(g.text.contains("end."))
        let paged = after("3<PgDn><PgDn><PgDn><PgUp>", width: 100, height: 24)
        #expect(fixtureExplorer.render(paged).text.contains("▌"))
        let half = after("3<C-d><C-d>", width: 100, height: 24)
        #expect(fixtureExplorer.render(half).text.contains("▌"))
        // j past the document's end continues into the next document.
        let next = after("3GGj")
        #expect(fixtureCorpus.passages[next.sourcePassage].documentID == "02_notes.txt")
    }

    @Test func resizeKeepsSelectionAndPassage() {
        let s = after("jj<Enter><Resize:80x24><Resize:50x15><Resize:160x50><Resize:100x30>")
        #expect(s.timelineSelection == data.index(ofItem: "e-mudanjiang"))
        #expect(s.sourcePassage == passageOrdinal(containing: "5th Army fought"))
        for size in ["30x8", "1x1", "0x0", "45x12", "79x23", "200x60"] {
            let t = after("jj<Enter><Resize:\(size)>")
            #expect(t.sourcePassage == s.sourcePassage)
            let g = fixtureExplorer.render(t)
            if g.height > 0, g.width > 0, size == "45x12" { #expect(g.text.contains("▌")) }
        }
    }

    @Test func smallTerminalsShowOnePaneWithTabsAndRecover() {
        let small = screen("3", width: 60, height: 20)
        #expect(small.line(0).contains("1 Timeline"))
        #expect(small.line(0).contains("3 Source"))
        #expect(small.text.contains("01 · Section I"))
        let tiny = screen("", width: 30, height: 8)
        #expect(tiny.text.contains("too small"))
        let recovered = fixtureExplorer.render(after("<Resize:30x8><Resize:100x30>"))
        #expect(recovered.text.contains("Timeline"))
        #expect(!recovered.text.contains("too small"))
    }

    @Test func mouseClickFocusesAndSelectsWheelScrolls() {
        // Find the row of the Mudanjiang event on screen and click it.
        let g = screen("")
        let y = (0..<g.height).first { g.line($0).contains("fights for Mudan") }!
        let s = after("<Click:10,\(y)>")
        #expect(s.timelineSelection == data.index(ofItem: "e-mudanjiang"))
        // Clicking the source pane focuses it and selects the passage under the pointer.
        let sy = (0..<g.height).first { g.line($0).contains("From August 14 to 17") }!
        let t = after("<Click:20,\(sy)>")
        #expect(t.focus == .source)
        #expect(t.sourcePassage == passageOrdinal(containing: "From August 14 to 17"))
        // Wheel over the timeline moves its selection.
        let w = after("<WheelDown:10,5>")
        #expect(w.timelineSelection != after("").timelineSelection)
        #expect(w.focus == .timeline)
    }

    @Test func helpOverlayIsGeneratedFromTheKeymap() {
        // The whole help, scrolled through, with wrapped lines joined again.
        var seen = ""
        for j in 0..<40 { seen += screen("?" + String(repeating: "j", count: j), width: 160, height: 50).text }
        let flat = seen.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for c in Command.allCases where !Keymap.standard.keys(for: c).isEmpty {
            #expect(flat.contains(c.summary), "help lacks \(c)")
        }
        #expect(after("?<Esc>").overlay == nil)
        #expect(after("?q").quit == false)
        #expect(after("q").quit)
        #expect(after("/ab<C-c>").quit)
    }

    @Test func emptyTimelineAndFrontsStillSearchAndBrowse() {
        let g = screen("", bareExplorer)
        #expect(g.text.contains("No known place is named"))
        #expect(g.text.contains("No dated events"))
        let s = after("/harbin<Enter>", bareExplorer)
        #expect(s.sourcePassage == passageOrdinal(containing: "surrendered at Harbin"))
        #expect(after("j<Enter>]", bareExplorer).message != nil)
        #expect(after("2j<Enter>", bareExplorer).placeFilter == nil)
    }
}

@Suite struct KeyNotationTests {
    @Test func parsesVimNotation() throws {
        let keys = try KeyNotation.parse("ab<Enter><Esc><Tab><S-Tab><BS><Up><Down><Left><Right><PgUp><PgDn><Home><End><C-x><Space><lt><Resize:80x24>")
        #expect(keys == [.key(.char("a")), .key(.char("b")), .key(.enter), .key(.esc), .key(.tab), .key(.backTab),
                         .key(.backspace), .key(.up), .key(.down), .key(.left), .key(.right), .key(.pageUp),
                         .key(.pageDown), .key(.home), .key(.end), .key(.ctrl("x")), .key(.char(" ")),
                         .key(.char("<")), .resize(width: 80, height: 24)])
        #expect(try KeyNotation.parse("<enter><c-D>") == [.key(.enter), .key(.ctrl("d"))])
        #expect(try KeyNotation.parse("é漢") == [.key(.char("é")), .key(.char("漢"))])
        #expect(try KeyNotation.parse("<Click:3,4>") == [.mouse(.left, x: 3, y: 4)])
    }

    @Test func rejectsUnknownNamesWithAMessage() {
        #expect(throws: KeyNotationError.self) { try KeyNotation.parse("<Nope>") }
        #expect(throws: KeyNotationError.self) { try KeyNotation.parse("a<Enter") }
        #expect(throws: KeyNotationError.self) { try KeyNotation.parse("<Resize:80>") }
        #expect(KeyNotation.parseSize("100x30")! == (100, 30))
        #expect(KeyNotation.parseSize("100") == nil)
    }

    @Test func descriptionsRoundTrip() throws {
        let keys: [Key] = [.enter, .esc, .tab, .backTab, .backspace, .up, .down, .left, .right, .pageUp, .pageDown,
                           .home, .end, .ctrl("o"), .char(" "), .char("<"), .char("x"), .char("/")]
        let script = keys.map(\.description).joined()
        #expect(try KeyNotation.parse(script) == keys.map { .key($0) })
    }
}
