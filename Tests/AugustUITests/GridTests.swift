import AugustCore
import AugustSearch
import Foundation
import Testing
@testable import AugustUI

@_silgen_name("wcwidth") func c_wcwidth(_ c: Int32) -> Int32
@_silgen_name("setlocale") func c_setlocale(_ category: Int32, _ locale: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>?

@Suite struct GridTests {
    /// The grid measures text like glibc's wcwidth (what ncursesw uses), scalar by scalar.
    @Test func widthsAgreeWithTheCLibrary() {
        // LC_CTYPE = 0 on glibc; C.UTF-8 exists on every glibc system.
        guard c_setlocale(0, "C.UTF-8") != nil else { Issue.record("no C.UTF-8 locale"); return }
        var disagreements: [String] = []
        for v in UInt32(0x20)...0x10FFFF {
            guard let s = Unicode.Scalar(v), SafeText.isSafe(s), Cell.sanitize(s) == s else { continue }
            let c = c_wcwidth(Int32(bitPattern: v))
            if c < 0 { continue }   // unknown to glibc's tables (newer Unicode): not compared
            if Int(c) != DisplayWidth.of(s) { disagreements.append(String(v, radix: 16)) }
        }
        #expect(disagreements.isEmpty, "differ from wcwidth: \(disagreements.prefix(20))")
        #expect(DisplayWidth.of("漢字") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("Советский") == 9)
    }

    @Test func wideCharactersTakeTwoCellsAndCombiningMarksJoinTheirBase() {
        var g = Grid(width: 6, height: 1)
        let end = g.put("a漢e\u{301}b", x: 0, y: 0, style: .normal)
        #expect(end == 5)
        #expect(g[1, 0].text == "漢" && g[1, 0].width == 2)
        #expect(g[2, 0].isContinuation)
        #expect(g[3, 0].text == "e\u{301}")
        #expect(g.line(0) == "a漢e\u{301}b ")
        // A wide character that does not fit at the edge becomes a space, never half a glyph.
        var h = Grid(width: 3, height: 1)
        h.put("ab漢", x: 0, y: 0, style: .normal)
        #expect(h.line(0) == "ab ")
        // Overwriting half of a wide character clears the other half.
        var k = Grid(width: 4, height: 1)
        k.put("漢字", x: 0, y: 0, style: .normal)
        k.put("x", x: 1, y: 0, style: .normal)
        #expect(k.line(0) == " x字")
    }

    @Test func controlCharactersNeverEnterACell() {
        var text = ""
        for v in UInt32(0)...0x9F { text.unicodeScalars.append(Unicode.Scalar(v)!) }
        for v: UInt32 in [0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
                          0x2028, 0x2029, 0xFFFE, 0x10FFFF, 0xE0000] {
            text.unicodeScalars.append(Unicode.Scalar(v)!)
        }
        var g = Grid(width: 300, height: 2)
        g.put(text, x: 0, y: 0, style: .normal)
        g.put("\u{1B}[2J\u{1B}]0;pwned\u{07}", x: 0, y: 1, style: .normal)
        assertPrintable(g)
        #expect(g.line(1).hasPrefix("␛[2J␛]0;pwned␇"))
    }

    /// Every screen of the fixture (whose corpus has ESC, BEL, DEL, C1 and bidi overrides) is printable.
    @Test func corpusControlCharactersNeverReachTheScreen() {
        for keys in ["", "3G", "3Gk", "/escape<Enter>", "/escape<Enter>s", "p", "?"] {
            for (w, h) in [(80, 24), (100, 30), (160, 50), (45, 12)] {
                assertPrintable(screen(keys, width: w, height: h))
            }
        }
        #expect(screen("3Gk", width: 160, height: 50).text.contains("␛[31m"))
    }

    /// Tiny and odd sizes never crash, whatever the keys; the layout recovers when enlarged.
    @Test func tinySizesNeverCrash() {
        let keys = try! KeyNotation.parse("jjk<Enter>]<Tab>j<Tab>Gg<Enter>/front<Enter>nNs<Down><Enter>?<Esc>2<Enter><Esc><BS>p<PgDn><C-d><PgUp><Click:0,0><WheelDown:1,1>")
        for w in [0, 1, 2, 3, 5, 10, 20, 39, 40, 41, 79, 80] {
            for h in [0, 1, 2, 3, 5, 9, 10, 11, 23, 24] {
                var s = fixtureExplorer.initialState(width: w, height: h)
                for k in keys {
                    s = fixtureExplorer.handle(s, k)
                    let g = fixtureExplorer.render(s)
                    #expect(g.width == w && g.height == h)
                }
                s = fixtureExplorer.handle(s, .resize(width: 100, height: 30))
                #expect(fixtureExplorer.render(s).text.contains("Fronts") || s.quit)
            }
        }
    }

    /// Corpora with nothing in them, or odd timelines, never crash either.
    @Test func emptyAndOddDataNeverCrash() {
        let keys = try! KeyNotation.parse("jk<Enter>]<Tab>jG<Enter><Tab>Gg<PgDn><C-u><Enter>/a<Enter>nNs<Enter>?<Esc>2<Enter>3<Enter><BS>Lp<Click:5,5><WheelDown:50,20>x")
        let empty = Corpus(texts: [])
        let blank = Corpus(texts: [(id: "blank.txt", text: ""), (id: "one.txt", text: "a")])
        let odd = [TimelineItem(id: "x", date: DateValue(DatePoint(year: nil)), dateLabel: "", title: "", mentions: []),
                   TimelineItem(id: "y", date: DateValue(DatePoint(year: -7, month: 13, day: 40, hour: 99)), dateLabel: "?", frontID: "nowhere", title: "\u{1B}[2J",
                                mentions: [.init(passage: 999, start: 5, end: 2), .init(passage: 1, start: -3, end: 99), .init(passage: -1, start: 0, end: 1)],
                                placeIDs: ["p"])]
        let fronts = FrontsMap(fronts: [.init(id: "f", name: "", tag: "", position: .farEast, axes: [.init(name: "", objectives: [])]),
                                        .init(id: "g", name: "G", tag: "G", position: .west, axes: [.init(name: "a", objectives: [.init(placeID: "p", name: "P")])])])
        for corpus in [empty, blank, fixtureCorpus] {
            let index = try? SearchIndex(corpus: corpus, cacheDirectory: nil)
            for timeline in [[], odd] {
                let explorer = Explorer(data: ExplorerData(corpus: corpus, index: index, timeline: timeline, fronts: fronts))
                for (w, h) in [(100, 30), (80, 24), (50, 12), (3, 3)] {
                    var s = explorer.initialState(width: w, height: h)
                    for k in keys {
                        s = explorer.handle(s, k)
                        _ = explorer.render(s)
                    }
                }
            }
        }
    }

    /// Random keys at random sizes: never a crash, and the selections always on screen — the
    /// timeline's selected row (▸) and the current passage (▌) wherever their pane is shown.
    @Test(arguments: [1945, 7, 42])
    func randomKeysKeepTheSelectionsVisible(seed: Int) {
        struct LCG { var x: UInt64; mutating func next(_ n: Int) -> Int { x = x &* 6364136223846793005 &+ 1442695040888963407; return Int((x >> 33) % UInt64(n)) } }
        var rng = LCG(x: UInt64(seed))
        let keys: [Input] = try! KeyNotation.parse("jjjjkkk<Enter>][<Tab><S-Tab>123gG<PgDn><PgUp><C-d><C-u><BS>Lp<Esc>nN")
            + [.resize(width: 100, height: 30), .resize(width: 80, height: 24), .resize(width: 60, height: 20), .resize(width: 160, height: 50),
               .resize(width: 45, height: 12), .resize(width: 30, height: 8)]
        let explorer = fixtureExplorer
        var s = explorer.initialState(width: 100, height: 30)
        s = explorer.handle(s, .key(.char("p")))
        for step in 0..<800 {
            let k = keys[rng.next(keys.count)]
            s = explorer.handle(s, k)
            if s.overlay != nil || s.prompt != nil { s = explorer.handle(s, .key(.esc)) }
            let g = explorer.render(s)
            let layout = explorer.layout(s)
            func has(_ mark: String, in pane: Pane) -> Bool {
                guard let r = layout.panes[pane] else { return true }
                return (r.y..<(r.y + r.height)).contains { y in
                    (r.x..<(r.x + r.width)).contains { g[$0, y].text == mark }
                }
            }
            // With events to show (a place filter can leave none), one of them is selected, in view.
            let visible = explorer.data.visibleItems(showAll: s.showAllKinds, placeFilter: s.placeFilter?.id)
            let timelineOK = visible.isEmpty || explorer.paneHeight(s, .timeline) < 3
                || (visible.contains(s.timelineSelection ?? -1) && has("▸", in: .timeline))
            #expect(timelineOK, "step \(step) after \(k): selection not visible")
            #expect(has("▌", in: .source), "step \(step) after \(k): current passage not visible")
            if !timelineOK || !has("▌", in: .source) {
                print("step \(step) after \(k) at \(s.width)x\(s.height), top \(s.timelineTop) sel \(String(describing: s.timelineSelection))\n\(g.text)")
                break
            }
        }
    }

    /// Every row adds up to exactly the screen width (no cell lost or doubled by wide characters).
    @Test func rowsAlwaysFillTheWidth() {
        for keys in ["", "3Gk", "/宣战<Enter>", "/war<Enter>s"] {
            for (w, h) in [(80, 24), (100, 30), (161, 50), (41, 11), (60, 20)] {
                let g = screen(keys, width: w, height: h)
                for y in 0..<h {
                    let total = (0..<w).reduce(0) { $0 + max(g[$1, y].width, 0) }
                    #expect(total == w, "row \(y) of \(keys) at \(w)x\(h) is \(total) wide")
                }
            }
        }
    }

    @Test func wrapKeepsWordsAndCountsWideCharactersAsTwo() {
        let lines = Wrapper.wrap("aaa bbb ccc", width: 7)
        #expect(lines == [0..<7, 8..<11])
        let cjk = Wrapper.wrap("漢字漢字漢字", width: 5)
        #expect(cjk == [0..<2, 2..<4, 4..<6])
        #expect(Wrapper.wrap("", width: 10) == [0..<0])
        #expect(Wrapper.wrap("line1\nline2", width: 20) == [0..<5, 6..<11])
        #expect(Wrapper.wrap("abcdefghij", width: 4) == [0..<4, 4..<8, 8..<10])
    }

    @Test func dateLabelsKeepTheValuesPrecision() {
        func label(_ iso: String) -> String { DateFormat.label(DateValue(iso: iso)!) }
        #expect(label("1945") == "1945")
        #expect(label("1945-08") == "Aug")
        #expect(label("1945-08-09") == "08-09")
        #expect(label("1945-08-09T17:00") == "08-09 17:00")
        #expect(label("1945-SU") == "summer")
        #expect(label("1945-08-11/1945-08-25") == "08-11…25")
        #expect(label("1945-08-18/1945-09-01") == "08-18…09-01")
        #expect(label("1939/1945") == "1939…1945")
        #expect(label("1939-05/1939-08") == "May…Aug")
        #expect(label("1941-12/1945-08") == "1941-12…1945-08")
    }

    func assertPrintable(_ g: Grid, sourceLocation: SourceLocation = #_sourceLocation) {
        for y in 0..<g.height {
            for x in 0..<g.width {
                for s in g[x, y].text.unicodeScalars {
                    let v = s.value
                    let bad = v < 0x20 || (0x7F...0x9F).contains(v) || !SafeText.isSafe(s)
                        || s.properties.generalCategory == .unassigned
                    #expect(!bad, "cell \(x),\(y) holds U+\(String(v, radix: 16))", sourceLocation: sourceLocation)
                    if bad { return }
                }
            }
        }
    }
}
