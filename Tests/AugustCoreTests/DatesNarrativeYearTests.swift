import Testing
import Foundation
@testable import AugustCore

/// Where a partial date's year comes from: the narrative, not the last year string seen. Small texts
/// written for these tests, in several styles (a popular history, a memoir, a biography, an
/// encyclopedia entry, another war altogether).
@Suite("Dates: years from the narrative")
struct DatesNarrativeYearTests {
    static func corpus(_ texts: [(String, String)]) -> [DateMention] {
        TemporalTagger.mentions(in: Corpus(texts: texts.map { (id: $0.0, text: $0.1) }))
    }
    static func rows(_ ms: [DateMention], _ file: String? = nil) -> [String] {
        ms.filter { file == nil || $0.documentID == file }.map { "\($0.text) → \($0.value)" }
    }
    /// Another text of the corpus that dates the campaign fully (the corpus' campaign year).
    static let campaign = ("campaign.txt", """
        The Soviet offensive opened on 9 August 1945. Harbin fell on 20 August 1945, and Port Arthur on \
        22 August 1945.
        """)

    @Test("a bracketed year is read but does not move the anchor: later days take the campaign year")
    func bracketedYear() {
        let text = """
            The defeat at the Battle of Nomonhan [1939] taught the Red Army much. On 9 August the Soviet armies \
            crossed the border, and on 12 August they reached the Khingan passes.
            """
        let ms = Self.corpus([("history.txt", text), Self.campaign])
        #expect(Self.rows(ms, "history.txt") == ["1939 → 1939", "9 August → 1945-08-09", "12 August → 1945-08-12"])
        #expect(ms.first { $0.text == "9 August" }?.yearFrom == "corpus")
    }

    @Test("a parenthetical year or a life span does not move the anchor either", arguments: [
        "Marshal Vasilevsky (1895–1977) planned the operation. On 9 August the fronts attacked.",
        "The Kwantung Army (founded 1919) was weak. On 9 August the fronts attacked.",
        "Its commander, Yamada Otozō (b. 1881), surrendered. On 9 August the fronts attacked.",
    ])
    func parenthetical(_ text: String) {
        let ms = Self.corpus([("bio.txt", text), Self.campaign])
        #expect(ms.filter { $0.documentID == "bio.txt" }.last?.value == "1945-08-09")
    }

    @Test("a year in a subordinate aside or a person's biography does not move the anchor", arguments: [
        "Vasilevsky, who had served as a young colonel in 1919, now led three fronts. On 23 August the war ended.",
        "As a young colonel in 1919 he had fought in Siberia. On 23 August the war ended.",
        "Born in 1881, Yamada had led the Kwantung Army for a year. On 23 August the war ended.",
        "Shtemenko, when he studied in 1926, had read of Manchuria. On 23 August the war ended.",
    ])
    func aside(_ text: String) throws {
        let ms = Self.corpus([("memoir.txt", text), Self.campaign])
        let m = try #require(ms.first { $0.documentID == "memoir.txt" && $0.text == "23 August" })
        #expect(m.value == "1945-08-23")
    }

    @Test("a year given in the sentence itself, or framing the passage, is the narrative's year")
    func localYearWins() {
        let ms = Self.corpus([
            ("khalkhin.txt", """
                At Khalkhin Gol in 1939, Zhukov attacked on 20 August and had encircled the Japanese by 31 August.

                In 1945 the Soviet Union prepared a far larger blow. On 9 August its fronts crossed the border.
                """),
            Self.campaign,
        ])
        #expect(Self.rows(ms, "khalkhin.txt") == [
            "1939 → 1939", "20 August → 1939-08-20", "31 August → 1939-08-31",
            "1945 → 1945", "9 August → 1945-08-09",
        ])
        #expect(ms.first { $0.text == "20 August" }?.yearFrom == "1939")
    }

    @Test("the last full date of the section beats the corpus' year; a new section starts afresh")
    func sectionEvidence() {
        let ms = Self.corpus([
            ("war1904.txt", """
                The Japanese attacked Port Arthur on 8 February 1904.

                On 10 February Russia declared war.
                """),
            Self.campaign,
            ("more.txt", "The Kuril landings began on 18 August 1945 and ended on 1 September 1945."),
        ])
        #expect(Self.rows(ms, "war1904.txt") == ["8 February 1904 → 1904-02-08", "10 February → 1904-02-10"])
        #expect(ms.first { $0.text == "10 February" }?.yearFrom == "8 February 1904")
    }

    @Test("the campaign year is computed from the corpus, not fixed: another war gets its own year")
    func computedPrior() {
        let ms = Self.corpus([
            ("tsushima.txt", "The fleets met at Tsushima on 27 May 1905; on 28 May 1905 Nebogatov surrendered."),
            ("mukden.txt", "Mukden fell on 10 March 1905 after a long battle."),
            ("later.txt", "Witte [1849] went to Portsmouth. On 5 September the treaty was signed."),
        ])
        #expect(Self.rows(ms, "later.txt") == ["1849 → 1849", "5 September → 1905-09-05"])
    }

    @Test("with no year evidence at all a partial date takes the corpus' year only in a text that names years")
    func noEvidence() {
        let recipe = ("pancakes.txt", "Easy pancakes\n\nMix two eggs with 200 g of flour. Serve on 4 July with berries.")
        let ms = Self.corpus([recipe, Self.campaign])
        #expect(Self.rows(ms, "pancakes.txt").isEmpty)
        // alone, a text whose only year is bracketed keeps that year and cannot date the rest
        let alone = TemporalTagger.mentions(inText: "Nomonhan [1939] was a lesson. On 9 August the armies moved.")
        #expect(alone.map(\.value) == ["1939"])
    }

    @Test("a news item of another year keeps its own year")
    func otherNewsYear() {
        let item = ("council.txt", """
            Council approves budget (12.3.2020)

            The council voted on 10 March to approve the budget. Yesterday the mayor called the vote close.
            """)
        let ms = Self.corpus([item, Self.campaign])
        #expect(Self.rows(ms, "council.txt") == ["12.3.2020 → 2020-03-12", "10 March → 2020-03-10", "Yesterday → 2020-03-11"])
        #expect(!ms.contains { $0.documentID == "council.txt" && $0.value.hasPrefix("1945") })
    }

    @Test("year_from names the expression that gave the year, or the expression itself")
    func yearFrom() throws {
        let ms = TemporalTagger.mentions(inText: "On August 8, 1945, war was declared. On the 9th the armies crossed; on 10 August Hailar fell.")
        #expect(ms.map(\.yearFrom) == ["August 8, 1945", "August 8, 1945", "August 8, 1945"])
    }
}

/// Newspaper reports: a dateline or a stamp dates the report, and news-style words count from it.
@Suite("Dates: news reports")
struct DatesNewsTests {
    static let campaign = DatesNarrativeYearTests.campaign

    @Test("a wire story: the dateline anchors to-day, yesterday, a weekday and last night")
    func wireStory() {
        let text = """
            LONDON, Aug. 22.-The Moscow radio said to-day that the Red Army had entered Harbin. Yesterday
            the Japanese asked for a truce.The Soviets refused. On Tuesday the fleet landed at Dairen, and
            last night the fighting stopped.
            """
        let ms = DatesNarrativeYearTests.corpus([("wire.txt", text), Self.campaign]).filter { $0.documentID == "wire.txt" }
        #expect(ms.map { "\($0.line) \($0.text) \($0.value)" } == [
            "1 Aug. 22 1945-08-22", "1 to-day 1945-08-22", "1 Yesterday 1945-08-21",
            "2 On Tuesday 1945-08-21", "3 last night 1945-08-21",
        ])
        #expect(ms.first?.kind == .publication)
        #expect(ms.dropFirst().allSatisfy { $0.kind == .event })
    }

    @Test("each report has its own dateline, with an agency or a dash after it")
    func severalReports() {
        let text = """
            MOSCOW, Aug. 10 (AP) — The Soviet Union said today its troops had crossed the border.

            CHUNGKING, Friday, Aug. 17, 1945 — Chinese sources said yesterday that Mukden had fallen.
            """
        let ms = TemporalTagger.mentions(inText: text)
        #expect(ms.map(\.value) == ["1945-08-10", "1945-08-10", "1945-08-17", "1945-08-16"])
    }

    @Test("a publication stamp dates `66 years ago` and `today`; the years ago give the narrative's year")
    func blogStamp() {
        let text = """
            Remembering the war (9.8.2011)

            66 years ago, on 9 August, the Soviet armies crossed into Manchuria. Today the veterans gathered.
            """
        let ms = TemporalTagger.mentions(inText: text)
        #expect(ms.map(\.value) == ["2011-08-09", "1945", "1945-08-09", "2011-08-09"])
        #expect(ms[2].yearFrom == "66 years ago")
    }

    @Test("news words are left out where no report date stands", arguments: [
        "On August 9, 1945, the armies crossed. Today the border is quiet.",
        "On August 9, 1945, the armies crossed. Historians say so to-day.",
        "In 1945 the war ended. On Tuesday the archive opens.",
    ])
    func noReportDate(_ text: String) {
        #expect(!TemporalTagger.mentions(inText: text).contains { ["Today", "to-day", "On Tuesday", "Tuesday"].contains($0.text) })
    }

    @Test("a place opening a line in running prose is not a dateline")
    func notADateline() {
        let ms = TemporalTagger.mentions(inText: "The Soviets advanced on\nHarbin, August 20, 1945. The city fell.")
        #expect(ms.map(\.value) == ["1945-08-20"])
        #expect(ms.first?.kind == .event)
    }
}

/// Sentences: abbreviations do not end them; a full stop glued to a capitalised word does.
@Suite("Dates: sentences")
struct DatesSentenceTests {
    static func sentences(_ text: String) -> [String] {
        let t = DateTokenizer(text)
        return t.sentenceSpans.map { text.scalarSlice($0.lowerBound, $0.upperBound) }
    }

    @Test("abbreviated months and titles do not end a sentence", arguments: [
        ("LONDON, Aug. 22. The radio spoke.", ["LONDON, Aug. 22.", "The radio spoke."]),
        ("It ended on Sept. 2. Then peace came.", ["It ended on Sept. 2.", "Then peace came."]),
        ("Gen. Beloborodov met Lt. Col. Ito at noon.", ["Gen. Beloborodov met Lt. Col. Ito at noon."]),
        ("Maj. Gen. Shelakhov landed. Adm. Yumashev followed.", ["Maj. Gen. Shelakhov landed.", "Adm. Yumashev followed."]),
    ])
    func abbreviations(_ text: String, _ expected: [String]) {
        #expect(Self.sentences(text) == expected)
    }

    @Test("a full stop glued to the next capitalised word ends a sentence", arguments: [
        ("They signed a truce.The Soviets moved on.", 2),
        ("Harbin fell on Aug. 20.The next day Mukden fell.", 2),
        ("The U.S.Army was far away.", 1),
        ("The report (see p.Ten) was lost.", 1),
    ])
    func gluedStop(_ text: String, _ count: Int) {
        #expect(Self.sentences(text).count == count)
    }

    @Test("a relative day reads the narrative across a glued sentence end")
    func gluedStopDates() {
        let ms = TemporalTagger.mentions(inText: "On August 19, 1945, they parleyed.The next day the garrison gave up.")
        #expect(ms.map(\.value) == ["1945-08-19", "1945-08-20"])
    }
}

/// A wire story alone, naming only an older war: it is not dated by that war's year.
@Suite("Dates: a past event named by its year")
struct DatesNamedYearTests {
    @Test("`the defeat of 1904` names a past event: it gives no year to the report's dateline")
    func namedYear() {
        let text = """
            MOSCOW, Aug. 10 (AP) — The Soviet Union said to-day that the defeat of 1904 had been avenged.
            """
        let ms = TemporalTagger.mentions(inText: text)
        #expect(ms.map(\.value) == ["1904"])
        // beside a text that dates the campaign, the report takes the campaign's year
        let both = DatesNarrativeYearTests.corpus([("wire.txt", text), DatesNarrativeYearTests.campaign])
        #expect(both.filter { $0.documentID == "wire.txt" }.map(\.value) == ["1945-08-10", "1945-08-10", "1904"])
    }

    @Test("`the end of 1945` is the time told")
    func endOfYear() {
        #expect(TemporalTagger.mentions(inText: "By the end of 1945 the army had gone home. In June the last left.").map(\.value)
                == ["1945", "1945-06"])
    }
}
