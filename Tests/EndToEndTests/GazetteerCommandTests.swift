import Foundation
import Testing

@Suite("Gazetteer (binary)")
struct GazetteerCommandTests {
    func corpus(_ text: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("august-gz-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try text.write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func placesJSONListsNamedGeneratedPlacesAndMarksLowConfidence() throws {
        let dir = try corpus("Operations\n\nThe 1st Red Banner Army took Linkou.\n\nMashan was burning.\n")
        let r = try runAugust(["places", "--json", "--corpus", dir.path])
        #expect(r.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let linkou = try #require(rows.first { $0["name"] as? String == "Linkou" })
        let lm = try #require((linkou["mentions"] as? [[String: Any]])?.first)
        #expect(lm["confidence"] as? String == "high")
        let mashan = try #require(rows.first { $0["name"] as? String == "Mashan" })
        let mm = try #require((mashan["mentions"] as? [[String: Any]])?.first)
        #expect(mm["confidence"] as? String == "low")
        // Generated places the corpus does not name are not listed.
        #expect(rows.filter { ($0["id"] as? String)?.hasPrefix("gn-") == true }.count == 2)
        let human = try runAugust(["places", "--corpus", dir.path])
        #expect(human.stdout.contains("Mashan (town") && human.stdout.contains("low confidence"))
    }

    @Test func aDamagedResourceIsOneLineAndExit2() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("august-gz-data-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let src = repoRoot.appendingPathComponent("Sources/AugustCore/Resources")
        for name in ["gazetteer.json", "order-of-battle.json", "axes.json", "gazetteer-geonames.tsv"] {
            try FileManager.default.copyItem(at: src.appendingPathComponent(name), to: data.appendingPathComponent(name))
        }
        let tsv = data.appendingPathComponent("gazetteer-geonames.tsv")
        let bytes = try Data(contentsOf: tsv)
        try bytes.prefix(bytes.count / 2).write(to: tsv)
        let dir = try corpus("Title\n\nHarbin fell.\n")
        let r = try runAugust(["places", "--corpus", dir.path], env: ["AUGUST_DATA": data.path])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("gazetteer-geonames.tsv") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }
}
