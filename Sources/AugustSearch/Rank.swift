import AugustCore
import Foundation
import GRDB
import GRDBSQLite

/// FTS5's `bm25()` with the inverse document frequencies given as arguments.
///
/// `bm25()` finds how many passages hold each phrase of the query by walking each phrase's whole
/// list before it scores the first row (a query with a common word walked 100k rows and more just
/// for that). The word sets already know those numbers, so `august_rank(fts, counts)` takes them
/// (a blob of one 64-bit count per phrase, in the query's order) and computes the same score,
/// operation for operation (the same doubles in the same order: the ranking is bit for bit
/// `bm25()`'s).
enum Rank {
    static let functionName = "august_rank"

    /// `bm25()`'s inverse document frequency of a phrase found in `hits` of `rows` passages.
    static func idf(rows: Int, hits: Int) -> Double {
        let idf = log((Double(rows - hits) + 0.5) / (Double(hits) + 0.5))
        return idf <= 0.0 ? 1e-6 : idf
    }

    /// Registers `august_rank` on this connection. `lengths` (the passages' numbers of words at
    /// `[rowid]`, their count at `[0]`; nil: FTS5 reads each from its own table, a lookup per row)
    /// must outlive the connection's queries.
    static func register(_ db: Database, lengths: UnsafeMutableBufferPointer<UInt32>?) {
        let api = FTS5.api(db)
        _ = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), functionName,
                                        lengths.flatMap { UnsafeMutableRawPointer($0.baseAddress) }, rankFunction, nil)
    }

    private static let rankFunction: fts5_extension_function = { api, fts, context, argc, argv in
        guard let api, let fts, let argv else { return }
        let x = api.pointee
        let phrases = Int(x.xPhraseCount(fts))
        // k1 and b as in bm25().
        let k1 = 1.2, b = 0.75
        var nRow: sqlite3_int64 = 0, nToken: sqlite3_int64 = 0
        guard x.xRowCount(fts, &nRow) == SQLITE_OK, x.xColumnTotalSize(fts, -1, &nToken) == SQLITE_OK else {
            sqlite3_result_error(context, "august_rank: no totals", -1)
            return
        }
        let avgdl = Double(nToken) / Double(nRow)
        // One argument (SQL functions take at most 127): the phrases' counts, 64-bit little-endian.
        let blob = argc >= 1 ? sqlite3_value_blob(argv[0]) : nil
        let counts = blob == nil ? 0 : Int(sqlite3_value_bytes(argv[0])) / 8
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(phrases, 1)) { freq in
            for i in 0..<phrases { freq[i] = 0 }
            var nInst: Int32 = 0
            guard x.xInstCount(fts, &nInst) == SQLITE_OK else {
                sqlite3_result_error(context, "august_rank: no instances", -1)
                return
            }
            for i in 0..<nInst {
                var ip: Int32 = 0, ic: Int32 = 0, io: Int32 = 0
                guard x.xInst(fts, i, &ip, &ic, &io) == SQLITE_OK else {
                    sqlite3_result_error(context, "august_rank: no instance", -1)
                    return
                }
                freq[Int(ip)] += 1.0
            }
            var nTok: Int32 = 0
            let rowid = x.xRowid(fts)
            if let sizes = x.xUserData(fts)?.assumingMemoryBound(to: UInt32.self), rowid >= 1, rowid <= sqlite3_int64(sizes[0]) {
                nTok = Int32(clamping: sizes[Int(rowid)])
            } else if x.xColumnSize(fts, -1, &nTok) != SQLITE_OK {
                sqlite3_result_error(context, "august_rank: no size", -1)
                return
            }
            let D = Double(nTok)
            var score = 0.0
            for i in 0..<phrases {
                var hits = 0
                if i < counts { hits = Int(Int64(littleEndian: blob!.loadUnaligned(fromByteOffset: i * 8, as: Int64.self))) }
                let idf = Rank.idf(rows: Int(nRow), hits: hits)
                score += idf * ((freq[i] * (k1 + 1.0)) / (freq[i] + k1 * (1 - b + b * D / avgdl)))
            }
            sqlite3_result_double(context, -1.0 * score)
        }
    }
}
