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
        return f.isUppercaseFast
    }
    var isLowercaseWord: Bool {
        guard kind == .word, let f = text.unicodeScalars.first else { return false }
        return f.isLowercaseFast
    }
}

/// Splits text into date tokens and sentences, by hand (no regular expressions: this is the hot loop).
struct DateTokenizer {
    let tokens: [DToken]
    /// For each token, the index of the first token of its sentence.
    let sentenceOf: [Int]

    init(_ text: String) {
        var bytes = text
        let tokens = bytes.withUTF8 { DateTokenizer.tokens(text, utf8: $0) }
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

    /// The tokens of a text whose UTF-8 bytes are `utf8`. A token's text is made from its bytes
    /// (no string built scalar by scalar); an ASCII word is lower-cased byte by byte.
    static func tokens(_ text: String, utf8: UnsafeBufferPointer<UInt8>) -> [DToken] {
        var tokens: [DToken] = []
        tokens.reserveCapacity(utf8.count / 4)
        var offset = 0      // scalars
        var byte = 0        // UTF-8 offset of the scalar at `offset`
        var space = true
        var line = true
        // The token being read: kind, scalar start, byte start, all ASCII, value and digits so far.
        var kind: DToken.Kind? = nil
        var start = 0, byteStart = 0, ascii = true, value = 0, digits = 0

        func flush() {
            guard let k = kind else { return }
            let bytes = UnsafeBufferPointer(rebasing: utf8[byteStart..<byte])
            let s = String(decoding: bytes, as: UTF8.self)
            let lower: String
            if k != .word {
                lower = s
            } else if ascii {
                lower = String(unsafeUninitializedCapacity: bytes.count) { buf in
                    for (i, b) in bytes.enumerated() { buf[i] = b >= 0x41 && b <= 0x5A ? b + 32 : b }
                    return bytes.count
                }
            } else {
                lower = s.lowercased()
            }
            tokens.append(DToken(kind: k, start: start, end: offset, text: s, lower: lower,
                                 spaceBefore: space, lineStart: line,
                                 value: k == .number && digits <= 9 ? value : -1,
                                 digits: k == .number ? digits : 0))
            kind = nil
            space = false
            line = false
        }

        for u in text.unicodeScalars {
            let next: DToken.Kind?
            let v = u.value
            if v >= 48 && v <= 57 {
                next = .number
            } else if (v >= 97 && v <= 122) || (v >= 65 && v <= 90) {
                next = .word
            } else if v == 32 || v == 10 || v == 13 || v == 9 {
                next = nil
            } else if v < 128 {
                next = .punct
            } else if u.properties.numericType == .decimal {
                next = .number  // `１９４５` (full-width), other scripts' digits
            } else if u.properties.isAlphabetic {
                next = .word
            } else if u.properties.isWhitespace {
                next = nil
            } else {
                next = .punct
            }
            if let n = next, let k = kind, k == n, n != .punct {
                // continues the token
            } else {
                flush()
                if let n = next {
                    kind = n
                    start = offset
                    byteStart = byte
                    ascii = true
                    value = 0
                    digits = 0
                } else {
                    space = true
                    if u == "\n" || u == "\r" { line = true }
                }
            }
            if next != nil {
                if v >= 128 { ascii = false }
                if next == .number {
                    digits += 1
                    if digits <= 9 {
                        let d = v < 128 ? Int(v - 48) : Int(u.properties.numericValue ?? 0)
                        value = value * 10 + d
                    }
                }
            }
            offset += 1
            byte += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        }
        flush()
        return tokens
    }

    static let closers: Set<String> = ["\"", "”", "’", "'", ")", "]", "»"]
    static let openers: Set<String> = ["\"", "“", "‘", "'", "(", "[", "«"]
    /// Words shortened with a full stop that never end a sentence: titles and ranks before a name
    /// (`Gen. Beloborodov`, `Lt. Col. Ito`), and a few other short forms.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "vs", "e", "i", "g", "a", "p", "m", "st", "mt", "ft", "jr", "sr", "messrs",
        "gen", "col", "lt", "capt", "maj", "sgt", "adm", "cpl", "pvt", "brig", "cmdr", "cdr", "comdr", "gov",
        "sen", "prof", "rev", "hon", "cmdt", "lieut", "marsh", "pres",
    ]

    static func startsSentence(_ t: [DToken], _ i: Int) -> Bool {
        guard t[i].spaceBefore else { return gluedSentenceStart(t, i) }
        var j = i - 1
        while j >= 0, t[j].kind == .punct, closers.contains(t[j].text) { j -= 1 }
        guard j >= 0, t[j].kind == .punct, t[j].text == "." || t[j].text == "!" || t[j].text == "?" || t[j].text == "…" else {
            return false
        }
        if t[j].text == ".", j > 0, t[j - 1].kind == .word {
            let w = t[j - 1]
            // `U.S. Army`, `e.g. the`, `Gen. Beloborodov`: not an end of sentence.
            if w.text.unicodeScalars.count == 1 || abbreviations.contains(w.lower) { return false }
            // `Aug. 22`, `Sept. 3`: an abbreviated month before its day.
            if DateLexicon.abbreviatedMonths.contains(w.lower), t[i].kind == .number {
                return false
            }
        }
        let k = t[i]
        if k.kind == .number { return true }
        if k.kind == .punct { return openers.contains(k.text) }
        return k.isCapitalized
    }

    /// A full stop glued to the next capitalised word (`truce.The Soviets`, `22.-The`): a sentence
    /// ends there when a real word (two letters or more, not an abbreviation) or a number stands
    /// before the stop and a capitalised word of two letters or more after it.
    static func gluedSentenceStart(_ t: [DToken], _ i: Int) -> Bool {
        let k = t[i]
        guard k.kind == .word, k.isCapitalized, i >= 2, k.text.utf8.count >= 2 else { return false }
        var j = i - 1
        // `.-The`, `.—The`: a dash glued between the stop and the word.
        if t[j].kind == .punct, t[j].text == "-" || t[j].text == "—" || t[j].text == "–", !t[j].spaceBefore { j -= 1 }
        guard j >= 1, t[j].kind == .punct, t[j].text == "." || t[j].text == "!" || t[j].text == "?",
              !t[j].spaceBefore else { return false }
        let w = t[j - 1]
        switch w.kind {
        case .number: return true
        case .punct: return closers.contains(w.text)
        case .word:
            guard w.text.unicodeScalars.count >= 2, !abbreviations.contains(w.lower),
                  !DateLexicon.abbreviatedMonths.contains(w.lower) else { return false }
            // `U.S.Army`, `Mr.Smith` excluded above; `nytimes.Com` is not prose: the word before
            // the stop must stand after a space or open the text.
            return w.isLowercaseWord || w.spaceBefore
        }
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
