import CSV
import Foundation
import Testing
@testable import AugustCore

/// Each export format read back by a parser: CSV by CSV.swift's reader, TimelineJS and GeoJSON by
/// JSONSerialization; the Markdown dossier checked line by line.
@Suite("Export")
struct ExportTests {
    static let analysis = Analysis(corpus: seedCorpus, linker: linker)
    static var events: [Event] { analysis.events.filter { $0.kind == .event } }

    func readCSV(_ text: String) throws -> [[String]] {
        let reader = try CSVReader(string: text, hasHeaderRow: false)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    @Test func csvRoundTripsAFieldWithACommaAQuoteAndALineBreak() throws {
        let tricky = "Mukden, \"the city\"\nsecond line"
        let text = try Exporter.csv(rows: [["a", "b"], [tricky, "plain"]])
        #expect(text.hasSuffix("\r\n"))
        #expect(try readCSV(text) == [["a", "b"], [tricky, "plain"]])
    }

    @Test func csvHasAHeaderAndOneRowPerEventWithItsSources() throws {
        let events = Self.events
        let rows = try readCSV(try Exporter.csv(events, corpus: seedCorpus))
        #expect(rows.first == Exporter.csvHeader)
        #expect(rows.count == events.count + 1)
        let header = try #require(rows.first)
        let col = { (name: String) in header.firstIndex(of: name)! }
        for (row, e) in zip(rows.dropFirst(), events) {
            #expect(row.count == header.count)
            #expect(row[col("id")] == e.id)
            #expect(row[col("date_start")] == e.date.start)
            #expect(row[col("sources")].contains("\(e.mentions[0].documentID):\(e.mentions[0].line)"))
        }
        // A month-only date stays a month.
        if let monthly = events.firstIndex(where: { $0.date.precision == .month }) {
            #expect(rows[monthly + 1][col("date_start")].count == 7)
        }
    }

    @Test func csvFieldsFromTheTextsHoldNoControlCharacter() throws {
        let corpus = Corpus(texts: [(id: "evil.txt", text: "Report\n\nOn 9 August 1945 the \u{1B}[31mfleet, \"red\" \u{7} sailed to Rashin.\n")])
        let a = Analysis(corpus: corpus, linker: linker)
        let text = try Exporter.csv(a.events, corpus: corpus)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        let rows = try readCSV(text)
        #expect(rows.count == 2)
        #expect(rows[1][5].contains("fleet, \"red\""))
        // TimelineJS reads its text as HTML: markup from a document is escaped; JSON has no raw control byte.
        let hostile = Corpus(texts: [(id: "x.txt", text: "Report\n\nOn 9 August 1945 the <script>alert(1)</script> fleet \u{1B}[2J sailed.\n")])
        let tl = try Exporter.timelineJS(Analysis(corpus: hostile, linker: linker).events, corpus: hostile, title: "t")
        #expect(!tl.contains(0x1B))
        let body = String(decoding: tl, as: UTF8.self)
        #expect(!body.contains("<script>"))
        #expect(body.contains("&lt;script&gt;"))
    }

    @Test func timelineJSHasEventsWithStartDatesAtTheirPrecisionAndQuotedSources() throws {
        let events = Self.events
        let data = try Exporter.timelineJS(events, corpus: seedCorpus, title: "Seeds")
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let title = try #require(json["title"] as? [String: Any])
        #expect((title["text"] as? [String: Any])?["headline"] as? String == "Seeds")
        let slides = try #require(json["events"] as? [[String: Any]])
        let dated = events.filter { !$0.date.isRecurring }
        #expect(slides.count == dated.count)
        for (slide, e) in zip(slides, dated) {
            let start = try #require(slide["start_date"] as? [String: Any])
            #expect(start["year"] as? Int == e.date.first.year)
            #expect(start["month"] as? Int == e.date.first.month)
            #expect(start["day"] as? Int == e.date.first.day)   // nil for a month-only date
            let text = try #require(slide["text"] as? [String: String])
            #expect(text["headline"]?.isEmpty == false)
            let body = try #require(text["text"])
            #expect(body.contains("\(e.mentions[0].documentID):\(e.mentions[0].line)"))
            #expect(slide["group"] as? String == e.fronts.first)
        }
        #expect(slides.contains { ($0["start_date"] as? [String: Any])?["day"] == nil })
        #expect(slides.contains { $0["group"] is String })
    }

    @Test func geoJSONPointsAreLongitudeThenLatitude() throws {
        let data = try Exporter.geoJSON(Self.analysis, events: Self.events)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["type"] as? String == "FeatureCollection")
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(!features.isEmpty)
        let harbin = try #require(features.first { ($0["properties"] as? [String: Any])?["name"] as? String == "Harbin" })
        let geometry = try #require(harbin["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "Point")
        let xy = try #require(geometry["coordinates"] as? [Double])
        #expect(xy.count == 2)
        #expect(abs(xy[0] - 126.6) < 0.2)   // longitude first
        #expect(abs(xy[1] - 45.75) < 0.2)
        let props = try #require(harbin["properties"] as? [String: Any])
        #expect((props["mentions"] as? Int ?? 0) > 0)
        #expect((props["events"] as? [String])?.isEmpty == false)
        let first = try #require(props["first_date"] as? String), last = try #require(props["last_date"] as? String)
        #expect(first <= last)
        // A place the texts date to the day: its first and last days.
        let hutou = try #require(features.first { ($0["properties"] as? [String: Any])?["name"] as? String == "Hutou" })
        let hp = try #require(hutou["properties"] as? [String: Any])
        #expect(hp["first_date"] as? String == "1945-08-17")
        #expect(hp["last_date"] as? String == "1945-08-26")
        for f in features {
            let c = (f["geometry"] as? [String: Any])?["coordinates"] as? [Double] ?? []
            #expect(c.count == 2 && (-180...180).contains(c[0]) && (-90...90).contains(c[1]))
        }
    }

    @Test func geoJSONOfOneEventHoldsOnlyItsPlaces() throws {
        let e = try #require(Self.events.first { $0.places.contains("Hutou") })
        let data = try Exporter.geoJSON(Self.analysis, events: [e], onlyTheirPlaces: true)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let names = (json["features"] as? [[String: Any]] ?? []).compactMap { ($0["properties"] as? [String: Any])?["name"] as? String }
        #expect(names.contains("Hutou"))
        #expect(Set(names).isSubset(of: Set(e.places)))
    }

    @Test func markdownDossierQuotesAndCitesEveryTelling() throws {
        let e = try #require(Self.events.first { $0.documentIDs.count >= 2 })
        let md = Exporter.markdown(e, corpus: seedCorpus)
        #expect(md.hasPrefix("# "))
        #expect(md.contains("**Date:** \(e.date.iso)"))
        for m in e.mentions {
            #expect(md.contains("`\(m.documentID):\(m.line)`"))
        }
        let quotes = md.split(separator: "\n").filter { $0.hasPrefix("> ") && !$0.hasPrefix("> —") }
        #expect(quotes.count == Exporter.tellings(e, corpus: seedCorpus).count)
    }

    @Test func markdownHoldsNoControlCharacterAndEscapesMarkup() {
        #expect(Exporter.md("a\u{1B}[2J *b* <script>") == "a\\[2J \\*b\\* \\<script\\>")
    }

    @Test func anAtomicWriteReplacesTheFileWholeAndLeavesNothingBehindOnFailure() throws {
        let dir = temporaryDirectory("export")
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("out.csv").path
        try AtomicFile.write(Data("old".utf8), to: target)
        try AtomicFile.write(Data("new".utf8), to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
        // A parent that is a file, and a folder as target: an error, and no file left.
        #expect(throws: WriteError.self) { try AtomicFile.write(Data("x".utf8), to: target + "/inner.csv") }
        #expect(throws: WriteError.self) { try AtomicFile.write(Data("x".utf8), to: dir.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
    }
}
