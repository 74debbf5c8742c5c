import AugustCore
import AugustSearch
import Foundation
import Testing
@testable import AugustUI

/// `t`: a passage and its translation or paraphrase side by side in the Source pane.
@Suite struct ParallelViewTests {
    static let alignDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Corpora/align")

    /// A report, its paraphrase (one paragraph split in two, one dropped) and an unrelated note;
    /// the parallels found by the model, as a start computes them.
    static let explorer: Explorer = {
        var texts = ["report.txt", "report-paraphrase.txt"].map {
            ($0, try! String(contentsOf: alignDir.appendingPathComponent($0), encoding: .utf8))
        }
        texts.append(("zz-note.txt", "A note on the weather in Vladivostok: 中文 rain all week.\n\nNothing else happened."))
        let corpus = Corpus(texts: texts)
        return Explorer(data: ExplorerData(corpus: corpus, index: try! SearchIndex(corpus: corpus, cacheDirectory: nil),
                                           parallels: ParallelIndex(Parallels.find(in: corpus), corpus: corpus)))
    }()

    static func ordinal(_ phrase: String) -> Int { explorer.data.corpus.passages.firstIndex { $0.text.contains(phrase) }! }

    /// `3` focuses the source; the script starts on the report's first passage.
    func state(_ keys: String) -> AppState { after("3" + keys, Self.explorer) }
    func text(_ keys: String) -> String { Self.explorer.render(state(keys)).text }

    @Test func tShowsTheCounterpartBesideThePassageAndTAgainReturnsToOneColumn() throws {
        #expect(!Self.explorer.data.parallels.pairs.isEmpty, "the report and its paraphrase are aligned")
        let one = text("jj")
        #expect(one.contains("The Japanese garrison of the Hutou fortress") && !one.contains("The defenders of the Hutou fortress"))
        let two = state("jjt")
        #expect(two.parallel != nil)
        let screen = Self.explorer.render(two).text
        // Both texts on the same rows: the paraphrase's two halves next to the split paragraph.
        let rows = screen.components(separatedBy: "\n")
        let row = try #require(rows.firstIndex { $0.contains("The Japanese garrison of the Hutou") })
        #expect(rows[row].contains("The defenders of the Hutou fortress"), "\(screen)")
        #expect(screen.contains("At six the Soviet artillery"), "\(screen)")
        #expect(screen.contains("⇄ report-paraphrase · ¶3"), "the status line names the counterpart: \(screen)")
        // t again, and Esc, return to one column.
        for back in ["jjtt", "jjt<Esc>"] {
            let s = state(back)
            #expect(s.parallel == nil)
            #expect(Self.explorer.render(s).text == one, "\(back)")
        }
    }

    @Test func jAndKMoveBothColumnsAndTabJumpsToTheCounterpart() {
        let s = state("jjtj")
        #expect(s.sourcePassage == Self.ordinal("For the next two weeks"))
        let screen = Self.explorer.render(s).text
        let rows = screen.components(separatedBy: "\n")
        let row = rows.firstIndex { $0.contains("For the next two weeks") }
        #expect(row.map { rows[$0].contains("The siege of the fortress lasted") } == true, "\(screen)")
        let tab = state("jjtj<Tab>")
        #expect(tab.sourcePassage == Self.ordinal("The siege of the fortress lasted"), "Tab: the cursor on the counterpart")
        #expect(tab.parallel != nil)
        let back = state("jjtj<Tab><Tab>")
        #expect(back.sourcePassage == Self.ordinal("For the next two weeks"))
    }

    @Test func aClickInTheOtherColumnMovesTheCursorThereAndAJumpElsewhereShowsOneColumn() throws {
        let s = state("jjt")
        let grid = Self.explorer.render(s)
        let rows = grid.text.components(separatedBy: "\n")
        let y = try #require(rows.firstIndex { $0.contains("The defenders of the Hutou") })
        let x = try #require(rows[y].range(of: "The defenders")).lowerBound.utf16Offset(in: rows[y])
        let clicked = Self.explorer.handle(s, .mouse(.left, x: x, y: y))
        #expect(clicked.sourcePassage == Self.ordinal("The defenders of the Hutou"))
        #expect(Self.explorer.parallelView.parallelColumns(clicked) != nil, "still side by side")
        // A document aligned with none: one column, and `t` there says there is no counterpart.
        let elsewhere = after("3jjtDjj<Enter>", Self.explorer)
        #expect(Self.explorer.parallelView.parallelColumns(elsewhere) == nil)
        #expect(Self.explorer.handle(elsewhere, .key(.char("t"))).message?.contains("no parallel passage") == true)
    }

    @Test func aPassageWithoutCounterpartSaysSo() {
        // The dropped paragraph: the view does not open, the status line says why.
        let s = state("jjjjt")
        #expect(s.sourcePassage == Self.ordinal("supply column"))
        #expect(s.parallel == nil)
        #expect(s.message?.contains("no parallel passage") == true, "\(s.message ?? "")")
        // Inside the view, moving onto it: the counterpart column stays, the status says none.
        let inside = state("jjjtj")
        #expect(inside.parallel != nil && inside.sourcePassage == Self.ordinal("supply column"))
        #expect(Self.explorer.render(inside).text.contains("no counterpart for this passage"))
        // A document aligned with none.
        let note = after("Djj<Enter>", Self.explorer)
        #expect(note.sourcePassage == Self.ordinal("weather in Vladivostok"))
        #expect(Self.explorer.handle(note, .key(.char("t"))).message?.contains("no parallel passage") == true)
    }

    @Test func goldenSideBySideAt100x30() throws {
        let keys = "3jjt"
        let grid = Self.explorer.render(after(keys, Self.explorer, width: 100, height: 30))
        let text = "keys: \(keys)  size: 100x30\n" + grid.text + "\n--- styles\n" + grid.styleMap + "\n"
        let file = GoldenTests.goldens.appendingPathComponent("parallel-t-100x30.txt")
        if GoldenTests.update {
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try #require(try? String(contentsOf: file, encoding: .utf8), "\(file.lastPathComponent) missing (AUGUST_UPDATE_GOLDENS=1 writes it)")
        #expect(expected == text, "\(grid.text)")
    }

    @Test func tIsInTheKeymapAndItsHelp() {
        #expect(Keymap.standard.command(for: .char("t"), in: .source) == .parallel)
        #expect(Keymap.standard.helpSections.contains { $0.rows.contains { $0.keys == "t" && $0.summary.contains("side by side") } })
    }
}
