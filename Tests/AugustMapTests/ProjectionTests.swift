import Foundation
import Testing
@testable import AugustMap

@Suite struct ProjectionTests {
    static let cities: [(name: String, p: GeoPoint)] = [
        ("Harbin", GeoPoint(lat: 45.75, lon: 126.65)),
        ("Vladivostok", GeoPoint(lat: 43.12, lon: 131.9)),
        ("Yuzhno-Sakhalinsk", GeoPoint(lat: 46.96, lon: 142.73)),
        ("Hailar", GeoPoint(lat: 49.2, lon: 119.7)),
        ("Pyongyang", GeoPoint(lat: 39.03, lon: 125.75)),
    ]
    static let theatre = MapViewport.fitting([], cols: 100, rows: 30)
    static let proj = MapProjection(viewport: theatre, cols: 100, rows: 30)

    @Test func theatreFitsTheFrame() {
        // Every corner of lon 100–160, lat 30–60 is inside the 100x30 frame.
        for lat in [30.05, 59.95] {
            for lon in [100.05, 159.95] {
                #expect(Self.proj.cell(GeoPoint(lat: lat, lon: lon)) != nil, "corner \(lat) \(lon)")
            }
        }
        // …and the frame is not much larger than the theatre: one of the two spans is used to within a cell.
        let west = Self.proj.geo(col: 0, row: 15).lon, east = Self.proj.geo(col: 99, row: 15).lon
        let north = Self.proj.geo(col: 50, row: 0).lat, south = Self.proj.geo(col: 50, row: 29).lat
        let cellLon = Self.theatre.lonSpan / 100, cellLat = (north - south) / 29
        #expect(abs((east - west) - 60) <= 2 * cellLon || abs((north - south) - 30) <= 2 * cellLat)
    }

    @Test func citiesLandInTheirCells() throws {
        let cellLon = Self.theatre.lonSpan / 100
        let cellLat = Self.proj.latPerDot * 4
        for (name, p) in Self.cities {
            let cell = try #require(Self.proj.cell(p), "\(name) is in the frame")
            let centre = Self.proj.geo(col: cell.col, row: cell.row)
            #expect(abs(centre.lon - p.lon) <= cellLon / 2 + 1e-9, "\(name): lon \(centre.lon) vs \(p.lon)")
            #expect(abs(centre.lat - p.lat) <= cellLat / 2 + 1e-9, "\(name): lat \(centre.lat) vs \(p.lat)")
        }
        // Relative positions a reader checks first.
        func c(_ n: String) -> (col: Int, row: Int) { Self.proj.cell(Self.cities.first { $0.name == n }!.p)! }
        #expect(c("Hailar").col < c("Harbin").col && c("Harbin").col < c("Vladivostok").col && c("Vladivostok").col < c("Yuzhno-Sakhalinsk").col)
        #expect(c("Hailar").row < c("Harbin").row && c("Harbin").row < c("Vladivostok").row && c("Vladivostok").row < c("Pyongyang").row)
    }

    /// Cells of the basemap alone, braille.
    static func basemapFrame() throws -> MapFrame {
        MapRenderer.render(basemap: try Basemap.bundled(), scene: MapScene(), viewport: theatre, cols: 100, rows: 30,
                           style: .braille, day: nil)
    }

    @Test func vladivostokIsOnTheCoastAndTheSeaOfJapanIsEmpty() throws {
        let frame = try Self.basemapFrame()
        let v = Self.proj.cell(Self.cities[1].p)!
        var coastNear = false
        for dr in -1...1 { for dc in -1...1 where frame[v.col + dc, v.row + dr].role == .coast { coastNear = true } }
        #expect(coastNear, "a coast line passes through or next to Vladivostok's cell")
        // The open Sea of Japan south-east of Vladivostok (40–41.5°N, 132.5–136°E) holds no land.
        for lat in stride(from: 40.0, through: 41.5, by: 0.3) {
            for lon in stride(from: 132.5, through: 136.0, by: 0.5) {
                let c = Self.proj.cell(GeoPoint(lat: lat, lon: lon))!
                #expect(frame[c.col, c.row].role == .blank, "sea at \(lat) \(lon): \(frame[c.col, c.row])")
            }
        }
    }

    @Test func yuzhnoSakhalinskIsAcrossTheStraitFromTheMainland() throws {
        let frame = try Self.basemapFrame()
        let y = Self.proj.cell(Self.cities[2].p)!
        // Walking west along its row: Sakhalin's coast, then open water (the Tatar Strait), then the mainland coast.
        var col = y.col
        var seen: [MapRole] = []
        while col > 0 {
            col -= 1
            let r = frame[col, y.row].role
            if seen.last != r { seen.append(r) }
        }
        let firstCoast = try #require(seen.firstIndex(of: .coast))
        #expect(seen[(firstCoast + 1)...].contains(.blank), "open water west of Sakhalin: \(seen)")
        #expect(seen[(firstCoast + 1)...].dropFirst().contains(.coast), "the mainland coast further west: \(seen)")
    }

    @Test func zoomAndPan() {
        let v = Self.theatre
        #expect(abs(v.zoomed(by: 2).lonSpan - v.lonSpan / 2) < 1e-9)
        #expect(v.zoomed(by: 2).center == v.center)
        #expect(v.zoomed(by: 1e9).lonSpan == MapViewport.minLonSpan)
        // Ten columns east moves the centre a tenth of the width; the point that was ten cells right
        // of the centre is now in the centre's cell.
        let p = MapProjection(viewport: v, cols: 100, rows: 30)
        let target = p.geo(col: 60, row: 15)
        let moved = v.panned(cols: 10, rows: 0, width: 100, height: 30)
        let q = MapProjection(viewport: moved, cols: 100, rows: 30)
        #expect(q.cell(target)! == (50, 15))
        let down = v.panned(cols: 0, rows: 5, width: 100, height: 30)
        let target2 = p.geo(col: 50, row: 20)
        #expect(MapProjection(viewport: down, cols: 100, rows: 30).cell(target2)!.row == 15)
    }

    @Test func fittingKeepsEveryPointAndRoomForLabels() {
        let pts = Self.cities.map(\.p)
        for (w, h) in [(100, 30), (200, 50), (60, 20), (40, 10)] {
            let v = MapViewport.fitting(pts, cols: w, rows: h)
            let p = MapProjection(viewport: v, cols: w, rows: h)
            for c in pts {
                let cell = p.cell(c)
                #expect(cell != nil, "\(c) in \(w)x\(h)")
                if let cell {
                    #expect(cell.col >= min(12, w / 5) - 1 && cell.col <= w - min(12, w / 5), "margin left/right at \(w)x\(h)")
                }
            }
        }
        // One point: a sensible zoom, not a degenerate one.
        let one = MapViewport.fitting([GeoPoint(lat: 45, lon: 127)], cols: 100, rows: 30)
        #expect(one.lonSpan >= 1 && one.lonSpan <= 10)
    }
}
