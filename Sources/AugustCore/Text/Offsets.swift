/// Offsets into text are counted in Unicode scalars (what `--json` reports and the UI uses).
extension String {
    /// The text as an array of scalars, for repeated offset arithmetic.
    public var scalarArray: [Unicode.Scalar] { Array(unicodeScalars) }

    /// The substring between two scalar offsets (end exclusive), clamped to the text.
    public func scalarSlice(_ start: Int, _ end: Int) -> String {
        let scalars = unicodeScalars
        let count = scalars.count
        let s = max(0, min(start, count)), e = max(s, min(end, count))
        let i = scalars.index(scalars.startIndex, offsetBy: s)
        let j = scalars.index(i, offsetBy: e - s)
        return String(scalars[i..<j])
    }

    /// The scalar offset of a `String.Index` into this string.
    public func scalarOffset(of index: String.Index) -> Int {
        unicodeScalars.distance(from: unicodeScalars.startIndex, to: index)
    }
}

/// Fast forms of a few Foundation string operations, for the corpus loader's hot loops
/// (Foundation's `trimmingCharacters` bridges through UTF-16 and dominated corpus loading).
enum FastText {
    /// `CharacterSet.whitespaces`: tab and the space separators (general category Zs).
    @inline(__always)
    static func isHorizontalSpace(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value == 0x20 || s.value == 0x09 }
        return s.properties.generalCategory == .spaceSeparator
    }

    /// The same as `line.trimmingCharacters(in: .whitespaces)`.
    static func trimmingHorizontalSpace(_ line: String) -> String {
        let u = line.unicodeScalars
        var a = u.startIndex, b = u.endIndex
        while a < b, isHorizontalSpace(u[a]) { a = u.index(after: a) }
        while b > a {
            let p = u.index(before: b)
            guard isHorizontalSpace(u[p]) else { break }
            b = p
        }
        if a == u.startIndex && b == u.endIndex { return line }
        return String(u[a..<b])
    }

    /// True when `s` has at least `k` bytes and the first `k` are ASCII with no CR LF pair among
    /// them: two such bytes always have a character boundary between them, so `s` then has at
    /// least `k` characters.
    @inline(__always)
    static func hasPlainASCIIPrefix(_ s: String, _ k: Int) -> Bool {
        guard s.utf8.count >= k else { return false }
        var previous: UInt8 = 0
        var seen = 0
        for b in s.utf8 {
            if seen == k { break }
            if b >= 0x80 || (previous == 0x0D && b == 0x0A) { return false }
            previous = b
            seen += 1
        }
        return true
    }

    /// `s.count > n` without counting past `n + 1` characters.
    static func characterCount(_ s: String, exceeds n: Int) -> Bool {
        guard s.utf8.count > n else { return false }  // a character has at least one byte
        if hasPlainASCIIPrefix(s, n + 1) { return true }
        return s.index(s.startIndex, offsetBy: n + 1, limitedBy: s.endIndex) != nil
    }

    /// `min(s.count, cap)`, counting at most `cap` characters.
    static func characterCount(_ s: String, cappedAt cap: Int) -> Int {
        if s.utf8.count <= cap { return s.count }
        if hasPlainASCIIPrefix(s, cap) { return cap }
        var n = 0
        var i = s.startIndex
        while n < cap, i < s.endIndex {
            s.formIndex(after: &i)
            n += 1
        }
        return n
    }
}

/// A string compared by its exact bytes (not by canonical equivalence, as `String` compares): a
/// key for memoising a function of a text's scalars, where `é` and `e` + U+0301 may differ.
struct ExactText: Hashable {
    let text: String
    init(_ text: String) { self.text = text }
    static func == (a: ExactText, b: ExactText) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
    func hash(into h: inout Hasher) {
        var s = text
        s.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
