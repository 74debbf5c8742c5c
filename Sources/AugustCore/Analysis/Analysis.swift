import Foundation

/// Everything computed from a corpus: its events (dated and linked to places, formations and
/// fronts) and the fronts report whose objectives take their dates from those events. One value,
/// built once, shared by the subcommands and the explorer.
public struct Analysis: Sendable {
    public let corpus: Corpus
    /// Nil when the curated data could not be loaded (`linkerError` says why): events still work.
    public let linker: EntityLinker?
    public let linkerError: String?
    /// Every event of every kind, sorted by date.
    public let events: [Event]
    /// Fronts → axes → objectives; nil without a linker.
    public let fronts: FrontsReport?

    public init(corpus: Corpus, linker: EntityLinker?, linkerError: String? = nil) {
        self.corpus = corpus
        self.linker = linker
        self.linkerError = linkerError
        let events = EventExtractor.extract(corpus: corpus, annotate: linker.map { l in { l.annotate($0) } })
        self.events = events
        self.fronts = linker.map { FrontsReport.build(corpus: corpus, linker: $0, spans: Analysis.datedSpans(events)) }
    }

    /// Load the shared curated data; a failure is kept as a message, not thrown.
    public static func build(corpus: Corpus) -> Analysis {
        do {
            return Analysis(corpus: corpus, linker: try EntityLinker.shared())
        } catch {
            return Analysis(corpus: corpus, linker: nil, linkerError: error.description)
        }
    }

    /// The statements that date the fronts' objectives: every telling of every event of kind
    /// `event` known to the day (publication stamps, holidays, plans and forecasts, and a bare year
    /// or month, date nothing on the map). Dates are given to the day.
    public static func datedSpans(_ events: [Event]) -> [DatedSpan] {
        var spans: [DatedSpan] = []
        for e in events where e.kind == .event && !e.date.isRecurring && e.date.precision >= .day {
            let start = String(e.date.start.prefix(10)), end = String(e.date.end.prefix(10))
            for m in e.mentions {
                spans.append(DatedSpan(passageID: m.passageID, start: m.statementStart, end: m.statementEnd,
                                       dateStart: start, dateEnd: end))
            }
        }
        return spans
    }
}
