import Foundation
import Testing
@testable import AugustCore

@Suite("Bookmarks: the store and the anchors")
struct BookmarkStoreTests {
    func tempDir() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("august-bm-\(getpid())-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    let text = """
        Chapter One

        On August 9 the front crossed the border at dawn and advanced toward the hills.

        On August 10 the city of Suifenhe fell after a night of heavy rain and fighting.

        The last paragraph says nothing of dates.
        """

    @Test("a save and a load give the same bookmarks; the file is named after the corpus path, in XDG_DATA_HOME/august")
    func roundTrip() throws {
        let dir = tempDir()
        let store = BookmarkStore(corpusRoot: URL(fileURLWithPath: "/some/corpus"), environment: ["XDG_DATA_HOME": dir.path])
        #expect(store.url.deletingLastPathComponent().path == dir.appendingPathComponent("august").path)
        #expect(store.url.lastPathComponent.hasPrefix("bookmarks-") && store.url.pathExtension == "json")
        #expect(BookmarkStore(corpusRoot: URL(fileURLWithPath: "/other/corpus"), environment: ["XDG_DATA_HOME": dir.path]).url != store.url)
        #expect(store.load() == .none)
        let list = [
            Bookmark(kind: .passage, anchor: PassageAnchor(file: "a.txt", line: 3, quote: "On August 9 the front"), note: "«примечание» 注"),
            Bookmark(kind: .event, anchor: PassageAnchor(file: "b/c.txt", line: 12, quote: "x"), eventID: "1945-08-09@b/c.txt#2+0",
                     title: "The front crosses", date: "1945-08-09"),
        ]
        try store.save(list)
        #expect(store.load() == .loaded(list))
        // Nothing left beside it (no temporary file).
        let names = try FileManager.default.contentsOfDirectory(atPath: store.url.deletingLastPathComponent().path)
        #expect(names == [store.url.lastPathComponent])
    }

    @Test("the data folder: XDG_DATA_HOME when absolute, else ~/.local/share")
    func directory() {
        #expect(BookmarkStore.defaultDirectory(environment: ["XDG_DATA_HOME": "/x/data", "HOME": "/h"]).path == "/x/data/august")
        #expect(BookmarkStore.defaultDirectory(environment: ["XDG_DATA_HOME": "rel", "HOME": "/h"]).path == "/h/.local/share/august")
        #expect(BookmarkStore.defaultDirectory(environment: ["HOME": "/h"]).path == "/h/.local/share/august")
    }

    @Test("a passage is found again after lines were inserted above it, and lost when it was deleted")
    func reanchoring() throws {
        let before = Corpus(texts: [("doc.txt", text)])
        let p = before.passages.first { $0.text.contains("Suifenhe") }!
        let anchor = PassageAnchor(passage: p)
        #expect(anchor.find(in: before) == before.passages.firstIndex(of: p))

        let inserted = Corpus(texts: [("doc.txt", "A new preface.\n\nAnother new paragraph.\n\n" + text)])
        let found = try #require(anchor.find(in: inserted))
        #expect(inserted.passages[found].text == p.text)
        #expect(inserted.passages[found].lineStart == p.lineStart + 4)

        // The paragraph edited further on still holds the quotation: found.
        let edited = Corpus(texts: [("doc.txt", text.replacingOccurrences(of: "rain and fighting.", with: "rain and fighting, the report says."))])
        #expect(anchor.find(in: edited).map { edited.passages[$0].text.contains("Suifenhe") } == true)

        let deleted = Corpus(texts: [("doc.txt", text.replacingOccurrences(
            of: "On August 10 the city of Suifenhe fell after a night of heavy rain and fighting.\n\n", with: ""))])
        #expect(anchor.find(in: deleted) == nil)
        #expect(anchor.find(in: Corpus(texts: [("other.txt", text)])) == nil, "another file is not searched")
    }

    @Test("of two passages with the same words, the one nearest the remembered line")
    func nearest() {
        let twice = "Same words here.\n\nMiddle.\n\nSame words here.\n"
        let c = Corpus(texts: [("d.txt", twice)])
        #expect(PassageAnchor(file: "d.txt", line: 5, quote: "Same words here.").find(in: c).map { c.passages[$0].lineStart } == 5)
        #expect(PassageAnchor(file: "d.txt", line: 2, quote: "Same words here.").find(in: c).map { c.passages[$0].lineStart } == 1)
    }

    @Test("a damaged file is reported, not overwritten by loading, and kept as .bak by the next save")
    func damaged() throws {
        let dir = tempDir()
        let store = BookmarkStore(corpusRoot: URL(fileURLWithPath: "/c"), directory: dir)
        let garbage = Data("{\"august_bookmarks\": 1, \"bookmarks\": [tru".utf8)
        try garbage.write(to: store.url)
        guard case .damaged(let reason) = store.load() else { Issue.record("not damaged"); return }
        #expect(!reason.isEmpty && !reason.contains("\n"))
        #expect(try Data(contentsOf: store.url) == garbage, "loading leaves it as it is")

        let list = [Bookmark(kind: .passage, anchor: PassageAnchor(file: "a.txt", line: 1, quote: "q"))]
        try store.save(list, keepOldAsBackup: true)
        #expect(store.load() == .loaded(list))
        #expect(try Data(contentsOf: store.backupURL) == garbage)
        #expect(store.backupURL.lastPathComponent == store.url.lastPathComponent + ".bak")

        // Without the flag (an earlier save that should have kept it failed), a damaged file is
        // still kept, and a good one is simply replaced.
        try garbage.write(to: store.url)
        try FileManager.default.removeItem(at: store.backupURL)
        try store.save(list)
        #expect(try Data(contentsOf: store.backupURL) == garbage)
        try FileManager.default.removeItem(at: store.backupURL)
        try store.save(list + list)
        #expect(!FileManager.default.fileExists(atPath: store.backupURL.path), "a good file is not backed up")

        // A file of another corpus (or a later version) is damaged for this one, not read.
        try Data(#"{"august_bookmarks": 1, "corpus": "/elsewhere", "bookmarks": []}"#.utf8).write(to: store.url)
        #expect(store.load() == .damaged(reason: "belongs to another corpus"))
        try Data(#"{"august_bookmarks": 7, "corpus": "/c", "bookmarks": []}"#.utf8).write(to: store.url)
        if case .damaged = store.load() {} else { Issue.record("a later version must not be read (nor overwritten)") }
    }

    @Test("a folder that cannot be made: one line, the old state untouched")
    func unwritable() {
        let store = BookmarkStore(url: URL(fileURLWithPath: "/dev/null/august/bookmarks-x.json"), corpusPath: "/c")
        #expect(store.load() == .none)
        do {
            try store.save([])
            Issue.record("saved under /dev/null")
        } catch {
            #expect(!error.message.contains("\n") && error.message.contains("/dev/null"))
        }
    }
}
