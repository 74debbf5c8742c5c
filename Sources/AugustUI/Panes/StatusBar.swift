import AugustCore
import AugustMap

/// The status line (where you are, a message, the keys of the focused pane from the keymap, or the prompt being typed) and the tab bar of the one-pane layout.
struct StatusBar {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }

    func drawTabs(_ g: inout Grid, _ s: AppState, _ r: Rect) {
        g.fill(x: r.x, y: r.y, width: r.width, height: 1, style: .tab)
        var x = r.x
        for p in Pane.screenPanes {
            let label = app.mouseInput.tabLabel(s, p)
            let start = x
            x = g.put(label, x: x, y: r.y, style: p == s.focus ? .tabActive : .tab, maxX: r.x + r.width)
            g.addRegion(HitRegion(x: start, y: r.y, width: x - start, height: 1, target: .tab(p)))
            x = g.put(" ", x: x, y: r.y, style: .tab, maxX: r.x + r.width)
        }
    }

    /// The position words of the status line: `event 41/187`, `mention 2/4`, `match 3/17`.
    public func positions(_ s: AppState) -> [String] {
        var out: [String] = []
        let view = app.timeline.timelineView(s)
        let items = view.items
        if let sel = s.timelineSelection, let i = view.position(of: sel) {
            out.append("event \(i + 1)/\(items.count)")
            // `mention k/n` whenever the source shows one of the event's tellings (after back and
            // forward too, whatever index the restored place carried).
            let ords = data.mentionOrdinals[sel]
            if ords.indices.contains(s.mentionIndex), ords[s.mentionIndex] == s.sourcePassage {
                out.append("mention \(s.mentionIndex + 1)/\(ords.count)")
            } else if let k = ords.firstIndex(of: s.sourcePassage) {
                out.append("mention \(k + 1)/\(ords.count)")
            }
        } else if !data.timeline.isEmpty {
            out.append("event 0/\(items.count)")
        }
        if s.focus == .fronts, s.showMap {
            out += app.mapPane.mapPositions(s)
        } else if s.focus == .fronts, !data.flatObjectives.isEmpty {
            let k = min(s.frontsSelection, data.flatObjectives.count - 1)
            let shown = app.frontsPane.visible(s.frontsFilter)
            if let i = shown.firstIndex(of: k) { out.append("objective \(i + 1)/\(shown.count)") }
            // Its name and dates whole (the pane may have had to leave the dates out).
            let (f, a, o) = data.flatObjectives[k]
            let obj = data.fronts.fronts[f].axes[a].objectives[o]
            out.append(obj.name + (obj.dateLabel.map { " " + $0 } ?? ""))
        }
        if let search = s.search {
            // Counted in passages: `match 3/17` is the third of 17 matching passages, and
            // `(2/4 in passage)` the second of its four highlighted words when it has several.
            if let e = s.emphasis, !search.isEmpty, let c = search.current, c.passage == e.passage,
               case let ranges = app.searchFlow.matchRanges(search, e.passage), let k = ranges.firstIndex(where: { $0.lowerBound == e.start }) {
                let r = c.rank.map { "\($0 + 1)" } ?? ">\(ActiveSearch.countBound)"
                var text = "match \(r)/\(search.countText)"
                if ranges.count > 1 { text += " (\(k + 1)/\(ranges.count) in passage)" }
                out.append(text)
            } else {
                out.append("\(search.countText) \(search.passageCount == 1 ? "match" : "matches")")
            }
        }
        if let f = s.placeFilter { out.append("filter: \(f.name) (Esc clears)") }
        if let p = app.parallelView.parallelPosition(s) { out.append(p) }
        return out
    }

    func drawStatus(_ g: inout Grid, _ s: AppState, _ r: Rect) {
        g.fill(x: r.x, y: r.y, width: r.width, height: 1, style: .status)
        let right = r.x + r.width
        if let np = s.notePrompt { app.bookmarksView.drawNotePrompt(&g, s, np, r); return }
        if let fp = s.filterPrompt {
            var x = g.put("filter: ", x: r.x, y: r.y, style: .statusKey, maxX: right)
            x = g.put(Chrome.fit(fp.text, max(1, r.width / 2)), x: x, y: r.y, style: .status, maxX: right)
            g.cursor = (min(x, max(0, right - 1)), r.y)
            let fronts = fp.pane == .fronts
            let count = fronts ? "\(app.frontsPane.visible(s.frontsFilter).count)/\(data.flatObjectives.count)" : app.timeline.filterCount(s)
            let none = fronts ? app.frontsPane.visible(s.frontsFilter).isEmpty : app.timeline.timelineView(s).items.isEmpty
            let keys = ([app.keymap.hint([.listUp, .listDown], in: .prompt, "move")]
                        + [app.keymap.hints([(.promptAccept, "keeps"), (.promptCancel, "clears")], in: .prompt)]).compactMap { $0 }
                .joined(separator: " · ")
            let info = "\(count) · \(keys)"
            g.put(Chrome.fit(info, right - x - 3), x: x + 2, y: r.y, style: none ? .statusError : .status, maxX: right)
            return
        }
        if let p = s.prompt {
            var x = g.put(p.thenList ? "search (list): " : "/", x: r.x, y: r.y, style: .statusKey, maxX: right)
            // Show the end of a long query.
            x = g.put(DisplayWidth.tail(p.text, width: max(1, r.width / 2)), x: x, y: r.y, style: .status, maxX: right)
            g.cursor = (min(x, max(0, right - 1)), r.y)
            let info: String
            let infoStyle: Style
            if let e = p.error { info = e; infoStyle = .statusError }
            else if let search = s.search {
                let count = search.countIsExact ? "\(search.passageCount)" : "more than \(ActiveSearch.countBound)"
                let also = search.added.isEmpty ? "" : " (also \(search.added.prefix(3).joined(separator: ", "))\(search.added.count > 3 ? "…" : ""))"
                info = "matches in \(count) \(search.passageCount == 1 ? "passage" : "passages")\(also) · \(app.keymap.hints([(.promptAccept, "keeps"), (.promptCancel, "drops")], in: .prompt))"
                infoStyle = .status
            } else if p.text.isEmpty { info = "type words, \"a phrase\", pre*, a OR b, -not · \(app.keymap.hints([(.promptCancel, "cancels")], in: .prompt))"; infoStyle = .dim }
            else { info = "no match"; infoStyle = .statusError }
            g.put(Chrome.fit(info, right - x - 3), x: x + 2, y: r.y, style: infoStyle, maxX: right)
            return
        }
        var x = g.put(" \(app.effectiveFocus(s).title) ", x: r.x, y: r.y, style: .statusKey, maxX: right)
        // Keys, right-aligned: `? help` and `q quit` always (the position and a message are
        // shortened for them; only a very narrow terminal drops them), the others as many as fit.
        let hints = app.keymap.hints(for: app.effectiveFocus(s))
        let pos = positions(s).joined(separator: " · ")
        var essential = [hints.first, hints.last].compactMap { $0 }   // help and quit
        var essentialW = DisplayWidth.of(essential.joined(separator: "  ")) + 3
        if right - x - essentialW < min(24, DisplayWidth.of(pos) + 1) { essential = []; essentialW = 0 }
        if !pos.isEmpty { x = g.put(" " + Chrome.fit(pos, right - x - 1 - essentialW), x: x, y: r.y, style: .status, maxX: right) }
        if let m = s.message {
            var room = right - x - 2 - essentialW
            if room < min(12, DisplayWidth.of(m)) { essential = []; room = right - x - 2 }   // the message first
            if room > 0 { x = g.put("  " + Chrome.fit(m, room), x: x, y: r.y, style: s.messageIsError ? .statusError : .status, maxX: right) }
        }
        var shown: [String] = []
        for h in hints {
            let candidate = (shown + [h]).joined(separator: "  ")
            let mustRemain = essential.filter { !shown.contains($0) && $0 != h }
            let withRest = DisplayWidth.of(([candidate] + mustRemain).joined(separator: "  "))
            if withRest + 2 <= right - x - 1 { shown.append(h) }
            else if essential.contains(h) { shown.append(h) }
        }
        if !shown.isEmpty {
            let text = shown.joined(separator: "  ") + " "
            g.put(text, x: right - DisplayWidth.of(text), y: r.y, style: .dim, maxX: right)
        }
    }
}
