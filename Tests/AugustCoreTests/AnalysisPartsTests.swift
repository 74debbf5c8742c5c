import Foundation
import Testing
@testable import AugustCore

/// The analysis works in parallel parts (documents, passages, clusters of tellings) and takes the
/// parts back in corpus order: what a reader sees must not depend on which part finished first.
@Suite("Analysis in parallel parts")
struct AnalysisPartsTests {
    /// 160 reports of the same two happenings on twelve days (more than one part in every
    /// parallel step), each with a line of web-page chrome that must make no event.
    static let corpus: Corpus = {
        var texts: [(id: String, text: String)] = []
        for i in 0..<160 {
            let day = 9 + i % 12
            texts.append((id: String(format: "d%03d.txt", i), text: """
                Report \(i).

                On August \(day), 1945, the 1st Far Eastern Front took Mudanjiang after heavy fighting near the river.

                On August \(day + 1), 1945, Soviet troops entered Harbin and Jilin.

                Share on Facebook. Leave a comment. Posted on August \(day), 1945.

                """))
        }
        return Corpus(texts: texts)
    }()

    @Test("events, their tellings and the links stand in corpus order, and every run gives the same analysis")
    func corpusOrder() throws {
        let corpus = Self.corpus
        let a = Analysis.build(corpus: corpus)
        let b = Analysis.build(corpus: corpus)
        #expect(a.events == b.events)
        #expect(a.mentions == b.mentions)
        #expect(a.movements == b.movements)
        func ordinal(_ passageID: String) -> Int { corpus.passageOrdinal(id: passageID) ?? -1 }
        // The passages of each place: each list ascending, each passage once, every place mention in one.
        let places = a.placePassages.byPlace
        #expect(places.values.allSatisfy { $0 == Array(Set($0)).sorted() })
        #expect(a.mentions.filter { $0.mention.kind == .place }.allSatisfy { m in
            places[m.mention.id]?.contains(Int32(ordinal(m.passageID))) == true
        })
        #expect((places["harbin"]?.count ?? 0) >= 160)
        let linked = a.mentions.map { ordinal($0.passageID) }
        #expect(!linked.isEmpty && linked == linked.sorted())
        // The date expressions, and the tellings made of them, in corpus order.
        let dated = TemporalTagger.mentions(in: corpus)
        let datedAt = dated.map { [ordinal($0.passageID), $0.start] }
        #expect(datedAt.count >= 320 && datedAt == datedAt.sorted { $0.lexicographicallyPrecedes($1) })
        let told = EventExtractor.tellings(corpus: corpus, mentions: dated, annotate: nil).tellings.map { Int($0.passage) }
        #expect(told.count >= 320 && told == told.sorted())
        // The same happening told by many reports is one event, its tellings in corpus order.
        let merged = try #require(a.events.max { $0.mentions.count < $1.mentions.count })
        #expect(merged.mentions.count > 5)
        for e in a.events {
            let at = e.mentions.map { [ordinal($0.passageID), $0.start] }
            #expect(at == at.sorted { $0.lexicographicallyPrecedes($1) })
        }
        let dates = a.events.map(\.date.lowerBound)
        #expect(dates == dates.sorted())
        // The chrome passages date nothing.
        let chrome = Set(corpus.passages.filter { $0.text.hasPrefix("Share on") }.map(\.id))
        #expect(chrome.count == 160)
        #expect(!a.events.contains { $0.mentions.contains { chrome.contains($0.passageID) } })
    }

    @Test("the ASCII case tests answer as the Unicode properties do")
    func caseTests() {
        for v in UInt32(0)..<0x3100 {
            guard let s = Unicode.Scalar(v) else { continue }
            #expect(s.isUppercaseFast == s.properties.isUppercase, "U+\(String(v, radix: 16))")
            #expect(s.isLowercaseFast == s.properties.isLowercase, "U+\(String(v, radix: 16))")
        }
    }
}
