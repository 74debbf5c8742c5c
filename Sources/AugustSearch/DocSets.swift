import AugustCore
import Foundation
import GRDB

/// Which passages hold each word, and each adjacent pair of common words, stored next to the FTS5
/// index: a query's exact count and its first matches in corpus order come from a few bit-set
/// operations instead of walking FTS5's position lists row by row (a word in most of a 100 MB
/// corpus took 5–10 ms to count that way; a phrase of two common words 20 ms and more).
///
/// The sets hold exactly what FTS5 indexed: the build checks that every stored word is one FTS5
/// token of its own (unicode61 keeps it as it is); if one is not, no sets are written and every
/// query goes to FTS5. Anything the sets cannot answer exactly (a non-ASCII word, a phrase with a
/// rare word or of three words and more) is asked of FTS5, term by term.
enum DocSets {
    /// A phrase of two words that are each in at least this many passages has its own set (FTS5
    /// answers a phrase with a rarer word quickly: it skips along the rarer word's list).
    static let defaultPairThreshold = 5_000
    /// At most this many common words have pairs (a table of their squares is counted in memory).
    static let maxCommonWords = 1_024

    static let schema = """
        CREATE TABLE august_terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL, docs BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE august_pairs(first TEXT NOT NULL, second TEXT NOT NULL, docs BLOB NOT NULL,
                                  PRIMARY KEY(first, second)) WITHOUT ROWID;
        CREATE TABLE august_docsets(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TABLE august_lengths(id INTEGER PRIMARY KEY, sizes BLOB NOT NULL);
        """

    // MARK: coding

    /// A set of rowids (ascending, 1-based) as a blob: tag 0 and LEB128 gaps, or tag 1 and a bitmap
    /// of `passages` bits (little-endian 64-bit words), whichever is smaller.
    static func encode(_ rowids: [Int32], passages: Int) -> Data {
        rowids.withUnsafeBufferPointer { encode($0, passages: passages) }
    }

    static func encode(_ rowids: UnsafeBufferPointer<Int32>, passages: Int) -> Data {
        var gaps = 0
        var prev: Int32 = 0
        for r in rowids {
            let d = UInt32(r - prev)
            prev = r
            gaps += d < 0x80 ? 1 : d < 0x4000 ? 2 : d < 0x20_0000 ? 3 : d < 0x1000_0000 ? 4 : 5
        }
        let words = (passages + 63) / 64
        if gaps > words * 8 {
            return Data.filled(count: 1 + words * 8) { raw in
                raw[0] = 1
                for r in rowids {
                    let i = Int(r - 1)
                    raw[1 + (i >> 3)] |= UInt8(1) << UInt8(i & 7)
                }
            }
        }
        return Data.filled(count: 1 + gaps) { raw in
            var n = 1
            var prev: Int32 = 0
            for r in rowids {
                var d = UInt32(r - prev)
                prev = r
                while d >= 0x80 { raw[n] = UInt8(d & 0x7F) | 0x80; n += 1; d >>= 7 }
                raw[n] = UInt8(d)
                n += 1
            }
        }
    }

    /// Adds the rowids of a blob written by `encode` to `bits` (rowids outside it are ignored).
    static func decode(_ data: Data, into bits: inout DocBits) {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let first = raw.first else { return }
            let n = raw.count
            if first == 1 {
                let words = min((n - 1) / 8, bits.words.count)
                bits.words.withUnsafeMutableBufferPointer { w in
                    for i in 0..<words {
                        w[i] |= UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 1 + i * 8, as: UInt64.self))
                    }
                }
                bits.clearBeyondEnd()
            } else {
                var i = 1
                var prev = 0
                while i < n {
                    var d = 0, shift = 0
                    while i < n {
                        let b = raw[i]
                        i += 1
                        d |= Int(b & 0x7F) << shift
                        shift += 7
                        if b < 0x80 || shift > 56 { break }
                    }
                    prev += d
                    bits.insert(prev)
                }
            }
        }
    }

    // MARK: building

    /// Collects the sets while the index is filled: `add` the folded words of each passage in
    /// rowid order (one thread at a time), then `write`.
    final class Builder: @unchecked Sendable {
        /// The words seen, as bytes end to end in `arena`, found again through an open-addressing
        /// table of ids (a word is hashed from its bytes: no `String` made per word).
        private var arena: [UInt8] = []
        private var termStart: [Int] = []
        private var termLength: [Int] = []
        private var table = [Int32](repeating: -1, count: 1 << 16)
        /// Every passage's word ids, end to end; passage `p`'s are `starts[p]..<starts[p + 1]`.
        private var sequence: [Int32] = []
        private var starts: [Int] = [0]

        private var terms: [String] {
            termStart.indices.map { String(decoding: arena[termStart[$0]..<(termStart[$0] + termLength[$0])], as: UTF8.self) }
        }

        func add(_ folded: [String]) {
            // Work on local copies (no exclusivity check per access), put back at the end.
            var arena: [UInt8] = [], termStart: [Int] = [], termLength: [Int] = [], table: [Int32] = []
            var sequence: [Int32] = [], starts: [Int] = []
            swap(&arena, &self.arena); swap(&termStart, &self.termStart); swap(&termLength, &self.termLength)
            swap(&table, &self.table); swap(&sequence, &self.sequence); swap(&starts, &self.starts)
            defer {
                swap(&arena, &self.arena); swap(&termStart, &self.termStart); swap(&termLength, &self.termLength)
                swap(&table, &self.table); swap(&sequence, &self.sequence); swap(&starts, &self.starts)
            }
            var mask = table.count - 1
            for text in folded {
                var text = text
                text.withUTF8 { buf in
                    guard let base = buf.baseAddress else { return }
                    let n = buf.count
                    var i = 0
                    while i < n {
                        var j = i
                        var h: UInt64 = 0xcbf2_9ce4_8422_2325
                        while j < n, base[j] != 0x20 {
                            h = (h ^ UInt64(base[j])) &* 0x100_0000_01b3
                            j += 1
                        }
                        if j > i {
                            let length = j - i
                            var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
                            var id: Int32 = -1
                            arena.withUnsafeBufferPointer { a in
                                while true {
                                    let found = table[slot]
                                    if found < 0 { break }
                                    let f = Int(found)
                                    if termLength[f] == length {
                                        let t = a.baseAddress! + termStart[f]
                                        var k = 0
                                        while k < length, t[k] == base[i + k] { k += 1 }
                                        if k == length { id = found; break }
                                    }
                                    slot = (slot + 1) & mask
                                }
                            }
                            if id < 0 {
                                id = Int32(termStart.count)
                                table[slot] = id
                                termStart.append(arena.count)
                                termLength.append(length)
                                arena.append(contentsOf: UnsafeBufferPointer(start: base + i, count: length))
                                if termStart.count * 2 > table.count {
                                    table = Builder.rehash(arena: arena, termStart: termStart, termLength: termLength,
                                                           size: table.count * 2)
                                    mask = table.count - 1
                                }
                            }
                            sequence.append(id)
                        }
                        i = j + 1
                    }
                }
                starts.append(sequence.count)
            }
        }

        /// Which passages hold each key (`key(k)` of each word position, -1: none): the
        /// passages of key `x` are `rows[offsets[x]..<offsets[x + 1]]`, ascending.
        @inline(__always)
        private func invert(keys: Int, key: (Int) -> Int) -> (offsets: [Int32], rows: [Int32]) {
            let passages = starts.count - 1
            var counts = [Int32](repeating: 0, count: keys + 1)
            var last = [Int32](repeating: 0, count: keys)
            for p in 0..<passages {
                let rowid = Int32(p + 1)
                for k in starts[p]..<starts[p + 1] {
                    let x = key(k)
                    if x >= 0, last[x] != rowid { last[x] = rowid; counts[x + 1] += 1 }
                }
            }
            for x in 0..<keys { counts[x + 1] += counts[x] }
            var rows = [Int32](repeating: 0, count: Int(counts[keys]))
            var cursor = counts
            for x in 0..<keys { last[x] = 0 }
            for p in 0..<passages {
                let rowid = Int32(p + 1)
                for k in starts[p]..<starts[p + 1] {
                    let x = key(k)
                    if x >= 0, last[x] != rowid { last[x] = rowid; rows[Int(cursor[x])] = rowid; cursor[x] += 1 }
                }
            }
            return (counts, rows)
        }

        private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return h
        }

        private static func rehash(arena: [UInt8], termStart: [Int], termLength: [Int], size: Int) -> [Int32] {
            var table = [Int32](repeating: -1, count: size)
            let mask = size - 1
            arena.withUnsafeBufferPointer { a in
                for id in termStart.indices {
                    let h = hash(UnsafeBufferPointer(rebasing: a[termStart[id]..<(termStart[id] + termLength[id])]))
                    var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
                    while table[slot] >= 0 { slot = (slot + 1) & mask }
                    table[slot] = Int32(id)
                }
            }
            return table
        }

        /// What `write` stores, computed without the database (on another thread while FTS5
        /// merges its segments).
        struct Prepared: @unchecked Sendable {
            var terms: [(String, Int, Data)] = []
            var pairs: [(String, String, Data)] = []
            var sizes = Data()
            var threshold = 0
            var passages = 0
        }

        func prepare(pairThreshold: Int) -> Prepared {
            var out = Prepared()
            let passages = starts.count - 1
            out.passages = passages
            let terms = self.terms
            let words = sequence.withUnsafeBufferPointer { seq in invert(keys: terms.count) { Int(seq[$0]) } }
            var dfs = [Int](repeating: 0, count: terms.count)
            out.terms.reserveCapacity(terms.count)
            words.rows.withUnsafeBufferPointer { rows in
                for (id, term) in terms.enumerated() {
                    let lo = Int(words.offsets[id]), hi = Int(words.offsets[id + 1])
                    dfs[id] = hi - lo
                    out.terms.append((term, hi - lo, DocSets.encode(UnsafeBufferPointer(rebasing: rows[lo..<hi]), passages: passages)))
                }
            }
            // Pairs of common words, from the word sequences: the common words get dense numbers
            // and each pair a slot in a table of common × common (at most `maxCommonWords`
            // words: with more, the threshold rises until they fit).
            var threshold = max(pairThreshold, 1)
            let sortedDfs = dfs.filter { $0 >= threshold }.sorted(by: >)
            if sortedDfs.count > DocSets.maxCommonWords { threshold = sortedDfs[DocSets.maxCommonWords] + 1 }
            out.threshold = threshold
            var dense = [Int32](repeating: -1, count: dfs.count)
            var commonIds: [Int] = []
            for (id, df) in dfs.enumerated() where df >= threshold {
                dense[id] = Int32(commonIds.count)
                commonIds.append(id)
            }
            let c = commonIds.count
            // The pair starting at each position (the last word of a passage starts none).
            var ends = [Bool](repeating: false, count: sequence.count + 1)
            for p in 1..<starts.count where starts[p] > 0 { ends[starts[p] - 1] = true }
            let pairs = sequence.withUnsafeBufferPointer { seq in
                invert(keys: c * c) { k -> Int in
                    guard !ends[k] else { return -1 }
                    let a = dense[Int(seq[k])], b = dense[Int(seq[k + 1])]
                    return a >= 0 && b >= 0 ? Int(a) * c + Int(b) : -1
                }
            }
            pairs.rows.withUnsafeBufferPointer { rows in
                for slot in 0..<(c * c) where pairs.offsets[slot + 1] > pairs.offsets[slot] {
                    let blob = DocSets.encode(UnsafeBufferPointer(rebasing: rows[Int(pairs.offsets[slot])..<Int(pairs.offsets[slot + 1])]),
                                              passages: passages)
                    out.pairs.append((terms[commonIds[slot / c]], terms[commonIds[slot % c]], blob))
                }
            }
            // Each passage's number of words (what FTS5 counts for bm25), 32-bit little-endian.
            out.sizes = Data.filled(count: passages * 4) { raw in
                for p in 0..<passages {
                    raw.storeBytes(of: UInt32(clamping: starts[p + 1] - starts[p]).littleEndian, toByteOffset: p * 4, as: UInt32.self)
                }
            }
            return out
        }

        /// Writes the tables; writes nothing (FTS5 then answers alone) when a word would not be
        /// one FTS5 token of its own.
        static func write(_ db: Database, _ prepared: Prepared) throws {
            let tokenizer = try db.makeTokenizer(FTS5TokenizerDescriptor(components: ["unicode61", "remove_diacritics", "2"]))
            for (t, _, _) in prepared.terms where t.utf8.contains(where: { $0 >= 0x80 }) {
                let tokens = try tokenizer.tokenize(document: t)
                guard tokens.count == 1, tokens[0].token == t else { return }
            }
            try db.execute(sql: DocSets.schema)
            let insertTerm = try db.makeStatement(sql: "INSERT INTO august_terms(term, df, docs) VALUES (?, ?, ?)")
            for (term, df, blob) in prepared.terms { try insertTerm.execute(arguments: [term, df, blob]) }
            let insertPair = try db.makeStatement(sql: "INSERT INTO august_pairs(first, second, docs) VALUES (?, ?, ?)")
            for (first, second, blob) in prepared.pairs { try insertPair.execute(arguments: [first, second, blob]) }
            try db.execute(sql: "INSERT INTO august_lengths(id, sizes) VALUES (1, ?)", arguments: [prepared.sizes])
            try db.execute(sql: "INSERT INTO august_docsets(key, value) VALUES ('pairThreshold', ?), ('passages', ?)",
                           arguments: [prepared.threshold, prepared.passages])
        }
    }

    // MARK: reading

    /// Answers queries from the sets, inside one read of the index.
    struct Reader {
        let db: Database
        let passages: Int
        let pairThreshold: Int

        /// The reader of this index, or nil when it has no sets (FTS5 alone answers).
        static func open(_ db: Database, passages: Int) throws -> Reader? {
            guard try db.tableExists("august_docsets") else { return nil }
            let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM august_docsets")
            var values: [String: Int] = [:]
            for row in rows { if let k = row[0] as String?, let v = row[1] as Int? { values[k] = v } }
            guard values["passages"] == passages, let t = values["pairThreshold"], t >= 1 else { return nil }
            return Reader(db: db, passages: passages, pairThreshold: t)
        }

        /// Each passage's number of words, at `[rowid]`; `[0]` holds the number of passages.
        /// Nil when the stored sizes do not fit this index.
        func lengths() throws -> UnsafeMutableBufferPointer<UInt32>? {
            guard let blob = try Data.fetchOne(db, sql: "SELECT sizes FROM august_lengths WHERE id = 1"),
                  blob.count == passages * 4 else { return nil }
            let buf = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: passages + 1)
            buf[0] = UInt32(clamping: passages)
            blob.withUnsafeBytes { raw in
                for i in 0..<passages { buf[i + 1] = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)) }
            }
            return buf
        }

        /// The passages matching the whole query, and how many passages match each of its
        /// positive terms alone (in `positiveTerms` order; all known when any passage matches).
        func evaluate(_ query: SearchQuery) throws -> (matches: DocBits, hits: [Int]) {
            var result: DocBits?
            var hits: [Int] = []
            for clause in query.required {
                var any = DocBits(passages: passages)
                for alt in clause.alternatives {
                    let b = try bits(alt)
                    hits.append(b.count)
                    any.formUnion(b)
                }
                if result == nil { result = any } else { result!.formIntersection(any) }
                if result!.isEmpty { return (result!, []) }
            }
            var r = result ?? DocBits(passages: passages)
            for term in query.excluded {
                r.subtract(try bits(term))
                if r.isEmpty { break }
            }
            return (r, hits)
        }

        /// The passages matching one term: from the sets when they can say, else from FTS5.
        func bits(_ term: SearchQuery.Term) throws -> DocBits {
            if let b = try fromSets(term) { return b }
            var b = DocBits(passages: passages)
            let statement = try db.cachedStatement(sql: "SELECT rowid FROM fts WHERE fts MATCH ?")
            let rows = try Int.fetchCursor(statement, arguments: [SearchQuery.ftsTerm(term)])
            while let r = try rows.next() { b.insert(r) }
            return b
        }

        private func fromSets(_ term: SearchQuery.Term) throws -> DocBits? {
            let t = term.tokens
            // A lower-case ASCII word is its own FTS5 token; anything else is left to FTS5.
            guard !t.isEmpty, t.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else { return nil }
            var b = DocBits(passages: passages)
            if t.count == 1 && term.prefix {
                var upper = Array(t[0].utf8)
                upper[upper.count - 1] += 1
                let statement = try db.cachedStatement(sql: "SELECT docs FROM august_terms WHERE term >= ? AND term < ?")
                let blobs = try Data.fetchCursor(statement, arguments: [t[0], String(decoding: upper, as: UTF8.self)])
                while let blob = try blobs.next() { DocSets.decode(blob, into: &b) }
                return b
            }
            if t.count == 1 {
                let statement = try db.cachedStatement(sql: "SELECT docs FROM august_terms WHERE term = ?")
                if let blob = try Data.fetchOne(statement, arguments: [t[0]]) { DocSets.decode(blob, into: &b) }
                return b
            }
            let words = term.prefix ? Array(t.dropLast()) : t
            var dfs: [Int] = []
            for w in words {
                let statement = try db.cachedStatement(sql: "SELECT df FROM august_terms WHERE term = ?")
                guard let df = try Int.fetchOne(statement, arguments: [w]) else { return b }  // a word never seen
                dfs.append(df)
            }
            // Phrases: adjacent common words have a set of their own (absent: they never meet).
            var candidates: DocBits?
            for k in 0..<max(words.count - 1, 0) where dfs[k] >= pairThreshold && dfs[k + 1] >= pairThreshold {
                var pair = DocBits(passages: passages)
                let statement = try db.cachedStatement(sql: "SELECT docs FROM august_pairs WHERE first = ? AND second = ?")
                if let blob = try Data.fetchOne(statement, arguments: [words[k], words[k + 1]]) {
                    DocSets.decode(blob, into: &pair)
                }
                if candidates == nil { candidates = pair } else { candidates!.formIntersection(pair) }
                if candidates!.isEmpty { return candidates! }
            }
            // Exact for two common words; otherwise FTS5 must check the positions.
            if words.count == 2, !term.prefix, let c = candidates { return c }
            return nil
        }
    }
}

/// A set of rowids `1...passages` as a bitmap.
struct DocBits {
    var words: [UInt64]
    let passages: Int

    init(passages: Int) {
        self.passages = passages
        words = [UInt64](repeating: 0, count: (passages + 63) / 64)
    }

    @inline(__always)
    mutating func insert(_ rowid: Int) {
        guard rowid >= 1, rowid <= passages else { return }
        words[(rowid - 1) >> 6] |= 1 << UInt64((rowid - 1) & 63)
    }

    mutating func clearBeyondEnd() {
        let extra = words.count * 64 - passages
        if extra > 0 { words[words.count - 1] &= ~UInt64(0) >> UInt64(extra) }
    }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
    var isEmpty: Bool { !words.contains { $0 != 0 } }

    mutating func formUnion(_ other: DocBits) {
        words.withUnsafeMutableBufferPointer { w in
            other.words.withUnsafeBufferPointer { o in for i in 0..<min(w.count, o.count) { w[i] |= o[i] } }
        }
    }

    mutating func formIntersection(_ other: DocBits) {
        words.withUnsafeMutableBufferPointer { w in
            other.words.withUnsafeBufferPointer { o in for i in 0..<min(w.count, o.count) { w[i] &= o[i] } }
        }
    }

    mutating func subtract(_ other: DocBits) {
        words.withUnsafeMutableBufferPointer { w in
            other.words.withUnsafeBufferPointer { o in for i in 0..<min(w.count, o.count) { w[i] &= ~o[i] } }
        }
    }

    /// The rowids in ascending order, at most `limit` of them.
    func rowids(limit: Int? = nil) -> [Int] {
        let cap = limit ?? Int.max
        var out: [Int] = []
        guard cap > 0 else { return out }
        for (i, var w) in words.enumerated() where w != 0 {
            while w != 0 {
                out.append(i * 64 + w.trailingZeroBitCount + 1)
                if out.count >= cap { return out }
                w &= w - 1
            }
        }
        return out
    }
}

extension Data {
    /// `count` zero bytes, then filled in place by `body`.
    fileprivate static func filled(count: Int, _ body: (UnsafeMutableRawBufferPointer) -> Void) -> Data {
        var d = Data(count: count)
        d.withUnsafeMutableBytes(body)
        return d
    }
}
