import Foundation

/// Splits text into words the way SQLite FTS5's `unicode61 remove_diacritics 2` tokenizer does:
/// a word is a run of letters, digits (and private-use characters); everything else separates
/// words; words are compared case- and diacritic-insensitively. Each token keeps its scalar range
/// in the original text, so a match can be highlighted exactly where it stands.
public struct Token: Sendable, Hashable {
    /// Folded form: lower case, diacritics removed.
    public let folded: String
    /// Scalar offsets into the original text, end exclusive.
    public let start: Int
    public let end: Int
}

public enum Tokenizer {
    @inline(__always)
    public static func isTokenScalar(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        // General Punctuation (curly quotes, dashes, special spaces, format controls): no letter
        // or digit in the block, and it is the commonest non-ASCII in English text.
        if s.value >= 0x2000 && s.value <= 0x206F { return false }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            return true
        case .nonspacingMark, .spacingMark, .enclosingMark:
            // unicode61 treats combining marks as part of the token (and drops them when folding).
            return true
        default:
            return false
        }
    }

    public static func tokens(_ text: String) -> [Token] {
        var text = text
        return text.withUTF8 { tokens(utf8: $0) }
    }

    /// The tokens of valid UTF-8 text. Works on bytes: an ASCII word becomes its token without
    /// scalar-by-scalar appends (a 20 MB line is tokenized in a second or two even in a debug build).
    static func tokens(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [Token] {
        var out: [Token] = []
        guard let base = bytes.baseAddress else { return out }
        let n = bytes.count
        var i = 0, offset = 0
        var nonASCII: String.UnicodeScalarView? = nil   // folded scalars, once a token has non-ASCII
        while i < n {
            // Skip separators up to the next token scalar.
            let b0 = base[i]
            var scalar: Unicode.Scalar
            var len = 1
            if b0 < 0x80 {
                let lower = b0 | 0x20
                if !((b0 >= 0x30 && b0 <= 0x39) || (lower >= 0x61 && lower <= 0x7A)) { i += 1; offset += 1; continue }
                scalar = Unicode.Scalar(b0)
            } else {
                (scalar, len) = decode(base, i, n)
                if !isTokenScalar(scalar) { i += len; offset += 1; continue }
            }
            // A token starts at i: ASCII words take the fast path.
            let start = offset
            let startByte = i
            nonASCII = nil
            while i < n {
                let b = base[i]
                if b < 0x80 {
                    let lower = b | 0x20
                    guard (b >= 0x30 && b <= 0x39) || (lower >= 0x61 && lower <= 0x7A) else { break }
                    if nonASCII != nil { nonASCII!.append(Unicode.Scalar((b >= 0x41 && b <= 0x5A) ? lower : b)) }
                    i += 1
                } else {
                    (scalar, len) = decode(base, i, n)
                    guard isTokenScalar(scalar) else { break }
                    if nonASCII == nil {
                        var v = String.UnicodeScalarView()
                        for k in startByte..<i {
                            let a = base[k]
                            v.append(Unicode.Scalar((a >= 0x41 && a <= 0x5A) ? a | 0x20 : a))
                        }
                        nonASCII = v
                    }
                    fold(scalar, into: &nonASCII!)
                    i += len
                }
                offset += 1
            }
            let folded: String
            if let v = nonASCII {
                folded = String(v)
            } else {
                folded = String(unsafeUninitializedCapacity: i - startByte) { buf in
                    for k in 0..<(i - startByte) {
                        let a = base[startByte + k]
                        buf[k] = (a >= 0x41 && a <= 0x5A) ? a | 0x20 : a
                    }
                    return i - startByte
                }
            }
            if !folded.isEmpty { out.append(Token(folded: folded, start: start, end: offset)) }
        }
        return out
    }

    /// One scalar of valid UTF-8 starting at a lead byte, and its length in bytes.
    @inline(__always)
    static func decode(_ base: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (Unicode.Scalar, Int) {
        let b0 = base[i]
        var v: UInt32
        let len: Int
        if b0 < 0xE0 { v = UInt32(b0 & 0x1F); len = 2 } else if b0 < 0xF0 { v = UInt32(b0 & 0x0F); len = 3 } else { v = UInt32(b0 & 0x07); len = 4 }
        var k = 1
        while k < len, i + k < n { v = (v << 6) | UInt32(base[i + k] & 0x3F); k += 1 }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", len)
    }

    /// The folded words of `text` joined by single spaces: exactly
    /// `tokens(text).map(\.folded).joined(separator: " ")`, without building a `Token` per word
    /// (what the index stores; ASCII takes a byte-level fast path).
    public static func foldedWords(_ text: String) -> String {
        var scratch = String.UnicodeScalarView()
        let count = text.utf8.count
        // Written straight into the new string's storage (no closures: they cost an exclusivity
        // check per byte). Folding never makes an ASCII byte longer; a non-ASCII scalar's folded
        // form can be longer than its bytes, hence the room left for it.
        var capacity = count + 16
        while true {
            var overflow = false
            let result = String(unsafeUninitializedCapacity: capacity) { buf -> Int in
                var n = 0
                var inToken = false
                var mark = 0
                var spaceAdded = false
                for s in text.unicodeScalars {
                    let v = s.value
                    var isToken = false
                    if v < 0x80 {
                        let b = UInt8(truncatingIfNeeded: v)
                        let lower = b | 0x20
                        if (b >= 0x30 && b <= 0x39) || (lower >= 0x61 && lower <= 0x7A) {
                            isToken = true
                            if !inToken {
                                inToken = true
                                spaceAdded = n > 0
                                if spaceAdded { buf[n] = 0x20; n += 1 }
                                mark = n
                            }
                            buf[n] = b >= 0x41 && b <= 0x5A ? lower : b
                            n += 1
                        }
                    } else if isTokenScalar(s) {
                        isToken = true
                        if !inToken {
                            inToken = true
                            spaceAdded = n > 0
                            if spaceAdded { buf[n] = 0x20; n += 1 }
                            mark = n
                        }
                        scratch.removeAll(keepingCapacity: true)
                        fold(s, into: &scratch)
                        for u in String(scratch).utf8 {
                            if n == buf.count { overflow = true; return 0 }
                            buf[n] = u
                            n += 1
                        }
                    }
                    if !isToken, inToken {
                        inToken = false
                        // A token whose folded form is empty (only combining marks) is dropped with its separator.
                        if n == mark, spaceAdded { n -= 1 }
                    }
                    if n + 8 > buf.count { overflow = true; return 0 }
                }
                if inToken, n == mark, spaceAdded { n -= 1 }
                return n
            }
            if !overflow { return result }
            capacity *= 2
        }
    }

    /// Fold one word (lower case, no diacritics).
    public static func fold(_ word: String) -> String {
        var out = String.UnicodeScalarView()
        for s in word.unicodeScalars { fold(s, into: &out) }
        return String(out)
    }

    @inline(__always)
    static func fold(_ s: Unicode.Scalar, into out: inout String.UnicodeScalarView) {
        if s.value < 0x80 {
            if s.value >= 0x41 && s.value <= 0x5A {
                out.append(Unicode.Scalar(s.value + 32)!)
            } else {
                out.append(s)
            }
            return
        }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return
        default: break
        }
        // Lower-case, then decompose and drop combining marks (é → e, й → и as unicode61 does).
        for lower in s.properties.lowercaseMapping.unicodeScalars {
            let decomposed = String(lower).decomposedStringWithCanonicalMapping.unicodeScalars
            for d in decomposed {
                switch d.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark: continue
                default: out.append(d)
                }
            }
        }
    }
}
