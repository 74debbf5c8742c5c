import Foundation
import Testing
@testable import AugustCore

/// Each formation of a text as `surface | side | type | number` (side and type from
/// `linker.formation(id:)`; the type without its branch: `division` for a rifle division).
func formations(_ text: String) -> [String] {
    linker.mentions(in: text).filter { $0.kind != .place }.map { m in
        guard let f = linker.formation(id: m.id) else { return "\(m.surface) | ? \(m.id)" }
        return "\(m.surface) | \(f.side) | \(f.type ?? f.kind) | \(f.number.map(String.init) ?? "-")"
    }
}

/// The ids of the formations of a text.
func formationIDs(_ text: String) -> [String] {
    linker.mentions(in: text).filter { $0.kind != .place }.map(\.id)
}

/// Sentences written for these tests, in the styles the tool meets (none from the seeds).
@Suite("Formations by grammar")
struct FormationGrammarTests {
    @Test(arguments: [
        // Soviet staff style, abbreviations.
        ("5 A and 1 Red Banner A of 1 DVF broke through the fortified region at dawn.",
         ["5 A | Soviet | army | 5", "1 Red Banner A | Soviet | army | 1", "1 DVF | Soviet | front | 1"]),
        ("By 18.00 the 124 sd of 5 A had reached the river line.",
         ["124 sd | Soviet | division | 124", "5 A | Soviet | army | 5"]),
        ("16th A of the 2nd Far East. fr. went over to the offensive on 11.8.",
         ["16th A | Soviet | army | 16", "2nd Far East. fr | Soviet | front | 2"]),
        ("75 tbr and 257 tbr were moved up behind the 22nd rifle div. during the night.",
         ["75 tbr | Soviet | brigade | 75", "257 tbr | Soviet | brigade | 257", "22nd rifle div | Soviet | division | 22"]),
        ("The 56th sk with 79 sd was to take the Koton strongpoint; 105 UR covered the flank.",
         ["56th sk | Soviet | corps | 56", "79 sd | Soviet | division | 79", "105 UR | Soviet | fortified-region | 105"]),
        ("Units of the 79th Sniper Division and the 56th Sniper Corps crossed the frontier.",
         ["79th Sniper Division | Soviet | division | 79", "56th Sniper Corps | Soviet | corps | 56"]),
        ("The 2nd Far Eastern Front attacked with the 15th Army and the 5th Separate Rifle Corps.",
         ["2nd Far Eastern Front | Soviet | front | 2", "15th Army | Soviet | army | 15", "5th Separate Rifle Corps | Soviet | corps | 5"]),
        // Encyclopedia prose.
        ("The Japanese Fifth Army, commanded by Lieutenant General Noritsune Shimizu, held the Mutanchiang sector.",
         ["Japanese Fifth Army | Japanese | army | 5"]),
        ("The Soviet 25th Army under Colonel General Chistyakov advanced into Korea.",
         ["Soviet 25th Army | Soviet | army | 25"]),
        ("The 39th and 53rd armies of the Transbaikal Front pushed through the passes.",
         ["39th | Soviet | army | 39", "53rd armies | Soviet | army | 53", "Transbaikal Front | Soviet | front | -"]),
        ("In the east, the 5th and 35th Armies struck at the Japanese fortified regions of Hutou and Mutanchiang.",
         ["5th | Soviet | army | 5", "35th Armies | Soviet | army | 35"]),
        ("The Kwantung Army's 3rd Area Army was responsible for the west.",
         ["Kwantung Army | Japanese | army | -", "3rd Area Army | Japanese | area-army | 3"]),
        ("The 6th Guards Tank Army crossed the Grand Khingan in three days.",
         ["6th Guards Tank Army | Soviet | army | 6"]),
        ("Marshal Konev's 1st Ukrainian Front had taken Prague in May.",
         ["1st Ukrainian Front | Soviet | front | 1"]),
        ("The Soviet Thirty-Sixth Army and the 12th Air Army supported the main thrust.",
         ["Soviet Thirty-Sixth Army | Soviet | army | 36", "12th Air Army | Soviet | army | 12"]),
        // Wire copy.
        // The nationality after the number; a count of divisions is no formation.
        ("Near Linkou the 135th Japanese Division withdrew, leaving 12 Japanese divisions to hold the line.",
         ["135th Japanese Division | Japanese | division | 135"]),
        ("Tokyo radio said the Japanese 124th Infantry Division had been destroyed near Muleng.",
         ["Japanese 124th Infantry Division | Japanese | division | 124"]),
        ("Soviet tanks attacked the 124th Division near Muleng.",
         ["124th Division | Japanese | division | 124"]),
        ("Japanese resistance collapsed as the 35th Army advanced on Linkou.",
         ["35th Army | Soviet | army | 35"]),
        // An account from the Japanese side.
        ("The First Area Army ordered the 5th Army to fall back on Tunhua.",
         ["First Area Army | Japanese | area-army | 1", "5th Army | Japanese | army | 5"]),
        ("The 88th Division held the Koton line until the 18th.",
         ["88th Division | Japanese | division | 88"]),
        ("On Shumushu the 91st Division faced the Soviet landing force.",
         ["91st Division | Japanese | division | 91"]),
        // Other sides and background.
        ("In 1942 the German Sixth Army was destroyed at Stalingrad.", ["German Sixth Army | German | army | 6"]),
        ("The Manchukuo 1st Army mutinied at Hsinking.", ["Manchukuo 1st Army | Manchukuo | army | 1"]),
        ("The Mongolian People's Army's 5th Cavalry Division advanced across the Gobi.",
         ["5th Cavalry Division | Mongolian | division | 5"]),
        ("The Soviet Pacific Fleet landed marines at Seishin, where the Japanese 79th Division held out.",
         ["Soviet Pacific Fleet | Soviet | fleet | -", "Japanese 79th Division | Japanese | division | 79"]),
        ("Units of the 300th Rifle Division reached Hualin.", ["300th Rifle Division | Soviet | division | 300"]),
        ("The 126th Infantry Division lost half its men near Yehho.", ["126th Infantry Division | Japanese | division | 126"]),
        ("The second Army Group moved up.", ["second Army Group | unknown | army-group | 2"]),
        // Russian.
        ("9 августа 5-я армия и 1-я Краснознамённая армия 1-го Дальневосточного фронта перешли в наступление.",
         ["5-я армия | Soviet | army | 5", "1-я Краснознамённая армия | Soviet | army | 1", "1-го Дальневосточного фронта | Soviet | front | 1"]),
        ("124 сд и 75 тбр вышли к Мулину; японская 124-я пехотная дивизия отошла.",
         ["124 сд | Soviet | division | 124", "75 тбр | Soviet | brigade | 75", "японская 124-я пехотная дивизия | Japanese | division | 124"]),
        // The Chinese translations.
        ("the Japanese fifth army retreated to Dunhua", ["Japanese fifth army | Japanese | army | 5"]),
        ("The fifth group army captured Suifenhe on the second day of the campaign.",
         ["fifth group army | Soviet | army | 5"]),
        ("the 25th group army on the left and the 35th group army on the right",
         ["25th group army | Soviet | army | 25", "35th group army | Soviet | army | 35"]),
    ])
    func sideTypeAndNumber(text: String, expected: [String]) {
        #expect(formations(text) == expected, "\(text)")
    }

    @Test func coordinatedFrontsAndListsShareTheirSide() {
        #expect(formationIDs("the 1st and 2nd Far Eastern Fronts") == ["1st-far-eastern-front", "2nd-far-eastern-front"])
        #expect(formationIDs("The Japanese 3rd, 5th and 44th Armies") == ["japanese-3rd-army", "japanese-5th-army", "japanese-44th-army"])
        // `Enemy: 1st Area Army (3 A, 5 A)`: the abbreviations are the staff's style, not a side.
        #expect(formationIDs("The 1st Area Army with the 3 A and 5 A held the line.") == ["first-area-army", "japanese-3rd-army", "japanese-5th-army"])
    }

    @Test func aDocumentGivesItsSideToAMentionItsPassageLeavesOpen() throws {
        let corpus = Corpus(texts: [
            (id: "a.txt", text: "Report\n\nThe Japanese 107th Division held Wuchakou.\n\nThe 107th Division was at Wuchakou.\n"),
            // Two sides have a 107th Division here: the bare mention stays unknown.
            (id: "b.txt", text: "Report\n\nThe Japanese 107th Division held Wuchakou.\n\nThe Soviet 107th Rifle Division was near.\n\nThe 107th Division was at Wuchakou.\n"),
        ])
        let ids = linker.mentions(in: corpus).filter { $0.mention.kind != .place }.map { "\($0.documentID) \($0.mention.id)" }
        #expect(ids == ["a.txt japanese-division-107", "a.txt japanese-division-107",
                        "b.txt japanese-division-107", "b.txt soviet-rifle-division-107", "b.txt unknown-division-107"])
    }

    @Test func aTextNotAboutTheWarNamesNoFormation() {
        let corpus = Corpus(texts: [(id: "recipe.txt", text: "Stuffing\n\nThe 3rd Division of my kitchen, an army of ants, ate the first batch.\n")])
        #expect(linker.mentions(in: corpus).filter { $0.mention.kind != .place }.isEmpty)
    }

    @Test func annotateNamesTheFormationsFoundByGrammar() {
        let a = linker.annotate("The 124 sd of 5 A crossed the Ussuri.")
        #expect(a.units == ["124th Rifle Division", "5th Army"])
        #expect(a.fronts == ["1st Far Eastern Front"])
    }

    @Test func namesTheGrammarReadsAreLeftToItAndTranslationQuirksStay() throws {
        let oob = linker.data.orderOfBattle
        func covers(_ name: String, _ id: String) throws -> Bool {
            linker.formationIndex.grammarCovers(name, unit: try #require(oob.unit(id: id)))
        }
        // Read by the grammar as the entry itself: the side then comes from the text.
        #expect(try covers("36th group army", "36th-army"))
        #expect(try covers("Fifth Army", "5th-army"))
        #expect(try covers("First Red Banner Army", "1st-red-banner-army"))
        #expect(try covers("88th Infantry Division", "88th-division"))
        // Quirks the grammar reads otherwise (a rifle corps rendered `infantry army`, a tank
        // corps rendered `tank army`) and ambiguous `front army` forms stay curated names.
        #expect(try !covers("56th infantry army", "56th-rifle-corps"))
        #expect(try !covers("fifth tank army", "5th-guards-tank-corps"))
        #expect(try !covers("first front army", "first-area-army"))
    }

    @Test func theSeedsKeepTheirReadings() {
        func ids(_ file: String, _ line: Int) -> [String] {
            linker.mentions(in: seedCorpus).filter { $0.documentID.hasPrefix(file) && $0.line == line && $0.mention.kind != .place }.map(\.mention.id)
        }
        #expect(ids("002", 239) == ["2nd-far-eastern-front", "16th-army", "56th-rifle-corps", "88th-division"])
        #expect(ids("002", 265) == ["16th-army", "88th-division", "pacific-fleet", "fifth-area-army"])
        #expect(ids("002", 173) == ["1st-red-banner-army", "5th-army"])
        #expect(!linker.mentions(in: seedCorpus).contains { $0.mention.id.hasPrefix("unknown-") })
    }

    @Test func theJapaneseFifthArmyIsNotTheSoviet5thArmy() {
        #expect(formationIDs("The Japanese Fifth Army withdrew.") == ["japanese-5th-army"])
        #expect(formationIDs("The Soviet Fifth Army advanced.") == ["5th-army"])
        #expect(formationIDs("Krylov's 5th Army advanced.") == ["5th-army"])
        #expect(formationIDs("Japan's 5th Army withdrew.") == ["japanese-5th-army"])
        // The commander says the side.
        #expect(formationIDs("Shimizu's Fifth Army stood at Muleng.") == ["japanese-5th-army"])
        // Not in the order of battle: its own id, never the Soviet entry of that number.
        #expect(formationIDs("The Japanese 16th Army held Java.") == ["japanese-army-16"])
        // Named again without its side, it is the one the passage named with it, told apart from
        // the other side's formation of that number by how the number is written.
        #expect(formationIDs("The Japanese Fifth Army faced the Soviet 5th Army. The Fifth Army fell back; the 5th Army pursued.")
                == ["japanese-5th-army", "5th-army", "japanese-5th-army", "5th-army"])
    }

    @Test func knownFormationsLinkToTheOrderOfBattleAndOthersGetStableIDs() {
        #expect(formationIDs("5 A and 1 Red Banner A of 1 DVF") == ["5th-army", "1st-red-banner-army", "1st-far-eastern-front"])
        #expect(formationIDs("16th A of the 2nd Far East. fr.") == ["16th-army", "2nd-far-eastern-front"])
        #expect(formationIDs("the 124 sd of 5 A") == ["soviet-rifle-division-124", "5th-army"])
        #expect(formationIDs("the 6th Tank Army and the 5th Tank Corps") == ["6th-guards-tank-army", "5th-guards-tank-corps"])
        // The same formation written another way has the same id.
        #expect(formationIDs("the 124th Rifle Division") == ["soviet-rifle-division-124"])
        // An unknown side is said, not guessed.
        #expect(formationIDs("The 107th Division was at Wuchakou.") == ["unknown-division-107"])
    }

    @Test func synthesizedIDsResolveThroughTheLinker() throws {
        let f = try #require(linker.formation(id: "soviet-rifle-division-124"))
        #expect(f.name == "124th Rifle Division" && f.side == "Soviet" && f.type == "division" && f.number == 124 && !f.curated)
        #expect(f.kind == "rifle-division")
        let g = try #require(linker.formation(id: "soviet-guards-tank-army-6"))
        #expect(g.name == "6th Guards Tank Army" && g.type == "army")
        let h = try #require(linker.formation(id: "soviet-ukrainian-front-1"))
        #expect(h.name == "1st Ukrainian Front" && h.isFront)
        let j = try #require(linker.formation(id: "japanese-area-army-2"))
        #expect(j.name == "2nd Area Army" && j.side == "Japanese")
        let u = try #require(linker.formation(id: "unknown-division-107"))
        #expect(u.side == "unknown" && u.number == 107)
        let k = try #require(linker.formation(id: "5th-army"))
        #expect(k.curated && k.side == "Soviet" && k.number == 5 && k.front == "1st-far-eastern-front")
        #expect(linker.formation(id: "harbin") == nil)
        #expect(linker.formation(id: "soviet-banana-12") == nil)
        // Every id the grammar makes comes back as the same formation.
        for text in ["the 3rd, 5th and 20th Armies of Japan", "124 sd", "the 105 UR", "the 2nd Guards Red Banner Rifle Division",
                     "the Japanese 1st Independent Mixed Brigade", "the 7th Fleet"] {
            for m in linker.mentions(in: text) where m.kind != .place {
                let f = try #require(linker.formation(id: m.id), "\(m.id)")
                #expect(f.id == m.id)
                if !f.curated { #expect(FormationKey(id: m.id)?.id == m.id) }
            }
        }
    }

    @Test(arguments: [
        "The army crossed the river on the first day of the campaign.",
        "Soviet troops entered the town; the first tank to enter Harbin was a T-34.",
        "It was the first army to reach the sea of Japan.",
        "Japan kept an army of 700,000 men in Manchuria.",
        "On August 9 Army headquarters moved to Tunhua.",
        "They captured 1 infantry division and 1 cavalry division of the Japanese army.",
        "The Japanese had between 9 and 12 divisions in reserve.",
        "They lost 5 divisions and 3 brigades.",
        "The Allies opened the Second Front in June 1944.",
        "The first group of prisoners left on the second train.",
        "In 1945 Division commanders were told nothing.",
        "The third division of the spoils went to the state.",
        "Soviet troops and the Red Army crossed the frontier.",
        "a second army of clerks",
        "A. 5 A Japanese patrol was seen.",
        "MOSCOW, Aug. 10 (AP). At 5 A.M. the radio announced the news.",
        "He arrived on the 1st of August with 2 divisions.",
        "Page 5 Army logistics.",
        "The First World War ended in 1918.",
        "He was the first Soviet commander to reach Harbin.",
        "In the second week of August, Soviet forces advanced.",
        "git merge 974e0044d6 tk/diffcore-delta later; TC26-512-A curve",
    ])
    func genericMentionsAreNotFormations(text: String) {
        #expect(formations(text) == [], "\(text)")
    }
}
