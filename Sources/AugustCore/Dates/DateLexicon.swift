import Foundation

/// The small lexicon of the temporal tagger: calendar words, the words that make a date
/// hypothetical, and the words that mark a count rather than a year. No date of any text is
/// listed here.
enum DateLexicon {
    /// Month names (capitalised in the text) and their common abbreviations.
    static let months: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december"]
        var out: [String: Int] = [:]
        for (i, n) in names.enumerated() { out[n] = i + 1 }
        let abbreviations = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                             "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12]
        for (k, v) in abbreviations { out[k] = v }
        return out
    }()
    static let abbreviatedMonths: Set<String> = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]

    static let seasons: [String: Season] = [
        "spring": .spring, "summer": .summer, "autumn": .autumn, "fall": .autumn, "winter": .winter,
    ]

    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]

    static let ordinalWords: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    ]
    /// Spelled ordinals beyond twelfth that can name a day of the month on their own
    /// (`the eighteenth`); the tens combine with `ordinalWords` (`twenty-first`, `thirty first`).
    static let dayOrdinalWords: [String: Int] = [
        "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
        "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    ]
    static let ordinalTens: [String: Int] = ["twenty": 20, "thirty": 30]

    /// Cardinal numbers in words, for `sixty-six years ago`.
    static let cardinalUnits: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    static let cardinalTens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90,
    ]

    /// Days of the week, Sunday = 0 (capitalised in the text).
    static let weekdays: [String: Int] = [
        "sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    ]

    /// Words of a news report that date by its dateline: offsets in days (`to-day` is read as
    /// `to`, `-`, `day`).
    static let newsDays: [String: Int] = ["today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0]

    /// Words that open a subordinate aside (`as a young colonel in 1919`, `who had fought there in
    /// 1939`): a year standing in such a clause is background, not the narrative's year.
    static let subordinators: Set<String> = [
        "as", "when", "whenever", "while", "whilst", "who", "whom", "whose", "which", "where", "whereas",
        "although", "though", "once", "since", "because", "if", "unless", "having", "like", "unlike",
    ]

    /// Verbs that follow a question word (`Where were you…`, `When did you…`): a question, not a
    /// subordinate aside.
    static let questionAuxiliaries: Set<String> = [
        "were", "was", "did", "do", "does", "had", "have", "has", "is", "are", "will", "would", "could", "can",
    ]

    /// Words of a person's life story: a date in their clause is a biography, not the narrative.
    static let biographyWords: Set<String> = [
        "born", "died", "young", "youth", "childhood", "boyhood", "aged", "graduated", "graduating",
        "studied", "married", "retired", "career", "cadet", "enlisted",
    ]

    /// Words that may stand between the start of a sentence and a year that frames what follows
    /// (`In 1945,`, `In the summer of 1945`, `Early in 1945`).
    static let framingWords: Set<String> = ["in", "during", "by", "early", "late", "mid", "the", "of", "throughout"]

    /// Prepositions before `the night of …`, `the morning of …`.
    static let partOfDayPrepositions: Set<String> = [
        "on", "in", "during", "by", "until", "till", "through", "throughout", "before", "after", "since", "from",
    ]

    /// Japanese era names and the year before each era's first (`Showa 20` = 1945).
    static let eras: [String: Int] = ["meiji": 1867, "taisho": 1911, "taishō": 1911, "showa": 1925, "shōwa": 1925]

    /// Times of day that date by the narrative's day (`by nightfall`, `at dusk`).
    static let dayTimes: Set<String> = ["dawn", "daybreak", "sunrise", "nightfall", "dusk", "sunset", "sundown"]

    /// Words of a sentence that put a weekday in the future (`is expected … on Wednesday`).
    static let futureCues: Set<String> = ["will", "shall", "expected", "scheduled", "plan", "plans", "planned",
                                          "forecast", "upcoming", "next", "ll"]

    /// Words before a date opening a line that make it the date of the text (`Posted November 21, 2020`).
    static let publicationWords: Set<String> = ["posted", "published", "updated", "dated", "filed", "by"]

    /// Words after a four-digit time (`0530 hours`).
    static let hourWords: Set<String> = ["hours", "hrs", "hr", "h"]

    /// Small numbers in words (`two days later`).
    static let countWords: [String: Int] = [
        "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10,
    ]

    /// Prepositions that can stand before `the 9th` when it names a day of the narrative's month.
    static let dayPrepositions: Set<String> = ["on", "since", "by", "until", "till", "from", "to", "after", "before", "through"]

    /// Prepositions that make a bare four-digit number a year (`in 1938`, `since 1931`).
    static let yearPrepositions: Set<String> = ["in", "of", "since", "until", "till", "by", "from", "to",
                                                "before", "after", "during", "around", "circa", "c",
                                                "early", "late", "mid"]

    /// Prepositions after which a modern four-digit number is a year even before a plural noun.
    static let strongYearPrepositions: Set<String> = ["in", "since", "until", "till", "during", "early", "late", "mid"]

    /// Prepositions and modifiers before a month named alone (`in June`, `early September`).
    static let monthPrepositions: Set<String> = ["in", "since", "until", "till", "by", "early", "late", "mid", "from", "for", "during"]

    /// Words that may follow `on the 14th` (anything else — `the 88th Infantry`, `the 16th group` —
    /// means the ordinal counts something).
    static let afterDayOrdinal: Set<String> = ["and", "to", "at", "in", "on", "when", "after", "before", "but",
                                               "with", "while", "as", "of", "the", "a", "it", "they", "he", "she",
                                               "we", "there", "then", "this", "that", "until", "till", "because",
                                               "although", "though", "or", "so", "where", "for",
                                               // `On the 19th our division went by train`
                                               "our", "my", "his", "her", "their", "its", "i", "you", "an",
                                               "these", "those", "some", "all", "every", "each", "many", "nobody"]

    /// Nouns a number ranks (`the 10th Army`, `the 20th Anniversary`): after `on the 10th` they show
    /// the ordinal is no day.
    static let rankedNouns: Set<String> = [
        "army", "armies", "division", "divisions", "corps", "brigade", "brigades", "regiment", "regiments",
        "battalion", "front", "fleet", "flotilla", "infantry", "tank", "tanks", "guards", "rifle", "air", "cavalry",
        "mechanized", "mechanised", "motorized", "motorised", "shock", "sniper", "area", "district", "detachment",
        "group", "company", "squadron", "artillery", "naval", "marine", "border", "fortified", "special", "separate",
        "anniversary", "century", "congress", "parallel", "birthday", "session", "plenum", "party", "conference",
        "amendment", "street", "avenue", "precinct", "ward", "floor", "edition", "volume", "chapter",
    ]

    /// Nouns of time before `of 1945` (`the end of 1945`): the year is the time told, not a name.
    static let timeNouns: Set<String> = [
        "end", "beginning", "start", "middle", "half", "part", "course", "spring", "summer", "autumn", "winter",
        "fall", "days", "months", "weeks", "year", "years", "events", "night", "morning", "evening",
    ]

    /// Parts of the day in `on the night of …`.
    static let partsOfDay: Set<String> = ["night", "morning", "afternoon", "evening", "dawn", "noon", "midday"]

    /// Nouns of a campaign in `the second day of the campaign`.
    static let campaignNouns: Set<String> = ["campaign", "operation", "offensive", "war", "attack", "invasion"]

    /// Words before a date that make it hypothetical: a plan, an order, a forecast, a condition.
    static let hypotheticalCues: Set<String> = [
        "may", "might", "would", "could", "should", "scheduled", "planned", "plan", "plans", "planning",
        "expected", "forecast", "predicted", "ordered", "asked", "deadline", "intended", "supposed", "if",
    ]
    /// Words right before a date that make it a deadline (`before sunset on August 12`).
    static let deadlineCues: Set<String> = ["sunset", "sunrise", "dawn", "midnight", "noon", "later", "deadline"]

    /// Words of a passage that speak of holidays: a day-and-month with no year there is a recurring day.
    static let holidayWords: [String] = ["holiday", "working day", "day off", "celebrat", "anniversar",
                                         "commemorat", "victory day", "every year", "annually"]
    /// Days that are commemorated every year (month, day): New Year, Defender's Day, Women's Day,
    /// May Day, Victory Day, Russia Day, VJ-Day and Victory over Japan, Revolution Day, Christmas.
    static let recurringDays: Set<Int> = [101, 223, 308, 501, 509, 612, 815, 902, 903, 1107, 1225]

    /// Nouns that show a number counts something (`1565 artillery`, `3000 people`).
    static let countNouns: Set<String> = [
        "people", "men", "women", "soldiers", "troops", "officers", "members", "persons", "prisoners",
        "tanks", "aircraft", "planes", "guns", "artillery", "mortars", "cars", "horses", "ships", "divisions",
        "brigades", "regiments", "km", "kilometers", "kilometres", "miles", "meters", "metres", "tons",
        "pieces", "units", "casualties", "killed", "dead", "wounded", "million", "thousand", "hundred",
        "percent", "days", "years", "months", "weeks", "hours", "minutes", "victims", "cities", "villages",
    ]

    /// Words of a launch of operations (`launched an attack`; also `crossed` with `border`): the first
    /// such dated sentence of a document sets the campaign's first day.
    static let launchWords: Set<String> = ["launched", "launch", "launches"]

    /// The parts a word can play in the grammar (the patterns a token may open).
    struct Roles: OptionSet, Sendable {
        let rawValue: UInt32
        static let news = Roles(rawValue: 1 << 0)
        static let partOfDay = Roles(rawValue: 1 << 1)
        static let publication = Roles(rawValue: 1 << 2)
        static let at = Roles(rawValue: 1 << 3)
        static let timeBy = Roles(rawValue: 1 << 4)
        static let that = Roles(rawValue: 1 << 5)
        static let the = Roles(rawValue: 1 << 6)
        static let yearRange = Roles(rawValue: 1 << 7)
        static let count = Roles(rawValue: 1 << 8)
        static let cardinal = Roles(rawValue: 1 << 9)
        static let dayPreposition = Roles(rawValue: 1 << 10)
        static let yearPreposition = Roles(rawValue: 1 << 11)
        static let monthPreposition = Roles(rawValue: 1 << 12)
        static let season = Roles(rawValue: 1 << 13)
        static let month = Roles(rawValue: 1 << 14)
    }

    /// Every word of the lexicon with its parts (lower case).
    static let roles: [String: Roles] = {
        var r: [String: Roles] = [:]
        func add<S: Sequence<String>>(_ words: S, _ role: Roles) { for w in words { r[w, default: []].insert(role) } }
        add(newsDays.keys, .news)
        add(weekdays.keys, .news)
        add(["to", "last", "this", "next"], .news)
        add(partOfDayPrepositions, .partOfDay)
        add(publicationWords, .publication)
        add(["at"], .at)
        add(["by", "before", "until", "till"], .timeBy)
        add(["that"], .that)
        add(["the"], .the)
        add(["between", "from"], .yearRange)
        add(countWords.keys, .count)
        add(countWords.keys, .cardinal)
        add(cardinalTens.keys, .cardinal)
        add(cardinalUnits.keys, .cardinal)
        add(["an"], .cardinal)
        add(dayPrepositions, .dayPreposition)
        add(yearPrepositions, .yearPreposition)
        add(["born", "died"], .yearPreposition)
        add(monthPrepositions, .monthPreposition)
        add(seasons.keys, .season)
        add(months.keys, .month)
        return r
    }()
}
