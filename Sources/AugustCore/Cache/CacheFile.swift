import Foundation

/// A cache file of the start-up caches: a checked header (magic, format version, key, body
/// length, body checksum, header checksum) and a body. Written to a temporary file and renamed
/// into place; read in one go and refused (nil) when anything does not match — never trusted
/// half-way, never a trap.
public enum CacheFile {
    static let magic = Array("AUGCACH1".utf8)

    /// Writes `body` under `key` to `path` atomically; false when the folder cannot be written
    /// (the caller then simply goes on without the cache).
    @discardableResult
    public static func write(_ body: [UInt8], key: String, formatVersion: UInt32, to path: String) -> Bool {
        writeReporting(body, key: key, formatVersion: formatVersion, to: path) == nil
    }

    /// The same, giving the reason when it could not be written (nil when written).
    public static func writeReporting(_ body: [UInt8], key: String, formatVersion: UInt32, to path: String) -> String? {
        var header = ByteWriter(capacity: 64 + key.utf8.count)
        header.raw(magic)
        header.u32(formatVersion)
        header.string(key)
        header.u64(UInt64(body.count))
        header.u64(FastHash.hash(body))
        header.u64(FastHash.hash(header.bytes))
        return writeAtomically([header.bytes, body], to: path)
    }

    /// Writes `parts` one after the other into a temporary file beside `path`, then renames it
    /// into place: a reader sees the old file or the new one, never half of one. Nil when written,
    /// else why not (the folder cannot be created or written, the disk is full).
    static func writeAtomically(_ parts: [[UInt8]], to path: String) -> String? {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return "cannot create \(directory)"
        }
        let tmp = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return "\(directory): \(String(cString: strerror(errno)))" }
        var failure: Int32 = 0
        for part in parts where failure == 0 {
            if !writeAll(fd, part) { failure = errno }
        }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure == 0 {
            if rename(tmp, path) == 0 { return nil }
            failure = errno
        }
        unlink(tmp)
        return "\(directory): \(String(cString: strerror(failure)))"
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buf -> Bool in
            var done = 0
            while done < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 { if errno == EINTR { continue }; return false }
                done += n
            }
            return true
        }
    }

    /// The body of the cache file at `path` when its header says `key` and `formatVersion` and
    /// every check passes; nil otherwise.
    public static func read(path: String, key: String, formatVersion: UInt32, maxBytes: Int = 4 << 30) -> [UInt8]? {
        guard let bytes = readWhole(path, limit: maxBytes) else { return nil }
        return bytes.withUnsafeBytes { buf -> [UInt8]? in
            guard let start = try? bodyStart(buf, key: key, formatVersion: formatVersion) else { return nil }
            return Array(UnsafeRawBufferPointer(rebasing: buf[start...]))
        }
    }

    /// Reads `path` and hands the checked body to `body`; nil when the file is missing or any
    /// check fails, or when `body` throws. The file is read, never mapped: one truncated or
    /// rewritten while it is read gives a short read or a failed checksum, not a signal.
    public static func withBody<T>(path: String, key: String, formatVersion: UInt32, maxBytes: Int = 4 << 30,
                                   _ body: (UnsafeRawBufferPointer) throws -> T) -> T? {
        guard let bytes = readWhole(path, limit: maxBytes) else { return nil }
        return bytes.withUnsafeBytes { buf -> T? in
            guard let start = try? bodyStart(buf, key: key, formatVersion: formatVersion) else { return nil }
            return try? body(UnsafeRawBufferPointer(rebasing: buf[start...]))
        }
    }

    /// Where the body starts once every check passed.
    static func bodyStart(_ buf: UnsafeRawBufferPointer, key: String, formatVersion: UInt32) throws -> Int {
        var r = ByteReader(buf)
        guard Array(try r.bytes(magic.count)) == magic else { throw SnapshotFormatError("not a cache file") }
        guard try r.u32() == formatVersion else { throw SnapshotFormatError("other format version") }
        guard try r.string() == key else { throw SnapshotFormatError("other key") }
        let length = try r.u64()
        let bodyHash = try r.u64()
        let headerEnd = r.offset
        let headerHash = try r.u64()
        guard FastHash.hash(UnsafeRawBufferPointer(rebasing: buf[0..<headerEnd])) == headerHash else {
            throw SnapshotFormatError("header checksum")
        }
        guard length == UInt64(r.remaining) else { throw SnapshotFormatError("length") }
        guard FastHash.hash(UnsafeRawBufferPointer(rebasing: buf[r.offset...])) == bodyHash else {
            throw SnapshotFormatError("body checksum")
        }
        return r.offset
    }

    /// A whole regular file in one read; nil when it is missing, not a regular file (a FIFO must
    /// not block the start), or larger than `limit`.
    static func readWhole(_ path: String, limit: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size <= limit else { return nil }
        let size = Int(st.st_size)
        var ok = true
        // Not zeroed first: at 100 MB that alone was a tenth of a warm start.
        let out = [UInt8](unsafeUninitializedCapacity: size) { buf, count in
            var done = 0
            while done < size {
                let n = Glibc.read(fd, buf.baseAddress! + done, size - done)
                if n < 0 { if errno == EINTR { continue }; ok = false; break }
                if n == 0 { ok = false; break }  // shrank while read
                done += n
            }
            count = done
        }
        return ok ? out : nil
    }

    /// Temporary files of writes that died, in `directory`, whose names start with `prefix`:
    /// removed when their process is gone or they are a day old.
    public static func removeAbandonedTemporaries(in directory: String, prefix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let r = name.range(of: ".tmp-") else { continue }
            let pid = Int32(name[r.upperBound...].prefix { $0.isNumber }) ?? 0
            let path = directory + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            let age = time(nil) - st.st_mtim.tv_sec
            let dead = pid > 0 && kill(pid, 0) == -1 && errno == ESRCH
            if dead || age > 86_400 { unlink(path) }
        }
    }

    /// Keeps the newest `max` files of `directory` whose names start with `prefix` and end with
    /// `suffix` (besides `keeping`); older ones go.
    public static func prune(in directory: String, prefix: String, suffix: String, keeping: String, max: Int) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        var files: [(String, Int)] = []
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(suffix) {
            let path = directory + "/" + name
            guard path != keeping else { continue }
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            files.append((path, st.st_mtim.tv_sec))
        }
        for (path, _) in files.sorted(by: { $0.1 > $1.1 }).dropFirst(Swift.max(0, max - 1)) { unlink(path) }
    }
}

/// What the file system says about a file: enough to tell that it has not changed since.
public struct FileStat: Sendable, Hashable {
    public var size: Int64
    public var mtimeNs: Int64
    public var ctimeNs: Int64
    public var inode: UInt64
    public var device: UInt64

    public init(size: Int64, mtimeNs: Int64, ctimeNs: Int64, inode: UInt64, device: UInt64) {
        self.size = size; self.mtimeNs = mtimeNs; self.ctimeNs = ctimeNs; self.inode = inode; self.device = device
    }

    init(_ st: stat) {
        size = Int64(st.st_size)
        mtimeNs = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        ctimeNs = Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec)
        inode = UInt64(st.st_ino)
        device = UInt64(st.st_dev)
    }

    /// `lstat` of a path; nil when it cannot be read.
    public static func of(_ path: String, followLinks: Bool = false) -> FileStat? {
        var st = stat()
        let r = followLinks ? stat(path, &st) : lstat(path, &st)
        return r == 0 ? FileStat(st) : nil
    }

    func write(_ w: inout ByteWriter) {
        w.i64(size); w.i64(mtimeNs); w.i64(ctimeNs); w.u64(inode); w.u64(device)
    }

    static func read(_ r: inout ByteReader) throws(SnapshotFormatError) -> FileStat {
        FileStat(size: try r.i64(), mtimeNs: try r.i64(), ctimeNs: try r.i64(), inode: try r.u64(), device: try r.u64())
    }

    /// The wall clock now, in nanoseconds (the file system's timestamps use the same clock).
    public static func nowNs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
