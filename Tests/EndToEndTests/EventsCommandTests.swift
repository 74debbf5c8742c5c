import Testing
import Foundation

/// `august events` as a user runs it: the built binary, its JSON fields, its filters, its safety.
@Suite("august events")
struct EventsCommandTests {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return url
    }()

    /// `$AUGUST_BIN` (as `make test` sets it), else the `august` built next to this test bundle or in
    /// .build/debug.
    static let binary: URL? = {
        if let env = ProcessInfo.processInfo.environment["AUGUST_BIN"], FileManager.default.isExecutableFile(atPath: env) {
            return URL(fileURLWithPath: env)
        }
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [here, here.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/debug")] {
            let candidate = dir.appendingPathComponent("august")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    static func run(_ args: [String]) throws -> (status: Int32, out: Data, err: String) {
        let binary = try #require(binary, "build the august binary first (swift build)")
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, o, String(decoding: e, as: UTF8.self))
    }

    static var seeds: String { packageRoot.appendingPathComponent("seeds").path }

    @Test("--json prints the documented fields; the declaration of war has four mentions", .enabled(if: binary != nil))
    func json() throws {
        let r = try Self.run(["events", "--corpus", Self.seeds, "--json"])
        #expect(r.status == 0)
        let events = try #require(try JSONSerialization.jsonObject(with: r.out) as? [[String: Any]])
        #expect(events.count > 50)
        for e in events {
            #expect(Set(e.keys) == ["id", "kind", "date", "title", "sentence", "mentions", "places", "units", "fronts"])
            #expect(e["kind"] as? String == "event")
            let date = try #require(e["date"] as? [String: Any])
            #expect(Set(date.keys) == ["start", "end", "precision", "year_from"])
            for m in try #require(e["mentions"] as? [[String: Any]]) {
                #expect(Set(m.keys) == ["passage", "file", "line", "dateText", "value", "start", "end", "year_from"])
                // an event has a year, and says where it came from
                let from = try #require(m["year_from"] as? String)
                #expect(!from.isEmpty)
            }
        }
        let declaration = events.first { e in
            (e["date"] as? [String: Any])?["start"] as? String == "1945-08-08T17:00"
        }
        let files = ((declaration?["mentions"] as? [[String: Any]]) ?? []).compactMap { $0["file"] as? String }
        #expect(Set(files).count == 4)
    }

    @Test("--from, --to and --kind filter; a bad date is one line and exit 2", .enabled(if: binary != nil))
    func filters() throws {
        let r = try Self.run(["events", "--corpus", Self.seeds, "--from", "1945-08-09", "--to", "1945-08-09"])
        #expect(r.status == 0)
        let lines = String(decoding: r.out, as: UTF8.self).split(separator: "\n")
        #expect(lines.count >= 6)
        for l in lines { #expect(l.hasPrefix("1945-08-09")) }
        let pubs = try Self.run(["events", "--corpus", Self.seeds, "--kind", "publication"])
        #expect(String(decoding: pubs.out, as: UTF8.self).split(separator: "\n").count == 6)
        let bad = try Self.run(["events", "--corpus", Self.seeds, "--from", "August"])
        #expect(bad.status == 2)
        #expect(bad.err.split(separator: "\n").count == 1)
    }

    @Test("control characters from a text never reach the terminal", .enabled(if: binary != nil))
    func safe() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("august-events-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "On August 9, 1945, the \u{1B}[31marmy\u{7} crossed the border.\n"
            .write(to: dir.appendingPathComponent("evil.txt"), atomically: true, encoding: .utf8)
        let r = try Self.run(["events", "--corpus", dir.path])
        #expect(r.status == 0)
        #expect(!r.out.contains(0x1B) && !r.out.contains(0x07))
        #expect(String(decoding: r.out, as: UTF8.self).hasPrefix("1945-08-09"))
    }
}
