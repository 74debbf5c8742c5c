import AugustCore
import Foundation

/// Wall times of a reference tool over the 50 queries.
public struct ReferenceFigures: Sendable, Codable {
    public var tool: String
    public var command: String
    public var p50Ms: Double
    public var p99Ms: Double
    public var totalSeconds: Double
    public var maxRSS: Int
    public var perQueryMs: [Double]
}

public struct StartFigures: Sendable, Codable {
    public var command: String
    public var medianMs: Double
    /// The fastest run (the least disturbed by other processes).
    public var minMs: Double
    public var runs: Int
    public var maxRSS: Int
}

public struct Placeholder: Sendable, Codable {
    public var status = "not yet measured"
}

public struct SizeReport: Sendable, Codable {
    public var name: String
    public var directory: String
    public var inProcess: InProcessFigures
    /// Peak RSS of the whole in-process measurement (load + build + search), from wait4.
    public var inProcessMaxRSS: Int
    public var rg: ReferenceFigures?
    public var grep: ReferenceFigures?
    public var coldStart: StartFigures?
    public var warmStart: StartFigures?
    public var keystrokeP50Ms: Double?
    public var keystrokeP99Ms: Double?
    /// Whole process, warm (the cache filled by the cold starts), each the median of its runs with
    /// the peak RSS of the largest: `august search WORD --limit 20`, `august events --json`,
    /// `august fronts --json`; and beside them, over the same files and the same WORD, `rg -c -i`
    /// and `grep -c -i -r`. Nil where not measured (a report from before they were).
    public var warmSearch: StartFigures?
    public var warmEvents: StartFigures?
    public var warmFronts: StartFigures?
    public var rgWord: StartFigures?
    public var grepWord: StartFigures?
    /// Figures not measured yet, by name, with the reason ("not yet measured: …").
    public var notMeasured: [String: String] = [:]
}

public struct GrowthFigure: Sendable, Codable {
    public var figure: String
    /// Size ratios and the exponent between consecutive generated sizes, then the fit over all.
    public var steps: [String]
    public var exponent: Double?
    public var expectLinear: Bool
    public var superLinear: Bool
}

public struct Check: Sendable, Codable {
    public var figure: String
    public var size: String
    public var value: Double?
    public var target: String
    public var pass: Bool?
}

public struct BenchReport: Sendable, Codable {
    public var generatedBy = "august-bench run"
    public var date: String
    public var cores: Int
    /// 1-minute load average before and after the run (other processes share the cores).
    public var loadAverage: [Double]
    public var august: String
    public var seed: UInt64
    public var sizes: [SizeReport]
    public var growth: [GrowthFigure]
    public var checks: [Check]
    public var notYetMeasured: [String]
}

public struct BenchOptions: Sendable {
    public var sizes: [String]
    public var seed: UInt64
    public var workDirectory: String
    public var seedsDirectory: String
    public var august: String
    public var benchExecutable: String
    public var rg: String?
    public var grep: String?
    public var seams: BenchSeams
    /// The word of the whole-process search (`august search WORD --limit 20` beside `rg -c -i WORD`).
    public var word: String

    public init(sizes: [String], seed: UInt64, workDirectory: String, seedsDirectory: String, august: String,
                benchExecutable: String, rg: String?, grep: String?, seams: BenchSeams = .current,
                word: String = "mudanjiang") {
        self.word = word
        self.sizes = sizes
        self.seed = seed
        self.workDirectory = workDirectory
        self.seedsDirectory = seedsDirectory
        self.august = august
        self.benchExecutable = benchExecutable
        self.rg = rg
        self.grep = grep
        self.seams = seams
    }
}

public enum BenchRunner {
    static func progress(_ s: String) {
        FileHandle.standardError.write(Data("· \(s)\n".utf8))
    }

    /// How many repetitions a corpus of `bytes` gets (fewer as it grows, to keep a run short).
    struct Plan { var loadRuns: Int; var rounds: Int; var starts: Int; var refRounds: Int }
    static func plan(bytes: Int) -> Plan {
        switch bytes {
        case ..<1_000_000: return Plan(loadRuns: 10, rounds: 20, starts: 10, refRounds: 5)
        case ..<5_000_000: return Plan(loadRuns: 5, rounds: 10, starts: 5, refRounds: 3)
        case ..<50_000_000: return Plan(loadRuns: 3, rounds: 5, starts: 3, refRounds: 2)
        case ..<500_000_000: return Plan(loadRuns: 1, rounds: 3, starts: 1, refRounds: 1)
        default: return Plan(loadRuns: 1, rounds: 1, starts: 1, refRounds: 1)
        }
    }

    /// The bytes of the regular files under `directory` (hidden ones, such as the generator's
    /// manifest, left out): the size that picks the plan, without loading the corpus.
    static func folderBytes(_ directory: String) -> Int {
        guard let e = FileManager.default.enumerator(at: URL(fileURLWithPath: directory),
                                                     includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey],
                                                     options: [.skipsHiddenFiles]) else { return 0 }
        var total = 0
        for case let url as URL in e {
            guard let v = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey]), v.isRegularFile == true else { continue }
            total += v.fileSize ?? 0
        }
        return total
    }

    /// The folder of a size: the seeds themselves, or a generated corpus (reused when its manifest
    /// matches this seed, size, generator version and source texts).
    public static func corpusDirectory(for size: String, options: BenchOptions) throws -> String {
        if size == "seeds" { return options.seedsDirectory }
        guard let bytes = CorpusGenerator.parseSize(size) else { throw GeneratorError("unknown size \(size)") }
        let sources = try Corpus.load(directory: URL(fileURLWithPath: options.seedsDirectory))
        let dir = URL(fileURLWithPath: options.workDirectory)
            .appendingPathComponent("corpus-\(size)-seed\(options.seed)")
        if let m = CorpusGenerator.existing(in: dir), m.generator == CorpusGenerator.version, m.seed == options.seed,
           m.size == bytes, m.source == sources.fingerprint {
            progress("\(size): reusing \(dir.path)")
            return dir.path
        }
        progress("\(size): generating \(dir.path)")
        let t = now()
        let s = try CorpusGenerator(sources: sources).write(size: bytes, seed: options.seed, to: dir)
        progress(String(format: "%@: %d files, %.1f MB in %.1f s", size, s.files, Double(s.bytes) / 1e6, now() - t))
        return dir.path
    }

    public static func run(_ options: BenchOptions) throws -> BenchReport {
        var reports: [SizeReport] = []
        let loadBefore = loadAverage()
        let tmp = options.workDirectory + "/tmp-\(getpid())"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        for size in options.sizes {
            let dir = try corpusDirectory(for: size, options: options)
            reports.append(try measureSize(size, directory: dir, tmp: tmp, options: options))
        }
        var notMeasured: [String] = []
        if options.seams.extractEvents == nil { notMeasured.append("event extraction and entity linking (seconds, MB/s)") }
        if options.seams.keystrokeFrames == nil { notMeasured.append("keystroke to frame p50/p99 (`--print-frames`)") }
        if options.seams.startLabel.contains("search") {
            notMeasured.append("start to first rendered frame (`--print-screen`): measured as \(options.seams.startLabel) until the explorer lands")
        }
        let f = ISO8601DateFormatter()
        return BenchReport(date: f.string(from: Date()), cores: ProcessInfo.processInfo.activeProcessorCount,
                           loadAverage: [loadBefore, loadAverage()],
                           august: options.august, seed: options.seed, sizes: reports,
                           growth: growth(reports), checks: checks(reports, options: options), notYetMeasured: notMeasured)
    }

    static func measureSize(_ name: String, directory: String, tmp: String, options: BenchOptions) throws -> SizeReport {
        // 1. In process, in a child of our own so that its peak RSS is its own.
        let out = tmp + "/measure.json", err = tmp + "/measure.err"
        let firstBytes = folderBytes(directory)
        let plan = plan(bytes: firstBytes)
        progress("\(name): load, index build, 50 queries × \(plan.rounds) (in process)")
        let child = try Child.run([options.benchExecutable, "measure", "--corpus", directory, "--cache", tmp + "/cache",
                                   "--load-runs", String(plan.loadRuns), "--rounds", String(plan.rounds)],
                                  stdout: out, stderr: err)
        guard child.status == 0, let data = FileManager.default.contents(atPath: out) else {
            let e = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
            throw GeneratorError("measure failed on \(name) (exit \(child.status)): \(e)")
        }
        let inProcess = try JSONDecoder().decode(InProcessFigures.self, from: data)

        // 2. The reference tools over the same files.
        var rg: ReferenceFigures?, grep: ReferenceFigures?
        if let path = options.rg {
            progress("\(name): rg -c -i × 50 queries × \(plan.refRounds)")
            rg = try reference(tool: "rg", args: { [path, "-c", "-i", "-e", $0, directory] },
                               display: "rg -c -i PATTERN DIR", rounds: plan.refRounds)
        }
        if let path = options.grep {
            progress("\(name): grep -c -i -r × 50 queries × \(plan.refRounds)")
            grep = try reference(tool: "grep", args: { [path, "-c", "-i", "-r", "-E", "-e", $0, directory] },
                                 display: "grep -c -i -r -E PATTERN DIR", rounds: plan.refRounds)
        }

        // 3. The real binary, cold (empty XDG_CACHE_HOME) and warm (cache filled by the cold run).
        var cold: [ChildRun] = [], warm: [ChildRun] = []
        let args = [options.august] + options.seams.startArguments(directory)
        progress("\(name): start-up of the binary, cold × \(plan.starts) and warm × \(max(plan.starts, 3))")
        var lastCache = ""
        for i in 0..<plan.starts {
            lastCache = tmp + "/xdg-cold-\(i)"
            try? FileManager.default.removeItem(atPath: lastCache)
            try FileManager.default.createDirectory(atPath: lastCache, withIntermediateDirectories: true)
            let r = try Child.run(args, stderr: tmp + "/start.err", environment: ["XDG_CACHE_HOME": lastCache])
            guard r.status == 0 else { throw GeneratorError("\(args.joined(separator: " ")) failed (exit \(r.status))") }
            cold.append(r)
        }
        _ = try Child.run(args, environment: ["XDG_CACHE_HOME": lastCache])  // page cache, after the build
        for _ in 0..<max(plan.starts, 3) {
            let r = try Child.run(args, stderr: tmp + "/start.err", environment: ["XDG_CACHE_HOME": lastCache])
            guard r.status == 0 else { throw GeneratorError("\(args.joined(separator: " ")) failed (exit \(r.status))") }
            warm.append(r)
        }
        func start(_ runs: [ChildRun], _ command: String = "august " + options.seams.startArguments("DIR").joined(separator: " ")) -> StartFigures {
            StartFigures(command: command,
                         medianMs: Stats.percentile(runs.map(\.seconds), 50) * 1000,
                         minMs: (runs.map(\.seconds).min() ?? 0) * 1000, runs: runs.count,
                         maxRSS: runs.map(\.maxRSS).max() ?? 0)
        }

        // 3b. Whole process, warm, in the cache the cold starts filled: each command once unmeasured
        // (files in the page cache, any small cache file written), then timed; rg and grep over the
        // same files for the same word, in the same run.
        let runs = max(plan.starts, 3)
        func timed(_ label: String, _ argv: [String], display: String, environment: [String: String] = [:],
                   okStatus: ClosedRange<Int32> = 0...0) throws -> StartFigures {
            progress("\(name): \(label) × \(runs)")
            var all: [ChildRun] = []
            for i in 0...runs {
                let r = try Child.run(argv, stderr: tmp + "/command.err", environment: environment)
                guard okStatus.contains(r.status) else {
                    throw GeneratorError("\(argv.joined(separator: " ")) failed (exit \(r.status))")
                }
                if i > 0 { all.append(r) }
            }
            return start(all, display)
        }
        let xdg = ["XDG_CACHE_HOME": lastCache]
        let word = options.word
        let warmSearch = try timed("warm august search", [options.august, "search", word, "--limit", "20", "--corpus", directory],
                                   display: "august search \(word) --limit 20", environment: xdg, okStatus: 0...1)
        let warmEvents = try timed("warm august events --json", [options.august, "events", "--json", "--corpus", directory],
                                   display: "august events --json", environment: xdg)
        let warmFronts = try timed("warm august fronts --json", [options.august, "fronts", "--json", "--corpus", directory],
                                   display: "august fronts --json", environment: xdg)
        let rgWord = try options.rg.map {
            try timed("rg -c -i", [$0, "-c", "-i", word, directory], display: "rg -c -i \(word) DIR", okStatus: 0...1)
        }
        let grepWord = try options.grep.map {
            try timed("grep -c -i -r", [$0, "-c", "-i", "-r", word, directory], display: "grep -c -i -r \(word) DIR", okStatus: 0...1)
        }
        // 4. Keystroke to frame, warm (in the cache the cold starts filled).
        var kp50: Double?, kp99: Double?
        if let session = options.seams.keystrokeFrames {
            let lat = try session(options.august, directory, lastCache)
            kp50 = Stats.percentile(lat, 50) * 1000
            kp99 = Stats.percentile(lat, 99) * 1000
        }
        for i in 0..<plan.starts { try? FileManager.default.removeItem(atPath: tmp + "/xdg-cold-\(i)") }
        var missing: [String: String] = [:]
        if options.seams.extractEvents == nil {
            missing["eventExtraction"] = "not yet measured: event extraction is not on this branch (BenchSeams.extractEvents)"
        }
        if options.seams.keystrokeFrames == nil {
            missing["keystrokeToFrame"] = "not yet measured: needs the explorer's --print-frames (BenchSeams.keystrokeFrames)"
        }
        if rg == nil { missing["rg"] = "not measured: rg is not installed" }
        return SizeReport(name: name, directory: directory, inProcess: inProcess, inProcessMaxRSS: child.maxRSS,
                          rg: rg, grep: grep, coldStart: start(cold), warmStart: start(warm),
                          keystrokeP50Ms: kp50, keystrokeP99Ms: kp99, warmSearch: warmSearch, warmEvents: warmEvents,
                          warmFronts: warmFronts, rgWord: rgWord, grepWord: grepWord, notMeasured: missing)
    }

    static func reference(tool: String, args: (String) -> [String], display: String, rounds: Int) throws -> ReferenceFigures {
        // One run first so the files are in the page cache, as they are for the index.
        _ = try Child.run(args(BenchQueries.all[0].pattern))
        var per = [[Double]](repeating: [], count: BenchQueries.all.count)
        var rss = 0
        for _ in 0..<max(1, rounds) {
            for (i, q) in BenchQueries.all.enumerated() {
                let r = try Child.run(args(q.pattern))
                guard r.status <= 1 else { throw GeneratorError("\(tool) failed (exit \(r.status)) on \(q.pattern)") }
                per[i].append(r.seconds)
                rss = max(rss, r.maxRSS)
            }
        }
        let all = per.flatMap { $0 }
        return ReferenceFigures(tool: tool, command: display, p50Ms: Stats.percentile(all, 50) * 1000,
                                p99Ms: Stats.percentile(all, 99) * 1000, totalSeconds: all.reduce(0, +),
                                maxRSS: rss, perQueryMs: per.map { Stats.percentile($0, 50) * 1000 })
    }

    // MARK: growth and targets

    /// Figures that should grow at most linearly with the corpus, by name.
    static let growthFigures: [(String, Bool, @Sendable (SizeReport) -> Double?)] = [
        ("corpus load s", true, { $0.inProcess.loadSeconds }),
        ("corpus load cpu s", true, { $0.inProcess.loadCPUSeconds }),
        ("index build s", true, { $0.inProcess.indexBuildSeconds }),
        ("index build cpu s", true, { $0.inProcess.indexBuildCPUSeconds }),
        ("index open (warm) s", true, { $0.inProcess.indexOpenWarmSeconds }),
        ("search p50 ms", true, { $0.inProcess.searchP50Ms }),
        ("search p99 ms", true, { $0.inProcess.searchP99Ms }),
        ("start cold ms", true, { $0.coldStart?.medianMs }),
        ("start warm ms", true, { $0.warmStart?.medianMs }),
        ("peak RSS in process", true, { Double($0.inProcessMaxRSS) }),
        ("peak RSS cold start", true, { $0.coldStart.map { Double($0.maxRSS) } }),
        ("peak RSS warm start", true, { $0.warmStart.map { Double($0.maxRSS) } }),
        ("rg p50 ms", true, { $0.rg?.p50Ms }),
        ("grep p50 ms", true, { $0.grep?.p50Ms }),
        ("warm search WORD ms", true, { $0.warmSearch?.medianMs }),
        ("rg -c -i WORD ms", true, { $0.rgWord?.medianMs }),
        ("grep -c -i -r WORD ms", true, { $0.grepWord?.medianMs }),
        ("warm events --json ms", true, { $0.warmEvents?.medianMs }),
        ("warm fronts --json ms", true, { $0.warmFronts?.medianMs }),
        ("keystroke→frame p99 ms", true, { $0.keystrokeP99Ms }),
        ("analysis s", true, { $0.inProcess.eventSeconds }),
    ]

    static func growth(_ reports: [SizeReport]) -> [GrowthFigure] {
        // The generated sizes only (the seeds are another corpus): 1×, 10×, 100×.
        let gen = reports.filter { $0.name != "seeds" }.sorted { $0.inProcess.bytes < $1.inProcess.bytes }
        guard gen.count >= 2 else { return [] }
        return growthFigures.map { name, linear, value in
            var steps: [String] = []
            for (a, b) in zip(gen, gen.dropFirst()) {
                if let ya = value(a), let yb = value(b),
                   let k = Stats.growthExponent(from: (Double(a.inProcess.bytes), ya), to: (Double(b.inProcess.bytes), yb)) {
                    steps.append(String(format: "%@→%@: %.2f", a.name, b.name, k))
                }
            }
            let pts = gen.compactMap { r in value(r).map { (x: Double(r.inProcess.bytes), y: $0) } }
            let k = Stats.logLogSlope(pts)
            return GrowthFigure(figure: name, steps: steps, exponent: k, expectLinear: linear,
                                superLinear: linear && (k ?? 0) > 1.15)
        }
    }

    static func loadAverage() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return 0 }
        return Double(s.split(separator: " ").first ?? "") ?? 0
    }

    static func is100MB(_ r: SizeReport) -> Bool { (90_000_000..<500_000_000).contains(r.inProcess.bytes) && r.name != "seeds" }
    static func is1GB(_ r: SizeReport) -> Bool { r.inProcess.bytes >= 900_000_000 && r.name != "seeds" }

    /// Every figure that has a target at a size of the run (seeds, 100 MB, 1 GB), met or not (nil:
    /// not measured). The targets are the table's.
    static func checks(_ reports: [SizeReport], options: BenchOptions) -> [Check] {
        var out: [Check] = []
        for r in reports {
            for row in BenchTable.rows {
                guard let (op, t) = row.target(for: r) else { continue }
                let v = row.value(r).flatMap { $0.isFinite ? $0 : nil }
                let pass = v.map { op == "≤" ? $0 <= t : $0 >= t }
                out.append(Check(figure: row.label, size: r.name, value: v, target: "\(op) \(fmt(t))", pass: pass))
            }
        }
        return out
    }
}

func fmt(_ v: Double) -> String {
    if v == 0 { return "0" }
    if abs(v) >= 100 { return String(format: "%.0f", v) }
    if abs(v) >= 10 { return String(format: "%.1f", v) }
    if abs(v) >= 1 { return String(format: "%.2f", v) }
    return String(format: "%.3f", v)
}
