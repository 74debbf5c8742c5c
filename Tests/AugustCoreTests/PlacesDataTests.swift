import Foundation
import Testing
@testable import AugustCore

/// The curated data, loaded once for the place tests.
let curated: CuratedData = {
    switch CuratedData.shared {
    case .success(let d): return d
    case .failure(let e): fatalError("curated data: \(e)")
    }
}()
let linker = EntityLinker(data: curated)

/// Great-circle distance in km.
func distanceKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
    let r = 6371.0, d = Double.pi / 180
    let a = sin((lat2 - lat1) * d / 2) * sin((lat2 - lat1) * d / 2)
        + cos(lat1 * d) * cos(lat2 * d) * sin((lon2 - lon1) * d / 2) * sin((lon2 - lon1) * d / 2)
    return 2 * r * asin(min(1, sqrt(a)))
}

@Suite("Places: curated data")
struct PlacesDataTests {
    @Test func theThreeFilesLoadAndAgreeWithEachOther() throws {
        #expect(curated.problems().isEmpty)
        #expect(curated.gazetteer.places.count > 100)
        #expect(curated.orderOfBattle.fronts.map(\.id).sorted() == ["1st-far-eastern-front", "2nd-far-eastern-front", "transbaikal-front"])
        #expect(Set(curated.axes.theatres.map(\.position)) == Set(Theatre.Position.allCases))
    }

    @Test func eachFileIsDocumentedAtItsTop() throws {
        let dir = try #require(curated.source)
        for name in CuratedData.fileNames {
            let data = try Data(contentsOf: dir.appendingPathComponent(name))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["about"] is [String: Any], "\(name) lacks `about`")
            let fields = try #require(object["fields"] as? [String: Any], "\(name) lacks `fields`")
            #expect(fields.count >= 4)
            let sources = try #require(object["sources"] as? [String])
            #expect(!sources.isEmpty)
            // The documentation object comes first in the file.
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.range(of: "\"about\"")!.lowerBound < text.range(of: "\"fields\"")!.lowerBound)
        }
    }

    @Test func placesHaveSaneKindsCoordinatesAndUniqueIDs() {
        let ids = curated.gazetteer.places.map(\.id)
        #expect(Set(ids).count == ids.count)
        let unitIDs = curated.orderOfBattle.units.map(\.id)
        #expect(Set(unitIDs).count == unitIDs.count)
        // Canonical names are unique too (a reader tells the places apart by name; nothing looks a
        // name up: events carry ids, see TypedModelTests).
        let names = curated.gazetteer.places.map(\.name)
        #expect(Set(names).count == names.count)
        let unitNames = curated.orderOfBattle.units.map(\.name)
        #expect(Set(unitNames).count == unitNames.count)
        #expect(curated.gazetteer.place(id: "maoka")?.name == "Maoka")
        #expect(curated.orderOfBattle.unit(id: "amur-flotilla")?.name == "Amur Flotilla")
        for p in curated.gazetteer.places {
            if let lat = p.lat, let lon = p.lon {
                #expect((-90...90).contains(lat) && (-180...180).contains(lon), "\(p.id)")
            } else {
                #expect(p.note?.lowercased().contains("unidentified") == true, "\(p.id) has no coordinates and no note saying why")
            }
        }
    }

    /// Standard reference coordinates (GeoNames / Wikipedia), typed here independently of the data.
    @Test func townsLieWithin25KmOfReferenceCoordinates() throws {
        let reference: [(String, Double, Double)] = [
            ("harbin", 45.7500, 126.6500), ("changchun", 43.8800, 125.3228), ("shenyang", 41.7922, 123.4328),
            ("jilin", 43.8508, 126.5600), ("mudanjiang", 44.5861, 129.5997), ("suifenhe", 44.3986, 131.1478),
            ("jiamusi", 46.7994, 130.3186), ("hailar", 49.2122, 119.7361), ("manzhouli", 49.5975, 117.4364),
            ("qiqihar", 47.3419, 123.9600), ("vladivostok", 43.1155, 131.8855), ("khabarovsk", 48.4833, 135.0833),
            ("blagoveshchensk", 50.2667, 127.5333), ("yanji", 42.9075, 129.5075), ("tumen", 42.9667, 129.8167),
            ("taonan", 45.3333, 122.7833), ("tongliao", 43.6125, 122.2653), ("chifeng", 42.2683, 118.9636),
            ("duolun", 42.2033, 116.4869), ("zhangbei", 41.1592, 114.7153), ("dalian", 38.9214, 121.6022),
            ("toyohara", 46.9541, 142.7361), ("otomari", 46.6333, 142.7667), ("maoka", 47.0500, 142.0500),
            ("esutoru", 49.0833, 142.0667), ("unggi", 42.3400, 130.3950), ("rajin", 42.2500, 130.3000),
            ("tonghua", 41.7283, 125.9397), ("siping", 43.1667, 124.3500), ("zalantun", 48.0000, 122.7167),
            ("fujin", 47.2500, 131.9833), ("baoqing", 46.3333, 132.2167), ("aihui", 49.9667, 127.4833),
            ("sunwu", 49.4333, 127.3333), ("hutou", 45.9800, 133.6700), ("dongning", 44.0667, 131.1167),
            ("tuquan", 45.3833, 121.5833), ("lubei", 44.5500, 120.9167), ("boli-county", 45.7500, 130.5833),
            ("koton", 49.8367, 142.8250), ("leninskoye", 47.9333, 132.6208), ("kiton", 49.7500, 142.8333),
        ]
        for (id, lat, lon) in reference {
            let p = try #require(curated.gazetteer.place(id: id), "\(id) missing")
            let d = distanceKm(lat, lon, try #require(p.lat), try #require(p.lon))
            #expect(d < 25, "\(id) is \(Int(d)) km from the reference point")
        }
    }

    @Test func loadingFromAFolderAndAClearErrorWhenTheFilesAreMissing() throws {
        let empty = temporaryDirectory("august-data")
        #expect(throws: CuratedDataError.self) { try CuratedData.load(directory: empty) }
        do {
            _ = try CuratedData.loadDefault(environment: ["AUGUST_DATA": empty.path])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("AUGUST_DATA"))
        }
        // A copy of the files in $AUGUST_DATA is used.
        let src = try #require(curated.source)
        for name in CuratedData.allFileNames {
            try FileManager.default.copyItem(at: src.appendingPathComponent(name), to: empty.appendingPathComponent(name))
        }
        let loaded = try CuratedData.loadDefault(environment: ["AUGUST_DATA": empty.path])
        #expect(loaded.source?.path == empty.path)
        #expect(loaded.gazetteer.places.count == curated.gazetteer.places.count)
    }

    @Test func aDanglingReferenceIsReported() throws {
        let dir = temporaryDirectory("august-data-bad")
        let src = try #require(curated.source)
        for name in CuratedData.allFileNames {
            var text = try String(contentsOf: src.appendingPathComponent(name), encoding: .utf8)
            if name == "axes.json" { text = text.replacingOccurrences(of: "\"tuquan\"", with: "\"nowhere\"") }
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        do {
            _ = try CuratedData.load(directory: dir)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("nowhere"))
        }
    }
}
