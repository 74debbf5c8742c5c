import AugustCore
import AugustSearch
import Foundation
@testable import AugustUI

/// The fixtures write their dates as ISO literals.
extension DateValue: ExpressibleByStringLiteral {
    public init(stringLiteral iso: String) { self = DateValue(iso: iso)! }
}

/// A small corpus written for these tests, in the style of the seeds: two documents, sections,
/// Cyrillic and CJK, and a line full of control characters and escape sequences.
let fixtureTexts: [(id: String, text: String)] = [
    ("01_0123456789abcdef.txt", """
    Section I The Manchurian operation

    At 0:00 on August 9, 1945, the Transbaikal Front crossed the border near Manzhouli and the 6th Guards Tank Army advanced toward the Greater Khingan.

    On August 10 the 1st Far Eastern Front took Suifenhe after a night of heavy rain.

    Section II Toward Mudanjiang

    From August 14 to 17 the 5th Army fought for Mudanjiang; the city fell on the 16th.

    The declaration of war reached Tokyo on August 9 (对日宣战), as the Soviet note put it: «Советский Союз объявляет войну».

    A damaged line with an escape \u{1B}[31m red \u{1B}]0;title\u{07} and a bell \u{07}, a DEL \u{7F}, a C1 \u{9B}2J and a bidi \u{202E}override\u{202C} end.
    """),
    ("02_notes.txt", """
    Notes on the war (26.7.2024)

    On August 10 the first front army of the Far East took Suifenhe, the notes say, and moved on toward Mudanjiang.

    The Kwantung Army surrendered at Harbin on August 19, 1945, and the 1st Far Eastern Front entered Jilin.

    On September 2, 1945 Japan signed the instrument of surrender.

    In 1938 the fighting at Lake Khasan showed what was to come.
    """),
]

let fixtureCorpus = Corpus(texts: fixtureTexts)

/// A mention of the first occurrence of `phrase` in the passage that contains it.
func mention(_ phrase: String, in corpus: Corpus = fixtureCorpus) -> TimelineItem.Mention {
    for (o, p) in corpus.passages.enumerated() {
        if let r = p.text.range(of: phrase) {
            let start = p.text.scalarOffset(of: r.lowerBound)
            return .init(passage: o, start: start, end: start + phrase.unicodeScalars.count)
        }
    }
    fatalError("phrase not in fixture corpus: \(phrase)")
}

func span(_ phrase: String, _ kind: SourceStyling.Kind, in corpus: Corpus = fixtureCorpus) -> (Int, SourceStyling.Span) {
    let m = mention(phrase, in: corpus)
    return (m.passage, .init(start: m.start, end: m.end, kind: kind))
}

let fixtureTimeline: [TimelineItem] = [
    TimelineItem(id: "e-khasan", date: "1938", dateLabel: "1938", title: "Fighting at Lake Khasan",
                 mentions: [mention("In 1938")], placeIDs: ["khasan"]),
    TimelineItem(id: "e-offensive", date: "1945-08-09T00:00", dateLabel: "08-09 00:00", frontID: "tb",
                 title: "The Transbaikal Front crosses the border near Manzhouli",
                 mentions: [mention("August 9, 1945"), mention("August 9 (")], placeIDs: ["manzhouli", "khingan"]),
    TimelineItem(id: "e-suifenhe", date: "1945-08-10", dateLabel: "08-10", frontID: "1fe",
                 title: "The 1st Far Eastern Front takes Suifenhe",
                 mentions: [mention("On August 10 the 1st"), mention("On August 10 the first")], placeIDs: ["suifenhe"]),
    TimelineItem(id: "e-mudanjiang", date: "1945-08-14", dateLabel: "08-14…17", frontID: "1fe",
                 title: "The 5th Army fights for Mudanjiang", mentions: [mention("From August 14 to 17")],
                 placeIDs: ["mudanjiang"]),
    TimelineItem(id: "e-harbin", date: "1945-08-19", dateLabel: "08-19", frontID: "2fe",
                 title: "The Kwantung Army surrenders at Harbin", mentions: [mention("August 19, 1945")],
                 placeIDs: ["harbin", "jilin"]),
    TimelineItem(id: "e-surrender", date: "1945-09-02", dateLabel: "09-02", title: "Japan signs the instrument of surrender",
                 mentions: [mention("September 2, 1945")]),
    TimelineItem(id: "p-notes", kind: .publication, date: "2024-07-26", dateLabel: "2024-07-26", title: "Notes on the war",
                 mentions: [mention("26.7.2024")]),
    TimelineItem(id: "o-holiday", kind: .other, date: "1945-09-03", dateLabel: "09-03", title: "Victory over Japan Day (every year)",
                 mentions: [mention("September 2, 1945")]),
]

let fixtureFronts = FrontsMap(fronts: [
    .init(id: "tb", name: "Transbaikal Front", tag: "TB", position: .west, axes: [
        .init(name: "Hailar axis", objectives: [.init(placeID: "manzhouli", name: "Manzhouli", dateLabel: "08-09"),
                                                 .init(placeID: "hailar", name: "Hailar")]),
        .init(name: "Khingan axis", objectives: [.init(placeID: "khingan", name: "Greater Khingan", dateLabel: "08-09"),
                                                  .init(placeID: "taonan", name: "Taonan"),
                                                  .init(placeID: "changchun", name: "Changchun")]),
    ]),
    .init(id: "2fe", name: "2nd Far Eastern Front", tag: "2FE", position: .north, axes: [
        .init(name: "Sungari axis", objectives: [.init(placeID: "amur", name: "Amur crossing"),
                                                  .init(placeID: "jiamusi", name: "Jiamusi"),
                                                  .init(placeID: "harbin", name: "Harbin", dateLabel: "08-19")]),
    ]),
    .init(id: "1fe", name: "1st Far Eastern Front", tag: "1FE", position: .east, axes: [
        .init(name: "Mudanjiang axis", objectives: [.init(placeID: "suifenhe", name: "Suifenhe", dateLabel: "08-10"),
                                                     .init(placeID: "mudanjiang", name: "Mudanjiang", dateLabel: "08-14…17"),
                                                     .init(placeID: "jilin", name: "Jilin", dateLabel: "08-19")]),
    ]),
    .init(id: "sakh", name: "Sakhalin and the Kurils", tag: "SK", position: .farEast, axes: [
        .init(name: "Sakhalin", objectives: [.init(placeID: "koton", name: "Koton"), .init(placeID: "toyohara", name: "Toyohara")]),
    ]),
    .init(id: "pf", name: "Pacific Fleet", tag: "PF", position: .southEast, axes: [
        .init(name: "Korean ports", objectives: [.init(placeID: "unggi", name: "Unggi"), .init(placeID: "rajin", name: "Rajin"),
                                                  .init(placeID: "chongjin", name: "Chongjin")]),
    ]),
])

let fixtureStyling: SourceStyling = {
    var spans: [Int: [SourceStyling.Span]] = [:]
    for (phrase, kind) in [("August 9, 1945", SourceStyling.Kind.date), ("Manzhouli", .place), ("6th Guards Tank Army", .unit),
                           ("Suifenhe", .place), ("Mudanjiang; the city", .place), ("5th Army", .unit), ("From August 14 to 17", .date)] {
        var (p, s) = span(phrase, kind)
        if phrase.hasSuffix("; the city") { s.end = s.start + "Mudanjiang".count }
        spans[p, default: []].append(s)
    }
    return SourceStyling(spans: spans)
}()

let fixtureIndex = try! SearchIndex(corpus: fixtureCorpus, cacheDirectory: nil)

let fixtureData = ExplorerData(corpus: fixtureCorpus, index: fixtureIndex, timeline: fixtureTimeline,
                               fronts: fixtureFronts, styling: fixtureStyling)
let fixtureExplorer = Explorer(data: fixtureData)

/// The same corpus with no timeline and no fronts (what a folder without known places gives).
let bareExplorer = Explorer(data: ExplorerData(corpus: fixtureCorpus, index: fixtureIndex))

/// The state after a key script (vim notation) from start-up at a size.
func after(_ keys: String, _ explorer: Explorer = fixtureExplorer, width: Int = 100, height: Int = 30) -> AppState {
    explorer.run(try! KeyNotation.parse(keys), width: width, height: height).last!
}

func screen(_ keys: String, _ explorer: Explorer = fixtureExplorer, width: Int = 100, height: Int = 30) -> Grid {
    explorer.render(after(keys, explorer, width: width, height: height))
}

extension ExplorerData {
    func index(ofItem id: String) -> Int { timeline.firstIndex { $0.id == id }! }
}

func passageOrdinal(containing phrase: String) -> Int {
    fixtureCorpus.passages.firstIndex { $0.text.contains(phrase) }!
}
