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
        #expect(obj["ranked"] as? Bool == true)
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

    @Test("a query matching more passages than are ranked: the count, the first ones in corpus order, and a note saying so; --rank ranks")
    func searchTooManyToRank() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("august-rank-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // 5,001 passages name Harbin (one more than are ranked), the first ones least often.
        let paragraphs = (1...5_001).map { i in "Paragraph \(i) names " + String(repeating: "Harbin ", count: i > 4_990 ? 6 : 1) + "once." }
        try paragraphs.joined(separator: "\n\n").write(to: dir.appendingPathComponent("many.txt"), atomically: true, encoding: .utf8)
        let xdg = ["XDG_CACHE_HOME": dir.appendingPathComponent("cache").path]
        let human = try runAugust(["search", "harbin", "--exact", "--corpus", dir.path, "--limit", "3"], env: xdg)
        #expect(human.status == 0, "\(human.stderr)")
        let lines = human.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("many.txt:1: Paragraph 1 ") && lines[2].hasPrefix("many.txt:5: Paragraph 3 "))
        #expect(lines[3] == "5001 passages match (showing 3; use --limit for more)")
        #expect(lines[4].hasPrefix("results in corpus order: 5001 passages match, too many to rank") && lines[4].contains("--rank"))
        let ranked = try runAugust(["search", "harbin", "--exact", "--corpus", dir.path, "--limit", "3", "--rank"], env: xdg)
        #expect(ranked.status == 0)
        #expect(!ranked.stdout.contains("corpus order"))
        #expect(ranked.stdout.hasPrefix("many.txt:") && ranked.stdout.contains(": Paragraph 49"))  // the Harbin-heavy ones first
        let json = try runAugust(["search", "harbin", "--exact", "--corpus", dir.path, "--limit", "2", "--json"], env: xdg)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(obj["count"] as? Int == 5_001)
        #expect(obj["ranked"] as? Bool == false)
        #expect((obj["hits"] as? [[String: Any]])?.map { $0["line"] as? Int } == [1, 3])
    }

    @Test("search exits 0 on a match, 1 on none (human and JSON), 2 on an error, as grep and rg do; --help says so")
    func searchExitStatus() throws {
        #expect(try runAugust(["search", "harbin"]).status == 0)
        let none = try runAugust(["search", "zzqxj"])
        #expect(none.status == 1)
        #expect(none.stdout.contains("0 passages match"), "the count is still printed")
        #expect(try runAugust(["search", "zzqxj", "--json"]).status == 1)
        #expect(try runAugust(["search", "\"unclosed"]).status == 2)
        let help = try runAugust(["search", "--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(help.contains("1 when none does"))
    }

    @Test("global options stand before or after the subcommand: --corpus, --corpus=, --no-mouse")
    func globalOptionsEitherSide() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("august-global-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "The garrison of Hailar held out for a week.".write(to: dir.appendingPathComponent("one.txt"), atomically: true, encoding: .utf8)
        for args in [["--corpus", dir.path, "search", "garrison", "--limit", "2"],
                     ["--corpus=\(dir.path)", "search", "garrison"],
                     ["search", "garrison", "--corpus", dir.path],
                     ["--no-mouse", "--corpus", dir.path, "search", "garrison"],
                     ["search", "garrison", "--no-mouse", "--corpus", dir.path]] {
            let r = try runAugust(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(r.stdout.hasPrefix("one.txt:1: The garrison"), "\(args): \(r.stdout)")
        }
        // After `--`, nothing is moved: a query may be `--corpus`.
        let literal = try runAugust(["search", "--corpus", dir.path, "--", "--no-mouse"])
        #expect(literal.status != 0 || !literal.stdout.contains("garrison"))
    }

    @Test("no progress bar when stderr is not a terminal, nor in the headless screens")
    func noProgressWithoutTerminal() throws {
        // A fresh cache: the index is built, so every phase (reading, indexing, analysing) runs.
        let xdg = FileManager.default.temporaryDirectory.appendingPathComponent("august-noprogress-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: xdg) }
        let r = try runAugust(["--keys", "jj", "--print-screen"], env: ["XDG_CACHE_HOME": xdg.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty, "\(r.stderr.debugDescription)")
        for word in ["reading", "indexing", "analysing", "\r", "\u{1B}"] { #expect(!r.stdout.contains(word), "\(word)") }
        // The explorer itself refuses to start without a terminal, before any work: one line, no bar.
        let e = try runAugust([], env: ["XDG_CACHE_HOME": xdg.path])
        #expect(e.status == 2 && e.stderr.split(separator: "\n").count == 1 && !e.stderr.contains("\r"))
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

    @Test("a usage error (missing query, bad value, unknown option): one line naming the help, exit 2",
          arguments: [["search"], ["search", "--limit", "x", "soviet"], ["--bogus"], ["events", "--from", "nonsense"],
                      ["search", "\u{1B}[31mred", "--bogus"]])
    func usageErrors(_ args: [String]) throws {
        let r = try runAugust(args)
        #expect(r.status == 2, "\(args): exit \(r.status)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("august: "), "\(r.stderr)")
        #expect(!r.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "control byte echoed")
        #expect(r.stdout.isEmpty)
    }
}

@Suite("CLI: man page")
struct ManualTests {
    @Test("august manual: roff with every visible subcommand's --help text and every key of the explorer's table")
    func manPageCarriesTheHelp() throws {
        let man = try runAugust(["manual"])
        #expect(man.status == 0)
        #expect(man.stdout.hasPrefix(".TH AUGUST 1"))
        for sub in ["explore", "search", "passages", "events", "places", "units", "fronts"] {
            #expect(man.stdout.contains(".SS august \(sub)"), "\(sub)")
            // The options of the subcommand's --help, word for word.
            let help = try runAugust([sub, "--help"]).stdout
            for line in help.split(separator: "\n") where line.hasPrefix("  --") {
                let option = String(line.split(separator: " ")[0])
                #expect(man.stdout.contains(option), "\(sub) \(option)")
            }
        }
        #expect(man.stdout.contains(".SH KEYS") && man.stdout.contains("copy FILE:LINE of the shown passage"))
        #expect(man.stdout.contains(".SH EXIT STATUS"))
        #expect(!man.stdout.contains("manual"), "the hidden command does not list itself")
    }
}

@Suite("CLI: kwic")
struct KwicTests {
    @Test("august kwic: one line a match, the match in one column, --sort, --json, exit 1 on none")
    func kwic() throws {
        let r = try runAugust(["kwic", "harbin", "--exact", "--width", "80"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").dropLast().map(String.init)
        #expect(rows.count >= 5)
        // The match starts in the same column on every line.
        let columns = Set(rows.map { row -> Int in
            let chars = Array(row)
            let i = (0..<(chars.count - 6)).first { String(chars[$0..<($0 + 6)]).lowercased() == "harbin" && chars[$0 - 1] == " " }!
            return i
        })
        #expect(columns.count == 1, "\(rows)")
        #expect(r.stdout.hasSuffix("matches\n"))
        let sorted = try runAugust(["kwic", "harbin", "--exact", "--sort", "1L", "--json"])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(sorted.stdout.utf8)) as? [String: Any])
        let lines = try #require(obj["lines"] as? [[String: Any]])
        #expect(obj["sort"] as? String == "1L" && obj["count"] as? Int == lines.count)
        let firstLeft = lines.map { ($0["left"] as? String ?? "").split { !$0.isLetter }.last.map { $0.lowercased() } ?? "" }
        #expect(firstLeft == firstLeft.sorted(), "\(firstLeft)")
        for l in lines { #expect((l["match"] as? String)?.lowercased() == "harbin") }
        #expect(try runAugust(["kwic", "zzqxj"]).status == 1)
        #expect(try runAugust(["kwic", "harbin", "--sort", "3X"]).status == 2)
    }
}

@Suite struct AlignCommandTests {
    @Test("august align: the seeds' two translations found without naming them; --json in the documented shape; exit 1 and 2")
    func align() throws {
        let all = try runAugust(["align", "--json"])
        #expect(all.status == 0, "\(all.stderr)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])
        let docs = try #require(obj["documents"] as? [[String: Any]])
        #expect(docs.count == 1)
        #expect(Set([docs.first?["a"] as? String, docs.first?["b"] as? String]) == ["002_10e6d5298eff1f31.txt", "004_9264ff881a3e0ea2.txt"])
        let named = try runAugust(["align", "004_9264ff881a3e0ea2.txt", "002_10e6d5298eff1f31.txt", "--json"])
        let pairs = try #require((try JSONSerialization.jsonObject(with: Data(named.stdout.utf8)) as? [String: Any])?["pairs"] as? [[String: Any]])
        #expect(pairs.count >= 20)
        for p in pairs {
            let a = try #require(p["a"] as? [String: Any]), b = try #require(p["b"] as? [String: Any])
            #expect(a["file"] as? String == "004_9264ff881a3e0ea2.txt" && b["file"] as? String == "002_10e6d5298eff1f31.txt")
            #expect((a["line"] as? Int ?? 0) >= 1 && (b["line"] as? Int ?? 0) >= 1 && (p["score"] as? Double ?? -1) > 0)
        }
        let text = try runAugust(["align", "004_9264ff881a3e0ea2.txt", "002_10e6d5298eff1f31.txt"])
        #expect(text.stdout.contains("004_9264ff881a3e0ea2.txt:1 ⇄ 002_10e6d5298eff1f31.txt:11"), "\(text.stdout.prefix(400))")
        let none = try runAugust(["align", "000_f57c19fac099d6db.txt", "003_75775b4da41e14ed.txt"])
        #expect(none.status == 1 && none.stdout.hasPrefix("no alignment"))
        let unknown = try runAugust(["align", "nope.txt", "002_10e6d5298eff1f31.txt"])
        #expect(unknown.status == 2 && unknown.stderr.split(separator: "\n").count == 1 && unknown.stderr.hasPrefix("august: unknown document"))
    }
}
