import Foundation

/// The search index's own `lstat` (size, mtime, ctime, inode, device), recorded once the index
/// was sealed or fully checked, in a small file beside it. While the index file's stat is still
/// exactly that, the full check (SQLite's quick_check and the checksum of the whole FTS content)
/// is skipped: any write to the file — even one that restores its mtime afterwards — changes its
/// ctime, and a replaced file has another inode. A seal recorded within the same clock tick as the
/// file's last change could miss a change made in that tick (git's "racy clean"): it is not trusted,
/// the full check runs and records a new seal.
public enum IndexSeal {
    static let formatVersion: UInt32 = 1

    static func path(for index: String) -> String { index + ".seal" }
    static func key(for index: String) -> String { "seal|" + ((index as NSString).lastPathComponent) }

    /// True when `index` is exactly as it was when its seal was recorded.
    public static func holds(index: String) -> Bool {
        guard let now = FileStat.of(index),
              let (recorded, at) = CacheFile.withBody(path: path(for: index), key: key(for: index),
                                                      formatVersion: formatVersion, { buf -> (FileStat, Int64) in
                  var r = ByteReader(buf)
                  return (try FileStat.read(&r), try r.i64())
              })
        else { return false }
        return now == recorded && at > max(recorded.mtimeNs, recorded.ctimeNs)
    }

    /// Records the index file's stat now (best effort).
    public static func record(index: String) {
        guard let st = FileStat.of(index) else { return }
        var w = ByteWriter()
        st.write(&w)
        w.i64(coarseNowNs())
        CacheFile.removeAbandonedTemporaries(in: (index as NSString).deletingLastPathComponent, prefix: "index-")
        CacheFile.write(w.bytes, key: key(for: index), formatVersion: formatVersion, to: path(for: index))
    }

    public static func remove(index: String) { unlink(path(for: index)) }

    /// The clock the file system stamps files with (coarse: it moves once per tick).
    static func coarseNowNs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
