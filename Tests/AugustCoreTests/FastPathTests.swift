import Foundation
import Testing
@testable import AugustCore
@testable import AugustSearch

/// The loader's and the index's fast paths must give exactly what the plain forms give.
@Suite struct FastPathTests {
    static let tricky: [String] = [
        "", " ", "\t\t", "  Section IV  ", "\u{00A0}Title (26.7.2024)\u{3000}", "Crème Brûlée, ÉCOLE",
        "e\u{301}te\u{301}", "\u{301}\u{302} alone marks", "x \u{301} y", "Москва́ и Ёлка", "北京 東京 123",
        "mixed-case ABCxyz_09 a.b,c", "\u{1D400}\u{1D41A} math", "ﬁnal ǅ ß İstanbul", "\u{E000}private",
        "tab\tand\u{2003}em space\u{2028}line sep", String(repeating: "ȺȾ", count: 300), "Ⱥ", "emoji 👍🏽 and ZWJ 👨‍👩‍👧 end", "\u{0B}vt\u{0B}", "a\r\nb\r\nc", String(repeating: "ab", count: 130), String(repeating: "\r\n", count: 200),
        String(repeating: "x", count: 250) + "e\u{301}", String(repeating: "é", count: 251),
    ]

    var samples: [String] {
        Self.tricky + seedCorpus.passages.map(\.text)
            + seedCorpus.passages.flatMap { $0.text.split(separator: "\n").map(String.init) }
    }

    /// The tokenizer as first written (TokenizerReference.swift), kept as the reference.
    static func referenceTokens(_ text: String) -> [Token] { ReferenceTokenizer.tokens(text) }

    @Test func tokensEqualTheReference() {
        for s in samples { #expect(Tokenizer.tokens(s) == Self.referenceTokens(s), "\(s)") }
    }

    @Test func foldedWordsEqualTheTokensJoined() {
        for s in samples {
            #expect(Tokenizer.foldedWords(s) == Self.referenceTokens(s).map(\.folded).joined(separator: " "), "\(s)")
        }
    }

    @Test func trimmingEqualsFoundation() {
        for s in samples + samples.map({ " \t\u{00A0}" + $0 + "\u{2002} " }) {
            #expect(FastText.trimmingHorizontalSpace(s) == s.trimmingCharacters(in: .whitespaces), "\(s)")
        }
    }

    @Test func blankLinesAreWhiteSpaceOnly() {
        for s in samples + ["", " \t\u{0B}\u{0C}\r", "\u{85}\u{A0}\u{2028}\u{3000}", " x ", "\u{1F}", "\u{200B}"] {
            #expect(DocumentParser.isBlank(s) == s.unicodeScalars.allSatisfy { $0.properties.isWhitespace }, "\(s)")
        }
    }

    @Test func boundedCountsEqualCount() {
        for s in samples {
            for n in [0, 1, 5, 100, 120, 121, 250, 251] {
                #expect(FastText.characterCount(s, exceeds: n) == (s.count > n))
                #expect(FastText.characterCount(s, cappedAt: n) == min(s.count, n))
            }
        }
    }
}

@Suite struct CorpusOrderLimitTests {
    @Test func limitedCorpusOrderIsThePrefixOfTheFullList() throws {
        let index = try SearchIndex(corpus: seedCorpus, cacheDirectory: nil)
        for text in ["soviet", "jap*", "\"kwantung army\"", "harbin OR mukden", "army -kwantung", "xylophone"] {
            let q = try SearchQuery.parse(text)
            let all = try index.matchesInCorpusOrder(q)
            for limit in [0, 1, 5, 50] {
                let some = try index.matchesInCorpusOrder(q, limit: limit)
                #expect(some == Array(all.prefix(limit)), "\(text) limit \(limit)")
            }
        }
        #expect(try index.matchesInCorpusOrder(SearchQuery.parse("soviet")).count > 50)
    }
}
