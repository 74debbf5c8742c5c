import AugustCore
import Foundation

/// The start pipeline of every command: stat manifest → corpus snapshot → search index, each
/// thing made only when a caller asks for it, and the cheapest way it can be.
///
/// - Warm (the folder's files have exactly the stats recorded at the last full load, none of them
///   racy — see `StatManifest` — and the snapshot of that corpus is in the cache): no file of the
///   corpus is opened. `search` opens the index by the recorded fingerprint (sealed: not checked
///   again, see `IndexSeal`) and reads from the snapshot only the passages it prints; `corpus()`
///   reads the whole snapshot; the analysis is computed from that corpus when asked for.
/// - Cold (anything else): the files are read once, and the snapshot and the manifest written
///   at once, so that the next start is warm whichever command makes it.
/// - A snapshot that fails a check while it is read (damaged, truncated or rewritten under this
///   process) is dropped: the files are read as on a cold start, and a search is run again.
/// - A cache folder that cannot be written is reported once (`onCacheProblem`), and everything
///   works from memory.
public final class CorpusSession: @unchecked Sendable {
    public let scan: CorpusScan
    public let cacheDirectory: String
    private let binaryVersion: String
    private let progress: ProgressHandler?
    private let onCacheProblem: @Sendable (String) -> Void

    private let lock = NSRecursiveLock()
    private var snapshot: CorpusSnapshot?
    private var loaded: Corpus?
    private var searchIndex: SearchIndex?
    private var analysed: Analysis?
    private var problemReported = false
    /// Set (from any thread) when a read of the snapshot failed its checks.
    private let failure = FailureFlag()

    /// True when the analysis was read back from the analysis cache, not computed.
    public private(set) var analysisFromCache = false

    /// True once the corpus' files have been read (a cold start, or a fall-back from a bad snapshot).
    public private(set) var readFiles = false

    /// `onCacheProblem` is told, at most once, why something could not be written into the cache
    /// folder (the commands print `august: cache not written: <reason>; working from memory`).
    public init(scan: CorpusScan, cacheDirectory: String, binaryVersion: String, progress: ProgressHandler? = nil,
                onCacheProblem: @escaping @Sendable (String) -> Void = { _ in }) {
        self.scan = scan
        self.cacheDirectory = cacheDirectory
        self.binaryVersion = binaryVersion
        self.progress = progress
        self.onCacheProblem = onCacheProblem
        if let hit = StatManifest.fingerprint(for: scan, cacheDirectory: cacheDirectory),
           let snap = CorpusSnapshot(key: CorpusSnapshot.key(fingerprint: hit.fingerprint, binaryVersion: binaryVersion),
                                     cacheDirectory: cacheDirectory),
           snap.fingerprint == hit.fingerprint {
            snapshot = snap
        }
    }

    /// True while the session works from the snapshot (no file of the corpus read).
    public var isWarm: Bool {
        lock.withLock { usableSnapshot != nil }
    }

    private var usableSnapshot: CorpusSnapshot? {
        failure.isSet ? nil : snapshot
    }

    // MARK: what callers ask for

    /// The load warnings (from the snapshot when warm, without reading the corpus).
    public func warnings() throws(CorpusError) -> [LoadWarning] {
        lock.lock()
        defer { lock.unlock() }
        if loaded == nil, let snap = usableSnapshot {
            if let w = try? snap.warnings() { return w }
            failure.set()
        }
        return try corpusLocked().warnings
    }

    /// The corpus: from the snapshot when warm, else read from the files (and the snapshot and the
    /// manifest written for the next start).
    public func corpus() throws(CorpusError) -> Corpus {
        lock.lock()
        defer { lock.unlock() }
        return try corpusLocked()
    }

    private func corpusLocked() throws(CorpusError) -> Corpus {
        if let loaded { return loaded }
        if let snap = usableSnapshot {
            if let c = try? snap.corpus(root: scan.root) {
                loaded = c
                return c
            }
            failure.set()
        }
        let c = try Corpus.load(scan, progress: progress)
        readFiles = true
        loaded = c
        // An index opened over the snapshot's passages is not used once the snapshot failed.
        if searchIndex?.corpus == nil { searchIndex = nil }
        persist(c)
        return c
    }

    /// The search index: opened without the corpus when warm and the cached index is valid,
    /// else opened or built over `corpus()`.
    public func index() throws -> SearchIndex {
        lock.lock()
        defer { lock.unlock() }
        if let searchIndex { return searchIndex }
        if loaded == nil, let snap = usableSnapshot {
            let failure = self.failure
            if let i = SearchIndex(opening: snap.fingerprint, passageCount: snap.passageCount, cacheDirectory: cacheDirectory,
                                   passage: { o in
                                       do { return try snap.passage(at: o) } catch { failure.set(); return nil }
                                   }) {
                searchIndex = i
                return i
            }
        }
        let i = try SearchIndex(corpus: try corpusLocked(), cacheDirectory: cacheDirectory)
        if let f = i.cacheWriteFailure { report(f) }
        searchIndex = i
        return i
    }

    /// Everything computed from the corpus (dates, events, links, fronts): read back from the
    /// analysis cache when this corpus was analysed before by this program with these curated
    /// data, else computed (and the cache written for the next command).
    public func analysis() throws(CorpusError) -> Analysis {
        lock.lock()
        defer { lock.unlock() }
        if let analysed { return analysed }
        let corpus = try corpusLocked()
        if let a = cachedAnalysis(corpus) {
            analysed = a
            return a
        }
        let (linker, linkerError) = Analysis.sharedLinker()
        let a = Analysis(corpus: corpus, linker: linker, linkerError: linkerError, progress: progress)
        saveAnalysis(a)
        analysed = a
        return a
    }

    /// The analysis from the cache, or nil (none, or damaged); the curated data is loaded when
    /// something first asks for the linker (a warm `events` never does).
    private func cachedAnalysis(_ corpus: Corpus) -> Analysis? {
        let key = AnalysisCache.key(fingerprint: corpus.fingerprint, binaryVersion: binaryVersion)
        guard let parts = AnalysisCache.read(key: key, cacheDirectory: cacheDirectory) else { return nil }
        analysisFromCache = true
        // The key names the curated data's hash: the data the analysis was made with is there.
        return Analysis(corpus: corpus, parts: parts, loadLinker: {
            let (linker, error) = Analysis.sharedLinker()
            return Analysis.LinkerLoad(linker, error)
        })
    }

    /// Saves a computed analysis for the next command (not one made without the curated data).
    private func saveAnalysis(_ a: Analysis) {
        guard a.linker != nil else { return }
        let key = AnalysisCache.key(fingerprint: a.corpus.fingerprint, binaryVersion: binaryVersion)
        if let problem = AnalysisCache.write(a.parts, key: key, cacheDirectory: cacheDirectory) { report(problem) }
    }

    /// The index and the analysis, built side by side on two cores when neither is ready (the
    /// explorer's cold start: the analysis is by far the longer of the two).
    public func indexAndAnalysis() throws -> (SearchIndex, Analysis) {
        lock.lock()
        defer { lock.unlock() }
        let corpus = try corpusLocked()
        if analysed == nil, let a = cachedAnalysis(corpus) { analysed = a }
        if searchIndex != nil || analysed != nil { return (try index(), try analysis()) }
        final class Built: @unchecked Sendable { var index: Result<SearchIndex, Error>? }
        let built = Built()
        let group = DispatchGroup()
        let directory = cacheDirectory
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            built.index = Result { try SearchIndex(corpus: corpus, cacheDirectory: directory) }
        }
        let (linker, linkerError) = Analysis.sharedLinker()
        let a = Analysis(corpus: corpus, linker: linker, linkerError: linkerError, progress: progress)
        saveAnalysis(a)
        group.wait()
        let i = try built.index!.get()
        if let f = i.cacheWriteFailure { report(f) }
        searchIndex = i
        analysed = a
        return (i, a)
    }

    /// `index().search(…)`; run again over the files when a passage could not be read from the
    /// snapshot (the hits would otherwise miss it).
    public func search(_ query: SearchQuery, limit: Int? = nil, rankLimit: Int? = nil) throws -> SearchResult {
        let result = try index().search(query, limit: limit, rankLimit: rankLimit)
        guard failure.isSet else { return result }
        lock.withLock { if searchIndex?.corpus == nil { searchIndex = nil } }
        _ = try corpus()
        return try index().search(query, limit: limit, rankLimit: rankLimit)
    }

    /// The other names of places and formations for search (`SearchQuery.expandingAliases`): from
    /// a small cache file keyed by the curated data files' hash and the program, else built from
    /// the curated data (and that file written). Throws when the curated data cannot be loaded.
    public func aliasIndex() throws(CuratedDataError) -> AliasIndex {
        let key = "aliases|s\(SnapshotKey.schemaVersion)|data-\(SnapshotKey.curatedDataHash(environment: ProcessInfo.processInfo.environment))|\(binaryVersion)|\(SnapshotKey.executableIdentity)"
        let path = cacheDirectory + "/aliases-" + String(Array(key.utf8).withUnsafeBytes { FastHash.hash($0) }, radix: 16) + ".bin"
        if let cached = CacheFile.withBody(path: path, key: key, formatVersion: 1, { buf -> AliasIndex in
            var r = ByteReader(buf)
            let index = try AliasIndex.decode(&r)
            guard r.atEnd else { throw SnapshotFormatError("trailing bytes") }
            return index
        }) {
            return cached
        }
        let index = try EntityLinker.shared().aliasIndex
        var w = ByteWriter()
        index.encode(&w)
        CacheFile.removeAbandonedTemporaries(in: cacheDirectory, prefix: "aliases-")
        if let problem = CacheFile.writeReporting(w.bytes, key: key, formatVersion: 1, to: path) {
            report(problem)
        } else {
            CacheFile.prune(in: cacheDirectory, prefix: "aliases-", suffix: ".bin", keeping: path, max: 2)
        }
        return index
    }

    // MARK: the cache

    /// Says why the cache folder could not be written, once per session.
    public func report(_ problem: String) {
        lock.lock()
        let first = !problemReported
        problemReported = true
        lock.unlock()
        if first { onCacheProblem(problem) }
    }

    /// Writes the snapshot of a corpus just read, then the manifest that leads the next start to it.
    private func persist(_ corpus: Corpus) {
        let key = CorpusSnapshot.key(fingerprint: corpus.fingerprint, binaryVersion: binaryVersion)
        if let problem = CorpusSnapshot.write(corpus, key: key, cacheDirectory: cacheDirectory) {
            report(problem)
            return
        }
        if let problem = StatManifest.record(scan, corpus: corpus, cacheDirectory: cacheDirectory) {
            report(problem)
        }
    }
}

/// A flag set once, from any thread.
final class FailureFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
