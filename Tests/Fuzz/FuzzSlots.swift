import Foundation

/// Text → dates: the temporal tagger over arbitrary text, then the event extractor over a tiny
/// corpus made of the input (twice, as two documents, so events can merge).
/// Invariants: every mention's scalar range lies inside its passage and cuts out exactly its text;
/// every date is a real calendar point whose ISO value parses back; a range starts no later than it
/// ends; events' mentions and statements lie inside their passages.
func fuzzTemporal(_ bytes: UnsafeBufferPointer<UInt8>) {
    let text = String(decoding: bytes, as: UTF8.self)
    let corpus = Corpus(texts: [(id: "a.txt", text: text), (id: "b.txt", text: text)])
    var passages: [String: String] = [:]
    for p in corpus.passages { passages[p.id] = p.text }
    let mentions = TemporalTagger.mentions(in: corpus)
    for m in mentions {
        guard let ptext = passages[m.passageID] else { require(false, "mention in an unknown passage \(m.passageID)"); return }
        let count = ptext.unicodeScalars.count
        require(m.start >= 0 && m.start < m.end && m.end <= count, "mention range \(m.start)..<\(m.end) in \(count) scalars")
        require(ptext.scalarSlice(m.start, m.end) == m.text, "mention text is not its range: \(Array(m.text.unicodeScalars))")
        checkDate(m.date, "mention \(m.text)")
    }
    let events = EventExtractor.extract(corpus: corpus, mentions: mentions)
    for e in events {
        checkDate(e.date, "event \(e.id)")
        require(!e.mentions.isEmpty, "an event told nowhere")
        require(!e.title.contains("\n"), "event title with a line end")
        for m in e.mentions {
            guard let ptext = passages[m.passageID] else { require(false, "event mention in an unknown passage"); return }
            let count = ptext.unicodeScalars.count
            require(m.start >= 0 && m.start < m.end && m.end <= count, "event mention range")
            require(m.statementStart >= 0 && m.statementStart <= m.start && m.end <= m.statementEnd && m.statementEnd <= count,
                    "statement \(m.statementStart)..<\(m.statementEnd) around \(m.start)..<\(m.end) in \(count)")
            require(ptext.scalarSlice(m.start, m.end) == m.dateText, "event date text is not its range")
            require(DateValue(iso: m.value) != nil, "event mention value \(m.value) does not parse")
        }
    }
    // A merged event holds at most one telling from each document: the mentions one document gives
    // (several expressions of one value in one sentence are one telling) stand in one passage.
    for e in events {
        var statement: [String: String] = [:]
        for m in e.mentions {
            let here = m.passageID
            require(statement[m.documentID, default: here] == here, "an event holds two tellings from one document")
            statement[m.documentID] = here
        }
    }
}

private func checkDate(_ d: DateValue, _ what: @autoclosure () -> String) {
    require(d.first.isValid && d.last.isValid, "\(what()): invalid date \(d.iso)")
    require(d.lowerBound <= d.upperBound, "\(what()): starts after it ends: \(d.iso)")
    if d.isRange { require(d.first.bounds.lower <= d.last.bounds.upper, "\(what()): range ends before it starts: \(d.iso)") }
    require(DateValue(iso: d.iso) == d, "\(what()): ISO value \(d.iso) does not parse back")
    if let y = d.first.year { require(y >= 0 && y <= 9999, "\(what()): year \(y)") }
}

/// Text → mentions of places, formations and fronts (over the curated data, found like the CLI
/// finds it: `$AUGUST_DATA`, which `make fuzz` sets, else the source tree).
/// Invariants: ranges inside the text, in order, never overlapping; the surface is the text of the
/// range; every id exists in the curated data; annotate names only ids that exist.
func fuzzEntities(_ bytes: UnsafeBufferPointer<UInt8>) {
    let text = String(decoding: bytes, as: UTF8.self)
    let linker = sharedLinker
    let data = linker.data
    let count = text.unicodeScalars.count
    var lastEnd = 0
    for m in linker.mentions(in: text) {
        require(m.start >= lastEnd && m.start < m.end && m.end <= count, "range \(m.start)..<\(m.end) after \(lastEnd) in \(count)")
        require(text.scalarSlice(m.start, m.end) == m.surface, "surface is not its range: \(Array(m.surface.unicodeScalars))")
        switch m.kind {
        case .place: require(data.gazetteer.place(id: m.id) != nil, "unknown place id \(m.id)")
        // Curated formations and the grammar's own (`soviet-army-64`) both resolve.
        case .unit: require(linker.formation(id: m.id) != nil, "unresolvable unit id \(m.id)")
        case .front: require(linker.formation(id: m.id)?.isFront == true, "unresolvable front id \(m.id)")
        }
        lastEnd = m.end
    }
    let ids = linker.annotateIDs(text)
    for p in ids.places { require(data.gazetteer.place(id: p) != nil, "annotate: unknown place \(p)") }
    for u in ids.units + ids.fronts { require(linker.formation(id: u) != nil, "annotate: unresolvable unit \(u)") }
    // What the events carry: each id with the name printed for it.
    let ann = linker.annotation(text)
    require(ann.placeIDs.map { data.gazetteer.place(id: $0)?.name } == ann.places, "annotation: place ids and names differ")
    require(ann.unitIDs.map { linker.formation(id: $0)?.name } == ann.units, "annotation: unit ids and names differ")
    require(ann.frontIDs.map { linker.formation(id: $0)?.name } == ann.fronts, "annotation: front ids and names differ")
}

/// The linker over the curated data, loaded once (a clear stop when the data is missing).
let sharedLinker: EntityLinker = {
    do { return try EntityLinker.shared() } catch {
        FileHandle.standardError.write(Data("fuzz entities: \(error) (set AUGUST_DATA)\n".utf8))
        exit(2)
    }
}()
