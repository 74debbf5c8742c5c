import Foundation
import Testing

/// The names of the files opened in one folder while it is watched (inotify's IN_OPEN: the kernel
/// reports every open of a file in the folder, by any process; a `stat` is not an open).
private final class OpenWatch {
    private let fd: Int32

    init(_ directory: String) throws {
        fd = inotify_init1(Int32(0o4000 | 0o2000000))  // IN_NONBLOCK | IN_CLOEXEC
        guard fd >= 0, inotify_add_watch(fd, directory, 0x20 /* IN_OPEN */) >= 0 else {
            throw CocoaError(.fileReadUnknown)
        }
    }

    deinit { close(fd) }

    /// Files (not the folder itself) opened since the last call.
    func opened() -> [String] {
        var names: [String] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            var i = 0
            while i + 16 <= n {
                let mask = buf.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self) }
                let len = Int(buf.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: i + 12, as: UInt32.self) })
                let nameBytes = buf[(i + 16)..<min(i + 16 + len, n)].prefix { $0 != 0 }
                if mask & 0x4000_0000 == 0, !nameBytes.isEmpty { names.append(String(decoding: nameBytes, as: UTF8.self)) }
                i += 16 + len
            }
        }
        return names
    }
}

@Suite("Start pipeline through the binary: a warm command opens no file of the corpus", .serialized)
struct StartPipelineE2ETests {

    @Test("warm `search`, `events`, `places`: no corpus file opened, the same output as cold; a cold run opens them (the watch works)")
    func warmOpensNoCorpusFile() throws {
        let corpus = makeTemporaryDirectory("august-e2e-noopen")
        let xdg = makeTemporaryDirectory("august-e2e-noopen-xdg").path
        defer { try? FileManager.default.removeItem(at: corpus); try? FileManager.default.removeItem(atPath: xdg) }
        let seeds = repoRoot.appendingPathComponent("seeds")
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds.path) where name.hasSuffix(".txt") {
            try FileManager.default.copyItem(at: seeds.appendingPathComponent(name), to: corpus.appendingPathComponent(name))
        }
        // Past the stat manifest's racy window: files changed that recently are always read again.
        usleep(2_200_000)
        let watch = try OpenWatch(corpus.path)
        let commands = [["search", "harbin", "--limit", "20"], ["search", "kwantung army", "--json"],
                        ["events", "--json"], ["places", "--json"]]
        let cold = try runAugust(commands[0] + ["--corpus", corpus.path], env: ["XDG_CACHE_HOME": xdg])
        #expect(cold.status == 0 && cold.stderr.isEmpty, "\(cold.stderr)")
        let coldOpened = watch.opened()
        #expect(coldOpened.contains { $0.hasSuffix(".txt") }, "the cold run must read the files: \(coldOpened)")
        for args in commands {
            // The reference from a run with no cache at all (it reads the files, unwatched).
            _ = watch.opened()
            let blocked = makeTemporaryDirectory("august-e2e-noopen-blocked").appendingPathComponent("file")
            try Data("x".utf8).write(to: blocked)
            let reference = try runAugust(args + ["--corpus", corpus.path], env: ["XDG_CACHE_HOME": blocked.path])
            _ = watch.opened()
            let warm = try runAugust(args + ["--corpus", corpus.path], env: ["XDG_CACHE_HOME": xdg])
            #expect(warm.status == 0 && warm.stdout == reference.stdout && !warm.stdout.isEmpty, "\(args)")
            #expect(warm.stderr == withoutCacheNote(reference.stderr), "\(args)")
            #expect(watch.opened() == [], "\(args): a warm run opened files of the corpus")
        }
    }

    @Test("a cache folder that cannot be written (XDG_CACHE_HOME under a file): right answers, the reason said once",
          arguments: [["search", "harbin"], ["events"], ["fronts", "--json"], ["passages"]])
    func unwritableSaidOnce(_ args: [String]) throws {
        let blocked = makeTemporaryDirectory("august-e2e-unwritable").appendingPathComponent("file")
        try Data("x".utf8).write(to: blocked)
        let xdg = makeTemporaryDirectory("august-e2e-unwritable-xdg").path
        defer { try? FileManager.default.removeItem(atPath: xdg) }
        let seeds = ["--corpus", repoRoot.appendingPathComponent("seeds").path]
        let good = try runAugust(args + seeds, env: ["XDG_CACHE_HOME": xdg])
        let r = try runAugust(args + seeds, env: ["XDG_CACHE_HOME": blocked.path])
        #expect(r.status == 0 && r.stdout == good.stdout, "\(args)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("august: cache not written: ")
                    && lines[0].hasSuffix("; working from memory"), "\(args): \(r.stderr)")
        #expect(good.stderr.isEmpty, "\(good.stderr)")
    }
}
