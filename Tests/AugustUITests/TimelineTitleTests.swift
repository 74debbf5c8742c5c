import AugustCore
import Testing
@testable import AugustUI

/// Timeline rows: titles without the date the row's column shows, counts of tellings, a start
/// that shows the campaign's first days.
@Suite struct TimelineTitleTests {
    @Test(arguments: [
        ("On August 8, 1945, the Soviet Union declared war on Japan", "August 8, 1945", "The Soviet Union declared war on Japan"),
        ("At 0:00 on the 9th, all advance detachments crossed the border.", "At 0:00 on the 9th", "All advance detachments crossed the border."),
        ("At 0:00 on the 9th, all advance detachments crossed the border.", "0:00 on the 9th", "All advance detachments crossed the border."),
        ("On the night of 20.8.45 the 5th Army entered Harbin", "20.8.45", "The 5th Army entered Harbin"),
        ("The garrison surrendered on 19 August.", "19 August", "The garrison surrendered."),
        ("It advanced 150 kilometers on the first day of the campaign.", "the first day of the campaign", "It advanced 150 kilometers."),
        ("the tank army reached Lubei on the 11th, and took Tuquan", "the 11th", "The tank army reached Lubei, and took Tuquan"),
        // A preposition that carries meaning keeps the phrase; so does a title left too short.
        ("By 20 August the Soviets had reached Harbin", "20 August", "By 20 August the Soviets had reached Harbin"),
        ("Before 9 August nobody expected it", "9 August", "Before 9 August nobody expected it"),
        ("On August 9, 1945", "August 9, 1945", "On August 9, 1945"),
        // One of coordinated dates: the title keeps them all (the row shows one).
        ("On the 20th and 21st, the rapid detachment entered Mukden", "the 20th", "On the 20th and 21st, the rapid detachment entered Mukden"),
        ("On the 20th and 21st, the rapid detachment entered Mukden", "21st", "On the 20th and 21st, the rapid detachment entered Mukden"),
        ("the garrison held out on 18 or 19 August, then gave up", "19 August", "The garrison held out on 18 or 19 August, then gave up"),
        ("Fighting went on from 14 – 17 August near the pass", "17 August", "Fighting went on from 14 – 17 August near the pass"),
        ("On 9 August and in the days after, the Soviet armies crossed", "9 August", "On 9 August and in the days after, the Soviet armies crossed"),
        // No phrase found: the title is only capitalised.
        ("its advance detachment captured Hailar", "11 August", "Its advance detachment captured Hailar"),
        ("Зимой 1945 года армия", "", "Зимой 1945 года армия"),
    ])
    func titlesLoseTheDateTheColumnShows(_ c: (String, String, String)) {
        #expect(TimelineTitle.make(title: c.0, dateText: c.1) == c.2)
    }

    @Test func aPassageThatTellsAnEventTwiceIsOneTelling() {
        let p = "a.txt#1"
        func m(_ start: Int) -> EventMention {
            EventMention(passageID: p, documentID: "a.txt", line: 1, dateText: "9 August", value: "1945-08-09",
                         start: start, end: start + 8, statementStart: start, statementEnd: start + 20)
        }
        let other = EventMention(passageID: "b.txt#3", documentID: "b.txt", line: 5, dateText: "9 August", value: "1945-08-09",
                                 start: 0, end: 8, statementStart: 0, statementEnd: 30)
        let e = Event(id: "x", kind: .event, date: DateValue(iso: "1945-08-09")!, title: "t", sentence: "s",
                      mentions: [m(0), m(40), other], places: [], units: [], fronts: [])
        let corpus = Corpus(texts: [(id: "a.txt", text: "One.\n\nTwo."), (id: "b.txt", text: "x\n\ny\n\nz")])
        let tellings = TimelineItem.tellings(e, corpus: corpus)
        #expect(tellings.map(\.passage) == [corpus.passageOrdinal(id: p) ?? -2, corpus.passageOrdinal(id: "b.txt#3") ?? -2])
        #expect(!tellings.contains { $0.passage < 0 })
        #expect(tellings[0].start == 0, "the first statement of the passage is the one marked")
    }

    @Test func theStartShowsTheSelectionNearTheTopWithTheDaysAfterIt() {
        for (w, h) in [(80, 24), (100, 30), (160, 50)] {
            let s = after("", width: w, height: h)
            let view = fixtureData.timelineView(showAll: false, placeFilter: nil)
            let row = try! #require(view.row(of: s.timelineSelection!))
            let paneRows = fixtureExplorer.paneHeight(s, .timeline)
            #expect(row - s.timelineTop < paneRows - 1, "at \(w)x\(h) the selection is not on the pane's last row")
            #expect(row >= s.timelineTop)
        }
    }
}
