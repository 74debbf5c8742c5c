import AugustCore
import Testing

/// Core's one date formatter (the command line and the explorer use it alike).
@Suite struct DateFormatTests {
    @Test func dayHeadersWeekdaysAndDayCounts() {
        #expect(DateFormat.dayHeader(.day(1945, 8, 8)) == "Wed 8 August 1945")
        #expect(DateFormat.dayHeader(.day(2024, 2, 29)) == "Thu 29 February 2024")
        #expect(DateFormat.dayHeader(DatePoint(year: 1945, month: 8)) == nil)
        #expect(DateFormat.dayHeader(DatePoint(year: nil, month: 5, day: 9)) == nil, "a recurring day has no weekday")
        #expect(DateFormat.daysBetween(.day(1945, 8, 30), .day(1945, 9, 2)) == 3)
        #expect(DateFormat.daysBetween(.day(2024, 2, 28), .day(2024, 3, 1)) == 2)
        #expect(DateFormat.daysBetween(.day(2023, 2, 28), .day(2023, 3, 1)) == 1)
        #expect(DateFormat.daysBetween(.day(1945, 9, 2), .day(1945, 8, 9)) == -24)
        #expect(DateFormat.daysBetween(DatePoint(year: 1945), .day(1945, 8, 9)) == nil)
    }

    @Test func isoDaysAndAddedDays() {
        #expect(DateFormat.isoDay(DatePoint(year: 1945, month: 8, day: 9, hour: 17, minute: 0)) == "1945-08-09")
        #expect(DateFormat.isoDay(DatePoint(year: 1945, month: 8)) == nil)
        #expect(DatePoint.day(2024, 2, 28).addingDays(1).flatMap(DateFormat.isoDay) == "2024-02-29")
        #expect(DatePoint.day(1945, 8, 31).addingDays(2).flatMap(DateFormat.isoDay) == "1945-09-02")
    }

    @Test func theDaysAValueCovers() {
        func count(_ iso: String) -> Int? { DateValue(iso: iso)?.dayRange?.count }
        #expect(count("1945-08-09") == 1)
        #expect(count("1945-08-09T17:00") == 1)
        #expect(count("1945-08-11/1945-08-25") == 15)
        #expect(count("1945-08") == 31)
        #expect(count("2024-02") == 29)
        #expect(count("1900-02") == 28)
        #expect(count("1944-WI") == 31 + 31 + 28, "a winter runs into the next year's February")
        #expect(count("1944") == 366)
        #expect(count("XXXX-05-09") == nil)
        #expect(DateValue(iso: "1945-08-31")?.dayRange?.upperBound == DateValue(iso: "1945-09-01")!.dayRange!.lowerBound - 1)
    }

    @Test func rowLabelsAtEachPrecision() {
        func label(_ iso: String) -> String { DateFormat.label(DateValue(iso: iso)!) }
        #expect(label("1945-SU/1945-08") == "summer…Aug")
        #expect(label("XXXX-05-09") == "05-09")
        #expect(label("1945-08-09T17:00/1945-08-10T03:30") == "08-09 17:00…08-10 03:30")
        #expect(label("1945-08-31/1945-09-02") == "08-31…09-02")
        #expect(label("1944-12-30/1945-01-02") == "1944-12-30…1945-01-02")
    }
}

/// The explorer's snapshot keeps typed dates (compactly) and reads back the same values.
@Suite struct DateCodingTests {
    @Test func everyShapeOfDateComesBackAsItWent() throws {
        let values: [DateValue] = [
            DateValue(iso: "1945")!, DateValue(iso: "1945-SU")!, DateValue(iso: "1944-WI")!, DateValue(iso: "1945-08")!,
            DateValue(iso: "1945-08-09")!, DateValue(iso: "1945-08-09T17:00")!, DateValue(iso: "XXXX-05-09")!,
            DateValue(iso: "1945-08-11/1945-08-25")!, DateValue(iso: "1939/1945")!,
            DateValue(DatePoint(year: -44, month: 3, day: 15)), DateValue(DatePoint(year: Int(Int32.max), month: 12)),
        ]
        var w = ByteWriter(capacity: 64)
        for v in values { w.date(v) }
        let day = ByteWriter.sized { $0.date(DateValue(iso: "1945-08-09")!) }
        #expect(day <= 16, "a day takes \(day) bytes")
        let back: [DateValue] = try w.bytes.withUnsafeBytes { buf in
            var r = ByteReader(buf)
            var out: [DateValue] = []
            for _ in values { out.append(try r.date()) }
            #expect(r.atEnd)
            return out
        }
        #expect(back == values)
        // A damaged mask is refused, not trusted.
        let bad: [UInt8] = [0, 0xFF, 0, 0, 0, 0, 0]
        #expect(throws: SnapshotFormatError.self) { try bad.withUnsafeBytes { buf in var r = ByteReader(buf); _ = try r.date() } }
    }
}

extension ByteWriter {
    static func sized(_ write: (inout ByteWriter) -> Void) -> Int {
        var w = ByteWriter(capacity: 16)
        write(&w)
        return w.bytes.count
    }
}

/// Every id an event of the seeds carries names what its names say (the ids are what the explorer
/// and the exports use; the names what `events --json` prints).
@Suite struct EventIDsTests {
    @Test func theSeedsEventsIDsAndNamesAgree() throws {
        let analysis = Analysis.build(corpus: seedCorpus)
        let linker = try #require(analysis.linker)
        var placed = 0
        for e in analysis.events {
            #expect(e.placeIDs.map { linker.data.gazetteer.place(id: $0)?.name } == e.places, "\(e.id)")
            #expect(e.unitIDs.map { linker.formation(id: $0)?.name } == e.units, "\(e.id)")
            #expect(e.frontIDs.map { linker.formation(id: $0)?.name } == e.fronts, "\(e.id)")
            placed += e.placeIDs.isEmpty ? 0 : 1
        }
        #expect(placed > 10)
        let mudanjiang = try #require(analysis.events.first { $0.placeIDs.contains("mudanjiang") })
        let p = try #require(linker.data.gazetteer.place(id: "mudanjiang"))
        #expect(mudanjiang.places.contains("Mudanjiang") && abs((p.lat ?? 0) - 44.6) < 0.5 && abs((p.lon ?? 0) - 129.6) < 0.5)
    }
}
