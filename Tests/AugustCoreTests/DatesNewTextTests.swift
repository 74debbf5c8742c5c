import Testing
import Foundation
@testable import AugustCore

/// A new text in the seeds' style, written for this test (not taken from any seed): a dateline, a
/// chapter in sections, relative days, times, a damaged date, plans, and numbers that are not dates.
@Suite("Dates in a new text")
struct DatesNewTextTests {
    static let text = """
        Memory 02/09/20 How the Kuril islands were taken in 1945

        Section I the Soviet command prepared the landing.

        On August 15, 1945, the commander of the Kamchatka defensive area received the order to seize the northern islands within five days.

        At 2:30 on the 18th, the first echelon of the landing force approached the coast in thick fog.

        At dawn, the Japanese artillery opened fire on the ships of the 302nd Rifle Regiment.

        On the same day, the 101st rifle division landed its main force, and on the 19th the Japanese command asked for negotiations.

        The next day, fighting broke out again near the airfield.

        On the 22nd and 23rd, the garrison of 12,000 men laid down its arms.

        In the second section, the fleet moved south.

        From August 24 to 28, the ships occupied the middle islands, and by 1 September 1945 the southern islands were taken.

        Earlier, in the spring of 1945, the staff had planned the operation for the autumn of 1945.

        The veterans met again in the 1970s and on the 30th anniversary of the landing, and in 1985 a monument was opened.

        1944, 3 In June, the plan of the operation was approved.
        """

    @Test("reads every date of the new text, and nothing else")
    func readsTheNewText() {
        let mentions = TemporalTagger.mentions(inText: Self.text, id: "kurils.txt")
        let found = mentions.map { "\($0.line) \($0.value) \($0.kind.rawValue)" }
        let expected = [
            "1 2020-09-02 publication",
            "1 1945 event",
            "5 1945-08-15 event",
            "7 1945-08-18T02:30 event",
            "9 1945-08-18 event",
            "11 1945-08-18 event",
            "11 1945-08-19 event",
            "13 1945-08-20 event",
            "15 1945-08-22 event",
            "15 1945-08-23 event",
            "19 1945-08-24/1945-08-28 event",
            "19 1945-09-01 event",
            "21 1945-SP event",
            "21 1945-FA other",
            "23 1985 event",
            "25 1944-06-03 event",
        ]
        #expect(found == expected)
    }

    static let blog = """
        Heroes of the Amur Flotilla!

        Far East 1945: River Monitors Storm the Sungari! (3.9.2023)

        On August 10th, 1945, the monitors of the Amur Flotilla crossed the river at dawn – carrying the 15th Army to the southern bank. Within 3 days, the flotilla had landed more than 20,000 troops. And on the 13th, the gunboats reached Fujin.

        Remembering September 3rd!

        Veterans Gathered in Khabarovsk (2.9.2021)

        Every year on September 3rd the veterans meet at the monument. In 1995 – the 50th Anniversary – more than 400 veterans came. Since 2020, the day is once again a memorial date.
        """

    @Test("a collection of blog posts: stamps, a headline year, a holiday (also in the heading of a post about it)")
    func readsABlog() {
        let found = TemporalTagger.mentions(inText: Self.blog, id: "blog.txt").map { "\($0.line) \($0.value) \($0.kind.rawValue)" }
        #expect(found == [
            "3 1945 event",
            "3 2023-09-03 publication",
            "5 1945-08-10 event",
            "5 1945-08-10 event",
            "5 1945-08-13 event",
            "7 XXXX-09-03 other",
            "9 2021-09-02 publication",
            "11 XXXX-09-03 other",
            "11 1995 event",
            "11 2020 event",
        ])
    }
}
