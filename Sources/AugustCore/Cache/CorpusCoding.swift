import Foundation

// The alias index in the snapshot's binary format (the corpus: `CorpusSnapshot`), and the keys of
// the explorer's snapshot.

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
    public static let schemaVersion = 5

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

    public static let executableIdentity: String = {
        guard let st = FileStat.of("/proc/self/exe", followLinks: true) else { return "exe-unknown" }
        return "exe-\(st.size)-\(st.mtimeNs)"
    }()

    /// A hash of the data files the default loader would read ("none" when there are none).
    public static func curatedDataHash(environment: [String: String]) -> String {
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
