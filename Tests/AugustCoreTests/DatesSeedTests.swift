import Testing
import Foundation
@testable import AugustCore

/// The tagger against the hand annotation of the seeds (`DatesSeedAnnotation.swift`).
@Suite("Dates in the seeds")
struct DatesSeedTests {
    static let mentions = TemporalTagger.mentions(in: seedCorpus)

    static func found(_ file: String) -> Set<SeedAnnotation.Row> {
        Set(mentions.filter { $0.documentID == file }.map { SeedAnnotation.Row(file: file, line: $0.line, value: $0.value) })
    }

    @Test("every date read by hand in each seed file is found, with its value and line",
          arguments: SeedAnnotation.files.map(\.file))
    func perFile(_ file: String) throws {
        let text = try #require(SeedAnnotation.files.first { $0.file == file }).rows
        let expected = Set(SeedAnnotation.rows(file, text))
        let found = Self.found(file)
        let missing = expected.subtracting(found).sorted { $0.line < $1.line }
        let extra = found.subtracting(expected).sorted { $0.line < $1.line }
        #expect(missing.isEmpty, "missing: \(missing)")
        #expect(extra.isEmpty, "not in the annotation: \(extra)")
    }

    @Test("precision ≥ 0.97 and recall ≥ 0.93 on (file, line, value) over all five seeds")
    func score() {
        let expected = SeedAnnotation.all
        var found = Set<SeedAnnotation.Row>()
        for m in Self.mentions { found.insert(SeedAnnotation.Row(file: m.documentID, line: m.line, value: m.value)) }
        let hits = expected.intersection(found).count
        let precision = Double(hits) / Double(max(found.count, 1))
        let recall = Double(hits) / Double(max(expected.count, 1))
        print("dates on the seeds: \(hits) right of \(found.count) found, \(expected.count) annotated; "
              + "precision \(String(format: "%.3f", precision)), recall \(String(format: "%.3f", recall))")
        #expect(expected.count > 140)
        #expect(precision >= 0.97)
        #expect(recall >= 0.93)
    }

    @Test("the text of each mention is exactly the text at its offsets, on the line it reports")
    func offsetsAndLines() throws {
        for m in Self.mentions {
            let p = try #require(seedCorpus.passage(id: m.passageID))
            #expect(p.text.scalarSlice(m.start, m.end) == m.text)
            let fileLines = p.text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = fileLines[m.line - p.lineStart]
            #expect(line.contains(m.text.split(separator: "\n").first.map(String.init) ?? m.text))
        }
    }

    @Test("kinds: stamps and datelines are publication; holidays, orders, plans and forecasts are other")
    func kinds() {
        func kind(_ file: String, _ line: Int, _ value: String) -> DateKind? {
            Self.mentions.first { $0.documentID == file && $0.line == line && $0.value == value }?.kind
        }
        #expect(kind("000_f57c19fac099d6db.txt", 3, "2024-07-26") == .publication)
        #expect(kind("003_75775b4da41e14ed.txt", 3, "2019-12-30") == .publication)
        #expect(kind("000_f57c19fac099d6db.txt", 11, "XXXX-05-09") == .other)
        #expect(kind("002_10e6d5298eff1f31.txt", 147, "1945-08-12") == .other)   // before sunset on August 12
        #expect(kind("003_75775b4da41e14ed.txt", 11, "1941-08-10") == .other)    // scheduled for
        #expect(kind("002_10e6d5298eff1f31.txt", 63, "1946-SP") == .other)       // forecast
        #expect(kind("004_9264ff881a3e0ea2.txt", 12, "1946-SP") == .other)
        #expect(kind("002_10e6d5298eff1f31.txt", 153, "1945-08-12") == .event)
        #expect(kind("001_732ea24548fd5f98.txt", 9, "1945-08-08") == .event)
        #expect(kind("000_f57c19fac099d6db.txt", 11, "1947-12-23") == .event)
    }
}
