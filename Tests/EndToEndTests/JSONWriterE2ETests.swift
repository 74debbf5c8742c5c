import Foundation
import Testing

/// `events --json` writes its rows with a writer of its own (the generic encoder was most of a warm
/// run on a large corpus); its bytes must be exactly the generic encoder's, escapes included.
@Suite("events, places, units, fronts --json: the fast writer writes what JSONEncoder writes")
struct JSONWriterE2ETests {
    @Test("byte for byte on the seeds and on text with quotes, backslashes, tabs and control characters",
          .enabled(if: FileManager.default.isExecutableFile(atPath: augustBinary)))
    func sameBytes() throws {
        let dir = makeTemporaryDirectory("august-e2e-json")
        defer { try? FileManager.default.removeItem(at: dir) }
        let odd = "On 9 August 1945 the \"Zabaikal\" front\tcrossed the C:\\border/line \u{01}at dawn\u{1F}, and é 𝄞 \u{7F} followed.\n\n"
            + "On 10 August 1945 a \\\"quoted\\\" report\u{08}\u{0C}\r said the 6th Guards Tank Army reached Khingan.\n"
        try Data(odd.utf8).write(to: dir.appendingPathComponent("odd.txt"))
        for corpus in ["seeds", dir.path] {
            for kind in ["event", "all"] {
                let fast = try runAugust(["events", "--json", "--kind", kind, "--corpus", corpus])
                let generic = try runAugust(["events", "--json", "--kind", kind, "--corpus", corpus], env: ["AUGUST_JSON": "foundation"])
                #expect(fast.status == 0 && generic.status == 0)
                #expect(fast.stdout == generic.stdout, "\(corpus) \(kind)")
                #expect(fast.stdout.count > 100)
            }
        }
        for command in ["places", "units"] {
            for corpus in ["seeds", dir.path] {
                let fast = try runAugust([command, "--json", "--corpus", corpus])
                let generic = try runAugust([command, "--json", "--corpus", corpus], env: ["AUGUST_JSON": "foundation"])
                #expect(fast.status == 0 && fast.stdout == generic.stdout, "\(command) \(corpus)")
                #expect(fast.stdout.contains("\"mentions\":[{"), "\(command) \(corpus)")
            }
        }
        // fronts: nested arrays (axes, objectives, dates), booleans, null actors and coordinates.
        for corpus in ["seeds", dir.path] {
            let fast = try runAugust(["fronts", "--json", "--corpus", corpus])
            let generic = try runAugust(["fronts", "--json", "--corpus", corpus], env: ["AUGUST_JSON": "foundation"])
            #expect(fast.status == 0 && fast.stdout == generic.stdout, "fronts \(corpus)")
            #expect(fast.stdout.contains("\"reached\":true") && fast.stdout.contains("\"reached\":false"), "fronts \(corpus)")
            #expect(corpus != "seeds" || fast.stdout.contains("\"dates\":[{\"action\""))
        }
        let odd1 = try runAugust(["events", "--json", "--corpus", dir.path])
        #expect(odd1.stdout.contains("\\u0001") && odd1.stdout.contains("\\u001f") && odd1.stdout.contains("\\\"Zabaikal\\\"")
                && odd1.stdout.contains("C:\\\\border/line"))
    }
}
