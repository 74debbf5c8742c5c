extension Unicode.Scalar {
    /// `properties.isUppercase`, answered for ASCII without the Unicode property tables (the
    /// linker asks it of almost every word of the corpus; most are ASCII).
    @inline(__always) var isUppercaseFast: Bool {
        value < 0x80 ? (value >= 0x41 && value <= 0x5A) : properties.isUppercase
    }

    /// `properties.isLowercase`, the same way.
    @inline(__always) var isLowercaseFast: Bool {
        value < 0x80 ? (value >= 0x61 && value <= 0x7A) : properties.isLowercase
    }
}
