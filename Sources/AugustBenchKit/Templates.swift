import AugustCore
import Foundation

/// A seed sentence cut into literal text and slots (dates, years, places, numbers) that the
/// generator fills with varied values, keeping the surface form the text used.
struct Template: Sendable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        /// `August 9, 1945`
        case monthDayYear(month: Int, day: Int, year: Int)
        /// `9 August 1945`
        case dayMonthYear(day: Int, month: Int, year: Int)
        /// `August 1945`
        case monthYear(month: Int, year: Int)
        /// `August 9` (no year)
        case monthDay(month: Int, day: Int)
        /// `on the 14th` (`prefix` keeps the case of the text: "on the " / "On the ")
        case onTheDay(prefix: String, day: Int)
        /// `(26.7.2024)`
        case stamp(day: Int, month: Int, year: Int)
        /// `30/12/19`
        case slashDate(day: Int, month: Int, year: Int)
        /// `1945`
        case year(Int)
        /// `4,000`, `731`: digit count and whether thousands are grouped with commas
        case number(digits: Int, grouped: Bool)
        /// a place name from the generator's list
        case place(String)
    }

    var segments: [Segment]
}

enum Vocabulary {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]

    /// Place names of the war's theatre (hand-picked; any that occur in a seed text become slots).
    static let places = [
        "Harbin", "Mukden", "Shenyang", "Changchun", "Hsinking", "Jilin", "Mudanjiang", "Hailar",
        "Qiqihar", "Jiamusi", "Suifenhe", "Hutou", "Dongning", "Tumen", "Tonghua", "Siping", "Taonan",
        "Tongliao", "Zalantun", "Sunwu", "Boli", "Linjiang", "Vladivostok", "Khabarovsk", "Sakhalin",
        "Port Arthur", "Dalian", "Dairen", "Pyongyang", "Seoul", "Chita", "Blagoveshchensk", "Khingan",
        "Manzhouli", "Heihe", "Aigun", "Yanji", "Wangqing", "Mishan", "Jixi", "Hunchun", "Chongjin",
        "Toyohara", "Shumshu", "Paramushir", "Zhangjiakou", "Chengde", "Kalgan", "Ulan Bator", "Solun",
        "Wangyemiao", "Lishu", "Muling", "Pogranichny", "Grodekovo", "Iman", "Bikin", "Fujin",
    ]

    static let syllables = [
        "zhang", "li", "wang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu", "ko", "ta", "mi",
        "ra", "shi", "ma", "no", "ka", "ve", "lov", "sky", "pet", "rov", "iva", "nik", "ol", "ai", "han",
        "jin", "bao", "qing", "shan", "mur", "ten", "ya", "ku", "sei", "do", "gor", "bel", "an", "tsu",
    ]

    static let units = ["Rifle Division", "Tank Brigade", "Guards Army", "Mechanized Corps", "Infantry Division",
                        "Air Army", "Cavalry Division", "Fortified Region", "Border Guard Detachment"]

    static let titleWords = ["Chronicle", "Notes", "Report", "Memoir", "Dispatch", "Letters", "Diary",
                             "Review", "Study", "Account"]
}

/// Cuts seed sentences into templates.
enum TemplateParser {
    private static let monthAlt = Vocabulary.months.joined(separator: "|")
    private static let placeAlt = Vocabulary.places.map { NSRegularExpression.escapedPattern(for: $0) }
        .joined(separator: "|")

    /// Patterns, most specific first; an earlier pattern's match wins over a later overlapping one.
    private static let patterns: [(String, NSRegularExpression)] = [
        ("stamp", #"\((\d{1,2})\.(\d{1,2})\.(\d{4})\)"#),
        ("slash", #"\b(\d{1,2})/(\d{1,2})/(\d{2})\b"#),
        ("mdy", #"\b(\#(monthAlt))\s+(\d{1,2}),\s*(\d{4})\b"#),
        ("dmy", #"\b(\d{1,2})\s+(\#(monthAlt))\s+(\d{4})\b"#),
        ("my", #"\b(\#(monthAlt))\s+(\d{4})\b"#),
        ("md", #"\b(\#(monthAlt))\s+(\d{1,2})\b"#),
        ("nth", #"\b([Oo]n the )(\d{1,2})(?:st|nd|rd|th)\b"#),
        ("year", #"\b(1[89]\d\d|20[0-2]\d)\b"#),
        ("number", #"(?<![\d:.,\p{L}])(\d{1,3}(?:,\d{3})+|\d{2,})(?![\d:\p{L}]|\.\d)"#),
        ("place", #"\b(\#(placeAlt))\b"#),
    ].map { ($0.0, try! NSRegularExpression(pattern: $0.1)) }

    static func parse(_ sentence: String) -> Template {
        let ns = sentence as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var taken: [(NSRange, Template.Segment)] = []
        func overlaps(_ r: NSRange) -> Bool {
            taken.contains { NSIntersectionRange($0.0, r).length > 0 }
        }
        for (kind, re) in patterns {
            for m in re.matches(in: sentence, range: whole) where !overlaps(m.range) {
                func g(_ i: Int) -> String { ns.substring(with: m.range(at: i)) }
                func month(_ s: String) -> Int { (Vocabulary.months.firstIndex(of: s) ?? 0) + 1 }
                let seg: Template.Segment?
                switch kind {
                case "stamp": seg = .stamp(day: Int(g(1))!, month: Int(g(2))!, year: Int(g(3))!)
                case "slash": seg = .slashDate(day: Int(g(1))!, month: Int(g(2))!, year: Int(g(3))!)
                case "mdy": seg = .monthDayYear(month: month(g(1)), day: Int(g(2))!, year: Int(g(3))!)
                case "dmy": seg = .dayMonthYear(day: Int(g(1))!, month: month(g(2)), year: Int(g(3))!)
                case "my": seg = .monthYear(month: month(g(1)), year: Int(g(2))!)
                case "md": seg = .monthDay(month: month(g(1)), day: Int(g(2))!)
                case "nth": seg = .onTheDay(prefix: g(1), day: Int(g(2))!)
                case "year": seg = .year(Int(g(1))!)
                case "number":
                    let s = g(1)
                    seg = .number(digits: s.filter(\.isNumber).count, grouped: s.contains(","))
                case "place": seg = .place(g(1))
                default: seg = nil
                }
                // Day and month values out of range: keep the text as it is.
                if let seg, Self.plausible(seg) { taken.append((m.range, seg)) }
            }
        }
        taken.sort { $0.0.location < $1.0.location }
        var segments: [Template.Segment] = []
        var pos = 0
        for (r, seg) in taken {
            if r.location > pos { segments.append(.literal(ns.substring(with: NSRange(location: pos, length: r.location - pos)))) }
            segments.append(seg)
            pos = r.location + r.length
        }
        if pos < ns.length { segments.append(.literal(ns.substring(from: pos))) }
        return Template(segments: segments)
    }

    private static func plausible(_ s: Template.Segment) -> Bool {
        switch s {
        case .monthDayYear(_, let d, _), .dayMonthYear(let d, _, _), .monthDay(_, let d), .onTheDay(_, let d):
            return (1...31).contains(d)
        case .stamp(let d, let m, _), .slashDate(let d, let m, _):
            return (1...31).contains(d) && (1...12).contains(m)
        default:
            return true
        }
    }

    /// Sentences of a paragraph: cut after `.`, `!` or `?` followed by a space and an upper-case letter or a quote.
    static func sentences(_ paragraph: String) -> [String] {
        var out: [String] = []
        var current = ""
        let chars = Array(paragraph)
        var i = 0
        while i < chars.count {
            current.append(chars[i])
            if ".!?".contains(chars[i]), i + 2 < chars.count, chars[i + 1] == " ",
               chars[i + 2].isUppercase || chars[i + 2] == "“" || chars[i + 2] == "\"" {
                out.append(current)
                current = ""
                i += 2
                continue
            }
            i += 1
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { out.append(current) }
        return out
    }
}
