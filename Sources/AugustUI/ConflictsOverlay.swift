import AugustCore

// Where sources disagree, as the explorer shows it: a `≠` in the timeline row of an event whose
// tellings disagree, and `C`, a list of the versions with their sources (Enter opens one). The
// conflicts are found by the model (`ConflictFinder`) and carried here as plain values.

/// One disagreement about an event, as the explorer shows it.
public struct ConflictNote: Sendable, Hashable {
    /// `date`, `place` or `number`.
    public var aspect: String
    /// What differs (`date`, `place`, or the noun counted).
    public var subject: String
    public var variants: [Variant]

    /// One document's version: its value, where it stands, and the statement (`start..<end` of the
    /// passage, quoted from it when the list is shown).
    public struct Variant: Sendable, Hashable {
        public var value: String
        public var file: String
        public var line: Int
        /// Its passage's ordinal in the corpus (-1: not in it).
        public var passage: Int
        public var start: Int
        public var end: Int
        public init(value: String, file: String, line: Int, passage: Int, start: Int, end: Int) {
            self.value = value; self.file = file; self.line = line; self.passage = passage
            self.start = start; self.end = end
        }
    }

    public init(aspect: String, subject: String, variants: [Variant]) {
        self.aspect = aspect; self.subject = subject; self.variants = variants
    }

    init(_ c: Conflict, corpus: Corpus) {
        self.init(aspect: c.aspect.rawValue, subject: c.subject, variants: c.variants.map {
            Variant(value: $0.value, file: $0.documentID, line: $0.line, passage: corpus.passageOrdinal(id: $0.passageID) ?? -1,
                    start: $0.statementStart, end: $0.statementEnd)
        })
    }

    /// The model's conflicts by the id of each event they involve (each passage found in the corpus once, here).
    static func byEvent(_ conflicts: [Conflict], corpus: Corpus) -> [String: [ConflictNote]] {
        var out: [String: [ConflictNote]] = [:]
        for c in conflicts {
            let note = ConflictNote(c, corpus: corpus)
            for id in c.eventIDs { out[id, default: []].append(note) }
        }
        return out
    }
}

extension TimelineItem {
    /// The item's conflicts in the explorer's snapshot.
    func writeConflicts(_ w: inout ByteWriter) {
        w.int(conflicts.count)
        for c in conflicts {
            w.string(c.aspect)
            w.string(c.subject)
            w.int(c.variants.count)
            for v in c.variants {
                w.string(v.value); w.string(v.file); w.int(v.line)
                w.bool(v.passage >= 0)
                if v.passage >= 0 { w.int(v.passage) }
                w.int(v.start); w.int(v.end)
            }
        }
    }

    static func readConflicts(_ r: inout ByteReader, passages: Int) throws(SnapshotFormatError) -> [ConflictNote] {
        var out: [ConflictNote] = []
        for _ in 0..<(try r.count(minBytes: 12)) {
            let aspect = try r.string(), subject = try r.string()
            var variants: [ConflictNote.Variant] = []
            for _ in 0..<(try r.count(minBytes: 21)) {
                let value = try r.string(), file = try r.string(), line = try r.int()
                let passage = try r.bool() ? try r.int() : -1
                guard passage < passages else { throw SnapshotFormatError("conflict passage out of range") }
                variants.append(.init(value: value, file: file, line: line, passage: passage,
                                      start: try r.int(), end: try r.int()))
            }
            out.append(ConflictNote(aspect: aspect, subject: subject, variants: variants))
        }
        return out
    }
}

/// Where the sources disagree on the selected event (`C`), and its dossier (`w`).
struct ConflictsPanel {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }

    /// `C` on the timeline: the selected event's disagreements, one row per version (what it says,
    /// `file:line`, and its statement); Enter opens the passage with the statement marked.
    func openConflicts(_ s: inout AppState) {
        guard let item = app.timeline.selectedEvent(&s) else { return }
        guard item.hasConflicts else {
            s.message = "the sources agree on this event (no ≠)"
            return
        }
        guard !item.conflicts.isEmpty else {
            s.message = "the disagreements could not be read back from the cache (it changed since the start): restart august"
            return
        }
        var rows: [ListOverlay.Row] = []
        for c in item.conflicts {
            let what = c.aspect == "number" ? "number of \(c.subject)" : c.aspect
            for v in c.variants {
                let ordinal = corpus.passages.indices.contains(v.passage) ? v.passage : nil
                let quotation = ConflictVariant.quotation(ordinal.map { corpus.passages[$0].text } ?? "", v.start, v.end)
                rows.append(ListOverlay.Row(title: "\(what): \(v.value) — \(v.file):\(v.line)", context: quotation,
                                            highlights: [], passage: ordinal, item: nil,
                                            match: ordinal == nil ? nil : v.start..<max(v.start, v.end)))
            }
        }
        let n = item.conflicts.count
        s.overlay = .list(ListOverlay(purpose: .conflicts,
                                      title: "Where the sources disagree: \(n) \(n == 1 ? "point" : "points") — \(item.dateLabel) \(item.title)",
                                      rows: rows))
    }
}

/// `w` on the timeline: the selected event's dossier.
struct DossierWriter {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }

    /// `w` on the timeline: the selected event's dossier (Markdown: title, date, front, places, every
    /// telling quoted and cited FILE:LINE, where the sources disagree), written by the runner to
    /// `dossier-ID.md` in the current folder; the status line says where (or why not).
    func writeDossier(_ s: inout AppState) {
        guard let item = app.timeline.selectedEvent(&s) else { return }
        let path = "dossier-\(Exporter.slug(item.id)).md"
        s.effects.append(.write(path: path, contents: Exporter.markdown(dossier(item))))
        s.message = "writing \(path)…"
    }

    /// What the timeline row knows of its event, as a dossier (its places named from the
    /// gazetteer's names the explorer keeps, else the fronts' objectives).
    func dossier(_ item: TimelineItem) -> Dossier {
        var names: [String: String] = [:]
        for f in data.fronts.fronts { for a in f.axes { for o in a.objectives { names[o.placeID] = o.name } } }
        var tellings: [Exporter.Telling] = []
        for m in item.mentions {
            guard corpus.passages.indices.contains(m.passage) else { continue }
            let p = corpus.passages[m.passage]
            let before = p.text.scalarSlice(0, m.start)
            let line = p.lineStart + before.unicodeScalars.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
            let quotation = p.text.scalarSlice(m.start, m.end).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            tellings.append(.init(quotation: quotation, file: p.documentID, line: line))
        }
        let front = item.frontID.flatMap { id in data.fronts.fronts.first { $0.id == id }?.name }
        return Dossier(id: item.id, title: item.title, date: item.date.iso, precision: item.date.precision.rawValue, kind: item.kind.rawValue,
                       places: item.placeIDs.map { data.placeNames[$0] ?? names[$0] ?? $0 }, formations: nil,
                       fronts: front.map { [$0] } ?? [], tellings: tellings,
                       disagreements: item.conflicts.map { c in
            .init(aspect: c.aspect, subject: c.subject, versions: c.variants.map {
                .init(value: $0.value, file: $0.file, line: $0.line,
                      quotation: ConflictVariant.quotation(corpus.passages.indices.contains($0.passage) ? corpus.passages[$0.passage].text : "", $0.start, $0.end))
            })
        })
    }
}
