import Foundation

/// The human-readable report: one row per figure, one column per size, the targets (issue 12, where
/// it sets one; issue 6 for the in-process figures) at the right for the seeds, 100 MB and 1 GB, with
/// ✓/✗ on the cells they apply to; then the growth exponents and what is not measured.
public enum BenchTable {
    struct Row {
        var label: String
        var value: (SizeReport) -> Double?
        var format: (Double) -> String = fmt
        /// Target at the seeds, at 100 MB and at 1 GB: (operator, value).
        var seeds: (String, Double)? = nil
        var large: (String, Double)? = nil
        var giga: (String, Double)? = nil
        var note: String = ""

        func target(for r: SizeReport) -> (String, Double)? {
            if r.name == "seeds" { return seeds }
            if BenchRunner.is100MB(r) { return large }
            if BenchRunner.is1GB(r) { return giga }
            return nil
        }
    }

    /// The rows of the table, with their targets (the report's checks are made from the same rows).
    static var rows: [Row] {
        let mib = 1_048_576.0
        let ms: (Double) -> String = { fmt($0) }
        return [
            Row(label: "corpus size MB", value: { Double($0.inProcess.bytes) / 1e6 }),
            Row(label: "passages (k)", value: { Double($0.inProcess.passages) / 1000 },
                format: { fmt($0) + "k" }),
            Row(label: "corpus load s", value: { $0.inProcess.loadSeconds }),
            Row(label: "corpus load MB/s", value: { Double($0.inProcess.bytes) / 1e6 / $0.inProcess.loadSeconds }),
            Row(label: "corpus load cpu s", value: { $0.inProcess.loadCPUSeconds }),
            Row(label: "index build (cold) s", value: { $0.inProcess.indexBuildSeconds }),
            Row(label: "index build MB/s", value: { Double($0.inProcess.bytes) / 1e6 / $0.inProcess.indexBuildSeconds },
                large: ("≥", 20)),
            Row(label: "index build cpu s", value: { $0.inProcess.indexBuildCPUSeconds }),
            Row(label: "index file MB", value: { Double($0.inProcess.indexFileBytes) / 1e6 }),
            Row(label: "index open (warm) ms", value: { $0.inProcess.indexOpenWarmSeconds * 1000 }),
            Row(label: "search p50 ms", value: { $0.inProcess.searchP50Ms }, format: ms),
            Row(label: "search p99 (all runs) ms", value: { $0.inProcess.searchP99AllSamplesMs }, format: ms),
            Row(label: "search p99 ms", value: { $0.inProcess.searchP99Ms }, format: ms, seeds: ("≤", 1), large: ("≤", 15)),
            Row(label: "  count only p99 ms", value: { $0.inProcess.countP99Ms }, format: ms),
            Row(label: "  first 50 unranked p99", value: { $0.inProcess.firstPageP99Ms }, format: ms),
            Row(label: "rg -c -i p50 ms", value: { $0.rg?.p50Ms }),
            Row(label: "grep -c -i -r p50 ms", value: { $0.grep?.p50Ms }),
            Row(label: "rg p50 ÷ search p99 ×", value: { r in r.rg.map { $0.p50Ms / r.inProcess.searchP99Ms } },
                large: ("≥", 4)),
            Row(label: "event extraction MB/s", value: { r in r.inProcess.eventSeconds.map { Double(r.inProcess.bytes) / 1e6 / $0 } },
                large: ("≥", 10), giga: ("≥", 10)),
            // Whole process (the binary as a user runs it), warm unless said.
            Row(label: "warm search WORD ms", value: { $0.warmSearch?.medianMs }),
            Row(label: "rg -c -i WORD ms", value: { $0.rgWord?.medianMs }),
            Row(label: "grep -c -i -r WORD ms", value: { $0.grepWord?.medianMs }),
            Row(label: "rg ÷ warm search ×", value: { r in r.rgWord.flatMap { rg in r.warmSearch.map { rg.medianMs / $0.medianMs } } },
                seeds: ("≥", 0.7), large: ("≥", 4), giga: ("≥", 20)),
            Row(label: "warm events --json ms", value: { $0.warmEvents?.medianMs }, seeds: ("≤", 40), large: ("≤", 1500)),
            Row(label: "warm fronts --json ms", value: { $0.warmFronts?.medianMs }, seeds: ("≤", 40), large: ("≤", 1500)),
            Row(label: "start, cold ms", value: { $0.coldStart?.medianMs }, seeds: ("≤", 60), large: ("≤", 12_000),
                giga: ("≤", 150_000)),
            Row(label: "start, warm ms", value: { $0.warmStart?.medianMs }, seeds: ("≤", 15), large: ("≤", 150),
                giga: ("≤", 300)),
            Row(label: "start, warm (best) ms", value: { $0.warmStart?.minMs }),
            Row(label: "peak RSS cold start MB", value: { $0.coldStart.map { Double($0.maxRSS) / mib } },
                seeds: ("≤", 30), large: ("≤", 400), giga: ("≤", 1536)),
            Row(label: "peak RSS warm start MB", value: { $0.warmStart.map { Double($0.maxRSS) / mib } },
                seeds: ("≤", 30), large: ("≤", 150), giga: ("≤", 400)),
            Row(label: "peak RSS in-process MB", value: { Double($0.inProcessMaxRSS) / mib }),
            Row(label: "peak RSS rg MB", value: { $0.rg.map { Double($0.maxRSS) / mib } }),
            Row(label: "keystroke→frame p50 ms", value: { $0.keystrokeP50Ms }),
            Row(label: "keystroke→frame p99 ms", value: { $0.keystrokeP99Ms }, seeds: ("≤", 2), large: ("≤", 5),
                giga: ("≤", 10)),
        ]
    }

    public static func render(_ report: BenchReport) -> String {
        let rows = Self.rows
        let sizes = report.sizes
        let labelWidth = 24, cellWidth = 13
        func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
            let n = s.count
            guard n < w else { return s }
            return right ? String(repeating: " ", count: w - n) + s : s + String(repeating: " ", count: w - n)
        }
        var out = pad("figure", labelWidth)
        for s in sizes { out += pad(s.name, cellWidth, right: true) }
        out += "   target (seeds · 100 MB · 1 GB)\n"
        out += String(repeating: "─", count: labelWidth + cellWidth * sizes.count + 36) + "\n"
        for row in rows {
            var line = pad(row.label, labelWidth)
            var anyValue = false
            for s in sizes {
                guard let v = row.value(s), v.isFinite else { line += pad("—", cellWidth, right: true); continue }
                anyValue = true
                var cell = row.format(v)
                if let (op, t) = row.target(for: s) {
                    cell += (op == "≤" ? v <= t : v >= t) ? " ✓" : " ✗"
                } else {
                    cell += "  "
                }
                line += pad(cell, cellWidth, right: true)
            }
            let t = [row.seeds, row.large, row.giga].map { $0.map { "\($0.0) \(fmt($0.1))" } ?? "—" }
            line += "   " + (row.seeds == nil && row.large == nil && row.giga == nil ? "" : t.joined(separator: " · "))
            if !anyValue, row.label.hasPrefix("event") || row.label.hasPrefix("keystroke") {
                line += "  (not yet measured)"
            }
            out += line + "\n"
        }
        if !report.growth.isEmpty {
            out += "\ngrowth between consecutive generated sizes: k = log(v2/v1) / log(size2/size1), v ∝ size^k (1 = linear);\n"
                + "k = least-squares fit over all of them\n"
            for g in report.growth {
                let k = g.exponent.map { String(format: "%.2f", $0) } ?? "—"
                out += pad(g.figure, labelWidth) + pad("k = " + k, 11, right: true) + "   "
                    + g.steps.joined(separator: ", ") + (g.superLinear ? "   ⚠ super-linear" : "") + "\n"
            }
        }
        out += "\nstart = \(report.sizes.first?.warmStart?.command ?? "—") (median; cold: empty XDG_CACHE_HOME)\n"
        if let s = report.sizes.first(where: { $0.warmSearch != nil }), let w = s.warmSearch {
            out += "WORD: \(w.command), beside \(s.rgWord?.command ?? "rg: not installed") and "
                + "\(s.grepWord?.command ?? "grep: not found") (whole process, median of \(w.runs) runs after one unmeasured)\n"
        }
        out += String(format: "machine: %d cores, load average %.1f before and %.1f after the run (other processes share the cores)\n",
                      report.cores, report.loadAverage.first ?? 0, report.loadAverage.last ?? 0)
        if !report.notYetMeasured.isEmpty {
            out += "\nnot yet measured:\n" + report.notYetMeasured.map { "  - \($0)\n" }.joined()
        }
        let failed = report.checks.filter { $0.pass == false }
        out += "\n\(report.checks.filter { $0.pass == true }.count) targets met, \(failed.count) missed"
        if !failed.isEmpty {
            out += ": " + failed.map { "\($0.figure) at \($0.size) = \(fmt($0.value ?? .nan)) (\($0.target))" }.joined(separator: "; ")
        }
        out += "\n"
        return out
    }
}
