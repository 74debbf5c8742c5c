import Foundation
import GRDB
import Testing
@testable import AugustCore
@testable import AugustSearch

/// What a few queries find: the passage ids in rank order, and the counts.
private func answers(_ index: SearchIndex) throws -> [String] {
    try ["kwantung", "harbin OR mukden", "\"red army\"", "manch*", "soviet -tank", "1945"].map { q in
        let r = try index.search(SearchQuery.parse(q))
        return "\(q): \(r.count) " + r.hits.map(\.passage.id).joined(separator: ",")
    }
}

private let truth: [String] = try! answers(SearchIndex(corpus: seedCorpus, cacheDirectory: nil))

/// The files of a cache folder, without the index's seal (`X.sqlite.seal`, the index file's stat
/// recorded when it was sealed) — but a seal without its index, or one left half-written, is listed.
private func files(_ dir: String) -> [String] {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    return names.filter { !($0.hasSuffix(".sqlite.seal") && names.contains(String($0.dropLast(".seal".count)))) }
}

@Suite("Cache integrity: foreign, damaged, unwritable, failing, concurrent")
struct CacheHardeningTests {

    /// A cache folder holding a good index of the seeds; returns (folder, file).
    func goodCache() throws -> (String, String) {
        let dir = temporaryDirectory("august-cache-h").path
        let index = try SearchIndex(corpus: seedCorpus, cacheDirectory: dir)
        #expect(index.built)
        return (dir, SearchIndex.cacheFile(for: seedCorpus, in: dir))
    }

    func expectRebuiltAndRight(_ dir: String, _ path: String, _ label: String) throws {
        let index = try SearchIndex(corpus: seedCorpus, cacheDirectory: dir)
        #expect(index.built, "\(label): the cache must not be trusted")
        #expect(try answers(index) == truth, "\(label)")
        // The file in place now is a good one: the next open uses it as it is.
        let again = try SearchIndex(corpus: seedCorpus, cacheDirectory: dir)
        #expect(!again.built, "\(label)")
        #expect(again.location == .file(path))
        #expect(try answers(again) == truth, "\(label)")
        #expect(files(dir).allSatisfy { !$0.contains(".tmp-") }, "\(label): \(files(dir))")
    }

    @Test("a cache written by another version (other schema, fingerprint, passages; unfinished; other tables) is rebuilt",
          arguments: ["schema", "fingerprint", "passages", "incomplete", "no-meta", "other-database", "empty-file", "no-checksum",
                     "odd-meta"])
    func foreign(_ kind: String) throws {
        let (dir, path) = try goodCache()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        switch kind {
        case "empty-file":
            try Data().write(to: URL(fileURLWithPath: path))
        case "other-database":
            try FileManager.default.removeItem(atPath: path)
            let q = try DatabaseQueue(path: path)
            try q.write { try $0.execute(sql: "CREATE TABLE notes(x); INSERT INTO notes VALUES ('hello')") }
            try q.close()
        default:
            let q = try DatabaseQueue(path: path)
            try q.write { db in
                switch kind {
                case "schema": try db.execute(sql: "UPDATE meta SET value = '0' WHERE key = 'schema'")
                case "fingerprint": try db.execute(sql: "UPDATE meta SET value = 'feed' WHERE key = 'fingerprint'")
                case "passages": try db.execute(sql: "UPDATE meta SET value = '3' WHERE key = 'passages'")
                case "incomplete": try db.execute(sql: "DELETE FROM meta WHERE key = 'complete'")
                case "no-checksum": try db.execute(sql: "DELETE FROM meta WHERE key = 'checksum'")
                case "odd-meta":
                    // A meta table with repeated keys, NULLs and blobs: no trap, just rebuilt.
                    try db.execute(sql: """
                        CREATE TABLE meta2 AS SELECT * FROM meta; DROP TABLE meta; CREATE TABLE meta(key, value);
                        INSERT INTO meta SELECT * FROM meta2; INSERT INTO meta SELECT * FROM meta2;
                        INSERT INTO meta VALUES (NULL, NULL), ('schema', x'00ff'), (x'01', 2.5)
                        """)
                default: try db.execute(sql: "DROP TABLE meta")
                }
            }
            try q.close()
        }
        try expectRebuiltAndRight(dir, path, kind)
    }

    @Test("a cache whose index content was changed (a flipped byte, a lost row) is detected, never used",
          arguments: ["flip", "lost-docsize", "lost-block", "set-flip", "lost-term"])
    func tampered(_ kind: String) throws {
        let (dir, path) = try goodCache()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let q = try DatabaseQueue(path: path)
        try q.write { db in
            switch kind {
            case "flip":
                // Flip one byte in the middle of the biggest index block: still a valid database.
                let row = try #require(try Row.fetchOne(db, sql: "SELECT id, block FROM fts_data ORDER BY length(block) DESC LIMIT 1"))
                var block: Data = row["block"]
                block[block.count / 2] ^= 0x01
                try db.execute(sql: "UPDATE fts_data SET block = ? WHERE id = ?", arguments: [block, row["id"] as Int64])
            case "lost-docsize":
                try db.execute(sql: "DELETE FROM fts_docsize WHERE id = 7")
            case "set-flip":
                // The word sets beside FTS5 answer counts: one changed bit there is a wrong count.
                let row = try #require(try Row.fetchOne(db, sql: "SELECT term, docs FROM august_terms ORDER BY df DESC LIMIT 1"))
                var docs: Data = row["docs"]
                docs[docs.count - 1] ^= 0x01
                try db.execute(sql: "UPDATE august_terms SET docs = ? WHERE term = ?", arguments: [docs, row["term"] as String])
            case "lost-term":
                try db.execute(sql: "DELETE FROM august_terms WHERE term = (SELECT term FROM august_terms ORDER BY df DESC LIMIT 1)")
            default:
                try db.execute(sql: "DELETE FROM fts_data WHERE id = (SELECT max(id) FROM fts_data)")
            }
        }
        try q.close()
        let check = try DatabaseQueue(path: path)
        #expect(try check.read { try String.fetchOne($0, sql: "PRAGMA quick_check") } == "ok",
                "the damage is invisible to SQLite's own check")
        try check.close()
        try expectRebuiltAndRight(dir, path, kind)
    }

    @Test("a write that fails (disk full) leaves no file behind, temporary or final, and search runs from memory")
    func failedWrite() throws {
        let dir = temporaryDirectory("august-cache-full").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        struct DiskFull: Error {}
        var seenTemporary: String?
        let index = try SearchIndex(corpus: seedCorpus, cacheDirectory: dir, beforeRename: { tmp in
            seenTemporary = tmp
            throw DiskFull()
        })
        #expect(seenTemporary?.hasPrefix(dir + "/") == true)
        #expect(index.location == .memory)
        #expect(try answers(index) == truth)
        #expect(files(dir).isEmpty, "\(files(dir))")
    }

    @Test("temporary files of dead builds are cleaned up; a live build's is left alone")
    func abandonedTemporaries() throws {
        let dir = temporaryDirectory("august-cache-tmp").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dead = dir + "/index-v1-0123.sqlite.tmp-999999999-1"     // above any pid_max
        let live = dir + "/index-v1-0123.sqlite.tmp-\(getpid())-2"
        try Data(repeating: 0, count: 100).write(to: URL(fileURLWithPath: dead))
        try Data(repeating: 0, count: 100).write(to: URL(fileURLWithPath: live))
        _ = try SearchIndex(corpus: seedCorpus, cacheDirectory: dir)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live))
    }

    @Test("the cache path taken by a FIFO, a folder or a link: no hang, right results",
          arguments: ["fifo", "folder", "link"])
    func oddCachePath(_ kind: String) throws {
        let dir = temporaryDirectory("august-cache-odd").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = SearchIndex.cacheFile(for: seedCorpus, in: dir)
        switch kind {
        case "fifo": #expect(mkfifo(path, 0o644) == 0)
        case "folder": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        default:
            // A link to a good index of another corpus.
            let other = Corpus(texts: [("x.txt", "Harbin.")])
            _ = try SearchIndex(corpus: other, cacheDirectory: dir)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: SearchIndex.cacheFile(for: other, in: dir))
        }
        let index = try SearchIndex(corpus: seedCorpus, cacheDirectory: dir)
        #expect(try answers(index) == truth)
        if kind != "folder" {
            // The rename of the new index replaces the FIFO or the link.
            #expect(index.location == .file(path))
            var st = stat()
            #expect(lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG)
        } else {
            #expect(index.location == .memory)
        }
        #expect(files(dir).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test("several builders of the same new cache at once: all right, one valid file, no leftovers")
    func concurrentBuilders() async throws {
        let dir = temporaryDirectory("august-cache-race").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                group.addTask { try answers(SearchIndex(corpus: seedCorpus, cacheDirectory: dir)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 4 && results.allSatisfy { $0 == truth })
        #expect(files(dir) == [URL(fileURLWithPath: SearchIndex.cacheFile(for: seedCorpus, in: dir)).lastPathComponent])
        let after = try SearchIndex(corpus: seedCorpus, cacheDirectory: dir)
        #expect(!after.built)
        #expect(try answers(after) == truth)
    }

    @Test("a cache folder that is a file, or cannot be created: search runs from memory")
    func unusableFolder() throws {
        let dir = temporaryDirectory("august-cache-file")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("not-a-folder").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        for folder in [file, file + "/below", "/proc/august-no-such-place/cache"] {
            let index = try SearchIndex(corpus: seedCorpus, cacheDirectory: folder)
            #expect(index.location == .memory, "\(folder)")
            #expect(try answers(index) == truth)
        }
    }
}
