#if canImport(AugustCore)
@testable import AugustCore
#endif

/// The tokenizer as first written (scalar by scalar, obviously right): the fast byte-level
/// `Tokenizer.tokens` must give exactly the same tokens. Also compiled into the fuzz targets.
enum ReferenceTokenizer {
    static func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        var current = String.UnicodeScalarView()
        var start = 0
        var offset = 0
        var inToken = false
        for s in text.unicodeScalars {
            if Tokenizer.isTokenScalar(s) {
                if !inToken { inToken = true; start = offset; current = .init() }
                Tokenizer.fold(s, into: &current)
            } else if inToken {
                inToken = false
                out.append(Token(folded: String(current), start: start, end: offset))
            }
            offset += 1
        }
        if inToken { out.append(Token(folded: String(current), start: start, end: offset)) }
        return out.filter { !$0.folded.isEmpty }
    }
}
