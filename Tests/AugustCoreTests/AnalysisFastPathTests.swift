import Foundation
import Testing
@testable import AugustCore

/// The analysis' fast paths against the general form they replace (same answers, every input).
@Suite("Analysis fast paths agree with the general forms")
struct AnalysisFastPathTests {
    static let texts: [String] = [
        "", "holiday", "HOLIDAY on August 9", "a Working Day", "the day-off", "Victory  Day",
        "They celebrated it every year.", "Anniversary", "celebrat\u{301}ed", "holiday\u{301}",
        "\u{201C}Holiday\u{201D} \u{2014} on August 9", "Праздник holiday", "WOR\u{212A}ING DAY",
        "HOL\u{130}DAY", "holid", "commemorat", "ANNUALLY, they said", "no such word here at all",
        "Annual report", "day of f", "e\u{301}very year", "every\u{A0}year", "victory\nday",
    ]

    @Test("holiday words: the byte search answers as lowercased().contains does")
    func holidays() {
        for t in Self.texts + Self.texts.map({ "In the winter of 1945. " + $0 + " The end." }) {
            let lower = t.lowercased()
            let expected = DateLexicon.holidayWords.contains { lower.contains($0) }
            #expect(TemporalTagger.Resolver.speaksOfHolidays(t) == expected, "\(t.debugDescription)")
        }
    }

    @Test("folded text (one space for each run of white space) is the scalar-by-scalar result")
    func folded() {
        func reference(_ s: String) -> String {
            var v = String.UnicodeScalarView()
            var space = false
            for u in s.unicodeScalars {
                if u.value == 32 || u.value == 10 || u.value == 13 || u.value == 9 || (u.value > 127 && u.properties.isWhitespace) {
                    space = !v.isEmpty
                    continue
                }
                if space { v.append(" "); space = false }
                v.append(u)
            }
            return String(v)
        }
        for t in Self.texts + ["  lead and trail  ", "a\u{2003}b\u{3000}c\r\nd", "日本 軍\t\tТанки 🚀  x"] {
            let got = EventExtractor.folded(t.unicodeScalars[...])
            #expect(Array(got.utf8) == Array(reference(t).utf8), "\(t.debugDescription)")
        }
    }
}
