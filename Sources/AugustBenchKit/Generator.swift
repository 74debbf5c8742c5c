import AugustCore
import Foundation

/// Writes a deterministic synthetic corpus by recombining the sentences of seed texts, with dates
/// shifted (keeping each date's surface form), place names swapped, numbers redrawn and a share of
/// invented names, so the vocabulary grows with size as in a real collection. Same seed and source
/// texts → same bytes. Every document carries its own number in its first line: no two are equal.
public struct CorpusGenerator: Sendable {
    /// Bump when the output for a given seed changes (cached corpora are then regenerated).
    public static let version = 1
    public static let manifestName = ".august-bench.json"

    /// Sentences of body paragraphs, as templates.
    let sentences: [Template]
    /// Whole body paragraphs, as lists of sentence templates (kept together now and then for coherence).
    let paragraphs: [[Template]]
    /// Short lines usable as titles.
    let titles: [String]
    /// Fingerprint of the source texts.
    public let sourceFingerprint: String

    public init(sources: Corpus) {
        var sentences: [Template] = []
        var paragraphs: [[Template]] = []
        var titles: [String] = []
        for p in sources.passages {
            let text = p.text.split(separator: "\n").joined(separator: " ")
            if p.isHeading || text.count < 60 {
                let t = text.trimmingCharacters(in: .whitespaces)
                if t.count >= 10, t.count <= 90 { titles.append(t) }
                continue
            }
            let parts = TemplateParser.sentences(text).map(TemplateParser.parse)
            sentences += parts
            paragraphs.append(parts)
        }
        if titles.isEmpty { titles = ["Untitled"] }
        if sentences.isEmpty {
            let t = TemplateParser.parse("On August 9, 1945 the 1st Rifle Division reached Harbin with 4,000 men.")
            sentences = [t]
            paragraphs = [[t]]
        }
        self.sentences = sentences
        self.paragraphs = paragraphs
        self.titles = titles
        self.sourceFingerprint = sources.fingerprint
    }

    /// Parses a size such as `10MB`, `500KB`, `1GB` or a plain byte count (MB = 10^6 bytes).
    public static func parseSize(_ s: String) -> Int? {
        let u = s.uppercased().trimmingCharacters(in: .whitespaces)
        for (suffix, mult) in [("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("K", 1_000), ("M", 1_000_000), ("B", 1)] {
            if u.hasSuffix(suffix), let v = Double(u.dropLast(suffix.count)), v > 0 { return Int(v * Double(mult)) }
        }
        return Int(u).flatMap { $0 > 0 ? $0 : nil }
    }

    public struct Summary: Sendable, Codable, Equatable {
        public var generator: Int
        public var seed: UInt64
        public var size: Int
        public var source: String
        public var files: Int
        public var bytes: Int
    }

    /// The documents of a corpus of about `size` bytes, as (relative path, text), in order.
    /// Documents are 20–100 KB (the last one may be smaller) and are spread over sub-folders of 100.
    public func documents(size: Int, seed: UInt64) -> [(path: String, text: String)] {
        var out: [(String, String)] = []
        forEachDocument(size: size, seed: seed) { out.append(($0, $1)) }
        return out
    }

    /// The same documents one at a time, each handed to `body` and then dropped: what `write` uses,
    /// so that a gigabyte corpus never stands in memory whole (one document, at most ~100 KB, does).
    public func forEachDocument(size: Int, seed: UInt64, _ body: (_ path: String, _ text: String) throws -> Void) rethrows {
        var rng = SplitMix64(seed: seed ^ 0xA0A0_5EED)
        var total = 0
        var n = 0
        while total < size {
            var docRNG = rng.fork()
            let want = min(docRNG.int(20_000...100_000), max(size - total, 2_000))
            let text = document(number: n, targetBytes: want, rng: &docRNG)
            let path = String(format: "part-%03d/doc-%05d.txt", n / 100, n)
            try body(path, text)
            total += text.utf8.count
            n += 1
        }
    }

    /// Writes the corpus into `directory` (created if needed). A folder that holds other files and
    /// no manifest of ours is refused, so a user's texts are never overwritten.
    @discardableResult
    public func write(size: Int, seed: UInt64, to directory: URL) throws -> Summary {
        let fm = FileManager.default
        let manifest = directory.appendingPathComponent(Self.manifestName)
        if let names = try? fm.contentsOfDirectory(atPath: directory.path), !names.isEmpty {
            guard fm.fileExists(atPath: manifest.path) else {
                throw GeneratorError("\(directory.path) is not empty and was not written by august-bench; choose another folder")
            }
            for name in names where name.hasPrefix("part-") || name == Self.manifestName {
                try fm.removeItem(at: directory.appendingPathComponent(name))
            }
        }
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        var bytes = 0
        var files = 0
        try forEachDocument(size: size, seed: seed) { path, text in
            let url = directory.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let data = Data(text.utf8)
            try data.write(to: url)
            bytes += data.count
            files += 1
        }
        let summary = Summary(generator: Self.version, seed: seed, size: size, source: sourceFingerprint,
                              files: files, bytes: bytes)
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        try enc.encode(summary).write(to: manifest)
        return summary
    }

    /// The summary of a corpus written earlier into `directory`, if it has one.
    public static func existing(in directory: URL) -> Summary? {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent(manifestName)) else { return nil }
        return try? JSONDecoder().decode(Summary.self, from: data)
    }

    // MARK: one document

    enum Style: CaseIterable { case chapter, blog, wrapped, lines }

    /// Per-document shifts, so a document's dates move together and stay consistent with each other.
    struct Shift {
        var years: Int
        var days: Int
    }

    func document(number: Int, targetBytes: Int, rng: inout SplitMix64) -> String {
        let style = rng.pick(Style.allCases)
        var shift = Shift(years: rng.chance(0.5) ? 0 : rng.int(-12...12), days: rng.int(-25...25))
        var out = "\(rng.pick(Vocabulary.titleWords)) \(number + 1): \(rng.pick(titles))\n\n"
        var paragraphsSinceHeading = 0
        var section = 1
        var headingEvery = rng.int(4...12)
        var stampYear = rng.int(2012...2025)
        while out.utf8.count < targetBytes {
            if style == .blog, paragraphsSinceHeading == 0 || paragraphsSinceHeading >= headingEvery {
                // A new post: a headline with a publication stamp or a dateline, and new date shifts.
                let d = rng.int(1...28), m = rng.int(1...12)
                stampYear += rng.int(0...1)
                let title = rng.pick(titles).trimmingCharacters(in: CharacterSet(charactersIn: ".!?( "))
                if rng.chance(0.7) {
                    out += "\(title) (\(d).\(m).\(stampYear))\n\n"
                } else {
                    out += "History \(pad2(d))/\(pad2(m))/\(pad2(stampYear % 100)) \(title)\n\n"
                }
                shift = Shift(years: rng.chance(0.5) ? 0 : rng.int(-12...12), days: rng.int(-25...25))
                paragraphsSinceHeading = 0
                headingEvery = rng.int(3...10)
            } else if style == .chapter, paragraphsSinceHeading >= headingEvery {
                out += "Section \(roman(section)) \(rng.pick(titles))\n\n"
                section += 1
                paragraphsSinceHeading = 0
                headingEvery = rng.int(6...16)
            }
            let para = paragraph(rng: &rng, shift: shift)
            switch style {
            case .wrapped:
                out += wrap(para, width: rng.int(60...78)) + "\n\n"
            case .lines:
                out += para + "\n"
            case .chapter, .blog:
                out += para + "\n\n"
            }
            paragraphsSinceHeading += 1
        }
        return out
    }

    func paragraph(rng: inout SplitMix64, shift: Shift) -> String {
        var parts: [Template]
        if rng.chance(0.3), !paragraphs.isEmpty {
            parts = rng.pick(paragraphs)
        } else {
            parts = (0..<rng.int(2...7)).map { _ in rng.pick(sentences) }
        }
        var text = ""
        for t in parts {
            if !text.isEmpty, !text.hasSuffix(" ") { text += " " }
            text += render(t, rng: &rng, shift: shift)
        }
        if rng.chance(0.35) {
            text += " " + syntheticSentence(rng: &rng, shift: shift)
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    func render(_ t: Template, rng: inout SplitMix64, shift: Shift) -> String {
        var s = ""
        for seg in t.segments {
            switch seg {
            case .literal(let l):
                s += l
            case .monthDayYear(let m, let d, let y):
                let (yy, mm, dd) = Calendar1945.add(days: shift.days, to: (y + shift.years, m, d))
                s += "\(Vocabulary.months[mm - 1]) \(dd), \(yy)"
            case .dayMonthYear(let d, let m, let y):
                let (yy, mm, dd) = Calendar1945.add(days: shift.days, to: (y + shift.years, m, d))
                s += "\(dd) \(Vocabulary.months[mm - 1]) \(yy)"
            case .monthYear(let m, let y):
                let (yy, mm, _) = Calendar1945.add(days: shift.days, to: (y + shift.years, m, 15))
                s += "\(Vocabulary.months[mm - 1]) \(yy)"
            case .monthDay(let m, let d):
                let (_, mm, dd) = Calendar1945.add(days: shift.days, to: (1945 + shift.years, m, d))
                s += "\(Vocabulary.months[mm - 1]) \(dd)"
            case .onTheDay(let prefix, let d):
                let dd = ((d - 1 + shift.days) % 28 + 28) % 28 + 1
                s += "\(prefix)\(ordinal(dd))"
            case .stamp:
                s += "(\(rng.int(1...28)).\(rng.int(1...12)).\(rng.int(2010...2025)))"
            case .slashDate:
                s += "\(pad2(rng.int(1...28)))/\(pad2(rng.int(1...12)))/\(pad2(rng.int(10...25)))"
            case .year(let y):
                s += String(y + shift.years)
            case .number(let digits, let grouped):
                s += number(digits: digits, grouped: grouped, rng: &rng)
            case .place(let p):
                s += rng.chance(0.6) ? rng.pick(Vocabulary.places) : p
            }
        }
        return s
    }

    /// A sentence written here (not from the seeds): invented commanders and units, places, dates
    /// in the forms the seeds use, so extraction and linking have fresh material in every document.
    func syntheticSentence(rng: inout SplitMix64, shift: Shift) -> String {
        let (y, m, d) = Calendar1945.add(days: shift.days + rng.int(-10...20), to: (1945 + shift.years, 8, 9))
        let month = Vocabulary.months[m - 1]
        let name = inventedName(rng: &rng)
        let unit = "\(ordinal(rng.int(1...400))) \(rng.pick(Vocabulary.units))"
        let p1 = rng.pick(Vocabulary.places), p2 = rng.pick(Vocabulary.places)
        switch rng.int(0...5) {
        case 0: return "On \(month) \(d), \(y), the \(unit) under \(name) advanced from \(p1) toward \(p2), covering \(rng.int(12...240)) kilometres."
        case 1: return "\(name) reported that \(number(digits: rng.int(3...5), grouped: true, rng: &rng)) soldiers had reached \(p1) by the \(ordinal(d))."
        case 2: return "In \(month) \(y), the garrison at \(p1) numbered \(number(digits: 4, grouped: rng.chance(0.5), rng: &rng)) men."
        case 3: return "At \(rng.int(0...23)):\(pad2(rng.int(0...59))) on \(month) \(d), \(name) ordered the \(unit) to cross the river near \(p1)."
        case 4: return "On \(d) \(month) \(y) \(name) and \(inventedName(rng: &rng)) met at \(p1) to discuss the surrender of \(p2)."
        default: return "The \(unit) lost \(rng.int(2...90)) tanks between \(p1) and \(p2), \(name) wrote later."
        }
    }

    func inventedName(rng: inout SplitMix64) -> String {
        var w = ""
        for _ in 0..<rng.int(2...3) { w += rng.pick(Vocabulary.syllables) }
        return w.prefix(1).uppercased() + w.dropFirst()
    }

    func number(digits: Int, grouped: Bool, rng: inout SplitMix64) -> String {
        let d = max(1, min(digits, 9))
        let lo = d == 1 ? 0 : Int(pow(10.0, Double(d - 1)))
        let v = rng.int(lo...(Int(pow(10.0, Double(d))) - 1))
        guard grouped, v >= 1000 else { return String(v) }
        var s = String(v)
        var out = ""
        while s.count > 3 {
            out = "," + s.suffix(3) + out
            s = String(s.dropLast(3))
        }
        return s + out
    }
}

public struct GeneratorError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}

/// Hard-wraps a paragraph at `width` columns (at spaces), the way e-texts are often stored.
func wrap(_ text: String, width: Int) -> String {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
        if !line.isEmpty, line.count + 1 + word.count > width {
            lines.append(line)
            line = ""
        }
        line += line.isEmpty ? String(word) : " " + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines.joined(separator: "\n")
}

func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

func ordinal(_ n: Int) -> String {
    let suffix: String
    if (11...13).contains(n % 100) { suffix = "th" } else {
        switch n % 10 { case 1: suffix = "st"; case 2: suffix = "nd"; case 3: suffix = "rd"; default: suffix = "th" }
    }
    return "\(n)\(suffix)"
}

func roman(_ n: Int) -> String {
    let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                  (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    var n = max(1, n), out = ""
    for (v, s) in table { while n >= v { out += s; n -= v } }
    return out
}

/// Proleptic Gregorian day arithmetic, no time zones (Foundation's Calendar is not needed here).
enum Calendar1945 {
    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    static func daysIn(_ m: Int, _ y: Int) -> Int {
        [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }
    static func add(days: Int, to date: (Int, Int, Int)) -> (Int, Int, Int) {
        var (y, m, d) = date
        d = min(d, daysIn(m, y))
        var n = days
        while n > 0 {
            d += 1
            if d > daysIn(m, y) { d = 1; m += 1; if m > 12 { m = 1; y += 1 } }
            n -= 1
        }
        while n < 0 {
            d -= 1
            if d < 1 { m -= 1; if m < 1 { m = 12; y -= 1 }; d = daysIn(m, y) }
            n += 1
        }
        return (y, m, d)
    }
}
