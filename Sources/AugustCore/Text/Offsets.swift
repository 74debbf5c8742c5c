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
