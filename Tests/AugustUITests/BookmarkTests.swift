import AugustCore
import Foundation
import Testing
@testable import AugustUI

/// `b` bookmarks, `a` writes a note, `'` lists them (Enter jumps, d deletes). `update` only asks for
/// the save (an effect); the file itself is tested in AugustCoreTests and end to end.
@Suite struct BookmarkTests {
    static let store = BookmarkStore(url: URL(fileURLWithPath: "/dev/null/august/bookmarks-test.json"), corpusPath: "/")

    func explorer(_ loaded: BookmarkStore.Loaded = .none) -> Explorer {
        Explorer(data: fixtureData, bookmarks: BookmarkSetup(store: Self.store, loaded: loaded))
    }

    func run(_ keys: String, _ e: Explorer) -> AppState { after(keys, e) }

    /// The bookmarks each save asked for, in order.
    func saves(_ s: AppState) -> [[Bookmark]] {
        s.effects.compactMap { if case .saveBookmarks(_, let list, _) = $0 { return list } else { return nil } }
    }

    @Test func bInTheTimelineBookmarksTheSelectedEventAndAgainRemovesIt() {
        let e = explorer()
        let s = run("b", e)
        let sel = s.timelineSelection!
        #expect(s.bookmarks.map(\.target) == [.event(sel)])
        #expect(s.message?.hasPrefix("bookmarked event") == true, "\(s.message ?? "")")
        let saved = saves(s)
        #expect(saved.count == 1 && saved[0].first?.kind == .event && saved[0].first?.title == fixtureData.timeline[sel].title)
        let t = run("bb", e)
        #expect(t.bookmarks.isEmpty)
        #expect(t.message?.hasPrefix("bookmark removed") == true)
        #expect(saves(t).last == [], "the removal is saved too")
    }

    @Test func bInTheSourceBookmarksTheShownPassageWithItsFileLineAndQuotation() {
        let s = run("3jjb", explorer())
        let p = fixtureCorpus.passages[s.sourcePassage]
        #expect(s.bookmarks.map(\.target) == [.passage(s.sourcePassage)])
        let b = s.bookmarks[0].bookmark
        #expect(b.anchor.file == p.documentID && b.anchor.line == p.lineStart)
        #expect(p.text.hasPrefix(b.anchor.quote) && !b.anchor.quote.isEmpty)
        // The gutter marks it.
        #expect(screen("3jjb", explorer()).text.contains("▌*"))
        #expect(!screen("3jj", explorer()).text.contains("*"), "no mark without a bookmark")
        // An event's mark in the timeline, once the selection moved off it.
        #expect(screen("bj", explorer()).text.contains("│*"))
        #expect(!screen("j", explorer()).text.contains("│*"))
    }

    @Test func aTypesANoteThatEnterKeepsAndEscCancels() {
        let e = explorer()
        let s = run("3ja<C-u>Two sources disagree on the date<Enter>", e)
        #expect(s.bookmarks.count == 1)
        #expect(s.bookmarks[0].bookmark.note == "Two sources disagree on the date")
        #expect(s.notePrompt == nil)
        #expect(saves(s).last?.first?.note == "Two sources disagree on the date")
        // While typing, the status line is the prompt.
        #expect(screen("3janote so far", e).text.contains("note: note so far"))
        // Esc: nothing made, nothing saved.
        let c = run("3jadraft<Esc>", e)
        #expect(c.bookmarks.isEmpty && saves(c).isEmpty)
        // a on a bookmarked passage edits its note (the old note offered for editing).
        let edited = run("3jbafirst<Enter>a<BS><BS><BS><BS><BS>second<Enter>", e)
        #expect(edited.bookmarks.count == 1 && edited.bookmarks[0].bookmark.note == "second")
    }

    @Test func quoteListsThemAndEnterJumpsToThePassageOrTheEvent() {
        let e = explorer()
        // An event bookmarked in the timeline, a passage of the other document bookmarked in the source.
        let base = run("jb3GkGkb", e)
        #expect(base.bookmarks.count == 2)
        guard case .event(let item) = base.bookmarks[0].target, case .passage(let passage) = base.bookmarks[1].target else {
            Issue.record("targets \(base.bookmarks.map(\.target))"); return
        }
        let listed = run("jb3GkGkb'", e)
        guard case .bookmarks(let list) = listed.overlay else { Issue.record("no list"); return }
        #expect(list.selected == 0)
        let text = screen("jb3GkGkb'", e).text
        #expect(text.contains("2 bookmarks") && text.contains("event") && text.contains("passage"))
        // Enter on the first: the event selected in the timeline, its passage shown.
        let toEvent = run("jb3GkGkb'<Enter>", e)
        #expect(toEvent.overlay == nil && toEvent.focus == .timeline && toEvent.timelineSelection == item)
        // j Enter on the second: the passage in the source.
        let toPassage = run("jb3GkGkb1gk'j<Enter>", e)
        #expect(toPassage.focus == .source && toPassage.sourcePassage == passage)
        // d deletes the selected one (and saves).
        let deleted = run("jb3GkGkb'd", e)
        #expect(deleted.bookmarks.map(\.target) == [.passage(passage)])
        #expect(saves(deleted).last?.count == 1)
        // Esc closes.
        #expect(run("jb'<Esc>", e).overlay == nil)
    }

    @Test func noBookmarksSaysHowToMakeOne() {
        let s = run("'", explorer())
        #expect(s.overlay == nil && s.message?.contains("b bookmarks") == true)
    }

    @Test func loadedBookmarksAreFoundAgainAndLostOnesKeptAndMarked() {
        let p = fixtureCorpus.passages[passageOrdinal(containing: "Kwantung Army surrendered")]
        let moved = Bookmark(kind: .passage, anchor: PassageAnchor(file: p.documentID, line: 1, quote: PassageAnchor.quotation(p.text)),
                             note: "moved")
        let gone = Bookmark(kind: .passage, anchor: PassageAnchor(file: "gone.txt", line: 3, quote: "a passage no longer there"),
                            note: "gone")
        let item = fixtureData.index(ofItem: "e-harbin")
        let event = Bookmark(kind: .event, anchor: PassageAnchor(passage: p), eventID: "stale-id",
                             title: fixtureData.timeline[item].title, date: fixtureData.timeline[item].date.start)
        let e = explorer(.loaded([moved, gone, event]))
        let s = e.initialState(width: 100, height: 30)
        #expect(s.bookmarks.map(\.target) == [.passage(passageOrdinal(containing: "Kwantung Army surrendered")), .lost, .event(item)])
        #expect(s.bookmarks[0].bookmark.anchor.line == p.lineStart, "the anchor follows the passage")
        #expect(s.message?.contains("1 bookmark is lost") == true)
        let text = e.render(e.handle(s, .key(.char("'")))).text
        #expect(text.contains("LOST") && text.contains("gone.txt:3"))
        // Enter on a lost one says so and jumps nowhere.
        let t = e.handle(e.handle(e.handle(s, .key(.char("'"))), .key(.char("j"))), .key(.enter))
        #expect(t.message?.hasPrefix("lost:") == true && t.sourcePassage == s.sourcePassage)
    }

    @Test func aDamagedFileIsNamedAtStartAndKeptAsBakByTheFirstSave() {
        let e = explorer(.damaged(reason: "bad JSON"))
        let s = e.initialState(width: 100, height: 30)
        #expect(s.message?.hasPrefix(Self.store.url.path) == true && s.messageIsError)
        #expect(e.render(s).text.contains("/dev/null/august/bookmarks"), "the status line names the file")
        // Moving around writes nothing; the first bookmark asks for a save that keeps the old file.
        #expect(run("jjk3j", e).effects.isEmpty)
        let saved = run("b", e).effects
        #expect(saved.count == 1)
        if case .saveBookmarks(_, _, let keep) = saved[0] { #expect(keep) } else { Issue.record("\(saved)") }
        // Only the first.
        let again = run("bb", e).effects
        if case .saveBookmarks(_, _, let keep) = again.last! { #expect(!keep) } else { Issue.record("\(again)") }
    }

    @Test func aSaveThatFailedIsOneLineAndTheBookmarksStayInMemory() {
        let e = explorer()
        var s = run("b", e)
        let notice = BookmarkSaving.perform(s.effects[0])
        #expect(notice != nil, "a folder under /dev/null cannot be made")
        s = e.handle(s, notice!)
        #expect(s.messageIsError && s.message?.hasPrefix("bookmarks not saved:") == true && !s.message!.contains("\n"))
        #expect(s.bookmarks.count == 1)
    }
}
