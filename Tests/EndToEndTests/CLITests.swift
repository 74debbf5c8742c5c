import Foundation
import Testing

@Suite("CLI: search, passages, errors")
struct CLITests {

    @Test("search --json: the documented fields, offsets that cut the match out of the text")
    func searchJSON() throws {
        let r = try runAugust(["search", "kwantung army", "--json", "--exact"])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(obj["query"] as? String == "kwantung army")
        let hits = try #require(obj["hits"] as? [[String: Any]])
        #expect(obj["count"] as? Int == hits.count)
        #expect(hits.count > 5)
        for hit in hits {
            let text = try #require(hit["text"] as? String)
            #expect((hit["passage"] as? String)?.hasPrefix((hit["file"] as? String ?? "?") + "#") == true)
            #expect((hit["line"] as? Int ?? 0) >= 1)
            #expect(hit["score"] is Double)
            let matches = try #require(hit["matches"] as? [[Int]])
            #expect(!matches.isEmpty)
            let scalars = Array(text.unicodeScalars)
            for m in matches {
                var v = String.UnicodeScalarView(); v.append(contentsOf: scalars[m[0]..<m[1]])
                #expect(["kwantung", "army"].contains(String(v).lowercased()))
            }
        }
    }

    @Test("search prints FILE:LINE: text like grep, then a count")
    func searchHuman() throws {
        let r = try runAugust(["search", "Бреус"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].range(of: #"^[^:]+\.txt:\d+: .*Бреус"#, options: .regularExpression) != nil)
        #expect(lines[1] == "1 passage matches")
        #expect(!r.stdout.contains("\u{1B}"), "no escape codes when stdout is not a terminal")
    }

    @Test("passages --json lists every passage with its article and lines")
    func passagesJSON() throws {
        let r = try runAugust(["passages", "--json"])
        #expect(r.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count > 200)
        for key in ["passage", "file", "article", "published", "lineStart", "lineEnd", "text"] {
            #expect(rows[0].keys.contains(key), "\(key)")
        }
        #expect(rows.contains { $0["published"] as? String == "2024-07-26" })
    }

    @Test("a bad query: one line on stderr that says what is wrong, exit 2")
    func badQuery() throws {
        for q in ["\"unbalanced", "harbin OR", "*"] {
            let r = try runAugust(["search", q])
            #expect(r.status == 2)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.hasPrefix("august: bad query: "))
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }
    }

    @Test("a missing or empty corpus folder: one line, exit 2")
    func missingCorpus() throws {
        let r = try runAugust(["search", "x", "--corpus", "/nonexistent/august"])
        #expect(r.status == 2)
        #expect(r.stderr == "august: corpus folder not found: /nonexistent/august\n")
        let empty = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        let e = try runAugust(["passages", "--corpus", empty.path])
        #expect(e.status == 2)
        #expect(e.stderr.split(separator: "\n").count == 1)
        #expect(e.stderr.contains("no readable .txt files"))
        // $AUGUST_CORPUS is the default when --corpus is not given.
        let env = try runAugust(["passages"], env: ["AUGUST_CORPUS": "/nonexistent/env"])
        #expect(env.status == 2 && env.stderr.contains("/nonexistent/env"))
    }

    @Test("invalid UTF-8 is loaded with replacement characters and a warning; NUL bytes skip a file")
    func badFiles() throws {
        let dir = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("Harbin \u{FF}".utf8).write(to: dir.appendingPathComponent("ok.txt"))
        try Data([0x48, 0x61, 0x72, 0x62, 0x69, 0x6E, 0x20, 0xFF, 0xFE, 0x2E]).write(to: dir.appendingPathComponent("latin1.txt"))
        try Data([0x48, 0x61, 0x72, 0x62, 0x69, 0x6E, 0x00, 0x01]).write(to: dir.appendingPathComponent("binary.txt"))
        let r = try runAugust(["search", "harbin", "--corpus", dir.path, "--json"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("latin1.txt: invalid UTF-8"))
        #expect(r.stderr.contains("binary.txt: contains NUL bytes"))
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(obj["count"] as? Int == 2)
        #expect(r.stdout.contains("\u{FFFD}"))
    }

    @Test("a corrupt cache file is replaced and the results stay right")
    func corruptCache() throws {
        let cache = makeTemporaryDirectory("august-e2e-xdg")
        defer { try? FileManager.default.removeItem(at: cache) }
        let env = ["XDG_CACHE_HOME": cache.path]
        let before = try runAugust(["search", "harbin", "--json"], env: env)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.path + "/august").filter { $0.hasSuffix(".sqlite") }
        #expect(files.count == 1)
        let path = cache.path + "/august/" + files[0]
        try Data(repeating: 0x42, count: 4096).write(to: URL(fileURLWithPath: path))
        let after = try runAugust(["search", "harbin", "--json"], env: env)
        #expect(after.status == 0)
        #expect(after.stdout == before.stdout)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(15) == Data("SQLite format 3".utf8))
    }

    @Test("--version and --help answer and exit 0")
    func versionAndHelp() throws {
        let v = try runAugust(["--version"])
        #expect(v.status == 0 && v.stdout.range(of: #"^\d+\.\d+\.\d+"#, options: .regularExpression) != nil)
        let h = try runAugust(["--help"])
        #expect(h.status == 0 && h.stdout.contains("search") && h.stdout.contains("passages"))
    }
}
