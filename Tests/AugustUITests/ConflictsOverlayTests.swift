import AugustCore
import Foundation
import Testing
@testable import AugustUI

/// The `≠` mark and the `C` overlay: an event whose tellings disagree shows it in its row; `C` lists
/// each version with its source, and Enter opens the passage with the statement marked.
@Suite struct ConflictsOverlayTests {
    static let explorer: Explorer = {
        var timeline = fixtureTimeline
        let i = timeline.firstIndex { $0.id == "e-suifenhe" }!
        // Each version's statement: the overlay quotes it from the passage.
        let a = mention("On August 10 the 1st Far Eastern Front took Suifenhe")
        let b = mention("On August 10 the first front army of the Far East took Suifenhe")
        timeline[i].conflicts = [ConflictNote(aspect: "date", subject: "date", variants: [
            .init(value: "1945-08-10", file: "01_0123456789abcdef.txt", line: 5, passage: a.passage,
                  start: a.start, end: a.end),
            .init(value: "1945-08-11", file: "02_notes.txt", line: 3, passage: b.passage,
                  start: b.start, end: b.end),
        ])]
        return Explorer(data: ExplorerData(corpus: fixtureCorpus, index: fixtureIndex, timeline: timeline,
                                           fronts: fixtureFronts, styling: fixtureStyling))
    }()

    func row(_ text: String, containing needle: String) -> String? {
        text.split(separator: "\n").map(String.init).first { $0.contains(needle) }
    }

    @Test func aConflictedEventIsMarkedInItsRowAndOthersAreNot() throws {
        let text = screen("", Self.explorer, width: 160, height: 50).text
        #expect(try #require(row(text, containing: "takes Suifenhe")).contains("≠ The 1st Far Eastern Front"))
        #expect(try #require(row(text, containing: "fights for Mudanjiang")).contains("≠") == false)
    }

    @Test func cListsEachVersionWithItsSourceAndEnterOpensIt() throws {
        let sel = Self.explorer.data.index(ofItem: "e-suifenhe")
        var keys = ""
        var s = after(keys, Self.explorer)
        while s.timelineSelection != sel, keys.count < 20 { keys += "j"; s = after(keys, Self.explorer) }
        try #require(s.timelineSelection == sel)
        let text = screen(keys + "C", Self.explorer).text
        #expect(text.contains("Where the sources disagree"))
        #expect(text.contains("date: 1945-08-11 — 02_notes.txt:3"))
        #expect(text.contains("On August 10 the first front army of the Far East took Suifenhe"))
        let opened = after(keys + "Cj<Enter>", Self.explorer)
        #expect(opened.overlay == nil)
        let p = passageOrdinal(containing: "On August 10 the first")
        #expect(opened.sourcePassage == p)
        #expect(opened.emphasis?.passage == p)
    }

    @Test func cOnAnEventWhoseSourcesAgreeSaysSo() {
        let s = after("C", fixtureExplorer)
        #expect(s.overlay == nil)
        #expect(s.message?.contains("agree") == true)
    }

    @Test func helpListsTheKey() {
        #expect(Keymap.standard.command(for: .char("C"), in: .timeline) == .conflicts)
        #expect(Keymap.standard.helpSections.contains { $0.rows.contains { $0.keys == "C" } })
    }
}

/// `w`: the selected event's dossier handed to the runner as a file to write.
@Suite struct DossierKeyTests {
    @Test func wAsksForTheSelectedEventsDossierWithEveryTellingCited() throws {
        let sel = ConflictsOverlayTests.explorer.data.index(ofItem: "e-suifenhe")
        var keys = ""
        while after(keys, ConflictsOverlayTests.explorer).timelineSelection != sel, keys.count < 20 { keys += "j" }
        let s = after(keys + "w", ConflictsOverlayTests.explorer)
        let effect = try #require(s.effects.last)
        guard case .write(let path, let contents) = effect else { Issue.record("not a write: \(effect)"); return }
        #expect(path.hasPrefix("dossier-") && path.hasSuffix(".md") && !path.contains("/"))
        #expect(contents.hasPrefix("# The 1st Far Eastern Front takes Suifenhe"))
        #expect(contents.contains("`01_0123456789abcdef.txt:5`"))
        #expect(contents.contains("`02_notes.txt:3`"))
        #expect(contents.contains("## Where the sources disagree"))
        #expect(s.message?.contains(path) == true)
    }

    @Test func wWithoutASelectedEventWritesNothing() {
        let s = after("w", bareExplorer)
        #expect(s.effects.isEmpty)
    }
}
