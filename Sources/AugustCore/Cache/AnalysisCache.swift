import Foundation

// The analysis of a corpus (events, mentions of places/formations/fronts, movements), saved after
// it was computed and read back by the next command over the same corpus: a warm `august events`,
// `places`, `units`, `fronts` or `movements` decodes it instead of dating, linking and extracting
// the whole corpus again (at 100 MB that is half a minute of work against a fraction of a second
// of reading). The fronts report is rebuilt from the movements and the passages naming each place
// (cheap) so it always follows the curated data the key names. The file is a `BlockFile` in four
// sections (events, mentions, movements, the passages of each place): every block is checked when
// it is opened, each section decoded when first asked for (`events` needs none of the others,
// `fronts` neither events nor mentions).
//
// Keyed like the corpus snapshot: corpus fingerprint, curated data, program. A file that fails its
// checksum or does not decode to the end is ignored and the analysis computed again.

public enum AnalysisCache {
    /// Bump when what is written below changes.
    static let formatVersion: UInt32 = 3

    public static func key(fingerprint: String, binaryVersion: String,
                    environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        "analysis|s\(SnapshotKey.schemaVersion)|\(fingerprint)|data-\(SnapshotKey.curatedDataHash(environment: environment))|\(binaryVersion)|\(SnapshotKey.executableIdentity)"
    }

    static func path(key: String, cacheDirectory: String) -> String {
        let h = Array(key.utf8).withUnsafeBytes { FastHash.hash($0) }
        return cacheDirectory + "/analysis-" + String(h, radix: 16) + ".bin"
    }

    /// The saved parts, or nil when there are none (or they fail a check): every section left in
    /// the file until asked for.
    public static func read(key: String, cacheDirectory: String) -> StoredParts? {
        guard let file = BlockFileReader(path: path(key: key, cacheDirectory: cacheDirectory), key: key,
                                         formatVersion: formatVersion) else { return nil }
        return try? StoredParts(file)
    }

    /// The parts in a body (`Parts.body`): its blocks checked now, its sections decoded when asked for.
    public struct StoredParts: Sendable {
        /// The events, decoded when first asked for (`fronts`, `places`, `units` never ask).
        public var events: [Event] { eventsBox.value }
        let eventsBox: Lazy<[Event]>
        let mentions: Lazy<[PassageMention]>
        let movements: Lazy<[Movement]>
        let placePassages: Lazy<PlacePassages>

        public init(_ body: CheckedBody) throws {
            if let file = body as? BlockFileReader { try file.check(0..<file.bodyLength) }
            let header = 8 * (Parts.sections - 1)
            guard body.bodyLength >= header else { throw SnapshotFormatError("body") }
            // The sections' ends (the last one ends with the body).
            var ends = try body.withBytes(0..<header) { buf in
                var r = ByteReader(buf)
                return try (1..<Parts.sections).map { _ throws(SnapshotFormatError) in Int(clamping: try r.u64()) }
            }
            ends.append(body.bodyLength)
            var starts = [header]
            for (i, end) in ends.enumerated() {
                guard starts[i] <= end, end <= body.bodyLength else { throw SnapshotFormatError("sections") }
                starts.append(end)
            }
            let range = { (i: Int) in starts[i]..<ends[i] }
            self.eventsBox = Self.later(body, range(0), "events") { (r: inout ByteReader) throws(SnapshotFormatError) in
                let n = try r.count(minBytes: 16)
                var out: [Event] = []
                out.reserveCapacity(n)
                for _ in 0..<n { out.append(try Parts.decodeEvent(&r)) }
                return out
            }
            self.mentions = Self.later(body, range(1), "mentions", Parts.decodeMentions)
            self.movements = Self.later(body, range(2), "movements", Parts.decodeMovements)
            let places = Self.later(body, range(3), "place passages", Parts.decodePlacePassages)
            self.placePassages = Lazy { PlacePassages(byPlace: Dictionary(places.value, uniquingKeysWith: { a, _ in a })) }
        }

        /// A section decoded when first asked for. Its blocks were checked when the file was
        /// opened: a section that no longer decodes was cut under the running reader (our writers
        /// never do that), and gives none.
        static func later<T: Sendable>(_ body: CheckedBody, _ range: Range<Int>, _ name: String,
                                       _ decode: @escaping @Sendable (inout ByteReader) throws(SnapshotFormatError) -> [T]) -> Lazy<[T]> {
            Lazy {
                (try? body.withBytes(range) { buf -> [T] in
                    var r = ByteReader(buf)
                    let list = try decode(&r)
                    guard r.atEnd else { throw SnapshotFormatError("\(name) section") }
                    return list
                }) ?? []
            }
        }
    }

    /// Writes the parts atomically; nil when written, else why not.
    public static func write(_ parts: Parts, key: String, cacheDirectory: String) -> String? {
        let p = path(key: key, cacheDirectory: cacheDirectory)
        CacheFile.removeAbandonedTemporaries(in: cacheDirectory, prefix: "analysis-")
        if let problem = BlockFile.write(parts.body, key: key, formatVersion: formatVersion, to: p) { return problem }
        CacheFile.prune(in: cacheDirectory, prefix: "analysis-", suffix: ".bin", keeping: p, max: 4)
        return nil
    }

    /// What is saved: everything the analysis computes from the texts but the fronts report.
    public struct Parts: Sendable {
        var events: [Event]
        var mentions: [PassageMention]
        var movements: [Movement]
        var placePassages: PlacePassages

        /// How many sections the body has.
        static let sections = 4

        /// The four sections after the ends of the first three.
        public var body: [UInt8] {
            var e = ByteWriter(capacity: events.count * 256), m = ByteWriter(capacity: mentions.count * 64)
            var v = ByteWriter(capacity: movements.count * 96), p = ByteWriter(capacity: mentions.count * 4)
            e.int(events.count)
            for x in events { Self.encode(x, &e) }
            encodeMentions(&m)
            encodeMovements(&v)
            encodePlacePassages(&p)
            let parts = [e.bytes, m.bytes, v.bytes, p.bytes]
            let header = 8 * (Self.sections - 1)
            var w = ByteWriter(capacity: header + parts.reduce(0) { $0 + $1.count })
            var end = header
            for part in parts.dropLast() { end += part.count; w.u64(UInt64(end)) }
            for part in parts { w.raw(part) }
            return w.bytes
        }

        /// Sorted by place id: the same analysis writes the same bytes.
        func encodePlacePassages(_ w: inout ByteWriter) {
            let places = placePassages.byPlace.sorted { $0.key < $1.key }
            w.int(places.count)
            for (id, ordinals) in places {
                w.string(id)
                w.int(ordinals.count)
                for o in ordinals { w.int(Int(o)) }
            }
        }

        static func decodePlacePassages(_ r: inout ByteReader) throws(SnapshotFormatError) -> [(String, [Int32])] {
            let n = try r.count(minBytes: 8)
            var out: [(String, [Int32])] = []
            out.reserveCapacity(n)
            var previous: Int32 = -1
            for _ in 0..<n {
                let id = try r.string()
                let k = try r.count(minBytes: 4)
                var ordinals: [Int32] = []
                ordinals.reserveCapacity(k)
                previous = -1
                for _ in 0..<k {
                    let o = try r.int()
                    guard o > Int(previous), o <= Int(Int32.max) else { throw SnapshotFormatError("place passages out of order") }
                    ordinals.append(Int32(o))
                    previous = Int32(o)
                }
                out.append((id, ordinals))
            }
            return out
        }

        func encodeMentions(_ w: inout ByteWriter) {
            w.int(mentions.count)
            for m in mentions {
                w.string(m.passageID); w.string(m.documentID); w.int(m.line)
                let e = m.mention
                w.u8(Self.code(e.kind)); w.string(e.id); w.string(e.surface); w.int(e.start); w.int(e.end)
                w.bool(e.confidence == .high)
            }
        }

        func encodeMovements(_ w: inout ByteWriter) {
            w.int(movements.count)
            for m in movements {
                w.string(m.action.rawValue); w.optionalString(m.actorID); w.optionalString(m.side)
                w.string(m.placeID); w.string(m.placeText); w.string(m.passageID); w.string(m.documentID)
                w.int(m.line)
                for v in [m.statementStart, m.statementEnd, m.verbStart, m.verbEnd, m.placeStart, m.placeEnd] { w.int(v) }
                w.optionalString(m.dateStart); w.optionalString(m.dateEnd); w.bool(m.dateInferred)
            }
        }

        static func decodeMentions(_ r: inout ByteReader) throws(SnapshotFormatError) -> [PassageMention] {
            let m = try r.count(minBytes: 16)
            var mentions: [PassageMention] = []
            mentions.reserveCapacity(m)
            for _ in 0..<m {
                let passage = try r.string(), document = try r.string(), line = try r.int()
                let kind = try kind(r.u8())
                let id = try r.string(), surface = try r.string(), start = try r.int(), end = try r.int()
                let high = try r.bool()
                mentions.append(PassageMention(passageID: passage, documentID: document, line: line,
                                               mention: EntityMention(kind: kind, id: id, surface: surface, start: start, end: end,
                                                                      confidence: high ? .high : .low)))
            }
            return mentions
        }

        static func decodeMovements(_ r: inout ByteReader) throws(SnapshotFormatError) -> [Movement] {
            let k = try r.count(minBytes: 16)
            var movements: [Movement] = []
            movements.reserveCapacity(k)
            for _ in 0..<k {
                guard let action = Movement.Action(rawValue: try r.string()) else { throw SnapshotFormatError("unknown movement action") }
                let actor = try r.optionalString(), side = try r.optionalString()
                let place = try r.string(), placeText = try r.string(), passage = try r.string(), document = try r.string()
                let line = try r.int()
                var v: [Int] = []
                for _ in 0..<6 { v.append(try r.int()) }
                let ds = try r.optionalString(), de = try r.optionalString(), inferred = try r.bool()
                movements.append(Movement(action: action, actorID: actor, side: side, placeID: place, placeText: placeText,
                                          passageID: passage, documentID: document, line: line,
                                          statementStart: v[0], statementEnd: v[1], verbStart: v[2], verbEnd: v[3],
                                          placeStart: v[4], placeEnd: v[5], dateStart: ds, dateEnd: de, dateInferred: inferred))
            }
            return movements
        }

        // MARK: parts of parts

        static func encode(_ e: Event, _ w: inout ByteWriter) {
            w.string(e.id)
            w.u8(code(e.kind))
            encode(e.date.first, &w)
            encode(e.date.last, &w)
            w.string(e.title)
            w.string(e.sentence)
            w.int(e.mentions.count)
            for m in e.mentions {
                w.string(m.passageID); w.string(m.documentID); w.int(m.line)
                w.string(m.dateText); w.string(m.value)
                w.int(m.start); w.int(m.end); w.int(m.statementStart); w.int(m.statementEnd)
                w.optionalString(m.yearFrom)
            }
            w.strings(e.places); w.strings(e.placeIDs); w.strings(e.units); w.strings(e.fronts)
            w.strings(e.unitIDs); w.strings(e.frontIDs)
        }

        static func decodeEvent(_ r: inout ByteReader) throws(SnapshotFormatError) -> Event {
            let id = try r.string()
            let kind = try dateKind(r.u8())
            let first = try decodePoint(&r), last = try decodePoint(&r)
            let title = try r.string(), sentence = try r.string()
            let n = try r.count(minBytes: 30)
            var mentions: [EventMention] = []
            mentions.reserveCapacity(n)
            for _ in 0..<n {
                let passage = try r.string(), document = try r.string(), line = try r.int()
                let text = try r.string(), value = try r.string()
                let start = try r.int(), end = try r.int(), ss = try r.int(), se = try r.int()
                let yearFrom = try r.optionalString()
                mentions.append(EventMention(passageID: passage, documentID: document, line: line, dateText: text, value: value,
                                             start: start, end: end, statementStart: ss, statementEnd: se, yearFrom: yearFrom))
            }
            let places = try r.strings(), placeIDs = try r.strings(), units = try r.strings(), fronts = try r.strings()
            let unitIDs = try r.strings(), frontIDs = try r.strings()
            return Event(id: id, kind: kind, date: first == last ? DateValue(first) : DateValue(from: first, to: last),
                         title: title, sentence: sentence, mentions: mentions, places: places, placeIDs: placeIDs,
                         units: units, unitIDs: unitIDs, fronts: fronts, frontIDs: frontIDs)
        }

        /// A point as a presence mask and its fields (i64: a year may be negative).
        static func encode(_ p: DatePoint, _ w: inout ByteWriter) {
            let fields = [p.year, p.month, p.day, p.hour, p.minute]
            var mask: UInt8 = 0
            for (i, f) in fields.enumerated() where f != nil { mask |= 1 << UInt8(i) }
            w.u8(mask)
            for f in fields { if let f { w.i64(Int64(f)) } }
            w.u8(p.season.map { UInt8(Season.allCases.firstIndex(of: $0)! + 1) } ?? 0)
        }

        static func decodePoint(_ r: inout ByteReader) throws(SnapshotFormatError) -> DatePoint {
            let mask = try r.u8()
            guard mask < 32 else { throw SnapshotFormatError("bad date fields") }
            var f: [Int?] = []
            for i in 0..<5 { f.append(mask & (1 << UInt8(i)) != 0 ? Int(clamping: try r.i64()) : nil) }
            let s = Int(try r.u8())
            guard s <= Season.allCases.count else { throw SnapshotFormatError("bad season") }
            return DatePoint(year: f[0], season: s == 0 ? nil : Season.allCases[s - 1], month: f[1], day: f[2], hour: f[3], minute: f[4])
        }

        static func code(_ k: DateKind) -> UInt8 { UInt8(DateKind.allCases.firstIndex(of: k)!) }
        static func dateKind(_ c: UInt8) throws(SnapshotFormatError) -> DateKind {
            guard Int(c) < DateKind.allCases.count else { throw SnapshotFormatError("bad date kind") }
            return DateKind.allCases[Int(c)]
        }
        static func code(_ k: EntityMention.Kind) -> UInt8 {
            switch k { case .place: 0; case .unit: 1; case .front: 2 }
        }
        static func kind(_ c: UInt8) throws(SnapshotFormatError) -> EntityMention.Kind {
            switch c {
            case 0: return .place
            case 1: return .unit
            case 2: return .front
            default: throw SnapshotFormatError("bad mention kind")
            }
        }
    }
}
