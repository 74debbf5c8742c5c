import Foundation

/// A bookmark (with an optional note) on a passage or on an event, anchored so that it survives
/// changes to the corpus: by the file (its path relative to the corpus root), the passage's first
/// line, and a short quotation of the passage. An event's bookmark also keeps the event's id,
/// title and date. On load the anchor is looked for again (`PassageAnchor.find`): a passage that
/// moved is found at its new line; one that is gone is *lost*, shown as lost and kept.
public struct Bookmark: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case passage, event }

    public var kind: Kind
    /// The passage: for an event, the passage the event was bookmarked from (its first telling).
    public var anchor: PassageAnchor
    /// An event's id (`date@DOC#N+offset`; it changes when passages move), title and ISO date.
    public var eventID: String?
    public var title: String?
    public var date: String?
    /// The reader's note (one line), nil when none.
    public var note: String?
    /// When it was made (ISO 8601, UTC): the list shows the newest last.
    public var created: String

    public init(kind: Kind, anchor: PassageAnchor, eventID: String? = nil, title: String? = nil, date: String? = nil,
                note: String? = nil, created: String = Bookmark.now()) {
        self.kind = kind; self.anchor = anchor; self.eventID = eventID; self.title = title; self.date = date
        self.note = note; self.created = created
    }

    enum CodingKeys: String, CodingKey {
        case kind, anchor, eventID = "event_id", title, date, note, created
    }

    public static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
}

/// Where a passage is: file, first line, and the first words of its text (whitespace collapsed).
public struct PassageAnchor: Sendable, Hashable, Codable {
    /// The document id (path relative to the corpus root, `/` separators).
    public var file: String
    /// 1-based first line of the passage when it was bookmarked (updated when it is found elsewhere).
    public var line: Int
    /// The first `quoteLength` characters of the passage, whitespace runs made one space.
    public var quote: String

    /// Long enough to tell one paragraph from another in practice, short enough to survive an edit
    /// further down the paragraph.
    public static let quoteLength = 72

    public init(file: String, line: Int, quote: String) {
        self.file = file; self.line = line; self.quote = quote
    }

    public init(passage: Passage) {
        self.init(file: passage.documentID, line: passage.lineStart, quote: PassageAnchor.quotation(passage.text))
    }

    /// A passage's text as a quotation: whitespace runs collapsed, trimmed, cut at `quoteLength`
    /// characters.
    public static func quotation(_ text: String) -> String {
        String(collapsed(text).prefix(quoteLength))
    }

    static func collapsed(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for sc in text.unicodeScalars {
            if sc.properties.isWhitespace { space = !out.isEmpty; continue }
            if space { out.append(" "); space = false }
            out.append(sc)
        }
        return String(out)
    }

    /// The ordinal (in `corpus.passages`) of the passage this anchor names now: in the same file,
    /// a passage whose text holds the quotation, the one nearest the remembered line when several
    /// do (a passage repeated word for word). Nil when the file is gone or no passage holds it:
    /// the bookmark is lost. The passage at the remembered line is tried first (the usual case:
    /// nothing moved); the file's other passages only when it no longer holds the quotation.
    public func find(in corpus: Corpus) -> Int? {
        var finder = Finder(corpus: corpus)
        return finder.find(self)
    }

    /// Finds many anchors in one corpus, each passage's collapsed text made once.
    public struct Finder {
        public let corpus: Corpus
        var texts: [String: String] = [:]
        public init(corpus: Corpus) { self.corpus = corpus }

        mutating func text(_ p: Passage) -> String {
            if let t = texts[p.id] { return t }
            let t = PassageAnchor.collapsed(p.text)
            texts[p.id] = t
            return t
        }

        public mutating func find(_ a: PassageAnchor) -> Int? {
            guard !a.quote.isEmpty, let doc = corpus.document(id: a.file) else { return nil }
            var best: (distance: Int, passage: Passage)?
            if let here = doc.passages.first(where: { $0.lineStart <= a.line && a.line <= $0.lineEnd }),
               text(here).contains(a.quote) {
                best = (0, here)
            } else {
                for p in doc.passages {
                    let d = abs(p.lineStart - a.line)
                    if let b = best, b.distance <= d { continue }
                    if text(p).contains(a.quote) { best = (d, p) }
                }
            }
            return best.flatMap { corpus.passageOrdinal(id: $0.passage.id) }
        }
    }
}

/// The bookmarks of one corpus as written to disk.
public struct BookmarkFile: Sendable, Hashable, Codable {
    public static let currentVersion = 1
    /// The format's version (a file of a later version is not overwritten: it reads as damaged).
    public var version: Int
    /// The corpus folder, absolute (the file's name is a hash of it).
    public var corpus: String
    public var bookmarks: [Bookmark]

    public init(corpus: String, bookmarks: [Bookmark]) {
        self.version = BookmarkFile.currentVersion; self.corpus = corpus; self.bookmarks = bookmarks
    }

    enum CodingKeys: String, CodingKey { case version = "august_bookmarks", corpus, bookmarks }
}
