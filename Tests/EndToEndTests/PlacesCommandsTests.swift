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

    @Test func frontsJSONDatesComeFromMovementsWithTheirPassages() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("august-moves-\(getpid())-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            Report

            On 9 August 1945 the offensive began. Harbin was bombed on the 10th.

            On 20 August the 1st Red Banner Army entered Harbin.

            """.write(to: dir.appendingPathComponent("r.txt"), atomically: true, encoding: .utf8)
        let (code, out, _) = try august(["fronts", "--json", "--corpus", dir.path])
        #expect(code == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        let objectives = rows.flatMap { ($0["axes"] as? [[String: Any]]) ?? [] }.flatMap { ($0["objectives"] as? [[String: Any]]) ?? [] }
        let harbin = objectives.filter { $0["id"] as? String == "harbin" }
        #expect(!harbin.isEmpty)
        for o in harbin {
            // The bombing names Harbin on the 10th but is no movement: only the entry dates it.
            let dates = try #require(o["dates"] as? [[String: Any]])
            #expect(dates.map { $0["start"] as? String } == ["1945-08-20"])
            #expect(dates.first?["action"] as? String == "entered")
            #expect(dates.first?["actor"] as? String == "1st-red-banner-army")
            #expect((dates.first?["passage"] as? String)?.hasPrefix("r.txt#") == true)
            #expect(dates.first?["line"] as? Int == 5)
            #expect(o["reached"] as? Bool == true)
        }
        let (c2, list, _) = try august(["movements", "--corpus", dir.path])
        #expect(c2 == 0)
        #expect(list.contains("1945-08-20") && list.contains("entered") && list.contains("Harbin")
                && list.contains("1st Red Banner Army (Soviet)") && list.contains("r.txt:5"))
        let (c3, json, _) = try august(["movements", "--json", "--corpus", dir.path])
        #expect(c3 == 0)
        let ms = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(ms.count == 1)
        #expect(Set(ms.first?.keys.map { $0 } ?? []) == ["date_start", "date_end", "date_inferred", "action", "actor", "actor_name", "side",
            "place", "place_name", "place_text", "passage", "file", "line", "start", "end", "verb_start", "verb_end",
            "place_start", "place_end"])
        #expect(ms.first?["place"] as? String == "harbin" && ms.first?["side"] as? String == "Soviet")
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
        // No movement: the fronts, empty, and a one-line note (not the curated map).
        #expect(fronts.contains("No movement"))
        #expect(!fronts.contains("→"))
        let (c2, places, _) = try august(["places", "--corpus", dir.path])
        #expect(c2 == 0)
        #expect(places.hasPrefix("0 of "))
        // A new text in the same style is linked with no change to the code.
        try "Memoir\n\nOn August 12, 1945 the Kanto army abandoned Mutanchiang and the 25th group army entered Tumen.\n".write(to: dir.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let (_, units, _) = try august(["units", "--corpus", dir.path])
        #expect(units.contains("Kwantung Army") && units.contains("25th Army"))
        let (_, dated, _) = try august(["fronts", "--corpus", dir.path])
        // The 25th Army's entry dates Tumen; the Japanese abandoning Mudanjiang is no Soviet movement.
        #expect(dated.contains("Tumen 08-12"))
        #expect(!dated.contains("Mudanjiang"))
        #expect(!dated.contains("No movement"))
    }

    @Test func missingDataIsAOneLineErrorNotACrash() throws {
        let (code, out, err) = try august(["places", "--corpus", seedsPath], environment: ["AUGUST_DATA": "/nonexistent-august-data"])
        #expect(code == 2)
        #expect(out.isEmpty)
        #expect(err.contains("AUGUST_DATA") && err.split(separator: "\n").count == 1)
    }
}
