import Foundation

// The corpus and the alias index in the snapshot's binary format.

extension Corpus {
    /// Documents, articles, passages (with their text), warnings, fingerprint, byte count.
    public func encode(_ w: inout ByteWriter) {
        w.string(fingerprint)
        w.u64(UInt64(byteCount))
        w.warnings(warnings)
        w.int(documents.count)
        for d in documents {
            w.string(d.id)
            w.string(d.title)
            w.int(d.lineCount)
            w.int(d.articles.count)
            for a in d.articles {
                w.int(a.index); w.string(a.title); w.optionalString(a.published); w.int(a.lineStart)
            }
            w.int(d.passages.count)
            for p in d.passages {
                w.int(p.number); w.int(p.lineStart); w.int(p.lineEnd); w.int(p.articleIndex); w.bool(p.isHeading)
                w.string(p.text)
            }
        }
    }

    /// The corpus `encode` wrote, at `root`; throws on anything inconsistent (a passage pointing at
    /// a missing article, ids out of order), never traps.
    /// `release` is told after each document how far the reader got (the bytes before are done with).
    public static func decode(_ r: inout ByteReader, root: URL,
                              release: ((Int) -> Void)? = nil) throws(SnapshotFormatError) -> Corpus {
        let fingerprint = try r.string()
        let bytes = try r.u64()
        guard bytes <= UInt64(Int.max) else { throw SnapshotFormatError("byte count") }
        let warnings = try r.warnings()
        let docCount = try r.count(minBytes: 16)
        var documents: [Document] = []
        documents.reserveCapacity(docCount)
        for _ in 0..<docCount {
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
            let passageCount = try r.count(minBytes: 21)
            var passages: [Passage] = []
            passages.reserveCapacity(passageCount)
            for _ in 0..<passageCount {
                let number = try r.int(), lineStart = try r.int(), lineEnd = try r.int(), article = try r.int()
                let heading = try r.bool()
                let text = try r.string()
                guard article < articles.count, number == passages.count + 1 else {
                    throw SnapshotFormatError("passage \(number) of \(id) is inconsistent")
                }
                passages.append(Passage(id: "\(id)#\(number)", documentID: id, number: number, lineStart: lineStart,
                                        lineEnd: lineEnd, text: text, articleIndex: article, isHeading: heading))
            }
            documents.append(Document(id: id, title: title, articles: articles, passages: passages, lineCount: lineCount))
            release?(r.offset)
        }
        return Corpus(root: root, documents: documents, warnings: warnings, fingerprint: fingerprint, byteCount: Int(bytes))
    }
}

extension AliasIndex {
    public func encode(_ w: inout ByteWriter) {
        w.int(entries.count)
        for e in entries {
            w.int(e.names.count)
            for n in e.names { w.string(n.written); w.strings(n.tokens) }
        }
        for table in [exact, core] {
            w.int(table.count)
            // Sorted keys: the same index always writes the same bytes.
            for (k, v) in table.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                w.strings(k)
                w.int(v.count)
                for i in v { w.int(i) }
            }
        }
    }

    public static func decode(_ r: inout ByteReader) throws(SnapshotFormatError) -> AliasIndex {
        var entries: [Entry] = []
        for _ in 0..<(try r.count(minBytes: 4)) {
            var names: [(written: String, tokens: [String])] = []
            for _ in 0..<(try r.count(minBytes: 8)) { names.append((try r.string(), try r.strings())) }
            entries.append(Entry(names: names))
        }
        func table(_ r: inout ByteReader) throws(SnapshotFormatError) -> [[String]: [Int]] {
            var out: [[String]: [Int]] = [:]
            for _ in 0..<(try r.count(minBytes: 8)) {
                let k = try r.strings()
                var v: [Int] = []
                for _ in 0..<(try r.count(minBytes: 4)) {
                    let i = try r.int()
                    guard i < entries.count else { throw SnapshotFormatError("alias entry out of range") }
                    v.append(i)
                }
                out[k] = v
            }
            return out
        }
        let exact = try table(&r)
        let core = try table(&r)
        return AliasIndex(entries: entries, exact: exact, core: core)
    }
}

/// What a snapshot of the explorer depends on besides the corpus: the format, the curated data
/// files (gazetteer, order of battle, axes) and the program that wrote it. A different value of any
/// part means a different key, and the snapshot is rebuilt.
public enum SnapshotKey {
    /// Bump when what goes into a snapshot, or how it is written, changes.
    public static let schemaVersion = 2

    /// The key for `fingerprint`: schema, a hash of the curated data files, the binary's version
    /// and identity (size and mtime of the running executable, so a rebuilt binary never reuses a
    /// snapshot written by another build).
    public static func make(fingerprint: String, binaryVersion: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        "snapshot|s\(schemaVersion)|\(fingerprint)|data-\(curatedDataHash(environment: environment))|\(binaryVersion)|\(executableIdentity)"
    }

    /// The file in `cacheDirectory` for `key`.
    public static func path(key: String, cacheDirectory: String) -> String {
        let h = Array(key.utf8).withUnsafeBytes { FastHash.hash($0) }
        return cacheDirectory + "/snapshot-" + String(h, radix: 16) + ".bin"
    }

    static let executableIdentity: String = {
        guard let st = FileStat.of("/proc/self/exe", followLinks: true) else { return "exe-unknown" }
        return "exe-\(st.size)-\(st.mtimeNs)"
    }()

    /// A hash of the data files the default loader would read ("none" when there are none).
    static func curatedDataHash(environment: [String: String]) -> String {
        let fm = FileManager.default
        let dir: URL?
        if let env = environment["AUGUST_DATA"], !env.isEmpty {
            dir = URL(fileURLWithPath: env)
        } else {
            dir = CuratedData.candidateDirectories(environment: environment)
                .first { fm.fileExists(atPath: $0.appendingPathComponent("gazetteer.json").path) }
        }
        guard let dir else { return "none" }
        var h: UInt64 = 0
        for name in CuratedData.allFileNames {
            let path = dir.appendingPathComponent(name).path
            // The generated gazetteer's first line holds the checksum of the rest: that line is
            // enough (and the warm start does not read 2 MB).
            let bytes = name == GeneratedPlaces.fileName
                ? (FileHandle(forReadingAtPath: path).map { h in defer { try? h.close() }; return [UInt8]((try? h.read(upToCount: 256)) ?? Data()) } ?? [])
                : (CacheFile.readWhole(path, limit: 64 << 20) ?? [])
            h = FastHash.hash(bytes, seed: h &+ UInt64(bytes.count))
        }
        return String(h, radix: 16)
    }
}

extension AliasIndex {
    init(entries: [Entry], exact: [[String]: [Int]], core: [[String]: [Int]]) {
        self.entries = entries
        self.exact = exact
        self.core = core
    }
}

extension ByteWriter {
    /// Load warnings: a count, then each one's file and message.
    mutating func warnings(_ list: [LoadWarning]) {
        int(list.count)
        for x in list { string(x.file); string(x.message) }
    }
}

extension ByteReader {
    /// The warnings `ByteWriter.warnings` wrote.
    mutating func warnings() throws(SnapshotFormatError) -> [LoadWarning] {
        var list: [LoadWarning] = []
        for _ in 0..<(try count(minBytes: 8)) {
            list.append(LoadWarning(file: try string(), message: try string()))
        }
        return list
    }
}
