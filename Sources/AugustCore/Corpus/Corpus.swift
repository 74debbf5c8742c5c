import Foundation

public enum CorpusError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case notADirectory(String)
    /// Nothing usable: the warnings say why each file was skipped.
    case empty(String, warnings: [LoadWarning] = [])

    public var description: String {
        switch self {
        case .notFound(let p): return "corpus folder not found: \(p)"
        case .notADirectory(let p): return "corpus is not a folder: \(p)"
        case .empty(let p, _): return "no readable .txt files in \(p)"
        }
    }
}

/// Every `.txt` file under a folder, read into documents and passages.
public struct Corpus: Sendable {
    public let root: URL
    public let documents: [Document]
    public let warnings: [LoadWarning]
    /// Every passage of every document, in corpus order.
    public let passages: [Passage]
    /// A hash of every file's path and bytes: equal fingerprints mean equal corpora.
    public let fingerprint: String
    /// Total bytes read.
    public let byteCount: Int
    /// The `FastHash` of each file's bytes as read, by relative path (files skipped have none):
    /// the stat manifest checks a file changed too recently to trust its stat against it.
    var contentHashes: [String: UInt64] = [:]

    /// Ordinal (in `passages`) of each document's first passage.
    private let firstPassage: [Int]
    private let documentIndex: [String: Int]

    public init(root: URL, documents: [Document], warnings: [LoadWarning] = [], fingerprint: String? = nil,
                byteCount: Int = 0) {
        self.root = root
        self.documents = documents
        self.warnings = warnings
        self.passages = documents.flatMap(\.passages)
        var first: [Int] = []
        first.reserveCapacity(documents.count)
        var di: [String: Int] = [:]
        di.reserveCapacity(documents.count)
        var n = 0
        for (i, d) in documents.enumerated() {
            di[d.id] = i
            first.append(n)
            n += d.passages.count
        }
        self.documentIndex = di
        self.firstPassage = first
        if let fingerprint {
            self.fingerprint = fingerprint
        } else {
            var h = Fingerprint()
            for d in documents {
                h.add(d.id)
                for p in d.passages { h.add(p.text) }
            }
            self.fingerprint = h.hex
        }
        self.byteCount = byteCount
    }

    /// Build a corpus from texts in memory (tests, generated corpora): `[(id, text)]`.
    public init(root: URL = URL(fileURLWithPath: "/"), texts: [(id: String, text: String)]) {
        var h = Fingerprint()
        var bytes = 0
        let docs = texts.map { item -> Document in
            h.add(item.id)
            h.add(item.text)
            bytes += item.text.utf8.count
            return DocumentParser.parse(id: item.id, lines: TextDecoding.decode(item.text).lines)
        }
        self.init(root: root, documents: docs, fingerprint: h.hex, byteCount: bytes)
    }

    public func passage(id: String) -> Passage? {
        passageOrdinal(id: id).map { passages[$0] }
    }

    /// Position of a passage in `passages`. A passage id is `DOC#N` (N from 1): the document is
    /// looked up, then its Nth passage checked (no table of every passage is kept: at 150,000
    /// passages building one cost more than the whole rest of a warm start).
    public func passageOrdinal(id: String) -> Int? {
        guard let hash = id.utf8.lastIndex(of: UInt8(ascii: "#")),
              let number = Int(Substring(id.utf8[id.utf8.index(after: hash)...])), number >= 1,
              let d = documentIndex[String(Substring(id.utf8[..<hash]))] else { return nil }
        let doc = documents[d]
        guard number <= doc.passages.count else { return nil }
        // Ids are built this way by the parser; checked all the same (a corpus made in memory
        // could number its passages otherwise).
        if doc.passages[number - 1].id == id { return firstPassage[d] + number - 1 }
        return doc.passages.firstIndex { $0.id == id }.map { firstPassage[d] + $0 }
    }

    public func document(id: String) -> Document? {
        documentIndex[id].map { documents[$0] }
    }

    public func article(of passage: Passage) -> Article? {
        document(id: passage.documentID)?.article(of: passage)
    }

    /// Largest file loaded (bigger ones are skipped with a warning).
    public static let maxFileBytes = 256 << 20

    /// Load every `.txt` file under `directory`, recursively, in byte order of their relative paths.
    /// Files that cannot be used are skipped with a one-line warning naming them; a folder with
    /// nothing usable is an error. Each file is read once: a file that changes while the corpus is
    /// loaded or indexed is used as it was when read (the fingerprint is of the bytes read).
    public static func load(directory: URL, maxFileBytes: Int = Corpus.maxFileBytes,
                            progress: ProgressHandler? = nil) throws(CorpusError) -> Corpus {
        try load(scan(directory: directory), maxFileBytes: maxFileBytes, progress: progress)
    }

    /// Walk `directory` for its `.txt` files (their stats, no byte read yet).
    public static func scan(directory: URL) throws(CorpusError) -> CorpusScan {
        let started = FileStat.nowNs()
        let root = directory.standardizedFileURL
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDir) else {
            throw .notFound(directory.path)
        }
        guard isDir.boolValue else { throw .notADirectory(directory.path) }
        var walkWarnings: [LoadWarning] = []
        let files = FileWalker.textFiles(under: root, warnings: &walkWarnings)
        return CorpusScan(root: root, files: files, walkWarnings: walkWarnings, given: directory.path,
                          startedAtNs: started)
    }

    /// Read and parse the files a scan found (see `load(directory:)`).
    public static func load(_ scan: CorpusScan, maxFileBytes: Int = Corpus.maxFileBytes,
                            progress: ProgressHandler? = nil) throws(CorpusError) -> Corpus {
        let root = scan.root
        var warnings = scan.walkWarnings
        let files = scan.files
        var documents: [Document] = []
        var ids = Set<String>()
        var h = Fingerprint()
        var hashes: [String: UInt64] = [:]
        var bytes = 0
        // Files are read and parsed in parallel, a group at a time (so memory stays bounded); the
        // results are then taken in file order, exactly as a sequential load would take them.
        let group = 32
        progress?(LoadProgress(phase: .reading, done: 0, total: files.count, bytes: 0))
        var readBytes = 0
        for groupStart in stride(from: 0, to: files.count, by: group) {
            let slice = Array(files[groupStart..<min(groupStart + group, files.count)])
            let results = LoadResults(count: slice.count)
            DispatchQueue.concurrentPerform(iterations: slice.count) { i in
                results.set(i, loadFile(slice[i], limit: maxFileBytes))
            }
            for (file, result) in zip(slice, results.values) {
                switch result {
                case .skipped(let w):
                    warnings += w
                case .loaded(let doc, let data, let w):
                    readBytes += data.count
                    guard ids.insert(file.relative).inserted else {
                        warnings.append(LoadWarning(file: file.relative,
                                                    message: "same name as another file once decoded; skipped"))
                        continue
                    }
                    warnings += w
                    h.add(file.relative)
                    h.add(data)
                    hashes[file.relative] = data.withUnsafeBytes { FastHash.hash($0) }
                    bytes += data.count
                    documents.append(doc)
                case .none:
                    break
                }
            }
            progress?(LoadProgress(phase: .reading, done: groupStart + slice.count, total: files.count, bytes: readBytes))
        }
        guard !documents.isEmpty else { throw .empty(scan.given, warnings: warnings) }
        var corpus = Corpus(root: root, documents: documents, warnings: warnings, fingerprint: h.hex, byteCount: bytes)
        corpus.contentHashes = hashes
        return corpus
    }
}

extension Corpus {
    enum FileResult: Sendable {
        case skipped([LoadWarning])
        case loaded(Document, Data, [LoadWarning])
    }

    /// One file: read, decoded, parsed; or the reason it is skipped.
    static func loadFile(_ file: FileWalker.File, limit: Int) -> FileResult {
        let data: Data
        switch FileReader.read(file.path, limit: limit) {
        case .success(let d): data = d
        case .failure(let f): return .skipped([LoadWarning(file: file.relative, message: f.message)])
        }
        if data.withUnsafeBytes({ raw in raw.baseAddress.map { memchr($0, 0, raw.count) != nil } ?? false }) {
            return .skipped([LoadWarning(file: file.relative, message: "contains NUL bytes (binary?); skipped")])
        }
        var warnings: [LoadWarning] = []
        let decoded = TextDecoding.decode(data)
        if decoded.hadInvalidUTF8 {
            warnings.append(LoadWarning(file: file.relative, message: "invalid UTF-8; bad bytes shown as \u{FFFD}"))
        }
        let doc = DocumentParser.parse(id: file.relative, lines: decoded.lines)
        if doc.passages.isEmpty {
            warnings.append(LoadWarning(file: file.relative, message: "empty; skipped"))
            return .skipped(warnings)
        }
        return .loaded(doc, data, warnings)
    }

    /// Per-file results written by parallel workers, each to its own slot.
    final class LoadResults: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [FileResult?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: FileResult) {
            lock.lock()
            values[i] = r
            lock.unlock()
        }
    }
}

/// A 128-bit FNV-1a hash (two independent 64-bit lanes): fast, stable across runs and machines.
public struct Fingerprint: Sendable {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x6c62_272e_07bb_0142
    public init() {}

    public mutating func add(_ data: Data) {
        data.withUnsafeBytes { add(bytes: $0) }
        addLength(data.count)
    }

    public mutating func add(_ string: String) {
        var s = string
        s.withUTF8 { add(bytes: UnsafeRawBufferPointer($0)) }
        addLength(s.utf8.count)
    }

    private mutating func addLength(_ n: Int) {
        withUnsafeBytes(of: UInt64(n).littleEndian) { add(bytes: $0) }
    }

    private mutating func add(bytes: UnsafeRawBufferPointer) {
        var a = self.a, b = self.b
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte ^ 0x5C)) &* 0x0000_0100_0000_01B3
        }
        self.a = a
        self.b = b
    }

    public var hex: String { String(format: "%016llx%016llx", a, b) }
}
