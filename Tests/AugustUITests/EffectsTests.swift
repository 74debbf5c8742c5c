import AugustCore
import Foundation
import Testing
@testable import AugustUI

/// Acting on the shown passage: `y` copies FILE:LINE, `e`/`E` open its file at its line. `update`
/// only asks (an effect); the runner does it.
@Suite struct EffectsTests {
    func shown(_ s: AppState) -> Passage { fixtureCorpus.passages[s.sourcePassage] }

    @Test func yCopiesTheShownPassagesFileAndLineAndSaysSo() {
        for keys in ["y", "j<Enter>y", "j<Enter>]y"] {
            let s = after(keys)
            let p = shown(s)
            #expect(s.effects == [.copy("\(p.documentID):\(p.lineStart)")], "\(keys)")
            #expect(s.message == "copied \(p.documentID):\(p.lineStart)")
            #expect(screen(keys).text.contains("copied \(p.documentID):\(p.lineStart)"))
        }
    }

    @Test func eAndEOpenTheFileAtTheLineInThePagerOrTheEditor() {
        let s = after("j<Enter>]e")
        let p = shown(s)
        let path = fixtureCorpus.root.appendingPathComponent(p.documentID).path
        #expect(s.effects == [.open(.pager, path: path, line: p.lineStart)])
        #expect(after("j<Enter>]E").effects == [.open(.editor, path: path, line: p.lineStart)])
        #expect(after("j").effects.isEmpty, "moving asks for nothing")
    }

    @Test func theRunnersNoticeReachesTheStatusLine() {
        var s = after("e")
        s = fixtureExplorer.handle(s, .notice("cannot run nopager: not found ($PAGER)", isError: true))
        #expect(s.message == "cannot run nopager: not found ($PAGER)" && s.messageIsError)
    }

    @Test func theCommandLineFollowsPagerVisualAndEditor() {
        let f = "/c/a b.txt"
        #expect(Effect.Viewer.pager.argv(path: f, line: 12, environment: [:]) == ["less", "+12", f])
        #expect(Effect.Viewer.pager.argv(path: f, line: 12, environment: ["PAGER": "less -R"]) == ["less", "-R", "+12", f])
        #expect(Effect.Viewer.pager.argv(path: f, line: 0, environment: ["PAGER": "  "]) == ["less", "+1", f])
        #expect(Effect.Viewer.editor.argv(path: f, line: 3, environment: [:]) == ["vi", "+3", f])
        #expect(Effect.Viewer.editor.argv(path: f, line: 3, environment: ["EDITOR": "nano"]) == ["nano", "+3", f])
        #expect(Effect.Viewer.editor.argv(path: f, line: 3, environment: ["EDITOR": "nano", "VISUAL": "vim"]) == ["vim", "+3", f])
    }

    @Test func osc52CarriesTheTextInBase64() {
        #expect(osc52("a.txt:7") == "\u{1B}]52;c;YS50eHQ6Nw==\u{07}")
    }

    @Test func theHelpListsTheNewKeysFromTheTable() {
        let rows = Keymap.standard.helpSections.flatMap(\.rows)
        #expect(rows.contains { $0.keys == "y" && $0.summary.contains("FILE:LINE") })
        #expect(rows.contains { $0.keys == "e" && $0.summary.contains("$PAGER") })
        #expect(rows.contains { $0.keys == "E" && $0.summary.contains("$EDITOR") })
    }
}

/// `D`: browse to any document.
@Suite struct DocumentListTests {
    @Test func dListsEveryDocumentWithTheShownOneSelectedAndEnterOpensOneAtItsStart() throws {
        let s = after("D")
        guard case .list(let list) = s.overlay else { Issue.record("no list"); return }
        #expect(list.rows.count == fixtureCorpus.documents.count)
        let shownDoc = fixtureCorpus.passages[after("").sourcePassage].documentID
        #expect(list.rows[list.selected].title.hasPrefix(shownDoc))
        for (k, d) in fixtureCorpus.documents.enumerated() where !d.passages.isEmpty {
            let moves = k - list.selected
            let keys = "D" + String(repeating: moves >= 0 ? "j" : "k", count: abs(moves)) + "<Enter>"
            let opened = after(keys)
            #expect(opened.overlay == nil)
            #expect(fixtureCorpus.passages[opened.sourcePassage].id == d.passages[0].id, "\(keys) opens \(d.id) at its start")
            #expect(!opened.history.isEmpty, "opening a document is a jump: BS comes back")
        }
        #expect(screen("D").text.contains("passages · "))
    }
}
