import Foundation
import Testing
@testable import AugustCore

/// KWIC lines and their orders.
@Suite struct ConcordanceTests {
    static let corpus = Corpus(texts: [
        ("a.txt", "The army took Harbin on the 19th.\n\nBefore Harbin fell, the\nbridges at Harbin were seized."),
        ("b.txt", "Soviet troops entered Harbin quietly. Refugees left harbin by rail."),
    ])

    func lines() -> [ConcordanceLine] {
        Self.corpus.passages.flatMap { p in
            let scalars = Array(p.text.lowercased().unicodeScalars)
            var ranges: [Range<Int>] = []
            var i = 0
            let word = Array("harbin".unicodeScalars)
            while i + word.count <= scalars.count {
                if Array(scalars[i..<(i + word.count)]) == word { ranges.append(i..<(i + word.count)); i += word.count } else { i += 1 }
            }
            return Concordance.lines(passage: p, matches: ranges)
        }
    }

    @Test func aLineIsTheMatchWithItsContextItsFileAndItsOwnLine() {
        let l = lines()
        #expect(l.count == 5)
        #expect(l.map(\.match) == ["Harbin", "Harbin", "Harbin", "Harbin", "harbin"], "the match as written")
        #expect(l[0].left == "The army took " && l[0].right == " on the 19th.")
        #expect(l[2].documentID == "a.txt" && l[2].line == 4, "\(l.map(\.line))")
        #expect(l[4].documentID == "b.txt" && l[4].line == 1)
    }

    @Test func aMatchOnAPassagesSecondLineHasThatLineAndNewlinesBecomeSpaces() {
        let p = Passage(id: "w.txt#3", documentID: "w.txt", number: 3, lineStart: 10, lineEnd: 11,
                        text: "Before Harbin fell, the\nbridges at Harbin were seized.", articleIndex: 0, isHeading: false)
        let l = Concordance.lines(passage: p, matches: [7..<13, 35..<41])
        #expect(l.map(\.line) == [10, 11])
        #expect(l[1].left == "Before Harbin fell, the bridges at " && l[1].right == " were seized.")
    }

    @Test func sortsByTheWordsLeftOrRightStablyAndCaseBlind() {
        let l = lines()
        #expect(Concordance.sorted(l, by: .corpus) == l)
        #expect(Concordance.sorted(l, by: .L1).map { Concordance.words($0.left).last ?? "" } == ["at", "before", "entered", "left", "took"])
        #expect(Concordance.sorted(l, by: .R1).map { Concordance.words($0.right).first ?? "" } == ["by", "fell", "on", "quietly", "were"])
        // 2L: the second word to the left (`the army took` → `army`).
        // 2L: the second word to the left (`the army took` → `army`); a context without one sorts first.
        #expect(Concordance.sorted(l, by: .L2).map { Concordance.words($0.left).dropLast().last ?? "" } == ["", "army", "bridges", "refugees", "troops"])
        #expect(ConcordanceSort.parse("1r") == .R1 && ConcordanceSort.parse("L2") == .L2 && ConcordanceSort.parse("x") == nil)
    }
}
