import Foundation

/// Decoding of a file's bytes into lines, the way a reader sees them.
public enum TextDecoding {
    public struct Decoded: Sendable {
        public let lines: [String]
        /// True when some bytes were not valid UTF-8 and became U+FFFD.
        public let hadInvalidUTF8: Bool
    }

    /// Decode UTF-8 bytes (a leading BOM is dropped; invalid sequences become U+FFFD) and split
    /// into lines at LF, CRLF or a lone CR. A final line end does not open an empty last line.
    public static func decode(_ data: Data) -> Decoded {
        data.withUnsafeBytes { raw -> Decoded in
            var bytes = raw.bindMemory(to: UInt8.self)[...]
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            var lines: [String] = []
            // memchr finds line ends at C speed: a 20 MB line is one call, not 20 million steps.
            guard let base = bytes.base.baseAddress else { return Decoded(lines: [], hadInvalidUTF8: false) }
            let end = bytes.endIndex
            func next(_ byte: UInt8, from i: Int) -> Int {
                guard i < end, let p = memchr(base + i, Int32(byte), end - i) else { return end }
                return UnsafePointer<UInt8>(p.assumingMemoryBound(to: UInt8.self)) - base
            }
            var start = bytes.startIndex
            var lf = next(0x0A, from: start), cr = next(0x0D, from: start)
            while start < end {
                let i = min(lf, cr)
                if i == end { break }
                lines.append(String(decoding: bytes[start..<i], as: UTF8.self))
                var after = i + 1
                if bytes[i] == 0x0D, after < end, bytes[after] == 0x0A { after += 1 }
                start = after
                if lf < start { lf = next(0x0A, from: start) }
                if cr < start { cr = next(0x0D, from: start) }
            }
            if start < end { lines.append(String(decoding: bytes[start..<end], as: UTF8.self)) }
            return Decoded(lines: lines, hadInvalidUTF8: !valid)
        }
    }

    public static func decode(_ text: String) -> Decoded {
        decode(Data(text.utf8))
    }
}
