import Foundation

/// Finds `.txt` files below a folder, the way a stranger's folder needs it:
///
/// * names are read as bytes (`readdir`), so a name that is not valid UTF-8 is still opened; its
///   id shows the bad bytes as U+FFFD;
/// * a symbolic link to a file is followed; a link to a folder is followed only when the folder is
///   inside the corpus (a link to `/` must not walk the whole disk), and no folder is read twice
///   (symlink loops, bind mounts);
/// * anything named `.txt` that is not a regular file (a FIFO, a device, a broken or looping link)
///   is skipped with a warning, never opened in a way that could block.
enum FileWalker {
    struct File: Sendable {
        /// The path as bytes, NUL-terminated, for `open`.
        var path: [CChar]
        /// Relative path with `/` separators, decoded for display (bad bytes as U+FFFD).
        var relative: String
        /// The relative path's bytes, for a stable order.
        var relativeBytes: [UInt8]
        /// What `stat` said when the walk found it (the stat manifest compares it next time).
        var stat: FileStat
    }

    static let maxDepth = 64

    static func textFiles(under root: URL, warnings: inout [LoadWarning]) -> [File] {
        var out: [File] = []
        var seen = Set<[UInt64]>()
        var linkedFolders: [([UInt8], [UInt8], Int)] = []
        let rootBytes = Array(root.path.utf8)
        let rootReal = realPath(rootBytes.map { CChar(bitPattern: $0) } + [0]) ?? rootBytes

        func display(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
        func warn(_ relative: [UInt8], _ message: String) {
            warnings.append(LoadWarning(file: relative.isEmpty ? "." : display(relative), message: message))
        }
        func isInsideRoot(_ cpath: [CChar]) -> Bool {
            guard let real = realPath(cpath) else { return false }
            return real == rootReal || (real.starts(with: rootReal + [UInt8(ascii: "/")]))
                || rootReal == [UInt8(ascii: "/")]
        }

        func visit(_ path: [UInt8], _ relative: [UInt8], depth: Int, viaLink: Bool) {
            let cpath = path.map { CChar(bitPattern: $0) } + [0]
            var st = stat()
            guard stat(cpath, &st) == 0 else {
                let err = errno
                var lst = stat()
                let isLink = lstat(cpath, &lst) == 0 && (lst.st_mode & S_IFMT) == S_IFLNK
                // Only report what would have been read: .txt files and folders (a broken link's
                // target is unknown, so any broken link is reported).
                let message: String
                switch err {
                case ELOOP: message = "symbolic link loop; skipped"
                case ENOENT where isLink: message = "broken symbolic link; skipped"
                default: message = "cannot be read (\(String(cString: strerror(err)))); skipped"
                }
                warn(relative, message)
                return
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                let key = [UInt64(st.st_dev), UInt64(st.st_ino)]
                guard !seen.contains(key) else {
                    warn(relative, "folder already read (a link back to it?); skipped")
                    return
                }
                if viaLink, !isInsideRoot(cpath) {
                    warn(relative, "link to a folder outside the corpus; not followed")
                    return
                }
                seen.insert(key)
                guard depth < maxDepth else {
                    warn(relative, "folder nested too deep (more than \(maxDepth) levels); skipped")
                    return
                }
                guard let names = directoryEntries(cpath) else {
                    warn(relative, "folder cannot be read (\(String(cString: strerror(errno)))); skipped")
                    return
                }
                for (name, type) in names.sorted(by: { $0.name.lexicographicallyPrecedes($1.name) })
                where name.first != UInt8(ascii: ".") {
                    let childRelative = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
                    // What the folder says the entry is: a file or a device not named .txt is
                    // never read (no stat); only a link (or an entry of unknown type) needs an
                    // lstat to tell a linked folder.
                    let known = type != UInt8(DT_UNKNOWN) && type != UInt8(DT_LNK)
                    if known, type != UInt8(DT_DIR), !isTextName(childRelative) { continue }
                    let child = path + [UInt8(ascii: "/")] + name
                    var lst = stat(), tst = stat()
                    let cchild = child.map { CChar(bitPattern: $0) } + [0]
                    if !known, lstat(cchild, &lst) == 0, (lst.st_mode & S_IFMT) == S_IFLNK,
                       stat(cchild, &tst) == 0, (tst.st_mode & S_IFMT) == S_IFDIR {
                        // Linked folders are read after every real one, so a file reached both
                        // ways keeps its real path as its id, whatever the order of names.
                        linkedFolders.append((child, childRelative, depth + 1))
                        continue
                    }
                    visit(child, childRelative, depth: depth + 1, viaLink: viaLink)
                }
            case S_IFREG:
                if isTextName(relative) {
                    out.append(File(path: cpath, relative: display(relative), relativeBytes: relative, stat: FileStat(st)))
                }
            default:
                if isTextName(relative) { warn(relative, "not a regular file (FIFO, device or socket); skipped") }
            }
        }
        visit(rootBytes, [], depth: 0, viaLink: false)
        var next = 0
        while next < linkedFolders.count {
            let (path, relative, depth) = linkedFolders[next]
            next += 1
            visit(path, relative, depth: depth, viaLink: true)
        }
        out.sort { $0.relativeBytes.lexicographicallyPrecedes($1.relativeBytes) }
        return out
    }

    static func isTextName(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        let tail = bytes.suffix(4).map { $0 | 0x20 }  // ASCII lower-case ('.' | 0x20 == '.')
        return tail == Array(".txt".utf8)
    }

    /// The names in a folder, as bytes, without `.` and `..`, each with its `d_type` (`DT_UNKNOWN`
    /// where the file system does not say); nil if it cannot be opened.
    static func directoryEntries(_ cpath: [CChar]) -> [(name: [UInt8], type: UInt8)]? {
        guard let dir = opendir(cpath) else { return nil }
        defer { closedir(dir) }
        var names: [(name: [UInt8], type: UInt8)] = []
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [0x2E] || name == [0x2E, 0x2E] || name.isEmpty { continue }
            names.append((name, entry.pointee.d_type))
        }
        return names
    }

    static func realPath(_ cpath: [CChar]) -> [UInt8]? {
        guard let p = realpath(cpath, nil) else { return nil }
        defer { free(p) }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self),
                                         count: strlen(p)))
    }
}

/// Reads a whole file, bounded: never blocks on a FIFO that was swapped in after the walk, never
/// reads more than `limit` bytes (a link to `/proc/kcore` or a huge log is refused, not loaded).
enum FileReader {
    enum Failure: Error, Equatable {
        case notRegular
        case tooLarge(Int)
        case system(Int32)

        var message: String {
            switch self {
            case .notRegular: return "not a regular file; skipped"
            case .tooLarge(let limit): return "larger than \(limit / (1 << 20)) MiB; skipped"
            case .system(let e): return "cannot be read (\(String(cString: strerror(e)))); skipped"
            }
        }
    }

    static func read(_ cpath: [CChar], limit: Int) -> Result<Data, Failure> {
        let fd = open(cpath, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return .failure(.system(errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(.system(errno)) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular) }
        guard Int(st.st_size) <= limit else { return .failure(.tooLarge(limit)) }
        var data = Data(capacity: max(0, Int(st.st_size)) + 1)
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, chunk) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.system(errno))
            }
            if n == 0 { break }
            guard data.count + n <= limit else { return .failure(.tooLarge(limit)) }
            buffer.withUnsafeBytes { data.append($0.bindMemory(to: UInt8.self).baseAddress!, count: n) }
        }
        return .success(data)
    }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
