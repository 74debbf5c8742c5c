import Foundation
import GRDB
import Testing
@testable import AugustCore
@testable import AugustSearch

/// Sets a file's mtime (and atime) to `ns` nanoseconds since the epoch.
private func setMtime(_ path: String, _ ns: Int64) {
    var times = [timespec(tv_sec: Int(ns / 1_000_000_000), tv_nsec: Int(ns % 1_000_000_000)),
                 timespec(tv_sec: Int(ns / 1_000_000_000), tv_nsec: Int(ns % 1_000_000_000))]
    _ = utimensat(AT_FDCWD, path, &times, 0)
}

/// A corpus folder of two files whose mtimes lie well in the past (outside the racy window).
private func oldCorpus() throws -> URL {
    let dir = temporaryDirectory("august-manifest")
    let files = ["a.txt": "On August 9, 1945 the Soviet Union entered the war against Japan.\n",
                 "sub/b.txt": "Harbin was taken on August 20, 1945.\n\nThe Kwantung Army surrendered.\n"]
    for (name, text) in files {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        setMtime(url.path, FileStat.nowNs() - 3_600_000_000_000)
    }
    return dir
}

private func record(_ scan: CorpusScan, _ corpus: Corpus, _ cache: String) {
    #expect(StatManifest.record(scan, corpus: corpus, cacheDirectory: cache) == nil)
}

@Suite("Start-up caches: stat manifest, cache files, index seal")
struct StartCacheTests {

    /// The manifest written after a load, its reference time moved `later` ns on (so files
    /// just written are outside the racy window, without sleeping in a test).
    func manifest(for dir: URL, cache: String, later: Int64 = 0) throws -> (CorpusScan, Corpus) {
        let scan = try Corpus.scan(directory: dir)
        let corpus = try Corpus.load(scan)
        record(scan, corpus, cache)
        if later != 0, var m = StatManifest.load(root: scan.root.path, cacheDirectory: cache) {
            m.walkStartedAtNs += later
            var w = ByteWriter()
            m.encode(&w)
            #expect(CacheFile.write(w.bytes, key: StatManifest.key(root: m.root), formatVersion: StatManifest.formatVersion,
                                    to: StatManifest.path(root: m.root, cacheDirectory: cache)))
        }
        return (scan, corpus)
    }

    @Test("an unchanged folder reuses the recorded fingerprint without reading the files")
    func hit() throws {
        let dir = try oldCorpus(), cache = temporaryDirectory("august-mcache").path
        let (_, corpus) = try manifest(for: dir, cache: cache, later: StatManifest.racyWindowNs + 1_000_000_000)
        let again = try Corpus.scan(directory: dir)
        let hit = try #require(StatManifest.fingerprint(for: again, cacheDirectory: cache))
        #expect(hit.fingerprint == corpus.fingerprint)
        #expect(hit.byteCount == corpus.byteCount)
    }

    @Test("a changed file is seen: same size and a touched mtime; an edit that restores the mtime; a new file; a removed one",
          arguments: ["touch", "same-mtime-edit", "added", "removed", "renamed"])
    func changed(_ kind: String) throws {
        let dir = try oldCorpus(), cache = temporaryDirectory("august-mcache").path
        // The manifest as if written a little later (the files are then outside the racy window),
        // so that only the comparison of stats can see the change.
        let (_, corpus) = try manifest(for: dir, cache: cache, later: StatManifest.racyWindowNs + 1_000_000_000)
        let a = dir.appendingPathComponent("a.txt")
        let before = try #require(FileStat.of(a.path))
        // Past the file system clock's tick (a change within the tick of the recorded stats is
        // what the racy window, faked away above, is for).
        usleep(30_000)
        switch kind {
        case "touch":
            setMtime(a.path, before.mtimeNs + 1_000_000_000)
        case "same-mtime-edit":
            // Same size, same mtime afterwards: only the content (and the ctime) differ.
            var bytes = try Data(contentsOf: a)
            bytes[3] = UInt8(ascii: "X")
            try bytes.write(to: a)
            setMtime(a.path, before.mtimeNs)
            #expect(FileStat.of(a.path)?.size == before.size && FileStat.of(a.path)?.mtimeNs == before.mtimeNs)
        case "added":
            try Data("Mukden fell on August 20.\n".utf8).write(to: dir.appendingPathComponent("c.txt"))
        case "removed":
            try FileManager.default.removeItem(at: dir.appendingPathComponent("sub/b.txt"))
        default:
            try FileManager.default.moveItem(at: a, to: dir.appendingPathComponent("z.txt"))
        }
        let scan = try Corpus.scan(directory: dir)
        #expect(StatManifest.fingerprint(for: scan, cacheDirectory: cache) == nil, "\(kind)")
        // The full load sees the change (a touch changes no byte: same fingerprint, read again).
        #expect(try (Corpus.load(scan).fingerprint != corpus.fingerprint) == (kind != "touch"), "\(kind)")
    }

    @Test("files changed within the racy window of the recorded load's start are read: trusted only when their bytes are those the load read, then recorded as settled")
    func racy() throws {
        let dir = temporaryDirectory("august-racy")
        let file = dir.appendingPathComponent("a.txt")
        try Data("On August 9, 1945 the war began.\n".utf8).write(to: file)
        let cache = temporaryDirectory("august-mcache").path
        // Written just now: its mtime is within the window of a manifest written now. Its bytes
        // are those the load read: trusted after reading them, and the manifest recorded again.
        let (_, corpus) = try manifest(for: dir, cache: cache)
        let root = try Corpus.scan(directory: dir).root.path
        let first = try #require(StatManifest.load(root: root, cacheDirectory: cache))
        usleep(20_000)
        let scan = try Corpus.scan(directory: dir)
        #expect(StatManifest.fingerprint(for: scan, cacheDirectory: cache)?.fingerprint == corpus.fingerprint)
        let again = try #require(StatManifest.load(root: root, cacheDirectory: cache))
        #expect(again.walkStartedAtNs == scan.startedAtNs && again.walkStartedAtNs > first.walkStartedAtNs)
        // The same stats, other bytes (as if the file had changed within the clock tick of its
        // read): the recorded hash of another content stands for it. Not trusted.
        var m = first
        m.entries[0].contentHash ^= 1
        #expect(m.write(cacheDirectory: cache) == nil)
        #expect(StatManifest.fingerprint(for: try Corpus.scan(directory: dir), cacheDirectory: cache) == nil)
        // A racy file the load skipped (no hash): not trusted either.
        m.entries[0].contentHash = 0
        #expect(m.write(cacheDirectory: cache) == nil)
        #expect(StatManifest.fingerprint(for: try Corpus.scan(directory: dir), cacheDirectory: cache) == nil)
        // The same files, with the manifest written well after them: trusted without reading.
        _ = try manifest(for: dir, cache: cache, later: StatManifest.racyWindowNs + 1_000_000_000)
        #expect(StatManifest.fingerprint(for: try Corpus.scan(directory: dir), cacheDirectory: cache) != nil)
    }

    @Test("a damaged, truncated or foreign manifest or cache file is refused, never trusted",
          arguments: ["flip-body", "flip-header", "truncate", "append", "garbage", "empty", "other-key", "other-version"])
    func damagedCacheFile(_ kind: String) throws {
        let dir = temporaryDirectory("august-cachefile").path
        let path = dir + "/x.bin"
        let body = Array((0..<1000).map { UInt8($0 % 251) })
        #expect(CacheFile.write(body, key: "k", formatVersion: 3, to: path))
        #expect(CacheFile.read(path: path, key: "k", formatVersion: 3) == body)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var key = "k", version: UInt32 = 3
        switch kind {
        case "flip-body": bytes[bytes.count - 10] ^= 0x04
        case "flip-header": bytes[9] ^= 0x01
        case "truncate": bytes.removeLast(100)
        case "append": bytes += [1, 2, 3]
        case "garbage": bytes = Array("SQLite format 3\0 and then some more bytes".utf8)
        case "empty": bytes = []
        case "other-key": key = "other"
        default: version = 4
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(CacheFile.read(path: path, key: key, formatVersion: version) == nil, "\(kind)")
    }

    @Test("a block file gives back any range of its body, each block checked where it is read; a foreign, short or longer file is refused",
          arguments: ["good", "flip-table", "flip-late", "truncate", "append", "other-key"])
    func blockFile(_ kind: String) throws {
        let dir = temporaryDirectory("august-cachefile").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/big.bin"
        // Not a multiple of the block size.
        var body = [UInt8](repeating: 0x5A, count: (3 << 20) + 13)
        for i in stride(from: 0, to: body.count, by: 4093) { body[i] = UInt8(i % 251) }
        #expect(BlockFile.write(body, key: "big", formatVersion: 1, to: path) == nil)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        switch kind {
        case "flip-table": bytes[100] ^= 0x80
        case "flip-late": bytes[bytes.count - 3] ^= 0x01
        case "truncate": bytes.removeLast(1)
        case "append": bytes.append(0)
        default: break
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = BlockFileReader(path: path, key: kind == "other-key" ? "other" : "big", formatVersion: 1)
        guard kind == "good" || kind == "flip-late" else {
            #expect(reader == nil, "\(kind)")
            return
        }
        let r = try #require(reader)
        #expect(r.bodyLength == body.count)
        for range in [0..<1, 100..<70_000, 0..<body.count, body.count - 5..<body.count, 40_000..<40_000] {
            let read = try? r.withBytes(range) { Array($0) }
            let damaged = kind == "flip-late" && range.upperBound > body.count - BlockFile.blockSize
            #expect(read == (damaged ? nil : Array(body[range])), "\(kind) \(range)")
        }
        #expect((try? r.withBytes(0..<body.count + 1) { _ in true }) == nil, "past the end")
    }

    @Test("the byte reader refuses what is not there: no trap, no huge allocation")
    func readerBounds() throws {
        var w = ByteWriter()
        w.string("hello")
        w.u32(UInt32.max)   // a count far larger than the bytes left
        w.bytes.withUnsafeBytes { buf in
            var r = ByteReader(buf)
            #expect((try? r.string()) == "hello")
            #expect((try? r.count(minBytes: 4)) == nil)
            var r2 = ByteReader(UnsafeRawBufferPointer(rebasing: buf[0..<3]))
            #expect((try? r2.string()) == nil)
        }
    }

    @Test("the index's full check is skipped while its file is as sealed, and runs again after any write to it")
    func seal() throws {
        let dir = temporaryDirectory("august-seal").path
        _ = try SearchIndex(corpus: seedCorpus, cacheDirectory: dir)
        let path = SearchIndex.cacheFile(for: seedCorpus, in: dir)
        // Sealed in the same clock tick as the file was written: not trusted yet; a full check
        // (done by the next open) records a seal that is.
        var opened = try SearchIndex(corpus: seedCorpus, cacheDirectory: dir)
        #expect(!opened.built)
        if !IndexSeal.holds(index: path) {
            usleep(20_000)
            opened = try SearchIndex(corpus: seedCorpus, cacheDirectory: dir)
        }
        #expect(IndexSeal.holds(index: path))
        // Damage the content in place, then put the mtime back: the ctime still tells.
        let before = try #require(FileStat.of(path))
        let q = try DatabaseQueue(path: path)
        try q.write { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT id, block FROM fts_data ORDER BY length(block) DESC LIMIT 1"))
            var block: Data = row["block"]
            block[block.count / 2] ^= 0x01
            try db.execute(sql: "UPDATE fts_data SET block = ? WHERE id = ?", arguments: [block, row["id"] as Int64])
        }
        try q.close()
        setMtime(path, before.mtimeNs)
        #expect(!IndexSeal.holds(index: path))
        let rebuilt = try SearchIndex(corpus: seedCorpus, cacheDirectory: dir)
        #expect(rebuilt.built, "the damaged index must not be trusted")
    }
}
