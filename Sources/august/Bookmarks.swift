import AugustCore
import AugustUI
import ArgumentParser
import Foundation

struct Bookmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bookmarks",
        abstract: "List the bookmarks and notes made in the explorer (b, a, ') for this corpus.",
        discussion: """
            One line a bookmark: kind (passage or event), FILE:LINE where it is now, LOST when its \
            passage or event is no longer in the corpus, the event's date and title or the \
            passage's first words, and the note. They are kept in $XDG_DATA_HOME/august (default \
            ~/.local/share/august), one file a corpus. Exit status: 0 when there are bookmarks, 1 \
            when there are none, 2 on an error (a damaged bookmarks file among them).
            """)

    @OptionGroup var corpusOptions: CorpusOptions
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        let kind: String
        let file: String
        let line: Int
        let lost: Bool
        let quote: String
        @NullWhenAbsent var eventID: String?
        @NullWhenAbsent var title: String?
        @NullWhenAbsent var date: String?
        @NullWhenAbsent var note: String?
        let created: String
        enum CodingKeys: String, CodingKey { case kind, file, line, lost, quote, eventID = "event_id", title, date, note, created }
    }

    func run() throws {
        try failing {
            let session = try corpusOptions.openSession()
            let data: ExplorerData
            do {
                data = try loading { try ExplorerData.load(from: session, binaryVersion: augustVersion) }
            } catch let f as Failure {
                throw f
            } catch {
                throw Failure("cannot build the search index: \(error)")
            }
            let store = BookmarkStore(corpusRoot: data.corpus.root)
            let list: [Bookmark]
            switch store.load() {
            case .none: list = []
            case .loaded(let l): list = l
            case .damaged(let reason): throw Failure("bookmarks file \(store.url.path) is damaged (\(reason)); the explorer keeps it as .bak when a bookmark is added")
            }
            // Found again in the corpus as it is now, as the explorer finds them.
            let entries = Explorer(data: data).resolve(list)
            let rows = entries.map { e -> Row in
                let b = e.bookmark
                return Row(kind: b.kind.rawValue, file: b.anchor.file, line: b.anchor.line, lost: e.isLost, quote: b.anchor.quote,
                           eventID: b.eventID, title: b.title, date: b.date, note: b.note, created: b.created)
            }
            if json {
                try printJSON(rows)
            } else {
                var out = ""
                for r in rows {
                    var line = "\(r.kind.padding(toLength: 7, withPad: " ", startingAt: 0))  \(r.file):\(r.line)"
                    if r.lost { line += "  LOST" }
                    line += "  " + (r.kind == "event" ? "\(r.date ?? "")  \(r.title ?? r.quote)" : r.quote)
                    if let n = r.note { line += "  — \(n)" }
                    out += Terminal.safe(line) + "\n"
                }
                FileHandle.standardOutput.write(Data(out.utf8))
            }
            if rows.isEmpty { throw ExitCode(1) }
        }
    }
}
