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
            var start = bytes.startIndex
            var i = bytes.startIndex
            let end = bytes.endIndex
            while i < end {
                let b = bytes[i]
                if b == 0x0A || b == 0x0D {
                    lines.append(String(decoding: bytes[start..<i], as: UTF8.self))
                    if b == 0x0D, i + 1 < end, bytes[i + 1] == 0x0A { i += 1 }
                    i += 1
                    start = i
                } else {
                    i += 1
                }
            }
            if start < end { lines.append(String(decoding: bytes[start..<end], as: UTF8.self)) }
            return Decoded(lines: lines, hadInvalidUTF8: !valid)
        }
    }

    public static func decode(_ text: String) -> Decoded {
        decode(Data(text.utf8))
    }
}
