import Foundation
import Testing
@testable import AugustCore

@Suite("Places: fronts report")
struct PlacesFrontsTests {
    static let text = """
        The advance

        The tank group army captured northern Shandong and then Tuquan.

        Later the troops entered Taonan and reached Changchun.

        """

    /// A dated span over the whole of the passage that contains `needle`.
    func span(_ corpus: Corpus, _ needle: String, _ date: String) throws -> DatedSpan {
        let p = try #require(corpus.passages.first { $0.text.contains(needle) })
        return DatedSpan(passageID: p.id, start: 0, end: p.text.unicodeScalars.count, dateStart: date, dateEnd: date)
    }

    func objective(_ r: FrontsReport, axis: String, place: String) throws -> FrontsReport.Objective {
        let a = try #require(r.theatres.flatMap(\.axes).first { $0.axis.id == axis })
        return try #require(a.objectives.first { $0.place.id == place })
    }

    @Test func objectivesTakeTheirDatesFromTheDatedSpansThatNameThem() throws {
        let corpus = Corpus(texts: [(id: "t.txt", text: Self.text)])
        let spans = [try span(corpus, "Tuquan", "1945-08-12"), try span(corpus, "Taonan", "1945-08-17")]
        let r = FrontsReport.build(corpus: corpus, linker: linker, spans: spans)
        let lubei = try objective(r, axis: "khingan-changchun", place: "lubei")
        #expect(lubei.dates.map(\.dateStart) == ["1945-08-12"])
        #expect(lubei.dates.first?.passageID == spans[0].passageID)
        #expect(try objective(r, axis: "khingan-changchun", place: "changchun").first == "1945-08-17")
        #expect(try objective(r, axis: "khingan-changchun", place: "greater-khingan").dates.isEmpty)
        // Change the date in the input: the objective follows.
        let moved = [try span(corpus, "Tuquan", "1945-08-13"), spans[1]]
        let r2 = FrontsReport.build(corpus: corpus, linker: linker, spans: moved)
        #expect(try objective(r2, axis: "khingan-changchun", place: "lubei").dates.map(\.dateStart) == ["1945-08-13"])
        #expect(try objective(r2, axis: "khingan-changchun", place: "tuquan").first == "1945-08-13")
    }

    @Test func onlyTheStatementsSpanCounts() throws {
        let corpus = Corpus(texts: [(id: "t.txt", text: "Title\n\nOn August 9 they crossed. Later they took Hailar.\n")])
        let p = try #require(corpus.passages.first { $0.text.contains("Hailar") })
        let firstSentence = "On August 9 they crossed.".unicodeScalars.count
        let r = FrontsReport.build(corpus: corpus, linker: linker,
                                   spans: [DatedSpan(passageID: p.id, start: 0, end: firstSentence, dateStart: "1945-08-09", dateEnd: "1945-08-09")])
        let hailar = try objective(r, axis: "hailar-qiqihar", place: "hailar")
        #expect(hailar.dates.isEmpty)
        #expect(hailar.passages == [p.id])
    }

    @Test func aPlaceWithinAnObjectiveDatesTheObjective() throws {
        let corpus = Corpus(texts: [(id: "t.txt", text: "Title\n\nThe 36th group army conquered the barricade area of Manchuria.\n")])
        let r = FrontsReport.build(corpus: corpus, linker: linker, spans: [try span(corpus, "barricade", "1945-08-11")])
        #expect(try objective(r, axis: "hailar-qiqihar", place: "manzhouli").first == "1945-08-11")
    }

    @Test func aCorpusNamingNoObjectiveGivesAnEmptyReport() {
        let corpus = Corpus(texts: [(id: "t.txt", text: "Recipes\n\nMix the flour and the butter.\n")])
        let r = FrontsReport.build(corpus: corpus, linker: linker, spans: [])
        #expect(r.isEmpty)
        #expect(r.note == FrontsReport.noMovementNote)
        #expect(r.theatres.count == curated.axes.theatres.count)
    }

    func report(_ text: String) throws -> FrontsReport {
        try #require(Analysis(corpus: Corpus(texts: [(id: "t.txt", text: text)]), linker: linker).fronts)
    }

    @Test func aDatedSentenceNamingAPlaceIsNoMovement() throws {
        // Hailar is named on a dated line, but nothing happens there: no date, not reached.
        let r = try report("Title\n\nOn 12 August 1945 the 36th Army took Manzhouli. On 13 August Hailar was bombed.\n")
        let hailar = try objective(r, axis: "hailar-qiqihar", place: "hailar")
        #expect(hailar.dates.isEmpty && !hailar.isReached && !hailar.passages.isEmpty)
        let manzhouli = try objective(r, axis: "hailar-qiqihar", place: "manzhouli")
        #expect(manzhouli.first == "1945-08-12" && manzhouli.dates.first?.action == .took
                && manzhouli.dates.first?.actorID == "36th-army")
        #expect(r.theatres.first { $0.theatre.id == "transbaikal" }?.reachedAxes.map(\.axis.id) == ["hailar-qiqihar"])
        #expect(r.note == nil)
    }

    @Test func aPlaceOutsideTheFrameIsShownUnderItsFront() throws {
        // Siping is on no axis: under the front of the formation that took it; Dairen, taken by
        // no named formation, under the front whose objectives lie nearest.
        let r = try report("""
            Title

            On 19 August 1945 the 6th Guards Tank Army took Siping. On 22 August 1945 Soviet troops landed at Dairen.

            """)
        let added = r.theatres.flatMap { t in t.axes.filter(\.fromTexts).map { (t.theatre.id, $0) } }
        #expect(added.first { $0.1.objectives.contains { $0.place.id == "siping" } }?.0 == "transbaikal")
        let dairen = try #require(added.first { $0.1.objectives.contains { $0.place.id == "dalian" } })
        #expect(["transbaikal", "korea-pacific-fleet"].contains(dairen.0))
        #expect(added.flatMap { $0.1.objectives }.allSatisfy { !$0.dates.isEmpty })
    }

    @Test func theOtherSideAndABackgroundYearDoNotMakeTheFronts() throws {
        let r = try report("""
            Title

            In August 1904 the Japanese took Port Arthur. On 9 August 1945 the Japanese took Hailar back.

            On 11 August 1945 the 36th Army captured Manzhouli. On 12 August 1945 the 36th Army reached Zalantun.

            On 14 August 1939 Soviet troops crossed the Khalkhin Gol.

            """)
        let movements = r.movements.map { "\($0.action.rawValue) \($0.placeID)" }
        #expect(movements.contains("took port-arthur") && movements.contains("took hailar"))
        #expect(try !objective(r, axis: "hailar-qiqihar", place: "hailar").isReached)
        #expect(try objective(r, axis: "hailar-qiqihar", place: "zalantun").first == "1945-08-12")
        let shown = r.theatres.flatMap { $0.reachedAxes.flatMap { $0.reached.map(\.place.id) } }
        #expect(!shown.contains("port-arthur") && !shown.contains("khalkhin-gol"))
    }

    @Test func objectivesTakeTheirDatesFromExtractedEvents() throws {
        let corpus = Corpus(texts: [(id: "t.txt", text: """
            Title

            On August 9, 1945, the offensive began. The army took Hailar on the 11th.

            On the 16th and 17th they captured Taonan. Nothing dated here.

            """)])
        let analysis = Analysis(corpus: corpus, linker: linker)
        let r = try #require(analysis.fronts)
        #expect(try objective(r, axis: "hailar-qiqihar", place: "hailar").first == "1945-08-11")
        let taonan = try objective(r, axis: "khingan-changchun", place: "taonan")
        #expect(taonan.first == "1945-08-16" && taonan.last == "1945-08-17")
        // Change a date in the text: the objective's date follows.
        let changed = Corpus(texts: [(id: "t.txt", text: """
            Title

            On August 9, 1945, the offensive began. The army took Hailar on the 13th.

            """)])
        let r2 = try #require(Analysis(corpus: changed, linker: linker).fronts)
        #expect(try objective(r2, axis: "hailar-qiqihar", place: "hailar").first == "1945-08-13")
    }
}
