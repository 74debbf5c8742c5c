import Foundation

/// One paragraph of a document: the unit that search, events and links point at.
public struct Passage: Sendable, Hashable, Codable {
    /// Stable id `DOC#N`, where DOC is the document id and N counts passages from 1.
    public let id: String
    /// The id of the document (its path relative to the corpus root).
    public let documentID: String
    /// Position of the passage inside its document, from 1.
    public let number: Int
    /// 1-based first and last line of the passage in its file.
    public let lineStart: Int
    public let lineEnd: Int
    /// The passage text, exactly the file's lines `lineStart...lineEnd` joined by "\n" (line ends
    /// removed). Read from the corpus snapshot on a warm start, it is made when first asked for.
    public var text: String { body.text }
    /// Index into `Document.articles`.
    public let articleIndex: Int
    /// True for a heading line (an article's headline, caption or dateline, or a section heading).
    public let isHeading: Bool
    let body: PassageText

    public init(id: String, documentID: String, number: Int, lineStart: Int, lineEnd: Int,
                text: String, articleIndex: Int, isHeading: Bool) {
        self.init(id: id, documentID: documentID, number: number, lineStart: lineStart, lineEnd: lineEnd,
                  body: .inline(text), articleIndex: articleIndex, isHeading: isHeading)
    }

    init(id: String, documentID: String, number: Int, lineStart: Int, lineEnd: Int,
         body: PassageText, articleIndex: Int, isHeading: Bool) {
        self.id = id
        self.documentID = documentID
        self.number = number
        self.lineStart = lineStart
        self.lineEnd = lineEnd
        self.body = body
        self.articleIndex = articleIndex
        self.isHeading = isHeading
    }

    public static func == (a: Passage, b: Passage) -> Bool {
        a.id == b.id && a.documentID == b.documentID && a.number == b.number && a.lineStart == b.lineStart
            && a.lineEnd == b.lineEnd && a.articleIndex == b.articleIndex && a.isHeading == b.isHeading
            && a.text == b.text
    }

    public func hash(into h: inout Hasher) {
        h.combine(id)
        h.combine(lineStart)
        h.combine(text)
    }

    enum CodingKeys: String, CodingKey { case id, documentID, number, lineStart, lineEnd, text, articleIndex, isHeading }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), documentID: try c.decode(String.self, forKey: .documentID),
                  number: try c.decode(Int.self, forKey: .number), lineStart: try c.decode(Int.self, forKey: .lineStart),
                  lineEnd: try c.decode(Int.self, forKey: .lineEnd), text: try c.decode(String.self, forKey: .text),
                  articleIndex: try c.decode(Int.self, forKey: .articleIndex), isHeading: try c.decode(Bool.self, forKey: .isHeading))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(documentID, forKey: .documentID)
        try c.encode(number, forKey: .number)
        try c.encode(lineStart, forKey: .lineStart)
        try c.encode(lineEnd, forKey: .lineEnd)
        try c.encode(text, forKey: .text)
        try c.encode(articleIndex, forKey: .articleIndex)
        try c.encode(isHeading, forKey: .isHeading)
    }
}

/// Where a passage's text is: in memory (read from its file), or a range of a corpus snapshot's
/// text section, read when asked for (`StoredText`).
enum PassageText: Sendable, CustomDebugStringConvertible {
    case inline(String)
    case stored(StoredText, offset: Int, length: Int)

    var text: String {
        switch self {
        case .inline(let s): return s
        case .stored(let store, let offset, let length): return store.text(offset: offset, length: length)
        }
    }

    /// The text, wherever it is (a passage prints the same read from its file or a snapshot).
    var debugDescription: String { text.debugDescription }
}

/// An article (or a section) inside a document: a blog post in a collection, a chapter section.
public struct Article: Sendable, Hashable, Codable {
    public let index: Int
    public let title: String
    /// Publication date as ISO 8601 (`2024-07-26`) where the heading gives one.
    public let published: String?
    /// 1-based line where the article starts (its caption or headline).
    public let lineStart: Int

    public init(index: Int, title: String, published: String?, lineStart: Int) {
        self.index = index
        self.title = title
        self.published = published
        self.lineStart = lineStart
    }
}

/// A text file of the corpus.
public struct Document: Sendable, Hashable {
    /// Path relative to the corpus root, with `/` separators.
    public let id: String
    public let title: String
    public let articles: [Article]
    public let passages: [Passage]
    /// Number of lines in the file.
    public let lineCount: Int

    public init(id: String, title: String, articles: [Article], passages: [Passage], lineCount: Int) {
        self.id = id
        self.title = title
        self.articles = articles
        self.passages = passages
        self.lineCount = lineCount
    }

    public func article(of passage: Passage) -> Article { articles[passage.articleIndex] }
}

/// A problem with one file that did not stop the corpus from loading.
public struct LoadWarning: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let message: String
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }
    public var description: String { "\(file): \(message)" }
}
