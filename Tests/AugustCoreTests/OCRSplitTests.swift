import Foundation
import Testing
@testable import AugustCore

/// OCR'd pages split words (`Kwan tung Army`): a name whose first word is so split is still
/// found; ordinary word pairs are not glued into names.
@Suite struct OCRSplitTests {
    @Test func aSplitFirstWordOfAKnownNameIsJoined() {
        let f = formations("TOKYO, Aug. 12 (UP) — The Kwan tung Army was said to be holding its lines.")
        #expect(f.contains { $0.hasPrefix("Kwan tung Army | Japanese") }, "\(f)")
        // The mention covers the split words as written.
        let m = linker.mentions(in: "It claimed that the Kwan tung Army was firm.").first { $0.kind != .place }
        #expect(m?.surface == "Kwan tung Army")
    }

    @Test func ordinaryWordsAreNotGluedIntoNames() {
        // `The army`, `In the`, a lower-case first piece, a piece too short: no formation made up.
        for text in ["The army moved at night.", "In tung oil lamps the wicks burned.", "kwan tung army men",
                     "The Kwan dynasty army"] {
            #expect(formations(text).isEmpty, "\(text): \(formations(text))")
        }
    }
}
