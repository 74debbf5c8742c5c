import AugustCore

/// What each command of the keymap does (a key is looked up in the table, its command done here):
/// the dispatch from a named command to the pane or panel that owns it.
struct Actions {
    let app: Explorer
    var data: ExplorerData { app.data }
    var corpus: Corpus { app.corpus }

    func perform(_ s: inout AppState, _ command: Command) {
        switch command {
        case .focusNext: app.focus(&s, Pane(rawValue: (s.focus.rawValue + 1) % 3)!)
        case .focusPrevious: app.focus(&s, Pane(rawValue: (s.focus.rawValue + 2) % 3)!)
        case .focusTimeline: app.focus(&s, .timeline)
        case .focusFronts: app.focus(&s, .fronts)
        case .focusSource: app.focus(&s, .source)
        case .down: app.navigation.move(&s, by: 1)
        case .up: app.navigation.move(&s, by: -1)
        case .pageDown: app.navigation.move(&s, by: max(1, app.paneHeight(s, s.focus) - 1), page: true)
        case .pageUp: app.navigation.move(&s, by: -max(1, app.paneHeight(s, s.focus) - 1), page: true)
        case .halfPageDown: app.navigation.move(&s, by: max(1, app.paneHeight(s, s.focus) / 2), page: true)
        case .halfPageUp: app.navigation.move(&s, by: -max(1, app.paneHeight(s, s.focus) / 2), page: true)
        case .top: app.navigation.moveToEnd(&s, first: true)
        case .bottom: app.navigation.moveToEnd(&s, first: false)
        case .jumpToSource: app.timeline.jumpToMention(&s, index: 0)
        case .nextMention: app.timeline.stepMention(&s, by: 1)
        case .previousMention: app.timeline.stepMention(&s, by: -1)
        case .eventsOfPassage: app.source.eventsOfPassage(&s)
        case .filterByObjective: app.timeline.filterByObjective(&s)
        case .search:
            s.prompt = Prompt(text: "", before: s.search, beforeLocation: s.location, thenList: false)
        case .nextMatch: app.searchFlow.stepMatch(&s, forward: true)
        case .previousMatch: app.searchFlow.stepMatch(&s, forward: false)
        case .searchList:
            if s.search == nil {
                s.prompt = Prompt(text: "", before: nil, beforeLocation: s.location, thenList: true)
            } else {
                app.searchFlow.openSearchList(&s)
            }
        case .back: app.navigation.back(&s)
        case .forward: app.navigation.forward(&s)
        case .toggleKinds:
            s.showAllKinds.toggle()
            app.timeline.reselectVisible(&s)
            s.message = s.showAllKinds ? "showing publication and other dates too" : "showing events only"
        case .clearFilter:
            if s.focus == .fronts, !s.showMap, s.frontsFilter != nil {
                s.frontsFilter = nil
                s.message = "filter cleared"
            } else if s.timelineFilter != nil {
                s.timelineFilter = nil
                app.timeline.reselectVisible(&s)
                s.message = "filter cleared"
            } else if s.placeFilter != nil {
                s.placeFilter = nil
                app.timeline.reselectVisible(&s)
                s.message = "place filter cleared"
            } else if s.search != nil {
                s.search = nil
                s.message = "search cleared"
            } else if s.emphasis != nil {
                s.emphasis = nil
            }
        case .copyLocation, .openInPager, .openInEditor: app.prompts.actOnPassage(&s, command)
        case .documents: app.overlayKeys.listDocuments(&s)
        case .concordance: app.searchFlow.openConcordance(&s)
        case .conflicts: app.conflictsPanel.openConflicts(&s)
        case .writeDossier: app.dossierWriter.writeDossier(&s)
        case .parallel: app.parallelView.toggleParallel(&s)
        case .filter:
            app.focus(&s, .timeline)
            s.filterPrompt = FilterPrompt(text: s.timelineFilter ?? "", before: s.timelineFilter, beforeSelection: s.timelineSelection)
        case .filterObjectives:
            app.focus(&s, .fronts)
            s.filterPrompt = FilterPrompt(text: s.frontsFilter ?? "", before: s.frontsFilter, beforeSelection: s.frontsSelection,
                                          pane: .fronts)
        case .toggleMap: app.mapPane.toggleMap(&s)
        case .mapLeft: app.mapPane.panMap(&s, cols: -max(1, app.mapPane.mapRect(s).width / 8), rows: 0)
        case .mapRight: app.mapPane.panMap(&s, cols: max(1, app.mapPane.mapRect(s).width / 8), rows: 0)
        case .mapUp: app.mapPane.panMap(&s, cols: 0, rows: -max(1, app.mapPane.mapRect(s).height / 6))
        case .mapDown: app.mapPane.panMap(&s, cols: 0, rows: max(1, app.mapPane.mapRect(s).height / 6))
        case .zoomIn: app.mapPane.zoomMap(&s, by: 1.5)
        case .zoomOut: app.mapPane.zoomMap(&s, by: 1 / 1.5)
        case .fitMap: s.map.viewport = nil
        case .nextDay: app.mapPane.stepDay(&s, by: 1)
        case .previousDay: app.mapPane.stepDay(&s, by: -1)
        case .nextWeek: app.mapPane.stepDay(&s, by: 7)
        case .previousWeek: app.mapPane.stepDay(&s, by: -7)
        case .nextPlace: app.mapPane.stepPlace(&s, by: 1)
        case .previousPlace: app.mapPane.stepPlace(&s, by: -1)
        case .eventsOfPlace: app.mapPane.eventsOfMapPlace(&s)
        case .bookmark: app.bookmarksPanel.toggleBookmark(&s)
        case .note: app.bookmarksPanel.openNotePrompt(&s)
        case .bookmarks: app.bookmarksPanel.openBookmarks(&s)
        case .help: s.overlay = .help(top: 0)
        case .quit: s.quit = true
        case .listDown, .listUp, .listPageDown, .listPageUp, .listFirst, .listLast, .listOpen, .listClose, .listOrder,
             .bookmarkNote, .bookmarkDelete, .promptAccept, .promptCancel, .promptErase, .promptEraseLine, .promptEraseWord:
            break   // bound in the lists' and the prompts' contexts only
        }
    }
}
