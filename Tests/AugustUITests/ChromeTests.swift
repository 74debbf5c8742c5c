import Foundation
import Testing
@testable import AugustUI

/// The frame around the panes: overlays, the help text, the status line.
@Suite struct ChromeTests {
    static let sizes = [(80, 24), (100, 30), (160, 50)]

    @Test("an overlay's corners never touch a pane's corners (no ┌┌ or ┐┐)")
    func overlaysStandApart() {
        for (w, h) in Self.sizes {
            for keys in ["sfront<Enter>", "?", "/september<Enter>s"] {
                let text = screen(keys, width: w, height: h).text
                for doubled in ["┌┌", "┐┐", "└└", "┘┘", "┌─┌", "┐─┐"] {
                    #expect(!text.contains(doubled), "\(keys) at \(w)x\(h) shows \(doubled):\n\(text)")
                }
            }
        }
    }

    @Test("every help line is shown whole at any size: long ones wrap instead of being cut")
    func helpWrapsItsLines() {
        for (w, h) in Self.sizes {
            // Scroll the help through its whole length and collect what it shows (one key script,
            // every frame of it).
            let states = fixtureExplorer.run(try! KeyNotation.parse("?" + String(repeating: "j", count: 150)), width: w, height: h)
            var shown = ""
            for s in states.dropFirst() { shown += overlayText(fixtureExplorer.render(s)) }
            let cut = shown.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasSuffix("…") }
            #expect(cut.isEmpty, "a help line was cut at \(w)x\(h): \(cut)")
            let flat = shown.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(flat.contains("(--no-mouse leaves the mouse to the terminal)") || flat.contains("mouse to the terminal)"),
                    "the mouse line ends at \(w)x\(h)")
        }
    }

    /// The text inside the overlay's box (found by its `┌─ Keys` corner), row by row.
    func overlayText(_ g: Grid) -> String {
        let rows = (0..<g.height).map { y in (0..<g.width).map { g[$0, y].text }.joined() }
        guard let top = rows.firstIndex(where: { $0.contains("┌─ Keys") }) else { return "" }
        guard let x0 = (0..<g.width).first(where: { g[$0, top].text == "┌" && g[$0 + 1, top].text == "─" && g[$0 + 3, top].text == "K" }),
              let x1 = ((x0 + 1)..<g.width).first(where: { g[$0, top].text == "┐" }) else { return "" }
        var out = ""
        for y in (top + 1)..<g.height {
            if g[x0, y].text == "└" { break }
            out += (x0 + 1..<x1).map { g[$0, y].text }.joined() + "\n"
        }
        return out
    }

    @Test("a search list snippet longer than its row ends in …")
    func clippedSnippetsSaySo() {
        let text = screen("sfront<Enter>", width: 80, height: 24).text
        let snippetRows = text.split(separator: "\n").filter { $0.hasPrefix(" │   ") }
        #expect(!snippetRows.isEmpty)
        #expect(snippetRows.contains { $0.contains("… │") }, "\(text)")
    }

    @Test("a message never pushes `? help` and `q quit` off the status line")
    func messagesKeepTheEssentialHints() {
        for (w, h) in Self.sizes {
            let status = screen("/\"unclosed<Enter>", width: w, height: h).text.split(separator: "\n").last.map(String.init) ?? ""
            #expect(status.contains("bad query"), "\(status)")
            #expect(status.hasSuffix("? help  q quit ") || status.contains("q quit"), "at \(w)x\(h): \(status)")
        }
    }
}

/// The fronts pane never cuts a date inside a token, whatever the names' lengths.
@Suite struct FrontsDatesWholeTests {
    @Test func datesAreWholeOrAbsentAtEverySize() throws {
        // Names of every length beside range dates, as the seeds' fronts have them.
        let long = FrontsMap(fronts: [
            .init(id: "tb", name: "Transbaikal Front", tag: "TB", position: .west, axes: [
                .init(name: "a", objectives: [.init(placeID: "x1", name: "Lubei", dateLabel: "08-11…12"),
                                              .init(placeID: "x2", name: "Tuquan", dateLabel: "08-11…14"),
                                              .init(placeID: "x3", name: "Taonan", dateLabel: "08-16…17"),
                                              .init(placeID: "x4", name: "Changchun", dateLabel: "08-20…21"),
                                              .init(placeID: "x5", name: "Greater Khingan Mountains", dateLabel: "08-10…14")])]),
            .init(id: "1fe", name: "1st Far Eastern Front", tag: "1FE", position: .east, axes: [
                .init(name: "b", objectives: [.init(placeID: "x6", name: "Mudanjiang", dateLabel: "08-14…17"),
                                              .init(placeID: "x7", name: "Zhangbei", dateLabel: "08-16…17"),
                                              .init(placeID: "x8", name: "Dongning fortified region", dateLabel: "08-09…26")])]),
        ])
        let data = ExplorerData(corpus: fixtureCorpus, index: fixtureIndex, timeline: fixtureTimeline, fronts: long, styling: fixtureStyling)
        let explorer = Explorer(data: data)
        let partial = try Regex(#"\d\d-\d(?!\d)|…\d(?!\d)|\d\d-(?!\d)"#)
        for (w, h) in [(80, 24), (100, 30), (160, 50)] {
            for keys in ["", "2"] {
                let text = explorer.render(explorer.run(try KeyNotation.parse(keys), width: w, height: h).last!).text
                for line in text.split(separator: "\n") {
                    #expect(line.firstMatch(of: partial) == nil, "\(w)x\(h) '\(keys)': a date cut in \(line)")
                }
            }
        }
    }
}
