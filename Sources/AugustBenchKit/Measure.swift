import AugustCore
import AugustSearch
import Foundation

/// Where parts of the product that are still being built plug into the benchmark. Each seam left
/// `nil` is reported as "not yet measured".
public struct BenchSeams: Sendable {
    /// Event extraction (and entity linking) over a loaded corpus, in process; returns the number of
    /// events found. Timed by the benchmark, which reports seconds and MB/s.
    public var extractEvents: (@Sendable (Corpus) throws -> Int)?
    /// A scripted explorer session (scrolling the timeline, jumping to passages, typing a search
    /// letter by letter) run through the `august` binary at `august` on the corpus folder, returning
    /// the latency of each keystroke to its frame, in seconds (e.g. parsed from `--print-frames`).
    /// (in the cache the warm starts used: `cacheHome` is their XDG_CACHE_HOME).
    public var keystrokeFrames: (@Sendable (_ august: String, _ corpusDirectory: String, _ cacheHome: String) throws -> [Double])?
    /// Arguments (after the binary) of the start-up measurement: the time from exec to the first
    /// output, cold (empty cache) and warm. Today `search soviet`; later `--print-screen`.
    public var startArguments: @Sendable (_ corpusDirectory: String) -> [String]
    /// What `startArguments` measures, for the table.
    public var startLabel: String

    public init(extractEvents: (@Sendable (Corpus) throws -> Int)? = nil,
                keystrokeFrames: (@Sendable (String, String, String) throws -> [Double])? = nil,
                startArguments: @escaping @Sendable (String) -> [String] = { ["search", "soviet", "--corpus", $0] },
                startLabel: String = "`august search soviet` to exit") {
        self.extractEvents = extractEvents
        self.keystrokeFrames = keystrokeFrames
        self.startArguments = startArguments
        self.startLabel = startLabel
    }

    /// The seams as wired: events with entity linking (the explorer's whole analysis), the
    /// explorer's first frame for start-up, and a scripted session through `--print-frames`.
    public static let current = BenchSeams(
        extractEvents: { Analysis.build(corpus: $0).events.count },
        keystrokeFrames: { august, dir, cache in try ExplorerSession.latencies(august: august, corpus: dir, cacheHome: cache) },
        startArguments: { ["--corpus", $0, "--size", "100x30", "--keys", "", "--print-screen"] },
        startLabel: "`august --print-screen` (first frame) to exit")
}

/// A scripted explorer session: scrolling the timeline, jumping to passages and on to other
/// mentions, switching panes, typing a search letter by letter and walking its matches.
public enum ExplorerSession {
    /// Each character after `/` is one keystroke: the search runs again as every letter is typed.
    public static let keys = "jjjjjjjjjj<PgDn><PgDn>kkkk<Enter>]][[" + "<Tab>jjj<Tab>jj<C-d><C-u>" + "1gG<Home>"
        + "/soviet<Enter>nnnnNN<Esc>" + "/kwantung army<Enter>nnn<BS><BS>" + "jjjj<Enter>]" + "s<Esc>?<Esc>"

    /// Keystroke-to-frame latencies in seconds, parsed from `--print-frames` (each frame reports the
    /// time of the update and of the render that followed its key).
    /// Run warm: in the cache (`cacheHome`, an XDG_CACHE_HOME) the start-up figures filled, so the
    /// session does not analyse the corpus again first (at 1 GB that is a quarter of an hour).
    public static func latencies(august: String, corpus: String, cacheHome: String) throws -> [Double] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("august-frames-\(getpid()).txt").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try Child.run([august, "--corpus", corpus, "--size", "100x30", "--keys", keys, "--print-frames"], stdout: out,
                              environment: ["XDG_CACHE_HOME": cacheHome])
        guard r.status == 0 else { throw GeneratorError("--print-frames session failed (exit \(r.status))") }
        let text = try String(contentsOfFile: out, encoding: .utf8)
        var lat: [Double] = []
        for line in text.split(separator: "\n") where line.hasPrefix("--- frame ") && !line.hasPrefix("--- frame 0 ") {
            // `--- frame N KEY WxH update U µs render R µs`
            let words = line.split(separator: " ")
            var total = 0.0
            for (i, w) in words.enumerated() where (w == "update" || w == "render") && i + 1 < words.count {
                total += Double(words[i + 1]) ?? 0
            }
            lat.append(total / 1e6)
        }
        return lat
    }
}

/// Figures measured inside one process for one corpus (the `measure` step of `august-bench run`).
public struct InProcessFigures: Sendable, Codable {
    public struct QueryFigure: Sendable, Codable {
        public var query: String
        public var kind: String
        public var hits: Int
        public var p50Ms: Double
        public var maxMs: Double
    }

    public var bytes: Int
    public var files: Int
    public var passages: Int
    /// Corpus.load: read, decode, split into passages (median of the runs).
    public var loadSeconds: Double
    public var loadRuns: Int
    /// CPU time (user + system, all threads) of one load and of the build: less disturbed than
    /// wall time by other processes on a shared machine; above wall time where work runs in parallel.
    public var loadCPUSeconds: Double
    public var indexBuildCPUSeconds: Double
    /// SearchIndex build into an empty cache folder.
    public var indexBuildSeconds: Double
    public var indexFileBytes: Int
    /// SearchIndex open of the cache built just before (validation included).
    public var indexOpenWarmSeconds: Double
    /// `search(query, limit: 50, rankLimit: SearchIndex.defaultRankLimit)` (what `august search`
    /// does) over the 50 queries, warm index: p50 and p99 over the queries,
    /// each query counted by its median time over the rounds (so that another process taking
    /// the CPU for a moment does not decide the p99 on a shared machine).
    public var searchP50Ms: Double
    public var searchP99Ms: Double
    /// The same over every sample (noise included), and the slowest sample.
    public var searchP50AllSamplesMs: Double
    public var searchP99AllSamplesMs: Double
    public var searchMaxMs: Double
    public var searchSamples: Int
    /// The parts a lazy result list would show first, same queries and rounds: the count alone
    /// (`search(limit: 0)`), and the first 50 matches in corpus order (no ranking).
    public var countP50Ms: Double?
    public var countP99Ms: Double?
    public var firstPageP50Ms: Double?
    public var firstPageP99Ms: Double?
    public var queries: [QueryFigure]
    /// Event extraction: nil until the seam is wired.
    public var eventSeconds: Double?
    public var eventCount: Int?
    /// Peak RSS (VmHWM) of this process during each stage, bytes.
    public var peakRSSLoad: Int
    public var peakRSSBuild: Int
    public var peakRSSSearch: Int
    public var peakRSSEvents: Int?
}

public enum InProcess {
    /// Measures corpus load, index build (cold, into `cacheDirectory` which is emptied first), warm
    /// open and the 50 queries (`rounds` times each, first round discarded as warm-up).
    public static func measure(corpusDirectory: URL, cacheDirectory: String, loadRuns: Int, rounds: Int,
                               seams: BenchSeams = .current) throws -> InProcessFigures {
        let fm = FileManager.default
        PeakRSS.reset()
        var loadTimes: [Double] = []
        var loadCPU: [Double] = []
        var corpus: Corpus?
        for _ in 0..<max(1, loadRuns) {
            corpus = nil
            let t0 = now(), c0 = cpuTime()
            corpus = try Corpus.load(directory: corpusDirectory)
            loadTimes.append(now() - t0)
            loadCPU.append(cpuTime() - c0)
        }
        let c = corpus!
        let peakLoad = PeakRSS.current()

        try? fm.removeItem(atPath: cacheDirectory)
        try fm.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
        PeakRSS.reset()
        var t0 = now()
        let c0 = cpuTime()
        var index: SearchIndex? = try SearchIndex(corpus: c, cacheDirectory: cacheDirectory)
        let build = now() - t0
        let buildCPU = cpuTime() - c0
        let peakBuild = PeakRSS.current()
        guard index!.built, case .file(let path) = index!.location else {
            throw GeneratorError("the index was not built into \(cacheDirectory)")
        }
        let fileBytes = ((try? fm.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
        index = nil

        t0 = now()
        let warm = try SearchIndex(corpus: c, cacheDirectory: cacheDirectory)
        let openWarm = now() - t0
        guard !warm.built else { throw GeneratorError("the cached index was not reused") }

        PeakRSS.reset()
        let parsed = try BenchQueries.all.map { try SearchQuery.parse($0.query) }
        var samples: [Double] = []
        var perQuery = [[Double]](repeating: [], count: parsed.count)
        var hits = [Int](repeating: 0, count: parsed.count)
        for round in 0..<(max(1, rounds) + 1) {
            for (i, q) in parsed.enumerated() {
                let t = now()
                let r = try warm.search(q, limit: 50, rankLimit: SearchIndex.defaultRankLimit)
                let dt = now() - t
                hits[i] = r.count
                if round > 0 {
                    samples.append(dt)
                    perQuery[i].append(dt)
                }
            }
        }
        var countTimes = [[Double]](repeating: [], count: parsed.count)
        var pageTimes = [[Double]](repeating: [], count: parsed.count)
        for round in 0..<(max(1, rounds) + 1) {
            for (i, q) in parsed.enumerated() {
                var t = now()
                _ = try warm.search(q, limit: 0)
                let dc = now() - t
                t = now()
                _ = try warm.matchesInCorpusOrder(q, limit: 50)
                let dp = now() - t
                if round > 0 {
                    countTimes[i].append(dc)
                    pageTimes[i].append(dp)
                }
            }
        }
        let countMedians = countTimes.map { Stats.percentile($0, 50) * 1000 }
        let pageMedians = pageTimes.map { Stats.percentile($0, 50) * 1000 }
        let peakSearch = PeakRSS.current()

        var eventSeconds: Double?
        var eventCount: Int?
        var peakEvents: Int?
        if let extract = seams.extractEvents {
            PeakRSS.reset()
            let t = now()
            eventCount = try extract(c)
            eventSeconds = now() - t
            peakEvents = PeakRSS.current()
        }

        let queries = BenchQueries.all.enumerated().map { i, q in
            InProcessFigures.QueryFigure(query: q.query, kind: q.kind.rawValue, hits: hits[i],
                                         p50Ms: Stats.percentile(perQuery[i], 50) * 1000,
                                         maxMs: (perQuery[i].max() ?? 0) * 1000)
        }
        return InProcessFigures(
            bytes: c.byteCount, files: c.documents.count, passages: c.passages.count,
            loadSeconds: Stats.percentile(loadTimes, 50), loadRuns: loadTimes.count,
            loadCPUSeconds: Stats.percentile(loadCPU, 50), indexBuildCPUSeconds: buildCPU,
            indexBuildSeconds: build, indexFileBytes: fileBytes, indexOpenWarmSeconds: openWarm,
            searchP50Ms: Stats.percentile(queries.map(\.p50Ms), 50), searchP99Ms: Stats.percentile(queries.map(\.p50Ms), 99),
            searchP50AllSamplesMs: Stats.percentile(samples, 50) * 1000,
            searchP99AllSamplesMs: Stats.percentile(samples, 99) * 1000,
            searchMaxMs: (samples.max() ?? 0) * 1000, searchSamples: samples.count,
            countP50Ms: Stats.percentile(countMedians, 50), countP99Ms: Stats.percentile(countMedians, 99),
            firstPageP50Ms: Stats.percentile(pageMedians, 50), firstPageP99Ms: Stats.percentile(pageMedians, 99),
            queries: queries,
            eventSeconds: eventSeconds, eventCount: eventCount,
            peakRSSLoad: peakLoad, peakRSSBuild: peakBuild, peakRSSSearch: peakSearch, peakRSSEvents: peakEvents)
    }
}

public enum Stats {
    /// Nearest-rank percentile of `values` (0 for none).
    public static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        let rank = Int((p / 100 * Double(s.count)).rounded(.up))
        return s[min(max(rank, 1), s.count) - 1]
    }

    /// The growth exponent between two sizes: k = log(y2/y1) / log(x2/x1), so that y ∝ x^k (1 =
    /// linear, 2 = quadratic, 0 = flat). Nil when a value is not positive or the sizes are equal.
    public static func growthExponent(from a: (x: Double, y: Double), to b: (x: Double, y: Double)) -> Double? {
        guard a.x > 0, b.x > 0, a.y > 0, b.y > 0, a.x != b.x, a.y.isFinite, b.y.isFinite else { return nil }
        return log(b.y / a.y) / log(b.x / a.x)
    }

    /// Least-squares slope of log(y) against log(x): the exponent of y ∝ x^k.
    public static func logLogSlope(_ points: [(x: Double, y: Double)]) -> Double? {
        let pts = points.filter { $0.x > 0 && $0.y > 0 }
        guard pts.count >= 2 else { return nil }
        let lx = pts.map { log($0.x) }, ly = pts.map { log($0.y) }
        let mx = lx.reduce(0, +) / Double(lx.count), my = ly.reduce(0, +) / Double(ly.count)
        var num = 0.0, den = 0.0
        for i in lx.indices {
            num += (lx[i] - mx) * (ly[i] - my)
            den += (lx[i] - mx) * (lx[i] - mx)
        }
        return den > 0 ? num / den : nil
    }
}
