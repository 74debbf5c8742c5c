import Foundation

/// Everything computed from a corpus: its events (dated and linked to places, formations and
/// fronts) and the fronts report whose objectives take their dates from those events. One value,
/// built once, shared by the subcommands and the explorer.
public struct Analysis: Sendable {
    public let corpus: Corpus
    /// Nil when the curated data could not be loaded (`linkerError` says why): events still work.
    /// An analysis read from the cache loads it when first asked for (`events` never asks: the
    /// gazetteer's parse was two thirds of a warm `events --json` on the seeds).
    public var linker: EntityLinker? { linkerBox.value.linker }
    public var linkerError: String? { linkerBox.value.error }
    private let linkerBox: Lazy<LinkerLoad>

    /// The curated data's linker, or why it could not be loaded.
    public struct LinkerLoad: Sendable {
        public let linker: EntityLinker?
        public let error: String?
        public init(_ linker: EntityLinker?, _ error: String?) { self.linker = linker; self.error = error }
    }
    /// Every event of every kind, sorted by date.
    public var events: [Event] { eventsBox.value }
    private let eventsBox: Lazy<[Event]>
    /// Fronts → axes → objectives, reached by the movements; nil without a linker.
    /// Built on first use (from the movements and the passages of each place): `events` and
    /// `places` never need it.
    public var fronts: FrontsReport? { frontsBox.value }
    private let frontsBox: Lazy<FrontsReport?>
    /// Every movement the texts tell (who crossed, captured, reached… which place, when), in
    /// corpus order; empty without a linker. Read from the cache, decoded when first asked for.
    public var movements: [Movement] { movementsBox.value }
    private let movementsBox: Lazy<[Movement]>
    /// Every mention of a place, formation or front in the corpus, in corpus order (empty without
    /// a linker): `linker.mentions(in: corpus)`, computed once for the report and the explorer.
    /// Read from the cache, decoded when first asked for.
    public var mentions: [PassageMention] { mentionsBox.value }
    private let mentionsBox: Lazy<[PassageMention]>
    /// The passages naming each place (made from `mentions`; read from the cache when warm).
    public var placePassages: PlacePassages { placePassagesBox.value }
    private let placePassagesBox: Lazy<PlacePassages>

    /// `progress` (phase `analysing`) counts each passage four times: read for dates, dated,
    /// told as events, linked to places.
    public init(corpus: Corpus, linker: EntityLinker?, linkerError: String? = nil, progress: ProgressHandler? = nil) {
        self.corpus = corpus
        let loaded = LinkerLoad(linker, linkerError)
        self.linkerBox = Lazy { loaded }
        let passages = corpus.passages.count
        let total = 4 * max(passages, 1)
        let bytes = corpus.byteCount > 0 ? corpus.byteCount : corpus.passages.reduce(0) { $0 + $1.text.utf8.count }
        // Ticks come from two threads (the dates and events here, the links beside them).
        let ticks = ProgressTicks(total: total, bytes: bytes, progress: progress)
        let tick: ((Int) -> Void)? = progress == nil ? nil : { ticks.report(dated: $0) }
        memTrace("start")
        ticks.report(dated: 0)
        // The links of the places, formations and fronts need no date: they are found on another
        // thread while the dates and events are (each step is parallel itself; together they
        // also keep the cores busy through the other's sequential parts).
        let linked = LinkBox()
        let group = DispatchGroup()
        if let linker {
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                linked.mentions = linker.mentions(in: corpus, progress: progress == nil ? nil : { ticks.report(linked: $0) })
            }
        }
        // The date mentions live only while the events are built.
        let events = {
            let dates = Analysis.withoutChrome(TemporalTagger.analyse(corpus, progress: tick), corpus)
            memTrace("dates \(dates.count)")
            return EventExtractor.build(corpus: corpus, mentions: dates,
                                        annotate: linker.map { l in { @Sendable s in l.annotation(s) } },
                                        progress: progress == nil ? nil : { ticks.report(dated: 2 * passages + $0) })
        }()
        self.eventsBox = Lazy { events }
        memTrace("events \(events.count)")
        group.wait()
        let mentions = linked.mentions
        self.mentionsBox = Lazy { mentions }
        memTrace("mentions \(mentions.count)")
        let movements = linker.map { MovementExtractor.extract(corpus: corpus, linker: $0, mentions: mentions,
                                                                spans: Analysis.statementSpans(events)) } ?? []
        self.movementsBox = Lazy { movements }
        memTrace("movements \(movements.count)")
        let places = Lazy { PlacePassages(mentions: mentions, corpus: corpus) }
        self.placePassagesBox = places
        self.frontsBox = Lazy { linker.map { FrontsReport.build(corpus: corpus, linker: $0, movements: movements, places: places.value) } }
        ticks.report(dated: 3 * passages, linked: passages)
    }

    /// Dates that stand in web-page chrome (share buttons, comment prompts, "see also" lists) make
    /// no events (`Boilerplate`); each passage with a date is looked at once, in parallel parts.
    static func withoutChrome(_ dates: [DateMention], _ corpus: Corpus) -> [DateMention] {
        var passages: [Int] = []  // ordinals of the passages with a date, each once
        var seen = Set<String>()
        for d in dates where seen.insert(d.passageID).inserted {
            if let o = corpus.passageOrdinal(id: d.passageID) { passages.append(o) }
        }
        let list = passages
        let found = SlotBox<Int>.parallelMap(list.count) { r in list[r].filter { Boilerplate.isChrome(corpus.passages[$0].text) } }
        let chrome = Set(found.map { corpus.passages[$0].id })
        if chrome.isEmpty { return dates }
        return dates.filter { !chrome.contains($0.passageID) }
    }

    /// The analysis read back from the cache (`AnalysisCache`): the parts as they were computed,
    /// the fronts report rebuilt from the movements.
    public init(corpus: Corpus, linker: EntityLinker?, linkerError: String? = nil, parts: AnalysisCache.StoredParts) {
        let loaded = LinkerLoad(linker, linkerError)
        self.init(corpus: corpus, parts: parts, loadLinker: { loaded })
    }

    /// The same, the curated data loaded (`loadLinker`) only when something asks for the linker.
    public init(corpus: Corpus, parts: AnalysisCache.StoredParts, loadLinker: @escaping @Sendable () -> LinkerLoad) {
        self.corpus = corpus
        let linker = Lazy(loadLinker)
        self.linkerBox = linker
        self.eventsBox = parts.eventsBox
        let movements = parts.movements, places = parts.placePassages
        self.mentionsBox = parts.mentions
        self.movementsBox = movements
        self.placePassagesBox = places
        self.frontsBox = Lazy {
            linker.value.linker.map { FrontsReport.build(corpus: corpus, linker: $0, movements: movements.value, places: places.value) }
        }
    }

    /// What the cache keeps of this analysis.
    public var parts: AnalysisCache.Parts {
        AnalysisCache.Parts(events: events, mentions: mentions, movements: movements, placePassages: placePassages)
    }

    /// The shared curated data's linker, or why it could not be loaded.
    public static func sharedLinker() -> (EntityLinker?, String?) {
        do { return (try EntityLinker.shared(), nil) } catch { return (nil, error.description) }
    }

    /// Load the shared curated data; a failure is kept as a message, not thrown.
    public static func build(corpus: Corpus, progress: ProgressHandler? = nil) -> Analysis {
        do {
            return Analysis(corpus: corpus, linker: try EntityLinker.shared(), progress: progress)
        } catch {
            return Analysis(corpus: corpus, linker: nil, linkerError: error.description, progress: progress)
        }
    }

    /// The statements that date the fronts' objectives: every telling of every event of kind
    /// `event` known to the day (publication stamps, holidays, plans and forecasts, and a bare year
    /// or month, date nothing on the map). Dates are given to the day.
    public static func datedSpans(_ events: [Event]) -> [DatedSpan] { spans(events, atLeast: .day) }

    /// The statements that date movements: as `datedSpans`, and also those known only to the
    /// month (`in August 1945 Soviet troops entered Manchuria`), dated `1945-08`.
    public static func statementSpans(_ events: [Event]) -> [DatedSpan] { spans(events, atLeast: .month) }

    static func spans(_ events: [Event], atLeast precision: DatePrecision) -> [DatedSpan] {
        var spans: [DatedSpan] = []
        for e in events where e.kind == .event && !e.date.isRecurring && e.date.precision >= precision {
            let start = String(e.date.start.prefix(10)), end = String(e.date.end.prefix(10))
            for m in e.mentions {
                spans.append(DatedSpan(passageID: m.passageID, start: m.statementStart, end: m.statementEnd,
                                       dateStart: start, dateEnd: end, expressionStart: m.start, expressionEnd: m.end))
            }
        }
        return spans
    }
}

/// With AUGUST_MEMTRACE set: a line on stderr with the step, the seconds since the process
/// started and the memory (resident, peak) at that point.
public func memTrace(_ label: String) {
    guard ProcessInfo.processInfo.environment["AUGUST_MEMTRACE"] != nil,
          let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return }
    let lines = status.split(separator: "\n").filter { $0.hasPrefix("VmRSS") || $0.hasPrefix("VmHWM") }
    let seconds = String(format: "%.2f s", ProcessInfo.processInfo.systemUptime - processStart)
    FileHandle.standardError.write("[mem] \(label) at \(seconds): \(lines.joined(separator: " "))\n".data(using: .utf8)!)
}

/// When the process started, on the `systemUptime` clock (read from /proc/self/stat).
private let processStart: TimeInterval = {
    guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return ProcessInfo.processInfo.systemUptime }
    // Field 22 (starttime, in clock ticks since boot); fields after the command name start at 3.
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 19, let ticks = Double(fields[19]) else { return ProcessInfo.processInfo.systemUptime }
    return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
}()

/// The analysis' progress, reported from two threads: the dates and events (up to 3 × passages)
/// and the links (up to the passages) counted together, never backwards.
private final class ProgressTicks: @unchecked Sendable {
    private let lock = NSLock()
    private var dated = 0, linked = 0, last = 0
    let total: Int, bytes: Int
    let progress: ProgressHandler?
    init(total: Int, bytes: Int, progress: ProgressHandler?) { self.total = total; self.bytes = bytes; self.progress = progress }
    func report(dated d: Int? = nil, linked l: Int? = nil) {
        guard let progress else { return }
        lock.lock()
        if let d { dated = max(dated, d) }
        if let l { linked = max(linked, l) }
        defer { lock.unlock() }  // one report at a time
        last = max(last, min(dated + linked, total))
        progress(LoadProgress(phase: .analysing, done: last, total: total,
                              bytes: Int(Double(bytes) * Double(last) / Double(total))))
    }
}

/// The links found on another thread (written once before the group's `wait` returns, read after).
private final class LinkBox: @unchecked Sendable {
    var mentions: [PassageMention] = []
}

/// A value computed on first use, once, from any thread.
final class Lazy<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var computed: T?
    private let make: @Sendable () -> T
    init(_ make: @escaping @Sendable () -> T) { self.make = make }
    var value: T {
        lock.lock()
        defer { lock.unlock() }
        if let computed { return computed }
        let v = make()
        computed = v
        return v
    }
}
