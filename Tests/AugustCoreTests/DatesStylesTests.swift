import Testing
import Foundation
@testable import AugustCore

/// The ordinary forms of other styles: operational summaries, war diaries, wire copy.
@Suite("Dates: forms of other styles")
struct DatesStylesTests {
    static func values(_ text: String) -> [String] { TemporalTagger.mentions(inText: text).map(\.value) }
    static func texts(_ text: String) -> [String] { TemporalTagger.mentions(inText: text).map { "\($0.text) → \($0.value)" } }

    @Test("a time goes with the date of its own phrase", arguments: [
        ("On 9 August 1945 the offensive opened. At 5 p.m. on the previous day, 8 August, Molotov received the ambassador.",
         ["1945-08-09", "1945-08-08T17:00"]),
        ("On 9 August 1945 the offensive opened. At 5 p.m. on the previous day Molotov had received the ambassador.",
         ["1945-08-09", "1945-08-08T17:00"]),
        ("The landing began on 18 August 1945 at 0430 hours.", ["1945-08-18T04:30"]),
        ("The garrison surrendered on 23 August 1945, at 2 p.m.", ["1945-08-23T14:00"]),
    ])
    func timeInItsPhrase(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("numeric dates where the order is clear", arguments: [
        ("The order of 19.8.45 reached the brigade.", ["1945-08-19"]),
        ("Report dated 19/8/1945: the pass is taken.", ["1945-08-19"]),
        ("A cable of 8/19/45 confirmed it.", ["1945-08-19"]),
        ("During the night of 20.8.45 the brigade crossed the river.", ["1945-08-20"]),
    ])
    func numeric(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("an ambiguous slash date takes the order of the document's other dates, else its month")
    func ambiguousSlash() {
        // 8/9/45 alone cannot be read; after 8/19/45 the document writes the month first
        #expect(Self.values("Cable of 8/9/45 received.").isEmpty)
        #expect(Self.values("Cable of 8/19/45 received. Cable of 8/9/45 received.") == ["1945-08-19", "1945-08-09"])
        #expect(Self.values("Cable of 19/8/45 received. Cable of 9/8/45 received.") == ["1945-08-19", "1945-08-09"])
        #expect(Self.values("On 7 August 1945 the staff met. Cable of 9/8/45 received.") == ["1945-08-07", "1945-08-09"])
    }

    @Test("numbers with dots or slashes that are not dates", arguments: [
        "Version 1.2.3 of the tool.", "The ratio was 3/4.", "Address 192.168.1.10 was down.", "See §2.1.12 of the code.",
    ])
    func notNumericDates(_ text: String) {
        #expect(Self.values("On August 9, 1945, the offensive began. " + text) == ["1945-08-09"])
    }

    @Test("military times", arguments: [
        ("On 9 August 1945 the fronts attacked. At 0530 hours the tanks moved.", ["1945-08-09", "1945-08-09T05:30"]),
        ("On 9 August 1945 the fronts attacked. At 0530 the tanks moved.", ["1945-08-09", "1945-08-09T05:30"]),
        ("0100 hrs on 9 August 1945: the first echelon crossed.", ["1945-08-09T01:00"]),
        ("At 2330 hours on 8 August 1945 the guns opened fire.", ["1945-08-08T23:30"]),
    ])
    func military(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("four digits that are years or counts are not times", arguments: [
        ("In 1945 the war ended.", ["1945"]),
        ("After 1500 hours of fighting, the town fell.", [String]()),
        ("At 1945 the war ended, some say.", [String]()),
    ])
    func notTimes(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("ranges of days and years", arguments: [
        ("They fought on 18–19 August 1945.", ["1945-08-18/1945-08-19"]),
        ("Between 13/17 August 1945 the fortified region held out.", ["1945-08-13/1945-08-17"]),
        ("The plans of 1944-45 were revised.", ["1944/1945"]),
        ("In 1944–45 the staff planned.", ["1944/1945"]),
    ])
    func ranges(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("spelled ordinals", arguments: [
        ("On 20 August 1945 Harbin fell. On the twenty-first the Soviets entered Port Arthur.",
         ["1945-08-20", "1945-08-21"]),
        ("The eighteenth of August 1945 was the day of the landing.", ["1945-08-18"]),
        ("By the first of September 1945 the islands were taken.", ["1945-09-01"]),
        ("On 15 August 1945 the Emperor spoke. On the eighteenth the landing began.", ["1945-08-15", "1945-08-18"]),
        ("On 15 August 1945 the Emperor spoke. On the thirty first of August all was over.", ["1945-08-15", "1945-08-31"]),
    ])
    func spelled(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("small spelled ordinals alone count ranks, not days", arguments: [
        "On 15 August 1945 the Emperor spoke. On the second, the army wavered.",
        "On 15 August 1945 the Emperor spoke. On the first line the guns stood.",
        "On 15 August 1945 the Emperor spoke. The twenty-fifth Army held.",
    ])
    func smallOrdinals(_ text: String) {
        #expect(Self.values(text) == ["1945-08-15"])
    }

    @Test("parts of a day", arguments: [
        ("By the morning of 19 August 1945 the pass was taken.", ["1945-08-19"]),
        ("During the night of 8/9 August 1945 the fronts moved up.", ["1945-08-08/1945-08-09"]),
        ("Until the evening of the 20th of August 1945 they held.", ["1945-08-20"]),
    ])
    func partsOfDay(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("a weekday before a full date is part of it, not a news word")
    func weekdayBeforeDate() {
        #expect(Self.texts("Wednesday, August 22, 1945: the Red Army in Harbin.") == ["August 22, 1945 → 1945-08-22"])
    }
}

/// Forms of operational summaries and Japanese-side accounts, and clock words of narrative prose.
@Suite("Dates: summaries, eras and clock words")
struct DatesSummaryTests {
    static func values(_ text: String) -> [String] { TemporalTagger.mentions(inText: text).map(\.value) }

    @Test("day.month spans and yearless day.month in a document that writes d.m.yy", arguments: [
        ("REPORT ON OPERATIONS, 9–25.8.45\nOn 10.8.45 the corps attacked. By 12.8 it had reached the river.",
         ["1945-08-09/1945-08-25", "1945-08-10", "1945-08-12"]),
        ("On 14.8.45 the brigade regrouped.\n15–17.8: fighting for the pass.", ["1945-08-14", "1945-08-15/1945-08-17"]),
    ])
    func dotted(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("a yearless day.month is not read where no date is written that way, nor before a unit", arguments: [
        "On August 9, 1945 the corps attacked. By 12.8 it had reached the river.",
        "On 10.8.45 the corps attacked. It advanced by 11.8 km that day.",
    ])
    func dottedNot(_ text: String) {
        #expect(!Self.values(text).contains("1945-08-12") && !Self.values(text).contains("1945-08-11"))
    }

    @Test("a military time with the date that follows it; 2400 is the next day's midnight", arguments: [
        ("By 2400 8.8.45 the armies stood ready.", ["1945-08-09T00:00"]),
        ("The corps crossed at 0500 11.8.45 after a short barrage.", ["1945-08-11T05:00"]),
        ("At 1700 on 24.8.45 the forward units entered the town.", ["1945-08-24T17:00"]),
        ("On 20.8.45 the landing began; the port was cleared by 1400 hours.", ["1945-08-20", "1945-08-20T14:00"]),
    ])
    func militaryBeforeDate(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("an editor's bracketed year after a partial date completes it", arguments: [
        ("Forward detachments crossed on the night of 8–9 August [1945].", ["1945-08-08/1945-08-09"]),
        ("The army crossed the passes between 10 and 11 August [1945].", ["1945-08-10/1945-08-11"]),
        ("The division was destroyed between May and September [1939].", ["1939-05/1939-09"]),
    ])
    func editorYear(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("a Japanese era year", arguments: [
        ("In the early hours of August 18, Showa 20 (1945) the landing began.", ["1945-08-18"]),
        ("The order of 9 August, Shōwa 20 reached the garrison.", ["1945-08-09"]),
    ])
    func era(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("clock words and times of day on the narrative's day", arguments: [
        ("On 18 August 1945 the tanks counter-attacked at about six in the morning.", ["1945-08-18", "1945-08-18T06:00"]),
        ("On 9 August 1945 the army crossed and by nightfall was far inside Manchuria.", ["1945-08-09", "1945-08-09"]),
        ("The garrison was to surrender by noon on 20 August 1945.", ["1945-08-20T12:00"]),
        ("On 24 August 1945 the fleet landed. By the end of the month the islands were taken.", ["1945-08-24", "1945-08"]),
    ])
    func clockWords(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("a deadline within the expression stays a plan")
    func deadline() throws {
        let m = try #require(TemporalTagger.mentions(inText: "The garrison was to surrender by noon on 20 August 1945.").first)
        #expect(m.kind == .other)
    }

    @Test("years later count from the last year named, unless the sentence gives its own")
    func yearsLater() {
        #expect(Self.values("Nomonhan [1939] was a lesson. Six years later the Soviets came back.") == ["1939", "1945"])
        #expect(Self.values("In 1932 a treaty was refused. Ten years later, in 1941, a pact was signed.") == ["1932", "1941"])
    }

    @Test("a commemorated day that goes on from the narrative is an event, not a holiday")
    func holidayOrNarrative() {
        let text = "On 23 August 1945 the last forts fell. The surrender was signed on 2 September, and the next day was declared a holiday."
        #expect(Self.values(text) == ["1945-08-23", "1945-09-02", "1945-09-03"])
        // with no narrative day before it, the same day in a passage about holidays recurs
        #expect(Self.values("Every year on September 2nd the holiday is marked.") == ["XXXX-09-02"])
    }
}

/// News items of any year, in the agencies' style.
@Suite("Dates: news items")
struct DatesNewsItemTests {
    @Test("an AP dateline with a state and its date in brackets; weekdays past and future")
    func apDateline() {
        let text = """
            SPRINGFIELD, Ill. (August 11, 2020) — A fair raised money for the food bank on Sunday, organizers said Tuesday. \
            A second fair is planned for Saturday; rain is expected on Wednesday. The first was planned for April.
            """
        let ms = TemporalTagger.mentions(inText: text)
        #expect(ms.map(\.value) == ["2020-08-11", "2020-08-09", "2020-08-11", "2020-08-15", "2020-08-12", "2020-04"])
        #expect(ms.first?.kind == .publication)
    }

    @Test("a posted date dates the text; this year is its year; the Saturday of a phrase is no weekday")
    func posted() {
        let text = """
            Posted November 21, 2020

            This year we will be four at the table, on the Saturday before the holiday.
            """
        #expect(TemporalTagger.mentions(inText: text).map(\.value) == ["2020-11-21", "2020"])
    }
}

/// An anniversary piece: a byline date, `years ago today`, a quoted veteran's days.
@Suite("Dates: anniversary pieces")
struct DatesAnniversaryTests {
    @Test("a byline dates the piece; the report's days do not move the narrative's")
    func byline() {
        let text = """
            Veterans remember
            By Staff Writer | 9 August 2011

            KHABAROVSK — Sixty-six years ago today, Soviet tanks rolled into Manchuria. On Tuesday, veterans laid \
            flowers. "We crossed the Amur on the night of the 9th," said one. "By the 20th it was over."
            """
        let ms = TemporalTagger.mentions(inText: text)
        #expect(ms.map(\.value) == ["2011-08-09", "1945-08-09", "2011-08-09", "1945-08-09", "1945-08-20"])
        #expect(ms.first?.kind == .publication)
    }

    @Test("numbers that look like short dates in a text with no dates: a model, a version", arguments: [
        "The Model 3.2.15 ships in May.", "Release v2.1.19 fixed it.", "Revenue grew 12.5% in the quarter ended 30 June.",
    ])
    func notShortDates(_ text: String) {
        #expect(TemporalTagger.mentions(inText: text).isEmpty)
    }
}

/// Lecture notes: a plan's date, a name after a day, the end of a month.
@Suite("Dates: lecture notes")
struct DatesLectureTests {
    @Test("a plan's date gives the narrative its year (not its day); a name may follow `on the 10th`")
    func lecture() {
        let text = """
            1. The plan. Stavka approved the plan on 27 June 1945; the fronts were to be ready by 1 August.
            2. The blow. The offensive began on 9 August. On the 10th Mongolia declared war. On the 12th Army day nothing moved.
            3. The end. Fighting went on in places until the end of August. Many prisoners did not return until 1956. \
            Puyi was captured on 19 August.
            """
        let ms = TemporalTagger.mentions(inText: text)
        #expect(ms.map(\.value) == ["1945-06-27", "1945-08-01", "1945-08-09", "1945-08-10", "1945-08", "1956", "1945-08-19"])
        #expect(ms.first?.kind == .other)
    }
}

/// A translated Chinese account, two wars in one essay, a sports page.
@Suite("Dates: more narratives")
struct DatesMoreNarrativesTests {
    static func values(_ text: String) -> [String] { TemporalTagger.mentions(inText: text).map(\.value) }

    @Test("in the early morning of the 10th")
    func earlyMorning() {
        #expect(Self.values("On August 9, 1945, the army attacked. In the early morning of the 10th, Mongolia declared war.")
                == ["1945-08-09", "1945-08-10"])
    }

    @Test("decades later move the narrative's year on from an older war's")
    func decadesLater() {
        let text = """
            On 8 February 1904 the Japanese fleet attacked Port Arthur. On 10 March 1905 Mukden fell.

            Four decades later the roles were reversed. On 9 August the Soviet fronts crossed into Manchuria.
            """
        #expect(Self.values(text) == ["1904-02-08", "1905-03-10", "1945", "1945-08-09"])
    }

    @Test("a time on a weekday is not put on the narrative's day")
    func timeOnWeekday() {
        #expect(Self.values("The derby on 14 September 2019 ended 2-1. Tickets go on sale at 9 am on Monday.") == ["2019-09-14"])
    }
}
