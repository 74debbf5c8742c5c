import Foundation

/// A cache file read a piece at a time, each piece checked: a header (magic, format version, key,
/// body length, block size, the checksum of the block table, the header's own checksum), a table
/// with one checksum per block of the body, then the body. A reader checks the header and the
/// table when it opens the file, then every block a read touches, each time it reads it: asking
/// for one passage of a 100 MB snapshot checks a few kilobytes, not the whole file.
///
/// The file is read with `pread`, never mapped: a file truncated or rewritten in place under a
/// running reader (no writer of ours does that: they rename a new file over the old one, and an
/// open reader keeps the old one) gives a short read or a failed checksum — an error the caller
/// falls back from — never a SIGBUS.
public enum BlockFile {
    static let magic = Array("AUGBLK01".utf8)
    /// Bytes per checked block: a read checks whole blocks, so this is the least a read costs.
    public static let blockSize = 32 << 10

    /// Writes `body` under `key` to `path` atomically. Nil when written, else why not.
    public static func write(_ body: [UInt8], key: String, formatVersion: UInt32, to path: String) -> String? {
        var table = ByteWriter(capacity: (body.count / blockSize + 1) * 8)
        body.withUnsafeBytes { buf in
            var i = 0
            while i < buf.count {
                let end = min(i + blockSize, buf.count)
                table.u64(FastHash.hash(UnsafeRawBufferPointer(rebasing: buf[i..<end]), seed: UInt64(i)))
                i = end
            }
        }
        var header = ByteWriter(capacity: 64 + key.utf8.count)
        header.raw(magic)
        header.u32(formatVersion)
        header.string(key)
        header.u64(UInt64(body.count))
        header.u32(UInt32(blockSize))
        header.u64(FastHash.hash(table.bytes))
        header.u64(FastHash.hash(header.bytes))
        return CacheFile.writeAtomically([header.bytes, table.bytes, body], to: path)
    }
}

/// A body read a range at a time, each read checked or failing: an open `BlockFile`, or bytes in
/// memory (`ByteBody`, what the decoders' tests hand them).
public protocol CheckedBody: AnyObject, Sendable {
    var bodyLength: Int { get }
    func withBytes<T>(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T
}

/// A body held in memory.
public final class ByteBody: CheckedBody {
    private let bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var bodyLength: Int { bytes.count }
    public func withBytes<T>(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else {
            throw SnapshotFormatError("read \(range) outside the body (\(bytes.count) bytes)")
        }
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }
}

/// An open `BlockFile`: checked reads of its body. Thread-safe (reads share no state).
public final class BlockFileReader: CheckedBody, @unchecked Sendable {
    private let fd: Int32
    /// Where the body starts in the file.
    private let bodyStart: Int
    public let bodyLength: Int
    /// Bytes per checked block (a read costs whole blocks).
    let blockSize: Int
    private let blockHashes: [UInt64]

    deinit { close(fd) }

    /// The file at `path` when it is a regular file whose header says `key` and `formatVersion`
    /// and whose header and block table pass their checks; nil otherwise.
    public init?(path: String, key: String, formatVersion: UInt32) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { close(fd); return nil }
        let fileSize = Int(st.st_size)
        // The header: magic, version, key (its length first), lengths, checksums.
        let headerMax = BlockFile.magic.count + 4 + 4 + key.utf8.count + 8 + 4 + 8 + 8
        guard fileSize >= headerMax, let header = Self.pread(fd, 0, headerMax) else { close(fd); return nil }
        let parsed: (Int, Int, UInt64)? = header.withUnsafeBytes { buf in
            var r = ByteReader(buf)
            guard let m = try? r.bytes(BlockFile.magic.count), Array(m) == BlockFile.magic,
                  (try? r.u32()) == formatVersion, (try? r.string()) == key,
                  let length = try? r.u64(), let block = try? r.u32(), let tableHash = try? r.u64() else { return nil }
            let end = r.offset
            guard let headerHash = try? r.u64(),
                  FastHash.hash(UnsafeRawBufferPointer(rebasing: buf[0..<end])) == headerHash,
                  block >= 64, block <= 1 << 24, length <= UInt64(Int.max / 2) else { return nil }
            return (Int(length), Int(block), tableHash)
        }
        guard let (length, block, tableHash) = parsed else { close(fd); return nil }
        let blocks = (length + block - 1) / block
        // The file must be exactly header + table + body (checked again by every read).
        guard fileSize == headerMax + blocks * 8 + length,
              let table = Self.pread(fd, headerMax, blocks * 8), FastHash.hash(table) == tableHash
        else { close(fd); return nil }
        self.fd = fd
        self.bodyStart = headerMax + blocks * 8
        self.bodyLength = length
        self.blockSize = block
        self.blockHashes = table.withUnsafeBytes { buf in
            (0..<blocks).map { UInt64(littleEndian: buf.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        }
    }

    /// Hands `body` the bytes `range` of the body once every block they touch has been read and
    /// checked; throws when the range lies outside the body, the file is shorter than it was, or a
    /// block's checksum fails.
    public func withBytes<T>(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        guard range.lowerBound >= 0, range.upperBound <= bodyLength else {
            throw SnapshotFormatError("read \(range) outside the body (\(bodyLength) bytes)")
        }
        if range.isEmpty { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let first = range.lowerBound / blockSize, last = (range.upperBound - 1) / blockSize
        let from = first * blockSize, to = min((last + 1) * blockSize, bodyLength)
        guard let bytes = Self.pread(fd, bodyStart + from, to - from) else {
            throw SnapshotFormatError("short read at byte \(bodyStart + from)")
        }
        return try bytes.withUnsafeBytes { buf in
            var i = 0
            for b in first...last {
                let end = min(i + blockSize, buf.count)
                guard FastHash.hash(UnsafeRawBufferPointer(rebasing: buf[i..<end]), seed: UInt64(b * blockSize)) == blockHashes[b] else {
                    throw SnapshotFormatError("block \(b) checksum")
                }
                i = end
            }
            let lo = range.lowerBound - from
            return try body(UnsafeRawBufferPointer(rebasing: buf[lo..<lo + range.count]))
        }
    }

    /// Checks every block that `range` touches, a few megabytes at a time, keeping none: what a
    /// reader that reads the range later, piece by piece, does first, so that damage is found now
    /// (and the file rebuilt) rather than as a wrong text on the screen.
    /// The chunks are read on every core at once (reads share no state).
    public func check(_ range: Range<Int>) throws {
        let chunk = max(blockSize, (4 << 20) / blockSize * blockSize)
        let start = range.lowerBound / blockSize * blockSize
        let chunks = range.isEmpty ? 0 : (range.upperBound - start + chunk - 1) / chunk
        let failures = SlotBox<SnapshotFormatError>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            let at = start + k * chunk, end = min(at + chunk, range.upperBound)
            do { try withBytes(at..<end) { _ in } } catch {
                failures.set(k, [error as? SnapshotFormatError ?? SnapshotFormatError("block check")])
            }
        }
        if let first = failures.values.lazy.flatMap({ $0 }).first { throw first }
    }

    /// `count` bytes at `offset`, or nil when the file holds fewer (truncated) or cannot be read.
    static func pread(_ fd: Int32, _ offset: Int, _ count: Int) -> [UInt8]? {
        var ok = true
        let out = [UInt8](unsafeUninitializedCapacity: count) { buf, n in
            var done = 0
            while done < count {
                let r = Glibc.pread(fd, buf.baseAddress! + done, count - done, off_t(offset + done))
                if r < 0 { if errno == EINTR { continue }; ok = false; break }
                if r == 0 { ok = false; break }
                done += r
            }
            n = done
        }
        return ok ? out : nil
    }
}
