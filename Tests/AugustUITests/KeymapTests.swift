import Testing
@testable import AugustUI

/// The keymap table is the one source of keys: hints and help are made from it.
@Suite struct KeymapTests {
    let keymap = Keymap.standard

    func key(fromLabel label: String) -> Key? {
        let all: [Key] = [.enter, .esc, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end]
        if let k = all.first(where: { $0.label == label }) { return k }
        if label.hasPrefix("Ctrl-"), label.count == 6 { return .ctrl(Character(label.suffix(1).lowercased())) }
        if label == "Space" { return .char(" ") }
        return label.count == 1 ? .char(Character(label)) : nil
    }

    @Test func everyHintNamesAKeyBoundToItsCommandInThatPane() {
        for pane in Pane.allCases {
            let hints = keymap.hints(for: pane)
            if !pane.isClosedContext { #expect(hints.first == "? help" && hints.last == "q quit", "\(pane): \(hints)") }
            #expect(!hints.isEmpty, "\(pane) has hints")
            for h in hints {
                let label = String(h.split(separator: " ")[0])
                let k = key(fromLabel: label)
                #expect(k != nil && keymap.command(for: k!, in: pane) != nil, "\(pane): hint \(h) is bound")
            }
        }
    }

    @Test func everyKeyTheHelpListsIsBoundAndEveryCommandIsListed() {
        var listed = Set<Command>()
        for section in keymap.helpSections {
            let pane = Pane.allCases.first { $0.title == section.title }
            for row in section.rows {
                for label in row.keys.split(separator: " ").map(String.init) {
                    let k = key(fromLabel: label)
                    #expect(k != nil, "help lists \(label)")
                    guard let k else { continue }
                    let c = keymap.command(for: k, in: pane ?? .timeline)
                    #expect(c != nil && c!.summary == row.summary, "\(label) does what the help says: \(row.summary)")
                    if let c { listed.insert(c) }
                }
            }
        }
        #expect(listed == Set(Command.allCases), "every command has a key in the help: missing \(Set(Command.allCases).subtracting(listed))")
    }

    @Test func rebindingAKeyChangesItsHint() {
        var k = Keymap.standard
        k.bindings = k.bindings.map { b in b.command == .quit && b.key == .char("q") ? Keymap.Binding(key: .char("Q"), command: .quit, pane: nil) : b }
        #expect(k.hints(for: .timeline).last == "Q quit")
    }

    @Test func listsBookmarksAndPromptsTakeTheirKeysFromTheTable() {
        // A rebinding in the table changes what an open list does, and what its title says.
        var km = Keymap.standard
        km.bindings.removeAll { $0.pane == .list && $0.command == .listDown }
        km.bindings.append(.init(key: .char("n"), command: .listDown, pane: .list))
        let e = Explorer(data: fixtureData, keymap: km)
        var s = e.initialState(width: 100, height: 30)
        for i in try! KeyNotation.parse("sfront<Enter>") { s = e.handle(s, i) }
        guard case .list(let before) = s.overlay else { Issue.record("no list"); return }
        s = e.handle(s, .key(.char("n")))
        guard case .list(let moved) = s.overlay else { Issue.record("the list closed"); return }
        #expect(moved.selected == before.selected + 1)
        s = e.handle(s, .key(.char("j")))
        guard case .list(let still) = s.overlay else { Issue.record("the list closed"); return }
        #expect(still.selected == moved.selected, "j is no longer bound in lists")
        // A prompt takes any unbound key as a letter: `q` is typed, not quit.
        let typed = after("/q", e)
        #expect(!typed.quit && typed.prompt?.text == "q")
        // The help lists the lists' and the prompts' keys in sections of their own.
        let titles = Keymap.standard.helpSections.map(\.title)
        #expect(titles.contains(Pane.list.title) && titles.contains(Pane.prompt.title) && titles.contains(Pane.bookmarkList.title))
    }
}
