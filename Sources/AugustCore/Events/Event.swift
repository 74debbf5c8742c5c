import Foundation

/// Where an event is told: one date expression in one passage.
public struct EventMention: Sendable, Hashable, Codable {
    public let passageID: String
    public let documentID: String
    /// 1-based line of the file on which the date expression stands.
    public let line: Int
    /// The date expression exactly as it stands in the text.
    public let dateText: String
    /// The expression's own ISO value (may be finer or coarser than the event's date).
    public let value: String
    /// Offsets of the expression in the passage text, in Unicode scalars, end exclusive.
    public let start: Int
    public let end: Int
    /// Offsets of the statement it dates (its sentence, or the clause where a sentence dates two
    /// things) in the passage text: what places and formations the event names are read from.
    public let statementStart: Int
    public let statementEnd: Int
    /// Where the expression's year came from (``DateMention/yearFrom``).
    public let yearFrom: String?

    public init(passageID: String, documentID: String, line: Int, dateText: String, value: String,
                start: Int, end: Int, statementStart: Int? = nil, statementEnd: Int? = nil,
                yearFrom: String? = nil) {
        self.passageID = passageID
        self.documentID = documentID
        self.line = line
        self.dateText = dateText
        self.value = value
        self.start = start
        self.end = end
        self.statementStart = statementStart ?? start
        self.statementEnd = statementEnd ?? end
        self.yearFrom = yearFrom
    }

    init(_ m: DateMention, statement: Range<Int>) {
        self.init(passageID: m.passageID, documentID: m.documentID, line: m.line, dateText: m.text,
                  value: m.value, start: m.start, end: m.end,
                  statementStart: statement.lowerBound, statementEnd: statement.upperBound, yearFrom: m.yearFrom)
    }
}

/// A dated statement: the sentence around a date expression, merged with the same happening told
/// elsewhere in the corpus.
public struct Event: Sendable, Hashable, Identifiable, Codable {
    /// Stable id: the date, the first mentioning passage and the expression's offset there
    /// (`1945-08-08T17:00@002_x.txt#9+3`).
    public let id: String
    public let kind: DateKind
    public let date: DateValue
    /// The sentence shortened at a word boundary for display (about 90 characters).
    public let title: String
    /// The full sentence of the first mention.
    public let sentence: String
    /// Every place that tells it, in corpus order.
    public let mentions: [EventMention]
    /// Names from the entity linker (empty when none was given).
    public let places: [String]
    /// Gazetteer ids of the places (`Gazetteer.place(id:)`), as the linker found them: what the
    /// explorer and the exports place the event by, without looking a name up.
    public let placeIDs: [String]
    public let units: [String]
    public let fronts: [String]
    /// Ids of the formations and fronts (`EntityLinker.formation(id:)`), as the linker found them.
    public let unitIDs: [String]
    public let frontIDs: [String]

    public init(id: String, kind: DateKind, date: DateValue, title: String, sentence: String,
                mentions: [EventMention], places: [String], placeIDs: [String] = [], units: [String],
                unitIDs: [String] = [], fronts: [String], frontIDs: [String] = []) {
        self.id = id
        self.kind = kind
        self.date = date
        self.title = title
        self.sentence = sentence
        self.mentions = mentions
        self.places = places
        self.placeIDs = placeIDs
        self.units = units
        self.fronts = fronts
        self.unitIDs = unitIDs
        self.frontIDs = frontIDs
    }

    /// The documents that tell this event, in order of first mention, without repeats.
    public var documentIDs: [String] {
        var seen = Set<String>()
        return mentions.compactMap { seen.insert($0.documentID).inserted ? $0.documentID : nil }
    }
}
