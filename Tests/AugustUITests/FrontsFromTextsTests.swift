import AugustCore
import Testing
@testable import AugustUI

/// The fronts pane shows what the texts' movements reached, not the curated map.
@Suite struct FrontsFromTextsTests {
    func explorer(_ text: String) throws -> Explorer {
        let corpus = Corpus(texts: [(id: "a.txt", text: text)])
        let analysis = Analysis(corpus: corpus, linker: try EntityLinker.shared())
        return Explorer(data: ExplorerData(analysis: analysis, index: nil))
    }

    @Test func aCorpusWithNoMovementShowsEmptyFrontsAndANote() throws {
        // Places and dates, but nobody crosses, takes or reaches anything.
        let e = try explorer("Notes\n\nOn 9 August 1945 Harbin and Mukden were quiet. Hailar lies on the railway.\n")
        #expect(e.data.fronts.note == FrontsReport.noMovementNote)
        #expect(e.data.fronts.fronts.allSatisfy { $0.axes.isEmpty })
        let text = screen("", e, width: 160, height: 50).text
        #expect(text.contains("No movement"))
        #expect(text.contains("Transbaikal Front") && text.contains("1st Far Eastern Front"))
        // None of the curated objectives is drawn.
        #expect(!text.contains("Greater Khingan") && !text.contains("→"))
    }

    @Test func theObjectivesShownAreThoseTheMovementsReached() throws {
        let e = try explorer("Report\n\nOn 12 August 1945 the 5th Army captured Suifenhe. Hailar lies on the railway.\n")
        #expect(e.data.fronts.note == nil)
        let names = e.data.fronts.fronts.flatMap { $0.axes.flatMap { $0.objectives.map(\.name) } }
        #expect(Set(names) == ["Suifenhe"])
        let suifenhe = e.data.fronts.fronts.flatMap { $0.axes.flatMap(\.objectives) }.first
        #expect(suifenhe?.dateLabel != nil)
        let text = screen("", e, width: 160, height: 50).text
        #expect(text.contains("Suifenhe") && !text.contains("No movement"))
    }
}
