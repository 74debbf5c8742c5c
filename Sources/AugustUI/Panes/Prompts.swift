import AugustCore
import AugustMap

/// The `/` prompt as it is typed, and the actions on the shown passage (`y`, `e`, `E`).
struct Prompts {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }

    /// `y`, `e`, `E`: the shown passage's file and first line, copied or opened (as effects).
    func actOnPassage(_ s: inout AppState, _ command: Command) {
        guard corpus.passages.indices.contains(s.sourcePassage) else {
            s.message = "no passage to act on"
            s.messageIsError = true
            return
        }
        let p = corpus.passages[s.sourcePassage]
        let location = "\(p.documentID):\(p.lineStart)"
        let path = corpus.root.appendingPathComponent(p.documentID).path
        switch command {
        case .copyLocation:
            s.effects.append(.copy(location))
            s.message = "copied \(location)"
        case .openInPager:
            s.effects.append(.open(.pager, path: path, line: p.lineStart))
        case .openInEditor:
            s.effects.append(.open(.editor, path: path, line: p.lineStart))
        default: break
        }
    }

    func promptKey(_ s: inout AppState, _ key: Key) {
        guard var p = s.prompt else { return }
        switch app.keymap.command(for: key, in: .prompt) {
        case .promptCancel:
            s.search = p.before
            s.restore(p.beforeLocation)
            s.prompt = nil
            app.navigation.fixScroll(&s, passageMoved: false)
            return
        case .promptAccept:
            s.prompt = nil
            if let e = p.error {
                s.search = p.before
                s.restore(p.beforeLocation)
                s.message = "bad query: \(e)"
                s.messageIsError = true
                app.navigation.fixScroll(&s, passageMoved: false)
                return
            }
            if s.search == nil {
                if !p.text.isEmpty { s.message = "no match for \(Explorer.clipped(p.text))" }
                s.restore(p.beforeLocation)
                app.navigation.fixScroll(&s, passageMoved: false)
                return
            }
            // Keep the search; the place we left goes into the jump history.
            var here = s.location
            s.restore(p.beforeLocation)
            app.navigation.pushHistory(&s)
            if !p.thenList { here.focus = .source }
            s.restore(here)
            if p.thenList { app.searchFlow.openSearchList(&s) }
            return
        default:
            guard LineEdit.apply(key, app.keymap, to: &p.text) else { return }
        }
        // Incremental: search on every change (the answer goes to the first match from where we
        // started; see `apply`).
        s.prompt = p
        s.work.append(.typed(text: p.text, from: p.beforeLocation.sourcePassage))
    }

    /// A one-line excerpt of `text` around its first match, with the matches' ranges in the excerpt.
    func snippet(_ text: String, _ matches: [Range<Int>], width: Int) -> (String, [Range<Int>]) {
        let scalars = Array(text.unicodeScalars)
        let first = matches.first?.lowerBound ?? 0
        var start = max(0, first - width / 3)
        if start > 0 { while start < first, scalars[start - 1] != " " { start += 1 } }
        let end = min(scalars.count, start + width)
        var v = String.UnicodeScalarView()
        if start > 0 { v.append("…") }
        for sc in scalars[start..<end] { v.append(sc == "\n" ? " " : sc) }
        let shift = (start > 0 ? 1 : 0) - start
        let hl = matches.compactMap { r -> Range<Int>? in
            let a = max(r.lowerBound, start), b = min(r.upperBound, end)
            return a < b ? (a + shift)..<(b + shift) : nil
        }
        return (String(v), hl)
    }
}
