import AugustCore
import AugustSearch
import AugustMap
import Foundation

// The explorer's own input, saved after a full start and read back on the next one: the sorted
// timeline with its mentions, the fronts map, the source styling and the alias index — what the
// analysis of the corpus gave, in the explorer's shape. The corpus itself is the start pipeline's
// (`CorpusSession`, its snapshot); this file refers to its passages by ordinal and is keyed by the
// corpus' fingerprint, the curated data and the program (`SnapshotKey`). A warm start reads the
// two files instead of reading, parsing and analysing the corpus again.

extension ExplorerData {
    /// Bump when what is written below changes (`SnapshotKey.schemaVersion` covers the rest).
    static let snapshotFormat: UInt32 = 14

    /// The snapshot's body: everything `fromSnapshot` needs besides the corpus, in one byte array.
    public func snapshotBytes() -> [UInt8] { ExplorerSnapshot.encode(self) }

    /// The file in `cacheDirectory` for `key`.
    public static func snapshotPath(key: String, cacheDirectory: String) -> String {
        SnapshotKey.path(key: key, cacheDirectory: cacheDirectory)
    }

    /// Writes the snapshot under `key` (see `SnapshotKey`) into `cacheDirectory`, atomically; nil
    /// when written, else why not (the explorer works the same, the next start analyses again).
    public func writeSnapshotReporting(key: String, cacheDirectory: String) -> String? {
        let path = Self.snapshotPath(key: key, cacheDirectory: cacheDirectory)
        let failure = BlockFile.write(snapshotBytes(), key: key, formatVersion: Self.snapshotFormat, to: path)
        CacheFile.removeAbandonedTemporaries(in: cacheDirectory, prefix: "snapshot-")
        if failure == nil { CacheFile.prune(in: cacheDirectory, prefix: "snapshot-", suffix: ".bin", keeping: path, max: 4) }
        return failure
    }

    /// The same; false when it could not be written.
    @discardableResult
    public func writeSnapshot(key: String, cacheDirectory: String) -> Bool {
        writeSnapshotReporting(key: key, cacheDirectory: cacheDirectory) == nil
    }

    /// The explorer over `corpus` from the snapshot stored under `key` in `cacheDirectory`, its
    /// search index given by `index`; nil when there is no such snapshot or it is damaged,
    /// truncated or foreign in any way, or does not fit the corpus (the caller then analyses).
    public static func fromSnapshot(key: String, cacheDirectory: String, corpus: Corpus,
                                    index: () throws -> SearchIndex?) rethrows -> ExplorerData? {
        let path = snapshotPath(key: key, cacheDirectory: cacheDirectory)
        // The body: the length of the main part, the main part (read whole), then the items'
        // conflict notes (left in the file until asked for).
        guard let file = BlockFileReader(path: path, key: key, formatVersion: snapshotFormat),
              let parts = try? ExplorerSnapshot.decode(file, corpus: corpus) else { return nil }
        return ExplorerData(presorted: corpus, index: try index(), timeline: parts.timeline,
                            fronts: parts.fronts, styling: parts.styling,
                            campaign: parts.campaign, aliases: parts.aliases, mapScene: parts.mapScene, parallels: parts.parallels,
                            placeNames: parts.placeNames, firstEvents: parts.firstEvents)
    }
}

extension ExplorerData {
    /// The explorer's data through the start pipeline: the corpus from `session` (its snapshot when
    /// warm), then the explorer's own snapshot for that corpus when there is one (nothing analysed);
    /// else the index and the analysis, built side by side, and the explorer's snapshot written for
    /// the next start (a failure to write it is reported through the session).
    public static func load(from session: CorpusSession, binaryVersion: String) throws -> ExplorerData {
        let corpus = try session.corpus()
        let key = SnapshotKey.make(fingerprint: corpus.fingerprint, binaryVersion: binaryVersion)
        if let data = try fromSnapshot(key: key, cacheDirectory: session.cacheDirectory, corpus: corpus,
                                       index: { try session.index() }) {
            return data
        }
        let (index, analysis) = try session.indexAndAnalysis()
        memTrace("index and analysis")
        let data = ExplorerData(analysis: analysis, index: index)
        memTrace("explorer data")
        defer { memTrace("snapshot written") }
        if let problem = data.writeSnapshotReporting(key: key, cacheDirectory: session.cacheDirectory) {
            session.report(problem)
        }
        return data
    }
}

/// The snapshot's codec: the explorer's data as bytes, and back (checked: a damaged, truncated or
/// foreign body throws, never traps).
enum ExplorerSnapshot {
    /// The snapshot's body: everything `init(snapshot:)` needs besides the corpus, in one byte array.
    static func encode(_ d: ExplorerData) -> [UInt8] {
        var w = ByteWriter(capacity: d.corpus.passages.count * 8 + d.timeline.count * 96)
        var notes = ByteWriter(capacity: 1024)
        w.bool(d.aliases != nil)
        d.aliases?.encode(&w)
        w.date(DateValue(from: d.campaign.start, to: d.campaign.end))
        // Timeline, already sorted; mentions as passage ordinals (their ids come from the corpus).
        // In chunks of `timelineChunk` items, each chunk's length first: a warm start decodes
        // them on every core at once.
        w.int(d.timeline.count)
        var chunk = ByteWriter(capacity: Self.timelineChunk * 96)
        for (i, item) in d.timeline.enumerated() {
            chunk.string(item.id)
            chunk.u8(Self.kindCode(item.kind))
            chunk.date(item.date)
            chunk.string(item.dateLabel)
            chunk.string(item.sortKey)
            chunk.optionalString(item.frontID)
            chunk.string(item.title)
            chunk.strings(item.placeIDs)
            // Where its notes stand in the notes section, and their length (0: none).
            let at = notes.bytes.count
            if item.hasConflicts { item.writeConflicts(&notes) }
            chunk.u64(UInt64(at))
            chunk.u64(UInt64(notes.bytes.count - at))
            let ordinals = d.mentionOrdinals[i]
            chunk.int(item.mentions.count)
            for (j, m) in item.mentions.enumerated() {
                let o = ordinals[j]
                chunk.bool(o >= 0)
                if o >= 0 { chunk.int(o) }
                chunk.int(m.start)
                chunk.int(m.end)
            }
            if (i + 1) % Self.timelineChunk == 0 || i == d.timeline.count - 1 {
                w.u64(UInt64(chunk.bytes.count))
                w.raw(chunk.bytes)
                chunk = ByteWriter(capacity: Self.timelineChunk * 96)
            }
        }
        w.int(d.fronts.fronts.count)
        for f in d.fronts.fronts {
            w.string(f.id); w.string(f.name); w.string(f.tag); w.string(f.position.rawValue)
            w.int(f.axes.count)
            for a in f.axes {
                w.string(a.name)
                w.int(a.objectives.count)
                for o in a.objectives { w.string(o.placeID); w.string(o.name); w.optionalString(o.dateLabel) }
            }
        }
        w.optionalString(d.fronts.note)
        // The map's scene: places with their coordinates and counts, axes as dated legs.
        func point(_ p: GeoPoint) { w.u64(p.lat.bitPattern); w.u64(p.lon.bitPattern) }
        w.int(d.mapScene.places.count)
        for p in d.mapScene.places { w.string(p.id); w.string(p.name); point(p.point); w.int(p.mentions) }
        w.int(d.mapScene.axes.count)
        for a in d.mapScene.axes {
            w.string(a.frontID); w.string(a.frontTag); w.string(a.name)
            w.int(a.legs.count)
            for l in a.legs { point(l.from); point(l.to); w.string(l.toPlaceID); w.optionalString(l.day) }
        }
        // Parallel passages: ordinal pairs, the score in thousandths.
        w.int(d.parallels.pairs.count)
        for p in d.parallels.pairs { w.int(p.a); w.int(p.b); w.int(Int((p.score * 1000).rounded())) }
        // The places' names, by id (sorted: the same analysis writes the same bytes).
        let names = d.placeNames.sorted { $0.key < $1.key }
        w.int(names.count)
        for (id, name) in names { w.string(id); w.string(name) }
        // The first event at each objective's place (the fronts pane's preview), sorted by id.
        let first = d.firstEvents.value(d).sorted { $0.key < $1.key }
        w.int(first.count)
        for (id, item) in first { w.string(id); w.int(item) }
        // The styling section: where each passage's spans start (only the corpus' passages: no
        // other is shown), then the spans, passage after passage.
        let passages = d.corpus.passages.count
        var table = ByteWriter(capacity: 4 * (passages + 1)), spans = ByteWriter(capacity: passages * 16)
        let all = d.styling.spans
        for o in 0..<passages {
            table.int(spans.bytes.count)
            for x in all[o] ?? [] { spans.int(x.start); spans.int(x.end); spans.u8(Self.spanCode(x.kind)) }
        }
        table.int(spans.bytes.count)
        var body = ByteWriter(capacity: 16 + w.bytes.count + notes.bytes.count + table.bytes.count + spans.bytes.count)
        body.u64(UInt64(w.bytes.count))
        body.u64(UInt64(notes.bytes.count))
        body.raw(w.bytes)
        body.raw(notes.bytes)
        body.raw(table.bytes)
        body.raw(spans.bytes)
        return body.bytes
    }

    struct SnapshotParts {
        var aliases: AliasIndex?
        var campaign: CampaignWindow
        var timeline: [TimelineItem]
        var fronts: FrontsMap
        var styling: SourceStyling
        var mapScene: MapScene
        var parallels: ParallelIndex
        var placeNames: [String: String]
        var firstEvents: [String: Int]
    }

    /// Where the notes section starts in the snapshot file's body.
    struct NoteSection {
        let file: CheckedBody
        let start: Int
        let end: Int
    }

    /// The parts from a whole body: the length of the main part, the main part (read whole), then
    /// the items' conflict notes (left in `body` until asked for).
    static func decode(_ body: CheckedBody, corpus: Corpus) throws -> SnapshotParts {
        guard body.bodyLength >= 16 else { throw SnapshotFormatError("body") }
        let (main, notesLength) = try body.withBytes(0..<16) { buf in var r = ByteReader(buf); return (try r.u64(), try r.u64()) }
        guard main <= UInt64(body.bodyLength - 16), notesLength <= UInt64(body.bodyLength - 16) - main else {
            throw SnapshotFormatError("main part")
        }
        let notesStart = 16 + Int(main), stylingStart = notesStart + Int(notesLength)
        // The notes section ends where the styling's begins (a note range is checked against it).
        let notes = NoteSection(file: body, start: notesStart, end: stylingStart)
        var parts = try body.withBytes(16..<notesStart) { buf in
            var r = ByteReader(buf)
            return try decode(&r, corpus: corpus, notes: notes)
        }
        parts.styling = try styling(body, at: stylingStart, passages: corpus.passages.count)
        return parts
    }

    /// The styling section's table, read now (its spans when a passage is shown).
    static func styling(_ body: CheckedBody, at start: Int, passages: Int) throws -> SourceStyling {
        let tableBytes = 4 * (passages + 1)
        guard body.bodyLength - start >= tableBytes else { throw SnapshotFormatError("styling table") }
        let dataLength = body.bodyLength - start - tableBytes
        let starts = try body.withBytes(start..<start + tableBytes) { buf -> [UInt32] in
            var out = [UInt32](repeating: 0, count: passages + 1)
            out.withUnsafeMutableBytes { $0.copyMemory(from: buf) }
            return out.map { UInt32(littleEndian: $0) }
        }
        var previous: UInt32 = 0
        for x in starts {
            guard x >= previous, (x - previous) % UInt32(StoredStyling.spanBytes) == 0 else { throw SnapshotFormatError("styling table") }
            previous = x
        }
        guard starts.first == 0, Int(previous) == dataLength else { throw SnapshotFormatError("styling table") }
        return SourceStyling(stored: StoredStyling(file: body, start: start + tableBytes, starts: starts))
    }

    static func decode(_ r: inout ByteReader, corpus: Corpus, notes: NoteSection) throws(SnapshotFormatError) -> SnapshotParts {
        let passages = corpus.passages
        let aliases = try r.bool() ? try AliasIndex.decode(&r) : nil
        let window = try r.date()
        let campaign = CampaignWindow(start: window.first, end: window.last)
        let itemCount = try r.count(minBytes: 30)
        // The chunks: found one after the other (each length first), decoded on the cores.
        var chunks: [UnsafeRawBufferPointer] = []
        var counted = 0
        while counted < itemCount {
            let length = try r.u64()
            guard length <= UInt64(r.remaining) else { throw SnapshotFormatError("timeline chunk") }
            chunks.append(try r.bytes(Int(length)))
            counted += timelineChunk
        }
        let timeline = try decodeChunks(chunks, count: itemCount, passages: passages.count, notes: notes)
        // The order the explorer relies on (binary search by date, day headers), across chunks too.
        for k in timeline.indices.dropFirst() where timeline[k].sortKey < timeline[k - 1].sortKey {
            throw SnapshotFormatError("timeline out of order")
        }
        var boxes: [FrontsMap.FrontBox] = []
        for _ in 0..<(try r.count(minBytes: 20)) {
            let id = try r.string(), name = try r.string(), tag = try r.string()
            guard let position = FrontsMap.Position(rawValue: try r.string()) else { throw SnapshotFormatError("position") }
            var axes: [FrontsMap.Axis] = []
            for _ in 0..<(try r.count(minBytes: 8)) {
                let axisName = try r.string()
                var objectives: [FrontsMap.Objective] = []
                for _ in 0..<(try r.count(minBytes: 9)) {
                    objectives.append(.init(placeID: try r.string(), name: try r.string(), dateLabel: try r.optionalString()))
                }
                axes.append(.init(name: axisName, objectives: objectives))
            }
            boxes.append(.init(id: id, name: name, tag: tag, position: position, axes: axes))
        }
        let note = try r.optionalString()
        func point(_ r: inout ByteReader) throws(SnapshotFormatError) -> GeoPoint {
            let lat = Double(bitPattern: try r.u64()), lon = Double(bitPattern: try r.u64())
            guard lat.isFinite, lon.isFinite, abs(lat) <= 90, abs(lon) <= 360 else { throw SnapshotFormatError("map point") }
            return GeoPoint(lat: lat, lon: lon)
        }
        var places: [MapScene.Place] = []
        for _ in 0..<(try r.count(minBytes: 28)) {
            let id = try r.string(), name = try r.string()
            places.append(MapScene.Place(id: id, name: name, point: try point(&r), mentions: try r.int()))
        }
        var mapAxes: [MapScene.Axis] = []
        for _ in 0..<(try r.count(minBytes: 16)) {
            let frontID = try r.string(), tag = try r.string(), name = try r.string()
            var legs: [MapScene.Leg] = []
            for _ in 0..<(try r.count(minBytes: 37)) {
                let from = try point(&r), to = try point(&r)
                legs.append(MapScene.Leg(from: from, to: to, toPlaceID: try r.string(), day: try r.optionalString()))
            }
            mapAxes.append(MapScene.Axis(frontID: frontID, frontTag: tag, name: name, legs: legs))
        }
        var pairs: [ParallelIndex.Pair] = []
        for _ in 0..<(try r.count(minBytes: 12)) {
            let a = try r.int(), b = try r.int(), milli = try r.int()
            guard a < passages.count, b < passages.count, a != b, (0...1000).contains(milli) else {
                throw SnapshotFormatError("parallel passage out of range")
            }
            pairs.append(.init(a: a, b: b, score: Double(milli) / 1000))
        }
        var placeNames: [String: String] = [:]
        for _ in 0..<(try r.count(minBytes: 8)) { placeNames[try r.string()] = try r.string() }
        var firstEvents: [String: Int] = [:]
        for _ in 0..<(try r.count(minBytes: 8)) {
            let id = try r.string(), item = try r.int()
            guard item < timeline.count else { throw SnapshotFormatError("first event out of range") }
            firstEvents[id] = item
        }
        guard r.atEnd else { throw SnapshotFormatError("trailing bytes") }
        return SnapshotParts(aliases: aliases, campaign: campaign, timeline: timeline,
                             fronts: FrontsMap(fronts: boxes, note: note), styling: .empty,
                             mapScene: MapScene(places: places, axes: mapAxes),
                             parallels: ParallelIndex(pairs: pairs), placeNames: placeNames, firstEvents: firstEvents)
    }

    /// Items per chunk of the snapshot's timeline.
    static let timelineChunk = 8192

    /// The items of the timeline's chunks, each chunk decoded on a core straight into its place in
    /// the one array (no copy of 100 000 items after). A chunk that does not decode: the items
    /// already made are released and its error thrown.
    static func decodeChunks(_ chunks: [UnsafeRawBufferPointer], count: Int, passages: Int,
                             notes: NoteSection) throws(SnapshotFormatError) -> [TimelineItem] {
        guard count > 0, !chunks.isEmpty else { return [] }
        let failed = SlotBox<SnapshotFormatError>(count: chunks.count)
        let made = SlotBox<Int>(count: chunks.count)  // items initialised by each chunk
        nonisolated(unsafe) let parts = chunks
        let items = [TimelineItem](unsafeUninitializedCapacity: count) { buffer, initialised in
            guard let start = buffer.baseAddress else { initialised = 0; return }
            nonisolated(unsafe) let base = start
            DispatchQueue.concurrentPerform(iterations: parts.count) { k in
                let first = k * timelineChunk, n = min(timelineChunk, count - first)
                var r = ByteReader(parts[k])
                var done = 0
                do {
                    for _ in 0..<n {
                        (base + first + done).initialize(to: try timelineItem(&r, passages: passages, notes: notes))
                        done += 1
                    }
                    guard r.atEnd else { throw SnapshotFormatError("timeline chunk") }
                } catch {
                    failed.set(k, [error as? SnapshotFormatError ?? SnapshotFormatError("timeline")])
                }
                made.set(k, [done])
            }
            if failed.values.allSatisfy(\.isEmpty) {
                initialised = count
            } else {
                for (k, d) in made.values.enumerated() { (base + k * timelineChunk).deinitialize(count: d.first ?? 0) }
                initialised = 0
            }
        }
        if let error = failed.values.lazy.flatMap({ $0 }).first { throw error }
        return items
    }

    /// One timeline item from `r`.
    static func timelineItem(_ r: inout ByteReader, passages: Int, notes: NoteSection) throws(SnapshotFormatError) -> TimelineItem {
        let id = try r.string()
        let kind = try kind(r.u8())
        let date = try r.date()
        let label = try r.string(), sortKey = try r.string()
        let front = try r.optionalString()
        let title = try r.string()
        let places = try r.strings()
        let noteAt = try r.u64(), noteLength = try r.u64()
        guard noteAt <= UInt64(notes.end - notes.start),
              noteLength <= UInt64(notes.end - notes.start) - noteAt else {
            throw SnapshotFormatError("conflict notes out of range")
        }
        let conflicts = noteLength == 0 ? ConflictNotes([]) : ConflictNotes(stored: StoredNotes(
            file: notes.file, range: notes.start + Int(noteAt)..<notes.start + Int(noteAt + noteLength),
            passages: passages))
        let n = try r.count(minBytes: 9)
        var mentions: [TimelineItem.Mention] = []
        mentions.reserveCapacity(n)
        for _ in 0..<n {
            var passage = -1
            if try r.bool() {
                passage = try r.int()
                guard passage < passages else { throw SnapshotFormatError("mention out of range") }
            }
            mentions.append(.init(passage: passage, start: try r.int(), end: try r.int()))
        }
        var item = TimelineItem(id: id, kind: kind, date: date, dateLabel: label, sortKey: sortKey,
                                frontID: front, title: title, mentions: mentions, placeIDs: places)
        item.conflictNotes = conflicts
        return item
    }

    static func kindCode(_ k: TimelineItem.Kind) -> UInt8 {
        switch k { case .event: 0; case .publication: 1; case .other: 2 }
    }
    static func kind(_ c: UInt8) throws(SnapshotFormatError) -> TimelineItem.Kind {
        switch c {
        case 0: return .event
        case 1: return .publication
        case 2: return .other
        default: throw SnapshotFormatError("item kind")
        }
    }
    static func spanCode(_ k: SourceStyling.Kind) -> UInt8 {
        switch k { case .date: 0; case .place: 1; case .unit: 2 }
    }
    static func spanKind(_ c: UInt8) throws(SnapshotFormatError) -> SourceStyling.Kind {
        switch c {
        case 0: return .date
        case 1: return .place
        case 2: return .unit
        default: throw SnapshotFormatError("span kind")
        }
    }
}
