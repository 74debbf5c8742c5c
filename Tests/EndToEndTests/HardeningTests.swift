import Foundation
import Testing

/// The hostile corpus, built once for this suite (with the 20 MB line).
private let hostileCorpus: HostileCorpus = try! HostileCorpus.build(in: makeTemporaryDirectory("august-e2e-hostile"))
/// The same without the 20 MB line, for runs through a pty (20 MB through a pty is slow).
private let smallHostileCorpus: HostileCorpus =
    try! HostileCorpus.build(in: makeTemporaryDirectory("august-e2e-hostile-small"), huge: false)

/// The lines of stderr that are warnings naming `file` (as shown, made printable).
private func warnings(_ stderr: String, naming file: String) -> [Substring] {
    stderr.split(separator: "\n").filter { $0.hasPrefix("warning: \(file): ") }
}

/// `name` as `august` prints it: controls replaced by visible placeholders.
private func shown(_ name: String) -> String {
    var v = String.UnicodeScalarView()
    for s in name.unicodeScalars {
        switch s.value {
        case 0x00...0x08, 0x0A...0x1F: v.append(Unicode.Scalar(0x2400 + s.value)!)
        default: v.append(s)
        }
    }
    return String(v)
}

@Suite("Hardening through the binary: hostile corpus, bad queries, control bytes")
struct HardeningCLITests {

    @Test("search over the hostile corpus: exit 0, one warning line per skipped file, no control byte on stdout")
    func searchHostile() throws {
        let h = hostileCorpus
        let r = try runAugust(["search", "harbin", "--corpus", h.root.path, "--limit", "100"])
        #expect(r.status == 0, "\(r.stderr)")
        for name in h.skippedNames {
            #expect(warnings(r.stderr, naming: name).count == 1, "\(name)")
        }
        for line in r.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            #expect(line.hasPrefix("warning: "), "\(line)")
        }
        #expect(containsTerminalControl(r.stderr) == nil, "stderr")
        #expect(containsTerminalControl(r.stdout) == nil, "stdout")
        // Every loaded file is found, under its printable name.
        for name in h.loadedNames {
            #expect(r.stdout.contains("\(shown(name)):"), "\(name)")
        }
        #expect(r.stdout.contains("␛]0;pwned␇title.txt:1: "))
        #expect(r.stdout.contains("Harbin cleared␛[2J the screen."))
        #expect(r.stdout.contains("the clipboard␛]52;c;cm0gLXJmIH4K␇ quietly"))
        #expect(!r.stdout.contains("\u{1B}") && !r.stdout.contains("\u{9B}") && !r.stdout.contains("\u{202E}"))
        #expect(r.stdout.hasSuffix(" passages match\n"))
    }

    @Test("passages over the hostile corpus: every passage on one line, no control byte")
    func passagesHostile() throws {
        let r = try runAugust(["passages", "--corpus", hostileCorpus.root.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(containsTerminalControl(r.stdout, allowing: ["\n", "\t"]) == nil)
        let json = try runAugust(["passages", "--json", "--corpus", hostileCorpus.root.path])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(r.stdout.split(separator: "\n").count == rows.count)
        // --json keeps the text exactly (escaped by JSON), for scripts.
        #expect(rows.contains { ($0["text"] as? String)?.contains("\u{1B}]0;title\u{07}") == true })
    }

    @Test("when stdout is a terminal (a pty through script(1)), only august's own colour codes reach it",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func terminalOutput() throws {
        let dir = smallHostileCorpus.root.path
        for sub in [["search", "harbin", "--limit", "100"], ["passages"], ["events", "--kind", "all"], ["places"], ["units"], ["fronts"]] {
            let command = ([augustBinary] + sub + ["--corpus", dir]).map(shellQuote).joined(separator: " ")
            let r = try runProgram("/usr/bin/script", ["-qec", command + " 2>/dev/null", "/dev/null"])
            #expect(r.status == 0)
            // Remove august's SGR colour codes (ESC [ digits ; m) and the pty's CR before LF.
            let stripped = removingSGR(r.stdout).replacingOccurrences(of: "\r\n", with: "\n")
            #expect(containsTerminalControl(stripped, allowing: ["\n", "\t"]) == nil, "\(sub)")
            if ["search", "passages"].contains(sub[0]) { #expect(stripped.contains("␛]0;pwned␇title.txt"), "\(sub)") }
            if sub[0] == "search" { #expect(Data(r.stdout.utf8).range(of: Data("\u{1B}[1;31mHarbin\u{1B}[0m".utf8)) != nil,
                                            "matches are marked on a terminal") }
        }
    }

    @Test("a folder where nothing can be loaded: the warnings, one error line, exit 2")
    func nothingLoadable() throws {
        let dir = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data().write(to: dir.appendingPathComponent("empty.txt"))
        try Data([0x41, 0x00]).write(to: dir.appendingPathComponent("nul.txt"))
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/dangling.txt", withDestinationPath: "nowhere")
        #expect(mkfifo(dir.path + "/fifo.txt", 0o644) == 0)
        for sub in [["search", "x"], ["passages"]] {
            let r = try runAugust(sub + ["--corpus", dir.path])
            #expect(r.status == 2)
            #expect(r.stdout.isEmpty)
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 5, "\(r.stderr)")
            #expect(lines.dropLast().allSatisfy { $0.hasPrefix("warning: ") })
            #expect(lines.last?.hasPrefix("august: no readable .txt files") == true)
        }
    }

    @Test("a file rewritten while august loads and indexes it: every run consistent, no stale cache afterwards")
    func changingFile() throws {
        let dir = makeTemporaryDirectory("august-e2e-changing")
        let xdg = makeTemporaryDirectory("august-e2e-changing-xdg").path
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(atPath: xdg) }
        try Data("Stable harbin.\n".utf8).write(to: dir.appendingPathComponent("stable.txt"))
        let moving = dir.appendingPathComponent("moving.txt").path
        let versions = [String(repeating: "Alpha harbin line.\n", count: 3000), String(repeating: "Beta mukden line.\n", count: 3000)]
        let stop = SharedFlag()
        let writer = Thread {
            var n = 0
            while !stop.isSet {
                let fd = open(moving, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                let bytes = Array(versions[n % 2].utf8)
                var off = 0
                while off < bytes.count {
                    let len = min(8192, bytes.count - off)
                    _ = bytes[off..<(off + len)].withUnsafeBytes { write(fd, $0.baseAddress, len) }
                    off += len
                }
                close(fd)
                n += 1
            }
        }
        writer.start()
        for _ in 0..<4 {
            let r = try runAugust(["search", "harbin", "--json", "--corpus", dir.path], env: ["XDG_CACHE_HOME": xdg])
            #expect(r.status == 0, "\(r.stderr.prefix(300))")
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let hits = try #require(obj["hits"] as? [[String: Any]])
            #expect(obj["count"] as? Int == hits.count)
            #expect(hits.allSatisfy { ($0["text"] as? String)?.lowercased().contains("harbin") == true })
        }
        stop.set()
        while !writer.isFinished { usleep(1000) }
        try Data(String(repeating: "Gamma harbin row.\n", count: 7).utf8).write(to: URL(fileURLWithPath: moving))
        let final = try runAugust(["search", "harbin", "--json", "--corpus", dir.path], env: ["XDG_CACHE_HOME": xdg])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(final.stdout.utf8)) as? [String: Any])
        #expect(obj["count"] as? Int == 8, "7 rows of the final version and the stable file")
    }

    static let badQueries: [String] = [
        "\"unbalanced", "harbin \"kwantung army", "“curly", "OR", "harbin OR", "OR harbin", "a OR OR b", "*", "**", "-",
        "-harbin", "- - -", "!!! ??? ...", "\"\"", "\" \"", "\"!!!\"", "(((", "\u{1}\u{2}", "\u{1B}\u{07}",
        "\"\u{1B}\u{07}\"*", "\u{202E}", String(repeating: "a", count: 10_000), String(repeating: "\"", count: 9_999),
        String(repeating: "é", count: 1_001), "-\"kwantung army\"",
    ]

    @Test("bad queries: one line on stderr saying what is wrong, nothing on stdout, exit 2", arguments: badQueries)
    func badQuery(_ q: String) throws {
        let r = try runAugust(["search", "--", q])
        #expect(r.status == 2, "\(r.stdout.prefix(200)) \(r.stderr.prefix(200))")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("august: bad query: "), "\(r.stderr.prefix(200))")
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.hasSuffix("\n"), "\(r.stderr.prefix(200))")
        #expect(containsTerminalControl(r.stderr) == nil)
        #expect(r.stderr.count < 300, "the message does not echo a huge query")
    }
}

/// `text` without SGR sequences (ESC [ digits and semicolons m): august's own colours.
func removingSGR(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
        if scalars[i] == "\u{1B}", i + 1 < scalars.count, scalars[i + 1] == "[" {
            var j = i + 2
            while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ";" { j += 1 }
            if j < scalars.count, scalars[j] == "m" { i = j + 1; continue }
        }
        out.append(scalars[i])
        i += 1
    }
    return String(out)
}

func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

/// Run any program, output to files (never a full pipe).
func runProgram(_ path: String, _ args: [String], env: [String: String] = [:]) throws -> RunResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_CACHE_HOME"] = sharedCacheHome
    environment.removeValue(forKey: "NO_COLOR")
    for (k, v) in env { environment[k] = v }
    p.environment = environment
    let tmp = makeTemporaryDirectory("august-run")
    defer { try? FileManager.default.removeItem(at: tmp) }
    let outURL = tmp.appendingPathComponent("out"), errURL = tmp.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    try out.close()
    try err.close()
    return RunResult(status: p.terminationStatus,
                     stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                     stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// A flag set by the test and read by a writer thread.
final class SharedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}
