import Foundation

/// Text → tokens: the byte-level tokenizer must equal the scalar-by-scalar reference, and
/// SafeText must leave nothing that acts on a terminal, scalar for scalar.
func fuzzTokenizer(_ bytes: UnsafeBufferPointer<UInt8>) {
    let text = String(decoding: bytes, as: UTF8.self)
    let fast = Tokenizer.tokens(text)
    let reference = ReferenceTokenizer.tokens(text)
    require(fast == reference, "tokenizer differs from the reference on \(Array(text.unicodeScalars.map(\.value)))")
    let count = text.unicodeScalars.count
    var last = -1
    for t in fast {
        require(t.start > last && t.start < t.end && t.end <= count && !t.folded.isEmpty, "token \(t)")
        last = t.end - 1
    }
    let safe = SafeText.printable(text)
    require(safe.unicodeScalars.count == count, "printable changed the scalar count")
    require(safe.unicodeScalars.allSatisfy(SafeText.isSafe), "printable left a control")
    require(text.scalarSlice(0, count) == text, "scalarSlice")
}
