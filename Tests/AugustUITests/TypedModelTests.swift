import AugustCore
import Foundation
import Testing
@testable import AugustUI

/// The model carried to the screen typed: an event's places by the ids the linker found (never
/// joined back by name), its date as a `DateValue` that Core's `DateFormat` turns into the
/// timeline's labels, day headers and day counts.
@Suite struct TypedModelTests {
    /// A gazetteer where two places share a canonical name: a name cannot say which one a text meant.
    static func twinPlaces() throws -> CuratedData {
        let json = """
        [{"id": "alpha", "name": "Shared", "kind": "town", "lat": 44.0, "lon": 130.0, "aliases": ["Alphaville"]},
         {"id": "beta", "name": "Shared", "kind": "town", "lat": 47.5, "lon": 134.5, "aliases": ["Betatown"]}]
        """
        let places = try JSONDecoder().decode([Place].self, from: Data(json.utf8))
        return CuratedData(gazetteer: Gazetteer(places: places), orderOfBattle: OrderOfBattle(units: []),
                           axes: Axes(theatres: []))
    }

    @Test func anEventsPlaceIsTheOneTheTextNamedNotTheFirstOfItsName() throws {
        let data = try Self.twinPlaces()
        let corpus = Corpus(texts: [(id: "a.txt", text: "On August 12, 1945, the troops took Betatown after a short fight.")])
        let analysis = Analysis(corpus: corpus, linker: EntityLinker(data: data))
        let event = try #require(analysis.events.first { $0.kind == .event })
        #expect(event.places == ["Shared"])
        #expect(event.placeIDs == ["beta"])
        let place = try #require(data.gazetteer.place(id: event.placeIDs[0]))
        #expect(place.name == "Shared" && place.lat == 47.5 && place.lon == 134.5)

        // The explorer's row carries the same id (a join by name gave "alpha", the first "Shared").
        let explorer = ExplorerData(analysis: analysis, index: nil)
        let row = try #require(explorer.timeline.first { $0.id == event.id })
        #expect(row.placeIDs == ["beta"])
        #expect(explorer.isVisible(explorer.timeline.firstIndex { $0.id == event.id }!, showAll: false, placeFilter: "beta"))
        // Its dossier names the place (by its id, once, at the edge).
        #expect(Explorer(data: explorer).dossierWriter.dossier(row).places == ["Shared"])

        // The GeoJSON export puts the event at that place, and not at its namesake.
        let geo = try JSONSerialization.jsonObject(with: Exporter.geoJSON(analysis, events: analysis.events)) as? [String: Any]
        let features = try #require(geo?["features"] as? [[String: Any]])
        let beta = try #require(features.first { ($0["properties"] as? [String: Any])?["id"] as? String == "beta" })
        let coords = (beta["geometry"] as? [String: Any])?["coordinates"] as? [Double]
        #expect(coords == [134.5, 47.5])
        #expect((beta["properties"] as? [String: Any])?["events"] as? [String] == [event.id])
        if let alpha = features.first(where: { ($0["properties"] as? [String: Any])?["id"] as? String == "alpha" }) {
            #expect((alpha["properties"] as? [String: Any])?["events"] as? [String] == [])
        }
    }

    static func item(_ id: String, _ iso: String) -> TimelineItem {
        TimelineItem(id: id, date: DateValue(iso: iso)!, title: id, mentions: [])
    }

    static func headers(_ items: [TimelineItem], _ window: CampaignWindow) -> [String] {
        let data = ExplorerData(corpus: Corpus(texts: []), index: nil, timeline: items, campaign: window)
        return data.makeTimelineView(showAll: false, placeFilter: nil).rows.compactMap {
            if case .day(let h) = $0 { return h } else { return nil }
        }
    }

    @Test func dayHeadersAndDayCountsAcrossAMonthsEnd() {
        let items = [Self.item("a", "1945-08-31T06:00"), Self.item("b", "1945-09-01"), Self.item("c", "1945-09-02"),
                     Self.item("d", "1945-09-04")]
        #expect(Self.headers(items, .soviet1945) == [
            "Fri 31 August 1945 · day 24", "Sat 1 September 1945 · day 25", "Sun 2 September 1945 · day 26",
        ])
    }

    @Test func dayHeadersAndDayCountsAcrossALeapDay() {
        let window = CampaignWindow(start: .day(2024, 2, 27), end: .day(2024, 3, 2))
        let items = [Self.item("a", "2024-02-28"), Self.item("b", "2024-02-29"), Self.item("c", "2024-03-01")]
        #expect(Self.headers(items, window) == [
            "Wed 28 February 2024 · day 2", "Thu 29 February 2024 · day 3", "Fri 1 March 2024 · day 4",
        ])
        // 1900 was not a leap year: the day after 28 February was 1 March.
        let plain = CampaignWindow(start: .day(1900, 2, 28), end: .day(1900, 3, 1))
        #expect(Self.headers([Self.item("x", "1900-03-01")], plain) == ["Thu 1 March 1900 · day 2"])
    }

    @Test func aMentionOfAPassageTheCorpusDoesNotHaveIsNone() {
        let corpus = Corpus(texts: [(id: "a.txt", text: "One.\n\nTwo.")])
        let item = TimelineItem(id: "x", date: DateValue(iso: "1945-08-09")!, title: "x",
                                mentions: [.init(passage: 99, start: 0, end: 1), .init(passage: 1, start: 0, end: 3)])
        let data = ExplorerData(corpus: corpus, index: nil, timeline: [item])
        #expect(data.timeline[0].mentions.map(\.passage) == [1, -1], "the corpus' passage first, the unknown one last")
        #expect(data.mentionOrdinals.count == 1 && data.mentionOrdinals[0] == [1, -1])
        #expect(data.itemsByPassage.count == 2 && data.itemsByPassage[0] == [] && data.itemsByPassage[1] == [0])
    }

    @Test func rowLabelsComeFromCore() {
        let item = Self.item("r", "1945-08-11/1945-08-25")
        #expect(item.dateLabel == "08-11…25")
        #expect(item.dateLabel == DateFormat.label(item.date))
        #expect(Self.item("m", "1945-08-09T17:00").dateLabel == "08-09 17:00")
    }
}

/// The map's day steps, on Core's calendar.
@Suite struct MapDayStepTests {
    @Test func shiftedDays() {
        #expect(ISODay.shift("1945-08-31", by: 1) == "1945-09-01")
        #expect(ISODay.shift("2024-03-01", by: -1) == "2024-02-29")
        #expect(ISODay.shift("1945-12-31", by: 1) == "1946-01-01")
        #expect(ISODay.shift("1945-08", by: 1) == nil)
        #expect(ISODay.shift("nonsense", by: 1) == nil)
    }
}

@Suite("IntLists: many short lists in two flat arrays")
struct IntListsTests {
    @Test("lists read back as given; by key, each key's values in order, a repeat kept once, keys out of range left out")
    func readBack() {
        let lists = IntLists([[3, -1, 7], [], [2]])
        #expect(lists.count == 3 && lists[0] == [3, -1, 7] && lists[1] == [] && lists[2] == [2])
        #expect(lists[3] == [] && lists[-1] == [])
        let byKey = IntLists(count: 4, pairs: [(2, 0), (0, 1), (2, 1), (2, 1), (5, 9), (-1, 3), (0, 4)])
        #expect(byKey.count == 4)
        #expect(byKey[0] == [1, 4] && byKey[1] == [] && byKey[2] == [0, 1] && byKey[3] == [])
        #expect(byKey == IntLists([[1, 4], [], [0, 1], []]))
    }
}
