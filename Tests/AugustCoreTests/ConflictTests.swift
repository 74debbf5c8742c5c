import Foundation
import Testing
@testable import AugustCore

/// Where sources disagree: hand-written corpora with known disagreements (and one with none), and
/// the seeds' case (two documents that end the resistance at one fortress on different days).
@Suite("Events: where sources disagree")
struct ConflictTests {
    static let corpora = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpora/conflicts")

    static func conflicts(_ folder: String) throws -> [Conflict] {
        let corpus = try Corpus.load(directory: corpora.appendingPathComponent(folder))
        return ConflictFinder.find(in: Analysis(corpus: corpus, linker: linker))
    }

    static let disagree: [Conflict] = (try? conflicts("disagree")) ?? []

    func values(_ c: Conflict) -> [String: String] {
        Dictionary(c.variants.map { ($0.documentID, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func aDateTwoDocumentsGiveDifferentlyIsFound() throws {
        let dates = Self.disagree.filter { $0.aspect == .date }
        #expect(dates.count == 1, "\(dates)")
        let c = try #require(dates.first)
        #expect(values(c) == ["a_report.txt": "1945-08-18", "b_memoir.txt": "1945-08-17"])
        #expect(c.eventIDs.count == 2)
        // Each version is cited with its line and its own words.
        let a = try #require(c.variants.first { $0.documentID == "a_report.txt" })
        #expect(a.line == 5)
        #expect(a.quotation.contains("surrendered on 18 August 1945"))
    }

    @Test func aNumberAttachedToTheSameNounIsFound() throws {
        let numbers = Self.disagree.filter { $0.aspect == .number }
        #expect(numbers.count == 1, "\(numbers)")
        let c = try #require(numbers.first)
        #expect(c.subject == "prisoners")
        #expect(values(c) == ["a_report.txt": "20000", "b_memoir.txt": "22000"])
    }

    @Test func aPlaceTheTellingsOfOneEventGiveDifferentlyIsFound() throws {
        let places = Self.disagree.filter { $0.aspect == .place }
        #expect(places.count == 1, "\(places)")
        let c = try #require(places.first)
        #expect(values(c) == ["a_report.txt": "Changchun", "c_diary.txt": "Jilin"])
    }

    @Test func nothingIsInventedWhereDocumentsDifferOnlyInPrecisionOrTellOtherHappenings() throws {
        let found = try Self.conflicts("agree")
        #expect(found.isEmpty, "\(found.map { ($0.aspect, $0.variants.map(\.value)) })")
    }

    @Test func aMonthAndADayInItAreNotAConflict() {
        let month = DateValue(iso: "1945-08")!, day = DateValue(iso: "1945-08-09")!
        #expect(!ConflictFinder.disjoint(month, day))
        #expect(ConflictFinder.disjoint(DateValue(iso: "1945-08-25")!, DateValue(iso: "1945-08-26")!))
        #expect(!ConflictFinder.disjoint(DateValue(iso: "1945-08-09/1945-08-12")!, day))
    }

    @Test func numbersAreCountsNotYearsDaysOrdinalsOrTimes() {
        let text = "On 9 August 1945 at 17:00 the 25th Army took 1,500 prisoners and 12 guns, 3 thousand men."
        let toks = DateTokenizer(text).tokens
        let found = ConflictFinder.numbers(toks, in: 0..<text.unicodeScalars.count, except: [])
        #expect(found.mapValues(\.values) == ["priso": [1500], "guns": [12], "men": [3000]])
    }

    @Test func theSeedsDisagreeOnWhenResistanceAtTheFortressEnded() throws {
        let found = ConflictFinder.find(in: Analysis(corpus: seedCorpus, linker: linker))
        let dates = found.filter { $0.aspect == .date }
        let hit = dates.first { c in
            let v = values(c)
            return v.values.contains("1945-08-25") && v.values.contains("1945-08-26")
                && Set(v.keys).count == 2 && v.keys.contains { $0.hasPrefix("001_") } && v.keys.contains { $0.hasPrefix("002_") }
        }
        #expect(hit != nil, "\(dates.map { $0.variants.map { "\($0.documentID):\($0.line) \($0.value)" } })")
    }
}
