import AugustCore
import Foundation
import GRDB

/// One passage that matches a query.
public struct SearchHit: Sendable, Hashable {
    public let passage: Passage
    /// Higher is better (the negated FTS5 BM25 rank).
    public let score: Double
    /// Scalar ranges `[start, end)` of the matched words in `passage.text`, sorted, not overlapping.
    public let matches: [Range<Int>]
}

public struct SearchResult: Sendable {
    public let query: SearchQuery
    /// Number of passages that match (all of them, not only those returned).
    public let count: Int
    public let hits: [SearchHit]
    /// True when `hits` are best first (BM25, scores never increase); false when more passages
    /// matched than the rank limit allowed and `hits` are the first ones in corpus order (score 0).
    public let ranked: Bool
}

/// Where the index lives: a file in a cache folder, or memory.
public enum IndexLocation: Sendable, Equatable {
    case file(String)
    case memory
}

/// The full-text index of a corpus: SQLite FTS5 through GRDB, kept as a cache file keyed by the
/// corpus fingerprint. A missing, stale, foreign or damaged cache is rebuilt; an unwritable cache
/// folder means the index is built in memory.
public final class SearchIndex: @unchecked Sendable {
    /// Bump when the schema or the tokenization changes: older cache files are then rebuilt.
    public static let schemaVersion = 2

    /// The corpus it was opened over; nil for an index opened over a snapshot's passages (see
    /// `init?(opening:passageCount:cacheDirectory:passage:)`).
    public let corpus: Corpus?
    public let location: IndexLocation
    /// True when this open built the index (no usable cache was found).
    public let built: Bool
    private let db: DatabaseQueue
    /// Number of passages (rowids are 1...passageCount) and the passage of an ordinal.
    private let passageCount: Int
    private let passageAt: @Sendable (Int) -> Passage?
    /// Whether `august_rank` is registered on `db`'s connection (only read and set inside `db.read`).
    private var rankRegistered = false
    /// The passages' numbers of words for `august_rank` (allocated once, freed with the index).
    private var lengths: UnsafeMutableBufferPointer<UInt32>?

    deinit { lengths?.deallocate() }

    /// The default cache folder: `$XDG_CACHE_HOME/august`, else `~/.cache/august`.
    public static func defaultCacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/august" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.cache/august"
    }

    public static func cacheFile(for corpus: Corpus, in directory: String) -> String {
        cacheFile(fingerprint: corpus.fingerprint, in: directory)
    }

    static func cacheFile(fingerprint: String, in directory: String) -> String {
        directory + "/index-v\(schemaVersion)-\(fingerprint).sqlite"
    }

    /// Why the last build in this process could not be kept in the cache folder (it was built in
    /// memory instead); nil when it was written or nothing was built.
    public private(set) var cacheWriteFailure: String?

    /// The cached index of the corpus with `fingerprint` and `passageCount` passages, opened
    /// without the corpus (nothing is built): nil when there is no valid one. Its hits take their
    /// passages from `passage` (by ordinal; nil when it cannot give one).
    public init?(opening fingerprint: String, passageCount: Int, cacheDirectory: String,
                 passage: @escaping @Sendable (Int) -> Passage?) {
        let path = SearchIndex.cacheFile(fingerprint: fingerprint, in: cacheDirectory)
        guard let queue = SearchIndex.openValid(path: path, fingerprint: fingerprint, passageCount: passageCount) else {
            return nil
        }
        corpus = nil
        db = queue
        location = .file(path)
        built = false
        self.passageCount = passageCount
        passageAt = passage
    }

    /// Open the cached index of `corpus`, building it when needed. `cacheDirectory: nil` keeps it in memory.
    public convenience init(corpus: Corpus, cacheDirectory: String?) throws {
        try self.init(corpus: corpus, cacheDirectory: cacheDirectory, beforeRename: nil)
    }

    /// The same, reporting the build's progress (phase `indexing`; nothing when a valid cache is opened).
    public convenience init(corpus: Corpus, cacheDirectory: String?, progress: ProgressHandler?) throws {
        try self.init(corpus: corpus, cacheDirectory: cacheDirectory, beforeRename: nil, progress: progress)
    }

    /// `beforeRename` (tests) runs on the finished temporary file just before it is renamed into
    /// place; throwing from it stands for a write that failed (a full disk).
    init(corpus: Corpus, cacheDirectory: String?, beforeRename: ((String) throws -> Void)?,
         progress: ProgressHandler? = nil) throws {
        self.corpus = corpus
        let passages = corpus.passages
        passageCount = passages.count
        passageAt = { $0 >= 0 && $0 < passages.count ? passages[$0] : nil }
        if let dir = cacheDirectory {
            let path = SearchIndex.cacheFile(for: corpus, in: dir)
            if let queue = SearchIndex.openValid(path: path, fingerprint: corpus.fingerprint, passageCount: passages.count) {
                db = queue; location = .file(path); built = false
                return
            }
            var failure: String?
            if let queue = SearchIndex.buildFile(path: path, directory: dir, corpus: corpus, beforeRename: beforeRename,
                                                 progress: progress, failure: &failure) {
                db = queue; location = .file(path); built = true
                return
            }
            cacheWriteFailure = failure ?? "\(dir): cannot write the search index"
        }
        db = try DatabaseQueue()
        try db.write { try SearchIndex.fill($0, corpus: corpus, progress: progress) }
        location = .memory
        built = true
    }

    // MARK: building

    private static func configuration(readonly: Bool) -> Configuration {
        var c = Configuration()
        c.readonly = readonly
        c.label = "august-index"
        return c
    }

    /// The cache at `path` if it exists and is exactly this corpus' index; nil otherwise.
    private static func openValid(path: String, fingerprint: String, passageCount: Int) -> DatabaseQueue? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            // Not a file we wrote (a FIFO would block the open, a link could point anywhere): a
            // link is removed, anything else left alone (the build's rename then fails: memory).
            if (st.st_mode & S_IFMT) == S_IFLNK { unlink(path) }
            return nil
        }
        // Unchanged since it was sealed or last fully checked (see `IndexSeal`): the meta check only.
        let sealed = IndexSeal.holds(index: path)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readonly: true))
            let ok = try queue.read { db -> Bool in
                if !sealed {
                    guard try String.fetchOne(db, sql: "PRAGMA quick_check") == "ok" else { return false }
                }
                // A foreign file may hold anything: NULLs, blobs, repeated keys (no trap on any).
                let pairs = try Row.fetchAll(db, sql: "SELECT CAST(key AS TEXT), CAST(value AS TEXT) FROM meta")
                    .compactMap { row -> (String, String)? in
                        guard let k = row[0] as String?, let v = row[1] as String? else { return nil }
                        return (k, v)
                    }
                let meta = Dictionary(pairs, uniquingKeysWith: { _, _ in "" })
                guard meta["schema"] == String(schemaVersion), meta["fingerprint"] == fingerprint,
                      meta["passages"] == String(passageCount), meta["complete"] == "1" else { return false }
                if sealed { return meta["checksum"] != nil }
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM fts WHERE fts MATCH '\"a\"'")
                // quick_check sees the pages, not what they hold: a changed byte inside the index
                // would give wrong results without this.
                return try meta["checksum"] == contentChecksum(db)
            }
            if ok {
                if !sealed { IndexSeal.record(index: path) }
                return queue
            }
            try? queue.close()
        } catch {}
        // Damaged or foreign: remove it so it is rebuilt.
        try? FileManager.default.removeItem(atPath: path)
        IndexSeal.remove(index: path)
        return nil
    }

    /// Build the index into a temporary file and rename it into place; nil if the folder is not writable.
    private static func buildFile(path: String, directory: String, corpus: Corpus,
                                  beforeRename: ((String) throws -> Void)?,
                                  progress: ProgressHandler?, failure: inout String?) -> DatabaseQueue? {
        do {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                failure = "cannot create \(directory)"
                throw error
            }
            guard access(directory, W_OK) == 0 else {
                failure = "\(directory): \(String(cString: strerror(errno)))"
                return nil
            }
            // Temporary files of builds that died (killed, power cut): their process is gone, or a day old.
            CacheFile.removeAbandonedTemporaries(in: directory, prefix: "index-")
            let tmp = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            // Whatever happens (a full disk, an error), the temporary file does not stay.
            defer { unlink(tmp) }
            do {
                let queue = try DatabaseQueue(path: tmp)
                do {
                    try queue.writeWithoutTransaction { db in
                        try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
                    }
                    try queue.write { try fill($0, corpus: corpus, progress: progress) }
                    // Sealed once the index is committed (FTS5 writes some of it at commit):
                    // the checksum of what is on disk, then the mark that the file is complete.
                    try queue.write { db in
                        try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('checksum', ?), ('complete', '1')",
                                       arguments: [contentChecksum(db)])
                    }
                } catch {
                    try? queue.close()
                    throw error
                }
                try queue.close()
            }
            try beforeRename?(tmp)
            guard rename(tmp, path) == 0 else {
                failure = "\(directory): \(String(cString: strerror(errno)))"
                return nil
            }
            IndexSeal.record(index: path)
            pruneOldCaches(in: directory, keeping: path)
            return try DatabaseQueue(path: path, configuration: configuration(readonly: true))
        } catch {
            if failure == nil { failure = "\(directory): \(Self.reason(error))" }
            return nil
        }
    }

    /// A build failure in a few words (SQLite's message where it gives one: "database or disk is full").
    static func reason(_ error: Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? "SQLite error \(e.resultCode.rawValue)" }
        return "\(error)"
    }

    /// An index in memory whose pairs of common words start at `pairThreshold` passages (tests: a
    /// small corpus then has pairs too); `sets: false` leaves the word sets out (FTS5 alone answers).
    init(memoryIndexOf corpus: Corpus, pairThreshold: Int, sets: Bool = true) throws {
        self.corpus = corpus
        let passages = corpus.passages
        passageCount = passages.count
        passageAt = { $0 >= 0 && $0 < passages.count ? passages[$0] : nil }
        db = try DatabaseQueue()
        try db.write { try SearchIndex.fill($0, corpus: corpus, pairThreshold: pairThreshold, sets: sets) }
        location = .memory
        built = true
    }

    private static func fill(_ db: Database, corpus: Corpus, progress: ProgressHandler? = nil,
                             pairThreshold: Int = DocSets.defaultPairThreshold, sets withSets: Bool = true) throws {
        try db.execute(sql: """
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE VIRTUAL TABLE fts USING fts5(body, content='', tokenize='unicode61 remove_diacritics 2');
            """)
        // No incremental merging while filling: the segments are merged once by 'optimize' below,
        // which gives the same single-segment index. (FTS5's default merging rewrote the data
        // again and again and made the build super-linear: 2.2x slower at 100 MB.)
        try db.execute(sql: """
            INSERT INTO fts(fts, rank) VALUES('automerge', 0);
            INSERT INTO fts(fts, rank) VALUES('crisismerge', 1000);
            """)
        let insert = try db.makeStatement(sql: "INSERT INTO fts(rowid, body) VALUES (?, ?)")
        // Folding runs one batch ahead on another thread while SQLite inserts the current batch.
        let passages = corpus.passages
        let batch = 2048
        let batches = stride(from: 0, to: passages.count, by: batch).map { $0..<min($0 + batch, passages.count) }
        // The word sets are collected from the same folded text, on the same thread, in order.
        let sets = DocSets.Builder()
        @Sendable func fold(_ r: Range<Int>) -> [String] {
            let folded = r.map { Tokenizer.foldedWords(passages[$0].text) }
            sets.add(folded)
            return folded
        }
        final class Box: @unchecked Sendable { var value: [String] = [] }
        let worker = DispatchQueue(label: "august-index-fold")
        var current = batches.first.map(fold) ?? []
        // Progress in passages; the final merge ('optimize') counts as a quarter of the passages more.
        let total = passages.count + max(passages.count / 4, 1)
        var bytes = 0
        progress?(LoadProgress(phase: .indexing, done: 0, total: total, bytes: 0))
        for (b, range) in batches.enumerated() {
            let next = Box()
            let group = DispatchGroup()
            if b + 1 < batches.count {
                let r = batches[b + 1]
                worker.async(group: group) { next.value = fold(r) }
            }
            for (i, body) in zip(range, current) {
                try insert.execute(arguments: [i + 1, body])
            }
            group.wait()
            current = next.value
            if let progress {
                for i in range { bytes += passages[i].text.utf8.count }
                progress(LoadProgress(phase: .indexing, done: range.upperBound, total: total, bytes: bytes))
            }
        }
        // The word sets are computed on the worker while FTS5 merges its segments.
        final class Prepared: @unchecked Sendable { var value: DocSets.Builder.Prepared? }
        let prepared = Prepared()
        let preparing = DispatchGroup()
        if withSets { worker.async(group: preparing) { prepared.value = sets.prepare(pairThreshold: pairThreshold) } }
        try db.execute(sql: "INSERT INTO fts(fts) VALUES('optimize')")
        preparing.wait()
        if let p = prepared.value { try DocSets.Builder.write(db, p) }
        progress?(LoadProgress(phase: .indexing, done: total, total: total, bytes: bytes))
        try db.execute(sql: """
            INSERT INTO fts(fts, rank) VALUES('automerge', 4);
            INSERT INTO fts(fts, rank) VALUES('crisismerge', 16);
            """)
        let meta: [(String, String)] = [
            ("schema", String(schemaVersion)), ("fingerprint", corpus.fingerprint),
            ("passages", String(corpus.passages.count)),
        ]
        for (k, v) in meta {
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [k, v])
        }
    }

    /// A hash of everything the full-text index holds (its shadow tables, in a fixed order).
    static func contentChecksum(_ db: Database) throws -> String {
        var h = Fingerprint()
        var queries = ["SELECT id, block FROM fts_data ORDER BY id",
                       "SELECT segid, term, pgno FROM fts_idx ORDER BY segid, term",
                       "SELECT id, sz FROM fts_docsize ORDER BY id",
                       "SELECT k, v FROM fts_config ORDER BY k"]
        // The word sets answer counts and first pages: a changed byte there is a wrong answer too.
        // (They are absent when the corpus has words FTS5 splits otherwise; the queries say so.)
        if try db.tableExists("august_docsets") {
            queries += ["SELECT term, df, docs FROM august_terms ORDER BY term",
                        "SELECT first, second, docs FROM august_pairs ORDER BY first, second",
                        "SELECT key, value FROM august_docsets ORDER BY key",
                        "SELECT id, sizes FROM august_lengths ORDER BY id"]
        }
        for sql in queries {
            h.add(sql)
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                for value in row.databaseValues {
                    switch value.storage {
                    case .null: h.add("n")
                    case .int64(let v): h.add("i\(v)")
                    case .double(let v): h.add("d\(v)")
                    case .string(let v): h.add("s"); h.add(v)
                    case .blob(let v): h.add("b"); h.add(v)
                    }
                }
            }
        }
        return h.hex
    }

    /// Keep the cache folder small: the newest few index files stay, older ones go.
    private static func pruneOldCaches(in directory: String, keeping: String, max: Int = 8) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return }
        let files = names.filter { $0.hasPrefix("index-") && $0.hasSuffix(".sqlite") }
            .map { directory + "/" + $0 }
            .filter { $0 != keeping }
            .compactMap { path -> (String, Date)? in
                guard let d = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
                return (path, d)
            }
            .sorted { $0.1 > $1.1 }
        for (path, _) in files.dropFirst(max - 1) {
            try? fm.removeItem(atPath: path)
            IndexSeal.remove(index: path)
        }
    }

    // MARK: searching

    /// How many matching passages `august search` and the explorer's list rank at most. Ranking
    /// costs about a microsecond per matching passage (FTS5 scores every one to find the best):
    /// a query matching most of a 100 MB corpus (150k passages) took 200 ms. Above this many
    /// matches the first ones are shown in corpus order, at once, with the exact count.
    public static let defaultRankLimit = 5_000

    /// Passages matching `query`, best first (BM25), at most `limit` of them; `count` counts all.
    /// With `rankLimit`, a query matching more passages than that is not ranked: the first `limit`
    /// matches in corpus order come back instead (`ranked` false).
    public func search(_ query: SearchQuery, limit: Int? = nil, rankLimit: Int? = nil) throws -> SearchResult {
        let expr = query.ftsExpression
        let passageCount = self.passageCount
        let (count, rows, ranked) = try db.read { db -> (Int, [(Int, Double)], Bool) in
            // The count (and, unranked, the first matches) from the word sets when the index has
            // them; else from FTS5. Cached statements: compiled once per connection.
            let count: Int
            var matches: DocBits?
            var hits: [Int] = []
            if let sets = try DocSets.Reader.open(db, passages: passageCount) {
                (matches, hits) = try sets.evaluate(query)
                count = matches!.count
            } else {
                let countStatement = try db.cachedStatement(sql: "SELECT count(*) FROM fts WHERE fts MATCH ?")
                count = try Int.fetchOne(countStatement, arguments: [expr]) ?? 0
            }
            if let rankLimit, count > rankLimit {
                if let matches { return (count, matches.rowids(limit: limit).map { ($0, 0.0) }, false) }
                var sql = "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid"
                var args: StatementArguments = [expr]
                if let limit { sql += " LIMIT ?"; args += [limit] }
                let rows = try Int.fetchAll(db.cachedStatement(sql: sql), arguments: args).map { ($0, 0.0) }
                return (count, rows, false)
            }
            if count == 0 || limit == 0 { return (count, [], true) }
            var sql = "SELECT rowid, bm25(fts) FROM fts WHERE fts MATCH ? ORDER BY bm25(fts), rowid"
            var args: StatementArguments = [expr]
            if matches != nil, hits.count == query.positiveTerms.count {
                // bm25() with the phrase counts known (excluded phrases never occur in a match:
                // their count does not change a score).
                if !rankRegistered {
                    lengths = try DocSets.Reader.open(db, passages: passageCount)?.lengths()
                    Rank.register(db, lengths: lengths)
                    rankRegistered = true
                }
                var counts = Data(capacity: (hits.count + query.excluded.count) * 8)
                for n in hits + [Int](repeating: 0, count: query.excluded.count) {
                    withUnsafeBytes(of: Int64(n).littleEndian) { counts.append(contentsOf: $0) }
                }
                sql = "SELECT rowid, \(Rank.functionName)(fts, ?) AS r FROM fts WHERE fts MATCH ? ORDER BY r, rowid"
                args = [counts, expr]
            }
            if let limit { sql += " LIMIT ?"; args += [limit] }
            let rows = try Row.fetchAll(db.cachedStatement(sql: sql), arguments: args).map { ($0[0] as Int, $0[1] as Double) }
            return (count, rows, true)
        }
        let hits = rows.compactMap { (rowid, rank) -> SearchHit? in
            guard rowid >= 1, rowid <= passageCount, let p = passageAt(rowid - 1) else { return nil }
            return SearchHit(passage: p, score: -rank,
                             matches: TermMatcher.highlights(query, tokens: Tokenizer.tokens(p.text)))
        }
        return SearchResult(query: query, count: count, hits: hits, ranked: ranked)
    }

    /// Every matching passage in corpus order (for "next match" navigation), with its highlights;
    /// with `limit`, only the first ones (cheap however many passages match: no ranking).
    public func matchesInCorpusOrder(_ query: SearchQuery, limit: Int? = nil) throws -> [SearchHit] {
        let expr = query.ftsExpression
        let passageCount = self.passageCount
        let rowids = try db.read { db in
            if let sets = try DocSets.Reader.open(db, passages: passageCount) {
                return try sets.evaluate(query).matches.rowids(limit: limit)
            }
            if let limit {
                return try Int.fetchAll(
                    db.cachedStatement(sql: "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid LIMIT ?"),
                    arguments: [expr, limit])
            }
            return try Int.fetchAll(db.cachedStatement(sql: "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid"), arguments: [expr])
        }
        return rowids.compactMap { rowid in
            guard rowid >= 1, rowid <= passageCount, let p = passageAt(rowid - 1) else { return nil }
            return SearchHit(passage: p, score: 0,
                             matches: TermMatcher.highlights(query, tokens: Tokenizer.tokens(p.text)))
        }
    }
}

// MARK: corpus-order windows (explorer)

/// What the explorer asks while a search is typed and walked: a bounded count, windows of matching
/// passages in corpus order, and whether given passages match. None of it highlights: the caller
/// highlights only the passages it draws. Passage ordinals (0-based), not rowids.
extension SearchIndex {
    /// Matching passages, counting at most `bound + 1` of them (so the cost is bounded however
    /// many match); and how many of those counted lie before passage `before` (when given).
    /// `total > bound` means "more than `bound`"; `beforeCount > bound` likewise.
    public func boundedCount(_ query: SearchQuery, bound: Int, before: Int? = nil) throws -> (total: Int, beforeCount: Int) {
        let expr = query.ftsExpression
        return try db.read { db in
            let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT count(*), coalesce(sum(rowid <= ?), 0) FROM (SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid LIMIT ?)
                """), arguments: [before ?? 0, expr, bound + 1])
            return ((row?[0] as Int?) ?? 0, (row?[1] as Int?) ?? 0)
        }
    }

    /// Up to `limit` matching passages in corpus order: from passage `from` on (inclusive), or,
    /// `backward`, from passage `from` back (inclusive, nearest first).
    public func matchingOrdinals(_ query: SearchQuery, from: Int, backward: Bool = false, limit: Int) throws -> [Int] {
        let expr = query.ftsExpression
        let sql = backward
            ? "SELECT rowid FROM fts WHERE fts MATCH ? AND rowid <= ? ORDER BY rowid DESC LIMIT ?"
            : "SELECT rowid FROM fts WHERE fts MATCH ? AND rowid >= ? ORDER BY rowid LIMIT ?"
        let rowids = try db.read { db in
            try Int.fetchAll(db.cachedStatement(sql: sql), arguments: [expr, from + 1, max(0, limit)])
        }
        return rowids.compactMap { $0 >= 1 && $0 <= passageCount ? $0 - 1 : nil }
    }

    /// The matching passages among `range` (ordinals), in corpus order.
    public func matchingOrdinals(_ query: SearchQuery, in range: ClosedRange<Int>) throws -> [Int] {
        let expr = query.ftsExpression
        let rowids = try db.read { db in
            try Int.fetchAll(db.cachedStatement(sql: "SELECT rowid FROM fts WHERE fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid"),
                             arguments: [expr, range.lowerBound + 1, range.upperBound + 1])
        }
        return rowids.compactMap { $0 >= 1 && $0 <= passageCount ? $0 - 1 : nil }
    }

    /// Matching passages best first (BM25), at most `limit`, as `search(_:limit:rankLimit:)` orders
    /// them but without highlighting any; when more than `rankLimit` match (counted up to that
    /// bound), the first `limit` in corpus order instead (`ranked` false). `count` is exact up to
    /// `rankLimit`, else `rankLimit + 1` ("more than"). `unrankedLimit` (default `limit`) caps the
    /// corpus-order rows.
    public func rankedOrdinals(_ query: SearchQuery, limit: Int, rankLimit: Int, unrankedLimit: Int? = nil) throws -> (count: Int, ordinals: [Int], ranked: Bool) {
        let expr = query.ftsExpression
        let (count, rowids, ranked) = try db.read { db -> (Int, [Int], Bool) in
            let count = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?)"),
                                         arguments: [expr, rankLimit + 1]) ?? 0
            if count > rankLimit {
                let rows = try Int.fetchAll(db.cachedStatement(sql: "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid LIMIT ?"),
                                            arguments: [expr, unrankedLimit ?? limit])
                return (count, rows, false)
            }
            let rows = try Int.fetchAll(db.cachedStatement(sql: "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts), rowid LIMIT ?"),
                                        arguments: [expr, limit])
            return (count, rows, true)
        }
        return (count, rowids.compactMap { $0 >= 1 && $0 <= passageCount ? $0 - 1 : nil }, ranked)
    }
}
