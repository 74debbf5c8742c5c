import Testing
import Foundation
@testable import AugustCore

@Suite("Events")
struct EventsTests {
    static let seedEvents = EventExtractor.extract(corpus: seedCorpus)

    @Test("the declaration of war on 8 August is one event told by four files")
    func declarationOfWar() throws {
        let onTheEighth = Self.seedEvents.filter { $0.kind == .event && $0.date.first.dayOnly.iso == "1945-08-08" }
        let declaration = try #require(onTheEighth.first { $0.documentIDs.count >= 2 })
        #expect(Set(declaration.documentIDs) == [
            "001_732ea24548fd5f98.txt", "002_10e6d5298eff1f31.txt", "003_75775b4da41e14ed.txt", "004_9264ff881a3e0ea2.txt",
        ])
        // each mention points at the line where its own date expression stands
        let lines = Dictionary(uniqueKeysWithValues: declaration.mentions.map { ($0.documentID.prefix(3), $0.line) })
        #expect(lines == ["001": 9, "002": 17, "003": 27, "004": 2])
        // the night the armies took their starting positions is another happening of the same day
        #expect(onTheEighth.contains { $0.id != declaration.id && $0.sentence.contains("starting area") })
    }

    @Test("the same date alone never merges: 9 August holds several separate happenings")
    func sameDateIsNotEnough() {
        let ninth = Self.seedEvents.filter { $0.kind == .event && $0.date.first.dayOnly.iso == "1945-08-09" && !$0.date.isRange }
        let bomb = ninth.filter { $0.sentence.contains("Nagasaki") }
        let dawn = ninth.filter { $0.sentence.contains("At dawn") }
        #expect(bomb.count == 1 && dawn.count == 1)
        #expect(bomb.first?.id != dawn.first?.id)
        #expect(Set(bomb.first?.documentIDs ?? []) == ["002_10e6d5298eff1f31.txt", "004_9264ff881a3e0ea2.txt"])
        #expect(ninth.count >= 6)
    }

    @Test("two translations of one source merge what they both tell")
    func translationsMerge() {
        let both = Self.seedEvents.filter {
            Set($0.documentIDs).isSuperset(of: ["002_10e6d5298eff1f31.txt", "004_9264ff881a3e0ea2.txt"])
        }
        let dates = Set(both.map(\.date.iso))
        for d in ["1928", "1932-03-16", "1941-04-13", "1941-06-25", "1945-04-05", "1945-08-06", "1945-09-02"] {
            #expect(dates.contains(d), "\(d) not merged")
        }
    }

    @Test("an event never holds two tellings from one document, except one sentence dating a thing twice")
    func oneTellingPerDocument() {
        for e in Self.seedEvents {
            var sentences: [String: Set<String>] = [:]
            for m in e.mentions { sentences[m.documentID, default: []].insert(m.passageID) }
            for (_, passages) in sentences { #expect(passages.count == 1, "\(e.id)") }
        }
    }

    @Test("events are sorted by date, ids are unique, mentions point at their exact text")
    func orderAndIds() throws {
        let events = Self.seedEvents
        for (a, b) in zip(events, events.dropFirst()) {
            #expect(a.date.lowerBound <= b.date.lowerBound)
        }
        #expect(Set(events.map(\.id)).count == events.count)
        for e in events {
            for m in e.mentions {
                let p = try #require(seedCorpus.passage(id: m.passageID))
                #expect(p.text.scalarSlice(m.start, m.end) == m.dateText)
                #expect(m.line >= p.lineStart && m.line <= p.lineEnd)
            }
            #expect(e.title.count <= 90)
            #expect(e.places.isEmpty && e.units.isEmpty && e.fronts.isEmpty)
        }
        // the same corpus gives the same ids
        #expect(EventExtractor.extract(corpus: seedCorpus).map(\.id) == events.map(\.id))
    }

    @Test("kinds: publication stamps and holidays are events of their own kinds")
    func kinds() {
        let publications = Self.seedEvents.filter { $0.kind == .publication }
        #expect(publications.count == 6)
        #expect(Self.seedEvents.contains { $0.kind == .other && $0.date.iso == "XXXX-05-09" })
    }

    @Test("the title is the sentence shortened at a word boundary; the full sentence stays")
    func title() {
        let long = "On August 10, 1945, the military committee of the second far east front army assigned the following tasks to the 16th group army."
        let t = EventExtractor.shortTitle(long)
        #expect(t.count <= 90)
        #expect(t.hasSuffix("…"))
        #expect(long.hasPrefix(String(t.dropLast())))
        #expect(long.dropFirst(t.count - 1).first == " ")
        #expect(EventExtractor.shortTitle("Short one.") == "Short one.")
        let corpus = Corpus(texts: [(id: "a.txt", text: long)])
        let e = EventExtractor.extract(corpus: corpus)
        #expect(e.first?.sentence == long)
        #expect(e.first?.title == t)
    }

    @Test("paraphrases of one happening in two files merge; other happenings of that day do not")
    func mergeInSmallCorpus() {
        let corpus = Corpus(texts: [
            (id: "a.txt", text: "On August 8, 1945, the Soviet Union declared war on Japan at the Potsdam request.\n\nOn August 8, 1945, heavy rain fell on the Amur."),
            (id: "b.txt", text: "On 8 August 1945 Molotov handed the Japanese ambassador the declaration of war, as agreed at Potsdam.\n\nOn 8 August 1945 the fleet left Vladivostok."),
        ])
        let events = EventExtractor.extract(corpus: corpus)
        #expect(events.count == 3)
        let war = events.filter { $0.mentions.count == 2 }
        #expect(war.count == 1)
        #expect(war.first?.documentIDs == ["a.txt", "b.txt"])
        #expect(war.first?.date.iso == "1945-08-08")
    }

    @Test("one sentence dating one thing twice is one event with two mentions")
    func sameSentence() {
        let corpus = Corpus(texts: [(id: "a.txt", text: "On August 12, 1945, the army crossed the range, and its detachment took the town on August 12.")])
        let events = EventExtractor.extract(corpus: corpus)
        #expect(events.count == 1)
        #expect(events.first?.mentions.map(\.dateText) == ["August 12, 1945", "August 12"])
    }

    @Test("an entity linker's places and units are kept and count as evidence for merging")
    func annotator() throws {
        let corpus = Corpus(texts: [
            (id: "a.txt", text: "On August 16, 1945, the landing force took Maoka."),
            (id: "b.txt", text: "On 16 August 1945 marines captured Kholmsk harbour."),
        ])
        #expect(EventExtractor.extract(corpus: corpus).count == 2)
        let linker: EventExtractor.Annotator = { sentence in
            let places = sentence.contains("Maoka") || sentence.contains("Kholmsk") ? ["Kholmsk"] : []
            let units = sentence.contains("marines") ? ["Pacific Fleet"] : []
            return (places: places, units: units, fronts: units.isEmpty ? [] : ["Sakhalin"], placeIDs: places.map { $0.lowercased() },
                    unitIDs: units.map { _ in "pacific-fleet" }, frontIDs: units.isEmpty ? [] : ["sakhalin-front"])
        }
        let linked = EventExtractor.extract(corpus: corpus, annotate: linker)
        #expect(linked.count == 1)
        let e = try #require(linked.first)
        #expect(e.places == ["Kholmsk"])
        #expect(e.placeIDs == ["kholmsk"], "the event carries the place's id as the annotator gave it")
        #expect(e.unitIDs == ["pacific-fleet"] && e.frontIDs == ["sakhalin-front"])
        #expect(e.units == ["Pacific Fleet"])
        #expect(e.fronts == ["Sakhalin"])
        #expect(e.mentions.count == 2)
    }
}
