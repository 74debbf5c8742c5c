import AugustCore
import ArgumentParser
import Foundation

struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the dated events of the corpus in date order.",
        discussion: """
            An event is the sentence around a date expression; the same happening told by several \
            files is one event with several mentions. One line an event: date, number of mentions, \
            title, sources (FILE:LINE). Dates are ISO 8601 at the precision the text gives \
            (1945, 1945-SP, 1945-08, 1945-08-09, 1945-08-09T00:00, ranges A/B).
            """)

    enum KindFilter: String, ExpressibleByArgument, CaseIterable {
        case event, publication, other, all
    }

    @OptionGroup var corpusOptions: CorpusOptions
    @Option(help: ArgumentHelp("Only events that begin on this date or later (1945, 1945-08, 1945-08-09).",
                               valueName: "date"))
    var from: String?
    @Option(help: ArgumentHelp("Only events that end on this date or earlier (1945-09 takes all of September).",
                               valueName: "date"))
    var to: String?
    @Option(help: "Which events: event (what happened), publication (stamps, datelines), other (holidays, plans, orders, forecasts) or all.")
    var kind: KindFilter = .event
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "List where the documents disagree on an event's date, place or a number (exit 1 when they never do).")
    var conflicts = false
    @Flag(help: .hidden) var dates = false

    func run() throws {
        try failing {
            if let from, DateValue(iso: from) == nil { throw Failure("--from: not a date (want 1945, 1945-08 or 1945-08-09): \(from)") }
            if let to, DateValue(iso: to) == nil { throw Failure("--to: not a date (want 1945, 1945-08 or 1945-08-09): \(to)") }
            if dates {
                printDates(try corpusOptions.load())
                return
            }
            let lower = from.flatMap { DateValue(iso: $0) }?.lowerBound
            let upper = to.flatMap { DateValue(iso: $0) }?.upperBound
            let analysis = try corpusOptions.analysis()
            if conflicts {
                try printConflicts(analysis, lower: lower, upper: upper)
                return
            }
            let events = analysis.events.filter { e in
                (kind == .all || e.kind.rawValue == kind.rawValue)
                    && !(e.date.isRecurring && (lower != nil || upper != nil))  // a holiday has no year
                    && lower.map { e.date.lowerBound >= $0 } ?? true
                    && upper.map { e.date.upperBound <= $0 } ?? true
            }
            if json {
                try printRows(events.map(EventJSON.init))
            } else {
                printHuman(events)
            }
        }
    }

    func printHuman(_ events: [Event]) {
        var out = ""
        let width = events.map { $0.date.iso.count }.max() ?? 10
        for e in events {
            let date = e.date.iso.padding(toLength: width, withPad: " ", startingAt: 0)
            var seen = Set<String>()
            let sources = e.mentions.compactMap { m -> String? in
                let s = "\(m.documentID):\(m.line)"
                return seen.insert(s).inserted ? s : nil
            }.joined(separator: ", ")
            let mark = e.kind == .event ? "" : " [\(e.kind.rawValue)]"
            out += Terminal.safe("\(date)  \(e.mentions.count)  \(e.title)\(mark)  (\(sources))") + "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// The conflicts whose events lie in the --from/--to window: one block each (the event, then each
    /// variant: value, FILE:LINE, quotation), or JSON. None: exit 1.
    func printConflicts(_ analysis: Analysis, lower: String?, upper: String?) throws {
        let byID = Dictionary(analysis.events.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let found = ConflictFinder.find(in: analysis).filter { c in
            c.eventIDs.contains { id in
                guard let e = byID[id] else { return false }
                return lower.map { e.date.lowerBound >= $0 } ?? true && upper.map { e.date.upperBound <= $0 } ?? true
            }
        }
        if json {
            try printJSON(found.map { ConflictJSON($0, events: byID) })
        } else {
            var out = ""
            for c in found {
                let first = c.eventIDs.first.flatMap { byID[$0] }
                let what = c.aspect == .number ? "number of \(c.subject)" : c.aspect.rawValue
                out += Terminal.safe("\(first?.date.iso ?? "")  \(what)  \(first?.title ?? "")") + "\n"
                for v in c.variants {
                    out += Terminal.safe("    \(v.value)  \(v.documentID):\(v.line)  “\(v.quotation)”") + "\n"
                }
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
        if found.isEmpty { throw ExitCode(1) }
    }

    /// Every date expression, one a line (`FILE:LINE  VALUE  KIND  TEXT`), for checking the tagger.
    func printDates(_ corpus: Corpus) {
        var out = ""
        for m in TemporalTagger.mentions(in: corpus) {
            out += Terminal.safe("\(m.documentID):\(m.line)") + "\t\(m.value)\t\(m.kind.rawValue)\t"
                + Terminal.safe(m.text.replacingOccurrences(of: "\n", with: " ")) + "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}

/// The JSON shape of an event (field names as documented for `august events --json`).
struct EventJSON: Encodable, Sendable, JSONWritable {
    struct DateJSON: Encodable, Sendable {
        let start, end, precision: String
        /// Where the year came from (the first mention's).
        @NullWhenAbsent var yearFrom: String?
        enum CodingKeys: String, CodingKey { case start, end, precision, yearFrom = "year_from" }
    }
    struct MentionJSON: Encodable, Sendable {
        let passage, file: String
        let line: Int
        let dateText, value: String
        let start, end: Int
        /// The expression that gave the year (the expression itself when it writes its year), or
        /// `corpus` for the corpus' campaign year; null (not absent) for a recurring day.
        @NullWhenAbsent var yearFrom: String?
        enum CodingKeys: String, CodingKey {
            case passage, file, line, dateText, value, start, end, yearFrom = "year_from"
        }
    }
    let id, kind: String
    let date: DateJSON
    let title, sentence: String
    let mentions: [MentionJSON]
    let places, units, fronts: [String]

    init(_ e: Event) {
        id = e.id
        kind = e.kind.rawValue
        date = DateJSON(start: e.date.start, end: e.date.end, precision: e.date.precision.rawValue,
                        yearFrom: e.mentions.first?.yearFrom)
        title = e.title
        sentence = e.sentence
        mentions = e.mentions.map {
            MentionJSON(passage: $0.passageID, file: $0.documentID, line: $0.line, dateText: $0.dateText,
                        value: $0.value, start: $0.start, end: $0.end, yearFrom: $0.yearFrom)
        }
        places = e.places
        units = e.units
        fronts = e.fronts
    }

    /// The keys in `JSONEncoder`'s sorted order.
    func writeJSON(_ w: inout JSONWriter) {
        w.raw("{")
        w.key("date", first: true)
        w.raw("{")
        w.key("end", first: true); w.string(date.end)
        w.key("precision"); w.string(date.precision)
        w.key("start"); w.string(date.start)
        w.key("year_from"); w.optionalString(date.yearFrom)
        w.raw("}")
        w.key("fronts"); w.strings(fronts)
        w.key("id"); w.string(id)
        w.key("kind"); w.string(kind)
        w.key("mentions")
        w.raw("[")
        for (i, m) in mentions.enumerated() {
            w.raw(i == 0 ? "{" : ",{")
            w.key("dateText", first: true); w.string(m.dateText)
            w.key("end"); w.int(m.end)
            w.key("file"); w.string(m.file)
            w.key("line"); w.int(m.line)
            w.key("passage"); w.string(m.passage)
            w.key("start"); w.int(m.start)
            w.key("value"); w.string(m.value)
            w.key("year_from"); w.optionalString(m.yearFrom)
            w.raw("}")
        }
        w.raw("]")
        w.key("places"); w.strings(places)
        w.key("sentence"); w.string(sentence)
        w.key("title"); w.string(title)
        w.key("units"); w.strings(units)
        w.raw("}")
    }
}

/// The JSON shape of a conflict (`august events --conflicts --json`).
struct ConflictJSON: Encodable {
    struct EventRef: Encodable {
        let id, date, title: String
    }
    struct VariantJSON: Encodable {
        let value, event, file, passage: String
        let line: Int
        let quotation: String
    }
    let aspect, subject: String
    let events: [EventRef]
    let variants: [VariantJSON]

    init(_ c: Conflict, events byID: [String: Event]) {
        aspect = c.aspect.rawValue
        subject = c.subject
        events = c.eventIDs.map { id in
            EventRef(id: id, date: byID[id]?.date.iso ?? "", title: byID[id]?.title ?? "")
        }
        variants = c.variants.map {
            VariantJSON(value: $0.value, event: $0.eventID, file: $0.documentID, passage: $0.passageID,
                        line: $0.line, quotation: $0.quotation)
        }
    }
}
