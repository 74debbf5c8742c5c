import AugustCore
import ArgumentParser
import Foundation

/// The linker over the default curated data, or a one-line failure.
func loadLinker() throws -> EntityLinker {
    do { return try EntityLinker.shared() } catch { throw Failure(error.description) }
}

/// One mention in the JSON of `places` and `units`.
struct MentionJSON: Encodable, Sendable, JSONWritable {
    let passage, file: String
    let line: Int
    let text: String
    let start, end: Int
    /// `high`, or `low` for a name shared by several places that no context decided.
    let confidence: String
    init(_ m: PassageMention) {
        passage = m.passageID; file = m.documentID; line = m.line
        text = m.mention.surface; start = m.mention.start; end = m.mention.end
        confidence = m.mention.confidence.rawValue
    }

    /// The keys in `JSONEncoder`'s sorted order.
    func writeJSON(_ w: inout JSONWriter) {
        w.raw("{")
        w.key("confidence", first: true); w.string(confidence)
        w.key("end"); w.int(end)
        w.key("file"); w.string(file)
        w.key("line"); w.int(line)
        w.key("passage"); w.string(passage)
        w.key("start"); w.int(start)
        w.key("text"); w.string(text)
        w.raw("}")
    }
}

/// Group corpus mentions by entity id, keeping corpus order.
func mentionsByID(_ all: [PassageMention], kinds: Set<EntityMention.Kind>) -> [String: [PassageMention]] {
    var out: [String: [PassageMention]] = [:]
    for m in all where kinds.contains(m.mention.kind) { out[m.mention.id, default: []].append(m) }
    return out
}

/// `FILE:LINE` list for human output, shortened after a few.
/// Human output of `places` and `units`: the entries the corpus names, most mentioned first (then
/// by name), each as `NAME (DETAILS): N × [forms] at where`, then how many of all are named.
func printNamed<T>(_ all: [T], byID: [String: [PassageMention]], id: (T) -> String, name: (T) -> String,
                   total noun: String, details: (T) -> String) {
    var out = ""
    let named = all.compactMap { x in byID[id(x)].map { (x, $0) } }
        .sorted { ($0.1.count, name($1.0)) > ($1.1.count, name($0.0)) }
    for (x, ms) in named {
        let forms = Array(Set(ms.map { $0.mention.surface })).sorted().map(Terminal.safe).joined(separator: ", ")
        out += "\(name(x)) (\(details(x))): \(ms.count) × [\(forms)] at \(whereList(ms))\n"
    }
    out += "\(named.count) of \(all.count) \(noun) named in the corpus\n"
    FileHandle.standardOutput.write(Data(out.utf8))
}

func whereList(_ ms: [PassageMention], max: Int = 6) -> String {
    var seen: [String] = []
    for m in ms {
        let s = "\(Terminal.safe(m.documentID)):\(m.line)"
        if !seen.contains(s) { seen.append(s) }
    }
    let shown = seen.prefix(max).joined(separator: ", ")
    return seen.count > max ? shown + ", … (\(seen.count) lines)" : shown
}

struct Places: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the places of the gazetteer named in the corpus, with every mention.",
        discussion: "Human output: the places the corpus names, most mentioned first (a link marked `?` is a low-confidence one: a name several places share that no context decided). --json lists every curated place of the gazetteer (mentions [] where the corpus does not name it) and the generated (GeoNames) places the corpus names; each mention has \"confidence\": \"high\" or \"low\".")

    @OptionGroup var corpusOptions: CorpusOptions
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable, Sendable, JSONWritable {
        let id, name, kind: String
        @NullWhenAbsent var lat: Double?
        @NullWhenAbsent var lon: Double?
        @NullWhenAbsent var polity: String?
        @NullWhenAbsent var within: String?
        let aliases: [String]
        let mentions: [MentionJSON]

        func writeJSON(_ w: inout JSONWriter) {
            w.raw("{")
            w.key("aliases", first: true); w.strings(aliases)
            w.key("id"); w.string(id)
            w.key("kind"); w.string(kind)
            w.key("lat"); w.optionalDouble(lat)
            w.key("lon"); w.optionalDouble(lon)
            w.key("mentions"); w.array(mentions)
            w.key("name"); w.string(name)
            w.key("polity"); w.optionalString(polity)
            w.key("within"); w.optionalString(within)
            w.raw("}")
        }
    }

    func run() throws {
        try failing {
            let analysis = try corpusOptions.analysis()
            let linker = try loadLinker()
            let byID = mentionsByID(analysis.mentions, kinds: [.place])
            let gazetteer = linker.data.gazetteer
            // Curated places, then the generated ones the corpus names (by first mention).
            let curatedIDs = Set(gazetteer.places.map(\.id))
            let generated = byID.filter { !curatedIDs.contains($0.key) }
                .sorted { ($0.value[0].documentID, $0.value[0].line, $0.key) < ($1.value[0].documentID, $1.value[0].line, $1.key) }
                .compactMap { gazetteer.place(id: $0.key) }
            let places = gazetteer.places + generated
            if json {
                try printRows(places.map { p in
                    Row(id: p.id, name: p.name, kind: p.kind, lat: p.lat, lon: p.lon, polity: p.polity, within: p.within,
                        aliases: p.aliases, mentions: (byID[p.id] ?? []).map(MentionJSON.init))
                })
                return
            }
            printNamed(places, byID: byID, id: \.id, name: \.name, total: "gazetteer places") { p in
                let coords = p.lat.flatMap { lat in p.lon.map { String(format: "%.2f,%.2f", lat, $0) } } ?? "unlocated"
                let low = (byID[p.id] ?? []).contains { $0.mention.confidence == .low } ? ", ? low confidence" : ""
                let source = curatedIDs.contains(p.id) ? "" : ", GeoNames"
                return "\(p.kind), \(coords), \(p.polity ?? "-")\(source)\(low)"
            }
        }
    }
}

struct Units: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the formations named in the corpus (those of the order of battle and those found by their names' grammar), with every mention.",
        discussion: """
            A formation is found by its number and type (`5th Army`, `124 sd`, `Japanese Fifth Army`); its side comes             from the text. One that matches an entry of the order of battle (side, type, number) is linked to it; any             other is listed with its side (`unknown` where the text does not say), type, number and a stable id             (`soviet-rifle-division-124`). Human output: the formations the corpus names, most mentioned first.             --json lists every formation of the order of battle (mentions [] where the corpus does not name it), then             the others found.
            """)

    @OptionGroup var corpusOptions: CorpusOptions
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable, Sendable, JSONWritable {
        let id, name, side, kind: String
        @NullWhenAbsent var type: String?
        @NullWhenAbsent var number: Int?
        /// True for an entry of the order of battle, false for one found by the grammar only.
        let known: Bool
        @NullWhenAbsent var parent: String?
        @NullWhenAbsent var front: String?
        @NullWhenAbsent var commander: String?
        let aliases: [String]
        let mentions: [MentionJSON]

        func writeJSON(_ w: inout JSONWriter) {
            w.raw("{")
            w.key("aliases", first: true); w.strings(aliases)
            w.key("commander"); w.optionalString(commander)
            w.key("front"); w.optionalString(front)
            w.key("id"); w.string(id)
            w.key("kind"); w.string(kind)
            w.key("known"); w.raw(known ? "true" : "false")
            w.key("mentions"); w.array(mentions)
            w.key("name"); w.string(name)
            w.key("number"); if let number { w.int(number) } else { w.raw("null") }
            w.key("parent"); w.optionalString(parent)
            w.key("side"); w.string(side)
            w.key("type"); w.optionalString(type)
            w.raw("}")
        }
    }

    func run() throws {
        try failing {
            let analysis = try corpusOptions.analysis()
            let linker = try loadLinker()
            let oob = linker.data.orderOfBattle
            let all = analysis.mentions
            let byID = mentionsByID(all, kinds: [.unit, .front])
            // The formations found by grammar only, in corpus order of first mention.
            var found: [FormationRef] = []
            var seen: Set<String> = []
            for m in all where m.mention.kind != .place && oob.unit(id: m.mention.id) == nil && !seen.contains(m.mention.id) {
                seen.insert(m.mention.id)
                if let f = linker.formation(id: m.mention.id) { found.append(f) }
            }
            let refs = oob.units.compactMap { linker.formation(id: $0.id) } + found
            if json {
                try printRows(refs.map { f in
                    Row(id: f.id, name: f.name, side: f.side, kind: f.kind, type: f.type, number: f.number, known: f.curated,
                        parent: f.parent.flatMap { oob.unit(id: $0)?.name }, front: f.front.flatMap { oob.unit(id: $0)?.name },
                        commander: f.commander, aliases: oob.unit(id: f.id)?.aliases ?? [],
                        mentions: (byID[f.id] ?? []).map(MentionJSON.init))
                })
                return
            }
            printNamed(refs, byID: byID, id: \.id, name: \.name, total: "formations") { f in
                let front = f.front.flatMap { oob.unit(id: $0)?.name }.map { " · \($0)" } ?? ""
                let known = f.curated ? "" : " · not in the order of battle"
                return "\(f.side) \(f.kind)\(front)\(f.commander.map { " · \($0)" } ?? "")\(known)"
            }
        }
    }
}

struct Fronts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The fronts, their axes of advance and the objectives the texts say were reached, with dates.",
        discussion: """
            The fronts, their axes and the order of their objectives are a frame (curated data); what \
            fills it comes from the texts: an objective shows when a movement (see `august movements`: \
            crossed, captured, entered, reached, landed at…) is told there, dated by its statement; a \
            place the texts' movements name outside the frame is listed under its front (`Also \
            reached`). A corpus that tells no movement gives empty fronts and a note. --json lists every \
            objective of the frame (`reached` false and no dates where no movement is told).
            """)

    @OptionGroup var corpusOptions: CorpusOptions
    @Flag(help: "Print JSON.") var json = false

    // Written by `JSONWriter` (keys sorted, as `JSONEncoder` writes them; `AUGUST_JSON=foundation`
    // switches back to it, and the end-to-end tests compare the two).
    struct DateJSON: Encodable, Sendable, JSONWritable {
        let start, end, passage, file: String
        let line: Int
        let action: String
        @NullWhenAbsent var actor: String?

        func writeJSON(_ w: inout JSONWriter) {
            w.raw("{")
            w.key("action", first: true); w.string(action)
            w.key("actor"); w.optionalString(actor)
            w.key("end"); w.string(end)
            w.key("file"); w.string(file)
            w.key("line"); w.int(line)
            w.key("passage"); w.string(passage)
            w.key("start"); w.string(start)
            w.raw("}")
        }
    }
    struct ObjectiveJSON: Encodable, Sendable, JSONWritable {
        let id, place: String
        @NullWhenAbsent var lat: Double?
        @NullWhenAbsent var lon: Double?
        let reached: Bool
        let dates: [DateJSON]
        let passages: [String]

        func writeJSON(_ w: inout JSONWriter) {
            w.raw("{")
            w.key("dates", first: true); w.array(dates)
            w.key("id"); w.string(id)
            w.key("lat"); w.optionalDouble(lat)
            w.key("lon"); w.optionalDouble(lon)
            w.key("passages"); w.strings(passages)
            w.key("place"); w.string(place)
            w.key("reached"); w.raw(reached ? "true" : "false")
            w.raw("}")
        }
    }
    struct AxisJSON: Encodable, Sendable, JSONWritable {
        let id, name: String
        let units: [String]
        let fromTexts: Bool
        let objectives: [ObjectiveJSON]
        enum CodingKeys: String, CodingKey { case id, name, units, fromTexts = "from_texts", objectives }

        func writeJSON(_ w: inout JSONWriter) {
            w.raw("{")
            w.key("from_texts", first: true); w.raw(fromTexts ? "true" : "false")
            w.key("id"); w.string(id)
            w.key("name"); w.string(name)
            w.key("objectives"); w.array(objectives)
            w.key("units"); w.strings(units)
            w.raw("}")
        }
    }
    struct TheatreJSON: Encodable, Sendable, JSONWritable {
        let id, name, front, position: String
        let axes: [AxisJSON]

        func writeJSON(_ w: inout JSONWriter) {
            w.raw("{")
            w.key("axes", first: true); w.array(axes)
            w.key("front"); w.string(front)
            w.key("id"); w.string(id)
            w.key("name"); w.string(name)
            w.key("position"); w.string(position)
            w.raw("}")
        }
    }

    func run() throws {
        try failing {
            let analysis = try corpusOptions.analysis()
            guard let report = analysis.fronts else { return }
            if json {
                try printRows(report.theatres.map { t in
                    TheatreJSON(id: t.theatre.id, name: t.theatre.name, front: t.front?.name ?? t.theatre.front,
                                position: t.theatre.position.rawValue, axes: t.axes.map { a in
                        AxisJSON(id: a.axis.id, name: a.axis.name, units: a.units.map(\.name), fromTexts: a.fromTexts,
                                 objectives: a.objectives.map { o in
                            ObjectiveJSON(id: o.place.id, place: o.place.name, lat: o.place.lat, lon: o.place.lon,
                                          reached: o.isReached,
                                          dates: o.dates.map { DateJSON(start: $0.dateStart, end: $0.dateEnd, passage: $0.passageID,
                                                                        file: $0.documentID, line: $0.line, action: $0.action.rawValue,
                                                                        actor: $0.actorID) },
                                          passages: o.passages)
                        })
                    })
                })
                return
            }
            var out = ""
            for t in report.theatres {
                out += "\(t.theatre.name) (\(t.theatre.position.rawValue))\n"
                for a in t.reachedAxes {
                    let chain = a.reached.map { o -> String in
                        guard let first = o.first, let last = o.last else { return o.place.name }
                        let f = String(first.dropFirst(5)), l = String(last.dropFirst(5))
                        return o.place.name + " " + (f == l ? f : "\(f)…\(l)")
                    }.joined(separator: " → ")
                    let units = a.units.isEmpty ? "" : " [\(a.units.map(\.name).joined(separator: ", "))]"
                    out += Terminal.safe("  \(a.axis.name)\(units): \(chain)") + "\n"
                }
            }
            if let note = report.note { out += note + "\n" }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }
}
