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
    static let defaultPairThreshold = 2_000

    static let schema = """
        CREATE TABLE august_terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL, docs BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE august_pairs(first TEXT NOT NULL, second TEXT NOT NULL, docs BLOB NOT NULL,
                                  PRIMARY KEY(first, second)) WITHOUT ROWID;
        CREATE TABLE august_docsets(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        """

    // MARK: coding

    /// A set of rowids (ascending, 1-based) as a blob: tag 0 and LEB128 gaps, or tag 1 and a bitmap
    /// of `passages` bits (little-endian 64-bit words), whichever is smaller.
    static func encode(_ rowids: [Int32], passages: Int) -> Data {
        var out = Data()
        var gaps = 0
        var prev: Int32 = 0
        for r in rowids {
            var d = UInt32(r - prev)
            prev = r
            repeat { gaps += 1; d >>= 7 } while d != 0
        }
        let words = (passages + 63) / 64
        if gaps > words * 8 {
            var bits = [UInt64](repeating: 0, count: words)
            for r in rowids { bits[Int(r - 1) >> 6] |= 1 << UInt64(Int(r - 1) & 63) }
            out.reserveCapacity(1 + words * 8)
            out.append(1)
            for w in bits { withUnsafeBytes(of: w.littleEndian) { out.append(contentsOf: $0) } }
        } else {
            out.reserveCapacity(1 + gaps)
            out.append(0)
            prev = 0
            for r in rowids {
                var d = UInt32(r - prev)
                prev = r
                while d >= 0x80 { out.append(UInt8(d & 0x7F) | 0x80); d >>= 7 }
                out.append(UInt8(d))
            }
        }
        return out
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
        private var ids: [String: Int32] = [:]
        private var terms: [String] = []
        private var postings: [[Int32]] = []
        /// Every passage's word ids, end to end (for the pairs, once the common words are known).
        private var sequence: [Int32] = []
        private var starts: [Int] = [0]

        func add(_ folded: [String]) {
            for text in folded {
                let rowid = Int32(starts.count)
                var text = text
                text.withUTF8 { buf in
                    let n = buf.count
                    var i = 0
                    while i < n {
                        var j = i
                        while j < n, buf[j] != 0x20 { j += 1 }
                        if j > i {
                            let word = String(decoding: UnsafeBufferPointer(rebasing: buf[i..<j]), as: UTF8.self)
                            let id: Int32
                            if let known = ids[word] {
                                id = known
                            } else {
                                id = Int32(terms.count)
                                ids[word] = id
                                terms.append(word)
                                postings.append([])
                            }
                            if postings[Int(id)].last != rowid { postings[Int(id)].append(rowid) }
                            sequence.append(id)
                        }
                        i = j + 1
                    }
                }
                starts.append(sequence.count)
            }
        }

        /// Writes the tables; writes nothing (FTS5 then answers alone) when a word would not be
        /// one FTS5 token of its own.
        func write(_ db: Database, pairThreshold: Int) throws {
            let passages = starts.count - 1
            let tokenizer = try db.makeTokenizer(FTS5TokenizerDescriptor(components: ["unicode61", "remove_diacritics", "2"]))
            for t in terms where t.utf8.contains(where: { $0 >= 0x80 }) {
                let tokens = try tokenizer.tokenize(document: t)
                guard tokens.count == 1, tokens[0].token == t else { return }
            }
            try db.execute(sql: DocSets.schema)
            let insertTerm = try db.makeStatement(sql: "INSERT INTO august_terms(term, df, docs) VALUES (?, ?, ?)")
            for (id, term) in terms.enumerated() {
                try insertTerm.execute(arguments: [term, postings[id].count, DocSets.encode(postings[id], passages: passages)])
            }
            // Pairs of common words, from the word sequences.
            let common = postings.map { $0.count >= pairThreshold }
            var pairs: [UInt64: [Int32]] = [:]
            for p in 0..<passages {
                let rowid = Int32(p + 1)
                let lo = starts[p], hi = starts[p + 1]
                guard hi - lo >= 2 else { continue }
                for k in lo..<(hi - 1) {
                    let a = sequence[k], b = sequence[k + 1]
                    guard common[Int(a)], common[Int(b)] else { continue }
                    let key = UInt64(UInt32(a)) << 32 | UInt64(UInt32(b))
                    pairs[key, default: []].appendIfNew(rowid)
                }
            }
            let insertPair = try db.makeStatement(sql: "INSERT INTO august_pairs(first, second, docs) VALUES (?, ?, ?)")
            for (key, rows) in pairs {
                try insertPair.execute(arguments: [terms[Int(key >> 32)], terms[Int(key & 0xFFFF_FFFF)],
                                                   DocSets.encode(rows, passages: passages)])
            }
            try db.execute(sql: "INSERT INTO august_docsets(key, value) VALUES ('pairThreshold', ?), ('passages', ?)",
                           arguments: [pairThreshold, passages])
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

        /// The passages matching the whole query.
        func evaluate(_ query: SearchQuery) throws -> DocBits {
            var result: DocBits?
            for clause in query.required {
                var any = try bits(clause.alternatives[0])
                for alt in clause.alternatives.dropFirst() { any.formUnion(try bits(alt)) }
                if result == nil { result = any } else { result!.formIntersection(any) }
                if result!.isEmpty { return result! }
            }
            var r = result ?? DocBits(passages: passages)
            for term in query.excluded {
                r.subtract(try bits(term))
                if r.isEmpty { break }
            }
            return r
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

extension Array where Element == Int32 {
    @inline(__always)
    fileprivate mutating func appendIfNew(_ v: Int32) {
        if last != v { append(v) }
    }
}
