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
        // One pass over the scalars; a token's folded bytes gather in a reused buffer (ASCII is
        // lowered byte by byte) and become a String once, at the token's end.
        var out: [Token] = []
        out.reserveCapacity(text.utf8.count / 6)
        var buf: [UInt8] = []
        buf.reserveCapacity(64)
        var scratch = String.UnicodeScalarView()
        var start = 0
        var offset = 0
        var inToken = false
        for s in text.unicodeScalars {
            let v = s.value
            var isToken = false
            if v < 0x80 {
                let b = UInt8(truncatingIfNeeded: v)
                let lower = b | 0x20
                if (b >= 0x30 && b <= 0x39) || (lower >= 0x61 && lower <= 0x7A) {
                    isToken = true
                    if !inToken { inToken = true; start = offset; buf.removeAll(keepingCapacity: true) }
                    buf.append(b >= 0x41 && b <= 0x5A ? lower : b)
                }
            } else if isTokenScalar(s) {
                isToken = true
                if !inToken { inToken = true; start = offset; buf.removeAll(keepingCapacity: true) }
                scratch.removeAll(keepingCapacity: true)
                fold(s, into: &scratch)
                buf.append(contentsOf: String(scratch).utf8)
            }
            if !isToken, inToken {
                inToken = false
                // A token whose folded form is empty (only combining marks) is no token.
                if !buf.isEmpty { out.append(Token(folded: String(decoding: buf, as: UTF8.self), start: start, end: offset)) }
            }
            offset += 1
        }
        if inToken, !buf.isEmpty { out.append(Token(folded: String(decoding: buf, as: UTF8.self), start: start, end: offset)) }
        return out
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
