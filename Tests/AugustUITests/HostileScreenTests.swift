import AugustCore
import AugustSearch
import Foundation
import Testing
@testable import AugustUI

/// The explorer over the hostile corpus (escapes, OSC 0/52, C1, bidi overrides, BEL, DEL, BS, wide
/// CJK, a file name with an escape), through many key scripts at many sizes: no control character
/// ever reaches a cell, every line is exactly the width, nothing traps.

/// The hostile corpus (without the 20 MB line) plus dated sentences full of escapes, so the hostile
/// text reaches the timeline, the fronts and the source pane.
let hostileExplorer: Explorer = {
    let parent = FileManager.default.temporaryDirectory.appendingPathComponent("august-ui-hostile-\(getpid())")
    try? FileManager.default.removeItem(at: parent)
    let h = try! HostileCorpus.build(in: parent, huge: false)
    try! Data(HostileCorpus.eventText.utf8).write(to: h.root.appendingPathComponent("events-hostile.txt"))
    let corpus = try! Corpus.load(directory: h.root)
    let index = try! SearchIndex(corpus: corpus, cacheDirectory: nil)
    return Explorer(data: ExplorerData(analysis: Analysis.build(corpus: corpus), index: index))
}()

/// The first cell that holds something a terminal would act on (or an unassigned scalar), or nil.
func firstUnprintableCell(_ g: Grid) -> (x: Int, y: Int, scalar: UInt32)? {
    for y in 0..<g.height {
        for x in 0..<g.width {
            for s in g[x, y].text.unicodeScalars {
                let v = s.value
                if v < 0x20 || (0x7F...0x9F).contains(v) || !SafeText.isSafe(s) || s.properties.generalCategory == .unassigned {
                    return (x, y, v)
                }
            }
        }
    }
    return nil
}

/// Rows whose display width is not exactly the grid's width.
func rowsOfWrongWidth(_ g: Grid) -> [Int] {
    (0..<g.height).filter { DisplayWidth.of(g.line($0)) != g.width }
}

@Suite struct HostileScreenTests {
    /// Key scripts that visit every place hostile text can be shown.
    static let scripts: [String] = [
        "", "j", "jjjj", "G", "Gk", "p", "pG", "pjjj",
        "<Enter>", "<Enter>]", "<Enter>]]]", "<Enter>][", "j<Enter>]]", "jj<Enter>", "G<Enter>",
        "/harbin<Enter>", "/harbin<Enter>nnnN", "/clipboard<Enter>", "/pwned<Enter>", "/cleared<Enter>",
        "/title<Enter>", "/reversed<Enter>n", "/哈尔滨<Enter>", "/bell<Enter>", "/escape<Enter>",
        "/harbin", "/clip", "/\"the screen",
        "sharbin<Enter>", "sharbin<Enter><Down><Down>", "sharbin<Enter><Down><Enter>", "/kwantung<Enter>s<Enter>",
        "?", "?<PgDn>", "?<PgDn><PgDn><PgUp>",
        "<Tab>", "<Tab>jjj", "<Tab>j<Enter>", "<Tab><Tab>", "<Tab><Tab>jjjjj", "<Tab><Tab><PgDn><PgDn>",
        "<Tab><Tab>G", "<Tab><Tab>G<Enter>", "3<PgDn><PgDn><Enter>", "<Enter><Enter>", "<Enter>]<Enter>",
        "<Enter><BS>", "<Enter><BS>L",
    ]
    static let sizes: [(Int, Int)] = [(80, 24), (40, 10), (200, 50)]

    @Test func noControlCharacterReachesACellOverTheHostileCorpus() throws {
        var screens = 0
        var sawPlaceholders = Set<String>()
        for script in Self.scripts {
            let inputs = try KeyNotation.parse(script)
            for (w, h) in Self.sizes {
                var s = hostileExplorer.initialState(width: w, height: h)
                var states = [s]
                for i in inputs where !s.quit {
                    s = hostileExplorer.handle(s, i)
                    states.append(s)
                }
                for st in states {
                    let g = hostileExplorer.render(st)
                    screens += 1
                    if let bad = firstUnprintableCell(g) {
                        Issue.record("\(script) at \(w)x\(h): cell \(bad.x),\(bad.y) holds U+\(String(bad.scalar, radix: 16))")
                        return
                    }
                    #expect(g.width == w && g.height == h)
                    #expect(rowsOfWrongWidth(g).isEmpty, "\(script) at \(w)x\(h)")
                    let text = g.text
                    for p in ["␛[2J", "␛]0;pwned␇", "␛]52;c;", "哈尔滨", "\u{FFFD}reversed"] where text.contains(p) {
                        sawPlaceholders.insert(p)
                    }
                }
            }
        }
        // The hostile text really was on screen (as placeholders), in every form.
        #expect(sawPlaceholders == ["␛[2J", "␛]0;pwned␇", "␛]52;c;", "哈尔滨", "\u{FFFD}reversed"], "\(sawPlaceholders)")
        #expect(screens > 800)
    }

    /// The hostile dated sentences are events on the timeline (so the screens above show them there).
    @Test func hostileEventsAreOnTheTimeline() {
        let dates = Set(hostileExplorer.data.timeline.map(\.date.start))
        #expect(dates.isSuperset(of: ["1945-08-09", "1945-08-10", "1945-08-11"]), "\(dates.sorted())")
        let g = hostileExplorer.render(hostileExplorer.initialState(width: 160, height: 50))
        #expect(g.text.contains("08-10") && g.text.contains("08-11"))
        #expect(firstUnprintableCell(g) == nil)
    }

    // MARK: sizes

    /// Every size of a sampled grid from 1×1 to 500×200, with a key script: never a trap, every
    /// line exactly the width, every cell printable.
    @Test func everySizeFromOneByOneTo500By200() throws {
        let widths = [1, 2, 3, 5, 10, 20, 39, 40, 41, 79, 80, 81, 99, 100, 160, 255, 500]
        let heights = [1, 2, 3, 5, 9, 10, 11, 23, 24, 29, 30, 50, 100, 200]
        var sizes = Set<String>()
        for w in widths { for h in heights { sizes.insert("\(w)x\(h)") } }
        #expect(sizes.isSuperset(of: ["1x1", "2x1", "1x2", "39x9", "40x10", "79x23", "80x24", "99x29", "100x30", "500x200"]))
        let inputs = try KeyNotation.parse("j<Enter>]/harbin<Enter>n<Tab>j?<Esc>s<Down><Enter>G")
        // Rendered: the start, after the jump, the search, the help, the result list, and the end;
        // every frame up to 80×24 (the big screens cost ~20 ms each in a debug build).
        let checkpoints: Set<Int> = [2, 10, 16, 18, inputs.count - 1]
        var rendered = 0
        for w in widths {
            for h in heights {
                var s = hostileExplorer.initialState(width: w, height: h)
                let everyFrame = w <= 80 && h <= 24
                for (n, i) in inputs.enumerated() {
                    s = hostileExplorer.handle(s, i)
                    if everyFrame || checkpoints.contains(n) {
                        let g = hostileExplorer.render(s)
                        rendered += 1
                        #expect(g.width == w && g.height == h)
                        #expect(rowsOfWrongWidth(g).isEmpty, "\(w)x\(h) after \(n + 1) keys")
                        if let bad = firstUnprintableCell(g) { Issue.record("\(w)x\(h): U+\(String(bad.scalar, radix: 16))"); return }
                    }
                }
            }
        }
        #expect(rendered > widths.count * heights.count * 5)
    }

    /// A rectangle drawn over half of a wide character turns the other half into a space (the
    /// result list over a timeline row with CJK was one column too wide at 200 columns).
    @Test func fillingOverHalfAWideCharacterKeepsTheRowWidth() {
        var g = Grid(width: 8, height: 2)
        g.put("漢字漢字", x: 0, y: 0, style: .normal)
        g.put("漢字漢字", x: 0, y: 1, style: .normal)
        g.fill(x: 1, y: 0, width: 2, height: 2, style: .overlay)
        #expect(rowsOfWrongWidth(g).isEmpty)
        #expect(g.line(0) == "    漢字" && g.line(1) == "    漢字")
        g.fill(x: 4, y: 0, width: 3, height: 1)
        #expect(g.line(0) == String(repeating: " ", count: 8))
        #expect(rowsOfWrongWidth(g).isEmpty)
    }

    /// 200 resizes in a row, between odd sizes (0 and 1 included), with keys in between.
    @Test func twoHundredResizesInARow() throws {
        var rng = SplitMix(seed: 7)
        var s = hostileExplorer.initialState(width: 100, height: 30)
        s = hostileExplorer.handle(s, .key(.enter))
        var survived = 0
        for n in 0..<200 {
            let w = n % 17 == 0 ? Int(rng.next() % 3) : Int(rng.next() % 500) + 1
            let h = n % 13 == 0 ? Int(rng.next() % 3) : Int(rng.next() % 200) + 1
            s = hostileExplorer.handle(s, .resize(width: w, height: h))
            if n % 10 == 5 { s = hostileExplorer.handle(s, .key(.char("]"))) }
            let g = hostileExplorer.render(s)
            #expect(g.width == w && g.height == h)
            #expect(rowsOfWrongWidth(g).isEmpty, "\(w)x\(h)")
            survived += 1
        }
        #expect(survived == 200)
        // And it still works at a normal size afterwards.
        s = hostileExplorer.handle(s, .resize(width: 100, height: 30))
        s = hostileExplorer.handle(hostileExplorer.handle(s, .key(.char("/"))), .key(.char("h")))
        #expect(hostileExplorer.render(s).text.contains("/h"))
    }

    // MARK: queries

    static let badQueries: [[Input]] = {
        let texts = [
            "\"unbalanced", "harbin \"kwantung army", "“curly", "OR", "harbin OR", "OR harbin", "a OR OR b", "*", "**", "-",
            "-harbin", "- - -", "!!! ??? ...", "\"\"", "\" \"", "(((", ".,;:!?", "\u{202E}", "\u{9B}", "\u{85}",
            String(repeating: "a", count: 10_000), String(repeating: "\"", count: 2_001), String(repeating: "é", count: 1_001),
        ]
        var scripts = texts.map { t in t.map { Input.key(.char($0)) } }
        // Control characters that reach the prompt as characters (NUL, ESC, BEL and DEL as text).
        scripts.append(["\u{0}", "\u{1B}", "\u{07}", "\u{7F}", "\u{08}"].map { Input.key(.char(Character($0))) })
        scripts.append([Input.key(.char("\u{0}"))])
        return scripts
    }()

    @Test("a bad query: one clear line in the status line, no trap, and the explorer keeps working",
          arguments: badQueries.indices)
    func badQueryInTheExplorer(_ n: Int) {
        let query = Self.badQueries[n]
        let e = hostileExplorer
        var s = e.initialState(width: 100, height: 30)
        s = e.handle(s, .key(.char("/")))
        for i in query { s = e.handle(s, i) }
        // While typing: the error is shown beside the prompt, on the last row only.
        let typing = e.render(s)
        #expect(s.prompt?.error != nil, "query \(n) is not reported while typing")
        #expect(firstUnprintableCell(typing) == nil)
        #expect(rowsOfWrongWidth(typing).isEmpty)
        if let err = s.prompt?.error { #expect(typing.line(29).contains(String(err.prefix(30))), "\(typing.line(29))") }
        s = e.handle(s, .key(.enter))
        let message = s.message ?? ""
        #expect(message.hasPrefix("bad query: "), "\(message)")
        #expect(s.messageIsError)
        #expect(!message.contains("\n") && message.unicodeScalars.count < 200, "one short line")
        let g = e.render(s)
        #expect(g.line(29).contains("bad query: "))
        #expect(firstUnprintableCell(g) == nil)
        #expect(s.search == nil)
        // Still working: a good search afterwards finds matches, keys move.
        for c in "/harbin" { s = e.handle(s, .key(.char(c))) }
        s = e.handle(s, .key(.enter))
        #expect((s.search?.passageCount ?? 0) > 0)
        s = e.handle(s, .key(.char("n")))
        #expect(e.render(s).line(29).contains("match "))
        #expect(!s.quit)
    }
}

/// A small deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
