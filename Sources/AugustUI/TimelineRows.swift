import AugustCore
import Foundation

/// A row of the timeline pane.
enum TimelineRow: Sendable, Equatable {
    case year(String)
    case day(String)
    case item(Int)       // index into ExplorerData.timeline

    var isItem: Bool { if case .item = self { return true } else { return false } }
}

extension ExplorerData {
    /// Whether an item is shown under the current toggles and filter.
    func isVisible(_ i: Int, showAll: Bool, placeFilter: String?, terms: [String] = []) -> Bool {
        let item = timeline[i]
        if !showAll, item.kind != .event { return false }
        if let f = placeFilter, !item.placeIDs.contains(f) { return false }
        if !terms.isEmpty {
            let hay = filterTexts.value(self)[i]
            if !terms.allSatisfy({ hay.contains($0) }) { return false }
        }
        return true
    }

    /// What `f` matches an item against, folded: its title, date, front (tag and name), places, and
    /// the words of its first telling (where its formations and places stand as written).
    func filterText(of item: TimelineItem) -> String {
        var parts = [item.title, item.dateLabel, item.date.start, tag(of: item)]
        if let f = item.frontID, let i = frontIndex[f] { parts.append(fronts.fronts[i].name) }
        parts += item.placeIDs.map { $0.replacingOccurrences(of: "-", with: " ") }
        if let m = item.mentions.first, corpus.passages.indices.contains(m.passage) {
            let text = corpus.passages[m.passage].text
            parts.append(text.scalarSlice(max(0, m.start), min(text.unicodeScalars.count, max(m.start, m.end))))
        }
        return TimelineView.fold(parts.joined(separator: " \u{1} "))
    }

    /// The rows of the timeline: year headers, a header for each day inside the campaign window,
    /// and the visible items in date order. (Built once per toggle and filter, then cached.)
    func timelineRows(showAll: Bool, placeFilter: String?, text: String? = nil) -> [TimelineRow] {
        timelineView(showAll: showAll, placeFilter: placeFilter, text: text).rows
    }

    func visibleItems(showAll: Bool, placeFilter: String?, text: String? = nil) -> [Int] {
        timelineView(showAll: showAll, placeFilter: placeFilter, text: text).items
    }

    /// The timeline under a toggle and filter, with its indexes: built once (a walk over every
    /// item), then every key costs a lookup.
    func timelineView(showAll: Bool, placeFilter: String?, text: String? = nil) -> TimelineView {
        let terms = TimelineView.terms(text)
        return timelineCache.view(TimelineView.Key(showAll: showAll, placeFilter: placeFilter, terms: terms)) {
            makeTimelineView(showAll: showAll, placeFilter: placeFilter, terms: terms)
        }
    }

    func makeTimelineView(showAll: Bool, placeFilter: String?, terms: [String] = []) -> TimelineView {
        var rows: [TimelineRow] = []
        var items: [Int] = []
        var rowOf = [Int](repeating: -1, count: timeline.count)
        var positionOf = [Int](repeating: -1, count: timeline.count)
        var dateW = 0, tagW = 0, maxCount = 0
        var lastYear = "", lastDay: Int? = nil
        let campaignStart = campaign.start.dayNumber, campaignEnd = campaign.end.dayNumber
        for i in timeline.indices where isVisible(i, showAll: showAll, placeFilter: placeFilter, terms: terms) {
            let item = timeline[i]
            let first = item.date.first
            let year = DateFormat.year(first)
            if year != lastYear {
                rows.append(.year(year))
                lastYear = year
                lastDay = nil
            }
            if first.day != nil {
                // A header for each day inside the campaign window (a recurring date has none).
                if let day = first.dayNumber, let start = campaignStart, let end = campaignEnd,
                   day >= start, day <= end, day != lastDay, var header = DateFormat.dayHeader(first) {
                    if let n = DateFormat.daysBetween(campaign.start, first) { header += " · day \(n + 1)" }
                    rows.append(.day(header))
                    lastDay = day
                }
            } else {
                lastDay = nil
            }
            rowOf[i] = rows.count
            positionOf[i] = items.count
            rows.append(.item(i))
            items.append(i)
            dateW = max(dateW, DisplayWidth.of(item.dateLabel))
            tagW = max(tagW, DisplayWidth.of(tag(of: item)))
            maxCount = max(maxCount, item.mentionCount)
        }
        return TimelineView(rows: rows, items: items, rowOf: rowOf, positionOf: positionOf,
                            dateWidth: min(14, items.isEmpty ? 5 : dateW), tagWidth: min(5, tagW),
                            countWidth: max(2, String(maxCount).count))
    }

    /// The short front tag shown in a timeline row (`TB`), or "".
    func tag(of item: TimelineItem) -> String {
        guard let f = item.frontID else { return "" }
        if let i = frontIndex[f] { return fronts.fronts[i].tag }
        return f
    }

    /// The document a passage belongs to (passages are stored document after document).
    func documentIndex(ofPassage ordinal: Int) -> Int {
        guard ordinal >= 0, ordinal < corpus.passages.count else { return 0 }
        let starts = documentStarts.value(corpus)
        // The last document starting at or before `ordinal` (empty documents share a start).
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] <= ordinal { lo = mid + 1 } else { hi = mid }
        }
        var d = max(0, lo - 1)
        while d > 0, corpus.documents[d].passages.isEmpty { d -= 1 }
        return d
    }
}

/// The timeline as shown under one toggle and filter: its rows, the visible items, and where each
/// item is (row, position among the visible), plus the column widths of its rows.
struct TimelineView: Sendable {
    struct Key: Hashable, Sendable {
        var showAll: Bool
        var placeFilter: String?
        var terms: [String] = []
    }

    /// A filter's terms: space-separated, folded (case and accents), empty ones dropped.
    static func terms(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(separator: " ").map { fold(String($0)) }.filter { !$0.isEmpty }
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
    let rows: [TimelineRow]
    /// Visible items, ascending.
    let items: [Int]
    /// `timeline` index → row in `rows` (-1: hidden).
    let rowOf: [Int]
    /// `timeline` index → position in `items` (-1: hidden).
    let positionOf: [Int]
    let dateWidth: Int
    let tagWidth: Int
    let countWidth: Int

    func row(of item: Int) -> Int? {
        rowOf.indices.contains(item) && rowOf[item] >= 0 ? rowOf[item] : nil
    }

    func position(of item: Int) -> Int? {
        positionOf.indices.contains(item) && positionOf[item] >= 0 ? positionOf[item] : nil
    }

    /// The first visible item at or after `item` (by timeline index).
    func firstItem(atOrAfter item: Int) -> Int? {
        var lo = 0, hi = items.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if items[mid] < item { lo = mid + 1 } else { hi = mid }
        }
        return lo < items.count ? items[lo] : nil
    }
}

/// Timeline views by toggle and filter (a few: one per filter tried), shared by update and render.
final class TimelineCache: @unchecked Sendable {
    private var views: [TimelineView.Key: TimelineView] = [:]
    private var order: [TimelineView.Key] = []
    private let lock = NSLock()

    func view(_ key: TimelineView.Key, make: () -> TimelineView) -> TimelineView {
        lock.lock()
        if let hit = views[key] { lock.unlock(); return hit }
        lock.unlock()
        let made = make()
        lock.lock()
        if views[key] == nil {
            views[key] = made
            order.append(key)
            if order.count > 8 { views[order.removeFirst()] = nil }
        }
        lock.unlock()
        return made
    }
}

/// Every item's `filterText`, made on the first `f` and kept.
final class FilterTexts: @unchecked Sendable {
    private var texts: [String]?
    private let lock = NSLock()

    func value(_ data: ExplorerData) -> [String] {
        lock.lock(); defer { lock.unlock() }
        if let texts { return texts }
        let made = data.timeline.map { data.filterText(of: $0) }
        texts = made
        return made
    }
}

/// The first event (timeline order, events only) that names each objective's place, by place id:
/// a walk over the timeline that stops when every objective has one. A warm start reads it from
/// the snapshot (`init(known:)`): the fronts pane's first key does not walk 100 000 items.
final class FirstEvents: @unchecked Sendable {
    private var first: [String: Int]?
    private let lock = NSLock()

    init(known: [String: Int]? = nil) { first = known }

    /// Whether the value is there without a walk (read from a snapshot, or walked already).
    var isKnown: Bool { lock.lock(); defer { lock.unlock() }; return first != nil }

    func value(_ data: ExplorerData) -> [String: Int] {
        lock.lock(); defer { lock.unlock() }
        if let first { return first }
        var wanted = Set(data.flatObjectives.map { data.fronts.fronts[$0.front].axes[$0.axis].objectives[$0.objective].placeID })
        var out: [String: Int] = [:]
        for i in data.timeline.indices where !wanted.isEmpty && data.isVisible(i, showAll: false, placeFilter: nil) {
            for id in data.timeline[i].placeIDs where wanted.remove(id) != nil { out[id] = i }
        }
        first = out
        return out
    }
}

/// The first passage ordinal of each document, computed once.
final class DocumentStarts: @unchecked Sendable {
    private var starts: [Int]?
    private let lock = NSLock()

    func value(_ corpus: Corpus) -> [Int] {
        lock.lock(); defer { lock.unlock() }
        if let starts { return starts }
        var out: [Int] = []
        out.reserveCapacity(corpus.documents.count)
        var n = 0
        for d in corpus.documents { out.append(n); n += d.passages.count }
        starts = out
        return out
    }
}

/// `flatObjectives` inverted: `[front][axis][objective]` → its number in map order (-1: none).
final class ObjectiveNumbers: @unchecked Sendable {
    private var numbers: [[[Int]]]?
    private let lock = NSLock()

    func value(_ fronts: FrontsMap, _ flat: [(front: Int, axis: Int, objective: Int)]) -> [[[Int]]] {
        lock.lock(); defer { lock.unlock() }
        if let numbers { return numbers }
        var out = fronts.fronts.map { f in f.axes.map { a in [Int](repeating: -1, count: a.objectives.count) } }
        for (k, t) in flat.enumerated() { out[t.front][t.axis][t.objective] = k }
        numbers = out
        return out
    }
}
