import Testing
import Foundation
@testable import AugustCore

/// Numbers and words that look like dates and are not. Each text opens with a dated narrative, so a
/// relative reading would have an anchor to lean on: only that opening date may be found.
@Suite("Never a date")
struct DatesFalsePositiveTests {
    static let opening = "On August 9, 1945, the offensive began. "

    static func extra(_ text: String) -> [String] {
        let ms = TemporalTagger.mentions(inText: opening + text)
        return ms.dropFirst().map { "\($0.text) → \($0.value)" }
    }

    @Test("counts and ordinals of units", arguments: [
        "Unit 731 had a total of 3,497 members.",
        "The 88th Infantry Division was smashed.",
        "The 16th group army landed on the island.",
        "They captured about 600,000 soldiers and 1565 artillery pieces.",
        "Half of the 17th and fifth front armies were destroyed.",
        "The army had 24 divisions and 12 brigades, with more than 700000 people.",
        "13 important cities were taken.",
        "Detachment 731 was massacring prisoners.",
        "The limit was reduced from 4096 to 1024.",
        "They advanced 1500 to 2000 kilometers.",
    ])
    func counts(_ text: String) {
        #expect(Self.extra(text).isEmpty)
    }

    @Test("durations", arguments: [
        "The war lasted 24 days.",
        "The army was destroyed in 11 days.",
        "The pact was valid for five years.",
        "After six days of fighting, they reached the plain.",
        "In more than 30 years of excavations, nothing changed.",
    ])
    func durations(_ text: String) {
        #expect(Self.extra(text).isEmpty)
    }

    @Test("an anniversary")
    func anniversary() {
        #expect(Self.extra("The country marked the 20th Anniversary of the Victory.").isEmpty)
    }

    @Test("centuries and decades", arguments: [
        "The preconditions were formed in the second half of the 19th century.",
        "From the 1930s, two regimes emerged.",
        "Japan began to show it from mid-thirties of the last century.",
        "Japan launched the war at the beginning of the 20th century.",
    ])
    func centuries(_ text: String) {
        #expect(Self.extra(text).isEmpty)
    }

    @Test("the verb and the noun March", arguments: [
        "The Kwantung Army was forced to March eastward.",
        "The tank army changed its deployment during the March.",
    ])
    func march(_ text: String) {
        #expect(Self.extra(text).isEmpty)
    }

    @Test("Covid-19 and page numbers", arguments: [
        "Exclusive: Beyond the Covid-19 world's coverage",
        "Share it\n\n1 2",
        "See page 12 of 40.",
    ])
    func covidAndPages(_ text: String) {
        #expect(Self.extra(text).isEmpty)
    }
}
