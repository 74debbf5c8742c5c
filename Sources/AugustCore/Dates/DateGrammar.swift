import Foundation

/// A date expression as the tokens give it, before the narrative fills in what it leaves out.
struct RawDate {
    enum Form {
        /// A point; a missing year (or month and year) is taken from the narrative.
        case point(DatePoint)
        case range(DatePoint, DatePoint)
        /// `April 194 13`: a day whose year lost a digit (decade 194 → 1940s).
        case decadeDay(decade: Int, month: Int, day: Int)
        /// `that night`, `the same day` (0), `the next day` (1).
        case relativeDay(Int)
        /// `At 4:30`: a time on the narrative's day.
        case relativeTime(hour: Int, minute: Int)
        /// `on the second day of the campaign`.
        case campaignDay(Int)
        /// `14 Zhan Baoqing.`: a lone day number opening a sentence.
        case loneDay(Int)
        /// `(26.7.2024)`, `History 30/12/19`.
        case publication(DatePoint)
        /// `at 5 p.m. on the previous day`: a time on a day counted from the narrative's day.
        case relativeDayTime(Int, hour: Int, minute: Int)
        /// `19.8.45`, `19/8/1945`, `8/19/45`: two numbers whose order (day first or month first)
        /// the resolver settles, and a year of two or four digits.
        case numeric(first: Int, second: Int, year: Int, yearDigits: Int, dotted: Bool, hour: Int?, minute: Int?)
        /// `LONDON, Aug. 22.`: a newspaper report's dateline (its year may be left out).
        case dateline(DatePoint)
        /// `to-day`, `yesterday`, `last night`: a day counted from the report's dateline.
        case newsDay(Int)
        /// `on Tuesday`: the last such weekday on or before the report's dateline (Sunday = 0).
        case newsWeekday(Int)
        /// `66 years ago`: years before the report's date.
        case yearsAgo(Int)
        /// `11.8`, `12–15.8`, `9–25.8.45`: days and month written with dots, day first (`from` is
        /// the first day of a span); a missing year is the narrative's.
        case dottedDays(from: Int?, to: Int, month: Int, year: Int?, yearDigits: Int)
        /// `66 years ago today`: the report's day, so many years back.
        case yearsAgoToday(Int)
        /// `Six years later`: years after the last year the narrative named (negative: earlier).
        case yearsLater(Int)
        /// `by the end of the month`: the narrative's month.
        case narrativeMonth
    }
    var form: Form
    /// First and last token of the expression (inclusive).
    var first: Int
    var last: Int
    /// A day and month with no year (`May 9th`): perhaps a holiday.
    var isYearlessDay: Bool {
        if case .point(let p) = form { return p.year == nil && p.month != nil && p.day != nil }
        return false
    }
    /// A count of the year, when the text gives one (`August 8, 1945`, not `August 8`).
    var hasYear: Bool {
        switch form {
        case .point(let p): p.year != nil
        case .range(let a, let b): a.year != nil || b.year != nil
        case .numeric(_, _, _, let digits, _, _, _): digits == 4
        default: false
        }
    }
    var isDecadeDay: Bool {
        if case .decadeDay = form { return true }
        return false
    }
    /// A year alone, a season or a span of years (no month): `1939`, `1939–1945`, `summer 1945`.
    var isCoarse: Bool {
        switch form {
        case .point(let p): p.month == nil && p.day == nil
        case .range(let a, let b): a.month == nil && b.month == nil
        case .yearsAgo, .yearsLater: true
        default: false
        }
    }
}

/// The patterns of the temporal tagger, over date tokens. One left-to-right pass; at each token the
/// longest pattern that fits wins.
struct DateGrammar {
    let t: [DToken]
    let sentenceOf: [Int]

    init(_ tokens: DateTokenizer) {
        t = tokens.tokens
        sentenceOf = tokens.sentenceOf
    }

    func parse() -> [RawDate] {
        var out: [RawDate] = []
        var i = 0
        while i < t.count {
            if let (dates, next) = match(i) {
                out.append(contentsOf: dates)
                i = max(next, i + 1)
            } else {
                i += 1
            }
        }
        return out
    }

    // MARK: - token helpers

    @inline(__always) func word(_ i: Int) -> String? {
        i >= 0 && i < t.count && t[i].kind == .word ? t[i].lower : nil
    }
    @inline(__always) func isWord(_ i: Int, _ w: String) -> Bool { word(i) == w }
    @inline(__always) func isPunct(_ i: Int, _ p: String) -> Bool {
        i >= 0 && i < t.count && t[i].kind == .punct && t[i].text == p
    }
    @inline(__always) func isDash(_ i: Int) -> Bool { isPunct(i, "-") || isPunct(i, "–") || isPunct(i, "—") }
    /// Token i touches the token before it (no white space between).
    @inline(__always) func glued(_ i: Int) -> Bool { i < t.count && !t[i].spaceBefore }
    @inline(__always) func isNumber(_ i: Int) -> Bool { i >= 0 && i < t.count && t[i].kind == .number }
    func isSentenceStart(_ i: Int) -> Bool { i < t.count && sentenceOf[i] == i }

    /// A capitalised month name (`August`, `Aug.`): (month, next token).
    func month(_ i: Int) -> (Int, Int)? {
        guard i < t.count, t[i].kind == .word, t[i].isCapitalized, let m = DateLexicon.months[t[i].lower] else {
            return nil
        }
        // A month glued to a letter run cannot happen (words are whole runs); glued to a digit after
        // it (`May5`) is not a month.
        if isNumber(i + 1), glued(i + 1) { return nil }
        if DateLexicon.abbreviatedMonths.contains(t[i].lower) {
            if isPunct(i + 1, "."), glued(i + 1) { return (m, i + 2) }
            return isNumber(i + 1) ? (m, i + 1) : nil
        }
        return (m, i + 1)
    }

    /// A day of the month, `9`, `9th`, `25th`: (day, next token, has an ordinal suffix).
    func day(_ i: Int) -> (Int, Int, Bool)? {
        guard isNumber(i), t[i].digits <= 2, (1...31).contains(t[i].value) else { return nil }
        // `1July`, `5uprisings`: a digit glued to a following word is debris, not a day.
        var j = i + 1
        var suffixed = false
        if j < t.count, glued(j) {
            switch t[j].kind {
            case .word:
                guard DateLexicon.ordinalSuffixes.contains(t[j].lower) else { return nil }
                j += 1
                suffixed = true
            case .number:
                return nil
            case .punct:
                if t[j].text == ":" || t[j].text == "/" { return nil }
                if (t[j].text == "." || t[j].text == ","), isNumber(j + 1), glued(j + 1) { return nil }
            }
        }
        // Not a part of `Covid-19`, `40-50`, `3,497`, `1.5`, `Москве5`.
        if i > 0, glued(i) {
            let p = t[i - 1]
            if p.kind != .punct { return nil }
            if ["-", "–", ",", ".", "/", ":"].contains(p.text), i >= 2, glued(i - 1), t[i - 2].kind != .punct {
                return nil
            }
        }
        return (t[i].value, j, suffixed)
    }

    /// A year: four digits (1000–2099), or the damaged split form `194 1` (1800s–1990s): (year, next token).
    func year(_ i: Int) -> (Int, Int)? {
        guard isNumber(i) else { return nil }
        if i > 0, glued(i), isNumber(i - 2), isPunct(i - 1, ",") || isPunct(i - 1, ".") { return nil }
        if t[i].digits == 4, (1000...2099).contains(t[i].value) {
            let j = i + 1
            if j < t.count, glued(j) {
                if t[j].kind != .punct { return nil }  // `1930s`
                if (t[j].text == "," || t[j].text == "."), isNumber(j + 1), glued(j + 1) { return nil }
            }
            return (t[i].value, j)
        }
        if t[i].digits == 3, (180...199).contains(t[i].value), isNumber(i + 1), t[i + 1].digits == 1,
           !glued(i + 1), !(i + 2 < t.count && glued(i + 2) && t[i + 2].kind != .punct) {
            return (t[i].value * 10 + t[i + 1].value, i + 2)
        }
        return nil
    }

    /// A time of day: `17:00`, `0: 00`, `9 am`, `9 a.m.`: (hour, minute, next token).
    func time(_ i: Int) -> (Int, Int, Int)? {
        if let r = militaryTime(i, bare: true) { return r }
        guard isNumber(i), t[i].digits <= 2, t[i].value <= 24 else { return nil }
        if isPunct(i + 1, ":"), glued(i + 1), isNumber(i + 2), t[i + 2].digits == 2, t[i + 2].value <= 59 {
            return (t[i].value, t[i + 2].value, i + 3)
        }
        guard t[i].value >= 1, t[i].value <= 12 else { return nil }
        let h = t[i].value
        if let w = word(i + 1) {
            if w == "am" { return (h == 12 ? 0 : h, 0, i + 2) }
            if w == "pm" { return (h == 12 ? 12 : h + 12, 0, i + 2) }
            if (w == "a" || w == "p"), isPunct(i + 2, "."), isWord(i + 3, "m") {
                let next = isPunct(i + 4, ".") ? i + 5 : i + 4
                return (w == "a" ? (h == 12 ? 0 : h) : (h == 12 ? 12 : h + 12), 0, next)
            }
        }
        return nil
    }

    /// A military time: `0530 hours`, `1700 hrs`, and (where `bare`) `0530` with its leading zero:
    /// (hour, minute, next token).
    func militaryTime(_ i: Int, bare: Bool) -> (Int, Int, Int)? {
        guard isNumber(i), t[i].digits == 4, !(i > 0 && glued(i) && t[i - 1].kind != .punct) else { return nil }
        let v = t[i].value, h = v / 100, m = v % 100
        guard h <= 24, m <= 59, !(h == 24 && m > 0) else { return nil }
        if i + 1 < t.count, glued(i + 1), t[i + 1].kind != .punct { return nil }
        if let w = word(i + 1), DateLexicon.hourWords.contains(w), !isWord(i + 2, "of") {
            return (h == 24 ? 0 : h, m, i + 2)
        }
        if bare, t[i].text.unicodeScalars.first == "0" { return (h, m, i + 1) }
        // `2400 8.8.45`, `1700 on 24.8.45`: a date follows.
        if numericEventDate(i + 1) != nil
            || (isWord(i + 1, "on") && (numericEventDate(i + 2) != nil || dayLed(i + 2) != nil || monthLed(i + 2) != nil)) {
            return (h, m, i + 1)
        }
        return nil
    }

    /// A time after a date in its own phrase: `at 9 am`, `, at 0530 hours`: (hour, minute, next token).
    func timeAfterDate(_ i: Int) -> (Int, Int, Int)? {
        var j = i
        if isPunct(j, ","), isWord(j + 1, "at") { j += 1 }
        guard isWord(j, "at") else { return nil }
        return time(j + 1)
    }

    /// Whether the word at i shows that a number before it counts something.
    func countsSomething(_ i: Int) -> Bool {
        guard let w = word(i) else { return false }
        if DateLexicon.countNouns.contains(w) { return true }
        // a lower-case plural noun: `1565 artillery`, `2139 mortars`
        let n = w.unicodeScalars.count
        return t[i].isLowercaseWord && n > 3 && w.hasSuffix("s") && !w.hasSuffix("ss") && !w.hasSuffix("us")
            && !["was", "has", "this", "thus", "its", "always", "perhaps", "towards", "afterwards"].contains(w)
    }

    // MARK: - patterns

    func match(_ i: Int) -> ([RawDate], Int)? {
        let tok = t[i]
        switch tok.kind {
        case .punct:
            if tok.text == "(" || tok.text == "[" { return stampOrBracketYear(i) }
            if tok.text == "," { return captionYear(i) }
            return nil
        case .number:
            if let r = isoOrCJK(i) { return r }
            if let r = numericEventDate(i) { return r }
            if let r = dottedDays(i) { return r }
            if let r = militaryLed(i) { return r }
            if let r = yearsAgo(i) { return r }
            if let r = headlineYear(i) { return r }
            if let r = sentenceStartYear(i) { return r }
            if let r = daysLater(i) { return r }
            if let r = yearSpan(i) { return r }
            if let r = dayLed(i) { return r }
            if tok.lineStart, let r = headingDay(i, first: i) { return r }
            if let r = loneDay(i) { return r }
            return nil
        case .word:
            // One look-up gives every part a word can play (most words play none).
            let roles = DateLexicon.roles[tok.lower] ?? []
            if tok.lineStart {
                if tok.lower == "the", let r = headingDay(i + 1, first: i) { return r }
                if let r = dateline(i) { return r }
                if let r = newsDateline(i) { return r }
                if roles.contains(.publication), let r = posted(i) { return r }
            }
            if roles.isEmpty { return nil }
            if roles.contains(.news), let r = newsRelative(i) { return r }
            if roles.contains(.partOfDay), let r = partOfDay(i) { return r }
            if roles.contains(.at), let r = atTime(i) { return r }
            if roles.contains(.timeBy), let r = timeBy(i) { return r }
            if roles.contains(.that), let r = thatDay(i) { return r }
            if roles.contains(.the), let r = theForms(i) { return r }
            if roles.contains(.yearRange), let r = yearRange(i) { return r }
            if roles.contains(.count), let r = daysLater(i) { return r }
            if roles.contains(.cardinal), let r = yearsAgo(i) { return r }
            if roles.contains(.dayPreposition), let r = dayOrdinal(i) { return r }
            if roles.contains(.yearPreposition), let r = prepositionYear(i) { return r }
            if roles.contains(.monthPreposition), let r = bareMonth(i) { return r }
            if roles.contains(.season), let r = season(i, from: i) { return r }
            if roles.contains(.month), let r = monthLed(i) { return r }
            return nil
        }
    }

    /// `1945-08-09` written in ISO form, and `1945年8月9日` / `1945年8月` in Chinese or Japanese.
    func isoOrCJK(_ i: Int) -> ([RawDate], Int)? {
        guard t[i].digits == 4, (1000...2099).contains(t[i].value), !(i > 0 && glued(i) && t[i - 1].kind != .punct)
        else { return nil }
        let y = t[i].value
        if isDash(i + 1), glued(i + 1), isNumber(i + 2), glued(i + 2), t[i + 2].digits == 2,
           isDash(i + 3), glued(i + 3), isNumber(i + 4), glued(i + 4), t[i + 4].digits == 2,
           !(i + 5 < t.count && glued(i + 5) && t[i + 5].kind != .punct) {
            let p = DatePoint(year: y, month: t[i + 2].value, day: t[i + 4].value)
            return p.isValid ? ([RawDate(form: .point(p), first: i, last: i + 4)], i + 5) : nil
        }
        guard isWord(i + 1, "年"), glued(i + 1) else { return nil }
        guard isNumber(i + 2), glued(i + 2), isWord(i + 3, "月"), glued(i + 3) else {
            return ([RawDate(form: .point(DatePoint(year: y)), first: i, last: i + 1)], i + 2)
        }
        var p = DatePoint(year: y, month: t[i + 2].value)
        var last = i + 3
        if isNumber(i + 4), glued(i + 4), isWord(i + 5, "日") || isWord(i + 5, "号"), glued(i + 5) {
            p.day = t[i + 4].value
            last = i + 5
        }
        return p.isValid ? ([RawDate(form: .point(p), first: i, last: last)], last + 1) : nil
    }

    /// `1939–1945`, `1941-1945`: a span of years (the second later, within a lifetime).
    func yearSpan(_ i: Int) -> ([RawDate], Int)? {
        guard t[i].digits == 4, let (a, j) = year(i), isDash(j) else { return nil }
        // a life in brackets (`(1890–1959)`) may be longer than a war
        let span = isPunct(i - 1, "(") && isPunct(j + 2, ")") ? 110 : 60
        if let (b, k) = year(j + 1), t[j + 1].digits == 4, b > a, b - a <= span, !countsSomething(k) {
            return ([RawDate(form: .range(DatePoint(year: a), DatePoint(year: b)), first: i, last: k - 1)], k)
        }
        // `1944-45`: the second year written with its last two digits, in the same century.
        if isNumber(j + 1), t[j + 1].digits == 2, glued(j), glued(j + 1), (1800...2099).contains(a),
           !(j + 2 < t.count && glued(j + 2) && (t[j + 2].kind != .punct || isDash(j + 2))) {
            let b = a / 100 * 100 + t[j + 1].value
            guard b > a, !countsSomething(j + 2) else { return nil }
            return ([RawDate(form: .range(DatePoint(year: a), DatePoint(year: b)), first: i, last: j + 1)], j + 2)
        }
        return nil
    }

    /// `two days later`, `3 days later`, `a day later`: days after the narrative's day.
    func daysLater(_ i: Int) -> ([RawDate], Int)? {
        let n: Int
        if isNumber(i) {
            guard t[i].digits <= 2 else { return nil }
            n = t[i].value
        } else {
            guard let w = word(i), let v = DateLexicon.countWords[w] else { return nil }
            n = v
        }
        guard let unit = word(i + 1), unit == "day" || unit == "days", isWord(i + 2, "later"), n >= 1, n <= 31
        else { return nil }
        if unit == "day", n != 1 { return nil }
        return ([RawDate(form: .relativeDay(n), first: i, last: i + 2)], i + 3)
    }

    /// A headline's year: `Far East 1945: River Monitors…` (a name, the year, a colon).
    func headlineYear(_ i: Int) -> ([RawDate], Int)? {
        guard t[i].digits == 4, i > 0, t[i].spaceBefore, t[i - 1].isCapitalized, let (y, j) = year(i),
              (1800...2099).contains(y), isPunct(j, ":"), glued(j), !isNumber(j + 1) else { return nil }
        return ([RawDate(form: .point(DatePoint(year: y)), first: i, last: i)], j)
    }

    /// `(26.7.2024)` or `(26/7/24)` → publication; `[1945]`, `(1945)` → a year.
    func stampOrBracketYear(_ i: Int) -> ([RawDate], Int)? {
        let close = t[i].text == "(" ? ")" : "]"
        if let (y, j) = year(i + 1), isPunct(j, close), t[i + 1].digits == 4 {
            return ([RawDate(form: .point(DatePoint(year: y)), first: i + 1, last: i + 1)], j + 1)
        }
        guard close == ")", let (p, j) = numericDate(i + 1), isPunct(j, ")") else { return nil }
        return ([RawDate(form: .publication(p), first: i + 1, last: j - 1)], j + 1)
    }

    /// `26.7.2024`, `30/12/19` (day, month, year): (date, next token).
    func numericDate(_ i: Int) -> (DatePoint, Int)? {
        guard isNumber(i), isNumber(i + 2), isNumber(i + 4), t[i].digits <= 2, t[i + 2].digits <= 2,
              t[i + 4].digits == 2 || t[i + 4].digits == 4 else { return nil }
        let sep = t[i + 1].text
        guard sep == "." || sep == "/", isPunct(i + 3, sep), glued(i + 1), glued(i + 2), glued(i + 3), glued(i + 4)
        else { return nil }
        if i + 5 < t.count, glued(i + 5), t[i + 5].kind != .punct { return nil }
        var y = t[i + 4].value
        if t[i + 4].digits == 2 { y += y < 70 ? 2000 : 1900 }
        let p = DatePoint(year: y, month: t[i + 2].value, day: t[i].value)
        return p.isValid ? (p, i + 5) : nil
    }

    /// A dateline at the start of a line: `History 30/12/19 Title`.
    func dateline(_ i: Int) -> ([RawDate], Int)? {
        guard t[i].lineStart, t[i].isCapitalized, i + 1 < t.count, t[i + 1].spaceBefore,
              !DateLexicon.partOfDayPrepositions.contains(t[i].lower), !DateLexicon.yearPrepositions.contains(t[i].lower),
              t[i].lower != "at",
              let (p, j) = numericDate(i + 1), j < t.count, t[j].spaceBefore else { return nil }
        return ([RawDate(form: .publication(p), first: i + 1, last: j - 1)], j)
    }

    /// `, 1945.` closing a caption or a sentence: a year.
    func captionYear(_ i: Int) -> ([RawDate], Int)? {
        guard let (y, j) = year(i + 1), t[i + 1].digits == 4, t[i + 1].spaceBefore,
              j >= t.count || isPunct(j, ".") || t[j].lineStart else { return nil }
        return ([RawDate(form: .point(DatePoint(year: y)), first: i + 1, last: i + 1)], j)
    }

    /// At the start of a sentence: `1928, Japan …`, `1932 In August, …`, `1932, 16 In March, …`.
    func sentenceStartYear(_ i: Int) -> ([RawDate], Int)? {
        guard isSentenceStart(i), t[i].digits == 4, let (y, j) = year(i) else { return nil }
        if isPunct(j, ","), let (d, k, _) = day(j + 1), isWord(k, "in"), let (m, l) = month(k + 1),
           year(l) == nil, day(l) == nil {
            let p = DatePoint(year: y, month: m, day: d)
            return p.isValid ? ([RawDate(form: .point(p), first: i, last: l - 1)], l) : nil
        }
        if isWord(j, "in"), let (m, l) = month(j + 1), day(l) == nil, year(l) == nil {
            return ([RawDate(form: .point(DatePoint(year: y, month: m)), first: i, last: l - 1)], l)
        }
        if isPunct(j, ","), j + 1 < t.count, t[j + 1].isCapitalized, month(j + 1) == nil {
            return ([RawDate(form: .point(DatePoint(year: y)), first: i, last: i)], j)
        }
        return nil
    }

    /// `25 August`, `13 April 1941`, `5 April, 1946`, `16 and 17 August`.
    func dayLed(_ i: Int) -> ([RawDate], Int)? {
        // `13/17 August 1945`, `8/9 August`: two days of one month joined by a slash.
        if isNumber(i), t[i].digits <= 2, isPunct(i + 1, "/"), glued(i + 1), isNumber(i + 2), glued(i + 2),
           t[i + 2].digits <= 2, !(i > 0 && glued(i) && t[i - 1].kind != .punct),
           !(i + 3 < t.count && glued(i + 3)), t[i].value >= 1, t[i + 2].value > t[i].value, t[i + 2].value <= 31,
           let (m, l) = month(i + 3) {
            var (end, y) = (l, nil as Int?)
            if let (yy, n) = yearAfter(l) { y = yy; end = n }
            let a = DatePoint(year: y, month: m, day: t[i].value), b = DatePoint(year: y, month: m, day: t[i + 2].value)
            guard a.isValid, b.isValid else { return nil }
            return ([RawDate(form: .range(a, b), first: i, last: end - 1)], end)
        }
        guard let (d, j, _) = day(i) else { return nil }
        // The second day of a pair may be `the 9th` and its month `of August`: `from the 8th to
        // the 9th of August`, `between the 10th and the 12th of August`.
        func secondDay(_ a: Int) -> (Int, Int, Bool)? {
            if let r = day(a) { return r }
            if isWord(a, "the"), let r = day(a + 1), r.2 { return r }
            return nil
        }
        func monthOf(_ k: Int, ordinal: Bool) -> (Int, Int)? {
            if let r = month(k) { return r }
            if ordinal, isWord(k, "of") { return month(k + 1) }
            return nil
        }
        if isWord(j, "and"), let (d2, k, o2) = secondDay(j + 1), let (m, l) = monthOf(k, ordinal: o2) {
            var (end, y) = (l, nil as Int?)
            if let (yy, n) = yearAfter(l) { y = yy; end = n }
            let a = DatePoint(year: y, month: m, day: d), b = DatePoint(year: y, month: m, day: d2)
            guard a.isValid, b.isValid else { return nil }
            // `between 10 and 11 August`, `between the 10th and the 12th of August`: one span
            if isWord(i - 1, "between") || (isWord(i - 1, "the") && isWord(i - 2, "between")), d2 > d {
                return ([RawDate(form: .range(a, b), first: i, last: end - 1)], end)
            }
            return ([RawDate(form: .point(a), first: i, last: i), RawDate(form: .point(b), first: j + 1, last: end - 1)], end)
        }
        if isDash(j) || isWord(j, "to"), let (d2, k, o2) = (isDash(j) ? dayAfterDash(j + 1) : secondDay(j + 1)), d2 > d,
           let (m, l) = monthOf(k, ordinal: o2) {
            var (end, y) = (l, nil as Int?)
            if let (yy, n) = yearAfter(l) { y = yy; end = n }
            let a = DatePoint(year: y, month: m, day: d), b = DatePoint(year: y, month: m, day: d2)
            guard a.isValid, b.isValid else { return nil }
            return ([RawDate(form: .range(a, b), first: i, last: end - 1)], end)
        }
        guard let (m, k) = month(j) else { return nil }
        var p = DatePoint(year: nil, month: m, day: d)
        var end = k
        if let (y, n) = yearAfter(k) { p.year = y; end = n }
        // `9 August to 2 September 1945`, `9 August – 2 September`: a span across months
        if isWord(end, "to") || isWord(end, "until") || isWord(end, "till") || isDash(end),
           let (d2, k2, _) = day(end + 1), let (m2, l2) = month(k2) {
            var b = DatePoint(year: nil, month: m2, day: d2)
            var e = l2
            if let (y, n) = yearAfter(l2) { b.year = y; e = n }
            if p.year == nil { p.year = b.year }
            if b.year == nil { b.year = p.year }
            if p.isValid, b.isValid, (m2, d2) > (m, d) || (p.year ?? 0) < (b.year ?? 0) {
                return ([RawDate(form: .range(p, b), first: i, last: e - 1)], e)
            }
        }
        // `8 August at 5 p.m.`, `9 August 1945, at 0530 hours`
        if let (h, mi, n) = timeAfterDate(end) {
            p.hour = h
            p.minute = mi
            end = n
        }
        guard p.isValid else { return nil }
        return ([RawDate(form: .point(p), first: i, last: end - 1)], end)
    }

    /// A year after a day and month: `, 1945`, ` 1945`, `, 194 1`: (year, next token).
    /// After a day and month a number of modern years is a year even before a noun
    /// (`16 August 1945 marines landed`); an older one must not count something (`1500 soldiers`).
    func yearAfter(_ i: Int) -> (Int, Int)? {
        func ok(_ r: (Int, Int)) -> Bool { (1800...2099).contains(r.0) || !countsSomething(r.1) }
        if let r = year(i), ok(r) { return r }
        if isPunct(i, ","), let r = year(i + 1), ok(r) { return r }
        // `August 18, Showa 20 (1945)`: a Japanese era year, and the Western year after it
        var e = i
        if isPunct(e, ",") { e += 1 }
        if e < t.count, t[e].isCapitalized, let base = DateLexicon.eras[t[e].lower], isNumber(e + 1),
           t[e + 1].digits <= 2, t[e + 1].value >= 1 {
            let y = base + t[e + 1].value
            var end = e + 2
            if isPunct(end, "("), let r = year(end + 1), r.0 == y, isPunct(r.1, ")") { end = r.1 + 1 }
            return (y, end)
        }
        // `8–9 August [1945]`: an editor's bracketed year completes the date it follows.
        if isPunct(i, "[") || isPunct(i, "("), isNumber(i + 1), t[i + 1].digits == 4, let r = year(i + 1),
           (1800...2099).contains(r.0), isPunct(r.1, isPunct(i, "[") ? "]" : ")") {
            return (r.0, r.1 + 1)
        }
        return nil
    }

    /// Month first: `August 9, 1945`, `August 19th, 1945`, `August 9`, `August 8 17,` (17:00),
    /// `August 1945`, `September of 1945`, `May-August 1939`, `May to August 1939`,
    /// `August 11 to 25`, `August 18 to September 1`, `April 194 13`, and `on August 9 at 9 am`.
    func monthLed(_ i: Int) -> ([RawDate], Int)? {
        guard let (m, j) = month(i) else { return nil }
        // `April 194 13`: the year lost a digit.
        if isNumber(j), t[j].digits == 3, (180...199).contains(t[j].value), isNumber(j + 1), !glued(j + 1),
           t[j + 1].digits == 2, let (d, k, _) = day(j + 1) {
            return ([RawDate(form: .decadeDay(decade: t[j].value, month: m, day: d), first: i, last: k - 1)], k)
        }
        if let (d, k, suffixed) = day(j) {
            var p = DatePoint(year: nil, month: m, day: d)
            // ranges inside a month or across two
            if isWord(k, "to") || isDash(k) || isWord(k, "until") || isWord(k, "through") {
                if let (m2, l) = month(k + 1), let (d2, n, _) = day(l) {
                    var b = DatePoint(year: nil, month: m2, day: d2)
                    var end = n
                    if let (y, e) = yearAfter(n) { b.year = y; p.year = y; end = e }
                    if p.isValid, b.isValid {
                        return ([RawDate(form: .range(p, b), first: i, last: end - 1)], end)
                    }
                } else if let (d2, n, _) = day(k + 1) ?? (isDash(k) ? dayAfterDash(k + 1) : nil), month(n) == nil, d2 > d {
                    var b = DatePoint(year: nil, month: m, day: d2)
                    var end = n
                    if let (y, e) = yearAfter(n) { b.year = y; p.year = y; end = e }
                    if p.isValid, b.isValid {
                        return ([RawDate(form: .range(p, b), first: i, last: end - 1)], end)
                    }
                }
            }
            // `August 16 and 17, 1945`: two days
            if isWord(k, "and"), let (d2, n, _) = day(k + 1), month(n) == nil, d2 > d {
                var b = DatePoint(year: nil, month: m, day: d2)
                var end = n
                if let (y, e) = yearAfter(n) { b.year = y; p.year = y; end = e }
                if p.isValid, b.isValid {
                    return ([RawDate(form: .point(p), first: i, last: k - 1),
                             RawDate(form: .point(b), first: k + 1, last: end - 1)], end)
                }
            }
            var end = k
            if let (y, n) = yearAfter(k) {
                p.year = y
                end = n
            } else if !suffixed, isNumber(k), t[k].spaceBefore, t[k].digits <= 2, t[k].value <= 24,
                      isPunct(k + 1, ","), glued(k + 1) {
                // `On August 8 17,`: the hour follows the day.
                p.hour = t[k].value
                p.minute = 0
                guard p.isValid else { return nil }
                return ([RawDate(form: .point(p), first: i, last: k)], k + 1)
            }
            // `on August 9 at 9 am`
            if let (h, mi, n) = timeAfterDate(end) {
                p.hour = h
                p.minute = mi
                end = n
            }
            guard p.isValid else { return nil }
            return ([RawDate(form: .point(p), first: i, last: end - 1)], end)
        }
        // `May-August 1939`, `May to August 1939`, `between May and September 1939`
        if isDash(j) || isWord(j, "to") || (isWord(j, "and") && isWord(i - 1, "between")) {
            if let (m2, k) = month(j + 1), let (y, n) = yearAfter(k) {
                return ([RawDate(form: .range(DatePoint(year: y, month: m), DatePoint(year: y, month: m2)),
                                 first: i, last: n - 1)], n)
            }
        }
        var k = j
        if isWord(k, "of") { k += 1 }
        if let (y, n) = yearAfter(k) {
            return ([RawDate(form: .point(DatePoint(year: y, month: m)), first: i, last: n - 1)], n)
        }
        return nil
    }

    /// A month named alone after a preposition: `in June`, `early September`, `mid-September`.
    func bareMonth(_ i: Int) -> ([RawDate], Int)? {
        var j = i + 1
        if t[i].lower == "mid", isDash(j), glued(j) { j += 1 }
        guard let (m, k) = month(j), monthLed(j) == nil else { return nil }
        // `to March eastward`: a month followed by a lower-case word may be a verb or a noun.
        if t[j].lower == "march" || t[j].lower == "may" {
            if k < t.count, t[k].kind == .word, t[k].isLowercaseWord { return nil }
        }
        return ([RawDate(form: .point(DatePoint(year: nil, month: m)), first: i, last: k - 1)], k)
    }

    /// `At 17:00 on August 8`, `at 9 am on September 2, 1945`, `At 0:00 on the 9th`, `At 4:30`,
    /// `At dawn`.
    func atTime(_ i: Int) -> ([RawDate], Int)? {
        if let w = word(i + 1), DateLexicon.dayTimes.contains(w) {
            // `at dawn on 9 August`: the date names the day
            if isWord(i + 2, "on") || isWord(i + 2, "of"),
               let (dates, n) = monthLed(i + 3) ?? dayLed(i + 3), dates.count == 1,
               case .point(let p) = dates[0].form, p.day != nil {
                return ([RawDate(form: .point(p), first: i, last: n - 1)], n)
            }
            return ([RawDate(form: .relativeDay(0), first: i, last: i + 1)], i + 2)
        }
        let noon = isWord(i + 1, "noon") || isWord(i + 1, "midday")
        guard let (h, m, j) = noon ? (12, 0, i + 2) : (time(i + 1) ?? spelledClock(i + 1)) else { return nil }
        if isWord(j, "on") {
            if let (dates, n) = monthLed(j + 1) ?? dayLed(j + 1), dates.count == 1,
               case .point(var p) = dates[0].form, p.day != nil, p.hour == nil {
                p.hour = h
                p.minute = m
                return ([RawDate(form: .point(p), first: i, last: n - 1)], n)
            }
            if isWord(j + 1, "the"), let (d, n) = dayOrdinalAt(j + 2) {
                return ([RawDate(form: .point(DatePoint(year: nil, month: nil, day: d, hour: h, minute: m)),
                                 first: i, last: n - 1)], n)
            }
            // `at 5 p.m. on the previous day, 8 August`: the time goes with the day of its phrase.
            if isWord(j + 1, "the"), let w = word(j + 2), isWord(j + 3, "day"),
               let n = ["previous": -1, "same": 0, "next": 1, "following": 1][w] {
                var k = j + 4
                if isPunct(k, ",") { k += 1 }
                if let (dates, e) = monthLed(k) ?? dayLed(k), dates.count == 1,
                   case .point(var p) = dates[0].form, p.day != nil, p.hour == nil {
                    p.hour = h
                    p.minute = m
                    return ([RawDate(form: .point(p), first: i, last: e - 1)], e)
                }
                return ([RawDate(form: .relativeDayTime(n, hour: h, minute: m), first: i, last: j + 3)], j + 4)
            }
        }
        // `at 0530 on 20.8.45`, `At 0935 11.8.45`
        if let r = dateAfterTime(hour: h, minute: m, from: i, at: j) { return r }
        // `at 9 am on Monday`: the weekday, not the narrative's day, is the day of the time
        if isWord(j, "on"), j + 1 < t.count, t[j + 1].isCapitalized, DateLexicon.weekdays[t[j + 1].lower] != nil { return nil }
        // a time alone must not be a count (`at 4:30` is a time; `at 30 km` is not)
        return ([RawDate(form: .relativeTime(hour: h, minute: m), first: i, last: j - 1)], j)
    }

    /// `by noon on 20 August`, `until 17:00`, `by nightfall`, `before dawn`: a time (with the date of
    /// its phrase) or a time of day on the narrative's day. `before sunset on August 12` is left to
    /// the date.
    func timeBy(_ i: Int) -> ([RawDate], Int)? {
        guard let w = word(i + 1) ?? (isNumber(i + 1) ? "" : nil) else { return nil }
        if DateLexicon.dayTimes.contains(w) {
            if isWord(i + 2, "on") || isWord(i + 2, "of") { return nil }
            return ([RawDate(form: .relativeDay(0), first: i, last: i + 1)], i + 2)
        }
        let noon = w == "noon" || w == "midday"
        guard let (h, m, j) = noon ? (12, 0, i + 2) : time(i + 1) else { return nil }
        if let r = dateAfterTime(hour: h, minute: m, from: i, at: j) { return r }
        return ([RawDate(form: .relativeTime(hour: h, minute: m), first: i, last: j - 1)], j)
    }

    /// `about six in the morning`, `seven o'clock`, `nine in the evening`: (hour, minute, next).
    func spelledClock(_ i: Int) -> (Int, Int, Int)? {
        var k = i
        if isWord(k, "about") || isWord(k, "around") { k += 1 }
        guard let w = word(k), let h = DateLexicon.cardinalUnits[w], h <= 12 else { return nil }
        if isWord(k + 1, "o"), isPunct(k + 2, "'") || isPunct(k + 2, "’"), isWord(k + 3, "clock") {
            return (h, 0, k + 4)
        }
        guard isWord(k + 1, "in"), isWord(k + 2, "the"), let part = word(k + 3) else { return nil }
        switch part {
        case "morning": return (h == 12 ? 0 : h, 0, k + 4)
        case "afternoon", "evening": return (h == 12 ? 12 : h + 12, 0, k + 4)
        default: return nil
        }
    }

    /// The second day of `9-10` / `9–10`, glued to the dash: (day, next token, suffixed).
    func dayAfterDash(_ i: Int) -> (Int, Int, Bool)? {
        guard isNumber(i), t[i].digits <= 2, (1...31).contains(t[i].value) else { return nil }
        var j = i + 1
        var suffixed = false
        if j < t.count, glued(j), t[j].kind != .punct {
            guard t[j].kind == .word, DateLexicon.ordinalSuffixes.contains(t[j].lower) else { return nil }
            j += 1
            suffixed = true
        }
        return (t[i].value, j, suffixed)
    }

    /// `of August [1945]` after an ordinal day (`the 9th of August 1945`): (point, next token).
    func ofMonth(day d: Int, at j: Int) -> (DatePoint, Int)? {
        guard isWord(j, "of"), let (m, k) = month(j + 1) else { return nil }
        var p = DatePoint(year: nil, month: m, day: d)
        var end = k
        if let (y, n) = yearAfter(k) { p.year = y; end = n }
        return p.isValid ? (p, end) : nil
    }

    /// `9th`, `21st` (suffix required): (day, next token).
    func dayOrdinalAt(_ i: Int, small: Bool = false) -> (Int, Int)? {
        if let r = spelledOrdinal(i, small: small) { return r }
        guard let (d, j, suffixed) = day(i), suffixed else { return nil }
        return (d, j)
    }

    /// A spelled day ordinal: `eighteenth`, `twenty-first`, `thirty first`; `first`…`twelfth` only
    /// where `small` (before `of August`: alone they count ranks and turns): (day, next token).
    func spelledOrdinal(_ i: Int, small: Bool) -> (Int, Int)? {
        guard let w = word(i) else { return nil }
        if let v = DateLexicon.dayOrdinalWords[w] { return (v, i + 1) }
        if let tens = DateLexicon.ordinalTens[w] {
            var j = i + 1
            if isDash(j), glued(j), glued(j + 1) { j += 1 }
            if let u = word(j), let v = DateLexicon.ordinalWords[u], v <= 9, tens + v <= 31 { return (tens + v, j + 1) }
            return nil
        }
        if small, let v = DateLexicon.ordinalWords[w] { return (v, i + 1) }
        return nil
    }

    /// A cardinal number in words up to ninety-nine, or `a` (one): (value, next token).
    func spelledCardinal(_ i: Int) -> (Int, Int)? {
        guard let w = word(i) else { return nil }
        if let v = DateLexicon.cardinalUnits[w] { return (v, i + 1) }
        if w == "a" || w == "an" { return (1, i + 1) }
        guard let tens = DateLexicon.cardinalTens[w] else { return nil }
        var j = i + 1
        if isDash(j), glued(j), glued(j + 1) { j += 1 }
        if let u = word(j), let v = DateLexicon.cardinalUnits[u], v <= 9 { return (tens + v, j + 1) }
        return (tens, i + 1)
    }

    /// `On the night of August 8, 1945`, `On the afternoon of the 10th`, `In the evening of August 23`.
    /// Also `during the night of 20.8.45`, `by the morning of 19 August`, `on the night of 8/9 August`.
    func partOfDay(_ i: Int) -> ([RawDate], Int)? {
        guard isWord(i + 1, "the") else { return nil }
        // `in the early morning of`, `on the late afternoon of`
        let a = isWord(i + 2, "early") || isWord(i + 2, "late") ? i + 3 : i + 2
        guard let w = word(a), DateLexicon.partsOfDay.contains(w), isWord(a + 1, "of") else { return nil }
        let j = a + 2
        if let (dates, n) = monthLed(j) ?? dayLed(j), dates.count == 1 {
            switch dates[0].form {
            case .point(let p) where p.day != nil:
                return ([RawDate(form: .point(p.dayOnly), first: i, last: n - 1)], n)
            case .range(let a, let b) where a.day != nil && b.day != nil:
                return ([RawDate(form: .range(a.dayOnly, b.dayOnly), first: i, last: n - 1)], n)
            default: break
            }
        }
        if let (dates, n) = numericEventDate(j), dates.count == 1 {
            return ([RawDate(form: dates[0].form, first: i, last: n - 1)], n)
        }
        if isWord(j, "the"), let (d, n) = dayOrdinalAt(j + 1, small: true) {
            if let (p, e) = ofMonth(day: d, at: n) {
                return ([RawDate(form: .point(p), first: i, last: e - 1)], e)
            }
            return ([RawDate(form: .point(DatePoint(year: nil, day: d)), first: i, last: n - 1)], n)
        }
        return nil
    }

    /// `that night`, `that day`.
    func thatDay(_ i: Int) -> ([RawDate], Int)? {
        guard let w = word(i + 1), ["night", "day", "morning", "evening", "afternoon"].contains(w) else { return nil }
        // `that day off` / `that day of the week`: not a day of the narrative.
        if let n = word(i + 2), n == "off" || n == "of" { return nil }
        return ([RawDate(form: .relativeDay(0), first: i, last: i + 1)], i + 2)
    }

    /// Forms opening with `the`: `the same day`, `the next day`, `the second day of the campaign`,
    /// `the 1933 plan`, `the summer of 1945`. A season with no year (`closer to the summer`) is left
    /// out: which year it means is too often unclear.
    func theForms(_ i: Int) -> ([RawDate], Int)? {
        let startsWithOn = isWord(i - 1, "on") || isWord(i - 1, "by")
        let first = startsWithOn ? i - 1 : i
        // `the day before.`, `the previous day`, `the next morning`
        if isWord(i + 1, "day"), isWord(i + 2, "before"), i + 3 >= t.count || t[i + 3].kind == .punct {
            return ([RawDate(form: .relativeDay(-1), first: first, last: i + 2)], i + 3)
        }
        if let w = word(i + 1), let part = word(i + 2), ["morning", "night", "evening", "afternoon"].contains(part) {
            if w == "next" || w == "following" { return ([RawDate(form: .relativeDay(1), first: first, last: i + 2)], i + 3) }
            if w == "same" { return ([RawDate(form: .relativeDay(0), first: first, last: i + 2)], i + 3) }
        }
        if let w = word(i + 1), isWord(i + 2, "day") {
            if w == "previous" { return ([RawDate(form: .relativeDay(-1), first: first, last: i + 2)], i + 3) }
            if w == "same" { return ([RawDate(form: .relativeDay(0), first: first, last: i + 2)], i + 3) }
            if w == "next" || w == "following" {
                return ([RawDate(form: .relativeDay(1), first: first, last: i + 2)], i + 3)
            }
            if let n = DateLexicon.ordinalWords[w], isWord(i + 3, "of"), isWord(i + 4, "the"),
               let noun = word(i + 5), DateLexicon.campaignNouns.contains(noun) {
                return ([RawDate(form: .campaignDay(n), first: first, last: i + 5)], i + 6)
            }
        }
        // `the end of the month`, `the end of August [1945]`
        if let w = word(i + 1), ["end", "beginning", "middle", "start"].contains(w), isWord(i + 2, "of") {
            let first = isWord(i - 1, "by") || isWord(i - 1, "at") || isWord(i - 1, "towards") || isWord(i - 1, "until")
                || isWord(i - 1, "till") || isWord(i - 1, "from") || isWord(i - 1, "to") ? i - 1 : i
            if isWord(i + 3, "the"), isWord(i + 4, "month") {
                return ([RawDate(form: .narrativeMonth, first: first, last: i + 4)], i + 5)
            }
            // (with its year the month reads alone: `the beginning of July 1941` is `July 1941`)
            if let (m, k) = month(i + 3), day(k) == nil, yearAfter(k) == nil {
                return ([RawDate(form: .point(DatePoint(year: nil, month: m)), first: first, last: k - 1)], k)
            }
        }
        // `from the 8th to the 9th of August`, `the 10th–12th of August`: two days, one month.
        if let (d, j) = dayOrdinalAt(i + 1, small: true), isWord(j, "to") || isDash(j) {
            let a = isWord(j + 1, "the") ? j + 2 : j + 1
            if let (d2, k) = dayOrdinalAt(a, small: true), d2 > d, let (b, n) = ofMonth(day: d2, at: k) {
                let start = DatePoint(year: b.year, month: b.month, day: d)
                let from = isWord(i - 1, "from") ? i - 1 : i
                if start.isValid { return ([RawDate(form: .range(start, b), first: from, last: n - 1)], n) }
            }
        }
        // `the 9th of August 1945`, `the eighteenth of August`, `the first of September`
        if let (d, j) = dayOrdinalAt(i + 1, small: true), let (p, n) = ofMonth(day: d, at: j) {
            return ([RawDate(form: .point(p), first: i, last: n - 1)], n)
        }
        // `the 1933 operational plan`, `The 194 1 year plan`
        if let (y, j) = year(i + 1), j < t.count, t[j].isLowercaseWord, !countsSomething(j) {
            return ([RawDate(form: .point(DatePoint(year: y)), first: i + 1, last: j - 1)], j)
        }
        if let w = word(i + 1), DateLexicon.seasons[w] != nil { return season(i + 1, from: i) }
        return nil
    }

    /// `spring of 1946`, `the summer of 1945`, and the damaged `1in the spring of 945`.
    func season(_ i: Int, from first: Int) -> ([RawDate], Int)? {
        guard let w = word(i), let s = DateLexicon.seasons[w] else { return nil }
        // `summer 1945`
        if let (y, n) = year(i + 1), t[i + 1].digits == 4, (1800...2099).contains(y) || !countsSomething(n) {
            return ([RawDate(form: .point(DatePoint(year: y, season: s)), first: first, last: n - 1)], n)
        }
        guard isWord(i + 1, "of") else { return nil }
        if let (y, n) = year(i + 2), t[i + 2].digits == 4 || t[i + 2].digits == 3 {
            return ([RawDate(form: .point(DatePoint(year: y, season: s)), first: first, last: n - 1)], n)
        }
        // `945` for 1945, where the lost `1` stands glued to the sentence's first word (`1in the spring`).
        if isNumber(i + 2), t[i + 2].digits == 3, t[i + 2].value >= 900, strayLeadingOne(before: i),
           !(i + 3 < t.count && glued(i + 3) && t[i + 3].kind != .punct) {
            return ([RawDate(form: .point(DatePoint(year: 1000 + t[i + 2].value, season: s)), first: first,
                             last: i + 2)], i + 3)
        }
        return nil
    }

    /// The sentence opens with a `1` glued to its first word (`1in`): a year's lost first digit.
    func strayLeadingOne(before i: Int) -> Bool {
        let s = sentenceOf[min(i, t.count - 1)]
        return isNumber(s) && t[s].value == 1 && t[s].digits == 1 && s + 1 < t.count && glued(s + 1)
            && t[s + 1].kind == .word
    }

    /// A diary's or a log's day heading: an ordinal day opening a line and closed by a full stop,
    /// a colon or a dash (`11th. We walked all night`, `The 13th. We slept…`, `14th —`).
    func headingDay(_ i: Int, first: Int) -> ([RawDate], Int)? {
        guard let (d, j, suffixed) = day(i), suffixed, isPunct(j, ".") || isPunct(j, ":") || isDash(j) else { return nil }
        return ([RawDate(form: .point(DatePoint(year: nil, day: d)), first: first, last: j - 1)], j)
    }

    /// `on the 9th`, `Since the 18th`, `On the 20th and 21st` — but not `the 88th Infantry`.
    func dayOrdinal(_ i: Int) -> ([RawDate], Int)? {
        guard isWord(i + 1, "the") else { return nil }
        // `from the 8th to the 9th of August`: the "the"-led span.
        if let r = theForms(i + 1), case .range = r.0.first?.form { return r }
        if let (d, j) = dayOrdinalAt(i + 2, small: true), let (p, n) = ofMonth(day: d, at: j) {
            return ([RawDate(form: .point(p), first: i + 1, last: n - 1)], n)
        }
        guard let (d, j) = dayOrdinalAt(i + 2) else { return nil }
        // a preposition left at the end of the line before (`on\nthe 25th`) does not start it
        var out = [RawDate(form: .point(DatePoint(year: nil, day: d)), first: t[i + 1].lineStart ? i + 1 : i, last: j - 1)]
        var end = j
        // `the 19th and 20th`, `the 13th or 14th`: two days
        if isWord(j, "and") || isWord(j, "or"), let (d2, k) = dayOrdinalAt(j + 1) {
            out.append(RawDate(form: .point(DatePoint(year: nil, day: d2)), first: j + 1, last: k - 1))
            end = k
        }
        if end < t.count, t[end].kind == .word {
            // `on the 22nd three ships were sunk`: a count may follow the day
            // `On the 10th Mongolia declared war`: a name may follow, but not the noun the number ranks
            // (`on the 10th Army`, `on the 20th Anniversary`)
            guard DateLexicon.afterDayOrdinal.contains(t[end].lower) || DateLexicon.cardinalUnits[t[end].lower] != nil
                    || (t[end].isCapitalized && !DateLexicon.rankedNouns.contains(t[end].lower) && month(end) == nil)
            else { return nil }
            if t[end].lower == "and", let w = word(end + 1), DateLexicon.ordinalWords[w] != nil { return nil }
        }
        // `on the 15th at noon`, `the 9th at 0530 hours`: the time goes with its day
        if out.count == 1 {
            var a = end
            if isPunct(a, ","), isWord(a + 1, "at") { a += 1 }
            let clock: (Int, Int, Int)? = isWord(a, "at") && (isWord(a + 1, "noon") || isWord(a + 1, "midday"))
                ? (12, 0, a + 2) : timeAfterDate(end)
            if let (h, mi, n) = clock {
                out[0] = RawDate(form: .point(DatePoint(year: nil, day: d, hour: h, minute: mi)), first: out[0].first, last: n - 1)
                end = n
            }
        }
        return (out, end)
    }

    /// `between 1939 and 1945`, `from 1939 to 1945`.
    func yearRange(_ i: Int) -> ([RawDate], Int)? {
        guard let (a, j) = year(i + 1), t[i + 1].digits == 4 else { return nil }
        let joined = t[i].lower == "between" ? isWord(j, "and") : (isWord(j, "to") || isDash(j))
        guard joined, let (b, k) = year(j + 1), t[j + 1].digits == 4, b >= a, !countsSomething(k) else { return nil }
        return ([RawDate(form: .range(DatePoint(year: a), DatePoint(year: b)), first: i, last: k - 1)], k)
    }

    /// `in 1938`, `since 1931`, `of 1961`, `until 1947` — not `of 1565 artillery`, not `in 1930s`.
    func prepositionYear(_ i: Int) -> ([RawDate], Int)? {
        let at = t[i].lower == "mid" && isDash(i + 1) ? i + 2 : i + 1
        guard let (y, j) = year(at), t[at].digits == 4 else { return nil }
        if let r = yearSpan(at) { return r }
        // `in 1945 soldiers acted` is a year; `a total of 1945 soldiers` is a count
        // `from 4096 to 1024`, `450 to 500`: a span of counts
        if t[i].lower == "to" || t[i].lower == "and", isNumber(i - 1) { return nil }
        let strong = DateLexicon.strongYearPrepositions.contains(t[i].lower) && (1800...2099).contains(y)
        if !strong, countsSomething(j) { return nil }
        if isWord(j, "to") || isWord(j, "and"), isNumber(j + 1) { return nil }
        return ([RawDate(form: .point(DatePoint(year: y)), first: at, last: j - 1)], j)
    }

    /// `14 Zhan Baoqing.`: a day number alone opening a sentence, before a name.
    func loneDay(_ i: Int) -> ([RawDate], Int)? {
        guard isSentenceStart(i), t[i].digits <= 2, (1...31).contains(t[i].value), i + 1 < t.count,
              t[i + 1].spaceBefore, t[i + 1].isCapitalized, month(i + 1) == nil,
              !countsSomething(i + 1), !DateLexicon.countNouns.contains(t[i + 1].lower) else { return nil }
        // a name, not a sentence: the next word is capitalised too or the sentence ends soon
        let s = sentenceOf[i]
        var n = i + 1
        while n < t.count, sentenceOf[n] == s { n += 1 }
        guard n - i <= 6 else { return nil }
        return ([RawDate(form: .loneDay(t[i].value), first: i, last: i)], i + 1)
    }
    // MARK: - other styles: numeric dates, military times, news reports

    /// `19.8.45`, `19/8/1945`, `8/19/45` in running text (a stamp in brackets or a dateline is read
    /// before): which number is the day is settled by the resolver.
    func numericEventDate(_ i: Int) -> ([RawDate], Int)? {
        guard isNumber(i), isNumber(i + 2), isNumber(i + 4), t[i].digits <= 2, t[i + 2].digits <= 2,
              t[i + 4].digits == 2 || t[i + 4].digits == 4 else { return nil }
        let sep = t[i + 1].text
        guard sep == "." || sep == "/", isPunct(i + 3, sep), glued(i + 1), glued(i + 2), glued(i + 3), glued(i + 4)
        else { return nil }
        // not a part of a longer run (`1.2.45.6`, `192.168.1.10`, `v1.2.20`, `12:1/2/45`)
        if i + 5 < t.count, glued(i + 5) {
            if t[i + 5].kind != .punct { return nil }
            if t[i + 5].text == sep || t[i + 5].text == "." || t[i + 5].text == "/", isNumber(i + 6), glued(i + 6) {
                return nil
            }
        }
        if i > 0, glued(i) {
            // only an opening bracket or quote may touch it (not `§2.1.12`, `v1.2.20`, `-1.2.45`)
            guard t[i - 1].kind == .punct, DateTokenizer.openers.contains(t[i - 1].text) else { return nil }
        }
        let a = t[i].value, b = t[i + 2].value, y = t[i + 4].value
        guard a >= 1, b >= 1, a <= 31, b <= 31, a <= 12 || b <= 12 else { return nil }
        // With a two-digit year (`3.2.15` may be a model or a version), only where a date may stand:
        // opening a line, after a preposition, a time, a bracket or a clause mark.
        if t[i + 4].digits == 2, i > 0, !t[i].lineStart {
            let p = t[i - 1]
            switch p.kind {
            case .number: break
            case .punct: guard ["(", "[", ",", ";", ":", "-", "–", "—", "\"", "“"].contains(p.text) else { return nil }
            case .word:
                guard DateLexicon.dayPrepositions.contains(p.lower) || DateLexicon.partOfDayPrepositions.contains(p.lower)
                        || ["of", "dated", "at", "and", "or", "hours", "hrs", "h"].contains(p.lower) else { return nil }
            }
        }
        if t[i + 4].digits == 4, !(1800...2099).contains(y) { return nil }
        var end = i + 5
        var hour: Int?, minute: Int?
        if let (h, mi, n) = timeAfterDate(end) { hour = h; minute = mi; end = n }
        return ([RawDate(form: .numeric(first: a, second: b, year: y, yearDigits: t[i + 4].digits, dotted: sep == ".",
                                        hour: hour, minute: minute), first: i, last: end - 1)], end)
    }

    /// A military time standing alone, `0530 hours`, `0100 hrs` (a bare `0530` only after `at`):
    /// on the day of its phrase (`0100 hrs on 9 August`) or on the narrative's day.
    func militaryLed(_ i: Int) -> ([RawDate], Int)? {
        guard let (h, m, j) = militaryTime(i, bare: false) else { return nil }
        if let r = dateAfterTime(hour: h, minute: m, from: i, at: j) { return r }
        return ([RawDate(form: .relativeTime(hour: h, minute: m), first: i, last: j - 1)], j)
    }

    /// `on 9 August`, `on August 9`, `on 20.8.45` after a time: the date with the time.
    func dateAfterTime(hour h: Int, minute m: Int, from i: Int, at j: Int) -> ([RawDate], Int)? {
        var k = j
        if isPunct(k, ",") { k += 1 }
        if !isWord(k, "on") {
            // `0500 11.8.45`: the date right after the time
            guard numericEventDate(k) != nil else { return nil }
            k -= 1
        }
        if let (dates, n) = monthLed(k + 1) ?? dayLed(k + 1), dates.count == 1,
           case .point(var p) = dates[0].form, p.day != nil, p.hour == nil {
            p.hour = h
            p.minute = m
            return ([RawDate(form: .point(p), first: i, last: n - 1)], n)
        }
        if let (dates, n) = numericEventDate(k + 1), dates.count == 1,
           case .numeric(let a, let b, let y, let yd, let dotted, nil, nil) = dates[0].form {
            return ([RawDate(form: .numeric(first: a, second: b, year: y, yearDigits: yd, dotted: dotted,
                                            hour: h, minute: m), first: i, last: n - 1)], n)
        }
        return nil
    }

    /// `66 years ago`, `sixty-six years ago`, `a year ago`, `three days ago`.
    func yearsAgo(_ i: Int) -> ([RawDate], Int)? {
        var n: Int, j: Int
        if isNumber(i) {
            guard t[i].digits <= 3, !(i > 0 && glued(i) && t[i - 1].kind != .punct) else { return nil }
            n = t[i].value
            j = i + 1
        } else if let (v, k) = spelledCardinal(i) {
            n = v
            j = k
        } else {
            return nil
        }
        guard let unit = word(j), n >= 1 else { return nil }
        if unit == "years" || (unit == "year" && n == 1) || unit == "decades" || (unit == "decade" && n == 1),
           let w = word(j + 1), w == "later" || w == "earlier" {
            // `Six years later`, `Four decades later`: counted from the narrative's last year
            let years = unit.hasPrefix("decade") ? 10 * n : n
            return ([RawDate(form: .yearsLater(w == "later" ? years : -years), first: i, last: j + 1)], j + 2)
        }
        guard isWord(j + 1, "ago") else { return nil }
        switch unit {
        case "years", "year":
            guard unit == "years" || n == 1 else { return nil }
            // `66 years ago today`: that day, so many years back
            if let w = word(j + 2), w == "today" || w == "tonight" {
                return ([RawDate(form: .yearsAgoToday(n), first: i, last: j + 2)], j + 3)
            }
            if isWord(j + 2, "to"), isDash(j + 3), isWord(j + 4, "day") {
                return ([RawDate(form: .yearsAgoToday(n), first: i, last: j + 4)], j + 5)
            }
            return ([RawDate(form: .yearsAgo(n), first: i, last: j + 1)], j + 2)
        case "days", "day":
            guard (unit == "days" || n == 1), n <= 31 else { return nil }
            return ([RawDate(form: .newsDay(-n), first: i, last: j + 1)], j + 2)
        default:
            return nil
        }
    }

    /// Whether the word at i is written in capitals (`LONDON`).
    func isAllCaps(_ i: Int) -> Bool {
        guard i < t.count, t[i].kind == .word else { return false }
        var letters = 0
        for u in t[i].text.unicodeScalars {
            if u.isLowercaseFast { return false }
            if u.isUppercaseFast { letters += 1 }
        }
        return letters >= 2
    }

    /// A newspaper dateline opening a line: `LONDON, Aug. 22.`, `MOSCOW, Aug. 10 (AP) —`,
    /// `CHUNGKING, Friday, Aug. 10, 1945 —`. A place in capitals may close with a full stop; a
    /// place written `London` needs the agency or the dash (a sentence may open `Harbin, August 20`).
    func newsDateline(_ i: Int) -> ([RawDate], Int)? {
        guard t[i].kind == .word, t[i].isCapitalized, month(i) == nil,
              DateLexicon.weekdays[t[i].lower] == nil else { return nil }
        let caps = isAllCaps(i)
        var j = i + 1
        while j < i + 4, j < t.count, t[j].kind == .word, t[j].isCapitalized, isAllCaps(j) == caps { j += 1 }
        guard isPunct(j, ","), glued(j) else { return nil }
        j += 1
        // `ASHEVILLE, N.C. (August 11, 2020) —`: a state written short, the date in brackets
        if month(j) == nil, j < t.count, t[j].isCapitalized, DateLexicon.weekdays[t[j].lower] == nil {
            var k = j
            while k < j + 5, k < t.count, (t[k].kind == .word && t[k].isCapitalized) || (isPunct(k, ".") && glued(k)) { k += 1 }
            if isPunct(k, "("), let (dates, n) = monthLed(k + 1), dates.count == 1, case .point(let p) = dates[0].form,
               p.day != nil, p.year != nil, isPunct(n, ")") {
                return ([RawDate(form: .dateline(p), first: k + 1, last: n - 1)], n + 1)
            }
            return nil
        }
        if let w = word(j), DateLexicon.weekdays[w] != nil, t[j].isCapitalized {
            j += 1
            if isPunct(j, ",") { j += 1 }
        }
        guard let (m, k) = month(j), let (d, l, _) = day(k) else { return nil }
        var p = DatePoint(year: nil, month: m, day: d)
        var end = l
        if let (y, n) = yearAfter(l) { p.year = y; end = n }
        let agencyOrDash = isPunct(end, "(") || isDash(end) || isPunct(end, ":")
        guard end >= t.count || agencyOrDash || (caps && isPunct(end, ".")), p.isValid else { return nil }
        return ([RawDate(form: .dateline(p), first: j, last: end - 1)], end)
    }

    /// The words of a news report that date by its dateline: `to-day`, `today`, `yesterday`,
    /// `to-morrow`, `to-night`, `last night`, `this morning`, `on Tuesday`.
    func newsRelative(_ i: Int) -> ([RawDate], Int)? {
        let w = t[i].lower
        if let n = DateLexicon.newsDays[w] {
            if glued(i + 1), t[i + 1].kind == .word { return nil }
            return ([RawDate(form: .newsDay(n), first: i, last: i)], i + 1)
        }
        if w == "to", isDash(i + 1), glued(i + 1), glued(i + 2), let v = word(i + 2),
           let n = ["day": 0, "night": 0, "morrow": 1][v] {
            return ([RawDate(form: .newsDay(n), first: i, last: i + 2)], i + 3)
        }
        if w == "last", isWord(i + 1, "night") {
            return ([RawDate(form: .newsDay(-1), first: i, last: i + 1)], i + 2)
        }
        if w == "this" || w == "last" || w == "next", isWord(i + 1, "year") {
            return ([RawDate(form: .yearsAgo(w == "this" ? 0 : w == "last" ? 1 : -1), first: i, last: i + 1)], i + 2)
        }
        if w == "this", let v = word(i + 1), ["morning", "afternoon", "evening"].contains(v) {
            return ([RawDate(form: .newsDay(0), first: i, last: i + 1)], i + 2)
        }
        if let d = DateLexicon.weekdays[w], t[i].isCapitalized, !isWord(i - 1, "the"), !isWord(i - 1, "a"),
           !isWord(i - 1, "every") {
            // `Friday, August 10, 1945`: the date that follows says it all.
            var k = i + 1
            if isPunct(k, ",") { k += 1 }
            if monthLed(k) != nil || dayLed(k) != nil || numericEventDate(k) != nil { return nil }
            if isPunct(k, "the") || isWord(k, "the"), dayOrdinalAt(k + 1, small: true) != nil { return nil }
            let first = isWord(i - 1, "on") || isWord(i - 1, "last") ? i - 1 : i
            return ([RawDate(form: .newsWeekday(d), first: first, last: i)], i + 1)
        }
        return nil
    }

    /// Day and month written with dots in the Soviet manner: `9–25.8.45`, `12–15.8` (a span of days),
    /// and `11.8` after a preposition (`by the end of 11.8`, `on 9.8`). The resolver reads a
    /// yearless one only in a document that writes full dates this way (`19.8.45`).
    func dottedDays(_ i: Int) -> ([RawDate], Int)? {
        guard isNumber(i), t[i].digits <= 2, !(i > 0 && glued(i) && !DateTokenizer.openers.contains(t[i - 1].text)) else {
            return nil
        }
        var from: Int?
        var k = i
        if isDash(i + 1), glued(i + 1), isNumber(i + 2), glued(i + 2), t[i + 2].digits <= 2 {
            guard t[i + 2].value > t[i].value else { return nil }
            from = t[i].value
            k = i + 2
        }
        guard isPunct(k + 1, "."), glued(k + 1), isNumber(k + 2), glued(k + 2), t[k + 2].digits <= 2,
              (1...12).contains(t[k + 2].value), (1...31).contains(t[k].value) else { return nil }
        var end = k + 3
        var year: Int?, digits = 0
        if isPunct(end, "."), glued(end), isNumber(end + 1), glued(end + 1),
           t[end + 1].digits == 2 || (t[end + 1].digits == 4 && (1800...2099).contains(t[end + 1].value)) {
            year = t[end + 1].value
            digits = t[end + 1].digits
            end += 2
        }
        // not part of a longer run of numbers or a word
        if end < t.count, glued(end) {
            if t[end].kind != .punct { return nil }
            if (t[end].text == "." || t[end].text == "-" || t[end].text == "/"), isNumber(end + 1), glued(end + 1) { return nil }
        }
        if from == nil {
            // a yearless `11.8` only after a preposition, and not before a unit (`by 11.8 km`)
            if year == nil {
                guard let w = word(i - 1), DateLexicon.dayPrepositions.contains(w) || w == "of" else { return nil }
                if countsSomething(end) || DateLexicon.countNouns.contains(word(end) ?? "") { return nil }
                if let w = word(end), ["km", "m", "cm", "mm", "kg", "t"].contains(w) { return nil }
            } else {
                return nil  // `19.8.45` is read by `numericEventDate`
            }
        }
        return ([RawDate(form: .dottedDays(from: from, to: t[k].value, month: t[k + 2].value, year: year,
                                           yearDigits: digits), first: i, last: end - 1)], end)
    }

    /// `Posted November 21, 2020`, `Published: 9 August 2011` opening a line: the date of the text.
    func posted(_ i: Int) -> ([RawDate], Int)? {
        var j = i + 1
        // `By Staff Writer | 9 August 2011`: a byline, then its date
        if t[i].lower == "by" {
            while j < i + 6, j < t.count, t[j].kind == .word, t[j].isCapitalized { j += 1 }
            guard j > i + 1, j < t.count, t[j].kind == .punct, ["|", "·", ",", "-", "–", "—"].contains(t[j].text) else {
                return nil
            }
            j += 1
        }
        if isPunct(j, ":") || isWord(j, "on") { j += 1 }
        guard let (dates, n) = monthLed(j) ?? dayLed(j), dates.count == 1, case .point(let p) = dates[0].form,
              p.year != nil, p.day != nil else { return nil }
        return ([RawDate(form: .publication(p.dayOnly), first: j, last: n - 1)], n)
    }
}
