import AugustCore
import AugustMap

/// The overlays drawn over the panes: a list (search results, documents, events of a passage, KWIC, conflicts) and the help.
struct Overlays {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }

    /// One KWIC line: `FILE:LINE`, the words before (right-aligned), the match in its column, the
    /// words after.
    func drawConcordanceLine(_ g: inout Grid, _ l: ConcordanceLine, x: Int, y: Int, width: Int, selected: Bool) {
        // The file name gives way before the line number does.
        let line = ":\(l.line)"
        let locW = min(max(12, width / 4), DisplayWidth.of(l.documentID) + line.count)
        let loc = Chrome.fit(l.documentID, locW - line.count) + line
        let rest = width - locW - 3
        guard rest > 10 else { return }
        let matchW = min(rest / 3, DisplayWidth.of(l.match))
        let side = max(1, (rest - matchW - 2) / 2)
        let left = tailFit(l.left, side)
        var cx = g.put(" " + Chrome.fit(loc, locW), x: x, y: y, style: selected ? .selected : .dim, maxX: x + width)
        cx = x + 1 + locW + 2 + (side - DisplayWidth.of(left))
        cx = g.put(left, x: cx, y: y, style: selected ? .selected : .overlay, maxX: x + width)
        cx = g.put(" ", x: cx, y: y, style: selected ? .selected : .overlay, maxX: x + width)
        cx = g.put(Chrome.fit(l.match, matchW), x: cx, y: y, style: .match, maxX: x + width)
        cx = g.put(" ", x: cx, y: y, style: selected ? .selected : .overlay, maxX: x + width)
        g.put(Chrome.fit(l.right, x + width - cx - 1), x: cx, y: y, style: selected ? .selected : .overlay, maxX: x + width)
    }

    /// The last `width` columns of a text, `…` first when cut.
    func tailFit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var out: [Unicode.Scalar] = [], w = 0
        for sc in text.unicodeScalars.reversed() {
            let cw = DisplayWidth.of(Cell.sanitize(sc))
            if w + cw > width - 1 { break }
            out.append(sc); w += cw
        }
        var v = String.UnicodeScalarView(); v.append(contentsOf: out.reversed())
        return "…" + String(v)
    }

    func overlayRect(_ s: AppState, width: Int, height: Int) -> Rect {
        let w = min(s.width - 2, width), h = min(s.height - 2, height)
        return Rect(x: max(0, (s.width - w) / 2), y: max(0, (s.height - 1 - h) / 2), width: w, height: h)
    }

    /// Clears an overlay's rectangle and a one-cell ring around it (above the status line), so the
    /// panes' borders behind never touch the overlay's own (`┌┌─`).
    func clearOverlay(_ g: inout Grid, _ s: AppState, _ r: Rect) {
        let x0 = max(0, r.x - 1), y0 = max(0, r.y - 1)
        let x1 = min(s.width, r.x + r.width + 1), y1 = min(s.height - 1, r.y + r.height + 1)
        g.fill(x: x0, y: y0, width: x1 - x0, height: y1 - y0, style: .normal)
        g.fill(x: r.x, y: r.y, width: r.width, height: r.height, style: .overlay)
    }

    func drawHelp(_ g: inout Grid, _ s: AppState, _ top: Int) {
        var lines: [(String, String, Bool)] = []
        for section in app.keymap.helpSections {
            if !lines.isEmpty { lines.append(("", "", false)) }
            lines.append((section.title, "", true))
            for row in section.rows { lines.append((row.keys, row.summary, false)) }
        }
        lines.append(("", "", false))
        lines.append(("Timeline columns", "", true))
        lines.append(("08-09 17:00", "the date at the precision the text gives (a range 08-11…14; Aug: the month only)", false))
        for f in data.fronts.fronts { lines.append((f.tag, "front: \(f.name)", false)) }
        lines.append(("3", "passages that tell the event (] and [ step through them)", false))
        lines.append(("[pub] [other]", "a publication date or another date (shown with p)", false))
        lines.append(("", "", false))
        lines.append(("Fronts pane", "", true))
        lines.append(("W N E SE", "where the front fought: west, north, east, south-east (m shows them on a map)", false))
        lines.append(("Amur 08-14", "an objective, and the first day a text says it was reached (08-16…17: over days)", false))
        lines.append(("→", "the next objective along the axis of advance", false))
        lines.append(("●", "the selected event's front, axis or place", false))
        lines.append(("(3 more)", "lines of a front hidden for lack of room: move into it, or widen the terminal", false))
        lines.append(("reversed", "the cursor (Enter: the events there; f: narrow the objectives)", false))
        lines.append(("", "", false))
        lines.append(("Mouse", "", true))
        lines.append(("click", "focus a pane, select a row, an objective or a passage", false))
        lines.append(("wheel", "scroll the pane under the pointer (--no-mouse leaves the mouse to the terminal)", false))
        let keyW = min(22, lines.map { DisplayWidth.of($0.0) }.max() ?? 10)
        // Summaries wrap under themselves (not cut) at the overlay's width.
        let summaryW = max(8, min(s.width - 2, 76) - 2 - (2 + keyW + 2))
        lines = lines.flatMap { line -> [(String, String, Bool)] in
            guard !line.2 else { return [line] }
            let parts = Chrome.wrapWords(line.1, summaryW)
            return [(line.0, parts.first ?? "", false)] + parts.dropFirst().map { ("", $0, false) }
        }
        let r = overlayRect(s, width: 76, height: lines.count + 2)
        clearOverlay(&g, s, r)
        g.addRegion(HitRegion(x: r.x, y: r.y, width: r.width, height: r.height, target: .pane(s.focus)))
        Chrome.drawBox(&g, r, title: "Keys", info: lines.count > r.height - 2 ? [app.keymap.hint([.listDown, .listUp], in: .list, "scroll", separator: " "),
                                                             app.keymap.hint(.listClose, in: .list, "closes")].compactMap { $0 }.joined(separator: " · ")
                                                          : app.keymap.hints([(.listClose, "closes")], in: .list), focused: true)
        let inner = r.inner
        guard inner.height > 0 else { return }
        let t = max(0, min(top, lines.count - inner.height))
        for (row, line) in lines.dropFirst(t).prefix(inner.height).enumerated() {
            let y = inner.y + row
            if line.2 {
                g.put(" " + line.0, x: inner.x, y: y, style: .overlayTitle, maxX: inner.x + inner.width)
            } else {
                let x = g.put("  " + Chrome.padRight(Chrome.fit(line.0, keyW), keyW), x: inner.x, y: y, style: .statusKey, maxX: inner.x + inner.width)
                g.put("  " + line.1, x: x, y: y, style: .overlay, maxX: inner.x + inner.width)
            }
        }
    }

    func drawList(_ g: inout Grid, _ s: AppState, _ list: ListOverlay) {
        let (r, perRow, top, visibleRows) = listGeometry(s, list)
        clearOverlay(&g, s, r)
        let info = list.rows.isEmpty ? "" : "\(list.selected + 1)/\(list.totalText ?? "\(list.rows.count)") · \(app.keymap.hints(for: .list).joined(separator: " · "))"
        Chrome.drawBox(&g, r, title: list.title, info: info, focused: true)
        let inner = r.inner
        guard inner.height > 0, inner.width > 2 else { return }
        let right = inner.x + inner.width
        for k in 0..<visibleRows {
            let i = top + k
            guard i < list.rows.count else { break }
            let row = app.displayRow(s, list, i)
            let y = inner.y + k * perRow
            let sel = i == list.selected
            if sel { g.fill(x: inner.x, y: y, width: inner.width, height: perRow, style: .selected) }
            if list.purpose == .concordance, list.concordanceRows.indices.contains(i) {
                drawConcordanceLine(&g, list.concordanceRows[i], x: inner.x, y: y, width: inner.width, selected: sel)
                g.addRegion(HitRegion(x: inner.x, y: y, width: inner.width, height: perRow, target: .listRow(i)))
                continue
            }
            g.put(" " + Chrome.fit(Chrome.oneLine(row.title), inner.width - 1), x: inner.x, y: y, style: sel ? .selected : .header, maxX: right)
            g.addRegion(HitRegion(x: inner.x, y: y, width: inner.width, height: perRow, target: .listRow(i)))
            if perRow == 2 {
                var x = inner.x + 3
                let scalars = Array(row.context.unicodeScalars)
                // A snippet longer than the row ends in `…` (one column kept for it).
                let clipped = x + DisplayWidth.of(row.context) > right - 1
                let end = clipped ? right - 2 : right - 1
                var pos = 0
                for h in row.highlights + [scalars.count..<scalars.count] {
                    if h.lowerBound > pos {
                        x = g.put(String(String.UnicodeScalarView(scalars[pos..<h.lowerBound])), x: x, y: y + 1, style: sel ? .selected : .overlay, maxX: end)
                    }
                    if h.upperBound > h.lowerBound {
                        x = g.put(String(String.UnicodeScalarView(scalars[h.lowerBound..<h.upperBound])), x: x, y: y + 1, style: .match, maxX: end)
                    }
                    pos = h.upperBound
                }
                if clipped { g.put("…", x: min(x, end), y: y + 1, style: sel ? .selected : .dim, maxX: right) }
            }
        }
    }

    /// Where a list overlay stands: its rectangle, lines a row, first row shown, rows shown.
    func listGeometry(_ s: AppState, _ list: ListOverlay) -> (rect: Rect, perRow: Int, top: Int, visible: Int) {
        let perRow = list.purpose == .searchResults || list.purpose == .conflicts ? 2 : 1
        let r = overlayRect(s, width: 120, height: max(3, min(s.height - 2, max(1, list.rows.count) * perRow + 2)))
        let visible = max(1, r.inner.height / perRow)
        var top = list.top
        if list.selected < top { top = list.selected }
        if list.selected >= top + visible { top = list.selected - visible + 1 }
        return (r, perRow, top, visible)
    }

    /// Where the bookmarks overlay stands: its rectangle, first entry shown, entries shown.
    func bookmarksGeometry(_ s: AppState, _ list: BookmarkList) -> (rect: Rect, top: Int, visible: Int) {
        let n = s.bookmarks.count
        let r = overlayRect(s, width: 120, height: max(3, min(s.height - 2, max(1, n) * 2 + 2)))
        let visible = max(1, r.inner.height / 2)
        return (r, max(0, min(list.selected - visible + 1, n - visible)), visible)
    }
}
