import AugustCore
import Testing
@testable import AugustUI

/// `f`: the timeline narrowed as the reader types, fzf-style.
@Suite struct FilterTests {
    let data = fixtureData
    func visible(_ s: AppState) -> [String] { fixtureExplorer.timeline.timelineView(s).items.map { data.timeline[$0].id } }

    @Test func typingNarrowsByTitlePlaceFrontAndTheWordsOfTheTelling() {
        #expect(visible(after("fmudanjiang")) == ["e-mudanjiang"], "title and place")
        #expect(visible(after("f1fe")) == ["e-suifenhe", "e-mudanjiang"], "front tag")
        #expect(visible(after("fTransbaikal")) == ["e-offensive"], "front name, any case")
        #expect(visible(after("f5th army")) == ["e-mudanjiang"], "two terms, both must match (the formation stands in the telling)")
        let byDate = fixtureExplorer.timeline.timelineView(after("f08-1")).items.map { data.timeline[$0].dateLabel }
        #expect(!byDate.isEmpty && byDate.allSatisfy { $0.hasPrefix("08-1") }, "the date: \(byDate)")
        #expect(visible(after("fzzzz")).isEmpty)
        #expect(screen("fzzzz").text.contains("No event matches zzzz"))
    }

    @Test func theCountAndThePromptShowWhileTyping() {
        let text = screen("f1fe")
        let status = text.text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(status.hasPrefix("filter: 1fe"))
        #expect(status.contains("2/6"), "\(status)")
        #expect(text.text.contains("filter 1fe · 2/6"), "the timeline's title says so too")
    }

    @Test func enterKeepsEscClearsAndTheSelectionStaysVisible() {
        let kept = after("f1fe<Enter>")
        #expect(kept.filterPrompt == nil && kept.timelineFilter == "1fe")
        #expect(visible(kept) == ["e-suifenhe", "e-mudanjiang"])
        #expect(["e-suifenhe", "e-mudanjiang"].contains(data.timeline[kept.timelineSelection!].id))
        #expect(visible(after("f1fe<Enter>j")) == ["e-suifenhe", "e-mudanjiang"], "j moves inside the filtered rows")
        #expect(data.timeline[after("f1fe<Enter>G").timelineSelection!].id == "e-mudanjiang")
        let cleared = after("f1fe<Esc>")
        #expect(cleared.timelineFilter == nil && cleared.filterPrompt == nil)
        #expect(visible(cleared).count == 6)
        #expect(cleared.timelineSelection == after("").timelineSelection, "Esc while typing returns to where it was")
        let later = after("f1fe<Enter><Esc>")
        #expect(later.timelineFilter == nil, "Esc clears a kept filter")
        #expect(visible(later).count == 6)
        // Backspace widens again; an emptied filter is none.
        #expect(visible(after("fmudanjiangx<BS>")) == ["e-mudanjiang"])
        #expect(after("fa<BS><Enter>").timelineFilter == nil)
    }

    @Test func theSourceFollowsTheFilteredSelection() {
        let s = after("fmudanjiang")
        #expect(s.sourcePassage == data.mentionOrdinals[s.timelineSelection!].first)
    }
}

/// `K`: the search's matches in context.
@Suite struct ConcordanceOverlayTests {
    @Test func kListsEveryMatchInContextOChangesTheOrderEnterOpensTheMatch() throws {
        #expect(after("K").message?.contains("no search") == true)
        let s = after("/mudanjiang<Enter>K")
        guard case .list(let list) = s.overlay else { Issue.record("no list"); return }
        #expect(list.purpose == .concordance)
        #expect(!list.rows.isEmpty && list.rows.count == list.concordanceRows.count)
        #expect(list.concordanceRows.allSatisfy { $0.match.lowercased() == "mudanjiang" })
        let text = screen("/mudanjiang<Enter>K", width: 120, height: 30).text
        #expect(text.contains("in context — in corpus order"))
        guard case .list(let sortedList) = after("/mudanjiang<Enter>Ko").overlay else { Issue.record("no list"); return }
        #expect(sortedList.concordanceSort == .R1)
        #expect(Set(sortedList.concordanceRows) == Set(list.concordanceRows))
        let opened = after("/mudanjiang<Enter>Kj<Enter>")
        let line = list.concordanceRows[min(1, list.rows.count - 1)]
        #expect(opened.overlay == nil)
        #expect(fixtureCorpus.passages[opened.sourcePassage].id == line.passageID)
        #expect(opened.emphasis?.start == line.start && opened.emphasis?.end == line.end)
    }
}
