@testable import AugustBenchKit
import AugustCore
import Foundation
import Testing

/// A size report with made-up figures (no process is run): `bytes` of corpus, every time `t` ms and
/// every peak RSS `rss` bytes, the warm search `search` ms, rg `rg` ms.
private func size(_ name: String, bytes: Int, t: Double, rss: Int = 100 << 20, search: Double, rg: Double) -> SizeReport {
    let figures = InProcessFigures(
        bytes: bytes, files: 10, passages: 1000, loadSeconds: t / 1000, loadRuns: 1, loadCPUSeconds: t / 1000,
        indexBuildCPUSeconds: t / 1000, indexBuildSeconds: t / 1000, indexFileBytes: bytes, indexOpenWarmSeconds: 0.001,
        searchP50Ms: 1, searchP99Ms: 2, searchP50AllSamplesMs: 1, searchP99AllSamplesMs: 2, searchMaxMs: 3,
        searchSamples: 50, countP50Ms: nil, countP99Ms: nil, firstPageP50Ms: nil, firstPageP99Ms: nil, queries: [],
        eventSeconds: Double(bytes) / 1e6 / 12, eventCount: 5, peakRSSLoad: rss, peakRSSBuild: rss, peakRSSSearch: rss,
        peakRSSEvents: rss)
    func run(_ command: String, _ ms: Double) -> StartFigures {
        StartFigures(command: command, medianMs: ms, minMs: ms, runs: 3, maxRSS: rss)
    }
    return SizeReport(name: name, directory: "/dev/null", inProcess: figures, inProcessMaxRSS: rss, rg: nil, grep: nil,
                      coldStart: run("august --print-screen", t), warmStart: run("august --print-screen", t / 10),
                      keystrokeP50Ms: 0.5, keystrokeP99Ms: 1, warmSearch: run("august search mudanjiang --limit 20", search),
                      warmEvents: run("august events --json", t), warmFronts: run("august fronts --json", t),
                      rgWord: run("rg -c -i mudanjiang DIR", rg), grepWord: run("grep -c -i -r mudanjiang DIR", rg * 3))
}

private func report(_ sizes: [SizeReport]) -> BenchReport {
    BenchReport(date: "2026-12-03T00:00:00Z", cores: 2, loadAverage: [1, 1], august: "august", seed: 1945,
                sizes: sizes, growth: BenchRunner.growth(sizes),
                checks: BenchRunner.checks(sizes, options: BenchOptions(sizes: [], seed: 1945, workDirectory: "", seedsDirectory: "",
                                                                         august: "", benchExecutable: "", rg: nil, grep: nil)),
                notYetMeasured: [])
}

@Suite struct GrowthExponentTests {
    @Test func exponentIsLogOfRatioOverLogOfSizeRatio() throws {
        // Linear, quadratic, flat, square root, and a time that halves.
        #expect(try #require(Stats.growthExponent(from: (10e6, 2), to: (100e6, 20))) == 1)
        #expect(abs(try #require(Stats.growthExponent(from: (10e6, 2), to: (100e6, 200))) - 2) < 1e-12)
        #expect(try #require(Stats.growthExponent(from: (100e6, 7), to: (1e9, 7))) == 0)
        #expect(abs(try #require(Stats.growthExponent(from: (1e8, 3), to: (1e9, 3 * 10.0.squareRoot()))) - 0.5) < 1e-12)
        #expect(try #require(Stats.growthExponent(from: (1e7, 8), to: (1e8, 4))) < 0)
        // Not defined: a figure of 0, a missing size, the same size twice.
        #expect(Stats.growthExponent(from: (1e7, 0), to: (1e8, 4)) == nil)
        #expect(Stats.growthExponent(from: (0, 1), to: (1e8, 4)) == nil)
        #expect(Stats.growthExponent(from: (1e8, 1), to: (1e8, 4)) == nil)
    }

    @Test func growthIsGivenBetweenConsecutiveGeneratedSizesOnly() throws {
        // Times ×10 from 10 MB to 100 MB (k = 1), ×100 from 100 MB to 1 GB (k = 2); the seeds are
        // another corpus and take no part.
        let sizes = [size("seeds", bytes: 1_200_000, t: 999, search: 5, rg: 5),
                     size("10MB", bytes: 10_000_000, t: 10, search: 1, rg: 10),
                     size("100MB", bytes: 100_000_000, t: 100, search: 1, rg: 100),
                     size("1GB", bytes: 1_000_000_000, t: 10_000, search: 1, rg: 1000)]
        let growth = BenchRunner.growth(sizes)
        let cold = try #require(growth.first { $0.figure == "start cold ms" })
        #expect(cold.steps == ["10MB→100MB: 1.00", "100MB→1GB: 2.00"])
        #expect(cold.superLinear)
        let rg = try #require(growth.first { $0.figure == "rg -c -i WORD ms" })
        #expect(rg.steps == ["10MB→100MB: 1.00", "100MB→1GB: 1.00"])
        #expect(!rg.superLinear)
        let search = try #require(growth.first { $0.figure == "warm search WORD ms" })
        #expect(search.steps == ["10MB→100MB: 0.00", "100MB→1GB: 0.00"])
        for name in ["warm events --json ms", "warm fronts --json ms", "peak RSS cold start", "peak RSS warm start",
                     "keystroke→frame p99 ms", "grep -c -i -r WORD ms", "start warm ms", "analysis s"] {
            #expect(growth.contains { $0.figure == name && $0.steps.count == 2 }, "\(name)")
        }
        #expect(BenchRunner.growth(Array(sizes.prefix(2))).isEmpty)  // one generated size: no growth
    }
}

@Suite struct BenchTableTests {
    @Test func tableHasOneColumnPerSizeTheWholeProcessRowsAndTheGrowthLines() throws {
        let text = BenchTable.render(report([size("seeds", bytes: 1_200_000, t: 50, search: 10, rg: 5),
                                             size("100MB", bytes: 100_000_000, t: 1000, search: 10, rg: 100),
                                             size("1GB", bytes: 1_000_000_000, t: 10_000, search: 10, rg: 1000)]))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.first)
        #expect(header.hasPrefix("figure"))
        #expect(header.contains("seeds") && header.contains("100MB") && header.contains("1GB"))
        #expect(header.hasSuffix("target (seeds · 100 MB · 1 GB)"))
        func row(_ label: String) throws -> String { try #require(lines.first { $0.hasPrefix(label + " ") }, "\(label)") }
        // rg 5 ms vs search 10 ms at the seeds: 0.5× (target ≥ 0.7, missed); 10× at 100 MB (≥ 4, met);
        // 100× at 1 GB (≥ 20, met).
        let ratio = try row("rg ÷ warm search ×")
        #expect(ratio.contains("0.500 ✗") && ratio.contains("10.0 ✓") && ratio.contains("100 ✓"))
        #expect(ratio.hasSuffix("≥ 0.700 · ≥ 4.00 · ≥ 20.0"))
        #expect(try row("warm search WORD ms").contains("10.0"))
        #expect(try row("rg -c -i WORD ms").contains("1000"))
        #expect(try row("grep -c -i -r WORD ms").contains("3000"))
        // 50 ms events at the seeds (≤ 40: missed), 1000 ms at 100 MB (≤ 1500: met), no target at 1 GB.
        let events = try row("warm events --json ms")
        #expect(events.contains("50.0 ✗") && events.contains("1000 ✓") && events.hasSuffix("≤ 40.0 · ≤ 1500 · —"))
        #expect(try row("warm fronts --json ms").contains("1000 ✓"))
        // 100 MiB peak: over the seeds' 30, under 100 MB's 400 cold, under 1 GB's 1536 cold.
        let cold = try row("peak RSS cold start MB")
        #expect(cold.contains("100 ✗") && cold.contains("100 ✓"))
        #expect(try row("start, cold ms").contains("10000 ✓"))
        #expect(try row("keystroke→frame p99 ms").contains("1.00 ✓"))
        // Every cell of a row lines up under its column: the targets start at the same place on every row.
        let body = lines.dropFirst(2).prefix { !$0.isEmpty }
        #expect(body.count == BenchTable.rows.count)
        for line in body {
            #expect(line.count >= 24 + 13 * 3 + 3 && line.dropFirst(24 + 13 * 3).hasPrefix("   "), "\(line)")
        }
        // The growth section, with both steps of a figure, and the line naming WORD's commands.
        #expect(text.contains("growth between consecutive generated sizes"))
        let coldGrowth = try #require(lines.first { $0.hasPrefix("start cold ms ") })
        #expect(coldGrowth.contains("100MB→1GB: 1.00"))
        #expect(text.contains("WORD: august search mudanjiang --limit 20, beside rg -c -i mudanjiang DIR and grep -c -i -r mudanjiang DIR"))
        // The checks come from the same targets: the missed ones are listed at the end.
        #expect(try #require(lines.last { !$0.isEmpty }).contains("rg ÷ warm search × at seeds = 0.500 (≥ 0.700)"))
    }

    @Test func noGrowthSectionWithOneGeneratedSize() {
        let text = BenchTable.render(report([size("seeds", bytes: 1_200_000, t: 50, search: 10, rg: 5),
                                             size("10MB", bytes: 10_000_000, t: 500, search: 10, rg: 50)]))
        #expect(!text.contains("growth between"))
        #expect(text.contains("warm search WORD ms"))
    }
}

@Suite struct StreamingGeneratorTests {
    @Test func writingStreamsTheSameDocumentsTheListGives() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("seeds")
        let generator = CorpusGenerator(sources: try Corpus.load(directory: seeds))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("august-gen-\(getpid())-\(UUID().uuidString.prefix(6))")
        defer { try? FileManager.default.removeItem(at: dir) }
        let summary = try generator.write(size: 250_000, seed: 11, to: dir)
        let docs = generator.documents(size: 250_000, seed: 11)
        #expect(summary.files == docs.count)
        #expect(summary.bytes == docs.reduce(0) { $0 + $1.text.utf8.count })
        for d in docs {
            #expect(try Data(contentsOf: dir.appendingPathComponent(d.path)) == Data(d.text.utf8))
        }
        #expect(BenchRunner.folderBytes(dir.path) == summary.bytes)  // the manifest (hidden) left out
    }
}
