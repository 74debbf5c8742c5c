import Foundation
import Testing
@testable import AugustCore

/// Texts that write no year of their own: a diary or a memoir beside other texts of the corpus
/// takes the corpus' campaign year when it tells of a war; a recipe does not. Day headings of a
/// diary or a log (`11th.`, `The 13th.`) are days of its narrative.
@Suite struct DatesNoYearTests {
    static let history = """
        The Soviet offensive began on 9 August 1945. The last pockets surrendered in September 1945.

        The region was reorganised on 2 February 1946.
        """

    static let diary = """
        A settler's diary

        August 9. Clear and hot. Russian planes bombed the station at dawn. The men are away with the army.

        August 10. Rain. A soldier on a horse told us to leave; the officer said the enemy attacked the border.

        11th. We walked all night. The troops passed us going east.

        The 13th. We slept on the platform; the wounded were taken first.
        """

    static let recipe = """
        Plum cake for a summer afternoon

        August 9. The plums are ripe; I picked two baskets before the rain.

        August 10. Baked the cake with my aunt and froze half of it.
        """

    func values(_ doc: String, _ texts: [(String, String)]) -> [String] {
        TemporalTagger.mentions(in: Corpus(texts: texts)).filter { $0.documentID == doc }.map(\.date.iso)
    }

    @Test func aDiaryOfTheWarTakesTheCampaignYearAndItsDayHeadings() {
        let v = values("diary.txt", [("history.txt", Self.history), ("diary.txt", Self.diary)])
        #expect(v == ["1945-08-09", "1945-08-09", "1945-08-10", "1945-08-11", "1945-08-13"], "\(v) (`at dawn` is the 9th too)")
    }

    @Test func aRecipeWithNoYearBorrowsNone() {
        #expect(values("recipe.txt", [("history.txt", Self.history), ("recipe.txt", Self.recipe)]).isEmpty)
    }

    @Test func tiedFullDatesGiveTheCampaignTheEarlierYear() {
        // 1945 and 1946 are each written once in full: the narrative year is the earlier one.
        let m = TemporalTagger.mentions(in: Corpus(texts: [("history.txt", Self.history), ("diary.txt", Self.diary)]))
        #expect(m.contains { $0.documentID == "diary.txt" && $0.yearFrom == "corpus" && $0.date.iso.hasPrefix("1945") })
    }

    @Test func anOrdinalInsideASentenceIsNoHeading() {
        let v = values("log.txt", [("history.txt", Self.history),
                                   ("log.txt", "The 88th. Division was not there.\n\nHe finished 11th in the race.")])
        #expect(!v.contains("1945-08-11"), "\(v)")
    }
}
