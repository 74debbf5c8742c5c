import Foundation
import Testing
@testable import AugustCore

/// The (kind, id) of each mention, in order.
func linked(_ text: String) -> [String] {
    linker.mentions(in: text).map { "\($0.kind.rawValue):\($0.id)" }
}

/// The id of the single place mention of `surface` in `text`.
func placeID(of surface: String, in text: String) -> String? {
    linker.mentions(in: text).first { $0.kind == .place && $0.surface == surface }?.id
}

@Suite("Linking: alias families")
struct LinkingAliasTests {
    @Test(arguments: [
        ("The advance detachment sneaked across the Wusuli River at night.", "Wusuli River", "ussuri"),
        ("They crossed the Ussuri.", "Ussuri", "ussuri"),
        ("The main force reached Daxinganling on the 10th.", "Daxinganling", "greater-khingan"),
        ("the great Khingan mountains were crossed", "great Khingan mountains", "greater-khingan"),
        ("the tanks crossed the Khingan in three days", "Khingan", "greater-khingan"),
        ("the Soviet troops would cross the Greater Khingan ridge", "Greater Khingan ridge", "greater-khingan"),
        ("the mountains of the great and small Hinggan Mountains", "great and small Hinggan Mountains", "greater-khingan"),
        ("The 5th Army entered Mutanchiang.", "Mutanchiang", "mudanjiang"),
        ("captured Mudanjiang City on the 17th", "Mudanjiang City", "mudanjiang"),
        ("The airfield at Mukden was seized.", "Mukden", "shenyang"),
        ("Puyi at the Shenyang Dongta Airport", "Shenyang Dongta Airport", "shenyang-dongta-airport"),
        ("Hsinking, the capital of Manchukuo", "Hsinking", "changchun"),
        ("conquered the barricade area of Manchuria on the 11th", "barricade area of Manchuria", "manzhouli-fortified-area"),
        ("in the zhanggufeng and Nomenkan events", "Nomenkan", "khalkhin-gol"),
        ("in the zhanggufeng and Nomenkan events", "zhanggufeng", "lake-khasan"),
        ("the Zhang Gufeng incident", "Zhang Gufeng", "lake-khasan"),
        ("the battle of Nomonhan", "Nomonhan", "khalkhin-gol"),
        ("at lake Khasan and the river Khalkhin-Gol", "river Khalkhin-Gol", "khalkhin-gol"),
        ("the landing campaign of Thousand Islands", "Thousand Islands", "kuril-islands"),
        ("the Kurils and southern Sakhalin", "Kurils", "kuril-islands"),
        ("the front line of northern Shandong and Tuquan", "northern Shandong", "lubei"),
        ("the coast of Shandong Province", "Shandong Province", "shandong"),
        ("defense along the hailanpao on the North Bank", "hailanpao", "blagoveshchensk"),
        ("breaking through the defense in gutun", "gutun", "koton"),
        ("another landing force captured Zhengang harbor", "Zhengang", "maoka"),
        ("the naval base Dabo on August 25", "Dabo", "otomari"),
        ("the 56th infantry army attacking Fengyuan", "Fengyuan", "toyohara"),
        ("captured the huixuqu (soblevo) seaport", "huixuqu", "esutoru"),
        ("occupied the ports of xiongji and Luojin", "xiongji", "unggi"),
        ("occupied the ports of xiongji and Luojin", "Luojin", "rajin"),
        ("the offensive battle of South Sakhalin Island", "South Sakhalin Island", "south-sakhalin"),
        ("all Japanese troops on nansakhalin island", "nansakhalin island", "south-sakhalin"),
        ("the main force is concentrated in Mudanjiang and YanjiAttack.", "Yanji", "yanji"),
        ("the important places around Tonghua and Linjiang", "Linjiang", "linjiang"),
    ])
    func surfaceFormIsLinkedToItsPlace(text: String, surface: String, id: String) {
        #expect(placeID(of: surface, in: text) == id, "\(surface) in: \(text) -> \(linked(text))")
    }

    @Test(arguments: [
        ("the Kanto army did not stop resisting", "kwantung-army"),
        ("the defeat of the Kwantung group was the largest defeat", "kwantung-army"),
        ("the advance detachments of the rear Baikal front army crossed the border", "transbaikal-front"),
        ("the Baikal front army crossed the great Khingan mountains", "transbaikal-front"),
        ("the advance detachment of the first front army of the Far East sneaked across", "1st-far-eastern-front"),
        ("The Baikal front army and the Far East first front army alone seized", "1st-far-eastern-front"),
        ("the second front army of the Far EastUnder the coordination", "2nd-far-eastern-front"),
        ("the Heilongjiang fleet occupied the starting area", "amur-flotilla"),
        ("The fifth tank army boarded Daxinganling that night", "5th-guards-tank-corps"),
        ("The sixth group army of tanks formed two routes", "6th-guards-tank-army"),
        ("the commander asked the tank group army to complete the task", "6th-guards-tank-army"),
        ("The 36th group army of the left wing conquered", "36th-army"),
        ("the 56th infantry army crossed the front line", "56th-rifle-corps"),
        ("and the independent Fifth Army forcibly crossed the Wusuli River", "5th-separate-rifle-corps"),
        ("The mechanized cluster of right-wing cavalry marched in two ways", "cavalry-mechanized-group"),
        ("the defense of the 88th Infantry Division in gutun", "88th-division"),
        ("forced 18000 officers and soldiers of the fifth front army to surrender", "fifth-area-army"),
        ("the first front army serves as the eastern front defense", "first-area-army"),
        ("captured all the ships of the Japanese Songhuajiang army", "sungari-flotilla"),
        ("the puppet Manchukuo army and the puppet Mongolian army", "mengjiang-army"),
        ("experimented upon by Unit 731 of the Imperial Japanese Army", "unit-731"),
        ("The Pacific Fleet took active action in the sea of Japan.", "pacific-fleet"),
    ])
    func formationFormsAreLinked(text: String, id: String) {
        #expect(linker.mentions(in: text).contains { ($0.kind == .unit || $0.kind == .front) && $0.id == id },
                "\(id) not found in: \(text) -> \(linked(text))")
    }

    @Test func frontsAreReportedAsFronts() {
        let m = linker.mentions(in: "the rear Baikal front army and the 36th group army")
        #expect(m.map(\.kind) == [.front, .unit])
    }
}

@Suite("Linking: ambiguity, masking, boundaries")
struct LinkingRuleTests {
    @Test func boliIsKhabarovskWhereAHeadquartersSits() {
        #expect(placeID(of: "Boli", in: "The headquarters is located in Boli, and the war advances to skoye.") == "khabarovsk")
        #expect(placeID(of: "Boli", in: "The front's command was stationed at Boli.") == "khabarovsk")
    }

    @Test func boliIsTheCountyTownWhereAnArmyEnters() {
        #expect(placeID(of: "Boli", in: "On the same day, the right-wing 35th group army of the front army entered Boli and the left-wing 25th group army entered Tumen.") == "boli-county")
        #expect(placeID(of: "Boli", in: "Soviet tanks captured Boli after a short fight.") == "boli-county")
    }

    @Test func aBareFrontArmyIsJapaneseUnlessSovietCuesSayOtherwise() {
        func unit(_ text: String) -> String? { linker.mentions(in: text).first { $0.surface == "first front army" }?.id }
        #expect(unit("The deployment of the Kwantung Army is as follows: the first front army serves as the eastern front defense.") == "first-area-army")
        #expect(unit("At dawn the first front army crossed the border and advanced on Mudanjiang.") == "1st-far-eastern-front")
        #expect(unit("Marshal Meretskov's first front army was ready.") == "1st-far-eastern-front")
        #expect(unit("Nothing else is said of the first front army.") == "first-area-army")
        // Named together with a Japanese area army, the first is Japanese too.
        #expect(linked("the first and third front armies") == ["unit:first-area-army", "unit:third-area-army"])
    }

    @Test func contextCuesDoNotCrossASentence() {
        // The headquarters is in the previous sentence: the army entering decides.
        #expect(placeID(of: "Boli", in: "The headquarters moved. The army entered Boli.") == "boli-county")
    }

    @Test func heilongjiangIsTheRiverWhereItIsCrossedAndTheProvinceWhereItIsAProvince() {
        #expect(placeID(of: "Heilongjiang", in: "The 15th group army forcibly crossed Heilongjiang and occupied the Fujin fortified area.") == "amur")
        #expect(placeID(of: "Heilongjiang", in: "defense along the hailanpao on the North Bank of Heilongjiang") == "amur")
        #expect(placeID(of: "Heilongjiang", in: "Harbin became the capital of the province of Heilongjiang in 1954.") == "heilongjiang-province")
        #expect(placeID(of: "Heilongjiang Province", in: "a farm in Heilongjiang Province") == "heilongjiang-province")
        #expect(placeID(of: "Heilongjiang", in: "She was born in Heilongjiang in 1950.") == "heilongjiang-province")
        #expect(placeID(of: "Heilongjiang", in: "The gunboats sailed up the Heilongjiang.") == "amur")
    }

    @Test func aFormationMasksThePlaceNamesInsideIt() {
        #expect(linked("the Heilongjiang fleet") == ["unit:amur-flotilla"])
        #expect(linked("the red flag Heilongjiang fleet captured the ships") == ["unit:amur-flotilla"])
        #expect(linked("the first front army of the Far East") == ["front:1st-far-eastern-front"])
        #expect(linked("the rear Baikal front army") == ["front:transbaikal-front"])
        #expect(linked("the Pacific Fleet") == ["unit:pacific-fleet"])
        // Without the formation the place is found.
        #expect(linked("crossed Heilongjiang") == ["place:amur"])
        #expect(linked("in the Far East") == ["place:far-east"])
        #expect(linked("to lake Baikal") == ["place:lake-baikal"])
    }

    @Test func longestNameFirst() {
        #expect(linked("the Sea of Japan") == ["place:sea-of-japan"])
        #expect(linked("South Sakhalin and the Kuril Islands") == ["place:south-sakhalin", "place:kuril-islands"])
        #expect(linked("the Hutou and Dongning fortified areas") == ["place:hutou", "place:dongning-fortified-area"])
        #expect(linked("North Korea") == ["place:north-korea"])
    }

    @Test func noMatchInsideALongerWord() {
        #expect(linked("Japanese soldiers and Koreans, a harbinger of Manchurian winters") == [])
        #expect(linked("Harbinger") == [])
        #expect(linked("Omskaya oblast and Potsdamer Platz") == [])
        #expect(linked("the Baikalian Pacificism of Chinese") == [])
    }

    @Test func wordBoundariesInGluedWords() {
        #expect(linked("concentrated in Mudanjiang and YanjiAttack.") == ["place:mudanjiang", "place:yanji"])
        #expect(linked("Olympics in Москве5 uprisings") == ["place:moscow"])
    }

    @Test func shortCapitalNamesMatchOnlyInCapitals() {
        #expect(linked("the US and Britain") == ["place:united-states", "place:united-kingdom"])
        #expect(linked("let us go") == [])
    }

    @Test func caseAndDiacriticsAreIgnored() {
        #expect(linked("KWANTUNG ARMY") == ["unit:kwantung-army"])
        #expect(linked("hokkaidō") == ["place:hokkaido"])
    }

    @Test func coordinatedOrdinalsNameTwoFormations() {
        let m = linker.mentions(in: "The first and fifth group armies of the first front army of the Far East captured Mudanjiang City on the 17th.")
        #expect(m.map(\.id) == ["1st-red-banner-army", "5th-army", "1st-far-eastern-front", "mudanjiang"])
        #expect(m[0].surface == "first" && m[1].surface == "fifth group armies")
        #expect(linked("half of the 17th and fifth front armies") == ["unit:seventeenth-area-army", "unit:fifth-area-army"])
        #expect(linked("the first and third front armies of Japan") == ["unit:first-area-army", "unit:third-area-army", "place:japan"])
    }

    @Test func offsetsAreUnicodeScalars() {
        let text = "Татьяна 🇷🇺 — Harbin"
        let m = linker.mentions(in: text)
        #expect(m.count == 1)
        #expect(text.scalarSlice(m[0].start, m[0].end) == "Harbin")
        #expect(m[0].start == text.unicodeScalars.count - 6)
    }

    @Test func annotateGivesNamesAndTheFrontFromTheFormationsElseFromThePlaces() {
        let a = linker.annotate("The 15th group army, under the coordination of the Heilongjiang fleet, forcibly crossed Heilongjiang and occupied the Fujin fortified area on the 14th.")
        #expect(a.places == ["Amur", "Fujin fortified area"])
        #expect(a.units == ["15th Army", "Amur Flotilla"])
        #expect(a.fronts == ["2nd Far Eastern Front"])
        // No formation: the front comes from the axes the places lie on.
        let b = linker.annotate("On August 20, another landing force captured Zhengang harbor and its urban area.")
        #expect(b.units == [])
        #expect(b.places == ["Maoka"])
        #expect(b.fronts == ["2nd Far Eastern Front"])
        // A Japanese formation has no front: the places decide.
        let c = linker.annotate("The Kwantung Army was surrounded in Mudanjiang.")
        #expect(c.fronts == ["1st Far Eastern Front"])
        // A front named directly.
        let d = linker.annotate("the Baikal front army crossed the great Khingan mountains")
        #expect(d.fronts == ["Transbaikal Front"])
        #expect(d.units == [])
        // Nothing known.
        let e = linker.annotate("Nothing happened here.")
        #expect(e.places.isEmpty && e.units.isEmpty && e.fronts.isEmpty)
    }

    @Test func corpusMentionsCarryTheFileLine() throws {
        let corpus = Corpus(texts: [(id: "a.txt", text: "Title\n\nFirst line about Harbin\nand a second about Mukden.\n")])
        let ms = linker.mentions(in: corpus)
        let harbin = try #require(ms.first { $0.mention.id == "harbin" })
        let mukden = try #require(ms.first { $0.mention.id == "shenyang" })
        #expect(harbin.documentID == "a.txt")
        #expect(mukden.line == harbin.line + 1)
        let passage = try #require(corpus.passage(id: mukden.passageID))
        #expect(passage.text.scalarSlice(mukden.mention.start, mukden.mention.end) == "Mukden")
        let byPassage = linker.mentionsByPassage(in: corpus)
        #expect(byPassage[passage.id]?.map(\.id).last == "shenyang")
        #expect(byPassage.values.map(\.count).reduce(0, +) == ms.count)
    }
}
