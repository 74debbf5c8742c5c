/// The three panes of the explorer.
public enum Pane: Int, Sendable, Hashable, CaseIterable {
    case timeline, fronts, source
    /// The fronts pane while it shows the map (`m`): its own keys; focus stays `.fronts`.
    case map
    public var title: String {
        switch self {
        case .timeline: return "Timeline"
        case .fronts: return "Fronts"
        case .source: return "Source"
        case .map: return "Map"
        }
    }
    /// The panes that take a place on screen (the map is the fronts pane's other view).
    public static let screenPanes: [Pane] = [.timeline, .fronts, .source]
}

/// Named actions: keys map to these through the `Keymap`, and the help overlay lists them.
public enum Command: String, Sendable, Hashable, CaseIterable {
    case focusNext, focusPrevious, focusTimeline, focusFronts, focusSource
    case down, up, pageDown, pageUp, halfPageDown, halfPageUp, top, bottom
    case jumpToSource, eventsOfPassage, filterByObjective
    case nextMention, previousMention
    case search, nextMatch, previousMatch, searchList
    case back, forward
    case toggleKinds, clearFilter
    case copyLocation, openInPager, openInEditor, documents, filter, filterObjectives, concordance
    case toggleMap, mapLeft, mapRight, mapUp, mapDown, zoomIn, zoomOut, fitMap
    case nextDay, previousDay, nextWeek, previousWeek, nextPlace, previousPlace, eventsOfPlace
    case bookmark, note, bookmarks
    case conflicts, writeDossier
    case parallel
    case help, quit

    public var summary: String {
        switch self {
        case .focusNext: return "next pane"
        case .focusPrevious: return "previous pane"
        case .focusTimeline: return "focus Timeline"
        case .focusFronts: return "focus Fronts"
        case .focusSource: return "focus Source"
        case .down: return "down"
        case .up: return "up"
        case .pageDown: return "page down"
        case .pageUp: return "page up"
        case .halfPageDown: return "half a page down"
        case .halfPageUp: return "half a page up"
        case .top: return "first"
        case .bottom: return "last"
        case .jumpToSource: return "open the event's first mentioning passage"
        case .eventsOfPassage: return "events this passage mentions"
        case .filterByObjective: return "show only events at this place"
        case .nextMention: return "next passage mentioning the event"
        case .previousMention: return "previous passage mentioning the event"
        case .search: return "search (Enter keeps, Esc drops)"
        case .nextMatch: return "next match in the corpus"
        case .previousMatch: return "previous match in the corpus"
        case .searchList: return "ranked list of matching passages"
        case .back: return "back in jump history"
        case .forward: return "forward in jump history"
        case .toggleKinds: return "show/hide publication and other dates"
        case .clearFilter: return "clear the filter (text, then place), else the search"
        case .copyLocation: return "copy FILE:LINE of the shown passage"
        case .openInPager: return "open the shown passage's file in $PAGER at its line"
        case .openInEditor: return "open it in $EDITOR at its line"
        case .documents: return "list the documents; Enter opens one at its start"
        case .concordance: return "the search's matches in context (KWIC); o orders them"
        case .filter: return "narrow the timeline as you type (words of title, date, place, formation, front; Enter keeps, Esc clears)"
        case .filterObjectives: return "narrow the objectives as you type (words of place, date, axis, front; Enter keeps, Esc clears)"
        case .toggleMap: return "the fronts as a map, or as a list"
        case .mapLeft: return "pan west"
        case .mapRight: return "pan east"
        case .mapUp: return "pan north"
        case .mapDown: return "pan south"
        case .zoomIn: return "zoom in"
        case .zoomOut: return "zoom out"
        case .fitMap: return "fit the map to the places the texts name"
        case .nextDay: return "the map a day later (the timeline follows)"
        case .previousDay: return "the map a day earlier"
        case .nextWeek: return "a week later"
        case .previousWeek: return "a week earlier"
        case .nextPlace: return "next place on the map (most named first)"
        case .previousPlace: return "previous place on the map"
        case .eventsOfPlace: return "show only events at the selected place"
        case .bookmark: return "bookmark this passage (Source) or event; b again: off"
        case .note: return "add a note to it (Enter keeps, Esc cancels)"
        case .bookmarks: return "bookmarks and notes (Enter opens, a note, d deletes)"
        case .conflicts: return "where the sources disagree (≠): each version, Enter opens it"
        case .writeDossier: return "write the event's dossier (Markdown) to a file"
        case .parallel: return "the passage and its translation or paraphrase side by side (Tab: other column; t or Esc: one column)"
        case .help: return "this help"
        case .quit: return "quit"
        }
    }
}

/// Keys → commands: a table per pane, falling back to the global table (like tig's keymaps).
public struct Keymap: Sendable {
    public struct Binding: Sendable, Hashable {
        public var key: Key
        public var command: Command
        /// nil: everywhere (unless a pane binds the same key).
        public var pane: Pane?
    }

    public var bindings: [Binding]

    public func command(for key: Key, in pane: Pane) -> Command? {
        if let b = bindings.first(where: { $0.pane == pane && $0.key == key }) { return b.command }
        return bindings.first(where: { $0.pane == nil && $0.key == key })?.command
    }

    /// The key a hint shows for a command in a pane: the pane's own binding, else the global one.
    public func firstKey(for command: Command, in pane: Pane) -> Key? {
        bindings.first { $0.command == command && $0.pane == pane }?.key
            ?? bindings.first { $0.command == command && $0.pane == nil && self.command(for: $0.key, in: pane) == command }?.key
    }

    /// The status line's key hints of a pane, most useful first, made from the table
    /// (`? help`, `Enter open` …): a rebinding changes them too.
    public func hints(for pane: Pane) -> [String] {
        let wanted: [(Command, String)]
        switch pane {
        case .timeline: wanted = [(.help, "help"), (.jumpToSource, "open"), (.nextMention, "mention"), (.search, "search"),
                                  (.filter, "filter"), (.toggleKinds, "kinds"), (.quit, "quit")]
        case .fronts: wanted = [(.help, "help"), (.filterByObjective, "events"), (.filterObjectives, "filter"), (.toggleMap, "map"),
                                (.search, "search"), (.quit, "quit")]
        case .source: wanted = [(.help, "help"), (.eventsOfPassage, "events"), (.nextMention, "mention"), (.nextMatch, "match"),
                                (.back, "back"), (.quit, "quit")]
        case .map: wanted = [(.help, "help"), (.nextDay, "day"), (.zoomIn, "zoom"), (.nextPlace, "place"), (.eventsOfPlace, "events"),
                             (.toggleMap, "list"), (.quit, "quit")]
        }
        return wanted.compactMap { c, word in firstKey(for: c, in: pane).map { "\($0.label) \(word)" } }
    }

    /// Keys bound to a command (in a pane's table, or the global one), in table order.
    public func keys(for command: Command, pane: Pane? = nil) -> [Key] {
        bindings.filter { $0.command == command && $0.pane == pane }.map(\.key)
    }

    /// Sections of the help overlay: (title, [(keys, summary)]), straight from the table.
    public var helpSections: [(title: String, rows: [(keys: String, summary: String)])] {
        var sections: [(String, [(String, String)])] = []
        for pane in [nil] + Pane.allCases.map(Optional.some) {
            var seen: [Command] = []
            for b in bindings where b.pane == pane && !seen.contains(b.command) { seen.append(b.command) }
            let rows = seen.map { c in (keys(for: c, pane: pane).map(\.label).joined(separator: " "), c.summary) }
            if !rows.isEmpty { sections.append((pane?.title ?? "Everywhere", rows)) }
        }
        return sections
    }

    public static let standard: Keymap = {
        var b: [Binding] = []
        func bind(_ keys: [Key], _ c: Command, _ pane: Pane? = nil) { for k in keys { b.append(Binding(key: k, command: c, pane: pane)) } }
        bind([.tab], .focusNext)
        bind([.backTab], .focusPrevious)
        bind([.char("1")], .focusTimeline)
        bind([.char("2")], .focusFronts)
        bind([.char("3")], .focusSource)
        bind([.char("j"), .down], .down)
        bind([.char("k"), .up], .up)
        bind([.pageDown, .char(" ")], .pageDown)
        bind([.pageUp], .pageUp)
        bind([.ctrl("d")], .halfPageDown)
        bind([.ctrl("u")], .halfPageUp)
        bind([.char("g"), .home], .top)
        bind([.char("G"), .end], .bottom)
        bind([.char("]")], .nextMention)
        bind([.char("[")], .previousMention)
        bind([.char("/")], .search)
        bind([.char("n")], .nextMatch)
        bind([.char("N")], .previousMatch)
        bind([.char("s")], .searchList)
        bind([.backspace, .ctrl("o"), .char("H")], .back)
        bind([.char("L")], .forward)
        bind([.char("p")], .toggleKinds)
        bind([.esc, .char("x")], .clearFilter)
        bind([.char("y")], .copyLocation)
        bind([.char("e")], .openInPager)
        bind([.char("E")], .openInEditor)
        bind([.char("D")], .documents)
        bind([.char("f")], .filter, .timeline)
        bind([.char("f")], .filterObjectives, .fronts)
        bind([.char("K")], .concordance)
        bind([.char("m")], .toggleMap)
        bind([.char(">")], .nextDay)
        bind([.char("<")], .previousDay)
        bind([.char("}")], .nextWeek)
        bind([.char("{")], .previousWeek)
        bind([.char("h"), .left], .mapLeft, .map)
        bind([.char("l"), .right], .mapRight, .map)
        bind([.char("k"), .up], .mapUp, .map)
        bind([.char("j"), .down], .mapDown, .map)
        bind([.char("+"), .char("=")], .zoomIn, .map)
        bind([.char("-")], .zoomOut, .map)
        bind([.char("0")], .fitMap, .map)
        bind([.char(".")], .nextPlace, .map)
        bind([.char(",")], .previousPlace, .map)
        bind([.enter], .eventsOfPlace, .map)
        bind([.char("b")], .bookmark)
        bind([.char("a")], .note)
        bind([.char("'")], .bookmarks)
        bind([.char("C")], .conflicts, .timeline)
        bind([.char("w")], .writeDossier, .timeline)
        bind([.char("?")], .help)
        bind([.char("q"), .ctrl("c")], .quit)
        bind([.enter], .jumpToSource, .timeline)
        bind([.enter], .filterByObjective, .fronts)
        bind([.enter], .eventsOfPassage, .source)
        bind([.char("t")], .parallel, .source)
        return Keymap(bindings: b)
    }()
}
