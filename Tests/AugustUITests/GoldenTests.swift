import Foundation
import Testing
@testable import AugustUI

/// Whole screens after key scripts, compared with files under Goldens/. Regenerate with
/// `AUGUST_UPDATE_GOLDENS=1 swift test --filter GoldenTests`, then review every diff by eye.
@Suite struct GoldenTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    static let update = ProcessInfo.processInfo.environment["AUGUST_UPDATE_GOLDENS"] == "1"

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var keys: String
        var bare = false
        /// The seeds analysed (the map needs real places): "braille" or "ascii"; nil: the fixture.
        var seedsMap: String? = nil
        var styles = false
        var sizes: [(Int, Int)]? = nil
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "start", keys: "", styles: true),
        Case(name: "jump-next-mention", keys: "j<Enter>]", styles: true),
        Case(name: "search", keys: "/mudanjiang<Enter>", styles: true),
        Case(name: "search-typing", keys: "/front"),
        Case(name: "search-list", keys: "sfront<Enter>"),
        Case(name: "two-events-in-passage", keys: "/september<Enter><Enter>"),
        Case(name: "bad-query", keys: "/\"unclosed<Enter>"),
        Case(name: "fronts-filter", keys: "2jjjjjjjjj<Enter>"),
        Case(name: "fronts-focus", keys: "2jjjjjjjjj", styles: true),
        // The fronts pane on the seeds: every front named, W/N/E cues, the legend; narrowed by `f`.
        Case(name: "fronts-seeds", keys: "2", seedsMap: "braille", styles: true, sizes: [(80, 24), (100, 30)]),
        Case(name: "fronts-narrow", keys: "2fkhingan", styles: true, sizes: [(80, 24), (100, 30)]),
        Case(name: "fronts-narrow-kept", keys: "2fmudanjiang<Enter>j", sizes: [(80, 24), (100, 30)]),
        Case(name: "help", keys: "?"),
        Case(name: "events-of-passage", keys: "3jjj<Enter>"),
        Case(name: "all-kinds", keys: "pG"),
        Case(name: "wide-and-controls", keys: "3GkGk"),
        Case(name: "bare-corpus", keys: "", bare: true),
        // The one-pane layout with its tab bar, and the too-small line.
        Case(name: "small", keys: "j<Enter>", sizes: [(60, 20), (40, 10), (39, 10)]),
        // The map in place of the fronts list, at a day of the campaign, a place chosen.
        Case(name: "map", keys: "m", seedsMap: "braille", styles: true, sizes: [(100, 30), (200, 50)]),
        Case(name: "map-ascii", keys: "m", seedsMap: "ascii", sizes: [(100, 30), (200, 50)]),
        Case(name: "map-day-place", keys: "m>>>>.+", seedsMap: "braille", sizes: [(100, 30)]),
        // `'`: the bookmarks and notes (an event, and a passage with a note).
        Case(name: "bookmarks", keys: "jb3GkGkaTwo sources disagree on the date<Enter>'", sizes: [(100, 30)]),
    ]

    static let sizes = [(80, 24), (100, 30), (160, 50)]

    @Test(arguments: cases)
    func screens(_ c: Case) throws {
        var failures: [String] = []
        for (w, h) in c.sizes ?? Self.sizes {
            let explorer = c.seedsMap == "ascii" ? seedsMapExplorerASCII : c.seedsMap != nil ? seedsMapExplorer
                : c.bare ? bareExplorer : fixtureExplorer
            let grid = screen(c.keys, explorer, width: w, height: h)
            var text = "keys: \(c.keys.isEmpty ? "(none)" : c.keys)  size: \(w)x\(h)\n" + grid.text + "\n"
            if c.styles { text += "--- styles\n" + grid.styleMap + "\n" }
            let file = Self.goldens.appendingPathComponent("\(c.name)-\(w)x\(h).txt")
            if Self.update {
                try FileManager.default.createDirectory(at: Self.goldens, withIntermediateDirectories: true)
                try text.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
                failures.append("\(file.lastPathComponent) is missing (AUGUST_UPDATE_GOLDENS=1 writes it)")
                continue
            }
            if expected != text {
                let a = expected.components(separatedBy: "\n"), b = text.components(separatedBy: "\n")
                let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
                let was = i < a.count ? a[i] : "(end)", now = i < b.count ? b[i] : "(end)"
                failures.append("\(file.lastPathComponent) differs at line \(i + 1) (AUGUST_UPDATE_GOLDENS=1 regenerates):\n  golden: \(was)\n  now:    \(now)")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
