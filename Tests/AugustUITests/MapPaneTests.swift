import AugustCore
import AugustSearch
import AugustMap
import Foundation
import Testing
@testable import AugustUI

/// The seeds analysed as a full start does (the map needs real places, coordinates and dated axes).
let seedsMapData: ExplorerData = {
    var url = URL(fileURLWithPath: #filePath)
    while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { url.deleteLastPathComponent() }
    let corpus = try! Corpus.load(directory: url.appendingPathComponent("seeds"))
    return ExplorerData(analysis: Analysis.build(corpus: corpus), index: try! SearchIndex(corpus: corpus, cacheDirectory: nil))
}()
let seedsMapExplorer = Explorer(data: seedsMapData)
let seedsMapExplorerASCII = Explorer(data: seedsMapData, mapStyle: .ascii)

private func isBraille(_ c: Character) -> Bool {
    c.unicodeScalars.first.map { (0x2801...0x28FF).contains($0.value) } ?? false
}

@Suite("Map pane: m shows the theatre; the day steps and follows the timeline; places act")
struct MapPaneTests {
    let e = seedsMapExplorer

    @Test("m shows the map in the fronts pane (braille lines, place names, the day in its title); m again the list")
    func toggle() throws {
        #expect(!e.data.mapScene.places.isEmpty && !e.data.mapScene.axes.isEmpty)
        let s = after("m", e)
        #expect(s.showMap && s.focus == .fronts)
        let g = e.render(s)
        let rect = e.paneRect(s, .fronts)
        #expect(g.line(rect.y).contains("Map"))
        let inside = (rect.y + 1..<rect.y + rect.height - 1).map { g.line($0) }.joined()
        #expect(inside.filter(isBraille).count > 200, "the basemap is drawn")
        let names = e.data.mapScene.places.prefix(5).map(\.name)
        #expect(names.contains { inside.contains($0) }, "the most named places are labelled")
        #expect(g.line(s.height - 1).hasPrefix(" Map "))
        let back = after("mm", e)
        #expect(!back.showMap)
        #expect(e.render(back).line(e.paneRect(back, .fronts).y).contains("Fronts"))
    }

    @Test("ASCII: no braille, no character outside ASCII inside the map")
    func ascii() throws {
        let a = seedsMapExplorerASCII
        let s = after("m", a)
        let g = a.render(s)
        let r = a.paneRect(s, .fronts).inner
        let inside = (r.y..<r.y + r.height).map { y in (r.x..<r.x + r.width).map { g[$0, y].text }.joined() }.joined()
        #expect(!inside.contains(where: isBraille))
        let allASCII = inside.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(allASCII)
        #expect(inside.contains("~") || inside.contains("-"))
    }

    @Test("selecting an event moves the map's day to the event's day")
    func dayFollowsTimeline() throws {
        var s = after("m1", e)
        for _ in 0..<15 {
            s = e.handle(s, .key(.char("j")))
            guard let sel = s.timelineSelection else { continue }
            let date = e.data.timeline[sel].date
            if let day = DateFormat.isoDay(date.first) { #expect(s.map.day == day, "\(date)") }
        }
    }

    @Test("> and < step a day, } and { a week, inside the movements' days; the timeline selects that day's first event")
    func stepping() throws {
        let days = e.data.mapDays
        let first = try #require(days.first), last = try #require(days.last)
        var s = after("m", e)
        s.map.day = first
        s = e.handle(s, .key(.char(">")))
        let next = try #require(ISODay.shift(first, by: 1))
        #expect(s.map.day == next)
        // The timeline's selection is the first visible event on or after that day.
        let items = e.timeline.timelineView(s).items
        let expected = items.first { e.data.timeline[$0].sortKey >= next }
        #expect(s.timelineSelection == expected)
        #expect(e.render(s).line(s.height - 1).contains(next))
        s = e.handle(s, .key(.char("<")))
        #expect(s.map.day == first)
        s = e.handle(s, .key(.char("}")))
        #expect(s.map.day == min(ISODay.shift(first, by: 7)!, last))
        // Not past the last day, not before the day before the first.
        for _ in 0..<20 { s = e.handle(s, .key(.char("}"))) }
        #expect(s.map.day == last)
        for _ in 0..<20 { s = e.handle(s, .key(.char("{"))) }
        #expect(s.map.day == ISODay.shift(first, by: -1))
    }

    @Test("the legs the map draws as reached are exactly those dated on or before its day")
    func reachedByDay() throws {
        let scene = e.data.mapScene
        let days = e.data.mapDays
        for day in [ISODay.shift(days.first!, by: -1)!, days[days.count / 2], days.last!] {
            let reached = scene.axes.flatMap(\.legs).filter { $0.day.map { $0 <= day } ?? false }
            let drawn = scene.axes.flatMap(\.legs).filter { MapScene.isReached($0, by: day) }
            #expect(reached == drawn, "\(day)")
            var s = after("m", e)
            s.map.day = day
            let g = e.render(s)
            let r = e.paneRect(s, .fronts).inner
            let axisCells = (r.y..<r.y + r.height).flatMap { y in (r.x..<r.x + r.width).map { g[$0, y].style } }.filter { $0 == .mapAxis }
            if reached.isEmpty { #expect(axisCells.isEmpty, "nothing reached before the first movement") }
            else { #expect(!axisCells.isEmpty, "\(day): reached legs drawn") }
        }
    }

    @Test(". chooses the most named place, Enter narrows the timeline to its events")
    func placeAndEvents() throws {
        var s = after("m.", e)
        let top = e.data.mapScene.places[0]
        #expect(s.map.place == top.id)
        #expect(s.message?.contains(top.name) == true)
        s = e.handle(s, .key(.enter))
        #expect(s.focus == .timeline && s.placeFilter?.id == top.id)
        let items = e.timeline.timelineView(s).items
        #expect(!items.isEmpty && items.allSatisfy { e.data.timeline[$0].placeIDs.contains(top.id) })
        // A place an axis reached: the message gives the day the texts say it was reached.
        let target = try #require(e.data.mapScene.axes.flatMap(\.legs).first { $0.day != nil })
        var t = after("m", e)
        while t.map.place != target.toPlaceID { t = e.handle(t, .key(.char("."))) }
        let day = e.data.mapScene.axes.flatMap(\.legs).filter { $0.toPlaceID == target.toPlaceID }.compactMap(\.day).min()!
        #expect(t.message?.contains("reached \(day)") == true, "\(t.message ?? "")")
        let s2 = after("m,", e)
        #expect(s2.map.place == e.data.mapScene.places.last?.id)
    }

    @Test("a click on a place's marker or label selects it; a second click shows its events")
    func click() throws {
        let s = after("m", e)
        let g = e.render(s)
        let region = try #require(g.regions.last { if case .mapPlace = $0.target { return true } else { return false } })
        guard case .mapPlace(let id) = region.target else { return }
        let clicked = e.handle(s, .mouse(.left, x: region.x, y: region.y))
        #expect(clicked.map.place == id)
        let twice = e.handle(clicked, .mouse(.left, x: region.x, y: region.y))
        #expect(twice.placeFilter?.id == id && twice.focus == .timeline)
    }

    @Test("+ and - zoom, hjkl pan, 0 fits again; the wheel over the map zooms")
    func zoomPan() throws {
        let fit = e.mapPane.mapViewport(after("m", e))
        let zoomed = e.mapPane.mapViewport(after("m+", e))
        #expect(abs(zoomed.lonSpan - fit.lonSpan / 1.5) < 1e-9)
        #expect(abs(e.mapPane.mapViewport(after("m+-", e)).lonSpan - fit.lonSpan) < 1e-9)
        #expect(e.mapPane.mapViewport(after("ml", e)).center.lon > fit.center.lon)
        #expect(e.mapPane.mapViewport(after("mh", e)).center.lon < fit.center.lon)
        #expect(e.mapPane.mapViewport(after("mk", e)).center.lat > fit.center.lat)
        #expect(e.mapPane.mapViewport(after("mj", e)).center.lat < fit.center.lat)
        #expect(after("m++ll0", e).map.viewport == nil)
        let s = after("m", e)
        let r = e.paneRect(s, .fronts).inner
        let wheeled = e.handle(s, .mouse(.wheelUp, x: r.x + r.width / 2, y: r.y + r.height / 2))
        #expect(e.mapPane.mapViewport(wheeled).lonSpan < fit.lonSpan)
        // j and k still move the timeline when it has the focus.
        let t = after("m1j", e)
        #expect(t.timelineSelection != after("m1", e).timelineSelection)
    }

    @Test("? lists the map's keys from the keymap")
    func help() throws {
        let map = try #require(e.keymap.helpSections.first { $0.title == "Map" })
        #expect(map.rows.contains { $0.keys == "+ =" && $0.summary == "zoom in" })
        #expect(map.rows.contains { $0.keys == "h <Left>" || $0.keys.hasPrefix("h ") })
        let text = screen("m?" + String(repeating: "j", count: 60), e, width: 160, height: 50).text
        #expect(text.contains("zoom in") && text.contains("fit the map"))
        #expect(screen("m?", e, width: 160, height: 50).text.contains("a day later"))
    }

    @Test("a corpus that names no place: m draws the basemap and says so")
    func noPlaces() throws {
        let corpus = Corpus(texts: [(id: "a.txt", text: "Notes\n\nOn 9 August 1945 nothing happened anywhere we know of.\n")])
        let bare = Explorer(data: ExplorerData(analysis: Analysis.build(corpus: corpus), index: nil))
        let s = after("m", bare)
        #expect(s.message?.contains("no place") == true)
        let text = bare.render(s).text
        #expect(text.contains("the texts name no place the map can show"))
        #expect(text.contains(where: isBraille), "the basemap alone")
        #expect(after("m>", bare).message?.contains("no dated movement") == true)
    }

    @Test("resizing redraws the map at the new size, at every layout")
    func resize() throws {
        for (w, h) in [(200, 50), (100, 30), (80, 24), (60, 20), (40, 10), (39, 9)] {
            let s = e.handle(after("m", e), .resize(width: w, height: h))
            let g = e.render(s)
            #expect(g.width == w && g.height == h)
        }
    }
}
