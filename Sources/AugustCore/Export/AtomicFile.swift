import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a file could not be written (one line, for `august: …`).
public struct WriteError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Writing a file so that a reader sees the old file or the whole new one, never a part: the bytes go
/// to a temporary file in the same folder, which is flushed to disk and renamed over the target. On
/// any failure the temporary file is removed and the target is left as it was.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw WriteError("cannot write \(path): it is a folder")
        }
        let temp = folder + "/." + name + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError("cannot write \(path): \(String(cString: strerror(errno)))") }
        func fail(_ what: String) -> WriteError {
            let reason = String(cString: strerror(errno))
            close(fd)
            unlink(temp)
            return WriteError("cannot write \(path): \(what)\(reason)")
        }
        var written = 0
        let ok: Bool = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return true }
            while written < raw.count {
                let n = Glibc.write(fd, base + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += n
            }
            return true
        }
        guard ok else { throw fail("") }
        guard fsync(fd) == 0 else { throw fail("") }
        guard close(fd) == 0 else { unlink(temp); throw WriteError("cannot write \(path): \(String(cString: strerror(errno)))") }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw WriteError("cannot write \(path): \(reason)")
        }
    }
}
