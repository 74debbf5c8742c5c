import Foundation
import Testing
@testable import AugustMap

/// A small deterministic generator (SplitMix64) so failures can be replayed by seed.
struct SeededRandom: RandomNumberGenerator {
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

@Suite struct LabelTests {
    static let names = ["Harbin", "Mudanjiang", "Hailar", "Qiqihar", "Jiamusi", "Dongning fortified area", "A", "牡丹江",
                        "Владивосток", "Toyohara 豊原", "Port\u{1B}[31mArthur", "Sakhalin\u{7}", "Ch'ongjin", "x y  z",
                        "Khabarovsk", "Mukden (Shenyang)", "Changchun", "Kwantung", "Sunwu", "Aihui", "Kōtō", "Hutou"]

    func randomScene(_ rng: inout SeededRandom, count: Int) -> MapScene {
        var places: [MapScene.Place] = []
        for i in 0..<count {
            let name = Self.names[Int.random(in: 0..<Self.names.count, using: &rng)] + (Bool.random(using: &rng) ? "" : " \(i)")
            places.append(MapScene.Place(id: "p\(i)", name: name,
                                         point: GeoPoint(lat: Double.random(in: 30...60, using: &rng), lon: Double.random(in: 100...160, using: &rng)),
                                         mentions: Int.random(in: 1...50, using: &rng), highlighted: Int.random(in: 0..<10, using: &rng) == 0))
        }
        return MapScene(places: places)
    }

    @Test func labelsNeverOverlapNorLeaveTheFrame() {
        let empty = Basemap(lines: [])
        for seed in UInt64(1)...UInt64(120) {
            var rng = SeededRandom(seed: seed)
            let w = Int.random(in: 20...220, using: &rng), h = Int.random(in: 6...60, using: &rng)
            let scene = randomScene(&rng, count: Int.random(in: 0...80, using: &rng))
            let viewport = Bool.random(using: &rng) ? MapViewport.fitting(scene.places.map(\.point), cols: w, rows: h)
                : MapViewport(center: GeoPoint(lat: 45, lon: 130), lonSpan: Double.random(in: 2...80, using: &rng))
            let style: MapStyle = Bool.random(using: &rng) ? .braille : .ascii
            let frame = MapRenderer.render(basemap: empty, scene: scene, viewport: viewport, cols: w, rows: h, style: style, day: nil)
            let boxes = frame.labelBoxes
            for b in boxes {
                #expect(b.row >= 0 && b.row < h && b.col >= 0 && b.col + b.width <= w, "seed \(seed): box \(b) out of \(w)x\(h)")
                // The label's cells are label cells, and show exactly the cleaned name.
                let cells = (b.col..<(b.col + b.width)).map { frame[$0, b.row] }
                #expect(cells.allSatisfy { $0.role == .label || $0.role == .labelHighlighted }, "seed \(seed): label over a marker")
                let place = scene.places.first { $0.id == b.placeID }!
                #expect(cells.map(\.text).joined() == LabelText.clean(place.name, asciiOnly: style == .ascii)?.text, "seed \(seed)")
                if style == .ascii { #expect(cells.allSatisfy { $0.text.unicodeScalars.allSatisfy(\.isASCII) }) }
                #expect(cells.allSatisfy { $0.text.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) } })
            }
            for i in boxes.indices {
                for j in boxes.indices where j > i {
                    let a = boxes[i], b = boxes[j]
                    let overlap = a.row == b.row && a.col < b.col + b.width && b.col < a.col + a.width
                    #expect(!overlap, "seed \(seed): \(a) overlaps \(b)")
                }
            }
            // Every row is exactly w columns wide (wide characters are followed by an empty cell).
            for line in frame.lines {
                let width = line.unicodeScalars.reduce(0) { $0 + (LabelText.width(of: $1) ?? 1) }
                #expect(width == w, "seed \(seed): row width \(width) != \(w)")
            }
        }
    }

    @Test func mostMentionedPlaceGetsItsLabelFirst() {
        // Two places one cell apart: only one label fits beside them; the more-mentioned one wins it.
        let v = MapViewport(center: GeoPoint(lat: 45, lon: 127), lonSpan: 10)
        let p = MapProjection(viewport: v, cols: 40, rows: 12)
        let a = p.geo(col: 20, row: 6), b = p.geo(col: 21, row: 6)
        let scene = MapScene(places: [MapScene.Place(id: "minor", name: "Minor", point: b, mentions: 1),
                                      MapScene.Place(id: "major", name: "Major", point: a, mentions: 9)])
        let frame = MapRenderer.render(basemap: Basemap(lines: []), scene: scene, viewport: v, cols: 40, rows: 12, style: .ascii, day: nil)
        let first = frame.labelBoxes.first
        #expect(first?.placeID == "major")
        #expect(frame.place(atCol: 20, row: 6) == "major")
        #expect(frame.place(atCol: 21, row: 6) == "minor")
        if let first { #expect(frame.place(atCol: first.col, row: first.row) == "major") }
        #expect(frame[20, 6].text == "O" && frame[21, 6].text == ".")
    }

    @Test func aHighlightedPlaceIsDistinctAndLabelledBeforeBiggerOnes() {
        let v = MapViewport(center: GeoPoint(lat: 45, lon: 127), lonSpan: 10)
        let p = MapProjection(viewport: v, cols: 40, rows: 12)
        let scene = MapScene(places: [MapScene.Place(id: "big", name: "Big", point: p.geo(col: 20, row: 6), mentions: 50),
                                      MapScene.Place(id: "sel", name: "Selected", point: p.geo(col: 21, row: 6), mentions: 1, highlighted: true)])
        for (style, glyph) in [(MapStyle.braille, "◉"), (.ascii, "@")] {
            let f = MapRenderer.render(basemap: Basemap(lines: []), scene: scene, viewport: v, cols: 40, rows: 12, style: style, day: nil)
            #expect(f[21, 6].text == glyph && f[21, 6].role == .markerHighlighted)
            #expect(f.labelBoxes.first?.placeID == "sel")
            let box = f.labelBoxes.first!
            #expect(f[box.col, box.row].role == .labelHighlighted)
        }
    }

    @Test func untrustedNamesAreCleanedOrSkipped() {
        #expect(LabelText.clean("Port\u{1B}[31mArthur")?.text == "Port [31mArthur")
        #expect(LabelText.clean("牡丹江")?.width == 6)
        #expect(LabelText.clean("Harbin\u{202E}")?.text == "Harbin")
        #expect(LabelText.clean("Tank 🚀") == nil)          // width not safely known: no label
        #expect(LabelText.clean("\u{7}\u{1B}") == nil)
        #expect(LabelText.clean("  Mukden  ")?.text == "Mukden")
        #expect(MapStyle.forLocale(["LANG": "C.UTF-8"]) == .braille)
        #expect(MapStyle.forLocale(["LC_ALL": "C", "LANG": "en_US.UTF-8"]) == .ascii)
        #expect(MapStyle.forLocale(["LC_CTYPE": "de_DE.utf8"]) == .braille)
        #expect(MapStyle.forLocale([:]) == .ascii)
        #expect(LabelText.clean("Kōtō", asciiOnly: true)?.text == "Koto")
        #expect(LabelText.clean("牡丹江", asciiOnly: true) == nil)
    }
}

@Suite struct DayTests {
    /// Three legs far apart, dated 08-09, 08-11 and 08-14.
    static let legs = [
        MapScene.Leg(from: GeoPoint(lat: 50, lon: 110), to: GeoPoint(lat: 50, lon: 120), toPlaceID: "a", day: "1945-08-09"),
        MapScene.Leg(from: GeoPoint(lat: 45, lon: 110), to: GeoPoint(lat: 45, lon: 120), toPlaceID: "b", day: "1945-08-11"),
        MapScene.Leg(from: GeoPoint(lat: 40, lon: 110), to: GeoPoint(lat: 40, lon: 120), toPlaceID: "c", day: "1945-08-14"),
    ]
    static let scene = MapScene(axes: [MapScene.Axis(frontID: "f", frontTag: "F", name: "axis", legs: legs)])
    static let viewport = MapViewport(center: GeoPoint(lat: 45, lon: 115), lonSpan: 30)

    /// The roles of the cells along a leg's middle half.
    func roles(_ frame: MapFrame, _ leg: MapScene.Leg) -> Set<MapRole> {
        let p = MapProjection(viewport: Self.viewport, cols: 60, rows: 20)
        var out = Set<MapRole>()
        for t in stride(from: 0.25, through: 0.75, by: 0.05) {
            let g = GeoPoint(lat: leg.from.lat + (leg.to.lat - leg.from.lat) * t, lon: leg.from.lon + (leg.to.lon - leg.from.lon) * t)
            let c = p.cell(g)!
            out.insert(frame[c.col, c.row].role)
        }
        return out.subtracting([.blank])
    }

    func frame(_ day: String?, _ style: MapStyle) -> MapFrame {
        MapRenderer.render(basemap: Basemap(lines: []), scene: Self.scene, viewport: Self.viewport, cols: 60, rows: 20, style: style, day: day)
    }

    @Test(arguments: [MapStyle.braille, .ascii])
    func steppingTheDayMovesTheFronts(_ style: MapStyle) {
        #expect(Self.scene.days == ["1945-08-09", "1945-08-11", "1945-08-14"])
        let at11 = frame("1945-08-11", style)
        #expect(roles(at11, Self.legs[0]) == [.axisReached])
        #expect(roles(at11, Self.legs[1]) == [.axisReached])
        #expect(roles(at11, Self.legs[2]) == [.axisAhead])
        let before = frame("1945-08-01", style)
        #expect(Self.legs.allSatisfy { roles(before, $0) == [.axisAhead] })
        let all = frame(nil, style)
        #expect(Self.legs.allSatisfy { roles(all, $0) == [.axisReached] })
        // A day after the last: everything reached, as with no day.
        #expect(Self.legs.allSatisfy { roles(frame("1945-09-30", style), $0) == [.axisReached] })
        // The arrowhead of a leg points east, in the cell before its objective.
        let arrows = all.cells.filter { ["→", ">"].contains($0.text) }
        #expect(arrows.count == 3 && arrows.allSatisfy { $0.front == 0 })
    }

    @Test func undatedLegsCountOnlyWithoutADay() {
        var scene = Self.scene
        scene.axes[0].legs[1].day = nil
        #expect(scene.days == ["1945-08-09", "1945-08-14"])
        let v = Self.viewport
        let withDay = MapRenderer.render(basemap: Basemap(lines: []), scene: scene, viewport: v, cols: 60, rows: 20, style: .braille, day: "1945-08-20")
        #expect(roles(withDay, Self.legs[1]) == [.axisAhead])
        let noDay = MapRenderer.render(basemap: Basemap(lines: []), scene: scene, viewport: v, cols: 60, rows: 20, style: .braille, day: nil)
        #expect(roles(noDay, Self.legs[1]) == [.axisReached])
    }
}

@Suite struct BasemapTests {
    @Test func bundledResourceLoadsWithEveryLayer() throws {
        let b = try Basemap.bundled()
        #expect(b.lines.count > 300)
        for layer in Basemap.Layer.allCases { #expect(b.lines.contains { $0.layer == layer }, "\(layer)") }
        // Everything inside (or on the edge of) the generated region, or the overlay's points.
        for line in b.lines { for p in line.points { #expect(p.lon >= 100 && p.lon <= 160 && p.lat >= 30 && p.lat <= 60) } }
        // Karafuto's border is at the 50th parallel.
        let karafuto = b.lines.filter { $0.layer == .frontier1945 && $0.points.allSatisfy { $0.lat == 50 } }
        #expect(karafuto.count == 1)
    }

    @Test func parseRoundTrip() throws {
        let b = try Basemap.bundled()
        let text = b.serialized()
        let again = try Basemap.parse(text)
        #expect(again.serialized() == text)
        #expect(again.lines.count == b.lines.count)
        // The committed file is what `serialized` writes, after its comment header.
        let url = try #require(Basemap.resourceURL(Basemap.resourceName))
        let file = try String(contentsOf: url, encoding: .utf8)
        #expect(file.hasPrefix("# august-basemap v1 "))
        let body = String(file.split(separator: "\n", maxSplits: 1)[1])
        #expect(try Basemap.parse(file).serialized() == body)
        #expect(file.utf8.count < 1_000_000)
    }

    @Test func malformedInputIsRefusedWithTheLine() throws {
        for bad in ["coast 1 1,2", "ocean 1 1,2 3,4", "coast x 1,2 3,4", "coast 1 1,2 3;4", "coast 1 1,2 3,400"] {
            #expect(throws: BasemapError.self) { try Basemap.parse("# header\n" + bad) }
        }
        let empty = try Basemap.parse("# only a comment\n\n")
        #expect(empty.lines.isEmpty)
    }

    @Test func emptySceneDrawsTheBasemapAlone() throws {
        let v = MapViewport.fitting([], cols: 100, rows: 30)
        for style in [MapStyle.braille, .ascii] {
            let f = MapRenderer.render(basemap: try Basemap.bundled(), scene: MapScene(), viewport: v, cols: 100, rows: 30, style: style, day: nil)
            let roles = Set(f.cells.map(\.role))
            #expect(roles.isSuperset(of: [.coast, .river, .border]))
            #expect(roles.isDisjoint(with: [.marker, .markerHighlighted, .label, .labelHighlighted, .axisReached, .axisAhead]))
            #expect(f.labelBoxes.isEmpty)
        }
    }
}
