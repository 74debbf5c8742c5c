import Foundation
import Testing

private let seedsPath = repoRoot.appendingPathComponent("seeds").path

/// Run the binary; (exit code, stdout, stderr).
private func august(_ args: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
    let r = try runAugust(args, env: environment)
    return (r.status, r.stdout, r.stderr)
}

@Suite("Places commands (binary)")
struct PlacesCommandsTests {
    @Test func placesJSONHasTheIssueShape() throws {
        let (code, out, _) = try august(["places", "--json", "--corpus", seedsPath])
        #expect(code == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        let ussuri = try #require(rows.first { $0["name"] as? String == "Ussuri" })
        for key in ["name", "kind", "lat", "lon", "polity", "aliases", "mentions"] { #expect(ussuri[key] != nil, "\(key)") }
        let mentions = try #require(ussuri["mentions"] as? [[String: Any]])
        #expect(mentions.compactMap { $0["text"] as? String }.contains("Wusuli River"))
        let m = try #require(mentions.first)
        for key in ["passage", "file", "line", "text", "start", "end"] { #expect(m[key] != nil, "\(key)") }
    }

    @Test func unitsJSONHasSideFrontAndCommander() throws {
        let (code, out, _) = try august(["units", "--json", "--corpus", seedsPath])
        #expect(code == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        let army = try #require(rows.first { $0["name"] as? String == "36th Army" })
        #expect(army["side"] as? String == "Soviet")
        #expect(army["front"] as? String == "Transbaikal Front")
        #expect((army["commander"] as? String)?.contains("Luchinsky") == true)
        #expect((army["mentions"] as? [Any])?.isEmpty == false)
    }

    @Test func frontsJSONListsAxesAndDatedObjectives() throws {
        let (code, out, _) = try august(["fronts", "--json", "--corpus", seedsPath])
        #expect(code == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        #expect(rows.compactMap { $0["position"] as? String } == ["west", "north", "east", "far-east", "south-east"])
        let axes = rows.flatMap { ($0["axes"] as? [[String: Any]]) ?? [] }
        let objectives = axes.flatMap { ($0["objectives"] as? [[String: Any]]) ?? [] }
        #expect(objectives.contains { ($0["dates"] as? [Any])?.isEmpty == false })
    }

    @Test func searchSaysWhichAliasesItAddedAndExactTurnsThemOff() throws {
        let (_, out, _) = try august(["search", "Ussuri", "--corpus", seedsPath])
        let lines = out.split(separator: "\n")
        #expect(lines.first?.contains("Wusuli") == true)
        #expect(lines.last == "3 passages match")
        let (_, exact, _) = try august(["search", "--exact", "Ussuri", "--corpus", seedsPath])
        #expect(!exact.contains("Wusuli"))
        #expect(exact.split(separator: "\n").last == "1 passage matches")
    }

    @Test func anotherFolderOfTextsWorksWithoutAChange() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("august-places-\(getpid())-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "Recipes\n\nMix the flour and the butter.\n".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let (c1, fronts, _) = try august(["fronts", "--corpus", dir.path])
        #expect(c1 == 0)
        #expect(fronts.contains("names none of these objectives"))
        let (c2, places, _) = try august(["places", "--corpus", dir.path])
        #expect(c2 == 0)
        #expect(places.hasPrefix("0 of "))
        // A new text in the same style is linked with no change to the code.
        try "Memoir\n\nOn August 12, 1945 the Kanto army abandoned Mutanchiang and the 25th group army entered Tumen.\n".write(to: dir.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let (_, units, _) = try august(["units", "--corpus", dir.path])
        #expect(units.contains("Kwantung Army") && units.contains("25th Army"))
        let (_, dated, _) = try august(["fronts", "--corpus", dir.path])
        #expect(dated.contains("Mudanjiang 08-12"))
        #expect(dated.contains("Tumen 08-12"))
    }

    @Test func missingDataIsAOneLineErrorNotACrash() throws {
        let (code, out, err) = try august(["places", "--corpus", seedsPath], environment: ["AUGUST_DATA": "/nonexistent-august-data"])
        #expect(code == 2)
        #expect(out.isEmpty)
        #expect(err.contains("AUGUST_DATA") && err.split(separator: "\n").count == 1)
    }
}
