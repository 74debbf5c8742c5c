import Foundation

// The analysis of a corpus (events, mentions of places/formations/fronts, movements), saved after
// it was computed and read back by the next command over the same corpus: a warm `august events`,
// `places`, `units`, `fronts` or `movements` decodes it instead of dating, linking and extracting
// the whole corpus again (at 100 MB that is half a minute of work against a fraction of a second
// of reading). The fronts report is rebuilt from the movements (cheap) so it always follows the
// curated data the key names. The file is a `BlockFile` in three sections (events, mentions,
// movements): every block is checked when it is opened, the events are decoded then, the mentions
// and the movements when first asked for (`events` needs neither).
//
// Keyed like the corpus snapshot: corpus fingerprint, curated data, program. A file that fails its
// checksum or does not decode to the end is ignored and the analysis computed again.

public enum AnalysisCache {
    /// Bump when what is written below changes.
    static let formatVersion: UInt32 = 2

    public static func key(fingerprint: String, binaryVersion: String,
                    environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        "analysis|s\(SnapshotKey.schemaVersion)|\(fingerprint)|data-\(SnapshotKey.curatedDataHash(environment: environment))|\(binaryVersion)|\(SnapshotKey.executableIdentity)"
    }

    static func path(key: String, cacheDirectory: String) -> String {
        let h = Array(key.utf8).withUnsafeBytes { FastHash.hash($0) }
        return cacheDirectory + "/analysis-" + String(h, radix: 16) + ".bin"
    }

    /// The saved parts, or nil when there are none (or they fail a check): the events decoded,
    /// the mentions and the movements left in the file until asked for.
    public static func read(key: String, cacheDirectory: String) -> StoredParts? {
        guard let file = BlockFileReader(path: path(key: key, cacheDirectory: cacheDirectory), key: key,
                                         formatVersion: formatVersion) else { return nil }
        return try? StoredParts(file)
    }

    /// The parts in a body (`Parts.body`): its blocks checked now, its events decoded.
    public struct StoredParts: Sendable {
        public let events: [Event]
        let mentions: Lazy<[PassageMention]>
        let movements: Lazy<[Movement]>

        public init(_ body: CheckedBody) throws {
            if let file = body as? BlockFileReader { try file.check(0..<file.bodyLength) }
            guard body.bodyLength >= 16 else { throw SnapshotFormatError("body") }
            let (e, m) = try body.withBytes(0..<16) { buf in var r = ByteReader(buf); return (try r.u64(), try r.u64()) }
            guard 16 <= e, e <= m, m <= UInt64(body.bodyLength) else { throw SnapshotFormatError("sections") }
            let events = 16..<Int(e), mentions = Int(e)..<Int(m), movements = Int(m)..<body.bodyLength
            self.events = try body.withBytes(events) { buf in
                var r = ByteReader(buf)
                let n = try r.count(minBytes: 16)
                var out: [Event] = []
                out.reserveCapacity(n)
                for _ in 0..<n { out.append(try Parts.decodeEvent(&r)) }
                guard r.atEnd else { throw SnapshotFormatError("events section") }
                return out
            }
            self.mentions = Self.later(body, mentions, "mentions", Parts.decodeMentions)
            self.movements = Self.later(body, movements, "movements", Parts.decodeMovements)
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

        /// The three sections after their two end offsets.
        public var body: [UInt8] {
            var e = ByteWriter(capacity: events.count * 256), m = ByteWriter(capacity: mentions.count * 64)
            var v = ByteWriter(capacity: movements.count * 96)
            e.int(events.count)
            for x in events { Self.encode(x, &e) }
            encodeMentions(&m)
            encodeMovements(&v)
            var w = ByteWriter(capacity: 16 + e.bytes.count + m.bytes.count + v.bytes.count)
            w.u64(UInt64(16 + e.bytes.count))
            w.u64(UInt64(16 + e.bytes.count + m.bytes.count))
            w.raw(e.bytes); w.raw(m.bytes); w.raw(v.bytes)
            return w.bytes
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
