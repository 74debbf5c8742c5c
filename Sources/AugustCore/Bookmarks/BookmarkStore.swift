import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a corpus's bookmarks live and how they are read and written.
///
/// One small JSON file per corpus in `$XDG_DATA_HOME/august/` (default `~/.local/share/august/`),
/// named `bookmarks-<hash>.json` after the corpus folder's absolute path (the path itself is in
/// the file). Written atomically: a temporary file in the same folder, `fsync`, `rename` over the
/// old one, `fsync` of the folder — a crash at any moment leaves either the old file or the new
/// one, never half of one.
public struct BookmarkStore: Sendable, Hashable {
    /// The bookmarks file.
    public let url: URL
    /// The corpus folder (absolute, standardised), as written in the file.
    public let corpusPath: String

    public init(url: URL, corpusPath: String) {
        self.url = url
        self.corpusPath = corpusPath
    }

    /// The store of the corpus at `corpusRoot`, in `directory` (default: `defaultDirectory`).
    public init(corpusRoot: URL, directory: URL? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let path = corpusRoot.standardizedFileURL.resolvingSymlinksInPath().path
        let dir = directory ?? BookmarkStore.defaultDirectory(environment: environment)
        self.init(url: dir.appendingPathComponent("bookmarks-\(BookmarkStore.hash(path)).json"), corpusPath: path)
    }

    /// `$XDG_DATA_HOME/august` when XDG_DATA_HOME is an absolute path (the XDG rule: a relative one
    /// is ignored), else `$HOME/.local/share/august`.
    public static func defaultDirectory(environment: [String: String]) -> URL {
        if let x = environment["XDG_DATA_HOME"], x.hasPrefix("/") {
            return URL(fileURLWithPath: x).appendingPathComponent("august")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/august")
    }

    /// FNV-1a, 64 bits, of the path's UTF-8, in hex: the same on every run (Swift's `Hasher` is not).
    static func hash(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return String(format: "%016llx", h)
    }

    /// What reading the file gave.
    public enum Loaded: Sendable, Hashable {
        /// No file yet: no bookmarks.
        case none
        case loaded([Bookmark])
        /// A file that cannot be read or understood: it is left alone until the reader adds a
        /// bookmark (then it is kept beside the new one as `<name>.bak`). `reason` is one line.
        case damaged(reason: String)
    }

    public func load() -> Loaded {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let ns = error as NSError
            if ns.domain == NSCocoaErrorDomain && ns.code == NSFileReadNoSuchFileError { return .none }
            if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain, posix.code == Int(ENOENT) {
                return .none
            }
            if !FileManager.default.fileExists(atPath: url.path) { return .none }
            return .damaged(reason: "cannot be read")
        }
        let file: BookmarkFile
        do {
            file = try JSONDecoder().decode(BookmarkFile.self, from: data)
        } catch {
            return .damaged(reason: "bad JSON")
        }
        if file.version != BookmarkFile.currentVersion { return .damaged(reason: "unknown version \(file.version)") }
        if file.corpus != corpusPath { return .damaged(reason: "belongs to another corpus") }
        return .loaded(file.bookmarks)
    }

    /// The file's path, the home folder written `~`.
    public var displayPath: String {
        let home = NSHomeDirectory()
        return home.count > 1 && url.path.hasPrefix(home + "/") ? "~" + url.path.dropFirst(home.count) : url.path
    }

    /// The file a damaged one is kept as when the first new bookmark is saved.
    public var backupURL: URL { url.appendingPathExtension("bak") }

    /// Writes `bookmarks` atomically. `keepOldAsBackup`: the file there now (a damaged one) is
    /// kept as `backupURL` in the step that puts the new one in place. A file there that does not
    /// read as this corpus's bookmarks is kept so even without it (a save after an earlier one
    /// failed, a file written meanwhile by a later version): no save ever loses one.
    /// `beforeRename` runs after the temporary file is written and synced, before it replaces the
    /// old one (a test stops the process there).
    public func save(_ bookmarks: [Bookmark], keepOldAsBackup: Bool = false,
                     beforeRename: (() -> Void)? = nil) throws(BookmarkStoreError) {
        let dir = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw BookmarkStoreError("cannot create \(dir.path): \(BookmarkStore.reason(error))")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(BookmarkFile(corpus: corpusPath, bookmarks: bookmarks)) + Data("\n".utf8)
        } catch {
            throw BookmarkStoreError("cannot encode the bookmarks: \(error)")
        }
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BookmarkStoreError("cannot write in \(dir.path): \(String(cString: strerror(errno)))") }
        var failure: String?
        data.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                off += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temp.path)
            throw BookmarkStoreError("cannot write \(temp.path): \(failure)")
        }
        beforeRename?()
        var keep = keepOldAsBackup
        if !keep, FileManager.default.fileExists(atPath: url.path), case .damaged = load() { keep = true }
        if keep, FileManager.default.fileExists(atPath: url.path) {
            // A second name for the old file (a hard link, else a copy): the old file stays in
            // place until the rename below replaces it, so there is no moment without one.
            unlink(backupURL.path)
            if link(url.path, backupURL.path) != 0 {
                do {
                    try FileManager.default.copyItem(at: url, to: backupURL)
                } catch {
                    unlink(temp.path)
                    throw BookmarkStoreError("cannot keep \(url.path) as \(backupURL.lastPathComponent): \(BookmarkStore.reason(error))")
                }
            }
        }
        if rename(temp.path, url.path) != 0 {
            let why = String(cString: strerror(errno))
            unlink(temp.path)
            throw BookmarkStoreError("cannot replace \(url.path): \(why)")
        }
        // The rename itself is durable once the folder is synced.
        let dfd = open(dir.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
        removeLeftovers()
    }

    /// Temporary files of saves that died before their rename (`.<name>.<pid>.tmp` whose process
    /// is gone): removed after a save of ours succeeded. A live process's file is left alone.
    func removeLeftovers() {
        let dir = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            guard let pid = Int32(name.dropFirst(prefix.count).dropLast(4)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(dir.appendingPathComponent(name).path) }
        }
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        return ns.localizedDescription
    }
}

public struct BookmarkStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
