import Foundation
import Testing
@testable import AugustCore

/// Inputs found by `make fuzz`, kept as tests.
@Suite struct FuzzRegressionTests {
    /// temporal-crash-b23ef0a6: one sentence with the same month twice. The fuzz invariant said "no
    /// event holds two mentions from one document"; the extractor's rule is one *telling* per
    /// document (expressions of one value in one sentence are one telling), so the invariant was
    /// wrong, not the extractor. Kept: both mentions belong to one event and share its statement.
    @Test func sameValueTwiceInOneSentenceIsOneTelling() {
        let bytes = Array("In July 1945, when Japan\u{2019}s position in the Pacific theater of milit July 1945, when Japan".utf8)
            + [0xE2] + Array(", she turned to Thte".utf8)
        let text = String(decoding: bytes, as: UTF8.self)
        let corpus = Corpus(texts: [(id: "a.txt", text: text), (id: "b.txt", text: text)])
        let events = EventExtractor.extract(corpus: corpus, mentions: TemporalTagger.mentions(in: corpus))
        let july = events.filter { $0.date.iso == "1945-07" }
        #expect(!july.isEmpty)
        for e in events {
            var statement: [String: String] = [:]
            for m in e.mentions {
                let here = "\(m.passageID)+\(m.statementStart)..<\(m.statementEnd)"
                #expect(statement[m.documentID, default: here] == here, "two tellings of one document in \(e.id)")
                statement[m.documentID] = here
                #expect(m.start >= m.statementStart && m.end <= m.statementEnd)
            }
        }
    }
}
