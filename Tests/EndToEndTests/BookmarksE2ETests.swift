import AugustCore
import Foundation
import Testing

/// Bookmarks through the real binary: saved by the explorer (headless `--keys`), listed by
/// `august bookmarks`, found again after the corpus changed; a damaged file; a save killed
/// between writing and renaming.
@Suite struct BookmarksE2ETests {
    /// The test helper that saves and then waits between writing the temporary file and renaming it.
    var childBinary: String {
        let beside = URL(fileURLWithPath: augustBinary).deletingLastPathComponent().appendingPathComponent("bookmark-save-child").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return repoRoot.appendingPathComponent(".build/debug/bookmark-save-child").path
    }

    @Test func aSaveKilledBetweenWriteAndRenameLeavesTheOldFileIntact() throws {
        let dir = makeTemporaryDirectory("august-bm-kill")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bookmarks-test.json")
        let store = BookmarkStore(url: file, corpusPath: "/c")

        func spawn(_ n: Int) throws -> (Process, Pipe, Pipe) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: childBinary)
            p.arguments = [file.path, "/c", "\(n)"]
            let input = Pipe(), output = Pipe()
            p.standardInput = input
            p.standardOutput = output
            try p.run()
            return (p, input, output)
        }

        // The control: a child let through (stdin closed) puts its file in place.
        let (first, firstIn, _) = try spawn(1)
        try firstIn.fileHandleForWriting.close()
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        guard case .loaded(let old) = store.load() else { Issue.record("the first save did not land"); return }
        #expect(old.count == 1)
        let oldBytes = try Data(contentsOf: file)

        // A child that writes 3 and is killed with SIGKILL once its temporary file is written.
        let (child, childIn, childOut) = try spawn(3)
        let said = String(decoding: childOut.fileHandleForReading.availableData, as: UTF8.self)
        #expect(said == "written\n")
        let temp = dir.appendingPathComponent(".\(file.lastPathComponent).\(child.processIdentifier).tmp")
        let tempData = try Data(contentsOf: temp)
        #expect(try JSONDecoder().decode(BookmarkFile.self, from: tempData).bookmarks.count == 3, "the new file was fully written")
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        try? childIn.fileHandleForWriting.close()
        #expect(child.terminationReason == .uncaughtSignal && child.terminationStatus == SIGKILL)

        #expect(FileManager.default.fileExists(atPath: temp.path), "the killed save left its temporary file")
        // The old file, byte for byte, and readable.
        #expect(try Data(contentsOf: file) == oldBytes)
        #expect(store.load() == .loaded(old))
        // The next save works over the leftover.
        let next = old + [Bookmark(kind: .passage, anchor: PassageAnchor(file: "x.txt", line: 2, quote: "q"))]
        try store.save(next)
        #expect(store.load() == .loaded(next))
        #expect(!FileManager.default.fileExists(atPath: temp.path), "the dead save's temporary file is cleared")
    }

    func writeCorpus(_ dir: URL, _ text: String) throws -> URL {
        let corpus = dir.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: corpus.appendingPathComponent("report.txt"))
        try Data("A second file.\n\nOn August 12 nothing happened here.\n".utf8).write(to: corpus.appendingPathComponent("other.txt"))
        return corpus
    }

    struct Row: Decodable { let kind: String; let file: String; let line: Int; let lost: Bool; let quote: String; let note: String? }

    @Test func theExplorerSavesAndTheCommandListsThemFoundAgainOrLost() throws {
        let dir = makeTemporaryDirectory("august-bm-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "Report\n\nOn August 9 the brigade crossed the river at dawn.\n\nOn August 10 the brigade took the town of Suifenhe.\n"
        let corpus = try writeCorpus(dir, text)
        let env = ["XDG_DATA_HOME": dir.appendingPathComponent("data").path]
        let none = try runAugust(["bookmarks", "--corpus", corpus.path], env: env)
        #expect(none.status == 1 && none.stdout.isEmpty)

        // In the source pane, down to the passage about Suifenhe; a note on it.
        let shownKeys = "3" + String(repeating: "j", count: 6)
        let probe = try runAugust(["--corpus", corpus.path, "--keys", shownKeys, "--print-screen"], env: env)
        #expect(probe.status == 0)
        let made = try runAugust(["--corpus", corpus.path, "--keys", shownKeys + "aSuifenhe date differs<Enter>", "--print-screen"], env: env)
        #expect(made.status == 0)
        #expect(made.stdout.contains("bookmarked passage"), "\(made.stdout)")
        let listed = try runAugust(["bookmarks", "--json", "--corpus", corpus.path], env: env)
        #expect(listed.status == 0)
        let rows = try JSONDecoder().decode([Row].self, from: Data(listed.stdout.utf8))
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.kind == "passage" && !row.lost && row.note == "Suifenhe date differs")
        let line = row.line

        // Two paragraphs inserted above: found again, four lines down.
        try Data(("Preface added later.\n\nAnother paragraph.\n\n" + text).utf8).write(to: corpus.appendingPathComponent(row.file))
        let moved = try JSONDecoder().decode([Row].self, from: Data(try runAugust(["bookmarks", "--json", "--corpus", corpus.path], env: env).stdout.utf8))
        #expect(moved.first?.line == line + 4 && moved.first?.lost == false)

        // The passage deleted: lost, still listed.
        try Data("Report\n\nSomething else entirely.\n".utf8).write(to: corpus.appendingPathComponent(row.file))
        let gone = try runAugust(["bookmarks", "--corpus", corpus.path], env: env)
        #expect(gone.status == 0 && gone.stdout.contains("LOST") && gone.stdout.contains("Suifenhe date differs"))
        let screen = try runAugust(["--corpus", corpus.path, "--keys", "'", "--print-screen"], env: env)
        #expect(screen.stdout.contains("LOST"))
    }

    @Test func aDamagedFileIsNamedLeftAloneAndKeptAsBakWhenABookmarkIsAdded() throws {
        let dir = makeTemporaryDirectory("august-bm-damaged")
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = try writeCorpus(dir, "Report\n\nOn August 9 the brigade crossed the river at dawn.\n")
        let data = dir.appendingPathComponent("data")
        let env = ["XDG_DATA_HOME": data.path]
        let store = BookmarkStore(corpusRoot: corpus, directory: data.appendingPathComponent("august"))
        try FileManager.default.createDirectory(at: store.url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let garbage = Data("not json at all \u{1B}[2J".utf8)
        try garbage.write(to: store.url)

        let opened = try runAugust(["--corpus", corpus.path, "--keys", "", "--print-screen"], env: env)
        #expect(opened.status == 0)
        #expect(opened.stdout.contains("/bookmarks-"), "the start names the file: \(opened.stdout)")
        let moved = try runAugust(["--corpus", corpus.path, "--keys", "jk3jk", "--print-screen"], env: env)
        #expect(moved.status == 0)
        #expect(try Data(contentsOf: store.url) == garbage, "opening and moving leave it alone")

        let listed = try runAugust(["bookmarks", "--corpus", corpus.path], env: env)
        #expect(listed.status == 2)
        #expect(listed.stderr.hasPrefix("august: bookmarks file") && listed.stderr.split(separator: "\n").count == 1)

        let added = try runAugust(["--corpus", corpus.path, "--keys", "3b", "--print-screen"], env: env)
        #expect(added.status == 0)
        #expect(try Data(contentsOf: store.backupURL) == garbage)
        guard case .loaded(let list) = store.load() else { Issue.record("no new file"); return }
        #expect(list.count == 1)
    }

    @Test func anUnwritableDataFolderIsOneLineAndTheExplorerGoesOn() throws {
        let dir = makeTemporaryDirectory("august-bm-unwritable")
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = try writeCorpus(dir, "Report\n\nOn August 9 the brigade crossed the river at dawn.\n")
        let r = try runAugust(["--corpus", corpus.path, "--keys", "3b", "--print-screen"], env: ["XDG_DATA_HOME": "/dev/null/data"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("bookmarks not saved"), "\(r.stdout)")
    }
}
