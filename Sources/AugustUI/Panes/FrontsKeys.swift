import AugustCore

/// The fronts pane's keys that reach beyond it: its `f` filter as typed, and the preview of the
/// selected objective in the source pane.
struct FrontsKeys {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }

    /// Keys while the fronts pane's `f` filter is typed: the objectives narrow at once.
    func frontsFilterKey(_ s: inout AppState, _ p: inout FilterPrompt, _ key: Key) {
        switch app.keymap.command(for: key, in: .prompt) {
        case .promptCancel:
            s.filterPrompt = nil
            s.frontsFilter = nil
            if let sel = p.beforeSelection { s.frontsSelection = sel }
            s.message = "filter cleared"
            return
        case .promptAccept:
            s.filterPrompt = nil
            if TimelineView.terms(p.text).isEmpty { s.frontsFilter = nil }
            return
        case .listDown: app.navigation.move(&s, by: 1); return
        case .listUp: app.navigation.move(&s, by: -1); return
        default:
            guard LineEdit.apply(key, app.keymap, to: &p.text) else { return }
        }
        s.filterPrompt = p
        s.frontsFilter = TimelineView.terms(p.text).isEmpty ? nil : p.text
        app.frontsPane.reselect(&s)
        previewObjective(&s)
    }

    /// The source pane shows the first telling of the first event at the selected objective.
    func previewObjective(_ s: inout AppState) {
        guard let item = app.frontsPane.firstEvent(at: s.frontsSelection),
              let i = data.mentionOrdinals[item].firstIndex(where: { $0 >= 0 }) else { return }
        let m = data.timeline[item].mentions[i]
        let p = data.mentionOrdinals[item][i]
        s.sourcePassage = p
        s.emphasis = Emphasis(passage: p, start: m.start, end: m.end)
        app.navigation.fixScroll(&s, passageMoved: true)
    }
}
