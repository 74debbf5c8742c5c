import AugustCore
import AugustUI
import Foundation

/// A stopgap until the events model lands: explicit calendar dates (`August 9, 1945`,
/// `9 August 1945`, and `August 9` after a year in the same document), one timeline item per day
/// with a mention for each date expression, titled by the first sentence that gives it. It is
/// deliberately small and literal; the event extraction replaces it.
enum FallbackTimeline {
    static let months = ["january", "february", "march", "april", "may", "june", "july", "august",
                         "september", "october", "november", "december"]
    static let pattern = try! NSRegularExpression(
        pattern: #"\b(?:(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?|(\d{1,2})(?:st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|October|November|December)(?:,?\s+(\d{4})\b)?)"#)
    static let yearPattern = try! NSRegularExpression(pattern: #"\b(1[89]\d\d|20\d\d)\b"#)

    static func build(_ corpus: Corpus) -> (timeline: [TimelineItem], styling: SourceStyling) {
        var byDay: [String: TimelineItem] = [:]
        var order: [String] = []
        var spans: [String: [SourceStyling.Span]] = [:]
        for doc in corpus.documents {
            var year: Int?
            for p in doc.passages {
                let ns = p.text as NSString
                let full = NSRange(location: 0, length: ns.length)
                var found: [(NSRange, String)] = []
                for m in pattern.matches(in: p.text, range: full) {
                    func group(_ i: Int) -> String? {
                        let r = m.range(at: i)
                        return r.location == NSNotFound ? nil : ns.substring(with: r)
                    }
                    let monthName = group(1) ?? group(5)
                    let day = Int(group(2) ?? group(4) ?? "") ?? 0
                    let y = Int(group(3) ?? group(6) ?? "")
                    if let y { year = y }
                    guard let monthName, let mi = months.firstIndex(of: monthName.lowercased()), (1...31).contains(day),
                          let useYear = y ?? year else { continue }
                    found.append((m.range, String(format: "%04d-%02d-%02d", useYear, mi + 1, day)))
                }
                // A bare year also anchors later month-day dates in this document.
                if found.isEmpty, let m = yearPattern.matches(in: p.text, range: full).last {
                    year = Int(ns.substring(with: m.range))
                }
                for (range, iso) in found {
                    let start = scalarOffset(p.text, utf16: range.location)
                    let end = scalarOffset(p.text, utf16: range.location + range.length)
                    spans[p.id, default: []].append(.init(start: start, end: end, kind: .date))
                    let mention = TimelineItem.Mention(passageID: p.id, start: start, end: end)
                    if byDay[iso] == nil {
                        order.append(iso)
                        byDay[iso] = TimelineItem(id: iso, kind: .event, date: iso,
                                                  dateLabel: DateLabel.make(iso),
                                                  title: sentence(p.text, around: range), mentions: [mention])
                    } else if byDay[iso]!.mentions.last?.passageID != p.id {
                        byDay[iso]!.mentions.append(mention)
                    }
                }
            }
        }
        let items = order.map { byDay[$0]! }
        return (items, SourceStyling(spans: spans))
    }

    static func scalarOffset(_ s: String, utf16 offset: Int) -> Int {
        let i = String.Index(utf16Offset: offset, in: s)
        return s.unicodeScalars.distance(from: s.unicodeScalars.startIndex, to: i)
    }

    static func sentence(_ text: String, around range: NSRange) -> String {
        let ns = text as NSString
        var a = range.location, b = range.location + range.length
        while a > 0, !".!?\n".contains(Character(UnicodeScalar(ns.character(at: a - 1)) ?? " ")) { a -= 1 }
        while b < ns.length, !".!?\n".contains(Character(UnicodeScalar(ns.character(at: b)) ?? " ")) { b += 1 }
        return ns.substring(with: NSRange(location: a, length: b - a)).trimmingCharacters(in: .whitespaces)
    }
}
