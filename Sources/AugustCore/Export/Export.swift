import CSV
import Foundation

/// The formats `august export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// One row per event (RFC 4180, CRLF line ends, a header row).
    case csv
    /// A TimelineJS 3 JSON file (`{"title": slide, "events": [slide]}`).
    case timelinejs
    /// RFC 7946 GeoJSON: a FeatureCollection of the places the corpus names.
    case geojson
    /// A Markdown dossier of one event: every telling quoted and cited.
    case markdown
}

/// Events, places and tellings written for the tools readers already use. Text from the documents
/// goes in as data: CSV-quoted, JSON-escaped (and HTML-escaped where TimelineJS reads HTML), and
/// with control characters removed (the CSV keeps line breaks, which its quoting carries).
public enum Exporter {
    // MARK: - CSV

    public static let csvHeader = ["id", "date_start", "date_end", "precision", "kind", "title", "places",
                                   "formations", "front", "sources", "quotation"]

    /// Rows as RFC 4180 CSV (fields quoted where they hold a comma, a quote or a line break; CRLF
    /// between records), written by CSV.swift.
    public static func csv(rows: [[String]]) throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream, delimiter: ",", newline: .crlf)
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "" }
        return String(decoding: data, as: UTF8.self) + (rows.isEmpty ? "" : "\r\n")
    }

    /// The events as CSV: a header, then one row per event (multi-valued fields joined by `; `).
    public static func csv(_ events: [Event], corpus: Corpus) throws -> String {
        var rows = [csvHeader]
        for e in events {
            rows.append([
                clean(e.id), e.date.start, e.date.end, e.date.precision.rawValue, e.kind.rawValue,
                clean(e.title, keepLineBreaks: true),
                e.places.map { clean($0) }.joined(separator: "; "),
                e.units.map { clean($0) }.joined(separator: "; "),
                e.fronts.first.map { clean($0) } ?? "",
                sources(e).joined(separator: "; "),
                clean(tellings(e, corpus: corpus).first?.quotation ?? e.sentence, keepLineBreaks: true),
            ])
        }
        return try csv(rows: rows)
    }

    // MARK: - TimelineJS

    struct TLDate: Encodable {
        var year: Int
        var month: Int?
        var day: Int?
        var hour: Int?
        var minute: Int?
        var display_date: String?
    }
    struct TLText: Encodable {
        var headline: String
        var text: String
    }
    struct TLSlide: Encodable {
        var start_date: TLDate?
        var end_date: TLDate?
        var text: TLText
        var group: String?
        var unique_id: String?
    }
    struct TLFile: Encodable {
        var title: TLSlide
        var events: [TLSlide]
    }

    /// A TimelineJS 3 date object at the precision of the point (a month-only date has no day).
    static func timelineDate(_ p: DatePoint) -> TLDate? {
        guard let year = p.year else { return nil }
        return TLDate(year: year, month: p.month, day: p.month == nil ? nil : p.day,
                      hour: p.day == nil ? nil : p.hour, minute: p.hour == nil ? nil : p.minute)
    }

    /// The events as a TimelineJS 3 file: each slide dated at the text's precision, grouped by its
    /// front, its text every telling quoted with `file:line`. Dates without a year (a recurring
    /// holiday) have no place on a timeline and are left out.
    public static func timelineJS(_ events: [Event], corpus: Corpus, title: String) throws -> Data {
        var slides: [TLSlide] = []
        var ids = Set<String>()
        for e in events {
            guard let start = timelineDate(e.date.first) else { continue }
            let end = e.date.isRange ? timelineDate(e.date.last) : nil
            var text = ""
            for t in tellings(e, corpus: corpus) {
                text += "<p>“\(html(clean(t.quotation)))” — <cite>\(html(t.source))</cite></p>"
            }
            slides.append(TLSlide(start_date: start, end_date: end,
                                  text: TLText(headline: html(clean(e.title)), text: text),
                                  group: e.fronts.first.map { clean($0) }, unique_id: unique(slug(e.id), &ids)))
        }
        let file = TLFile(title: TLSlide(text: TLText(headline: html(clean(title)),
                                                      text: "\(slides.count) events from \(corpus.documents.count) documents")),
                          events: slides)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(file)
    }

    /// `id`, or `id-2`, `id-3`… when already taken.
    static func unique(_ id: String, _ taken: inout Set<String>) -> String {
        var candidate = id, n = 1
        while !taken.insert(candidate).inserted { n += 1; candidate = "\(id)-\(n)" }
        return candidate
    }

    /// An id TimelineJS can use in a URL fragment (letters, digits, `-`, `_`).
    public static func slug(_ id: String) -> String {
        String(String.UnicodeScalarView(id.unicodeScalars.map { u in
            (u.properties.isAlphabetic || ("0"..."9").contains(u)) && u.isASCII ? u : "-"
        }))
    }

    // MARK: - GeoJSON

    struct Geometry: Encodable {
        let type = "Point"
        let coordinates: [Double]
    }
    struct PlaceProperties: Encodable {
        let id, name: String
        let mentions: Int
        let first_date: String?
        let last_date: String?
        let events: [String]
        enum CodingKeys: String, CodingKey { case id, name, mentions, first_date, last_date, events }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(mentions, forKey: .mentions)
            try c.encode(first_date, forKey: .first_date)   // null, not absent, when no dated event names it
            try c.encode(last_date, forKey: .last_date)
            try c.encode(events, forKey: .events)
        }
    }
    struct Feature: Encodable {
        let type = "Feature"
        let id: String
        let geometry: Geometry
        let properties: PlaceProperties
    }
    struct FeatureCollection: Encodable {
        let type = "FeatureCollection"
        let features: [Feature]
    }

    /// The places the corpus names (those with coordinates) as RFC 7946 Point features,
    /// `[longitude, latitude]`, with how often they are named, the first and last dates the texts
    /// give for events there, and those events' ids. `events` limits the dated events considered;
    /// with `onlyTheirPlaces`, only the places those events name are written.
    public static func geoJSON(_ analysis: Analysis, events: [Event], onlyTheirPlaces: Bool = false) throws -> Data {
        guard let gazetteer = analysis.linker?.data.gazetteer else {
            return try JSONEncoder().encode(FeatureCollection(features: []))
        }
        var order: [String] = []
        var counts: [String: Int] = [:]
        for pm in analysis.mentions where pm.mention.kind == .place {
            if counts[pm.mention.id] == nil { order.append(pm.mention.id) }
            counts[pm.mention.id, default: 0] += 1
        }
        var eventsAt: [String: [Event]] = [:]
        for e in events {
            for id in e.placeIDs { eventsAt[id, default: []].append(e) }
        }
        var features: [Feature] = []
        for id in order {
            guard let p = gazetteer.place(id: id), let lat = p.lat, let lon = p.lon else { continue }
            let here = eventsAt[id] ?? []
            if onlyTheirPlaces && here.isEmpty { continue }
            let dated = here.filter { !$0.date.isRecurring && $0.kind == .event }
            let first = dated.min { $0.date.lowerBound < $1.date.lowerBound }
            let last = dated.max { $0.date.upperBound < $1.date.upperBound }
            features.append(Feature(id: id, geometry: Geometry(coordinates: [lon, lat]),
                                    properties: PlaceProperties(id: id, name: p.name, mentions: counts[id] ?? 0,
                                                                first_date: first?.date.start, last_date: last?.date.end,
                                                                events: here.map(\.id))))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(FeatureCollection(features: features))
    }

    // MARK: - Markdown

    /// A dossier of one event: its title, date, places, formations and fronts, then every telling
    /// quoted (its statement) and cited `file:line`, then where the tellings disagree.
    public static func markdown(_ e: Event, corpus: Corpus, conflicts: [Conflict] = []) -> String {
        markdown(Dossier(e, corpus: corpus, conflicts: conflicts))
    }

    /// The Markdown of a dossier (text from the documents with controls removed, markup escaped).
    public static func markdown(_ d: Dossier) -> String {
        func code(_ s: String) -> String { "`" + clean(s).replacingOccurrences(of: "`", with: "'") + "`" }
        var out = "# \(md(d.title))\n\n"
        out += "- **Date:** \(md(d.date))\(d.precision.isEmpty ? "" : " (\(md(d.precision)))")\n"
        if !d.kind.isEmpty { out += "- **Kind:** \(md(d.kind))\n" }
        out += "- **Places:** \(d.places.isEmpty ? "—" : d.places.map(md).joined(separator: ", "))\n"
        if let formations = d.formations {
            out += "- **Formations:** \(formations.isEmpty ? "—" : formations.map(md).joined(separator: ", "))\n"
        }
        if !d.fronts.isEmpty { out += "- **Front:** \(d.fronts.map(md).joined(separator: ", "))\n" }
        out += "- **Event id:** \(code(d.id))\n\n"
        out += "## Tellings (\(d.tellings.count))\n\n"
        for t in d.tellings {
            out += "> \(md(t.quotation))\n>\n> — \(code(t.source))\n\n"
        }
        if !d.disagreements.isEmpty {
            out += "## Where the sources disagree\n\n"
            for c in d.disagreements {
                out += "- **\(md(c.aspect))**\(c.aspect == "number" ? " (\(md(c.subject)))" : ""):\n"
                for v in c.versions {
                    out += "  - \(md(v.value)) — \(code("\(v.file):\(v.line)")): “\(md(v.quotation))”\n"
                }
            }
            out += "\n"
        }
        return out
    }

    // MARK: - shared

    /// One telling of an event: its statement and where it stands.
    public struct Telling: Sendable, Hashable {
        public let quotation: String
        public let file: String
        public let line: Int
        public var source: String { "\(file):\(line)" }
        public init(quotation: String, file: String, line: Int) {
            self.quotation = quotation; self.file = file; self.line = line
        }
    }

    /// The distinct statements that tell an event, in corpus order, each with its `file:line`.
    public static func tellings(_ e: Event, corpus: Corpus) -> [Telling] {
        var seen = Set<String>()
        var out: [Telling] = []
        for m in e.mentions where seen.insert("\(m.passageID)|\(m.statementStart)|\(m.statementEnd)").inserted {
            let text = corpus.passage(id: m.passageID)?.text.scalarSlice(m.statementStart, m.statementEnd) ?? m.dateText
            out.append(Telling(quotation: EventExtractor.folded(text.unicodeScalars), file: m.documentID, line: m.line))
        }
        return out
    }

    /// `file:line` of each telling, without repeats.
    static func sources(_ e: Event) -> [String] {
        var seen = Set<String>()
        return e.mentions.compactMap { m in
            let s = "\(clean(m.documentID)):\(m.line)"
            return seen.insert(s).inserted ? s : nil
        }
    }

    /// Text with every control character, bidi override and line separator removed (line breaks
    /// kept when asked; a tab becomes a space).
    public static func clean(_ s: String, keepLineBreaks: Bool = false) -> String {
        if s.unicodeScalars.allSatisfy(SafeText.isSafe) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if SafeText.isSafe(u) { out.append(u); continue }
            switch u {
            case "\n" where keepLineBreaks: out.append(u)
            case "\t", "\n", "\u{2028}", "\u{2029}": out.append(" ")
            default: break
            }
        }
        return String(out)
    }

    /// Text for HTML (TimelineJS renders its `text` fields as HTML).
    static func html(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Text for Markdown: controls removed, on one line, and the characters that Markdown or HTML
    /// would read as markup escaped with a backslash.
    static func md(_ s: String) -> String {
        var out = ""
        for u in clean(s).unicodeScalars {
            if "\\`*_[]<>#|!{}~".unicodeScalars.contains(u) { out += "\\" }
            out.unicodeScalars.append(u)
        }
        return out
    }
}

/// What a Markdown dossier of one event says: from the model's event (`august export`), or from the
/// explorer's timeline row (`w` in the explorer).
public struct Dossier: Sendable, Hashable {
    public struct Version: Sendable, Hashable {
        public var value, file: String
        public var line: Int
        public var quotation: String
        public init(value: String, file: String, line: Int, quotation: String) {
            self.value = value; self.file = file; self.line = line; self.quotation = quotation
        }
    }
    public struct Disagreement: Sendable, Hashable {
        public var aspect, subject: String
        public var versions: [Version]
        public init(aspect: String, subject: String, versions: [Version]) {
            self.aspect = aspect; self.subject = subject; self.versions = versions
        }
    }
    public var id, title, date, precision, kind: String
    public var places: [String]
    /// Nil when not known (the explorer's rows do not carry them).
    public var formations: [String]?
    public var fronts: [String]
    public var tellings: [Exporter.Telling]
    public var disagreements: [Disagreement]

    public init(id: String, title: String, date: String, precision: String = "", kind: String = "",
                places: [String], formations: [String]?, fronts: [String], tellings: [Exporter.Telling],
                disagreements: [Disagreement]) {
        self.id = id; self.title = title; self.date = date; self.precision = precision; self.kind = kind
        self.places = places; self.formations = formations; self.fronts = fronts; self.tellings = tellings
        self.disagreements = disagreements
    }

    public init(_ e: Event, corpus: Corpus, conflicts: [Conflict] = []) {
        self.init(id: e.id, title: e.title, date: e.date.iso, precision: e.date.precision.rawValue, kind: e.kind.rawValue,
                  places: e.places, formations: e.units, fronts: e.fronts,
                  tellings: Exporter.tellings(e, corpus: corpus),
                  disagreements: conflicts.filter { $0.eventIDs.contains(e.id) }.map { c in
            Disagreement(aspect: c.aspect.rawValue, subject: c.subject, versions: c.variants.map {
                Version(value: $0.value, file: $0.documentID, line: $0.line, quotation: $0.quotation)
            })
        })
    }
}
