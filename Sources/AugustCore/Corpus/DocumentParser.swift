import Foundation

/// Splits a document's lines into passages and finds its articles, by general rules:
///
/// * Passages: where lines are paragraphs, each non-empty line; where the text is hard-wrapped
///   (lines broken at a fixed width in mid-sentence), each run of non-empty lines.
/// * Articles: a headline ending in a publication stamp `(26.7.2024)`, a dateline
///   `Category 30/12/19 Title`, or a section heading (`Section IV …`, `In the third section, …`)
///   opens an article. A short caption line just before a dated headline belongs to it.
///   Text before the first heading, or a document with none, is one article titled by its first line.
public enum DocumentParser {

    public static func parse(id: String, lines: [String]) -> Document {
        let blocks = splitBlocks(lines)
        let headings = blocks.map { block in
            block.start == block.end ? Heading.classify(lines[block.start - 1]) : nil
        }

        // Where each article starts (index into blocks), with its title and date.
        struct Opening { var block: Int; var title: String; var published: String? }
        var openings: [Opening] = []
        var captionBlocks = Set<Int>()
        for (i, heading) in headings.enumerated() {
            guard let heading else { continue }
            var start = i
            if heading.isDated, i > 0, headings[i - 1] == nil,
               openings.last.map({ $0.block < i - 1 }) ?? true,
               blocks[i - 1].start == blocks[i - 1].end,
               Heading.isCaption(lines[blocks[i - 1].start - 1]) {
                start = i - 1
                captionBlocks.insert(i - 1)
            }
            openings.append(Opening(block: start, title: Heading.tidyTitle(heading.title, limit: Heading.maxHeadingLength), published: heading.published))
        }
        let firstLine = Heading.tidyTitle(lines.first { !isBlank($0) } ?? id)
        if openings.first.map({ $0.block > 0 }) ?? true, !blocks.isEmpty {
            openings.insert(Opening(block: 0, title: firstLine, published: nil), at: 0)
        }
        if openings.isEmpty {
            openings = [Opening(block: 0, title: firstLine, published: nil)]
        }

        var articles: [Article] = []
        var passages: [Passage] = []
        passages.reserveCapacity(blocks.count)
        var articleIndex = -1
        var nextOpening = 0
        for (i, block) in blocks.enumerated() {
            while nextOpening < openings.count, openings[nextOpening].block <= i {
                let o = openings[nextOpening]
                articleIndex = articles.count
                articles.append(Article(index: articleIndex, title: o.title, published: o.published,
                                        lineStart: blocks[o.block].start))
                nextOpening += 1
            }
            let text = block.start == block.end ? lines[block.start - 1]
                : lines[(block.start - 1)..<block.end].joined(separator: "\n")
            let number = passages.count + 1
            let isHeading = (headings[i]?.isHeadingLine ?? false) || captionBlocks.contains(i)
            passages.append(Passage(id: "\(id)#\(number)", documentID: id, number: number,
                                    lineStart: block.start, lineEnd: block.end, text: text,
                                    articleIndex: max(articleIndex, 0), isHeading: isHeading))
        }
        if articles.isEmpty {
            articles = [Article(index: 0, title: firstLine, published: nil, lineStart: 1)]
        }
        return Document(id: id, title: firstLine, articles: articles, passages: passages,
                        lineCount: lines.count)
    }

    struct Block { var start: Int; var end: Int }  // 1-based, inclusive

    static func isBlank(_ line: String) -> Bool {
        line.unicodeScalars.allSatisfy {
            // ASCII white space is TAB…CR and SPACE; other scalars ask the Unicode tables.
            $0.value < 0x80 ? ($0.value == 0x20 || ($0.value >= 0x09 && $0.value <= 0x0D)) : $0.properties.isWhitespace
        }
    }

    static func splitBlocks(_ lines: [String]) -> [Block] {
        let wrapped = isHardWrapped(lines)
        var blocks: [Block] = []
        var open: Block?
        for (i, line) in lines.enumerated() {
            if isBlank(line) {
                if let o = open { blocks.append(o); open = nil }
                continue
            }
            if wrapped, var o = open {
                o.end = i + 1
                open = o
            } else {
                if let o = open { blocks.append(o) }
                open = Block(start: i + 1, end: i + 1)
            }
        }
        if let o = open { blocks.append(o) }
        return blocks
    }

    /// Hard-wrapped text: most non-empty lines are followed by another non-empty line, those lines
    /// are of a bounded width, and most of them stop in mid-sentence.
    static func isHardWrapped(_ lines: [String]) -> Bool {
        var nonEmpty = 0
        var followed: [String] = []
        for (i, line) in lines.enumerated() where !isBlank(line) {
            nonEmpty += 1
            if i + 1 < lines.count, !isBlank(lines[i + 1]) { followed.append(line) }
        }
        guard followed.count >= 3, followed.count * 3 >= nonEmpty else { return false }
        // Lengths are capped at 121: only whether the 90th percentile exceeds 120 matters.
        let lengths = followed.map { FastText.characterCount($0, cappedAt: 121) }.sorted()
        let p90 = lengths[min(lengths.count - 1, lengths.count * 9 / 10)]
        guard p90 <= 120 else { return false }
        let sentenceEnds: Set<Character> = [".", "!", "?", ":", ";", "\"", "”", "’", ")", "»"]
        let open = followed.filter { line in
            guard let last = FastText.trimmingHorizontalSpace(line).last else { return false }
            return !sentenceEnds.contains(last)
        }.count
        return open * 2 >= followed.count
    }
}

/// A heading line and what it tells.
struct Heading: Equatable {
    enum Kind { case stamped, dateline, section }
    var kind: Kind
    var title: String
    var published: String?
    /// Whether the whole line is a heading (a long section line that carries body text is not).
    var isHeadingLine: Bool

    var isDated: Bool { kind != .section }

    nonisolated(unsafe) static let stamp =
        /^(?<title>.+?)\s*\((?<d>\d{1,2})[.\/](?<m>\d{1,2})[.\/](?<y>\d{4}|\d{2})\)\s*$/
    nonisolated(unsafe) static let dateline =
        /^(?<cat>\p{Lu}[\p{L}]{1,20})\s+(?<d>\d{1,2})[.\/](?<m>\d{1,2})[.\/](?<y>\d{4}|\d{2})\s+(?<title>\S.*?)\s*$/
    nonisolated(unsafe) static let section =
        /^(?<word>Section|Chapter|Part)\s+(?<num>[IVXLC]+|\d{1,3})\b/
    nonisolated(unsafe) static let ordinalSection =
        /^In\s+the\s+(?<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?<word>section|chapter|part)\b/.ignoresCase()

    static let maxHeadingLength = 250

    static func classify(_ raw: String) -> Heading? {
        let trimmed = FastText.trimmingHorizontalSpace(raw)
        let short = !FastText.characterCount(trimmed, exceeds: maxHeadingLength)
        guard !trimmed.isEmpty, short || trimmed.hasPrefix("Section") || trimmed.hasPrefix("In the") else {
            return nil
        }
        // A line of any length (20 MB on one line) costs no more than its first few hundred characters.
        let line = short ? trimmed : String(trimmed.prefix(maxHeadingLength + 1))
        // Each regular expression is tried only where a literal it requires is present (the
        // expressions dominated corpus loading when tried on every paragraph).
        // Both dated forms hold `D.M.` or `D/M/` (ASCII digits: `Int` reads no others).
        let dayMonth = short && hasDigitThenSeparator(line)
        if dayMonth, line.utf8.contains(UInt8(ascii: ")")), hasParenthesisThenDigit(line),
           let m = try? stamp.wholeMatch(in: line),
           let iso = isoDate(day: m.d, month: m.m, year: m.y) {
            return Heading(kind: .stamped, title: String(m.title), published: iso, isHeadingLine: true)
        }
        if dayMonth, let m = try? dateline.wholeMatch(in: line),
           let iso = isoDate(day: m.d, month: m.m, year: m.y) {
            return Heading(kind: .dateline, title: String(m.title), published: iso, isHeadingLine: true)
        }
        if line.hasPrefix("Section") || line.hasPrefix("Chapter") || line.hasPrefix("Part"),
           let m = try? section.prefixMatch(in: line) {
            let word = String(m.word)
            return Heading(kind: .section, title: "\(word) \(m.num)", published: nil,
                           isHeadingLine: !FastText.characterCount(line, exceeds: 100))
        }
        if let first = line.utf8.first, first | 0x20 == UInt8(ascii: "i"),
           let m = try? ordinalSection.prefixMatch(in: line) {
            let ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                            "eighth", "ninth", "tenth"]
            let n = (ordinals.firstIndex(of: m.ord.lowercased()) ?? 0) + 1
            let word = m.word.prefix(1).uppercased() + m.word.dropFirst().lowercased()
            return Heading(kind: .section, title: "\(word) \(romanNumeral(n))", published: nil,
                           isHeadingLine: false)
        }
        return nil
    }

    /// True when `(` is directly followed by an ASCII digit.
    static func hasParenthesisThenDigit(_ line: String) -> Bool {
        var previousParen = false
        for b in line.utf8 {
            if previousParen, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { return true }
            previousParen = b == UInt8(ascii: "(")
        }
        return false
    }

    /// True when an ASCII digit is directly followed by `.` or `/`.
    static func hasDigitThenSeparator(_ line: String) -> Bool {
        var previousDigit = false
        for b in line.utf8 {
            if previousDigit, b == UInt8(ascii: ".") || b == UInt8(ascii: "/") { return true }
            previousDigit = b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
        }
        return false
    }

    /// A caption or kicker line: short, not a sentence of body text.
    static func isCaption(_ raw: String) -> Bool {
        let line = FastText.trimmingHorizontalSpace(raw)
        guard !line.isEmpty, !FastText.characterCount(line, exceeds: 100), let last = line.last else { return false }
        return last != "." && last != ","
    }

    static func isoDate(day: Substring, month: Substring, year: Substring) -> String? {
        guard let d = Int(day), let m = Int(month), var y = Int(year),
              (1...31).contains(d), (1...12).contains(m) else { return nil }
        if year.count == 2 { y += y < 70 ? 2000 : 1900 }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// A title for display: white space folded to single spaces, and a long line cut at a word
    /// boundary (after its first sentence where that is short enough).
    static func tidyTitle(_ raw: String, limit: Int = 100) -> String {
        // Only the first `limit` + 1 characters of the folded line can matter: stop there.
        var words: [Substring] = []
        var length = 0
        var rest = raw[...]
        while length <= limit + 1 {
            rest = rest.drop(while: { $0.isWhitespace })
            guard !rest.isEmpty else { break }
            let word = rest.prefix(while: { !$0.isWhitespace }).prefix(limit + 2)
            words.append(word)
            length += word.count + (words.count > 1 ? 1 : 0)
            rest = rest[word.endIndex...]
        }
        let line = words.joined(separator: " ")
        guard line.count > limit else { return line }
        if let dot = line.firstIndex(where: { ".!?".contains($0) }), line.distance(from: line.startIndex, to: dot) < limit {
            return String(line[...dot])
        }
        var out = ""
        for w in words {
            if out.count + w.count + 1 > limit - 1 { break }
            out += out.isEmpty ? String(w) : " " + w
        }
        return out + "…"
    }

    static func romanNumeral(_ n: Int) -> String {
        let table: [(Int, String)] = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n, out = ""
        for (v, s) in table { while n >= v { out += s; n -= v } }
        return out
    }
}
