import Foundation
import Testing

private let seedsPath = repoRoot.appendingPathComponent("seeds").path
private let mapGoldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
private let updateGoldens = ProcessInfo.processInfo.environment["AUGUST_UPDATE_GOLDENS"] == "1"

/// `august map` through the binary: goldens of the seeds at two sizes, braille and ASCII (regenerate
/// with `AUGUST_UPDATE_GOLDENS=1 swift test --filter MapCommandTests`, then review the diff by eye).
@Suite("map command (binary)")
struct MapCommandTests {
    static let utf8 = ["LC_ALL": "C.UTF-8"]

    @Test(arguments: ["100x30", "200x50"], [false, true])
    func screens(size: String, ascii: Bool) throws {
        let r = try runAugust(["map", "--corpus", seedsPath, "--size", size] + (ascii ? ["--ascii"] : []), env: Self.utf8)
        #expect(r.status == 0, "\(r.stderr)")
        let (w, h) = (Int(size.split(separator: "x")[0])!, Int(size.split(separator: "x")[1])!)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == h + 1, "h rows and a legend")
        // Plain text: no escape or control byte, every row exactly w columns (braille and the markers are one column each).
        #expect(!r.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
        for line in lines.prefix(h) {
            let cols = line.unicodeScalars.reduce(0) { n, s in n + ((0x1100...0x115F).contains(s.value) || (0x2E80...0xA4CF).contains(s.value) || (0xAC00...0xD7A3).contains(s.value) || (0xF900...0xFAFF).contains(s.value) || (0xFF00...0xFF60).contains(s.value) ? 2 : 1) }
            #expect(cols == w)
        }
        if ascii { #expect(r.stdout.unicodeScalars.allSatisfy { $0.isASCII }) }
        // A reader's first checks: the big places of the seeds are named, and the axes' days are in the legend.
        #expect(r.stdout.contains("Harbin") && r.stdout.contains("Vladivostok"))
        #expect(lines.last!.contains("all days") && lines.last!.contains("fronts:"))
        let file = mapGoldens.appendingPathComponent("map-\(ascii ? "ascii" : "braille")-\(size).txt")
        if updateGoldens {
            try FileManager.default.createDirectory(at: mapGoldens, withIntermediateDirectories: true)
            try r.stdout.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        if expected != r.stdout {
            let a = expected.components(separatedBy: "\n"), b = r.stdout.components(separatedBy: "\n")
            let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("\(file.lastPathComponent) differs at line \(i + 1) (AUGUST_UPDATE_GOLDENS=1 regenerates):\n  golden: \(i < a.count ? a[i] : "(end)")\n  now:    \(i < b.count ? b[i] : "(end)")")
        }
    }

    @Test func aDayBeforeTheCampaignShowsNothingReached() throws {
        let all = try runAugust(["map", "--corpus", seedsPath, "--ascii", "--size", "100x30"])
        let before = try runAugust(["map", "--corpus", seedsPath, "--ascii", "--size", "100x30", "--day", "1900-01-01"])
        #expect(all.status == 0 && before.status == 0)
        let map = { (s: String) in s.split(separator: "\n").dropLast().joined(separator: "\n") }
        #expect(map(all.stdout).contains("*"))
        #expect(!map(before.stdout).contains("*"), "no leg reached before the first day")
        #expect(before.stdout.split(separator: "\n").last!.contains("day 1900-01-01: 0 of"))
    }

    @Test func badArgumentsAreOneLineAndExit2() throws {
        for args in [["--day", "1945-13-01"], ["--day", "yesterday"], ["--size", "100"], ["--size", "0x10"], ["--size", "100x30x2"]] {
            let r = try runAugust(["map", "--corpus", seedsPath] + args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.hasPrefix("august: "), "\(args): \(r.stderr)")
        }
    }

    @Test func aCorpusWithNoPlaceDrawsTheBasemapAndSaysSo() throws {
        let dir = makeTemporaryDirectory("august-map-empty")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "A letter about the weather and the harvest, and nothing else.\n".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let r = try runAugust(["map", "--corpus", dir.path, "--size", "100x30", "--ascii"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 31)
        #expect(lines.last!.contains("the texts name no place the map can show"))
        #expect(lines.prefix(30).filter { $0.contains("-") || $0.contains("|") }.count > 10, "the coasts are drawn")
    }
}
