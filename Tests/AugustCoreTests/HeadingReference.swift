#if canImport(AugustCore)
@testable import AugustCore
#endif
import Foundation

/// The heading and title rules as first written (whole-line work): the bounded versions that keep
/// a 20 MB line cheap must decide exactly the same.
enum ReferenceHeading {
    static func classify(_ raw: String) -> Heading? {
        let line = raw.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty, line.count <= Heading.maxHeadingLength || line.hasPrefix("Section") || line.hasPrefix("In the") else {
            return nil
        }
        if line.count <= Heading.maxHeadingLength, let m = try? Heading.stamp.wholeMatch(in: line),
           let iso = Heading.isoDate(day: m.d, month: m.m, year: m.y) {
            return Heading(kind: .stamped, title: String(m.title), published: iso, isHeadingLine: true)
        }
        if line.count <= Heading.maxHeadingLength, let m = try? Heading.dateline.wholeMatch(in: line),
           let iso = Heading.isoDate(day: m.d, month: m.m, year: m.y) {
            return Heading(kind: .dateline, title: String(m.title), published: iso, isHeadingLine: true)
        }
        if let m = try? Heading.section.prefixMatch(in: line) {
            return Heading(kind: .section, title: "\(m.word) \(m.num)", published: nil, isHeadingLine: line.count <= 100)
        }
        if let m = try? Heading.ordinalSection.prefixMatch(in: line) {
            let ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
            let n = (ordinals.firstIndex(of: m.ord.lowercased()) ?? 0) + 1
            let word = m.word.prefix(1).uppercased() + m.word.dropFirst().lowercased()
            return Heading(kind: .section, title: "\(word) \(Heading.romanNumeral(n))", published: nil, isHeadingLine: false)
        }
        return nil
    }

    static func tidyTitle(_ raw: String, limit: Int = 100) -> String {
        let words = raw.split(whereSeparator: { $0.isWhitespace })
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
}
