import Foundation
import Testing

@Suite("Units command: formations found by grammar (binary)")
struct UnitsCommandTests {
    /// A folder with one text in the Soviet staff style; removed by the caller.
    func folder(_ text: String) throws -> URL {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("august-units-\(getpid())-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try text.write(to: dir.appendingPathComponent("summary.txt"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func anUnknownFormationIsListedWithItsSideTypeNumberAndMentions() throws {
        let dir = try folder("Summary\n\nOn 10.8 the 124 sd of 5 A took the pass; the Japanese Fifth Army fell back.\n\nThe 107th Division was at Wuchakou.\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runAugust(["units", "--json", "--corpus", dir.path])
        #expect(r.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let sd = try #require(rows.first { $0["id"] as? String == "soviet-rifle-division-124" })
        #expect(sd["side"] as? String == "Soviet" && sd["type"] as? String == "division" && sd["number"] as? Int == 124)
        #expect(sd["known"] as? Bool == false && sd["name"] as? String == "124th Rifle Division")
        let m = try #require((sd["mentions"] as? [[String: Any]])?.first)
        #expect(m["text"] as? String == "124 sd" && m["line"] as? Int == 3)
        // Linked to the order of battle by side, type and number: never the Soviet 5th Army.
        let soviet = try #require(rows.first { $0["id"] as? String == "5th-army" })
        #expect((soviet["mentions"] as? [[String: Any]])?.map { $0["text"] as? String } == ["5 A"])
        let japanese = try #require(rows.first { $0["id"] as? String == "japanese-5th-army" })
        #expect((japanese["mentions"] as? [[String: Any]])?.map { $0["text"] as? String } == ["Japanese Fifth Army"])
        #expect(japanese["known"] as? Bool == true && japanese["side"] as? String == "Japanese")
        let unknown = try #require(rows.first { $0["id"] as? String == "unknown-division-107" })
        #expect(unknown["side"] as? String == "unknown")

        let human = try runAugust(["units", "--corpus", dir.path])
        #expect(human.stdout.contains("124th Rifle Division (Soviet rifle-division · not in the order of battle): 1 × [124 sd]"))
        #expect(human.stdout.contains("5th Army (Japan) (Japanese army"))
    }
}
