import Foundation
import Testing
@testable import AugustCore

/// Parallel passages: which documents render one text, and which of their passages say the same.
@Suite struct AlignTests {
    static let alignDir = seedsURL.deletingLastPathComponent().appendingPathComponent("Tests/Corpora/align")
    static let outsideDir = seedsURL.deletingLastPathComponent().appendingPathComponent("Tests/Corpora/outside")

    /// `FILE:LINE FILE:LINE` rows of a hand alignment (`#` comments).
    static func handPairs(_ name: String) throws -> [(a: String, aLine: Int, b: String, bLine: Int)] {
        let text = try String(contentsOf: alignDir.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").compactMap { raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { return nil }
            let f = line.split(separator: " ").map { $0.split(separator: ":") }
            guard f.count == 2, f[0].count == 2, f[1].count == 2, let x = Int(f[0][1]), let y = Int(f[1][1]) else { return nil }
            return (String(f[0][0]), x, String(f[1][0]), y)
        }
    }

    /// The links of an alignment as `first line of A passage → first line of B passage`.
    static func linePairs(_ al: DocumentAlignment, _ corpus: Corpus) -> Set<[Int]> {
        let da = corpus.document(id: al.a)!, db = corpus.document(id: al.b)!
        return Set(al.links.map { [da.passages[$0.a].lineStart, db.passages[$0.b].lineStart] })
    }

    static func precisionRecall(found: Set<[Int]>, truth: Set<[Int]>) -> (p: Double, r: Double) {
        let hit = Double(found.intersection(truth).count)
        return (found.isEmpty ? 0 : hit / Double(found.count), truth.isEmpty ? 0 : hit / Double(truth.count))
    }

    /// The linker's mentions of the seeds: the explorer and `august align` add them as anchors.
    static let seedMentions: [PassageMention] = (try? EntityLinker.shared()).map { $0.mentions(in: seedCorpus) } ?? []

    @Test(arguments: [false, true]) func theTwoTranslationsInTheSeedsAreFoundAndNoOtherPair(linked: Bool) {
        let p = Parallels.find(in: seedCorpus, mentions: linked ? Self.seedMentions : [])
        let pairs = p.alignments.map { "\($0.a) \($0.b) \(String(format: "%.2f", $0.score))" }
        #expect(p.alignments.count == 1, "\(pairs)")
        let al = p.alignments.first
        #expect(al.map { Set([$0.a, $0.b]) } == Set(["002_10e6d5298eff1f31.txt", "004_9264ff881a3e0ea2.txt"]), "\(pairs)")
    }

    @Test(arguments: [false, true]) func seedTranslationsAgainstTheHandAlignment(linked: Bool) throws {
        let truthRows = try Self.handPairs("seeds-004-002.txt")
        #expect(truthRows.count >= 30)
        let a = truthRows[0].a, b = truthRows[0].b
        let al = try #require(Parallels.pair(a, b, in: seedCorpus, mentions: linked ? Self.seedMentions : []), "the pair is not aligned")
        let found = Self.linePairs(al, seedCorpus)
        let truth = Set(truthRows.map { [$0.aLine, $0.bLine] })
        let (p, r) = Self.precisionRecall(found: found, truth: truth)
        let wrong = found.subtracting(truth).sorted { $0.lexicographicallyPrecedes($1) }
        let missed = truth.subtracting(found).sorted { $0.lexicographicallyPrecedes($1) }
        print("seeds 004/002 (linked names \(linked)) against the hand alignment: precision \(String(format: "%.3f", p)) recall \(String(format: "%.3f", r)); wrong \(wrong), missed \(missed)")
        #expect(p >= 0.85 && r >= 0.75,
                "precision \(String(format: "%.3f", p)) recall \(String(format: "%.3f", r)) (\(found.count) found, \(truth.count) by hand); wrong \(wrong), missed \(missed)")
    }

    /// What unrelated documents score: the figures the thresholds are set against (printed).
    @Test func unrelatedDocumentsStayFarBelowTheThreshold() throws {
        var texts: [(id: String, text: String)] = []
        for d in seedCorpus.documents {
            let lines = try String(contentsOf: seedsURL.appendingPathComponent(d.id), encoding: .utf8)
            texts.append((d.id, lines))
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.outsideDir.path).sorted() where name.hasSuffix(".txt") {
            texts.append(("outside/" + name, try String(contentsOf: Self.outsideDir.appendingPathComponent(name), encoding: .utf8)))
        }
        let corpus = Corpus(texts: texts)
        let translations: Set<String> = ["002_10e6d5298eff1f31.txt", "004_9264ff881a3e0ea2.txt"]
        var worst = 0.0
        var report: [String] = []
        for (a, b, c, n) in Parallels.coverages(in: corpus) {
            report.append("\(a) \(b) coverage \(String(format: "%.3f", c)) links \(n)")
            if !(translations.contains(a) && translations.contains(b)) { worst = max(worst, c) }
        }
        print(report.joined(separator: "\n"))
        #expect(worst < Parallels.minimumCoverage / 2, "\(report.joined(separator: "\n"))")
        #expect(Parallels.find(in: corpus).alignments.count == 1)
    }

    /// A report and a paraphrase written for this test: one paragraph split in two, one dropped.
    @Test func aParaphraseWithASplitAndADroppedParagraph() throws {
        let names = ["report.txt", "report-paraphrase.txt"]
        let corpus = Corpus(texts: try names.map { ($0, try String(contentsOf: Self.alignDir.appendingPathComponent($0), encoding: .utf8)) })
        let all = Parallels.find(in: corpus)
        #expect(all.alignments.count == 1, "the two texts are found to render one text")
        let al = try #require(Parallels.pair("report.txt", "report-paraphrase.txt", in: corpus))
        let found = Self.linePairs(al, corpus)
        let truth = Set(try Self.handPairs("report-pair.txt").map { [$0.aLine, $0.bLine] })
        let (p, r) = Self.precisionRecall(found: found, truth: truth)
        #expect(found.isSuperset(of: [[5, 5], [5, 7]]), "the split paragraph is linked to both halves: \(found.sorted { $0.lexicographicallyPrecedes($1) })")
        #expect(!found.contains { $0[0] == 9 }, "the dropped paragraph stays unaligned: \(found.sorted { $0.lexicographicallyPrecedes($1) })")
        #expect(p >= 0.85 && r >= 0.75, "precision \(p) recall \(r): \(found.sorted { $0.lexicographicallyPrecedes($1) })")
    }

    @Test func twoDocumentsThatShareNothingAreNotAligned() throws {
        let off = try String(contentsOf: Self.outsideDir.appendingPathComponent("f_offtopic.txt"), encoding: .utf8)
        let seed = try String(contentsOf: seedsURL.appendingPathComponent("004_9264ff881a3e0ea2.txt"), encoding: .utf8)
        let corpus = Corpus(texts: [("seed.txt", seed), ("offtopic.txt", off)])
        #expect(Parallels.find(in: corpus).alignments.isEmpty)
        #expect(Parallels.pair("seed.txt", "offtopic.txt", in: corpus) == nil)
        // Nor a document and an empty one, nor one with itself.
        let lone = Corpus(texts: [("a.txt", seed), ("b.txt", "\n\n")])
        #expect(Parallels.find(in: lone).alignments.isEmpty)
        #expect(Parallels.pair("seed.txt", "seed.txt", in: corpus) == nil)
    }

    @Test func sentencesEndAtStopsNotAtAbbreviationsOrDecimals() {
        let s = Array("Gen. Smith met the U.S. envoy at 3.30 p.m. in Harbin. \"Go!\" he said. Done".unicodeScalars)
        let parts = Anchors.sentences(s).map { String(String.UnicodeScalarView(s[$0])) }
        #expect(parts.first == "Gen. Smith met the U.S. envoy at 3.30 p.m. in Harbin.", "\(parts)")
        #expect(parts.last == "Done", "\(parts)")
    }

    /// What sentences of unrelated documents share: the figures `Aligner.linkThreshold` is set
    /// against (printed). Seeds that translate nothing of each other, and each seed against the
    /// outside texts; weights from all of them.
    @Test func sentencesOfUnrelatedDocumentsShareLittle() throws {
        var texts: [(id: String, text: String)] = []
        for d in seedCorpus.documents {
            texts.append((d.id, try String(contentsOf: seedsURL.appendingPathComponent(d.id), encoding: .utf8)))
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.outsideDir.path).sorted() where name.hasSuffix(".txt") {
            texts.append(("outside/" + name, try String(contentsOf: Self.outsideDir.appendingPathComponent(name), encoding: .utf8)))
        }
        let corpus = Corpus(texts: texts)
        let units = Parallels.units(corpus)
        let weights = AnchorWeights(units: units.values.joined())
        let translations: Set<String> = ["002_10e6d5298eff1f31.txt", "004_9264ff881a3e0ea2.txt"]
        var sims: [Double] = []
        let ids = corpus.documents.map(\.id)
        for x in ids.indices { for y in ids.indices where y > x && !(translations.contains(ids[x]) && translations.contains(ids[y])) {
            for u in units[ids[x]]! { for v in units[ids[y]]! { sims.append(weights.similarity(u.anchors, v.anchors)) } }
        } }
        sims.sort()
        let p99 = sims[sims.count * 99 / 100], p999 = sims[sims.count * 999 / 1000]
        let above = sims.filter { $0 > Aligner.linkThreshold }.count
        print("unrelated sentence pairs: \(sims.count), p99 \(String(format: "%.3f", p99)), p99.9 \(String(format: "%.3f", p999)), max \(String(format: "%.3f", sims.last ?? 0)), above the link threshold \(above)")
        #expect(p99 < Aligner.linkThreshold, "p99 \(p99)")
    }

    /// Documents too long for the whole grid (more than `Aligner.fullGridLimit` sentence pairs):
    /// the search keeps to a band around the surest pairs and still finds the links, across a
    /// stretch the other text leaves out.
    @Test func longDocumentsAreAlignedInABand() {
        let words = ["river", "bridge", "railway", "village", "station", "pass", "hill", "ferry", "depot", "airfield"]
        func original(_ k: Int) -> String { "Report \(k + 100): the column reached the \(words[k % 10]) at milestone \(7000 + k * 3) before dawn." }
        func paraphrase(_ k: Int) -> String { "Before dawn milestone \(7000 + k * 3) and its \(words[k % 10]) were reached by the column, says report \(k + 100)." }
        let n = 1100
        let a = (0..<n).map(original).joined(separator: " ")
        // The paraphrase drops sentences 300..<400.
        let kept = (0..<n).filter { !(300..<400).contains($0) }
        let b = kept.map(paraphrase).joined(separator: " ")
        let corpus = Corpus(texts: [("a.txt", a), ("b.txt", b)])
        let units = Parallels.units(corpus)
        #expect(units["a.txt"]!.count * units["b.txt"]!.count > Aligner.fullGridLimit, "the band is used")
        let links = Aligner.align(units["a.txt"]!, units["b.txt"]!, weights: AnchorWeights(units: units.values.joined()))
        let right = links.filter { $0.a.count == 1 && $0.b.count == 1 && kept[$0.b.lowerBound] == $0.a.lowerBound }.count
        #expect(right >= kept.count * 95 / 100, "\(right) of \(kept.count) sentences linked right, \(links.count) links")
        #expect(!links.contains { (300..<400).contains($0.a.lowerBound) }, "the dropped stretch stays unaligned")
    }
}
