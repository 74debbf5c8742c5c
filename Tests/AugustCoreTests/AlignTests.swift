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

    @Test func theTwoTranslationsInTheSeedsAreFoundAndNoOtherPair() {
        let p = Parallels.find(in: seedCorpus)
        let pairs = p.alignments.map { "\($0.a) \($0.b) \(String(format: "%.2f", $0.score))" }
        #expect(p.alignments.count == 1, "\(pairs)")
        let al = p.alignments.first
        #expect(al.map { Set([$0.a, $0.b]) } == Set(["002_10e6d5298eff1f31.txt", "004_9264ff881a3e0ea2.txt"]), "\(pairs)")
    }

    @Test func seedTranslationsAgainstTheHandAlignment() throws {
        let truthRows = try Self.handPairs("seeds-004-002.txt")
        #expect(truthRows.count >= 30)
        let a = truthRows[0].a, b = truthRows[0].b
        let al = try #require(Parallels.pair(a, b, in: seedCorpus), "the pair is not aligned")
        let found = Self.linePairs(al, seedCorpus)
        let truth = Set(truthRows.map { [$0.aLine, $0.bLine] })
        let (p, r) = Self.precisionRecall(found: found, truth: truth)
        let wrong = found.subtracting(truth).sorted { $0.lexicographicallyPrecedes($1) }
        let missed = truth.subtracting(found).sorted { $0.lexicographicallyPrecedes($1) }
        print("seeds 004/002 against the hand alignment: precision \(String(format: "%.3f", p)) recall \(String(format: "%.3f", r)); wrong \(wrong), missed \(missed)")
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
}
