import Foundation

/// What the folder looked like at the last full load — every file's relative path and `stat`
/// (size, mtime, ctime, inode, device), the walk's own warnings — and the fingerprint that load
/// computed. When a new walk finds exactly the same, the fingerprint is reused without reading a
/// byte of the files. Like git's index, a file whose mtime or ctime lies within `racyWindowNs` of
/// the start of that load's walk (or after it) could be changed again within the same timestamp
/// tick after it was read, leaving its stat as recorded: such a manifest is not trusted. (The
/// start of the walk, not the writing of the manifest: a 100 MB load takes a minute, and a file is
/// read long before the manifest is written.) One manifest per corpus root, in the cache folder.
public struct StatManifest: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var relative: String
        public var stat: FileStat
        /// `FastHash` of the bytes the load read (0: none, the file was skipped).
        public var contentHash: UInt64
    }

    public var root: String
    /// When the walk of the recorded load started (the reference of the racy rule).
    public var walkStartedAtNs: Int64
    public var fingerprint: String
    public var byteCount: Int
    public var walkWarnings: [LoadWarning]
    public var entries: [Entry]

    static let formatVersion: UInt32 = 2
    /// A file whose mtime or ctime is this close to (or after) the manifest's writing makes it untrusted.
    public static let racyWindowNs: Int64 = 2_000_000_000

    public static func path(root: String, cacheDirectory: String) -> String {
        let h = Array(root.utf8).withUnsafeBytes { FastHash.hash($0) }
        return cacheDirectory + "/manifest-" + String(h, radix: 16) + ".bin"
    }

    static func key(root: String) -> String { "manifest|" + root }

    /// The fingerprint recorded for `scan`'s folder when the walk found the same files with the same
    /// stats; nil otherwise. A file whose stat is racy (changed within the window of the recorded
    /// load's start, so a later change could have left the same stat) is read and trusted only when
    /// its bytes hash to what that load read; the manifest is then recorded again with this walk's
    /// start (those files are no longer racy against it), so the next start reads nothing.
    public static func fingerprint(for scan: CorpusScan, cacheDirectory: String) -> (fingerprint: String, byteCount: Int)? {
        let root = scan.root.path
        guard var m = load(root: root, cacheDirectory: cacheDirectory) else { return nil }
        switch m.matches(scan) {
        case .no:
            return nil
        case .afterReading:
            m.walkStartedAtNs = scan.startedAtNs
            m.write(cacheDirectory: cacheDirectory)
            return (m.fingerprint, m.byteCount)
        case .yes:
            return (m.fingerprint, m.byteCount)
        }
    }

    enum Match { case no, yes, afterReading }

    func matches(_ scan: CorpusScan) -> Match {
        guard entries.count == scan.files.count, walkWarnings == scan.walkWarnings else { return .no }
        let racyFrom = walkStartedAtNs - Self.racyWindowNs
        var racy: [Int] = []
        for (i, (e, f)) in zip(entries, scan.files).enumerated() {
            guard e.relative == f.relative, e.stat == f.stat else { return .no }
            if f.stat.mtimeNs >= racyFrom || f.stat.ctimeNs >= racyFrom { racy.append(i) }
        }
        // Racy files last, once every stat matched: read them (in parallel) and compare.
        guard !racy.isEmpty else { return .yes }
        final class Verdicts: @unchecked Sendable {
            let lock = NSLock()
            var allSame = true
        }
        let verdicts = Verdicts()
        let files = scan.files, list = entries, racyFiles = racy
        DispatchQueue.concurrentPerform(iterations: racyFiles.count) { k in
            let i = racyFiles[k]
            var same = false
            if list[i].contentHash != 0, case .success(let data) = FileReader.read(files[i].path, limit: Corpus.maxFileBytes) {
                same = data.withUnsafeBytes { FastHash.hash($0) } == list[i].contentHash
            }
            if !same { verdicts.lock.withLock { verdicts.allSame = false } }
        }
        return verdicts.allSame ? .afterReading : .no
    }

    static func load(root: String, cacheDirectory: String) -> StatManifest? {
        CacheFile.withBody(path: path(root: root, cacheDirectory: cacheDirectory), key: key(root: root),
                           formatVersion: formatVersion) { buf -> StatManifest in
            var r = ByteReader(buf)
            let m = try StatManifest.decode(&r)
            guard m.root == root else { throw SnapshotFormatError("other root") }
            return m
        }
    }

    /// Records the stats of a scan and the fingerprint its load gave; nil when written, else why
    /// not (an unwritable cache folder only means the next start reads the files again).
    @discardableResult
    public static func record(_ scan: CorpusScan, corpus: Corpus, cacheDirectory: String) -> String? {
        let m = StatManifest(root: scan.root.path, walkStartedAtNs: scan.startedAtNs, fingerprint: corpus.fingerprint,
                             byteCount: corpus.byteCount, walkWarnings: scan.walkWarnings,
                             entries: scan.files.map {
                                 Entry(relative: $0.relative, stat: $0.stat, contentHash: corpus.contentHashes[$0.relative] ?? 0)
                             })
        return m.write(cacheDirectory: cacheDirectory)
    }

    /// Writes this manifest into `cacheDirectory`; nil when written, else why not.
    @discardableResult
    func write(cacheDirectory: String) -> String? {
        var w = ByteWriter()
        encode(&w)
        CacheFile.removeAbandonedTemporaries(in: cacheDirectory, prefix: "manifest-")
        return CacheFile.writeReporting(w.bytes, key: Self.key(root: root), formatVersion: Self.formatVersion,
                                        to: Self.path(root: root, cacheDirectory: cacheDirectory))
    }

    func encode(_ w: inout ByteWriter) {
        w.string(root)
        w.i64(walkStartedAtNs)
        w.string(fingerprint)
        w.u64(UInt64(byteCount))
        w.warnings(walkWarnings)
        w.int(entries.count)
        for e in entries { w.string(e.relative); e.stat.write(&w); w.u64(e.contentHash) }
    }

    static func decode(_ r: inout ByteReader) throws(SnapshotFormatError) -> StatManifest {
        let root = try r.string()
        let written = try r.i64()
        let fingerprint = try r.string()
        let bytes = try r.u64()
        guard bytes <= UInt64(Int.max) else { throw SnapshotFormatError("byte count") }
        let warnings = try r.warnings()
        var entries: [Entry] = []
        let n = try r.count(minBytes: 52)
        entries.reserveCapacity(n)
        for _ in 0..<n { entries.append(Entry(relative: try r.string(), stat: try FileStat.read(&r), contentHash: try r.u64())) }
        guard r.atEnd else { throw SnapshotFormatError("trailing bytes") }
        return StatManifest(root: root, walkStartedAtNs: written, fingerprint: fingerprint, byteCount: Int(bytes),
                            walkWarnings: warnings, entries: entries)
    }
}

/// The `.txt` files found under a corpus folder (with their stats) and the walk's warnings, before
/// any file is read.
public struct CorpusScan: Sendable {
    public let root: URL
    let files: [FileWalker.File]
    let walkWarnings: [LoadWarning]
    /// The folder as given (for error messages).
    let given: String
    /// The wall clock when the walk started.
    let startedAtNs: Int64

    public var fileCount: Int { files.count }
}
