/// A row of the timeline pane.
enum TimelineRow: Sendable, Equatable {
    case year(String)
    case day(String)
    case item(Int)       // index into ExplorerData.timeline

    var isItem: Bool { if case .item = self { return true } else { return false } }
}

enum Calendar1 {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// Days since 0000-03-01 (proleptic Gregorian), for differences and weekdays.
    static func dayNumber(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe
    }

    static func parseDay(_ iso: String) -> (Int, Int, Int)? {
        let p = iso.prefix(10).split(separator: "-")
        guard iso.count >= 10, p.count == 3, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        return (y, m, d)
    }

    /// `Thu 9 August 1945`.
    static func dayHeader(_ iso: String) -> String {
        guard let (y, m, d) = parseDay(iso) else { return String(iso.prefix(10)) }
        let wd = ((dayNumber(y, m, d) + 2) % 7 + 7) % 7   // 0000-03-01 was a Wednesday
        return "\(weekdays[wd]) \(d) \(months[m - 1]) \(y)"
    }

    static func daysBetween(_ a: String, _ b: String) -> Int? {
        guard let (y1, m1, d1) = parseDay(a), let (y2, m2, d2) = parseDay(b) else { return nil }
        return dayNumber(y2, m2, d2) - dayNumber(y1, m1, d1)
    }
}

extension ExplorerData {
    /// Whether an item is shown under the current toggles and filter.
    func isVisible(_ i: Int, showAll: Bool, placeFilter: String?) -> Bool {
        let item = timeline[i]
        if !showAll, item.kind != .event { return false }
        if let f = placeFilter, !item.placeIDs.contains(f) { return false }
        return true
    }

    /// The rows of the timeline: year headers, a header for each day inside the campaign window,
    /// and the visible items in date order.
    func timelineRows(showAll: Bool, placeFilter: String?) -> [TimelineRow] {
        var rows: [TimelineRow] = []
        var lastYear = "", lastDay = ""
        for i in timeline.indices where isVisible(i, showAll: showAll, placeFilter: placeFilter) {
            let date = timeline[i].date
            let year = String(date.prefix(4))
            if year != lastYear {
                rows.append(.year(year))
                lastYear = year
                lastDay = ""
            }
            if date.count >= 10 {
                let day = String(date.prefix(10))
                if day >= campaign.start, day <= campaign.end, day != lastDay {
                    var header = Calendar1.dayHeader(day)
                    if let n = Calendar1.daysBetween(campaign.start, day) { header += " · day \(n + 1)" }
                    rows.append(.day(header))
                    lastDay = day
                }
            } else {
                lastDay = ""
            }
            rows.append(.item(i))
        }
        return rows
    }

    func visibleItems(showAll: Bool, placeFilter: String?) -> [Int] {
        timeline.indices.filter { isVisible($0, showAll: showAll, placeFilter: placeFilter) }
    }
}
