import Foundation
import Testing
@testable import AugustCore

/// Gaps that texts in new styles showed (a veteran's memoir, a settler's diary, an encyclopedia
/// article on the Kurils, an oral-history interview), each closed by a general rule. The sentences
/// are written for these tests, several phrasings each; none comes from a scored text.
@Suite("Any text on the war: memoirs, diaries, interviews, the Kurils")
struct AnyTextTests {
    /// `document surface → side type number` of the formations of a corpus.
    static func units(_ texts: [(String, String)]) -> [String] {
        let corpus = Corpus(texts: texts.map { (id: $0.0, text: $0.1) })
        return linker.mentions(in: corpus).filter { $0.mention.kind != .place }.map { m in
            let f = linker.formation(id: m.mention.id)
            return "\(m.documentID) \(m.mention.surface) → \(f?.side ?? "?") \(f?.type ?? "?") \(f?.number.map(String.init) ?? "-")"
        }
    }

    // MARK: formations told in the first person

    static let sovietMemoir = """
        Chapter One

        In June our 211th Rifle Division was taken off the trains near the border, and we marched by night so that the Japanese would not see us.

        We crossed the river before dawn. A Japanese sentry fired once and ran; our sergeant caught him in the reeds.

        By noon the tanks of the 219th Tank Brigade went ahead of us, and we rode on their armour into the town.

        The 219th Tank Brigade stayed there two days, and we with it, sleeping in the station.
        """

    static let japaneseDiary = """
        August 10. Rain. We packed what we could carry. The Russians are said to be at the river.

        11th. We walked all night. Carts from the villages; people said the Russians had bombed the bridge.

        12th. At the junction at last. An officer of the Twenty-Second Army told the station master that the civilians must leave by the last train.

        13th. Our neighbours, the Chinese shopkeepers, gave us rice. We slept on the platform. They say the Kwantung Army has gone south.
        """

    @Test("a formation a first-person narrator rides with takes the narrator's side (a Soviet memoir)")
    func sovietMemoirSide() {
        let rows = Self.units([("memoir.txt", Self.sovietMemoir)])
        #expect(rows.filter { $0.contains("219th Tank Brigade") } == [
            "memoir.txt 219th Tank Brigade → Soviet brigade 219", "memoir.txt 219th Tank Brigade → Soviet brigade 219",
        ], "\(rows)")
    }

    @Test("the same rule reads a Japanese settler's diary as the Japanese side")
    func japaneseDiarySide() {
        let rows = Self.units([("diary.txt", Self.japaneseDiary)])
        #expect(rows == ["diary.txt Twenty-Second Army → Japanese army 22", "diary.txt Kwantung Army → Japanese ? -"], "\(rows)")
    }

    @Test("an author's passing `we` makes no narrator: an unknown formation stays unknown")
    func noNarratorInAHistory() {
        let history = """
            The Campaign

            As we shall see, the offensive of the Soviet 36th Army was planned in the spring.

            The 219th Tank Brigade moved up in July.

            The border was crossed on the night of the 8th.
            """
        let rows = Self.units([("history.txt", history), ("memoir.txt", Self.sovietMemoir)])
        #expect(rows.filter { $0.hasPrefix("history.txt 219th") } == ["history.txt 219th Tank Brigade → unknown brigade 219"], "\(rows)")
    }

    @Test("a nationality word naming a border or coast is no side cue", arguments: [
        "The 301st Infantry Regiment waited near the Mongolian border for a week.",
        "For a week the 301st Infantry Regiment dug in on the Soviet frontier hills.",
    ])
    func nationalityOfAPlace(_ sentence: String) {
        let rows = formations(sentence)
        #expect(rows.count == 1 && !rows[0].contains("Mongolian") && !rows[0].contains("Soviet"), "\(rows)")
    }

    // MARK: a bare ordinal after a named formation

    @Test("`the 124th Division and the 126th`: the bare ordinal is a formation of the same kind and side", arguments: [
        ("The 134th Japanese Division and the 139th held the heights west of the city.",
         ["134th Japanese Division | Japanese | division | 134", "139th | Japanese | division | 139"]),
        ("Against them stood the Japanese 121st Infantry Regiment or the 123rd, the prisoners could not agree which.",
         ["Japanese 121st Infantry Regiment | Japanese | regiment | 121", "123rd | Japanese | regiment | 123"]),
        ("The Soviet 39th Army and the 53rd pushed on through the passes.",
         ["Soviet 39th Army | Soviet | army | 39", "53rd | Soviet | army | 53"]),
    ])
    func elidedOrdinal(_ sentence: String, _ expected: [String]) {
        #expect(formations(sentence) == expected)
    }

    @Test("an ordinal after a formation that is a day, or heads its own phrase, is not an elided formation", arguments: [
        ("The Japanese 88th Division and the 12th of August are the subject of this chapter.", 1),
        ("The Soviet 25th Army and the 17th Rifle Corps crossed the border together.", 2),
    ])
    func notElided(_ sentence: String, _ count: Int) {
        let rows = formations(sentence)
        #expect(rows.count == count && !rows.contains { $0.hasPrefix("12th |") || $0.hasPrefix("5th |") }, "\(rows)")
    }

    // MARK: capes and straits of the theatre

    @Test("the capes and straits of the Kurils, Sakhalin and Japan are places of the gazetteer", arguments: [
        ("The landing craft crossed the First Kuril Strait in fog and came ashore near Cape Kokutan.", ["first-kuril-strait", "cape-kokutan"]),
        ("From Cape Lopatka the batteries fired across the strait at Shumshu.", ["cape-lopatka", "shumshu"]),
        ("Destroyers covered the Second Kuril Strait while troops landed at Kokutan Point.", ["second-kuril-strait", "cape-kokutan"]),
        ("Submarines watched the Tsugaru Strait and the Korea Strait for the whole month.", ["tsugaru-strait", "korea-strait"]),
        ("The convoy rounded Cape Crillon and anchored in Aniva Bay.", ["cape-crillon", "aniva-bay"]),
    ])
    func capesAndStraits(_ sentence: String, _ ids: [String]) {
        let found = linker.mentions(in: sentence).filter { $0.kind == .place }.map(\.id)
        #expect(found == ids)
        for id in ids {
            let p = curated.gazetteer.place(id: id)
            #expect(p?.lat != nil && p?.lon != nil, "\(id) has no coordinates")
        }
    }

    // MARK: dates

    static func dates(_ texts: [(String, String)], _ file: String) -> [String] {
        TemporalTagger.mentions(in: Corpus(texts: texts.map { (id: $0.0, text: $0.1) }))
            .filter { $0.documentID == file }.map { "\($0.text) → \($0.value)" }
    }
    static let campaign = ("campaign.txt", "The offensive opened on 9 August 1945. Harbin fell on 20 August 1945.")

    @Test("a day followed by a possessive or a pronoun opens its sentence as any day does", arguments: [
        ("The march began on 16 August 1945. On the 19th our battalion went by train to the coast.", "On the 19th → 1945-08-19"),
        ("The march began on 16 August 1945. By the 20th my company had no boots left.", "By the 20th → 1945-08-20"),
        ("The march began on 16 August 1945. On the 18th their officers gave up their swords.", "On the 18th → 1945-08-18"),
    ])
    func dayBeforePossessive(_ text: String, _ expected: String) {
        #expect(Self.dates([("t.txt", text), Self.campaign], "t.txt").contains(expected))
    }

    @Test("a day told in a later paragraph, after a year of another time, takes the campaign year the corpus gives that day")
    func corpusDayOverDistantYear() {
        let memoir = """
            The battalion crossed the border on 9 August 1945.

            I came home in December 1947, thin as a rake.

            One of them gave me bread on 20 August, the day Harbin fell.
            """
        #expect(Self.dates([("memoir.txt", memoir), Self.campaign], "memoir.txt").contains("20 August → 1945-08-20"))
    }

    @Test("two days joined by `or` are two dates; a time after its day goes with that day", arguments: [
        ("In the morning of 10 August 1945 we left. On the 13th or 14th we were bombed.", ["In the morning of 10 August 1945 → 1945-08-10", "On the 13th → 1945-08-13", "14th → 1945-08-14"]),
        ("The order came on 12 August 1945. Then on the 15th at noon the radio spoke.", ["12 August 1945 → 1945-08-12", "on the 15th at noon → 1945-08-15T12:00"]),
        ("The order came on 12 August 1945. On the 14th, at 0530 hours, the guns opened up.", ["12 August 1945 → 1945-08-12", "On the 14th, at 0530 hours → 1945-08-14T05:30"]),
    ])
    func dayOrDayAndTime(_ text: String, _ expected: [String]) {
        #expect(Self.dates([("t.txt", text), Self.campaign], "t.txt") == expected)
    }

    @Test("a diary's `yesterday`, `today`, `two days ago` count from the entry's day")
    func diaryRelativeDays() {
        let diary = """
            August 12, 1945. We reached the junction.

            14th. Rain. Yesterday's train took only the officials. Today nobody came.

            16th. A man said the bridge was blown two days ago.
            """
        #expect(Self.dates([("diary.txt", diary), Self.campaign], "diary.txt") == [
            "August 12, 1945 → 1945-08-12", "14th → 1945-08-14", "Yesterday → 1945-08-13", "Today → 1945-08-14",
            "16th → 1945-08-16", "two days ago → 1945-08-14",
        ])
    }

    @Test("a day in the middle of a passage, or opening a sentence, is no diary entry: its `yesterday`, `today` stay unread", arguments: [
        "We rested in August 1945. On 14 August the rain stopped; yesterday it had poured.",
        "April 17, 1947 the pact was denounced. This still divides the region today.",
        "14 August 1945 saw the rain stop, and yesterday it had poured.",
    ])
    func noEntryMidPassage(_ text: String) {
        let rows = Self.dates([("t.txt", text), Self.campaign], "t.txt")
        #expect(!rows.contains { $0.hasPrefix("yesterday") || $0.hasPrefix("today") }, "\(rows)")
    }

    @Test("an interview: the season of the campaign's year asked about is the year of the days told, not the recording date")
    func interviewSeason() {
        let interview = """
            Interview 4. Recorded at Niigata on 3 March 1998.

            Q: Where were you in the summer of 1945?

            A: With the border guards. On the 9th of August the shelling started, and by the 12th we had pulled back.
            """
        #expect(Self.dates([("interview.txt", interview), Self.campaign], "interview.txt") == [
            "3 March 1998 → 1998-03-03", "the summer of 1945 → 1945-SU", "the 9th of August → 1945-08-09", "by the 12th → 1945-08-12",
        ])
    }

    @Test("a season of another year, named in passing, does not date the next paragraph's days")
    func otherSeasonInPassing() {
        let blog = """
            Posted March 3, 2021

            This is the cake that won my aunt a prize at the fair in the summer of 1978.

            I baked it myself on 9 May for the first time.
            """
        let rows = Self.dates([("blog.txt", blog), Self.campaign], "blog.txt")
        #expect(rows.contains("9 May → 2021-05-09") && !rows.contains("9 May → 1978-05-09"), "\(rows)")
    }
}
