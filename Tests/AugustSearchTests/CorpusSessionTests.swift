import Foundation
import Testing
@testable import AugustCore
@testable import AugustSearch

// The start pipeline in process: a warm session (manifest → snapshot → index) answers exactly as a
// cold one, sees any change to the folder, rebuilds what is damaged, survives a snapshot cut under
// it, and works from memory when the cache folder cannot be written.

/// The seeds copied into a new folder.
private func seedsCopy() throws -> URL {
    let dir = temporaryDirectory("august-session")
    for name in try FileManager.default.contentsOfDirectory(atPath: seedsURL.path) where name.hasSuffix(".txt") {
        try FileManager.default.copyItem(at: seedsURL.appendingPathComponent(name), to: dir.appendingPathComponent(name))
    }
    return dir
}

/// The manifest of `dir` as if written well after its files (they are then outside the racy
/// window, without sleeping): what a later start finds.
private func ageManifest(_ dir: URL, cache: String) throws {
    let root = try Corpus.scan(directory: dir).root.path
    var m = try #require(StatManifest.load(root: root, cacheDirectory: cache))
    m.walkStartedAtNs = FileStat.nowNs() + StatManifest.racyWindowNs + 1_000_000_000
    var w = ByteWriter()
    m.encode(&w)
    #expect(CacheFile.write(w.bytes, key: StatManifest.key(root: m.root), formatVersion: StatManifest.formatVersion,
                            to: StatManifest.path(root: m.root, cacheDirectory: cache)))
}

private final class Notes: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.withLock { list.append(s) } }
    var all: [String] { lock.withLock { list } }
}

private func session(_ dir: URL, _ cache: String, notes: Notes? = nil) throws -> CorpusSession {
    CorpusSession(scan: try Corpus.scan(directory: dir), cacheDirectory: cache, binaryVersion: "test",
                  onCacheProblem: { notes?.add($0) })
}

private let queries = ["harbin", "kwantung army", "\"Soviet Union\"", "manch*", "harbin OR mukden", "tank -kamikaze", "zzzqqq"]

/// What a user sees of a search: count, order, passages, scores, highlights.
private func answers(_ s: CorpusSession, limit: Int? = 20) throws -> [String] {
    try queries.map { q in
        let r = try s.search(try SearchQuery.parse(q), limit: limit, rankLimit: SearchIndex.defaultRankLimit)
        return "\(q): \(r.count) \(r.ranked) " + r.hits.map { "\($0.passage)|\($0.score)|\($0.matches)" }.joined(separator: "; ")
    }
}

/// The same from a fresh load with no cache at all.
private func uncachedAnswers(_ dir: URL) throws -> [String] {
    let blocked = temporaryDirectory("august-session-blocked").appendingPathComponent("file")
    try Data("x".utf8).write(to: blocked)
    return try answers(try session(dir, blocked.path + "/below"))
}

@Suite("Start pipeline (CorpusSession): warm equals cold, changes seen, damage rebuilt")
struct CorpusSessionTests {

    @Test("a warm session answers every command exactly as a cold one, without reading a file of the corpus")
    func warmEqualsCold() throws {
        let dir = try seedsCopy(), cache = temporaryDirectory("august-session-cache").path
        let cold = try session(dir, cache)
        #expect(!cold.isWarm)
        let coldAnswers = try answers(cold)
        let coldCorpus = try cold.corpus()
        let coldEvents = try cold.analysis().events
        let coldMentions = try cold.analysis().mentions, coldMovements = try cold.analysis().movements
        #expect(!coldMentions.isEmpty && !coldMovements.isEmpty)
        #expect(cold.readFiles)
        try ageManifest(dir, cache: cache)

        // A search alone: the index opened by the recorded fingerprint, passages from the snapshot.
        let search = try session(dir, cache)
        #expect(search.isWarm)
        #expect(try answers(search) == coldAnswers)
        #expect(try search.index().corpus == nil, "the corpus was decoded for a search")
        #expect(!search.readFiles)

        let warm = try session(dir, cache)
        let corpus = try warm.corpus()
        #expect(corpus.documents == coldCorpus.documents && corpus.passages == coldCorpus.passages)
        #expect(corpus.warnings == coldCorpus.warnings && corpus.fingerprint == coldCorpus.fingerprint)
        #expect(corpus.byteCount == coldCorpus.byteCount && corpus.root == coldCorpus.root)
        #expect(try warm.analysis().events == coldEvents)
        // Read back from the cache's sections when first asked for.
        #expect(try warm.analysis().mentions == coldMentions && warm.analysis().movements == coldMovements)
        #expect(try answers(warm) == coldAnswers)
        #expect(!warm.readFiles && warm.isWarm)
    }

    @Test("the analysis is computed once: the next command over the same corpus reads it back, equal in every part; a damaged file is recomputed")
    func analysisCached() throws {
        let dir = try seedsCopy(), cache = temporaryDirectory("august-session-cache").path
        let cold = try session(dir, cache)
        let a = try cold.analysis()
        #expect(!cold.analysisFromCache)
        #expect(!a.events.isEmpty && !a.mentions.isEmpty && !a.movements.isEmpty)
        try ageManifest(dir, cache: cache)
        let warm = try session(dir, cache)
        let b = try warm.analysis()
        #expect(warm.analysisFromCache && !warm.readFiles)
        #expect(b.events == a.events)
        #expect(b.mentions == a.mentions)
        #expect(b.movements == a.movements)
        #expect(b.placePassages == a.placePassages && a.placePassages.byPlace["mudanjiang"]?.isEmpty == false)
        func fronts(_ x: Analysis) -> [String] {
            var out: [String] = []
            for t in x.fronts?.theatres ?? [] {
                for ax in t.axes {
                    let chain: [String] = ax.objectives.map { o in o.place.id + "@" + (o.first ?? "-") }
                    out.append(t.theatre.id + ":" + chain.joined(separator: ","))
                }
            }
            return out
        }
        #expect(fronts(b) == fronts(a))

        // A flipped byte in the body: not trusted, computed again, and the same.
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: cache).first { $0.hasPrefix("analysis-") })
        let path = URL(fileURLWithPath: cache + "/" + name)
        var bytes = [UInt8](try Data(contentsOf: path))
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: path)
        let damaged = try session(dir, cache)
        #expect(try damaged.analysis().events == a.events)
        #expect(!damaged.analysisFromCache)
        let again = try session(dir, cache)
        #expect(try again.analysis().events == a.events)
        #expect(again.analysisFromCache, "the damaged file was rewritten")
    }

    @Test("files written just before the first start (racy stats): the second start is warm all the same (their bytes hashed, nothing parsed)")
    func racySecondStartWarm() throws {
        let dir = try seedsCopy(), cache = temporaryDirectory("august-session-cache").path
        let first = try session(dir, cache)
        let reference = try answers(first)
        #expect(first.readFiles)
        let second = try session(dir, cache)
        #expect(second.isWarm)
        #expect(try answers(second) == reference)
        #expect(!second.readFiles)
        // One more byte in a file, same stats otherwise impossible to fake here: an edit is seen.
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().first)
        let handle = try FileHandle(forWritingTo: dir.appendingPathComponent(name))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("Harbin.\n".utf8))
        try handle.close()
        let third = try session(dir, cache)
        #expect(!third.isWarm)
        #expect(try answers(third) == uncachedAnswers(dir))
    }

    @Test("a changed folder is seen: a touched file, an edit with the mtime put back, a new file, a removed one",
          arguments: ["touch", "same-mtime-edit", "added", "removed"])
    func changed(_ kind: String) throws {
        let dir = try seedsCopy(), cache = temporaryDirectory("august-session-cache").path
        _ = try answers(try session(dir, cache))
        try ageManifest(dir, cache: cache)
        #expect(try session(dir, cache).isWarm)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let file = try #require(names.map { dir.appendingPathComponent($0) }
            .first { (try? String(contentsOf: $0, encoding: .utf8))?.contains("Harbin") ?? false })
        let before = try #require(FileStat.of(file.path))
        usleep(30_000)  // past the file system clock's tick
        switch kind {
        case "touch":
            var t = [timespec(tv_sec: Int(before.mtimeNs / 1_000_000_000) + 1, tv_nsec: 0),
                     timespec(tv_sec: Int(before.mtimeNs / 1_000_000_000) + 1, tv_nsec: 0)]
            _ = utimensat(AT_FDCWD, file.path, &t, 0)
        case "same-mtime-edit":
            // Every "Harbin" becomes "Harbjn": same size, the mtime put back; only the ctime tells.
            let text = try String(contentsOf: file, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "Harbin", with: "Harbjn").utf8).write(to: file)
            var t = [timespec(tv_sec: Int(before.mtimeNs / 1_000_000_000), tv_nsec: Int(before.mtimeNs % 1_000_000_000)),
                     timespec(tv_sec: Int(before.mtimeNs / 1_000_000_000), tv_nsec: Int(before.mtimeNs % 1_000_000_000))]
            _ = utimensat(AT_FDCWD, file.path, &t, 0)
            #expect(FileStat.of(file.path)?.size == before.size && FileStat.of(file.path)?.mtimeNs == before.mtimeNs)
        case "added":
            try Data("Harbin was quiet on August 21, 1945.\n".utf8).write(to: dir.appendingPathComponent("zz-new.txt"))
        default:
            try FileManager.default.removeItem(at: file)
        }
        let after = try session(dir, cache)
        #expect(!after.isWarm, "\(kind)")
        #expect(try answers(after) == uncachedAnswers(dir), "\(kind)")
        #expect(after.readFiles)
        // And the next start is warm again, on the new files.
        try ageManifest(dir, cache: cache)
        let next = try session(dir, cache)
        #expect(next.isWarm, "\(kind)")
        #expect(try answers(next) == uncachedAnswers(dir), "\(kind)")
        #expect(!next.readFiles, "\(kind)")
    }

    @Test("a damaged cache file is not trusted: the answers are right and the file is rebuilt for the next start",
          arguments: ["snapshot-flip", "snapshot-truncate", "snapshot-garbage", "manifest-flip", "index-flip"])
    func damaged(_ kind: String) throws {
        let dir = try seedsCopy(), cache = temporaryDirectory("august-session-cache").path
        let reference = try answers(try session(dir, cache))
        try ageManifest(dir, cache: cache)
        let prefix = kind.hasPrefix("snapshot") ? "corpus-" : kind.hasPrefix("manifest") ? "manifest-" : "index-"
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: cache)
            .first { $0.hasPrefix(prefix) && !$0.hasSuffix(".seal") })
        let path = URL(fileURLWithPath: cache + "/" + name)
        var bytes = [UInt8](try Data(contentsOf: path))
        switch kind {
        case "snapshot-truncate": bytes.removeLast(bytes.count / 3)
        case "snapshot-garbage": bytes = [UInt8](repeating: 0x41, count: bytes.count)
        default:
            // In the body, where the text of the passages lies (the index: its pages).
            for i in stride(from: bytes.count / 3, to: bytes.count * 2 / 3, by: 97) { bytes[i] ^= 0x20 }
        }
        try Data(bytes).write(to: path)
        let s = try session(dir, cache)
        #expect(try answers(s) == reference, "\(kind)")
        #expect(try s.corpus().passages == (try uncachedSession(dir).corpus().passages), "\(kind)")
        try ageManifest(dir, cache: cache)
        let next = try session(dir, cache)
        #expect(next.isWarm, "\(kind): rebuilt")
        #expect(try answers(next) == reference, "\(kind): rebuilt")
        #expect(!next.readFiles, "\(kind): rebuilt")
    }

    @Test("a snapshot cut or rewritten under a running reader (opened, not yet decoded): an error or a fall-back to the files, never a crash",
          arguments: ["truncate", "truncate-to-header", "rewrite-in-place"])
    func cutUnderReader(_ kind: String) throws {
        let dir = try seedsCopy(), cache = temporaryDirectory("august-session-cache").path
        let reference = try answers(try session(dir, cache))
        let referenceCorpus = try uncachedSession(dir).corpus()
        try ageManifest(dir, cache: cache)
        let key = CorpusSnapshot.key(fingerprint: referenceCorpus.fingerprint, binaryVersion: "test")
        let path = CorpusSnapshot.path(key: key, cacheDirectory: cache)
        func cut() throws {
            let size = try #require(FileStat.of(path)).size
            switch kind {
            case "truncate": #expect(truncate(path, off_t(size / 2)) == 0)
            case "truncate-to-header": #expect(truncate(path, 40) == 0)
            default:
                // The same file (same inode), its bytes changed in place from an eighth on.
                let fd = open(path, O_WRONLY)
                let junk = [UInt8](repeating: 0x5A, count: Int(size - size / 8))
                #expect(pwrite(fd, junk, junk.count, off_t(size / 8)) == junk.count)
                close(fd)
            }
        }
        // The snapshot on its own: opened, then cut, then read.
        let snap = try #require(CorpusSnapshot(key: key, cacheDirectory: cache))
        try cut()
        #expect((try? snap.corpus(root: dir)) == nil, "\(kind)")
        #expect((try? snap.passage(at: snap.passageCount - 1)) == nil, "\(kind)")

        // A session: warm when opened, the file cut before it reads the corpus or a passage.
        #expect(CorpusSnapshot.write(referenceCorpus, key: key, cacheDirectory: cache) == nil)
        let s = try session(dir, cache)
        #expect(s.isWarm)
        try cut()
        #expect(try answers(s) == reference, "\(kind)")
        #expect(try s.corpus().passages == referenceCorpus.passages, "\(kind)")
        #expect(s.readFiles, "\(kind)")
    }

    @Test("a cache folder that cannot be written: every answer right, from memory, the reason given once",
          arguments: ["under-a-file", "a-file"])
    func unwritable(_ kind: String) throws {
        let dir = try seedsCopy()
        let blocker = temporaryDirectory("august-session-blocked").appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let cache = kind == "a-file" ? blocker.path : blocker.path + "/below"
        let reference = try answers(try session(dir, temporaryDirectory("august-session-cache").path))
        for _ in 0..<2 {
            let notes = Notes()
            let s = try session(dir, cache, notes: notes)
            #expect(try answers(s) == reference)
            _ = try s.indexAndAnalysis()
            #expect(try s.corpus().passages.count > 100)
            #expect(try s.index().location == .memory)
            #expect(notes.all.count == 1, "\(notes.all)")
            #expect(!s.isWarm)
        }
    }
}

/// A session with no cache at all.
private func uncachedSession(_ dir: URL) throws -> CorpusSession {
    let blocked = temporaryDirectory("august-session-blocked").appendingPathComponent("file")
    try Data("x".utf8).write(to: blocked)
    return try session(dir, blocked.path + "/below")
}

@Suite("Corpus snapshot decoder: damage past the checksums")
struct CorpusSnapshotDecoderTests {
    /// `body` written as a block file (its checksums made to match) and read back every way.
    func readBack(_ body: [UInt8], _ dir: String) -> (Corpus?, [Passage?]) {
        let path = dir + "/s.bin"
        guard BlockFile.write(body, key: "k", formatVersion: CorpusSnapshot.formatVersion, to: path) == nil,
              let file = BlockFileReader(path: path, key: "k", formatVersion: CorpusSnapshot.formatVersion),
              let snap = CorpusSnapshot(file: file) else { return (nil, []) }
        _ = try? snap.warnings()
        let some = [0, snap.passageCount / 2, snap.passageCount - 1].map { try? snap.passage(at: $0) }
        return (try? snap.corpus(root: URL(fileURLWithPath: "/")), some)
    }

    @Test("a body cut anywhere is refused; a changed byte anywhere gives an error or a consistent corpus, never a trap")
    func neverTraps() throws {
        let dir = temporaryDirectory("august-snapdecode").path
        let body = CorpusSnapshot.bytes(seedCorpus)
        let (whole, some) = readBack(body, dir)
        #expect(whole?.passages == seedCorpus.passages && whole?.documents == seedCorpus.documents)
        #expect(some.compactMap { $0 }.count == 3 && some[0] == seedCorpus.passages[0])
        var cuts = 0, refused = 0
        for cut in stride(from: 0, to: body.count, by: max(1, body.count / 120)) {
            cuts += 1
            if readBack(Array(body[0..<cut]), dir).0 == nil { refused += 1 }
        }
        #expect(refused == cuts)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<120 {
            var b = body
            let i = Int.random(in: 0..<b.count, using: &rng)
            b[i] ^= UInt8.random(in: 1...255, using: &rng)
            if let c = readBack(b, dir).0 {
                for p in c.passages { #expect(p.articleIndex < (c.document(id: p.documentID)?.articles.count ?? 0)) }
            }
        }
    }
}

@Suite("Alias index cache")
struct AliasCacheTests {
    @Test("the other names read back from the cache file expand queries as the linker's own; a damaged file is rebuilt",
          arguments: ["fresh", "cached", "damaged"])
    func sameExpansion(_ kind: String) throws {
        let cache = temporaryDirectory("august-alias-cache").path
        let s = CorpusSession(scan: try Corpus.scan(directory: seedsURL), cacheDirectory: cache, binaryVersion: "test")
        let reference = try EntityLinker.shared().aliasIndex
        _ = try s.aliasIndex()
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: cache).first { $0.hasPrefix("aliases-") })
        if kind == "damaged" {
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: cache + "/" + file)))
            bytes[bytes.count / 2] ^= 0x08
            try Data(bytes).write(to: URL(fileURLWithPath: cache + "/" + file))
        }
        let index = kind == "fresh" ? reference : try s.aliasIndex()
        for q in ["ussuri", "harbin", "kwantung army", "1st far eastern front", "mudanjiang OR hailar", "tank -kamikaze"] {
            let parsed = try SearchQuery.parse(q)
            let a = parsed.expandingAliases(using: index), b = parsed.expandingAliases(using: reference)
            #expect(a.added == b.added && a.query.ftsExpression == b.query.ftsExpression, "\(kind): \(q)")
        }
    }
}

