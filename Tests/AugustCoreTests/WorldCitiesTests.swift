import Testing
@testable import AugustCore

/// Cities far from the theatre: large ones are in the gazetteer (memoirs and newspapers name where
/// units came from), but a person's name that was once a city's is not a city.
@Suite("Places far from the theatre")
struct WorldCitiesTests {
    let linker = try! EntityLinker.shared()

    func places(_ text: String) -> [String] {
        linker.mentions(in: text).filter { $0.kind == .place }.map(\.surface)
    }

    @Test("a large city far from the theatre is found, by its name or an older one with place context")
    func farCities() {
        #expect(places("Our regiment was sent east from Novosibirsk by train.").contains("Novosibirsk"))
        #expect(places("He had been wounded near Sverdlovsk in 1943.").contains("Sverdlovsk"))
        #expect(places("The division had fought at Stalingrad before it went east.").contains("Stalingrad"))
    }

    @Test("a statesman's name that a city once bore is not that city, even with places in the sentence")
    func personsAreNotCities() {
        let a = places("At 17:00 on August 8, Molotov, member of the Committee for foreign affairs of the Soviet Union, summoned the ambassador.")
        #expect(!a.contains("Molotov"))
        let b = places("In Moscow they said that Kirov and Stalin had left for the Potsdam conference.")
        #expect(!b.contains("Stalin"))
        #expect(b.contains("Moscow"))
    }
}
