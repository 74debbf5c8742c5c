import AugustCore

// Parallel passages in the explorer: `t` on a passage that another document renders too shows
// the two documents side by side in the Source pane, the counterpart's linked passages level with
// this one; j/k/space move the passage of the column the cursor is in and the other column
// follows; Tab puts the cursor in the other column (on the counterpart); `t` or Esc goes back to
// one column. The links are values computed with the rest of the analysis (`ParallelIndex`).

/// Passage links between documents that render one text, by passage ordinal (both ways).
public struct ParallelIndex: Sendable, Hashable {
    public struct Link: Sendable, Hashable {
        public var passage: Int      // ordinal in corpus.passages
        public var score: Double
    }
    /// Every link once: (ordinal a, ordinal b, score), a's document before b's.
    public let pairs: [Pair]
    public struct Pair: Sendable, Hashable {
        public var a: Int, b: Int, score: Double
        public init(a: Int, b: Int, score: Double) { self.a = a; self.b = b; self.score = score }
    }
    let byPassage: [Int: [Link]]

    public init(pairs: [Pair]) {
        self.pairs = pairs
        var by: [Int: [Link]] = [:]
        for p in pairs {
            by[p.a, default: []].append(Link(passage: p.b, score: p.score))
            by[p.b, default: []].append(Link(passage: p.a, score: p.score))
        }
        for k in by.keys { by[k]!.sort { $0.passage < $1.passage } }
        byPassage = by
    }

    public static let empty = ParallelIndex(pairs: [])

    /// The model's document alignments as passage ordinals of `corpus`.
    public init(_ parallels: Parallels, corpus: Corpus) {
        var out: [Pair] = []
        for al in parallels.alignments {
            guard let da = corpus.document(id: al.a), let db = corpus.document(id: al.b),
                  let fa = da.passages.first.flatMap({ corpus.passageOrdinal(id: $0.id) }),
                  let fb = db.passages.first.flatMap({ corpus.passageOrdinal(id: $0.id) }) else { continue }
            // Scores in thousandths, as the snapshot keeps them (a warm start shows the same).
            for l in al.links { out.append(Pair(a: fa + l.a, b: fb + l.b, score: (l.score * 1000).rounded() / 1000)) }
        }
        self.init(pairs: out)
    }

    /// The passages linked to `ordinal` (in corpus order).
    public func links(of ordinal: Int) -> [Link] { byPassage[ordinal] ?? [] }
}

/// The side-by-side view while it is open: the two documents (indices into corpus.documents);
/// the one the shown passage is in has the cursor, the other follows.
public struct ParallelState: Sendable, Hashable {
    public var documents: [Int]
    /// The passage `t` was pressed on and the one-column scroll then, restored when the view
    /// closes on that same passage (the screen as it was before `t`).
    public var openedOn: Int
    public var topPassage: Int
    public var topRow: Int
}

/// The side-by-side view of a passage and its parallel (`t`).
struct ParallelView {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }

    /// The two columns while the parallel view is open and the shown passage's document is one of
    /// the pair: (document of the shown passage, the other document).
    func parallelColumns(_ s: AppState) -> (active: Int, other: Int)? {
        guard let p = s.parallel, p.documents.count == 2, corpus.passages.indices.contains(s.sourcePassage) else { return nil }
        let active = app.documentIndex(ofPassage: s.sourcePassage)
        guard p.documents.contains(active), p.documents[0] != p.documents[1],
              p.documents.allSatisfy(corpus.documents.indices.contains) else { return nil }   // jumped elsewhere: one column
        return (active, p.documents[0] == active ? p.documents[1] : p.documents[0])
    }

    /// Width of each column's box (inside the pane's border, a separator between them).
    func parallelColumnWidth(_ s: AppState) -> Int { max(1, (app.paneRect(s, .source).inner.width - 1) / 2) }

    /// `t`: open the side-by-side view on the shown passage's counterpart, or close it.
    func toggleParallel(_ s: inout AppState) {
        if parallelColumns(s) != nil { closeParallel(&s); return }
        s.parallel = nil   // left behind by a jump to a third document
        let links = data.parallels.links(of: s.sourcePassage)
        guard let best = links.max(by: { $0.score < $1.score }) else {
            s.message = data.parallels.pairs.isEmpty
                ? "no parallel passage: no two documents of the corpus render one text"
                : "no parallel passage: no other document renders this passage"
            return
        }
        s.parallel = ParallelState(documents: [app.documentIndex(ofPassage: s.sourcePassage), app.documentIndex(ofPassage: best.passage)],
                                   openedOn: s.sourcePassage,
                                   topPassage: s.sourceTopPassage, topRow: s.sourceTopRow)
        s.focus = .source
        app.navigation.fixScroll(&s, passageMoved: true)
    }

    func closeParallel(_ s: inout AppState) {
        guard let p = s.parallel else { return }
        s.parallel = nil
        if p.openedOn == s.sourcePassage { s.sourceTopPassage = p.topPassage; s.sourceTopRow = p.topRow }
        app.navigation.fixScroll(&s, passageMoved: p.openedOn != s.sourcePassage)
    }

    /// Keys the parallel view takes before the keymap: Tab (the other column) and Esc (one
    /// column). True when the key was taken.
    func parallelKey(_ s: inout AppState, _ key: Key) -> Bool {
        guard parallelColumns(s) != nil, s.focus == .source, s.overlay == nil else { return false }
        switch key {
        case .esc:
            closeParallel(&s)
            return true
        case .tab, .backTab:
            switchParallelColumn(&s)
            return true
        default:
            return false
        }
    }

    /// The cursor into the other column, on the counterpart of the shown passage, the screen
    /// unmoved (the counterpart's column stays where it was drawn).
    func switchParallelColumn(_ s: inout AppState) {
        guard let (active, other) = parallelColumns(s), let target = counterpart(s, active: active, other: other) else {
            s.message = "no counterpart to move to"
            return
        }
        let otherTop = counterpartTop(s, active: active, other: other)
        s.sourcePassage = target.passage
        let (_, layout) = app.source.sourceLayout(s)
        s.sourceTopPassage = s.sourcePassage
        s.sourceTopRow = 0
        app.source.setSourceTop(&s, layout, max(0, otherTop))
        s.emphasis = nil
        app.navigation.fixScroll(&s, passageMoved: true)
    }

    /// The passage of `other` the shown passage is linked to (the first in document order), else
    /// that of the nearest linked passage before it (after it when none before), and the shown
    /// passage's own link (false when it has none itself).
    func counterpart(_ s: AppState, active: Int, other: Int) -> (passage: Int, own: Bool, anchor: Int)? {
        let otherRange = ordinalRange(of: other)
        func linked(_ p: Int) -> Int? { data.parallels.links(of: p).first { otherRange.contains($0.passage) }?.passage }
        if let q = linked(s.sourcePassage) { return (q, true, s.sourcePassage) }
        let mine = ordinalRange(of: active)
        var p = s.sourcePassage - 1
        while p >= mine.lowerBound { if let q = linked(p) { return (q, false, p) }; p -= 1 }
        p = s.sourcePassage + 1
        while p < mine.upperBound { if let q = linked(p) { return (q, false, p) }; p += 1 }
        return nil
    }

    func ordinalRange(of document: Int) -> Range<Int> {
        let starts = data.documentStarts.value(corpus)
        let lo = starts[document]
        return lo..<(lo + corpus.documents[document].passages.count)
    }

    /// The first row of the other column: its counterpart level with the passage it is linked to.
    func counterpartTop(_ s: AppState, active: Int, other: Int) -> Int {
        let w = max(1, parallelColumnWidth(s) - 2)
        let mine = data.layoutCache.layout(document: active, width: w, corpus: corpus)
        let theirs = data.layoutCache.layout(document: other, width: w, corpus: corpus)
        guard let c = counterpart(s, active: active, other: other),
              let anchorRow = mine.firstRow[c.anchor], let cRow = theirs.firstRow[c.passage] else { return 0 }
        return cRow - (anchorRow - app.source.sourceTop(s, mine))
    }

    // MARK: render

    func drawParallel(_ g: inout Grid, _ s: AppState, _ r: Rect, active: Int, other: Int) {
        let focused = s.focus == .source
        let c = counterpart(s, active: active, other: other)
        let info = c.map { "⇄ " + shortLabel($0.passage) } ?? "⇄ no counterpart"
        Chrome.drawBox(&g, r, title: app.passageLabel(s.sourcePassage), info: info, focused: focused)
        let inner = r.inner
        let colW = parallelColumnWidth(s)
        guard colW > 3, inner.height > 0 else { return }
        let w = colW - 2
        // The columns stay in corpus order whichever has the cursor.
        let leftDoc = min(active, other), rightDoc = max(active, other)
        let mine = data.layoutCache.layout(document: active, width: w, corpus: corpus)
        let theirs = data.layoutCache.layout(document: other, width: w, corpus: corpus)
        let marked = Set((c?.own ?? false) ? data.parallels.links(of: s.sourcePassage).map(\.passage) : [])
        let tops = [active: app.source.sourceTop(s, mine), other: counterpartTop(s, active: active, other: other)]
        for (k, doc) in [leftDoc, rightDoc].enumerated() {
            let x = inner.x + k * (colW + 1)
            let isActive = doc == active
            drawColumn(&g, s, layout: isActive ? mine : theirs, top: tops[doc] ?? 0,
                       rect: Rect(x: x, y: inner.y, width: k == 0 ? colW : inner.x + inner.width - x, height: inner.height),
                       marked: isActive ? [s.sourcePassage] : marked,
                       markStyle: isActive && focused ? .selected : .selectedDim)
        }
        let sepX = inner.x + colW
        for y in inner.y..<(inner.y + inner.height) { g.put("│", x: sepX, y: y, style: focused ? .borderFocused : .border) }
    }

    /// One column: `layout`'s rows from `top` (rows above the document's start left blank), the
    /// `marked` passages with a bar in the gutter, text styled as in the one-column pane.
    func drawColumn(_ g: inout Grid, _ s: AppState, layout: DocumentLayout, top: Int, rect: Rect,
                    marked: Set<Int>, markStyle: Style) {
        let right = rect.x + rect.width
        let first = max(0, top), last = min(layout.rows.count, top + rect.height)
        let shown = first < last ? layout.rows[first..<last].map(\.passage).filter { $0 >= 0 } : []
        var painter = SourceRowPainter(explorer: app, state: s,
                                       matchRanges: shown.isEmpty ? [:] : app.searchFlow.visibleMatchRanges(s, in: shown.min()!...shown.max()!))
        for row in 0..<rect.height {
            let idx = top + row
            guard idx >= 0 else { continue }
            guard idx < layout.rows.count else { break }
            let sr = layout.rows[idx]
            let y = rect.y + row
            guard sr.passage >= 0 else { continue }
            if marked.contains(sr.passage) { g.put("▌", x: rect.x, y: y, style: markStyle) }
            g.addRegion(HitRegion(x: rect.x, y: y, width: rect.width, height: 1, target: .passage(sr.passage)))
            painter.draw(&g, sr, x: rect.x + 2, y: y, right: right)
        }
    }

    /// The status line's word on the parallel view: `⇄ 004 ¶1` or that the passage has none.
    func parallelPosition(_ s: AppState) -> String? {
        guard let (active, other) = parallelColumns(s) else { return nil }
        guard let c = counterpart(s, active: active, other: other), c.own else { return "⇄ no counterpart for this passage" }
        let n = data.parallels.links(of: s.sourcePassage).filter { ordinalRange(of: other).contains($0.passage) }.count
        return "⇄ " + shortLabel(c.passage) + (n > 1 ? " +\(n - 1)" : "")
    }

    /// `004 · ¶12`: the passage label without its article's title.
    func shortLabel(_ ordinal: Int) -> String {
        let parts = app.passageLabel(ordinal).components(separatedBy: " · ")
        return parts.count > 2 ? "\(parts[0]) · \(parts[parts.count - 1])" : parts.joined(separator: " · ")
    }
}
