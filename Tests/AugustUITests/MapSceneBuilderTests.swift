import AugustCore
import AugustMap
import Testing
@testable import AugustUI

/// The map's contents come from the texts: places by the passages naming them, axes as chains of
/// the objectives the movements reached, dated by the texts.
@Suite struct MapSceneBuilderTests {
    func scene(_ text: String) throws -> MapScene {
        let corpus = Corpus(texts: [(id: "a.txt", text: text)])
        return MapSceneBuilder.scene(from: Analysis(corpus: corpus, linker: try EntityLinker.shared()))
    }

    @Test func axesChainTheReachedObjectivesWithTheTextsDates() throws {
        let s = try scene("""
            Report

            On 12 August 1945 the 5th Army captured Suifenhe.

            On 16 August 1945 the 5th Army captured Mudanjiang.

            On 20 August 1945 the 5th Army entered Harbin. Jilin is not mentioned as taken.
            """)
        let axis = try #require(s.axes.first { $0.legs.contains { $0.toPlaceID == "mudanjiang" } })
        #expect(axis.frontTag == "1FE")
        // Suifenhe is where the axis starts; Jilin was not reached, so the next leg goes on to Harbin.
        #expect(axis.legs.map(\.toPlaceID) == ["mudanjiang", "harbin"])
        #expect(axis.legs.map(\.day) == ["1945-08-16", "1945-08-20"])
        #expect(s.days.contains("1945-08-16") && s.days.contains("1945-08-20"))
        let harbin = try #require(s.places.first { $0.id == "harbin" })
        #expect(harbin.mentions == 1 && abs(harbin.point.lat - 45.75) < 0.5)
    }

    @Test func placesCountPassagesAndMovelessTextsHaveNoAxes() throws {
        let s = try scene("Notes\n\nHarbin and Hailar.\n\nHarbin again, and Harbin.\n")
        #expect(s.axes.isEmpty)
        #expect(s.places.first { $0.id == "harbin" }?.mentions == 2)
        #expect(s.places.first { $0.id == "hailar" }?.mentions == 1)
        #expect(s.places.first?.id == "harbin", "most mentioned first")
        let none = try scene("A letter about the weather.\n")
        #expect(none.places.isEmpty && none.axes.isEmpty && none.focus.isEmpty)
    }
}
