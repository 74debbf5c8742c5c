import Foundation
import Testing
@testable import AugustCore

/// Movements read by grammar from sentences written for these tests, in several styles.
@Suite("Movements: extraction")
struct MovementsTests {
    /// `action place actor-or-side` for each movement of a text, in text order.
    func moves(_ text: String) -> [String] {
        MovementExtractor.movements(in: text, linker: linker).map { m in
            "\(m.action.rawValue) \(m.placeID) \(m.actorID ?? m.side ?? "?")"
        }
    }

    @Test func activeSentencesGiveTheFormationThePlaceAndTheAction() {
        #expect(moves("On 10 August the 5th Army captured Suifenhe after a short fight.")
                == ["captured suifenhe 5th-army"])
        #expect(moves("The 36th Army crossed the Argun and took Hailar two days later.")
                == ["crossed argun-river 36th-army", "took hailar 36th-army"])
        #expect(moves("Tanks of the 6th Guards Tank Army reached the outskirts of Mukden on the 19th.")
                == ["reached shenyang 6th-guards-tank-army"])
        #expect(moves("The 15th Army, supported by the Amur Flotilla, occupied Jiamusi.")
                == ["occupied jiamusi 15th-army"])
        #expect(moves("The 35th Army entered Boli and the 25th Army entered Tumen.")
                == ["entered boli-county 35th-army", "entered tumen 25th-army"])
    }

    @Test func coordinatedPlacesAreEachAMovement() {
        #expect(moves("Later the Transbaikal Front captured Zalantun, Taonan and Tongliao.")
                == ["captured zalantun transbaikal-front", "captured taonan transbaikal-front",
                    "captured tongliao transbaikal-front"])
    }

    @Test func passiveAndFellToNameTheAgentAfterTheVerb() {
        #expect(moves("Harbin was taken by the 1st Red Banner Army on 20 August.")
                == ["took harbin 1st-red-banner-army"])
        #expect(moves("Mukden fell to Soviet airborne troops on the 19th.") == ["fell shenyang Soviet"])
        #expect(moves("Port Arthur was occupied without a fight.") == ["occupied port-arthur ?"])
        #expect(moves("Changchun, which was captured by Soviet paratroopers, became the headquarters.")
                == ["captured changchun Soviet"])
    }

    @Test func aPossessiveOrASideWordIsTheDoer() {
        #expect(moves("The 25th Army's troops entered Chongjin.") == ["entered chongjin 25th-army"])
        #expect(moves("Soviet troops landed at Maoka under fire.") == ["landed maoka Soviet"])
        #expect(moves("The Japanese garrison of Hailar surrendered on 18 August.")
                == ["surrendered hailar Japanese"])
    }

    @Test func aFormationInAWithPhraseIsAHelper() {
        #expect(moves("The 15th Army with ships of the Amur Flotilla forced the Amur on 9.8.") == ["crossed amur 15th-army"])
    }

    @Test func aStatementWithoutADateTakesTheLastDateOfItsParagraph() throws {
        let corpus = Corpus(texts: [(id: "t.txt", text: """
            Title

            On 20 August 1945 ships of the Pacific Fleet appeared off Maoka. Before noon the landing force took Maoka.

            The 16th Army entered Toyohara.

            """)])
        let ms = Analysis(corpus: corpus, linker: linker).movements
        let maoka = try #require(ms.first { $0.placeID == "maoka" })
        #expect(maoka.dateStart == "1945-08-20" && maoka.dateInferred)
        // Another paragraph: no date to take.
        let toyohara = try #require(ms.first { $0.placeID == "toyohara" })
        #expect(toyohara.dateStart == nil && !toyohara.dateInferred)
    }

    @Test func sovietStaffStyle() {
        // Terse, one statement a line, no articles, historical present.
        // Both sides had a 5th Army and this line names no side: the actor is the 5th Army, side
        // undecided (the grammar does not guess), so only the action and the place are asserted.
        #expect(moves("9.8.45 0100 advance detachments of the 5th Army cross the border; 5th Army captures Suifenhe.")
                .map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == ["captured suifenhe"])
        #expect(moves("16th Army broke through Koton fortified area 16.8.45.") == ["broke-through koton-fortified-area 16th-army"])
        #expect(moves("By 1800 forward units had reached Mudanjiang.") == ["reached mudanjiang ?"])
    }

    @Test func militaryIdioms() {
        // A river is forced (crossed under fire); troops are put ashore.
        #expect(moves("The 15th Army forced the Amur near Leninskoye on 9.8.") == ["crossed amur 15th-army"])
        #expect(moves("The 5th Army forced Harbin.") == [])
        #expect(moves("The Pacific Fleet put marines ashore at Rajin and Chongjin.")
                == ["landed rajin pacific-fleet", "landed chongjin pacific-fleet"])
        // The preposition said again after a date.
        #expect(moves("Airborne parties landed at Harbin on the 18th, and at Mukden the following day.")
                == ["landed harbin ?", "landed shenyang ?"])
    }

    @Test func staffAbbreviationsStillGiveTheActionAndThePlace() {
        // `5 A`, `sd`, `tbr`: whoever the formations' grammar makes of them, the movement is read.
        let ms = MovementExtractor.movements(in: "16.8.45 fwd units of 5 A entered Mudanjiang; 257 tbr reached the Sungari, 97 sd took Suifenhe.", linker: linker)
        #expect(ms.map { "\($0.action.rawValue) \($0.placeID)" } == ["entered mudanjiang", "reached songhua-river", "took suifenhe"])
    }

    @Test func wireCopyStyle() {
        #expect(moves("MOSCOW, Aug. 20 (AP) - Red Army troops entered Harbin to-day, the Moscow radio said.")
                == ["entered harbin Soviet"])
        #expect(moves("The Russians landed on Shumshu at dawn and pushed inland.") == ["landed shumshu Soviet"])
        #expect(moves("RUSSIANS TAKE DAIREN") == ["took dalian Soviet"])
    }

    @Test func japaneseSide() {
        #expect(moves("Toyohara was occupied by Soviet forces on August 25, and the prefectural office closed.")
                == ["occupied toyohara Soviet"])
        #expect(moves("The Kwantung Army withdrew from Hsinking; the Japanese surrendered at Mukden.")
                == ["surrendered shenyang Japanese"])
    }

    @Test func aPronounSubjectTakesTheDoerOfTheStatementBefore() {
        #expect(moves("The 16th Army crossed the border. It took Koton on the 16th.")
                == ["took koton 16th-army"])
        #expect(moves("After capturing Jiamusi, the 15th Army pursued the enemy.")
                == ["captured jiamusi 15th-army"])
    }

    @Test func intentionsNegationsAndNounsAreNotMovements() {
        #expect(moves("The 5th Army plans to capture Harbin.") == [])
        #expect(moves("The 5th Army failed to reach Harbin before the ceasefire.") == [])
        #expect(moves("The road to Harbin was cut by floods.") == [])
        #expect(moves("The army did not cross the Amur.") == [])
        #expect(moves("If they had taken Mukden, the war would have ended sooner.") == [])
        #expect(moves("The 5th Army would have captured Harbin within days.") == [])
        #expect(moves("The occupied territories of Manchuria suffered.") == [])
        #expect(moves("Stalin ordered the capture of Harbin.") == [])
        #expect(moves("The 15th Army captured 40,000 troops near Harbin.") == [])
        #expect(moves("The landing took place in Maoka harbour in thick fog.") == [])
        #expect(moves("The Japanese plan fell through when Harbin was threatened.") == [])
        #expect(moves("The 16th Army was ordered to attack Koton, breaking through the line and occupying Kiton.") == [])
    }

    @Test func theStatementDateIsTheNearestDateOfItsClause() throws {
        let text = "The tank army captured Lubei on August 11 and Tuquan on August 12."
        let lubei = "The tank army captured Lubei on ".unicodeScalars.count
        let tuquan = "The tank army captured Lubei on August 11 and Tuquan on ".unicodeScalars.count
        let end = text.unicodeScalars.count
        let spans = [
            DatedSpan(passageID: "", start: 0, end: end, dateStart: "1945-08-11", dateEnd: "1945-08-11",
                      expressionStart: lubei, expressionEnd: lubei + 9),
            DatedSpan(passageID: "", start: 0, end: end, dateStart: "1945-08-12", dateEnd: "1945-08-12",
                      expressionStart: tuquan, expressionEnd: tuquan + 9),
        ]
        let ms = MovementExtractor.movements(in: text, linker: linker, spans: spans)
        #expect(ms.map(\.placeID) == ["lubei", "tuquan"])
        #expect(ms.map(\.dateStart) == ["1945-08-11", "1945-08-12"])
        // Offsets point at the words.
        let m = try #require(ms.last)
        #expect(text.scalarSlice(m.placeStart, m.placeEnd) == "Tuquan")
        #expect(text.scalarSlice(m.verbStart, m.verbEnd) == "captured")
        #expect(text.scalarSlice(m.statementStart, m.statementEnd) == text.trimmingCharacters(in: .whitespaces))
    }

    @Test func analysisDatesMovementsFromItsEvents() throws {
        let corpus = Corpus(texts: [(id: "t.txt", text: """
            Title

            On August 9, 1945, the offensive began. On the 14th the 5th Army entered Mudanjiang.

            """)])
        let a = Analysis(corpus: corpus, linker: linker)
        let m = try #require(a.movements.first)
        #expect(a.movements.count == 1)
        #expect(m.action == .entered && m.placeID == "mudanjiang" && m.actorID == "5th-army" && m.side == "Soviet")
        #expect(m.dateStart == "1945-08-14")
        #expect(m.line == 3 && m.documentID == "t.txt")
    }
}
