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

/// The date tokenizer builds each token from the text's UTF-8 bytes; the scalar-by-scalar form it
/// replaced is the reference (every field of every token, on hostile and random texts).
@Suite("Date tokens: the byte-level tokenizer equals the scalar-by-scalar reference")
struct DateTokensReferenceTests {
    struct Tok: Equatable {
        var kind: DToken.Kind, start: Int, end: Int, text: String, lower: String
        var space: Bool, line: Bool, value: Int, digits: Int
    }

    static func reference(_ text: String) -> [Tok] {
        var out: [Tok] = []
        var offset = 0, space = true, line = true
        var current: (kind: DToken.Kind, start: Int, scalars: String.UnicodeScalarView)?
        func flush(_ end: Int) {
            guard let c = current else { return }
            let s = String(c.scalars)
            var value = -1, digits = 0
            if c.kind == .number {
                digits = c.scalars.count
                if digits <= 9 {
                    value = 0
                    for u in c.scalars {
                        value = value * 10 + (u.value < 128 ? Int(u.value - 48) : Int(u.properties.numericValue ?? 0))
                    }
                }
            }
            out.append(Tok(kind: c.kind, start: c.start, end: end, text: s, lower: c.kind == .word ? s.lowercased() : s,
                           space: space, line: line, value: value, digits: digits))
            current = nil; space = false; line = false
        }
        for u in text.unicodeScalars {
            let v = u.value
            let kind: DToken.Kind?
            if v >= 48 && v <= 57 { kind = .number }
            else if (v >= 97 && v <= 122) || (v >= 65 && v <= 90) { kind = .word }
            else if v == 32 || v == 10 || v == 13 || v == 9 { kind = nil }
            else if v < 128 { kind = .punct }
            else if u.properties.numericType == .decimal { kind = .number }
            else if u.properties.isAlphabetic { kind = .word }
            else if u.properties.isWhitespace { kind = nil }
            else { kind = .punct }
            if let k = kind, let c = current, c.kind == k, k != .punct {
                current!.scalars.append(u)
            } else {
                flush(offset)
                if let k = kind {
                    var s = String.UnicodeScalarView(); s.append(u)
                    current = (k, offset, s)
                } else {
                    space = true
                    if u == "\n" || u == "\r" { line = true }
                }
            }
            offset += 1
        }
        flush(offset)
        return out
    }

    static let texts: [String] = [
        "", " ", "On August 9, 1945, at 0:10 the Red Army crossed the border.",
        "ÉTAT-MAJOR: le 9 août １９４５ — Москва 9 августа 1945 г.", "ΣΟΒΙΕΤ Straße İstanbul K\u{212A}",
        "١٩٤٥ / ۱۹۴۵ / १९४५ / 12345678901 / 123456789 / 0009",
        "e\u{301}te\u{301} 😀 9\u{FE0F} a\u{0}b\u{7}\u{1B}[31m\r\nnext\u{2028}line\u{A0}x",
        "U.S. Army, e.g. the 1st Far Eastern Front; (26.7.2024) «Zhan» “quote”",
    ]

    static func random(_ seed: UInt64, length: Int) -> String {
        let pieces: [String] = ["a", "Z", "é", "Ж", "ß", "İ", "7", "０", "٣", " ", "\n", "\r", "\t", ".", ",", "-", "—",
                                "\u{A0}", "\u{301}", "😀", "\u{0}", "\u{1B}", "中", "ǅ", "\u{2028}", "Ⅻ"]
        var state = seed
        var out = ""
        for _ in 0..<length {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            out += pieces[Int((state >> 33) % UInt64(pieces.count))]
        }
        return out
    }

    @Test("every field of every token is the reference's")
    func sameTokens() {
        let all = Self.texts + (0..<200).map { Self.random(UInt64($0), length: 1 + $0 % 60) }
        for t in all {
            let got = DateTokenizer(t).tokens.map {
                Tok(kind: $0.kind, start: $0.start, end: $0.end, text: $0.text, lower: $0.lower,
                    space: $0.spaceBefore, line: $0.lineStart, value: $0.value, digits: $0.digits)
            }
            #expect(got == Self.reference(t), "\(t.debugDescription)")
        }
    }
}

/// A date point is stored compactly; what it says and how it is written stay the same.
@Suite("Date points: compact storage, same values and JSON")
struct DatePointStorageTests {
    @Test("fields read back as set, absent fields stay absent, huge values stay present and impossible")
    func fields() throws {
        var p = DatePoint(year: 1945, month: 8, day: 9, hour: 17, minute: nil)
        #expect(p.year == 1945 && p.month == 8 && p.day == 9 && p.hour == 17 && p.minute == nil && p.season == nil)
        p.minute = 0
        #expect(p.minute == 0 && p != DatePoint(year: 1945, month: 8, day: 9, hour: 17))
        let huge = DatePoint(year: nil, month: Int.max, day: Int.min)
        #expect(huge.year == nil && huge.month != nil && huge.day != nil && !huge.isValid)
        let min32 = DatePoint(year: Int(Int32.min), month: 1)
        #expect(min32.year != nil)
    }

    @Test("JSON keeps the field names and leaves out absent fields")
    func json() throws {
        let enc = JSONEncoder()
        enc.outputFormatting = .sortedKeys
        let p = DatePoint(year: 1945, season: .summer, month: nil, day: nil)
        #expect(String(decoding: try enc.encode(p), as: UTF8.self) == #"{"season":"SU","year":1945}"#)
        let q = DatePoint(year: 1945, month: 8, day: 9, hour: 17, minute: 30)
        #expect(String(decoding: try enc.encode(q), as: UTF8.self) == #"{"day":9,"hour":17,"minute":30,"month":8,"year":1945}"#)
        #expect(try JSONDecoder().decode(DatePoint.self, from: enc.encode(q)) == q)
        #expect(try JSONDecoder().decode(DatePoint.self, from: Data(#"{"year":1945}"#.utf8)) == DatePoint(year: 1945))
    }
}
