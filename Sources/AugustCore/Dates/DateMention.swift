import Foundation

/// What a date expression dates.
public enum DateKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Something that happened (or a period that is told about).
    case event
    /// When a text itself was published: a stamp `(26.7.2024)` or a dateline `History 30/12/19`.
    case publication
    /// A recurring day (a holiday), or a date that was only ordered, planned, forecast or supposed.
    case other
}

/// One date expression in a passage.
public struct DateMention: Sendable, Hashable, Codable {
    /// The passage the expression stands in.
    public let passageID: String
    public let documentID: String
    /// The exact text of the expression as it stands in the passage.
    public let text: String
    /// Offsets of `text` in the passage text, in Unicode scalars, end exclusive.
    public let start: Int
    public let end: Int
    /// 1-based line of the file on which the expression starts.
    public let line: Int
    /// The normalised date.
    public let date: DateValue
    public let kind: DateKind
    /// True when the expression needed the narrative (the article's last date) to be read:
    /// `On the 9th`, `that night`, `August 14` with no year.
    public let isRelative: Bool
    /// Where the year came from: the expression that gave it (the expression itself when it
    /// writes its year), `corpus` for the corpus' campaign year, nil for a recurring day.
    public let yearFrom: String?

    /// ISO 8601 value (`date.iso`).
    public var value: String { date.iso }

    public init(passageID: String, documentID: String, text: String, start: Int, end: Int, line: Int,
                date: DateValue, kind: DateKind, isRelative: Bool, yearFrom: String? = nil) {
        self.passageID = passageID
        self.documentID = documentID
        self.text = text
        self.start = start
        self.end = end
        self.line = line
        self.date = date
        self.kind = kind
        self.isRelative = isRelative
        self.yearFrom = yearFrom
    }
}
