import Foundation
import Testing
@testable import AugustCore

/// Inputs found by `make fuzz`, kept as tests.
@Suite struct FuzzRegressionTests {
    /// temporal-crash-b23ef0a6: one sentence with the same month twice. The fuzz invariant said "no
    /// event holds two mentions from one document"; the extractor's rule is one *telling* per
    /// document (expressions of one value in one sentence are one telling), so the invariant was
    /// wrong, not the extractor. Kept: both mentions belong to one event, in one passage.
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
                let here = m.passageID
                #expect(statement[m.documentID, default: here] == here, "two tellings of one document in \(e.id)")
                statement[m.documentID] = here
                #expect(m.start >= m.statementStart && m.end <= m.statementEnd)
            }
        }
    }

    /// temporal-crash-e3d37ff1: a sentence dating two things, with "on 16 and 17 August" twice in
    /// it. The second expression joined the first one's telling but took the first one's clause as
    /// its statement, which did not contain it (the explorer highlights the statement for a
    /// mention). Fixed: each mention keeps the clause around itself.
    @Test func everyMentionLiesInsideItsStatement() throws {
        let data = try #require(Data(base64Encoded: Self.crashE3D))
        let text = String(decoding: data, as: UTF8.self)
        let corpus = Corpus(texts: [(id: "a.txt", text: text), (id: "b.txt", text: text)])
        let events = EventExtractor.extract(corpus: corpus, mentions: TemporalTagger.mentions(in: corpus))
        var checked = 0
        for e in events {
            for m in e.mentions {
                #expect(m.statementStart <= m.start && m.end <= m.statementEnd, "\(e.id): \(m.statementStart)..<\(m.statementEnd) around \(m.start)..<\(m.end)")
                checked += 1
            }
        }
        #expect(checked > 2)
        #expect(events.contains { $0.mentions.count(where: { $0.documentID == "a.txt" }) > 1 }, "the case: two expressions in one telling")
    }

    static let crashE3D = "VGhpcyBzIG1hbnkgcmVzZWFyY2hlcnMsIFNvdmlldCBsZWFkZXIgc3RpbGwgcmVmdXNlZCB0byBKYXBhbiBzaW5jZSB0aGUgVVNTUiB3YXMgaW50ZXJlc3RlZCBpbiBhY3F1aXJpbmcgdGhlIEt1cmlscyBhbmQgc291dGhlcm4gU2FraGFsaW4sIGFzIHdlbGwgYXMgc3RyZW5ndGhlbmluZyBpdHMgcG9zaXRpb24gaW4gQ2hpbmEgYW5kIEtvcmVhLgoKb24gOCBBdWd1c3QgMTk0NSB0aGUgVVNTUiBkZWNsYXJlZCB3YXIgb24gSmFwYW4sIHdoaWNoIHdhcyBwcmV2aW91c2x5IGFncmVlZCB3aXRoIHRoZSByZXByZXNlbnRhdGl2ZXMgb2YgZ3JlYXQgQnJpdGFpbiBhbmQgdGhlIFVuaXRlZCBTdGF0ZXMgaW4gUG90c2RhbS4gVGhhdCB0aGUgd2FyIHdpbGwgc3RhcnQgb24gQXVndXN0IDkgYXQgOSBhbSwgdGhlIEphcGFuZXNlIEFtYmFzc2Fkb3IgYW5ub3VuY2VkIGp1c3QgYmVmb3JlIG1pZG5pZ2h0IE1vc2NvdyB0aW1lLCBidXQgaW4gdGhlIGZhciBFYXN0IGF0IHRoYXQgdGltZSBpdCB3YXMgYWxyZWFkeSBlYXJseSBtb3JuaW5nLiBXaGVuIHlvdSBjb25zaWRlciB0aGF0IHNvbWUgdGltZSB3YXMgc3BlbnQgb24gdGhlIGVuY3J5cHRpb24sIHRyYW5zbWlzc2lvbiBhbmQgZGVjcnlwdGlvbiBvZiB0aGUgcmVwb3J0cyBvZiB0aGUgSmFwYW5lc2UgQW1iYXNzYWRvdHdpY2UsIG9uIDE2IGFuZCAxNyBBdWd1c3QsIGlzc3VlZCBvcmRlcnMgZm9yIHRoZSBzdXJyZW5kZXIgb2YgdGhlIEt3YW50dW5nIGFybXksIGJ1dCB0aGUgUmVkIEFybXkgY29udHJhcnkgdG8gdGhlIHJ1bGVzIGRpZCBuciwgdGhlIEphcGFuZXNlIG9mZmljaWFsIG1lc3NhZ2UgSSByZWNlaXZlZCBhZnRlciB0aGUgYmVnaW5uaW5nIG9mIHRoZSBhdHRhY2sgdGhlIFNvdmlldCB0cm9vcHMuIEluIFRva3lvIG9mIGNvdXJzZSBhY2N1c2VkIHRoZSBTb3ZpZXQgVW5pb24gb2YgcGVyZmlkeSBhbmQgY29tcGxpYW5jZSB3aXRoIHRoZSB0ZXJtcyBvZiB0aGUgam9pbnQgYWdyZWVtZW50LgoKTm90IG9ubHkgSmFwYW4sIGJ1dCBhbHNvIGl0cyBmb3JtZXIgYWxsaWVzIGNoYXJhY3Rlcml6ZWQgdGhlIGJlaGF2aW9yIG9mIHRoZSBTb3ZpZXQgVW5pb24gYXMgZXZpbC4gVGhleSBkcmV3IGF0dGVudGlvbiB0byB0aGUgZmFjdCB0aGF0IGR1ZSB0byBhbGxvd2luZyBUb2t5byB0byB0aGUgU292aWV0LUdlcm1hbiB3YXIgb24gdGhlIFNvdmlldCBVbmlvbiB3YXMgYWJsZSB0byB0cmFuc2ZlciB0byB0aGUgV2VzdCBTaWJlcmlhbiBkaXZpc2lvbiwgd2hvIHBsYXllZCBhIGtleSByb2xlIGluIHRoZSBkZWZlbnNlIG9mIE1vc2NvdyBhbmQgdG8gc3VzcGVuZCB0aGUgYWR2YW5jZSBvZiB0aGUgV2Vocm1hY2h0LgoKdGhlIFNvdmlldCBVbmlvbiBoYXMgYWx3YXlzIGhlbGQgdGhlIG9wcG9zaXRlIHZpZXcgYW5kIHJlZ2FyZGVkIGl0IGFzIGp1c3RpZmllZCBhIHdpdGhkcmF3YWwgZnJvbSB0aGUgQ292ZW5hbnQgb2YgbmV1dHJhbGl0eS4gSG93ZXZlciwgdGhpcyBwb3NpdGlvbiBpcyBzb21ldGltZXMgY3JpdGljaXplZCBldmVuIGJ5IFJ1c3NpYW4gZXhwZXJ0cy4gRm9yIGV4YW1wbGUsIHRoZSBDb2xvbmVsIG9mIEtHQiBpbiByZXNpZ25hdGlvbiBBbGV4ZXkgS2lyaWNoZW5rbyBkcmV3IP9+YXR0ZW50aW9uIHRvIHRoZSBmYWN0IHRoYXQgdGhlIEphcGFuZXNlIGNvbW1hbmQgdHdpY2UsIG9uIDE2IGFuZCAxNyBBdWd1c3QsIGlzc3VlZCBvcmRlcnMgZm9yIHRoZSBzdXJyZW5kZXIgb2YgdGhlIEt3YW50dW5nIGFybXksIGJ1dCB0aGUgUmVkIEFybXkgY29udHJhcnkgdG8gdGhlIHJ1bGVzIGRpYXBhbmVzZSBBbWJhc3NhZG90d2ljZSwgb24gMTYgYW5kIDE3IEF1Z3VzdCwgaXNzdWVkIG9yZGVycyBmb3IgdGhlIHN1cnJlbmRlciBvZiB0aGUgS3dhbnR1bmcgYXJteSwgYnV0IHRoZSBSZWQgQXJteSBjb250cmFyeSB0byB0aGUgcnVsZXMgZGlkIG5yLCB0aGUgSmFwYW5lc2Ugb2ZmaWNpYWwgbWVzc2FnZSBJIHJlY2VpdmVkIGFmdGVyIHRoZSBiZWdpbm5pbmcgb2YgdGhlIGF0dGFjayB0aGUgU292aWV0IHRyb29wcy4gSW4gVG9reW8gb2YgY291cnNlIGFjY3VzZWQgdGhlIFNvdmlldCBVbmlvbiBvZiBwZXJmaWR5IGFuZCBjb21wbGlhbmNlIHdpdGggdGhlIHRldGxlIGF0IGhvbWUuCgo="
}
