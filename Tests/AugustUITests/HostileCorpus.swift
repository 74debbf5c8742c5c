import Foundation

/// A folder of everything a stranger's corpus can throw at `august`, built on disk by the tests
/// (nothing binary is committed). Shared by AugustCoreTests and EndToEndTests (symlinked there).
///
/// Every hostile file that can be loaded contains the word `harbin`, so a search shows which were
/// loaded. `expected` lists what must happen to each.
struct HostileCorpus {
    let root: URL

    enum Outcome: Equatable { case loaded, skipped }
    /// Relative path (as `august` names it) → loaded or skipped with a warning naming it.
    let expected: [String: Outcome]

    /// Bytes of the file on one line (20 MB).
    static let hugeLineBytes = 20_000_000
    /// The word that only the huge line contains, once, at its very end.
    static let hugeLineMarker = "zeppelinmarker"
    static let longWordLength = 100_000
    static let depth = 50
    /// Name with an escape sequence that would set the terminal's title.
    static let escapeName = "\u{1B}]0;pwned\u{07}title.txt"
    /// Name whose bytes are not UTF-8 (`bad\xFF\xFEname.txt`); shown with U+FFFD.
    static let invalidNameBytes: [UInt8] = Array("bad".utf8) + [0xFF, 0xFE] + Array("name.txt".utf8)
    static var invalidNameShown: String { "bad\u{FFFD}\u{FFFD}name.txt" }

    /// Sentences with terminal escapes, C1 controls and bidi overrides inside them.
    static let escapeText = [
        "Harbin cleared\u{1B}[2J the screen.",
        "Harbin set the title\u{1B}]0;title\u{07} of the window.",
        "Harbin wrote the clipboard\u{1B}]52;c;cm0gLXJmIH4K\u{07} quietly.",
        "Harbin used a C1 CSI \u{9B}31m and an OSC \u{9D}0;x\u{9C} here.",
        "Harbin \u{202E}reversed\u{202C} and \u{2066}isolated\u{2069} text, a bell\u{07} and a DEL\u{7F} and a backspace\u{08}.",
    ].joined(separator: "\n") + "\n"

    /// Dated sentences whose events, places and titles carry escapes, C1 controls, bidi overrides
    /// and wide CJK: written by the explorer tests (as `events-hostile.txt`) so that the hostile
    /// text reaches the timeline, the fronts and the source pane, not only the passages.
    static let eventText = [
        "Section I The \u{1B}]0;pwned\u{07}campaign\u{1B}[2J in the east",
        "",
        "On August 9, 1945, the Soviet armies crossed\u{1B}[2J the border near Manzhouli\u{1B}]0;pwned\u{07} and the Kwantung Army fell back from Hailar.",
        "",
        "On August 10, 1945, the clipboard\u{1B}]52;c;cm0gLXJmIH4K\u{07} of Mukden\u{9B}31m fell \u{202E}reversed\u{202C} with a bell\u{07}, a DEL\u{7F} and a BS\u{08}.",
        "",
        "On August 11, 1945, 哈尔滨 and 牡丹江 (漢字漢字 wide text) were reached by the 1st Far Eastern Front at Mudanjiang\u{9D}0;x\u{9C}.",
        "",
        "On August 19, 1945, the Kwantung Army surrendered at Harbin\u{1B}Ptmux;\u{1B}\u{1B}]52;c;eA==\u{07}\u{1B}\\ to the Soviet armies.",
        "",
        "\u{1B}[?1049l\u{1B}[?25h\u{1B}c On September 2, 1945 Japan signed\u{1B}]2;title two\u{1B}\\ the instrument of surrender.",
    ].joined(separator: "\n") + "\n"

    static func build(in parent: URL, huge: Bool = true) throws -> HostileCorpus {
        let fm = FileManager.default
        let root = parent.appendingPathComponent("hostile")
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        var expected: [String: Outcome] = [:]
        func write(_ name: String, _ bytes: [UInt8], _ outcome: Outcome) throws {
            try Data(bytes).write(to: root.appendingPathComponent(name))
            expected[name] = outcome
        }
        func write(_ name: String, _ text: String, _ outcome: Outcome = .loaded) throws {
            try write(name, Array(text.utf8), outcome)
        }

        try write("invalid-utf8.txt", Array("Harbin fell ".utf8) + [0xFF, 0xFE] + Array(" in August ".utf8) + [0xC3, 0x28, 0x2E, 0x0A], .loaded)
        try write("nul.txt", Array("Harbin\u{0}binary".utf8), .skipped)
        try write("empty.txt", [], .skipped)
        try write("blank-lines.txt", "\n\r\n   \n\t\n", .skipped)
        try write("crlf.txt", "Harbin with CRLF\r\nsecond line\r\n")
        try write("lone-cr.txt", "Harbin with CR\rsecond line\rthird")
        try write("bom.txt", [0xEF, 0xBB, 0xBF] + Array("Harbin after a BOM\n".utf8), .loaded)
        try write("escapes.txt", escapeText)
        try write("long-word.txt", String(repeating: "w", count: longWordLength) + " Harbin\n")
        try write("with space.txt", "Harbin in a file with a space\n")
        try write("quote\"s 'single' `back`.txt", "Harbin in a file with quotes\n")
        try write("Харбин 哈尔滨 é.txt", "Harbin in a file with a non-ASCII name\n")
        try write(escapeName, "Harbin in a file whose name holds an escape\n")
        // A String path cannot hold these bytes: create the file through the C API.
        try writeFile(pathBytes: Array(root.path.utf8) + [0x2F] + invalidNameBytes,
                      Array("Harbin in a file whose name is not UTF-8\n".utf8))
        expected[invalidNameShown] = .loaded

        if huge {
            // 20 MB on one line: words and punctuation, the marker once at the end.
            let unit = Array("Soviet tanks crossed the Greater Khingan, 1945; ".utf8)
            var bytes = [UInt8]()
            bytes.reserveCapacity(hugeLineBytes + 64)
            while bytes.count + unit.count < hugeLineBytes { bytes += unit }
            bytes += Array(" \(hugeLineMarker) Harbin".utf8)
            try write("huge-line.txt", bytes, .loaded)
        }

        // 50 folders deep.
        var deep = root
        var rel = ""
        for i in 1...depth {
            deep.appendPathComponent(String(format: "d%02d", i))
            rel += String(format: "d%02d/", i)
        }
        try fm.createDirectory(at: deep, withIntermediateDirectories: true)
        try Data("Harbin fifty folders down\n".utf8).write(to: deep.appendingPathComponent("deep.txt"))
        expected[rel + "deep.txt"] = .loaded

        // Symbolic links: a loop back to the root, a two-link cycle, a dangling link, a link out.
        try fm.createSymbolicLink(atPath: root.path + "/loop", withDestinationPath: ".")
        expected["loop"] = .skipped
        try fm.createSymbolicLink(atPath: root.path + "/cycle-a.txt", withDestinationPath: "cycle-b.txt")
        try fm.createSymbolicLink(atPath: root.path + "/cycle-b.txt", withDestinationPath: "cycle-a.txt")
        expected["cycle-a.txt"] = .skipped
        expected["cycle-b.txt"] = .skipped
        try fm.createSymbolicLink(atPath: root.path + "/dangling.txt", withDestinationPath: "no-such-file.txt")
        expected["dangling.txt"] = .skipped
        try fm.createSymbolicLink(atPath: root.path + "/outside", withDestinationPath: "/")
        expected["outside"] = .skipped

        // Unreadable, even for root (chmod 000 does not stop root): a FIFO named .txt (opening it
        // for reading would block), and a link to /proc/self/mem, whose read fails with EIO.
        guard mkfifo(root.path + "/fifo.txt", 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
        expected["fifo.txt"] = .skipped
        try fm.createSymbolicLink(atPath: root.path + "/proc-mem.txt", withDestinationPath: "/proc/self/mem")
        expected["proc-mem.txt"] = .skipped
        // Where the tests do not run as root, plain permissions work too.
        if getuid() != 0 {
            try write("no-permission.txt", "Harbin unreadable\n", .skipped)
            chmod(root.path + "/no-permission.txt", 0)
        }
        // A sparse file bigger than the size limit (300 MB that take no disk): refused, not read.
        let sparse = open(root.path + "/sparse-300mb.txt", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard sparse >= 0, ftruncate(sparse, 300 << 20) == 0 else { throw CocoaError(.fileWriteUnknown) }
        close(sparse)
        expected["sparse-300mb.txt"] = .skipped
        // A folder named like a text file is read as a folder.
        try fm.createDirectory(at: root.appendingPathComponent("folder.txt"), withIntermediateDirectories: true)
        try Data("Harbin inside a folder named .txt\n".utf8).write(to: root.appendingPathComponent("folder.txt/inner.txt"))
        expected["folder.txt/inner.txt"] = .loaded
        return HostileCorpus(root: root, expected: expected)
    }

    static func writeFile(pathBytes: [UInt8], _ content: [UInt8]) throws {
        let path = pathBytes.map { CChar(bitPattern: $0) } + [0]
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        guard content.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == content.count else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    var loadedNames: [String] { expected.filter { $0.value == .loaded }.map(\.key).sorted() }
    var skippedNames: [String] { expected.filter { $0.value == .skipped }.map(\.key).sorted() }
}

/// True when `text` holds a scalar that would act on a terminal: C0 (but `\n`), DEL, C1, bidi
/// embeddings/overrides/isolates/marks, line and paragraph separators.
func containsTerminalControl(_ text: String, allowing allowed: Set<Unicode.Scalar> = ["\n"]) -> Unicode.Scalar? {
    for s in text.unicodeScalars where !allowed.contains(s) {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029:
            return s
        default: continue
        }
    }
    return nil
}
