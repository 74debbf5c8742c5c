import Foundation
import Testing

/// A corpus big enough that building its index takes a while (so concurrent builds overlap):
/// the seeds copied 30 times under different names.
private let biggerCorpus: URL = {
    let dir = makeTemporaryDirectory("august-e2e-bigger")
    let seeds = repoRoot.appendingPathComponent("seeds")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []
    for copy in 0..<30 {
        for name in names where name.hasSuffix(".txt") {
            try? FileManager.default.copyItem(at: seeds.appendingPathComponent(name),
                                              to: dir.appendingPathComponent("copy\(copy)-\(name)"))
        }
    }
    return dir
}()

private let queryArgs = ["search", "kwantung army", "--json"]

/// The answer with no cache at all (a cache folder that cannot exist).
private let reference: String = {
    let blocker = makeTemporaryDirectory("august-e2e-nocache").appendingPathComponent("file")
    try? Data("x".utf8).write(to: blocker)
    let r = try! runAugust(queryArgs + ["--corpus", biggerCorpus.path], env: ["XDG_CACHE_HOME": blocker.path])
    precondition(r.status == 0, r.stderr)
    return r.stdout
}()

/// Start the binary without waiting.
private func start(_ args: [String], cache: String) throws -> (Process, URL) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: augustBinary)
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["XDG_CACHE_HOME"] = cache
    p.environment = env
    let out = makeTemporaryDirectory("august-e2e-out").appendingPathComponent("out")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    p.standardOutput = try FileHandle(forWritingTo: out)
    p.standardError = FileHandle.nullDevice
    try p.run()
    return (p, out)
}

/// The files of the cache folder, without the index's seal (`X.sqlite.seal`: the index file's
/// stat recorded once it was sealed, so that the next open can skip the full check) — but a seal
/// without its index, or one left half-written, is listed.
private func cacheFiles(_ xdg: String) -> [String] {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: xdg + "/august")) ?? []).sorted()
    return names.filter { !($0.hasSuffix(".sqlite.seal") && names.contains(String($0.dropLast(".seal".count)))) }
}

/// True when the cache folder holds exactly one index, one corpus snapshot and one stat manifest
/// (what one search leaves), and nothing else.
private func oneOfEach(_ all: [String]) -> Bool {
    let files = all.filter { !$0.hasPrefix("aliases-") }  // the other names for search, from the curated data
    return files.count == 3 && files.filter { $0.hasSuffix(".sqlite") }.count == 1
        && files.filter { $0.hasPrefix("corpus-") && $0.hasSuffix(".bin") }.count == 1
        && files.filter { $0.hasPrefix("manifest-") && $0.hasSuffix(".bin") }.count == 1
}

/// The index file among the cache files.
private func indexFile(_ xdg: String) -> String {
    xdg + "/august/" + (cacheFiles(xdg).first { $0.hasSuffix(".sqlite") } ?? "none")
}

/// Mounting a tmpfs needs root (or CAP_SYS_ADMIN); where it fails, those tests are skipped.
private let canMount: Bool = {
    let dir = makeTemporaryDirectory("august-e2e-mount-probe").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    guard (try? runProgram("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]))?.status == 0 else { return false }
    _ = try? runProgram("/bin/umount", [dir])
    return true
}()

private func mount(_ dir: String, _ options: String) throws {
    let r = try runProgram("/bin/mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir])
    guard r.status == 0 else { throw CocoaError(.fileWriteUnknown) }
}

@Suite("Cache through the binary: concurrent starts, full disk, read-only folder", .serialized)
struct CacheE2ETests {

    @Test("two searches started at once on the same new corpus and empty cache: both right, one valid cache, no leftovers")
    func concurrentStarts() throws {
        for round in 0..<3 {
            let xdg = makeTemporaryDirectory("august-e2e-race").path
            defer { try? FileManager.default.removeItem(atPath: xdg) }
            let runs = try (0..<2).map { _ in try start(queryArgs + ["--corpus", biggerCorpus.path], cache: xdg) }
            for (p, _) in runs { p.waitUntilExit() }
            for (p, out) in runs {
                #expect(p.terminationStatus == 0, "round \(round)")
                #expect(String(decoding: try Data(contentsOf: out), as: UTF8.self) == reference, "round \(round)")
            }
            let files = cacheFiles(xdg)
            #expect(oneOfEach(files), "round \(round): \(files)")
            // The cache left is valid: the next run uses it without rewriting it.
            let path = indexFile(xdg)
            let before = try FileManager.default.attributesOfItem(atPath: path)
            let again = try runAugust(queryArgs + ["--corpus", biggerCorpus.path], env: ["XDG_CACHE_HOME": xdg])
            #expect(again.status == 0 && again.stdout == reference)
            let after = try FileManager.default.attributesOfItem(atPath: path)
            #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int, "not rebuilt")
        }
    }

    @Test("the disk fills up while the cache is written (a 32 KiB tmpfs): right results, no file left behind",
          .enabled(if: canMount))
    func diskFull() throws {
        let xdg = makeTemporaryDirectory("august-e2e-full").path
        try mount(xdg, "size=32k")
        defer { _ = try? runProgram("/bin/umount", [xdg]); try? FileManager.default.removeItem(atPath: xdg) }
        let r = try runAugust(queryArgs + ["--corpus", biggerCorpus.path], env: ["XDG_CACHE_HOME": xdg])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == reference)
        // Nothing half-written (the small file of other names for search may fit whole).
        #expect(cacheFiles(xdg).allSatisfy { $0.hasPrefix("aliases-") && !$0.contains(".tmp-") }, "\(cacheFiles(xdg))")
    }

    @Test("a read-only cache folder: a good cache in it is used; a damaged one is not trusted",
          .enabled(if: canMount))
    func readOnly() throws {
        let xdg = makeTemporaryDirectory("august-e2e-ro").path
        try mount(xdg, "size=32m")
        defer { _ = try? runProgram("/bin/umount", [xdg]); try? FileManager.default.removeItem(atPath: xdg) }
        let first = try runAugust(queryArgs + ["--corpus", biggerCorpus.path], env: ["XDG_CACHE_HOME": xdg])
        #expect(first.status == 0 && first.stdout == reference)
        #expect(oneOfEach(cacheFiles(xdg)), "\(cacheFiles(xdg))")
        let path = indexFile(xdg)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        try mount(xdg, "remount,ro")
        let ro = try runAugust(queryArgs + ["--corpus", biggerCorpus.path], env: ["XDG_CACHE_HOME": xdg])
        #expect(ro.status == 0 && ro.stdout == reference, "\(ro.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == good)
        // Damage it (read-write for a moment), then read-only again: not trusted, results right.
        try mount(xdg, "remount,rw")
        var damaged = good
        damaged.replaceSubrange((good.count / 2)..<(good.count / 2 + 4096), with: Data(count: 4096))
        try damaged.write(to: URL(fileURLWithPath: path))
        try mount(xdg, "remount,ro")
        let bad = try runAugust(queryArgs + ["--corpus", biggerCorpus.path], env: ["XDG_CACHE_HOME": xdg])
        #expect(bad.status == 0 && bad.stdout == reference, "\(bad.stderr)")
    }

    @Test("killed (SIGKILL) while writing the cache: the next run is right and removes the leftover temporary file")
    func killedWhileBuilding() throws {
        let xdg = makeTemporaryDirectory("august-e2e-killed").path
        defer { try? FileManager.default.removeItem(atPath: xdg) }
        let (p, _) = try start(queryArgs + ["--corpus", biggerCorpus.path], cache: xdg)
        // Wait until the temporary file exists, then kill the process in the middle of the write.
        var sawTemporary = false
        for _ in 0..<4000 where p.isRunning {
            if cacheFiles(xdg).contains(where: { $0.contains(".tmp-") }) { sawTemporary = true; break }
            usleep(2000)
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        try #require(sawTemporary, "the build finished before it could be interrupted")
        #expect(!cacheFiles(xdg).contains { $0.hasSuffix(".sqlite") }, "no final file from a killed build")
        let next = try runAugust(queryArgs + ["--corpus", biggerCorpus.path], env: ["XDG_CACHE_HOME": xdg])
        #expect(next.status == 0 && next.stdout == reference)
        let files = cacheFiles(xdg)
        #expect(oneOfEach(files), "\(files)")
    }

    @Test("a cache folder that cannot be created: right results from memory")
    func missingFolder() throws {
        let dir = makeTemporaryDirectory("august-e2e-blocked")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("x".utf8).write(to: dir.appendingPathComponent("file"))
        let r = try runAugust(queryArgs + ["--corpus", biggerCorpus.path],
                              env: ["XDG_CACHE_HOME": dir.appendingPathComponent("file/below").path])
        #expect(r.status == 0 && r.stdout == reference)
    }
}
