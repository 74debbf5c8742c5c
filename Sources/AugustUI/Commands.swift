/// The three panes of the explorer.
public enum Pane: Int, Sendable, Hashable, CaseIterable {
    case timeline, fronts, source
    /// The fronts pane while it shows the map (`m`): its own keys; focus stays `.fronts`.
    case map
    /// Key contexts that are no pane: an open list (search results, documents, KWIC, conflicts),
    /// the bookmarks list, a prompt being typed (`/`, `f`, a note). Their keys are in the same table.
    case list, bookmarkList, prompt
    public var title: String {
        switch self {
        case .timeline: return "Timeline"
        case .fronts: return "Fronts"
        case .source: return "Source"
        case .map: return "Map"
        case .list: return "Lists (search results, documents, KWIC, conflicts)"
        case .bookmarkList: return "Bookmarks list"
        case .prompt: return "Prompts (/ search, f filter, a note)"
        }
    }
    /// Contexts whose keys do not fall back to the global table (a prompt takes `q` as a letter).
    public var isClosedContext: Bool { self == .list || self == .bookmarkList || self == .prompt }
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
    case listDown, listUp, listPageDown, listPageUp, listFirst, listLast, listOpen, listClose, listOrder
    case bookmarkNote, bookmarkDelete
    case promptAccept, promptCancel, promptErase, promptEraseLine, promptEraseWord

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
        case .listDown: return "next row"
        case .listUp: return "previous row"
        case .listPageDown: return "five rows down"
        case .listPageUp: return "five rows up"
        case .listFirst: return "first row"
        case .listLast: return "last row"
        case .listOpen: return "open the row (its passage or event)"
        case .listClose: return "close the list"
        case .listOrder: return "KWIC: the next order (corpus, 1R, 2R, 1L, 2L)"
        case .bookmarkNote: return "write or edit the note"
        case .bookmarkDelete: return "delete the bookmark"
        case .promptAccept: return "keep what was typed"
        case .promptCancel: return "cancel (the search, filter or note as it was before)"
        case .promptErase: return "erase a character"
        case .promptEraseLine: return "erase the line"
        case .promptEraseWord: return "erase the last word"
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
        if pane.isClosedContext { return nil }
        return bindings.first(where: { $0.pane == nil && $0.key == key })?.command
    }

    /// `Enter opens`: the first key of a command in a context, and what it does there (nil when unbound).
    public func hint(_ command: Command, in pane: Pane, _ word: String) -> String? {
        firstKey(for: command, in: pane).map { "\($0.label) \(word)" }
    }

    /// `↑↓ move`: the first keys of several commands, joined by `separator`, and what they do.
    public func hint(_ commands: [Command], in pane: Pane, _ word: String, separator: String = "") -> String? {
        let keys = commands.compactMap { firstKey(for: $0, in: pane)?.label }
        return keys.count == commands.count ? keys.joined(separator: separator) + " " + word : nil
    }

    /// Several hints joined with ` · ` (the unbound ones left out).
    public func hints(_ wanted: [(Command, String)], in pane: Pane) -> String {
        wanted.compactMap { hint($0.0, in: pane, $0.1) }.joined(separator: " · ")
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
        case .list: wanted = [(.listOpen, "opens"), (.listClose, "closes")]
        case .bookmarkList: wanted = [(.listOpen, "opens"), (.bookmarkNote, "note"), (.bookmarkDelete, "deletes"), (.listClose, "closes")]
        case .prompt: wanted = [(.promptAccept, "keeps"), (.promptCancel, "cancels")]
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
        // An open list, the bookmarks list: moving, opening, closing.
        for ctx in [Pane.list, .bookmarkList] {
            bind([.char("j"), .down], .listDown, ctx)
            bind([.char("k"), .up], .listUp, ctx)
            bind([.pageDown, .ctrl("d"), .char(" ")], .listPageDown, ctx)
            bind([.pageUp, .ctrl("u")], .listPageUp, ctx)
            bind([.char("g"), .home], .listFirst, ctx)
            bind([.char("G"), .end], .listLast, ctx)
            bind([.enter], .listOpen, ctx)
            bind([.char("?")], .help, ctx)
        }
        bind([.esc, .char("q"), .backspace], .listClose, .list)
        bind([.char("o")], .listOrder, .list)
        bind([.esc, .char("q"), .char("'"), .backspace], .listClose, .bookmarkList)
        bind([.char("a")], .bookmarkNote, .bookmarkList)
        bind([.char("d"), .delete], .bookmarkDelete, .bookmarkList)
        // A prompt: any other key is typed.
        bind([.enter], .promptAccept, .prompt)
        bind([.esc], .promptCancel, .prompt)
        bind([.backspace], .promptErase, .prompt)
        bind([.ctrl("u")], .promptEraseLine, .prompt)
        bind([.ctrl("w")], .promptEraseWord, .prompt)
        bind([.down], .listDown, .prompt)
        bind([.up], .listUp, .prompt)
        bind([.pageDown], .listPageDown, .prompt)
        bind([.pageUp], .listPageUp, .prompt)
        return Keymap(bindings: b)
    }()
}
