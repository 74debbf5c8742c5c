import AugustCore

extension Explorer {
    /// Draw the whole screen for a state (its own size).
    public func render(_ s: AppState) -> Grid {
        var g = Grid(width: s.width, height: s.height)
        guard s.width > 0, s.height > 0 else { return g }
        let l = layout(s)
        if l.mode == .tooSmall {
            let line = "terminal too small: \(s.width)×\(s.height), needs \(Layout.minimum.width)×\(Layout.minimum.height)"
            let need = "\(Layout.minimum.width)×\(Layout.minimum.height)"
            let text = [line, "too small: needs \(need)", "needs \(need)", need, "!"].first { DisplayWidth.of($0) <= s.width } ?? ""
            let x = max(0, (s.width - DisplayWidth.of(text)) / 2)
            g.put(text, x: x, y: s.height / 2, style: .statusError)
            return g
        }
        if let bar = l.tabBar { status.drawTabs(&g, s, bar) }
        for (pane, rect) in l.panes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            g.addRegion(HitRegion(x: rect.x, y: rect.y, width: rect.width, height: rect.height, target: .pane(pane)))
            switch pane {
            case .timeline: timeline.drawTimeline(&g, s, rect)
            case .fronts:
                if s.showMap { mapPane.drawMap(&g, s, rect) } else { frontsPane.render(&g, s, rect, focused: s.focus == .fronts, stacked: l.mode == .stacked) }
            case .source: source.drawSource(&g, s, rect)
            case .map: mapPane.drawMap(&g, s, rect)
            case .list, .bookmarkList, .prompt: break
            }
        }
        status.drawStatus(&g, s, l.status)
        switch s.overlay {
        case .help(let top): overlays.drawHelp(&g, s, top)
        case .list(let list): overlays.drawList(&g, s, list)
        case .bookmarks(let list): bookmarksView.drawBookmarks(&g, s, list)
        case nil: break
        }
        return g
    }
}

/// Draws the text of source rows, styled as the source pane styles it (dates, places, formations,
/// search matches, the emphasis), each passage's scalars and styles computed once per frame.
struct SourceRowPainter {
    let explorer: Explorer
    let state: AppState
    /// The search's matches in the passages on screen, by ordinal.
    let matchRanges: [Int: [Range<Int>]]
    private var scalars: [Int: [Unicode.Scalar]] = [:]
    private var styles: [Int: [(Range<Int>, Style)]] = [:]

    init(explorer: Explorer, state: AppState, matchRanges: [Int: [Range<Int>]]) {
        self.explorer = explorer; self.state = state; self.matchRanges = matchRanges
    }

    /// The row's text from column `x` on line `y`, cut at `right`.
    mutating func draw(_ g: inout Grid, _ sr: SourceRow, x x0: Int, y: Int, right: Int) {
        let passage = explorer.corpus.passages[sr.passage]
        let text = scalars[sr.passage] ?? Array(passage.text.unicodeScalars)
        scalars[sr.passage] = text
        let spans = styles[sr.passage] ?? explorer.source.spanStyles(state, sr.passage, passage, matchRanges[sr.passage] ?? [])
        styles[sr.passage] = spans
        let base: Style = passage.isHeading ? .header : .normal
        var x = x0
        var run = String.UnicodeScalarView()
        var runStyle = base
        for i in sr.start..<sr.end {
            let st = explorer.source.style(at: i, spans, base)
            if st != runStyle, !run.isEmpty {
                x = g.put(String(run), x: x, y: y, style: runStyle, maxX: right)
                run = String.UnicodeScalarView()
            }
            runStyle = st
            run.append(text[i])
        }
        if !run.isEmpty { g.put(String(run), x: x, y: y, style: runStyle, maxX: right) }
    }
}
