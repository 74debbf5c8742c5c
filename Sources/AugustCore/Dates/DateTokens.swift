import Foundation

/// A token of the temporal tagger: a run of letters, a run of digits, or one other scalar.
/// Offsets are Unicode scalar offsets into the passage text, end exclusive.
struct DToken {
    enum Kind: UInt8 { case word, number, punct }
    var kind: Kind
    var start: Int
    var end: Int
    /// The token's text, and its lower-case form.
    var text: String
    var lower: String
    /// Whitespace stands between the previous token and this one (true for the first token).
    var spaceBefore: Bool
    /// A line break stands before this token (true for the first token).
    var lineStart: Bool
    /// For a number: its value (or -1 when longer than 9 digits) and its digit count.
    var value: Int
    var digits: Int

    var isCapitalized: Bool {
        guard kind == .word, let f = text.unicodeScalars.first else { return false }
        return f.properties.isUppercase
    }
    var isLowercaseWord: Bool {
        guard kind == .word, let f = text.unicodeScalars.first else { return false }
        return f.properties.isLowercase
    }
}

/// Splits text into date tokens and sentences, by hand (no regular expressions: this is the hot loop).
struct DateTokenizer {
    let tokens: [DToken]
    /// For each token, the index of the first token of its sentence.
    let sentenceOf: [Int]

    init(_ text: String) {
        var tokens: [DToken] = []
        tokens.reserveCapacity(text.unicodeScalars.count / 4)
        var offset = 0
        var space = true
        var line = true
        var current: (kind: DToken.Kind, start: Int, scalars: String.UnicodeScalarView)?

        func flush(_ end: Int) {
            guard let c = current else { return }
            let s = String(c.scalars)
            var value = -1
            var digits = 0
            if c.kind == .number {
                digits = c.scalars.count
                if digits <= 9 {
                    value = 0
                    for u in c.scalars {
                        let d = u.value < 128 ? Int(u.value - 48) : Int(u.properties.numericValue ?? 0)
                        value = value * 10 + d
                    }
                }
            }
            tokens.append(DToken(kind: c.kind, start: c.start, end: end, text: s,
                                 lower: c.kind == .word ? s.lowercased() : s,
                                 spaceBefore: space, lineStart: line, value: value, digits: digits))
            current = nil
            space = false
            line = false
        }

        for u in text.unicodeScalars {
            let kind: DToken.Kind?
            let v = u.value
            if v >= 48 && v <= 57 {
                kind = .number
            } else if (v >= 97 && v <= 122) || (v >= 65 && v <= 90) {
                kind = .word
            } else if v == 32 || v == 10 || v == 13 || v == 9 {
                kind = nil
            } else if v < 128 {
                kind = .punct
            } else if u.properties.numericType == .decimal {
                kind = .number  // `１９４５` (full-width), other scripts' digits
            } else if u.properties.isAlphabetic {
                kind = .word
            } else if u.properties.isWhitespace {
                kind = nil
            } else {
                kind = .punct
            }
            if let k = kind, let c = current, c.kind == k, k != .punct {
                current!.scalars.append(u)
            } else {
                flush(offset)
                if let k = kind {
                    var v = String.UnicodeScalarView()
                    v.append(u)
                    current = (k, offset, v)
                } else {
                    space = true
                    if u == "\n" || u == "\r" { line = true }
                }
            }
            offset += 1
        }
        flush(offset)
        self.tokens = tokens

        // Sentences: a new one after . ! ? (and any closing quotes or brackets) followed by white
        // space and a capital, a digit or an opening quote; not after a one-letter abbreviation.
        var sentenceOf = [Int](repeating: 0, count: tokens.count)
        var first = 0
        for i in tokens.indices {
            if i > 0, DateTokenizer.startsSentence(tokens, i) { first = i }
            sentenceOf[i] = first
        }
        self.sentenceOf = sentenceOf
    }

    static let closers: Set<String> = ["\"", "”", "’", "'", ")", "]", "»"]
    static let openers: Set<String> = ["\"", "“", "‘", "'", "(", "[", "«"]
    static let abbreviations: Set<String> = ["mr", "mrs", "dr", "vs", "gen", "col", "lt", "capt", "e", "i", "g", "a", "p", "m"]

    static func startsSentence(_ t: [DToken], _ i: Int) -> Bool {
        guard t[i].spaceBefore else { return false }
        var j = i - 1
        while j >= 0, t[j].kind == .punct, closers.contains(t[j].text) { j -= 1 }
        guard j >= 0, t[j].kind == .punct, t[j].text == "." || t[j].text == "!" || t[j].text == "?" || t[j].text == "…" else {
            return false
        }
        if t[j].text == ".", j > 0, t[j - 1].kind == .word,
           t[j - 1].text.unicodeScalars.count == 1 || abbreviations.contains(t[j - 1].lower) {
            // `U.S. Army`, `e.g. the`, `Gen. Beloborodov`: not an end of sentence.
            return false
        }
        let k = t[i]
        if k.kind == .number { return true }
        if k.kind == .punct { return openers.contains(k.text) }
        return k.isCapitalized
    }

    /// Scalar ranges of the sentences of a text (tokens grouped by sentence, from the first token's
    /// start to the last token's end).
    var sentenceSpans: [Range<Int>] {
        var spans: [Range<Int>] = []
        var i = 0
        while i < tokens.count {
            var j = i
            while j + 1 < tokens.count, sentenceOf[j + 1] == sentenceOf[i] { j += 1 }
            spans.append(tokens[i].start..<tokens[j].end)
            i = j + 1
        }
        return spans
    }
}
