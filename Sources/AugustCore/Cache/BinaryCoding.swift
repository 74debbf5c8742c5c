import Foundation

// A small binary format for the start-up caches (the stat manifest, the explorer snapshot):
// little-endian fixed-width integers, strings as a length and their UTF-8 bytes. Writing appends
// to one byte array; reading walks a byte buffer and throws (never traps) on anything short or odd.

/// Appends values to a byte array.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func u8(_ v: UInt8) { bytes.append(v) }
    public mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
    public mutating func u32(_ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }
    public mutating func u64(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }
    /// A non-negative Int that fits 32 bits (counts, offsets, ordinals); larger values are clamped,
    /// which the reader's checks then refuse.
    public mutating func int(_ v: Int) { u32(UInt32(clamping: v)) }
    public mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            u32(UInt32(clamping: buf.count))
            bytes.append(contentsOf: buf)
        }
    }
    public mutating func optionalString(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }
    public mutating func strings(_ a: [String]) {
        int(a.count)
        for s in a { string(s) }
    }
    public mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }
}

/// Thrown by `ByteReader` when the bytes do not hold what is asked for.
public struct SnapshotFormatError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads values back from a byte buffer, bounds-checked. The buffer must outlive the reader.
public struct ByteReader {
    public let base: UnsafeRawBufferPointer
    public private(set) var offset: Int

    public init(_ base: UnsafeRawBufferPointer, offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    public var remaining: Int { base.count - offset }
    public var atEnd: Bool { offset == base.count }

    @inline(__always)
    mutating func need(_ n: Int) throws(SnapshotFormatError) {
        guard n >= 0, n <= base.count - offset else { throw SnapshotFormatError("truncated at byte \(offset)") }
    }

    public mutating func u8() throws(SnapshotFormatError) -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return base[offset]
    }
    public mutating func bool() throws(SnapshotFormatError) -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        default: throw SnapshotFormatError("bad flag at byte \(offset - 1)")
        }
    }
    public mutating func u32() throws(SnapshotFormatError) -> UInt32 {
        try need(4)
        defer { offset += 4 }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
    public mutating func u64() throws(SnapshotFormatError) -> UInt64 {
        try need(8)
        defer { offset += 8 }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
    public mutating func int() throws(SnapshotFormatError) -> Int { Int(try u32()) }
    public mutating func i64() throws(SnapshotFormatError) -> Int64 { Int64(bitPattern: try u64()) }
    /// A count of things that each take at least `minBytes`: refused when the rest cannot hold
    /// them (so a damaged count never makes a huge allocation).
    public mutating func count(minBytes: Int = 1) throws(SnapshotFormatError) -> Int {
        let n = try int()
        guard n <= remaining / max(minBytes, 1) else { throw SnapshotFormatError("count \(n) too large at byte \(offset)") }
        return n
    }
    public mutating func string() throws(SnapshotFormatError) -> String {
        let n = try int()
        try need(n)
        defer { offset += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: base[offset..<offset + n]), as: UTF8.self)
    }
    public mutating func optionalString() throws(SnapshotFormatError) -> String? {
        try bool() ? try string() : nil
    }
    public mutating func strings() throws(SnapshotFormatError) -> [String] {
        let n = try count(minBytes: 4)
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }
    /// The next `n` bytes, skipped over.
    public mutating func bytes(_ n: Int) throws(SnapshotFormatError) -> UnsafeRawBufferPointer {
        try need(n)
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: base[offset..<offset + n])
    }
}

/// A fast 64-bit checksum of bytes (four multiply-xor lanes over 8-byte words, then mixed):
/// detects damaged or truncated cache files; not a defence against a deliberate forgery.
public enum FastHash {
    static let p1: UInt64 = 0x9E37_79B1_85EB_CA87, p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    @inline(__always) static func lane(_ h: UInt64, _ w: UInt64) -> UInt64 {
        let x = (h ^ (w &* p2)) &* p1
        return (x << 31) | (x >> 33)
    }

    /// The hash fed a piece at a time: every piece but the last a multiple of 32 bytes long.
    public struct Streaming {
        var h0: UInt64, h1: UInt64, h2: UInt64, h3: UInt64
        var count = 0
        var tail: [UInt8] = []

        public init(seed: UInt64 = 0) {
            h0 = seed ^ 0x243F_6A88_85A3_08D3; h1 = seed ^ 0x1319_8A2E_0370_7344
            h2 = seed ^ 0xA409_3822_299F_31D0; h3 = seed ^ 0x082E_FA98_EC4E_6C89
        }

        public mutating func add(_ buf: UnsafeRawBufferPointer) {
            precondition(tail.isEmpty, "only the last piece may be of any length")
            count += buf.count
            guard let base = buf.baseAddress else { return }
            let n = buf.count
            var i = 0
            var a = h0, b = h1, c = h2, d = h3
            while i + 32 <= n {
                a = lane(a, base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                b = lane(b, base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
                c = lane(c, base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
                d = lane(d, base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
                i += 32
            }
            h0 = a; h1 = b; h2 = c; h3 = d
            if i < n { tail = Array(UnsafeRawBufferPointer(rebasing: buf[i..<n])) }
        }

        public func finish() -> UInt64 {
            var h0 = self.h0, h1 = self.h1
            var i = 0
            let n = tail.count
            while i + 8 <= n {
                var w: UInt64 = 0
                for k in 0..<8 { w |= UInt64(tail[i + k]) << (8 * UInt64(k)) }
                h0 = lane(h0, w)
                i += 8
            }
            var last: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                last |= UInt64(tail[i]) << shift
                shift += 8
                i += 1
            }
            if count > 0 { h1 = lane(h1, last) }
            var h = UInt64(count) &* p1
            for x in [h0, h1, h2, h3] {
                h = (h ^ lane(0, x)) &* p1 &+ 0x27D4_EB2F_1656_67C5
            }
            h ^= h >> 29
            h = h &* p2
            h ^= h >> 32
            return h
        }
    }

    public static func hash(_ buf: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var s = Streaming(seed: seed)
        s.add(buf)
        return s.finish()
    }

    public static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }
}

extension ByteWriter {
    /// A typed date, compactly: whether it is a range, then each point as a mask of the fields it
    /// has, those fields (32 bits each: `DatePoint` holds no more) and its season.
    public mutating func date(_ v: DateValue) {
        bool(v.isRange)
        point(v.first)
        if v.isRange { point(v.last) }
    }

    mutating func point(_ p: DatePoint) {
        let fields = [p.year, p.month, p.day, p.hour, p.minute]
        var mask: UInt8 = 0
        for (i, f) in fields.enumerated() where f != nil { mask |= 1 << UInt8(i) }
        u8(mask)
        for f in fields { if let f { u32(UInt32(bitPattern: Int32(clamping: f))) } }
        u8(p.season.map { UInt8(Season.allCases.firstIndex(of: $0)! + 1) } ?? 0)
    }
}

extension ByteReader {
    /// A date written by `ByteWriter.date`.
    public mutating func date() throws(SnapshotFormatError) -> DateValue {
        let range = try bool()
        let first = try point()
        return range ? DateValue(from: first, to: try point()) : DateValue(first)
    }

    mutating func point() throws(SnapshotFormatError) -> DatePoint {
        let mask = try u8()
        guard mask < 32 else { throw SnapshotFormatError("bad date fields") }
        var f: [Int?] = []
        for i in 0..<5 { f.append(mask & (1 << UInt8(i)) != 0 ? Int(Int32(bitPattern: try u32())) : nil) }
        let s = Int(try u8())
        guard s <= Season.allCases.count else { throw SnapshotFormatError("bad season") }
        return DatePoint(year: f[0], season: s == 0 ? nil : Season.allCases[s - 1], month: f[1], day: f[2], hour: f[3], minute: f[4])
    }
}
