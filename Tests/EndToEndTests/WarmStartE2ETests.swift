import Foundation
import Testing

/// The seeds copied into new folders, their mtimes an hour back, as files a reader has had for a
/// while: made once for the suite, then left alone for longer than the stat manifest's racy
/// window (a file whose mtime or ctime is that recent is always read again).
private let seedCopies: [URL] = {
    let seeds = repoRoot.appendingPathComponent("seeds")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []).filter { $0.hasSuffix(".txt") }
    let copies = (0..<8).map { _ in makeTemporaryDirectory("august-e2e-warm") }
    for dir in copies {
        for name in names {
            let to = dir.appendingPathComponent(name)
            try! FileManager.default.copyItem(at: seeds.appendingPathComponent(name), to: to)
            try! backdate(to.path)
        }
    }
    usleep(2_200_000)
    return copies
}()

private func oldSeedsCopy(_ n: Int) -> URL { seedCopies[n] }

private func backdate(_ path: String, seconds: Double = 3600) throws {
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -seconds)], ofItemAtPath: path)
}

private let script = "j<Enter>]<Tab>j/harbin<Enter>n"

private func screen(_ corpus: URL, cache: String) throws -> RunResult {
    try runAugust(["--corpus", corpus.path, "--keys", script, "--size", "100x30", "--print-screen"],
                  env: ["XDG_CACHE_HOME": cache])
}

private func cacheNames(_ xdg: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: xdg + "/august")) ?? []).sorted()
}

private func mtime(_ path: String) -> Date? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
}

/// The screen with no cache at all (a cache folder that cannot exist): a full load every time.
private func uncached(_ corpus: URL) throws -> RunResult {
    let blocker = makeTemporaryDirectory("august-e2e-warm-nocache").appendingPathComponent("file")
    try Data("x".utf8).write(to: blocker)
    return try screen(corpus, cache: blocker.path + "/below")
}

@Suite("Warm start through the binary: manifest, snapshot, index seal", .serialized)
struct WarmStartE2ETests {

    @Test("the second start reads the snapshot (nothing rewritten) and shows exactly the first one's screen")
    func warmEqualsCold() throws {
        let corpus = oldSeedsCopy(0), xdg = makeTemporaryDirectory("august-e2e-warm-xdg").path
        defer { try? FileManager.default.removeItem(at: corpus); try? FileManager.default.removeItem(atPath: xdg) }
        let cold = try screen(corpus, cache: xdg)
        #expect(cold.status == 0, "\(cold.stderr)")
        let names = cacheNames(xdg)
        #expect(names.contains { $0.hasPrefix("snapshot-") } && names.contains { $0.hasPrefix("manifest-") }, "\(names)")
        let manifest = xdg + "/august/" + (names.first { $0.hasPrefix("manifest-") } ?? "")
        let written = mtime(manifest)
        let warm = try screen(corpus, cache: xdg)
        #expect(warm.status == 0 && warm.stdout == cold.stdout && warm.stderr == cold.stderr)
        // A full load records the manifest again; a warm start only reads it.
        #expect(mtime(manifest) == written, "the warm start loaded the corpus again")
        #expect(cacheNames(xdg) == names)
    }

    @Test("a file changed after the snapshot (same size, mtime put back) is seen: the screen is that of a full load",
          arguments: ["mtime-restored", "touched"])
    func changedFile(_ kind: String) throws {
        let corpus = oldSeedsCopy(kind == "touched" ? 1 : 2), xdg = makeTemporaryDirectory("august-e2e-warm-xdg").path
        defer { try? FileManager.default.removeItem(at: corpus); try? FileManager.default.removeItem(atPath: xdg) }
        let before = try screen(corpus, cache: xdg)
        #expect(before.status == 0)
        _ = try screen(corpus, cache: xdg)  // warm
        // Every "Harbin" of one file becomes "Harbjn": same size, the search finds fewer matches.
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
        let file = try #require(names.map { corpus.appendingPathComponent($0) }
            .first { (try? String(contentsOf: $0, encoding: .utf8))?.contains("Harbin") ?? false })
        let oldDate = try #require(mtime(file.path))
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "Harbin", with: "Harbjn").utf8).write(to: file)
        if kind == "mtime-restored" {
            try FileManager.default.setAttributes([.modificationDate: oldDate], ofItemAtPath: file.path)
        } else {
            try backdate(file.path, seconds: 1800)
        }
        let after = try screen(corpus, cache: xdg)
        let reference = try uncached(corpus)
        #expect(reference.stdout != before.stdout, "the change must show on the screen")
        #expect(after.status == 0 && after.stdout == reference.stdout, "\(kind)")
    }

    @Test("a damaged or truncated snapshot (the explorer's or the corpus') is rebuilt silently; a cache folder that cannot be written still works, said once",
          arguments: ["flip", "truncate", "flip-corpus", "truncate-corpus", "unwritable"])
    func badSnapshot(_ kind: String) throws {
        let copies = ["flip": 3, "truncate": 4, "unwritable": 5, "flip-corpus": 6, "truncate-corpus": 7]
        let corpus = oldSeedsCopy(copies[kind] ?? 5), xdg = makeTemporaryDirectory("august-e2e-warm-xdg").path
        defer { try? FileManager.default.removeItem(at: corpus); try? FileManager.default.removeItem(atPath: xdg) }
        let reference = try uncached(corpus)
        #expect(reference.status == 0)
        if kind == "unwritable" {
            let blocked = xdg + "/file"
            try Data("x".utf8).write(to: URL(fileURLWithPath: blocked))
            for _ in 0..<2 {
                let r = try screen(corpus, cache: blocked)
                #expect(r.status == 0 && r.stdout == reference.stdout)
                #expect(withoutCacheNote(r.stderr) == withoutCacheNote(reference.stderr))
                let notes = r.stderr.split(separator: "\n").filter { $0.hasPrefix(cacheNotWrittenPrefix) }
                #expect(notes.count == 1 && notes[0].hasSuffix("; working from memory"), "\(r.stderr)")
            }
            return
        }
        _ = try screen(corpus, cache: xdg)
        let prefix = kind.hasSuffix("-corpus") ? "corpus-" : "snapshot-"
        let name = try #require(cacheNames(xdg).first { $0.hasPrefix(prefix) })
        let path = URL(fileURLWithPath: xdg + "/august/" + name)
        var bytes = try Data(contentsOf: path)
        if kind.hasPrefix("flip") { bytes[bytes.count / 2] ^= 0x10 } else { bytes = bytes.prefix(bytes.count - 7) }
        try bytes.write(to: path)
        let r = try screen(corpus, cache: xdg)
        #expect(r.status == 0 && r.stdout == reference.stdout, "\(kind)")
        #expect(r.stderr == withoutCacheNote(reference.stderr), "\(kind)")
        // Rewritten whole: the next start reads it.
        #expect(try Data(contentsOf: path) != bytes)
        let again = try screen(corpus, cache: xdg)
        #expect(again.stdout == reference.stdout)
    }
}
