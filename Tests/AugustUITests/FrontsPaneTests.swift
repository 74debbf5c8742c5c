import Testing
@testable import AugustUI

/// The fronts pane as a reader sees it: every front on screen at the common sizes, dates never
/// cut inside, compass cues and a legend, a cursor unlike the involvement mark, `f` narrowing.
@Suite struct FrontsPaneTests {
    /// The text of the fronts pane's inside, row by row.
    func frontsRows(_ g: Grid, _ s: AppState, _ explorer: Explorer) -> [String] {
        let r = explorer.paneRect(s, .fronts).inner
        return (r.y..<(r.y + r.height)).map { y in
            var line = ""
            for x in r.x..<(r.x + r.width) where !g[x, y].isContinuation { line += g[x, y].text }
            return line
        }
    }

    @Test(arguments: [(100, 30), (80, 24), (120, 40), (160, 50)])
    func everyFrontAndItsFirstObjectiveIsOnScreen(_ size: (Int, Int)) {
        let (w, h) = size
        for keys in ["", "2", "2G"] {
            let s = after(keys, seedsMapExplorer, width: w, height: h)
            guard seedsMapExplorer.layout(s).panes[.fronts] != nil else { continue }   // stacked: the timeline is up
            let g = seedsMapExplorer.render(s)
            let text = frontsRows(g, s, seedsMapExplorer).joined(separator: "\n")
            for front in seedsMapData.fronts.fronts {
                let first = front.axes.first { !$0.objectives.isEmpty }?.objectives.first?.name
                // The name whole, or shortened with … where the pane has no room (never dropped).
                let shown = text.contains(front.name) || text.contains(String(front.name.prefix(8)))
                #expect(shown, "\(w)x\(h) keys \(keys): \(front.name) is not on screen:\n\(text)")
                if let first {
                    #expect(text.contains(String(first.prefix(6))), "\(w)x\(h) keys \(keys): \(first) of \(front.name) is not on screen:\n\(text)")
                }
            }
        }
    }

    @Test(arguments: [(100, 30), (80, 24), (160, 50)])
    func aDateIsNeverCutInsideItsToken(_ size: (Int, Int)) {
        let (w, h) = size
        let labels = Set(seedsMapData.fronts.fronts.flatMap { $0.axes.flatMap { $0.objectives.compactMap(\.dateLabel) } })
        for keys in ["", "2", "2jjjjj", "2G"] {
            let s = after(keys, seedsMapExplorer, width: w, height: h)
            guard seedsMapExplorer.layout(s).panes[.fronts] != nil else { continue }
            for row in frontsRows(seedsMapExplorer.render(s), s, seedsMapExplorer) {
                // Every date-like token on screen is a whole label or a range's first day (`08-16…`).
                let tokens = row.split(whereSeparator: { $0 == " " || $0 == "│" }).map(String.init)
                for t in tokens where t.first?.isNumber == true && t.contains("-") {
                    let ok = labels.contains(t) || (t.hasSuffix("…") && labels.contains { $0.hasPrefix(t) })
                    #expect(ok, "\(w)x\(h) keys \(keys): date token \(t) is cut: \(row)")
                }
            }
        }
    }

    @Test func compassCuesAndALegend() {
        let s = after("2", seedsMapExplorer)
        let rows = frontsRows(seedsMapExplorer.render(s), s, seedsMapExplorer)
        #expect(rows.contains { $0.hasPrefix("W ") }, "\(rows)")
        #expect(rows.contains { $0.hasPrefix("N ") || $0.hasPrefix("N ●") }, "\(rows)")
        #expect(rows.contains { $0.hasPrefix("E ") }, "\(rows)")
        #expect(rows.last?.contains("cursor") == true && rows.last?.contains("●") == true, "\(rows)")
    }

    @Test func theCursorAndTheInvolvementAreMarkedDifferently() {
        // The fixture's second event is on the 1st Far Eastern Front at Suifenhe.
        let s = after("j2", width: 160, height: 50)
        let g = fixtureExplorer.render(s)
        let rows = frontsRows(g, s, fixtureExplorer)
        #expect(rows.contains { $0.contains("● 1st Far Eastern Front") }, "\(rows)")
        // The cursor: reversed, with no mark of its own; the involvement mark never reversed.
        let r = fixtureExplorer.paneRect(s, .fronts).inner
        var selected = 0, markReversed = false
        for y in r.y..<(r.y + r.height) {
            for x in r.x..<(r.x + r.width) {
                if g[x, y].style == .selected { selected += 1 }
                if g[x, y].text == "●", g[x, y].style == .selected { markReversed = true }
            }
        }
        #expect(selected > 0)
        #expect(!markReversed)
        #expect(!rows.joined().contains("▶") && !rows.joined().contains("▸"))
    }

    @Test func fNarrowsTheObjectivesAsYouTypeEnterKeepsEscClears() {
        let all = fixtureData.flatObjectives.count
        let typing = after("2fmudanjiang")
        #expect(typing.filterPrompt?.pane == .fronts)
        #expect(typing.frontsFilter == "mudanjiang")
        let shown = FrontsPane(data: fixtureData).visible(typing.frontsFilter)
        #expect(!shown.isEmpty && shown.count < all)
        #expect(shown.contains(typing.frontsSelection))
        let g = fixtureExplorer.render(typing)
        let status = g.line(g.height - 1)
        #expect(status.contains("\(shown.count)/\(all)"), "\(status)")
        // Enter keeps the filter; j moves among the shown objectives only.
        let kept = after("2fmudanjiang<Enter>jjjjjjj")
        #expect(kept.filterPrompt == nil && kept.frontsFilter == "mudanjiang")
        #expect(shown.contains(kept.frontsSelection))
        #expect(fixtureExplorer.render(kept).text.contains("filter mudanjiang"))
        // Esc while typing clears it and puts the cursor back; Esc after Enter clears it too.
        let cancelled = after("2jfmudanjiang<Esc>")
        #expect(cancelled.frontsFilter == nil && cancelled.frontsSelection == after("2j").frontsSelection)
        #expect(after("2fmudanjiang<Enter><Esc>").frontsFilter == nil)
        // Terms all match, in any order, case-blind; a term that matches nothing says so.
        #expect(FrontsPane(data: fixtureData).visible("MUDANJIANG 1st").count == shown.count)
        #expect(FrontsPane(data: fixtureData).visible("mudanjiang zzz").isEmpty)
        #expect(fixtureExplorer.render(after("2fzzz")).text.contains("No objective matches zzz"))
        // The timeline's own `f` is untouched.
        #expect(typing.timelineFilter == nil)
    }

    @Test func movingInTheFrontsPreviewsTheObjectivesFirstTelling() {
        let start = after("2")
        let moved = after("2jj")
        #expect(moved.frontsSelection != start.frontsSelection)
        let pane = FrontsPane(data: fixtureData)
        if let item = pane.firstEvent(at: moved.frontsSelection) {
            #expect(moved.sourcePassage == fixtureData.mentionOrdinals[item].first { $0 >= 0 })
            #expect(moved.emphasis?.passage == moved.sourcePassage)
        }
        // The first event at an objective is the first event of the timeline narrowed to its place.
        for k in fixtureData.flatObjectives.indices {
            let (f, a, o) = fixtureData.flatObjectives[k]
            let id = fixtureData.fronts.fronts[f].axes[a].objectives[o].placeID
            #expect(pane.firstEvent(at: k) == fixtureData.visibleItems(showAll: false, placeFilter: id).first)
        }
        // A preview is no jump: Backspace has nothing to go back to.
        #expect(moved.history.isEmpty)
    }

    @Test func aClickOnAnObjectiveIsHitTestedFromTheLayout() {
        let s = after("", width: 160, height: 50)
        let r = fixtureExplorer.paneRect(s, .fronts)
        let pieces = FrontsPane(data: fixtureData).layout(s, r.inner, focused: false)
        guard let target = pieces.first(where: { $0.objective == 3 }) else { Issue.record("objective 3 not laid out"); return }
        let clicked = fixtureExplorer.handle(s, .mouse(.left, x: target.x, y: target.y))
        #expect(clicked.focus == .fronts)
        #expect(clicked.frontsSelection == 3)
    }
}
