import Foundation
import Testing
@testable import AugustCore
@testable import AugustSearch

/// The hostile corpus, built once for this suite (20 MB line included).
private let hostile: (corpus: HostileCorpus, loaded: Corpus) = {
    let parent = temporaryDirectory("august-hostile")
    let h = try! HostileCorpus.build(in: parent)
    let c = try! Corpus.load(directory: h.root)
    return (h, c)
}()

@Suite("Hostile corpus: every file loaded or skipped with one warning naming it")
struct HostileCorpusTests {

    @Test("each hostile file is loaded, or skipped with exactly one one-line warning that names it")
    func loadedOrSkipped() throws {
        let (h, c) = hostile
        #expect(Set(c.documents.map(\.id)) == Set(h.loadedNames))
        for name in h.skippedNames {
            let ws = c.warnings.filter { $0.file == name }
            #expect(ws.count == 1, "\(name): \(ws)")
        }
        for w in c.warnings {
            #expect(!w.description.contains("\n") && !w.description.contains("\r"), "\(w)")
            #expect(h.expected[w.file] != nil, "warning for a file that is fine: \(w)")
        }
        // Loaded with a warning: the file whose bytes are not UTF-8.
        #expect(c.warnings.contains { $0.file == "invalid-utf8.txt" && $0.message.contains("UTF-8") })
        #expect(c.document(id: "invalid-utf8.txt")?.passages.first?.text == "Harbin fell \u{FFFD}\u{FFFD} in August \u{FFFD}(.")
    }

    @Test("line ends, BOM and escapes: passage texts are the lines, without CR, BOM or line-end bytes")
    func passageTexts() throws {
        let c = hostile.loaded
        #expect(c.document(id: "crlf.txt")?.passages.map(\.text) == ["Harbin with CRLF", "second line"])
        #expect(c.document(id: "lone-cr.txt")?.passages.map(\.text) == ["Harbin with CR", "second line", "third"])
        #expect(c.document(id: "bom.txt")?.passages.map(\.text) == ["Harbin after a BOM"])
        #expect(c.document(id: "escapes.txt")?.passages.map(\.text)
                == HostileCorpus.escapeText.split(separator: "\n").map(String.init))
        let huge = try #require(c.document(id: "huge-line.txt"))
        #expect(huge.passages.count == 1 && huge.lineCount == 1)
        #expect(huge.passages[0].text.utf8.count > HostileCorpus.hugeLineBytes - 100)
        #expect(huge.title.count <= 101)
        let word = try #require(c.document(id: "long-word.txt"))
        #expect(word.passages[0].text.unicodeScalars.count == HostileCorpus.longWordLength + 7)
        #expect(word.title.count <= 101)
        // Titles are for display: they carry no control character (SafeText makes them printable).
        for d in c.documents {
            #expect(containsTerminalControl(SafeText.printable(d.title)) == nil)
        }
    }

    @Test("the search index over the hostile corpus agrees with a plain scan, the 20 MB line included")
    func searchAgreesWithScan() throws {
        let c = hostile.loaded
        let index = try SearchIndex(corpus: c, cacheDirectory: nil)
        let tokens = c.passages.map { Tokenizer.tokens($0.text) }
        for q in ["harbin", "zeppelinmarker", "www*", "title", "clipboard", "reversed isolated", "\"second line\"",
                  "harbin -screen", "khingan"] {
            let query = try SearchQuery.parse(q)
            let found = try index.matchesInCorpusOrder(query).map(\.passage.id)
            let scanned = c.passages.indices.filter { TermMatcher.matches(query, tokens: tokens[$0]) }.map { c.passages[$0].id }
            #expect(found == scanned, "\(q)")
        }
        let marker = try index.search(SearchQuery.parse(HostileCorpus.hugeLineMarker))
        #expect(marker.count == 1)
        let hit = try #require(marker.hits.first)
        #expect(hit.passage.documentID == "huge-line.txt")
        #expect(hit.matches.map { hit.passage.text.scalarSlice($0.lowerBound, $0.upperBound) } == [HostileCorpus.hugeLineMarker])
        // Every loaded file holds "harbin" (the huge line once, at its end).
        let harbin = try index.search(SearchQuery.parse("harbin"))
        #expect(Set(harbin.hits.map(\.passage.documentID)) == Set(hostile.corpus.loadedNames))
    }

    @Test("a file bigger than the limit is skipped with a warning; a folder of only bad files is an error")
    func limits() throws {
        let dir = temporaryDirectory("august-limits")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(repeating: 0x61, count: 5000).write(to: dir.appendingPathComponent("big.txt"))
        try Data("Small.".utf8).write(to: dir.appendingPathComponent("small.txt"))
        let c = try Corpus.load(directory: dir, maxFileBytes: 4096)
        #expect(c.documents.map(\.id) == ["small.txt"])
        #expect(c.warnings.map(\.file) == ["big.txt"])
        #expect(c.warnings.first?.message.contains("larger than") == true)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("small.txt"))
        try Data().write(to: dir.appendingPathComponent("empty.txt"))
        do {
            _ = try Corpus.load(directory: dir, maxFileBytes: 4096)
            Issue.record("a folder of only bad files must not load")
        } catch {
            guard case .empty(let path, let warnings) = error else { Issue.record("\(error)"); return }
            #expect(path == dir.path)
            #expect(warnings.map(\.file) == ["big.txt", "empty.txt"], "the error carries the warnings")
        }
    }

    @Test("folders nested deeper than the limit are skipped with one warning")
    func tooDeep() throws {
        let dir = temporaryDirectory("august-deep")
        defer { try? FileManager.default.removeItem(at: dir) }
        var url = dir
        for i in 1...(FileWalker.maxDepth + 5) { url.appendPathComponent("\(i)") }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data("Too deep.".utf8).write(to: url.appendingPathComponent("x.txt"))
        try Data("Top.".utf8).write(to: dir.appendingPathComponent("top.txt"))
        let c = try Corpus.load(directory: dir)
        #expect(c.documents.map(\.id) == ["top.txt"])
        #expect(c.warnings.count == 1)
        #expect(c.warnings.first?.message.contains("too deep") == true)
    }

    @Test("a linked folder inside the corpus is read once, under its real path; names equal once decoded are not merged")
    func linksAndNames() throws {
        let dir = temporaryDirectory("august-links")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("real"), withIntermediateDirectories: true)
        try Data("Inside.".utf8).write(to: dir.appendingPathComponent("real/x.txt"))
        // "a-link" sorts before "real": the real path must still win.
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/a-link", withDestinationPath: "real")
        try HostileCorpus.writeFile(pathBytes: Array(dir.path.utf8) + Array("/n".utf8) + [0xFF] + Array(".txt".utf8), Array("One.".utf8))
        try HostileCorpus.writeFile(pathBytes: Array(dir.path.utf8) + Array("/n".utf8) + [0xFE] + Array(".txt".utf8), Array("Two.".utf8))
        let c = try Corpus.load(directory: dir)
        #expect(c.documents.map(\.id) == ["n\u{FFFD}.txt", "real/x.txt"])
        #expect(c.warnings.contains { $0.file == "a-link" && $0.message.contains("already read") })
        #expect(c.warnings.contains { $0.file == "n\u{FFFD}.txt" && $0.message.contains("same name") })
        #expect(c.documents[0].passages[0].text == "Two.")  // \xFE sorts before \xFF
    }

    @Test("a file rewritten while the corpus is loaded and indexed: the index always matches what was read")
    func changingFile() throws {
        let dir = temporaryDirectory("august-changing")
        let cache = temporaryDirectory("august-changing-cache").path
        defer {
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(atPath: cache)
        }
        try Data("Stable harbin.".utf8).write(to: dir.appendingPathComponent("stable.txt"))
        let moving = dir.appendingPathComponent("moving.txt").path
        let versions = [String(repeating: "Alpha harbin line.\n", count: 2000),
                        String(repeating: "Beta mukden line.\n\n", count: 3000)]
        try Data(versions[0].utf8).write(to: URL(fileURLWithPath: moving))
        let stop = Atomic(false)
        let writer = Thread {
            var n = 0
            while !stop.value {
                // Not atomic on purpose: truncate, then write in pieces.
                let fd = open(moving, O_WRONLY | O_TRUNC)
                let bytes = Array(versions[n % 2].utf8)
                var off = 0
                while off < bytes.count {
                    let len = min(4096, bytes.count - off)
                    _ = bytes[off..<(off + len)].withUnsafeBytes { write(fd, $0.baseAddress, len) }
                    off += len
                }
                close(fd)
                n += 1
            }
        }
        writer.start()
        defer { stop.value = true }
        for _ in 0..<20 {
            let c = try Corpus.load(directory: dir)
            let index = try SearchIndex(corpus: c, cacheDirectory: cache)
            for q in ["harbin", "mukden", "alpha", "line"] {
                let query = try SearchQuery.parse(q)
                let found = try index.matchesInCorpusOrder(query).map(\.passage.id)
                let scanned = c.passages.filter { TermMatcher.matches(query, tokens: Tokenizer.tokens($0.text)) }.map(\.id)
                #expect(found == scanned, "\(q)")
            }
        }
        stop.value = true
    }
}

/// A flag shared with a writer thread.
final class Atomic<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

@Suite("Tokenizer: the byte-level tokenizer equals the scalar-by-scalar reference")
struct TokenizerEquivalenceTests {
    static let pieces: [String] = [
        "a", "Z", "0", "9", " ", "-", "'", "\u{1B}[2J", "\u{0}", "\u{7F}", "\u{9B}", "é", "e\u{301}", "\u{301}",
        "İ", "ß", "Σ", "ς", "Й", "й", "哈尔滨", "한국", "ﬁ", "Ⅻ", "²", "٣", "\u{E000}", "😀", "👩‍👩‍👧",
        "\u{202E}", "\u{200D}", "\u{FEFF}", "\u{FFFD}", "\r\n", "\n", "\t", "ǅ", "ʰ", "\u{1F1FA}\u{1F1F8}", "𝔄",
    ]

    @Test("same tokens, same offsets on hand-picked and random text")
    func equivalent() {
        var rng = SystemRandomNumberGenerator()
        var inputs = Self.pieces + ["", "Harbin fell, 1945!", "Crème brûlée", "KWANTUNG army's 3rd", String(repeating: "x", count: 5000)]
        for _ in 0..<3000 {
            let n = Int.random(in: 1...12, using: &rng)
            inputs.append((0..<n).map { _ in Self.pieces.randomElement(using: &rng)! }.joined())
        }
        for text in inputs {
            let fast = Tokenizer.tokens(text), reference = ReferenceTokenizer.tokens(text)
            #expect(fast == reference, "\(Array(text.unicodeScalars.map(\.value)))")
            if fast != reference { return }
        }
    }
}

@Suite("Hostile queries: a clear one-line message, never a crash")
struct HostileQueryTests {
    static let bad: [String] = [
        "\"unbalanced", "harbin \"kwantung", "“curly", "OR", "OR OR", "harbin OR", "OR harbin", "a OR OR b", "-a OR b",
        "a OR -b", "*", "***", "-", "- -", "-harbin", "-\"kwantung army\"", "!!! ??? ...", "\"\"", "\" \"", "\"!!!\"",
        "\u{0}", "\u{0}\u{0}\u{0}", "\"\u{0}\"", "\u{1B}\u{07}\u{9B}\u{7F}", "\"\u{1B}\u{07}\u{9B}\"", "\u{202E}\u{2066}",
        "\u{FEFF}", "\u{200B}", String(repeating: "a", count: 10_000), String(repeating: "\"", count: 10_000),
        String(repeating: "-", count: 1_000), String(repeating: "\"" + String(repeating: "!", count: 500), count: 1) + "\"",
        "", " ", "\n\t\r",
    ]

    @Test("each is refused with a message that is one printable line, short, saying what is wrong", arguments: bad)
    func refused(_ text: String) {
        do {
            let q = try SearchQuery.parse(text)
            Issue.record("accepted: \(q.ftsExpression)")
        } catch {
            #expect(!error.message.isEmpty)
            #expect(error.message.unicodeScalars.allSatisfy(SafeText.isSafe), "\(error.message)")
            #expect(error.message.unicodeScalars.count < 200)
        }
    }

    @Test("odd but meaningful queries are accepted and give a valid FTS expression")
    func accepted() throws {
        let index = try SearchIndex(corpus: Corpus(texts: [("a.txt", "Harbin fell.\n\nThe Kwantung Army.")]), cacheDirectory: nil)
        for q in ["harbin\u{0}", "harbin -", "harbin !!!", "(harbin)", "harbin*", "HARBIN", "h*", "\"harbin\"*",
                  String(repeating: "harbin ", count: 140), (1...120).map { "w\($0)" }.joined(separator: " OR "),
                  "NOT harbin", "harbin AND army", "army NEAR harbin", "harbin:fell", "^harbin", "harbin + army"] {
            let query = try SearchQuery.parse(q)
            _ = try index.search(query)   // FTS5 accepts the expression: no syntax error, whatever the input
        }
    }
}

@Suite("Headings and titles: the bounded rules decide like the whole-line ones")
struct BoundedHeadingTests {
    static let pieces = ["Section", "Section IV", "In the", "In the third section", "Chapter 12", "Part", "History",
                         "30/12/19", "(26.7.2024)", "(1.1.45)", " ", "  ", "\t", "\u{A0}", "\u{3000}", "\u{85}", ".", "!",
                         "word", "Harbin", "é", "e\u{301}", "哈尔滨", "\u{1B}", "x", String(repeating: "w", count: 120),
                         String(repeating: "ab ", count: 60), String(repeating: " ", count: 70)]

    @Test("same heading and same title on hand-picked and random lines of every length")
    func equivalent() {
        var rng = SystemRandomNumberGenerator()
        var lines = Self.pieces
        for _ in 0..<1500 {
            let n = Int.random(in: 1...14, using: &rng)
            lines.append((0..<n).map { _ in Self.pieces.randomElement(using: &rng)! }.joined(separator: Bool.random() ? " " : ""))
        }
        for line in lines {
            #expect(Heading.classify(line) == ReferenceHeading.classify(line), "\(Array(line.unicodeScalars.prefix(80)))")
            #expect(Heading.tidyTitle(line) == ReferenceHeading.tidyTitle(line), "\(Array(line.unicodeScalars.prefix(80)))")
            #expect(Heading.tidyTitle(line, limit: Heading.maxHeadingLength)
                    == ReferenceHeading.tidyTitle(line, limit: Heading.maxHeadingLength))
        }
    }
}
