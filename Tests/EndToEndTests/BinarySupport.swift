import Foundation

/// The repository root, found from this file's path.
let repoRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    fatalError("repository root not found above \(#filePath)")
}()

/// The `august` binary under test: `$AUGUST_BIN` (set by `make test`), else the debug build.
let augustBinary: String = {
    if let bin = ProcessInfo.processInfo.environment["AUGUST_BIN"], !bin.isEmpty { return bin }
    return repoRoot.appendingPathComponent(".build/debug/august").path
}()

struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Run the binary with arguments; `cwd` defaults to the repository root, the cache to a private folder.
func runAugust(_ args: [String], env: [String: String] = [:], cwd: URL? = nil, stdin: Data? = nil) throws -> RunResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: augustBinary)
    p.arguments = args
    p.currentDirectoryURL = cwd ?? repoRoot
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_CACHE_HOME"] = sharedCacheHome
    environment["XDG_DATA_HOME"] = sharedDataHome   // bookmarks: never the user's own
    environment.removeValue(forKey: "AUGUST_CORPUS")
    for (k, v) in env { environment[k] = v }
    p.environment = environment
    // Output goes to files: no pipe can fill up and block the child.
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("august-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: tmp) }
    let outURL = tmp.appendingPathComponent("out"), errURL = tmp.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    let input = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = input
    try p.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    p.waitUntilExit()
    try out.close()
    try err.close()
    let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
    return RunResult(status: p.terminationStatus,
                     stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData, as: UTF8.self))
}

/// One data folder (bookmarks) for this test process.
let sharedDataHome: String = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("august-e2e-data-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}()

/// One cache folder for this test process, so runs do not touch the user's cache.
let sharedCacheHome: String = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("august-e2e-cache-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}()

func makeTemporaryDirectory(_ name: String = "august-e2e") -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("\(name)-\(getpid())-\(UUID().uuidString.prefix(8))")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The line a run prints once when its cache folder cannot be written.
let cacheNotWrittenPrefix = "august: cache not written: "

/// stderr without that line (two runs whose cache folders differ say it with different paths).
func withoutCacheNote(_ stderr: String) -> String {
    stderr.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.hasPrefix(cacheNotWrittenPrefix) }.joined(separator: "\n")
}
