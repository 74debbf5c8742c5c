import Testing
import Foundation
@testable import AugustCore

/// Each form the issue lists, in a small text of its own.
@Suite("Date forms")
struct DatesFormsTests {
    /// The values found in a text, in order.
    static func values(_ text: String) -> [String] {
        TemporalTagger.mentions(inText: text).map(\.value)
    }
    static func mentions(_ text: String) -> [DateMention] { TemporalTagger.mentions(inText: text) }

    @Test("absolute dates, months, years, seasons and ranges", arguments: [
        ("The war began on August 9, 1945.", ["1945-08-09"]),
        ("The pact was signed 9 August 1945 in Moscow.", ["1945-08-09"]),
        ("It was signed on 13 April 1941 in Moscow.", ["1941-04-13"]),
        ("In August 1932, the staff wrote a plan.", ["1932-08"]),
        ("There was a clash in 1938.", ["1938"]),
        ("The war ended in the spring of 1946.", ["1946-SP"]),
        ("They resisted until early September 1945.", ["1945-09"]),
        ("By mid-September 1941, the staff was ready.", ["1941-09"]),
        ("They fought from August 18 to September 1, 1945.", ["1945-08-18/1945-09-01"]),
        ("They were beaten from May to August 1939.", ["1939-05/1939-08"]),
        ("Many died between 1939 and 1945.", ["1939/1945"]),
        ("Soviet soldiers in Harbin, 1945.", ["1945"]),
        ("Manchuria [1945]: tanks!", ["1945"]),
        ("On August 19th, 1945, Puyi was captured.", ["1945-08-19"]),
        ("Seen in the winter of 1944 near the river.", ["1944-WI"]),
        ("From August 9 to September 3, 1945, the war lasted.", ["1945-08-09/1945-09-03"]),
    ])
    func absolute(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("other common forms of narrative history", arguments: [
        ("On the 9th of August 1945 the army moved.", ["1945-08-09"]),
        // Two ordinal days sharing one month written after the second (a memoir's style).
        ("In 1945, on the night from the 8th to the 9th of August, it rained.", ["1945", "1945-08-08/1945-08-09"]),
        ("In 1945, between the 10th and the 12th of August, they marched.", ["1945", "1945-08-10/1945-08-12"]),
        ("In 1945 they rested from the 20th to the 22nd of August.", ["1945", "1945-08-20/1945-08-22"]),
        ("They fought on 16-17 August 1945 near the river.", ["1945-08-16/1945-08-17"]),
        ("They fought on August 18–19, 1945 near the river.", ["1945-08-18/1945-08-19"]),
        ("August 21 and 22, 1945 were busy days.", ["1945-08-21", "1945-08-22"]),
        ("In early 1945 the plans changed.", ["1945"]),
        ("By mid-1945 the staff had changed its plans.", ["1945"]),
        ("In summer 1945 troops arrived.", ["1945-SU"]),
        ("In 1945 soldiers acted boldly.", ["1945"]),
        ("A report dated 1945-08-20 was found.", ["1945-08-20"]),
        ("1945年8月9日，苏军进攻。", ["1945-08-09"]),
        ("１９４５年８月１５日、日本は降伏した。", ["1945-08-15"]),
        ("The 9th Army reached the coast on Aug. 20, 1945.", ["1945-08-20"]),
    ])
    func moreForms(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("a number after `of` that counts something is not a year", arguments: [
        "They had a total of 1945 soldiers.",
        "The fleet grew to 1945 tanks and ships.",
    ])
    func countsAfterOf(_ text: String) {
        #expect(Self.values(text).isEmpty)
    }

    @Test("times and parts of the day", arguments: [
        ("At 0:00 on August 9, 1945, the army attacked.", ["1945-08-09T00:00"]),
        ("On August 6, 1945, a bomb fell. At 17:00 on August 8, Molotov spoke.", ["1945-08-06", "1945-08-08T17:00"]),
        ("Japan signed at 9 am on September 2, 1945, in Tokyo Bay.", ["1945-09-02T09:00"]),
        ("The war will start on August 9, 1945 at 9 am.", ["1945-08-09T09:00"]),
        ("On the night of August 8, 1945, the armies took their places.", ["1945-08-08"]),
        ("On August 9, 1945, they crossed. On the afternoon of the 10th, they reached the range.",
         ["1945-08-09", "1945-08-10"]),
        ("In the evening of August 23, 1945, the garrison surrendered.", ["1945-08-23"]),
    ])
    func times(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("relative days resolve against the narrative's last date")
    func relative() {
        let text = """
            On August 8, 1945, war was declared. On the 9th, the armies crossed the border. At dawn, the tanks moved. \
            At 4:30, the infantry followed. That night, the range was crossed. On the same day, a bridge fell. \
            The next day, the city was taken. On the 14th, the fleet landed. On the 20th and 21st, the detachments met. \
            Since the 18th, airborne troops had landed. They took the port on the second day of the campaign.
            """
        #expect(Self.values(text) == [
            "1945-08-08", "1945-08-09", "1945-08-09", "1945-08-09T04:30", "1945-08-09", "1945-08-09", "1945-08-10",
            "1945-08-14", "1945-08-20", "1945-08-21", "1945-08-18", "1945-08-10",
        ])
        #expect(Self.mentions(text)[1].isRelative)
        #expect(!Self.mentions(text)[0].isRelative)
    }

    @Test("a time before dawn after a night of two days is the second day's; an evening time the first's")
    func afterANight() {
        #expect(Self.values("In 1945, on the night from the 8th to the 9th of August, it rained. At 1:00 the order came.")
                == ["1945", "1945-08-08/1945-08-09", "1945-08-09T01:00"])
        #expect(Self.values("On the night of 8/9 August 1945 we waited. At 23:00 the guns fell silent.")
                == ["1945-08-08/1945-08-09", "1945-08-08T23:00"])
        // A span of more than two days is no night: the time stays on its first day.
        #expect(Self.values("From 8 to 12 August 1945 we marched. At 1:00 we stopped.")
                == ["1945-08-08/1945-08-12", "1945-08-08T01:00"])
    }

    @Test("more relative forms: days later, the day before, the next morning, noon")
    func moreRelative() {
        let text = """
            On August 9, 1945, the army crossed. Two days later, the city fell. The next morning, the fleet sailed. \
            A day later, the port was taken. At noon, the flag was raised. The day before, it had rained. \
            The decree came a day after the surrender was signed.
            """
        #expect(Self.values(text) == ["1945-08-09", "1945-08-11", "1945-08-12", "1945-08-13", "1945-08-13T12:00", "1945-08-12"])
    }

    @Test("spans of years", arguments: [
        ("The war of 1939–1945 ended.", ["1939/1945"]),
        ("He served in 1941-1945 in the Far East.", ["1941/1945"]),
        ("Unit 731 (1936-1945) was a secret unit.", ["1936/1945"]),
    ])
    func yearSpans(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("a month and day with no year take the narrative's year; a day alone its month too")
    func narrativeYear() {
        #expect(Self.values("In July 1945, talks failed. On August 14, Japan gave up.") == ["1945-07", "1945-08-14"])
        #expect(Self.values("In May 1945, the staff met. The decision came in June.") == ["1945-05", "1945-06"])
    }

    @Test("never today's date nor the publication date: with no narrative date, a relative one is left out")
    func noAnchorNoDate() {
        let text = """
            A headline for the test (26.7.2024)

            On the 9th, the second bomb fell. That night, nothing happened. At 4:30, they left.
            """
        let ms = Self.mentions(text)
        #expect(ms.map(\.value) == ["2024-07-26"])
        #expect(ms.first?.kind == .publication)
    }

    @Test("each article has its own narrative: the anchor does not cross an article heading")
    func anchorPerArticle() {
        let text = """
            Section I the war.

            On August 9, 1945, the war began. On the 10th, tanks moved.

            Section II the peace.

            On the 12th, nothing is known of the month here.
            """
        #expect(Self.values(text) == ["1945-08-09", "1945-08-10"])
    }

    @Test("publication stamps and datelines", arguments: [
        ("A headline about tanks (26.7.2024)", "2024-07-26"),
        ("History 30/12/19 Why Japan was accused", "2019-12-30"),
    ])
    func publication(_ text: String, _ value: String) {
        let ms = Self.mentions(text)
        #expect(ms.map(\.value) == [value])
        #expect(ms.first?.kind == .publication)
    }

    @Test("the damaged forms of the translations", arguments: [
        ("On June 25th, 194 1, the ambassador asked.", ["1941-06-25"]),
        ("1in the spring of 945, the army assembled troops.", ["1945-SP"]),
        ("On August 8, 1945, a note. On August 8 17, Molotov summoned the ambassador.", ["1945-08-08", "1945-08-08T17:00"]),
        ("At 0: 00 on August 9, 1945, the army attacked.", ["1945-08-09T00:00"]),
        ("1932, 16 In March, a treaty was proposed.", ["1932-03-16"]),
        ("1932 In August, the staff made a decision.", ["1932-08"]),
        ("1July 1938 and1May-August 1939, the army was hit.", ["1938-07", "1939-05/1939-08"]),
        ("1928, Japan attempted to invade Siberia.", ["1928"]),
    ])
    func damaged(_ text: String, _ expected: [String]) {
        #expect(Self.values(text) == expected)
    }

    @Test("a year that lost a digit is read only where the document names one year of that decade")
    func decadeRepair() {
        #expect(Self.values("On June 25th, 194 1, a talk. Ten years later, in April 194 13, a pact.")
                == ["1941-06-25", "1941-04-13"])
        // two years of the 1940s named: which one is meant is unclear, so it is left out
        #expect(Self.values("In 1941 a pact, in 1943 a battle. Later, in April 194 13, a pact.") == ["1941", "1943"])
    }

    @Test("a lone day number opening a sentence, in a narrative told day by day")
    func loneDay() {
        #expect(Self.values("On August 9, 1945, the army crossed the river. 14 Zhan Baoqing.")
                == ["1945-08-09", "1945-08-14"])
        // with no day in the narrative, a number opening a sentence is not a date
        #expect(Self.values("In 1945 the war ended. 14 Zhan Baoqing.") == ["1945"])
    }

    @Test("recurring and hypothetical dates are kind other", arguments: [
        ("In May 1947, May 9th became a working day, and the holiday was moved.", "XXXX-05-09"),
        ("On August 10, 1945, the army was asked to reach the line before sunset on August 12.", "1945-08-12"),
        ("A declaration of war was scheduled for August 10, 1941.", "1941-08-10"),
        ("The war against Japan may take place in the spring of 1946.", "1946-SP"),
        ("In 1932 the staff formulated the 1933 operational plan.", "1933"),
    ])
    func other(_ text: String, _ value: String) throws {
        let m = try #require(Self.mentions(text).first { $0.value == value })
        #expect(m.kind == .other)
        // and what happened stays an event
        for e in Self.mentions(text) where e.value != value { #expect(e.kind == .event) }
    }

    @Test("an order or a plan does not move the narrative")
    func otherIsNoAnchor() {
        let text = "On the afternoon of August 10, 1945, they advanced; they had to arrive before sunset on August 12. That night, they camped."
        #expect(Self.values(text) == ["1945-08-10", "1945-08-12", "1945-08-10"])
    }

    @Test("offsets are Unicode scalars into the passage, and the text is exact")
    func offsets() throws {
        let text = "Татьяна — «On August 9, 1945» 👍 the army moved."
        let m = try #require(Self.mentions(text).first)
        #expect(m.text == "August 9, 1945")
        #expect(text.scalarSlice(m.start, m.end) == "August 9, 1945")
        #expect(m.start == 14)
    }
}

@Suite("DateValue")
struct DatesValueTests {
    @Test("ISO forms round-trip and carry their precision", arguments: [
        ("1945", DatePrecision.year), ("1945-SP", .season), ("1945-08", .month), ("1945-08-09", .day),
        ("1945-08-09T00:00", .minute), ("1945-08-11/1945-08-25", .day), ("XXXX-05-09", .day),
    ])
    func roundTrip(_ iso: String, _ precision: DatePrecision) throws {
        let v = try #require(DateValue(iso: iso))
        #expect(v.iso == iso)
        #expect(v.precision == precision)
    }

    @Test("invalid values are refused", arguments: ["1945-13", "1945-02-30", "45", "1945-08-09T25:00", "August"])
    func invalid(_ iso: String) {
        #expect(DateValue(iso: iso) == nil)
    }

    @Test("bounds sort a year before its months and a month before its days, seasons inside their year")
    func bounds() throws {
        let year = try #require(DateValue(iso: "1945"))
        let august = try #require(DateValue(iso: "1945-08"))
        let day = try #require(DateValue(iso: "1945-08-09"))
        let time = try #require(DateValue(iso: "1945-08-09T17:00"))
        let spring = try #require(DateValue(iso: "1945-SP"))
        let winter = try #require(DateValue(iso: "1944-WI"))
        #expect(year.lowerBound == "1945-01-01T00:00" && year.upperBound == "1945-12-31T23:59")
        #expect(august.upperBound == "1945-08-31T23:59")
        #expect(spring.lowerBound == "1945-03-01T00:00" && spring.upperBound == "1945-05-31T23:59")
        #expect(winter.upperBound == "1945-02-28T23:59")
        #expect([time, day, august, year].sorted() == [year, august, day, time])
        #expect(day.overlaps(august) && !day.overlaps(spring))
    }
}
