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
    /// The passage text, exactly the file's lines `lineStart...lineEnd` joined by "\n" (line ends removed).
    public let text: String
    /// Index into `Document.articles`.
    public let articleIndex: Int
    /// True for a heading line (an article's headline, caption or dateline, or a section heading).
    public let isHeading: Bool

    public init(id: String, documentID: String, number: Int, lineStart: Int, lineEnd: Int,
                text: String, articleIndex: Int, isHeading: Bool) {
        self.id = id
        self.documentID = documentID
        self.number = number
        self.lineStart = lineStart
        self.lineEnd = lineEnd
        self.text = text
        self.articleIndex = articleIndex
        self.isHeading = isHeading
    }
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
