import AugustBenchKit
import AugustCore
import Foundation
import Testing

private let seedsURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("seeds")

@Suite struct CorpusGeneratorTests {
    let generator = CorpusGenerator(sources: try! Corpus.load(directory: seedsURL))

    @Test func sameSeedGivesSameBytesAndAnotherSeedDiffers() {
        let a = generator.documents(size: 300_000, seed: 7)
        let b = generator.documents(size: 300_000, seed: 7)
        let c = generator.documents(size: 300_000, seed: 8)
        #expect(a.map(\.path) == b.map(\.path))
        #expect(a.map(\.text) == b.map(\.text))
        #expect(a.map(\.text) != c.map(\.text))
    }

    @Test func documentsAreDistinctSizedAndAboutTheRequestedTotal() {
        let docs = generator.documents(size: 400_000, seed: 1)
        #expect(docs.count >= 4)
        #expect(Set(docs.map(\.text)).count == docs.count)
        #expect(Set(docs.map(\.path)).count == docs.count)
        let total = docs.reduce(0) { $0 + $1.text.utf8.count }
        #expect(total >= 400_000 && total < 400_000 + 110_000)
        for d in docs.dropLast() { #expect((20_000...110_000).contains(d.text.utf8.count)) }
    }

    @Test func datesPlacesAndNumbersAreVaried() throws {
        // Generated text must not be the seeds copied: dates move, so a corpus-wide scan finds dates
        // that no seed contains, and every document loads as a corpus with many passages.
        let docs = generator.documents(size: 200_000, seed: 3)
        let seedText = try FileManager.default.contentsOfDirectory(atPath: seedsURL.path)
            .map { try String(contentsOf: seedsURL.appendingPathComponent($0), encoding: .utf8) }.joined()
        let dateRE = try NSRegularExpression(pattern: #"(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}"#)
        func dates(_ s: String) -> Set<String> {
            Set(dateRE.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { (s as NSString).substring(with: $0.range) })
        }
        let generated = dates(docs.map(\.text).joined())
        #expect(generated.subtracting(dates(seedText)).count > 20)
        let corpus = Corpus(texts: docs.map { (id: $0.path, text: $0.text) })
        #expect(corpus.passages.count > docs.count * 20)
    }

    @Test func sizesParse() {
        #expect(CorpusGenerator.parseSize("10MB") == 10_000_000)
        #expect(CorpusGenerator.parseSize("500kb") == 500_000)
        #expect(CorpusGenerator.parseSize("1234") == 1234)
        #expect(CorpusGenerator.parseSize("lots") == nil)
    }
}
