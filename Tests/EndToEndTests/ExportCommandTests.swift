import Foundation
import Testing

/// `august export` and `august events --conflicts` as a user runs them: the built binary.
@Suite("august export and events --conflicts")
struct ExportCommandTests {
    static let conflicts = repoRoot.appendingPathComponent("Tests/Corpora/conflicts")

    func lines(_ s: String) -> [Substring] { s.split(separator: "\n", omittingEmptySubsequences: true) }

    @Test func csvToStdoutAndToAFile() throws {
        let r = try runAugust(["export", "--format", "csv", "--corpus", "seeds"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("id,date_start,date_end,precision,kind,title,places,formations,front,sources,quotation\r\n"))
        let dir = makeTemporaryDirectory("export")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("events.csv").path
        let w = try runAugust(["export", "--format", "csv", "-o", file, "--corpus", "seeds"])
        #expect(w.status == 0)
        #expect(w.stdout.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == r.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["events.csv"])
    }

    @Test func anUnwritableTargetIsOneLineExit2AndNoFile() throws {
        let dir = makeTemporaryDirectory("export-bad")
        defer {
            chmod(dir.path, 0o755)
            try? FileManager.default.removeItem(at: dir)
        }
        let plain = dir.appendingPathComponent("plain").path
        FileManager.default.createFile(atPath: plain, contents: Data("keep".utf8))
        let locked = dir.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        chmod(locked.path, 0o500)
        let rootCanWrite = access(locked.path, W_OK) == 0   // root ignores the mode
        var targets = [plain + "/out.json", dir.appendingPathComponent("missing/out.json").path, dir.path]
        if !rootCanWrite { targets.append(locked.appendingPathComponent("out.json").path) }
        for target in targets {
            let r = try runAugust(["export", "--format", "geojson", "-o", target, "--corpus", "seeds"])
            #expect(r.status == 2, "\(target)")
            #expect(lines(withoutCacheNote(r.stderr)).count == 1, "\(r.stderr)")
            #expect(r.stderr.hasPrefix("august: cannot write"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)) == ["plain", "locked"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked.path).isEmpty)
        #expect(try String(contentsOfFile: plain, encoding: .utf8) == "keep")
    }

    @Test func markdownNeedsAnEventAndQuotesItsTellings() throws {
        let none = try runAugust(["export", "--format", "markdown", "--corpus", "seeds"])
        #expect(none.status == 2)
        #expect(lines(none.stderr).count == 1)
        let unknown = try runAugust(["export", "--format", "markdown", "--event", "nope", "--corpus", "seeds"])
        #expect(unknown.status == 2)
        #expect(lines(unknown.stderr).count == 1)
        let list = try runAugust(["events", "--json", "--corpus", "seeds"])
        let events = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let told = try #require(events.first { ($0["mentions"] as? [Any])?.count ?? 0 >= 2 })
        let id = try #require(told["id"] as? String)
        let r = try runAugust(["export", "--format", "markdown", "--event", id, "--corpus", "seeds"])
        #expect(r.status == 0, "\(r.stderr)")
        for m in told["mentions"] as? [[String: Any]] ?? [] {
            #expect(r.stdout.contains("`\(m["file"] as? String ?? ""):\(m["line"] as? Int ?? 0)`"))
        }
    }

    @Test func timelineJSIsAFileTheViewerReads() throws {
        let r = try runAugust(["export", "--format", "timelinejs", "--corpus", "seeds"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(!events.isEmpty)
        #expect(events.allSatisfy { ($0["start_date"] as? [String: Any])?["year"] is Int })
    }

    @Test func conflictsAreListedWithTheirSources() throws {
        let r = try runAugust(["events", "--conflicts", "--json", "--corpus", Self.conflicts.appendingPathComponent("disagree").path])
        #expect(r.status == 0, "\(r.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(Set(list.compactMap { $0["aspect"] as? String }) == ["date", "number", "place"])
        for c in list {
            for v in c["variants"] as? [[String: Any]] ?? [] {
                #expect(v["file"] is String && v["line"] is Int && v["quotation"] is String && v["value"] is String)
            }
        }
        let human = try runAugust(["events", "--conflicts", "--corpus", Self.conflicts.appendingPathComponent("disagree").path])
        #expect(human.stdout.contains("a_report.txt:5"))
        #expect(human.stdout.contains("b_memoir.txt:5"))
        let none = try runAugust(["events", "--conflicts", "--corpus", Self.conflicts.appendingPathComponent("agree").path])
        #expect(none.status == 1)
        #expect(none.stdout.isEmpty)
    }
}
