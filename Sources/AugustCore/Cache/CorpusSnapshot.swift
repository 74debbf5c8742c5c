import Foundation

/// The corpus as read at the last full load — documents, articles, passages with their text, load
/// warnings, fingerprint — in one `BlockFile` in the cache folder, so that a warm start needs no
/// byte of the corpus' files. Laid out for both ways of reading it:
/// - whole (the explorer, `events`, `places`…): the documents one after the other, read a few
///   megabytes at a time;
/// - one passage at a time (`search` prints the passages it found): a table gives where each
///   passage's record and its document's record start, so a passage costs a few checked blocks
///   whatever the corpus' size.
///
/// Body: root (fixed fields, then the fingerprint), warnings, the documents (each: id, title, line
/// count, articles, passages — each passage's text as a range of the text section), the document
/// table (record offset, first passage ordinal), the passage table (record offset, document
/// ordinal), then the text section (the passages' texts one after the other). Offsets are from the
/// start of the body. A warm start reads everything but the text section; the texts are read when
/// asked for (`StoredText`).
public final class CorpusSnapshot: @unchecked Sendable {
    /// Bump when the body's layout changes.
    public static let formatVersion: UInt32 = 2
    static let rootMagic: UInt32 = 0x4353_4E31  // "CSN1"
    /// root: magic u32, byteCount u64, documents u32, passages u32, four offsets u64, fingerprint.
    static let rootFixed = 4 + 8 + 4 + 4 + 8 + 8 + 8 + 8
    static let docEntry = 12, passageEntry = 12
    /// A passage record: four numbers, a flag, its text's offset in the text section (u64) and length.
    static let passageRecord = 4 * 4 + 1 + 8 + 4

    private let file: BlockFileReader
    public let fingerprint: String
    public let byteCount: Int
    public let documentCount: Int
    public let passageCount: Int
    private let warningsOffset: Int, docTableOffset: Int, passageTableOffset: Int, textOffset: Int
    /// The text section, read when a passage's text is asked for.
    private let texts: StoredText

    // MARK: where it lives

    /// The key of the snapshot of the corpus with `fingerprint`, as read by this very program (a
    /// rebuilt binary may cut passages otherwise: its snapshot is another file).
    public static func key(fingerprint: String, binaryVersion: String) -> String {
        "corpus|f\(formatVersion)|\(fingerprint)|\(binaryVersion)|\(SnapshotKey.executableIdentity)"
    }

    public static func path(key: String, cacheDirectory: String) -> String {
        let h = Array(key.utf8).withUnsafeBytes { FastHash.hash($0) }
        return cacheDirectory + "/corpus-" + String(h, radix: 16) + ".bin"
    }

    // MARK: writing

    /// Writes `corpus` under `key` into `cacheDirectory` (atomically; older snapshots beyond a few
    /// are removed). Nil when written, else why not.
    public static func write(_ corpus: Corpus, key: String, cacheDirectory: String) -> String? {
        let path = path(key: key, cacheDirectory: cacheDirectory)
        let failure = BlockFile.write(bytes(corpus), key: key, formatVersion: formatVersion, to: path)
        CacheFile.removeAbandonedTemporaries(in: cacheDirectory, prefix: "corpus-")
        if failure == nil { CacheFile.prune(in: cacheDirectory, prefix: "corpus-", suffix: ".bin", keeping: path, max: 4) }
        return failure
    }

    /// The body for `corpus`.
    static func bytes(_ corpus: Corpus) -> [UInt8] {
        let rootLength = rootFixed + 4 + corpus.fingerprint.utf8.count
        var w = ByteWriter(capacity: corpus.byteCount + corpus.passages.count * 40 + 4096)
        // Everything after the root first; the root, which points into it, goes in front.
        let warningsOffset = rootLength
        w.warnings(corpus.warnings)
        var text = ByteWriter(capacity: corpus.byteCount + 1024)
        var docTable = ByteWriter(capacity: corpus.documents.count * docEntry)
        var passageTable = ByteWriter(capacity: corpus.passages.count * passageEntry)
        var ordinal = 0
        for (d, doc) in corpus.documents.enumerated() {
            docTable.u64(UInt64(rootLength + w.bytes.count))
            docTable.int(ordinal)
            w.string(doc.id)
            w.string(doc.title)
            w.int(doc.lineCount)
            w.int(doc.articles.count)
            for a in doc.articles {
                w.int(a.index); w.string(a.title); w.optionalString(a.published); w.int(a.lineStart)
            }
            w.int(doc.passages.count)
            for p in doc.passages {
                passageTable.u64(UInt64(rootLength + w.bytes.count))
                passageTable.int(d)
                w.int(p.number); w.int(p.lineStart); w.int(p.lineEnd); w.int(p.articleIndex); w.bool(p.isHeading)
                let utf8 = Array(p.text.utf8)
                w.u64(UInt64(text.bytes.count))
                w.int(utf8.count)
                text.raw(utf8)
                ordinal += 1
            }
        }
        let docTableOffset = rootLength + w.bytes.count
        w.raw(docTable.bytes)
        let passageTableOffset = rootLength + w.bytes.count
        w.raw(passageTable.bytes)
        let textOffset = rootLength + w.bytes.count
        w.raw(text.bytes)
        var root = ByteWriter(capacity: rootLength)
        root.u32(rootMagic)
        root.u64(UInt64(corpus.byteCount))
        root.int(corpus.documents.count)
        root.int(corpus.passages.count)
        root.u64(UInt64(warningsOffset))
        root.u64(UInt64(docTableOffset))
        root.u64(UInt64(passageTableOffset))
        root.u64(UInt64(textOffset))
        root.string(corpus.fingerprint)
        return root.bytes + w.bytes
    }

    // MARK: reading

    /// The snapshot stored under `key`, its header, block table and root checked; nil when there is
    /// none or it is damaged or foreign. Nothing else is read yet.
    public convenience init?(key: String, cacheDirectory: String) {
        guard let file = BlockFileReader(path: Self.path(key: key, cacheDirectory: cacheDirectory), key: key,
                                         formatVersion: Self.formatVersion) else { return nil }
        self.init(file: file)
    }

    init?(file: BlockFileReader) {
        let length = file.bodyLength
        let root = try? file.withBytes(0..<min(length, Self.rootFixed + 4 + 256)) { buf in
            var r = ByteReader(buf)
            guard try r.u32() == Self.rootMagic else { throw SnapshotFormatError("root") }
            let bytes = try r.u64()
            let docs = try r.int(), passages = try r.int()
            let w = try r.u64(), dt = try r.u64(), pt = try r.u64(), tt = try r.u64()
            let fingerprint = try r.string()
            return (bytes, docs, passages, w, dt, pt, tt, fingerprint)
        }
        guard let (bytes, docs, passages, w, dt, pt, tt, fingerprint) = root,
              bytes <= UInt64(Int.max), docs >= 1, passages >= docs,
              w <= dt, dt <= pt, pt <= tt, tt <= UInt64(length),
              UInt64(docs) * UInt64(Self.docEntry) == pt - dt,
              UInt64(passages) * UInt64(Self.passageEntry) == tt - pt else { return nil }
        self.file = file
        self.fingerprint = fingerprint
        self.byteCount = Int(bytes)
        self.documentCount = docs
        self.passageCount = passages
        self.warningsOffset = Int(w)
        self.docTableOffset = Int(dt)
        self.passageTableOffset = Int(pt)
        self.textOffset = Int(tt)
        self.texts = StoredText(body: file, start: Int(tt), length: length - Int(tt), blockSize: file.blockSize)
    }

    /// The load warnings (a small read at the start of the body).
    public func warnings() throws -> [LoadWarning] {
        let end = try documentRecord(0).offset
        return try file.withBytes(warningsOffset..<end) { buf in
            var r = ByteReader(buf)
            let list = try r.warnings()
            guard r.atEnd else { throw SnapshotFormatError("warnings") }
            return list
        }
    }

    /// Where document `d`'s record starts and the ordinal of its first passage.
    private func documentRecord(_ d: Int) throws -> (offset: Int, firstPassage: Int) {
        let at = docTableOffset + d * Self.docEntry
        return try file.withBytes(at..<at + Self.docEntry) { buf in
            var r = ByteReader(buf)
            let offset = try r.u64(), first = try r.int()
            guard offset < UInt64(docTableOffset), offset >= UInt64(warningsOffset), first < passageCount else {
                throw SnapshotFormatError("document \(d) entry")
            }
            return (Int(offset), first)
        }
    }

    /// The passage at `ordinal` (corpus order), read on its own: its table entry, its document's id
    /// and its record.
    public func passage(at ordinal: Int) throws -> Passage {
        guard ordinal >= 0, ordinal < passageCount else { throw SnapshotFormatError("passage \(ordinal) out of range") }
        let at = passageTableOffset + ordinal * Self.passageEntry
        let (record, d) = try file.withBytes(at..<at + Self.passageEntry) { buf in
            var r = ByteReader(buf)
            return (try r.u64(), try r.int())
        }
        guard d < documentCount, record < UInt64(docTableOffset) else { throw SnapshotFormatError("passage \(ordinal) entry") }
        let doc = try documentRecord(d)
        let id = try string(at: doc.offset)
        let head = try file.withBytes(Int(record)..<min(Int(record) + Self.passageRecord, docTableOffset)) { buf in
            var r = ByteReader(buf)
            return (try r.int(), try r.int(), try r.int(), try r.int(), try r.bool(), try r.u64(), try r.int())
        }
        let (number, lineStart, lineEnd, article, heading, textAt, textLength) = head
        guard number == ordinal - doc.firstPassage + 1 else { throw SnapshotFormatError("passage \(ordinal) number") }
        let section = file.bodyLength - textOffset
        guard textAt <= UInt64(section), textLength <= section - Int(textAt) else { throw SnapshotFormatError("passage \(ordinal) text") }
        let start = textOffset + Int(textAt)
        let text = try file.withBytes(start..<start + textLength) { String(decoding: $0, as: UTF8.self) }
        return Passage(id: "\(id)#\(number)", documentID: id, number: number, lineStart: lineStart, lineEnd: lineEnd,
                       text: text, articleIndex: article, isHeading: heading)
    }

    /// The string (length, bytes) at `offset`.
    private func string(at offset: Int) throws -> String {
        let n = try file.withBytes(offset..<min(offset + 4, docTableOffset)) { buf in
            var r = ByteReader(buf)
            return try r.int()
        }
        guard n <= docTableOffset - offset - 4 else { throw SnapshotFormatError("string at \(offset)") }
        return try file.withBytes(offset + 4..<offset + 4 + n) { String(decoding: $0, as: UTF8.self) }
    }

    /// The whole corpus, at `root`: the documents read a few megabytes at a time, every block
    /// checked, every record checked against the tables.
    public func corpus(root: URL) throws -> Corpus {
        let warnings = try warnings()
        let table: [(offset: Int, first: Int)] = try file.withBytes(docTableOffset..<passageTableOffset) { buf in
            var r = ByteReader(buf)
            var out: [(Int, Int)] = []
            out.reserveCapacity(documentCount)
            for _ in 0..<documentCount {
                // A damaged offset past Int's range is refused, not trapped on.
                guard let offset = Int(exactly: try r.u64()) else { throw SnapshotFormatError("document offset out of range") }
                out.append((offset, try r.int()))
            }
            return out
        }
        var documents: [Document] = []
        documents.reserveCapacity(documentCount)
        let chunk = 8 << 20
        var d = 0
        var ordinal = 0
        while d < documentCount {
            // Documents d..<e, about `chunk` bytes (at least one document).
            let start = table[d].offset
            var e = d + 1
            while e < documentCount, table[e].offset - start < chunk { e += 1 }
            let end = e < documentCount ? table[e].offset : docTableOffset
            guard start <= end else { throw SnapshotFormatError("document table out of order") }
            try file.withBytes(start..<end) { buf in
                var r = ByteReader(buf)
                for k in d..<e {
                    guard r.offset == table[k].offset - start, table[k].first == ordinal else {
                        throw SnapshotFormatError("document \(k) is not where the table says")
                    }
                    let doc = try Self.decodeDocument(&r, texts: texts)
                    ordinal += doc.passages.count
                    documents.append(doc)
                }
                guard r.atEnd else { throw SnapshotFormatError("bytes between documents") }
            }
            d = e
        }
        guard ordinal == passageCount else { throw SnapshotFormatError("passage count") }
        // The texts stay in the file, but their blocks are checked now (none kept).
        try file.check(textOffset..<file.bodyLength)
        return Corpus(root: root, documents: documents, warnings: warnings, fingerprint: fingerprint, byteCount: byteCount)
    }

    static func decodeDocument(_ r: inout ByteReader, texts: StoredText) throws(SnapshotFormatError) -> Document {
        let id = try r.string()
        let title = try r.string()
        let lineCount = try r.int()
        let articleCount = try r.count(minBytes: 13)
        var articles: [Article] = []
        articles.reserveCapacity(articleCount)
        for _ in 0..<articleCount {
            articles.append(Article(index: try r.int(), title: try r.string(), published: try r.optionalString(),
                                    lineStart: try r.int()))
        }
        let passageCount = try r.count(minBytes: passageRecord)
        guard passageCount >= 1 else { throw SnapshotFormatError("document \(id) without passages") }
        var passages: [Passage] = []
        passages.reserveCapacity(passageCount)
        for _ in 0..<passageCount {
            let number = try r.int(), lineStart = try r.int(), lineEnd = try r.int(), article = try r.int()
            let heading = try r.bool()
            let textAt = try r.u64(), textLength = try r.int()
            guard article < articles.count, number == passages.count + 1 else {
                throw SnapshotFormatError("passage \(number) of \(id) is inconsistent")
            }
            guard textAt <= UInt64(texts.length), textLength <= texts.length - Int(textAt) else {
                throw SnapshotFormatError("passage \(number) of \(id): text outside the text section")
            }
            passages.append(Passage(id: "\(id)#\(number)", documentID: id, number: number, lineStart: lineStart,
                                    lineEnd: lineEnd, body: .stored(texts, offset: Int(textAt), length: textLength),
                                    articleIndex: article, isHeading: heading))
        }
        return Document(id: id, title: title, articles: articles, passages: passages, lineCount: lineCount)
    }
}
