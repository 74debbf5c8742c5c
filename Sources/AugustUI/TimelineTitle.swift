/// A timeline row's title: the event's statement without the date phrase that the row's date
/// column already shows, first letter capitalised. `On August 8, 1945, the Soviet Union declared
/// war` → `The Soviet Union declared war`. The phrase goes with a neutral preposition before it
/// (`on`, `at`, `in`, `during`, `on the night of` …) and the comma after it; a phrase after a
/// preposition that changes its meaning (`by`, `before`, `after`, `until`, `since`, `from`,
/// `between`) is kept, and so is a title that would be left with fewer than three words, and one
/// whose phrase is joined to another by a conjunction (`on the 20th and 21st`, `8 or 9 August`,
/// `on 9 August and in the days after`): the row shows one date, the title keeps the whole phrase.
public enum TimelineTitle {
    static let neutral: Set<String> = ["on", "at", "in", "during", "early", "late", "of", "the", "night", "morning",
                                       "evening", "afternoon", "dawn", "noon", "midnight", "day"]
    static let meaningful: Set<String> = ["by", "before", "after", "until", "till", "since", "from", "between", "to", "through"]

    public static func make(title: String, dateText: String) -> String {
        capitalised(stripped(title, dateText) ?? title)
    }

    static let coordinators: Set<String> = ["and", "or", "&", "-", "–", "—"]
    static let dateWords: Set<String> = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                                         "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                                         "sep", "sept", "oct", "nov", "dec", "first", "second", "third", "fourth", "fifth",
                                         "sixth", "seventh", "eighth", "ninth", "tenth"]

    /// A word that can stand for a date of its own: a number (`21st`, `9`), a month, an ordinal word.
    static func isDateWord<S: StringProtocol>(_ w: S) -> Bool {
        let lower = w.lowercased().trimmingCharacters(in: .punctuationCharacters)
        return lower.contains { $0.isNumber } || dateWords.contains(lower)
    }

    /// Is the phrase at `r` one of dates joined by a conjunction (`the 20th and 21st`, `18 or 19
    /// August`), or a leading phrase that a conjunction goes on from (`On 9 August and in the
    /// days after, …`)? Cutting it out would leave the conjunction dangling. A comma between them
    /// marks clauses (`on the 11th, and took`), not coordinated dates.
    static func isCoordinated(_ title: String, _ r: Range<String.Index>) -> Bool {
        let after = title[r.upperBound...], before = title[..<r.lowerBound]
        let next = after.hasPrefix(",") ? [] : Array(after.split(separator: " ").prefix(2))
        if let c = next.first, coordinators.contains(c.lowercased()) {
            let leading = before.allSatisfy { $0 == " " } || before.split(separator: " ").allSatisfy { neutral.contains($0.lowercased()) }
            if leading || (next.count == 2 && isDateWord(next[1])) { return true }
        }
        let previous = before.split(separator: " ").suffix(2)
        if previous.count == 2, !previous[previous.startIndex].hasSuffix(","),
           coordinators.contains(previous[previous.index(after: previous.startIndex)].lowercased()), isDateWord(previous[previous.startIndex]) {
            return true
        }
        return false
    }

    static func stripped(_ title: String, _ dateText: String) -> String? {
        let phrase = dateText.trimmingCharacters(in: .whitespaces)
        guard phrase.count >= 3, let r = title.range(of: phrase) ?? title.range(of: phrase, options: .caseInsensitive) else { return nil }
        if isCoordinated(title, r) { return nil }
        // Words before the phrase, walked back while they are part of a neutral lead-in
        // (`on`, `at`, `on the night of`, `early on`…).
        var start = r.lowerBound
        var probe = title[..<start]
        while true {
            let trimmed = probe.reversed().drop { $0 == " " }
            let word = String(trimmed.prefix { $0.isLetter }.reversed())
            guard !word.isEmpty else { break }
            let lower = word.lowercased()
            if meaningful.contains(lower) { return nil }
            guard neutral.contains(lower) else { break }
            let wordStart = title.index(probe.endIndex, offsetBy: -(trimmed.prefix { $0.isLetter }.count + (probe.count - trimmed.count)))
            start = wordStart
            probe = title[..<start]
        }
        var end = r.upperBound
        let after = title[end...]
        // The comma after a leading phrase goes with it (`On 9 August, the…`); one after a phrase
        // inside the sentence belongs to the sentence (`reached Lubei on the 11th, and took…`).
        let leading = title[..<start].allSatisfy { $0 == " " }
        if leading, after.hasPrefix(",") { end = title.index(after: end) }
        var out = String(title[..<start]) + String(title[end...])
        // Tidy what the cut left: doubled spaces, a comma or space at the start, `X , Y`, `X ,.`.
        while out.contains("  ") { out = out.replacingOccurrences(of: "  ", with: " ") }
        out = out.replacingOccurrences(of: " ,", with: ",").replacingOccurrences(of: ",.", with: ".")
            .replacingOccurrences(of: ", .", with: ".").replacingOccurrences(of: " .", with: ".")
        while let f = out.first, f == " " || f == "," || f == ";" || f == ":" { out.removeFirst() }
        while out.hasSuffix(" ") || out.hasSuffix(",") { out.removeLast() }
        let words = out.split { $0 == " " || $0 == "," }.filter { $0.contains { $0.isLetter } }
        return words.count >= 3 ? out : nil
    }

    static func capitalised(_ s: String) -> String {
        guard let f = s.first, f.isLowercase else { return s }
        return f.uppercased() + s.dropFirst()
    }
}
