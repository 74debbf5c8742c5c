import Testing
import Foundation
@testable import AugustCore

// Generality: the tool against texts in styles unlike the seeds, annotated by hand
// (Tests/Corpora/outside/, format in its README.md). Each text is scored on its own.
//
// Environment:
//   AUGUST_SCORE_VERBOSE=1   print every false positive and false negative
//   AUGUST_SCORE_DIR=<dir>   score another folder of .txt + .ann instead (figures only, no assertions)

/// The targets of issue 11, in one place.
enum GeneralityTargets {
    static let datesPrecision = 0.95, datesRecall = 0.90
    static let placesPrecision = 0.93, placesRecall = 0.90
    static let formationsPrecision = 0.93, formationsRecall = 0.85
    /// Where a text is held below a target today, the level it is held to and why (the note of
    /// issue 11 lists these): a figure that drops below it fails; raise it as the misses are fixed.
    static let heldBelow: [String: (level: Double, why: String)] = [
        "f_offtopic.txt places precision": (0.0, "`Brussels sprouts` links Brussels; its other places are US towns, outside the gazetteer's theatre"),
        "f_offtopic.txt places recall": (0.0, "its places are US towns, outside the gazetteer's theatre and the world's capitals"),
        "j_interview.txt dates precision": (0.92, "`2 September` (the surrender on the Missouri) told after `December 1947` in an earlier turn takes 1947: only a reader's knowledge of the war says 1945"),
        "j_interview.txt dates recall": (0.92, "the same `2 September`"),
    ]
    static func level(_ file: String, _ what: String, _ target: Double) -> Double {
        heldBelow["\(file) \(what)"]?.level ?? target
    }

    /// A text whose annotation says `T off-topic`: no formation, no front, no date in this year.
    static let offTopicForbiddenYear = "1945"
    /// How far the linked gazetteer point may lie from the annotated one, by annotated kind (km).
    static func toleranceKm(kind: String) -> Double {
        switch kind {
        case "settlement", "fortified-area": return 60
        case "country": return 1500
        default: return 400
        }
    }
}

// MARK: - The hand annotation

struct OutsideAnnotation: Sendable {
    struct DateRow: Sendable, Hashable { let line: Int; let value: String; let expression: String }
    struct PlaceRow: Sendable, Hashable {
        let line: Int; let surface: String; let name: String; let lat: Double; let lon: Double; let kind: String
    }
    struct FormationRow: Sendable, Hashable {
        let line: Int; let surface: String; let side: String; let type: String; let number: Int?
    }
    struct MovementRow: Sendable, Hashable {
        let line: Int; let actor: String; let side: String; let action: String; let place: String; let date: String?
    }

    var dates: [DateRow] = []
    var places: [PlaceRow] = []
    var formations: [FormationRow] = []
    var movements: [MovementRow] = []
    var offTopic = false

    static let kinds: Set<String> = ["settlement", "river", "range", "region", "island", "sea", "country", "fortified-area", "other"]
    static let sides: Set<String> = ["Soviet", "Japanese", "Manchukuo", "Mongolian", "other"]
    static let types: Set<String> = ["front", "army", "area-army", "corps", "division", "brigade", "regiment", "battalion",
                                     "fleet", "flotilla", "fortified-region", "group", "detachment", "other"]
    static let actions: Set<String> = ["crossed", "captured", "occupied", "took", "reached", "entered", "landed", "surrendered", "encircled"]

    /// `1945`, `1945-08`, `1945-08-09`, `1945-08-09T05:30`, `1941-SU`, `XXXX-05-09`, and `a/b` of those.
    static func isISO(_ value: String) -> Bool {
        let point = #"^(\d{4}|XXXX)(-(SP|SU|FA|WI)|-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d)?)?)?$"#
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return false }
        return parts.allSatisfy { String($0).range(of: point, options: .regularExpression) != nil }
    }

    /// Parses one `.ann`; every problem is returned as `line n: message` (an empty list means valid).
    static func parse(_ text: String) -> (OutsideAnnotation, [String]) {
        var a = OutsideAnnotation()
        var problems: [String] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let row = raw.trimmingCharacters(in: .whitespaces)
            if row.isEmpty || row.hasPrefix("#") { continue }
            func bad(_ why: String) { problems.append("ann line \(i + 1): \(why): \(row)") }
            let tag = row.prefix(1)
            if tag == "D" {
                let halves = row.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let fields = halves[0].split(whereSeparator: \.isWhitespace)
                guard fields.count == 3, let line = Int(fields[1]), line > 0 else { bad("expected `D <line> <value>`"); continue }
                let value = String(fields[2])
                guard isISO(value) else { bad("not an ISO value"); continue }
                let expression = halves.count > 1 ? halves[1].trimmingCharacters(in: .whitespaces) : ""
                a.dates.append(DateRow(line: line, value: value, expression: expression))
                continue
            }
            if row == "T off-topic" { a.offTopic = true; continue }
            let fields = row.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let head = fields[0].split(whereSeparator: \.isWhitespace)
            guard head.count == 2, let line = Int(head[1]), line > 0 else { bad("expected `<tag> <line> | …`"); continue }
            switch tag {
            case "P":
                guard fields.count == 5 else { bad("P needs 5 fields"); continue }
                let ll = fields[3].split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
                guard ll.count == 2, abs(ll[0]) <= 90, abs(ll[1]) <= 180 else { bad("bad lat,lon"); continue }
                guard kinds.contains(fields[4]) else { bad("unknown kind"); continue }
                guard !fields[1].isEmpty else { bad("empty surface"); continue }
                a.places.append(PlaceRow(line: line, surface: fields[1], name: fields[2], lat: ll[0], lon: ll[1], kind: fields[4]))
            case "F":
                guard fields.count == 5 else { bad("F needs 5 fields"); continue }
                guard sides.contains(fields[2]) else { bad("unknown side"); continue }
                guard types.contains(fields[3]) else { bad("unknown type"); continue }
                let number = Int(fields[4])
                guard number != nil || fields[4] == "-" else { bad("number must be an integer or -"); continue }
                guard !fields[1].isEmpty else { bad("empty surface"); continue }
                a.formations.append(FormationRow(line: line, surface: fields[1], side: fields[2], type: fields[3], number: number))
            case "M":
                guard fields.count == 6 else { bad("M needs 6 fields"); continue }
                guard sides.contains(fields[2]) else { bad("unknown side"); continue }
                guard actions.contains(fields[3]) else { bad("unknown action"); continue }
                guard fields[5] == "-" || isISO(fields[5]) else { bad("date must be ISO or -"); continue }
                a.movements.append(MovementRow(line: line, actor: fields[1], side: fields[2], action: fields[3],
                                               place: fields[4], date: fields[5] == "-" ? nil : fields[5]))
            default:
                bad("unknown tag")
            }
        }
        return (a, problems)
    }

    /// Every surface on its line (movements: the place on its line, the actor there or up to three lines before).
    func problems(against lines: [String]) -> [String] {
        var out: [String] = []
        func on(_ n: Int, _ s: String) -> Bool { n >= 1 && n <= lines.count && lines[n - 1].contains(s) }
        for d in dates where !(d.expression.isEmpty ? (1...max(1, lines.count)).contains(d.line) : on(d.line, d.expression)) {
            out.append("D \(d.line): `\(d.expression)` is not on that line")
        }
        for p in places where !on(p.line, p.surface) { out.append("P \(p.line): `\(p.surface)` is not on that line") }
        for f in formations where !on(f.line, f.surface) { out.append("F \(f.line): `\(f.surface)` is not on that line") }
        for m in movements {
            if !on(m.line, m.place) { out.append("M \(m.line): place `\(m.place)` is not on that line") }
            if !(max(1, m.line - 3)...m.line).contains(where: { on($0, m.actor) }) {
                out.append("M \(m.line): actor `\(m.actor)` is not on that line or the three before")
            }
        }
        return out
    }
}

// MARK: - The tool's output, reduced to what the annotation states

/// One formation as the scorer compares it.
struct ToolFormation: Sendable, Hashable {
    let line: Int
    let column: Int          // unicode scalars from the start of the line
    let surface: String      // may run onto the next lines (a hard-wrapped name)
    let side: String
    let type: String
    let number: Int?
}

enum ToolAdapter {
    /// THE adapter from the tool's formation output to (line, surface, side, type, number): the only
    /// code to change when the formations API changes: the linker's unit and front mentions, each
    /// resolved by `linker.formation(id:)` to its side, type and number.
    static func formations(_ analysis: Analysis, document: String) -> [ToolFormation] {
        guard let linker = analysis.linker else { return [] }
        return analysis.mentions.compactMap { pm -> ToolFormation? in
            guard pm.documentID == document, pm.mention.kind == .unit || pm.mention.kind == .front else { return nil }
            // Curated and grammar-found formations alike (`linker.formation(id:)`); the sides the
            // annotation does not name (German, American…) count as `other`.
            let f = linker.formation(id: pm.mention.id)
            let known = ["Soviet", "Japanese", "Manchukuo", "Mongolian"]
            let side = f.map { known.contains($0.side) ? $0.side : ($0.side == "unknown" ? "?" : "other") } ?? "?"
            return ToolFormation(line: pm.line, column: column(analysis.corpus, pm.passageID, pm.line, pm.mention.start),
                                 surface: pm.mention.surface, side: side, type: f?.type ?? f?.kind ?? pm.mention.kind.rawValue,
                                 number: f?.number ?? f.flatMap { number(inName: $0.name) })
        }
    }

    /// The formation's number as its name gives it (`5th Army` → 5, `Fifth Area Army` → 5), else nil.
    static func number(inName name: String) -> Int? {
        let first = name.split(separator: " ").first.map(String.init) ?? ""
        let digits = first.prefix { $0.isNumber }
        if let n = Int(digits) { return n }
        let words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                     "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                     "eighteenth", "nineteenth", "twentieth"]
        return words.firstIndex(of: first.lowercased()).map { $0 + 1 }
    }

    /// Column (scalars) of a passage offset on its file line.
    static func column(_ corpus: Corpus, _ passageID: String, _ line: Int, _ offset: Int) -> Int {
        guard let p = corpus.passage(id: passageID) else { return 0 }
        var start = 0
        for (i, l) in p.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if p.lineStart + i == line { return offset - start }
            start += l.unicodeScalars.count + 1
        }
        return 0
    }
}

// MARK: - Scoring

/// The (line, columns) pieces a tool mention covers: one per file line its surface runs over.
func segments(line: Int, column: Int, surface: String) -> [(line: Int, span: Range<Int>)] {
    var out: [(line: Int, span: Range<Int>)] = []
    var col = column
    for (i, piece) in surface.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let n = piece.unicodeScalars.count
        out.append((line + i, col..<(col + n)))
        col = 0
    }
    return out
}

func covers(_ segs: [(line: Int, span: Range<Int>)], line: Int, _ gold: Range<Int>) -> Bool {
    segs.contains { $0.line == line && $0.span.overlaps(gold) }
}

struct Figures: Sendable {
    var tp = 0, fp = 0, fn = 0
    var precision: Double { tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp) }
    var recall: Double { tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn) }
    var text: String { String(format: "P %.2f R %.2f (%d/%d/%d)", precision, recall, tp, fp, fn) }
}

struct TextScore: Sendable {
    let file: String
    let annotation: OutsideAnnotation
    var dates = Figures(), places = Figures(), formations = Figures()
    var errors: [String] = []
    var offTopicViolations: [String] = []
    var annotationProblems: [String] = []
}

struct DateKey: Hashable, Sendable { let line: Int; let value: String }

struct Scoreboard: Sendable {
    let directory: URL
    let scores: [TextScore]

    static let defaultDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpora/outside")
    static let overridden = ProcessInfo.processInfo.environment["AUGUST_SCORE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    static let verbose = ProcessInfo.processInfo.environment["AUGUST_SCORE_VERBOSE"] == "1"
    static let directory: URL = overridden.map { URL(fileURLWithPath: $0) } ?? defaultDirectory

    /// The `.txt` files that have an `.ann` next to them.
    static func annotatedFiles(in dir: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") && names.contains(String($0.dropLast(4)) + ".ann") }.sorted()
    }

    static let shared: Scoreboard = Scoreboard(directory: directory)

    init(directory: URL) {
        self.directory = directory
        // Loaded the way the CLI loads a folder.
        let corpus = try! Corpus.load(directory: directory)
        let analysis = Analysis.build(corpus: corpus)
        let dateMentions = TemporalTagger.mentions(in: corpus)
        let gazetteer = analysis.linker?.data.gazetteer
        var scores: [TextScore] = []
        for file in Self.annotatedFiles(in: directory) {
            let annText = (try? String(contentsOf: directory.appendingPathComponent(String(file.dropLast(4)) + ".ann"), encoding: .utf8)) ?? ""
            let lines = ((try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)) ?? "")
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let (ann, parseProblems) = OutsideAnnotation.parse(annText)
            var s = TextScore(file: file, annotation: ann)
            s.annotationProblems = parseProblems + ann.problems(against: lines)

            // Dates on (line, value); a date written over a line break counts on each line it covers.
            let gold = Set(ann.dates.map { "\($0.line) \($0.value)" })
            var toolDates: [(lines: ClosedRange<Int>, value: String)] = []
            for m in dateMentions where m.documentID == file {
                let last = m.line + m.text.filter { $0 == "\n" }.count
                if !toolDates.contains(where: { $0.lines == m.line...last && $0.value == m.value }) {
                    toolDates.append((m.line...last, m.value))
                }
            }
            var goldLeft = Set(ann.dates.map { DateKey(line: $0.line, value: $0.value) })
            for t in toolDates {
                if let g = goldLeft.first(where: { $0.value == t.value && t.lines.contains($0.line) }) {
                    goldLeft.remove(g); s.dates.tp += 1
                } else {
                    s.dates.fp += 1; s.errors.append("date FP \(t.lines.lowerBound) \(t.value)")
                }
            }
            s.dates.fn = goldLeft.count
            for g in goldLeft.sorted(by: { ($0.line, $0.value) < ($1.line, $1.value) }) { s.errors.append("date FN \(g.line) \(g.value)") }

            // Places: same line, overlapping surface, linked point near the annotated one.
            let toolPlaces = analysis.mentions.filter { $0.documentID == file && $0.mention.kind == .place }
            let goldPlaces = Array(zip(ann.places, Self.spans(ann.places.map { ($0.line, $0.surface) }, in: lines)))
            var usedGold = Set<Int>()
            for t in toolPlaces {
                let col = ToolAdapter.column(corpus, t.passageID, t.line, t.mention.start)
                let segs = segments(line: t.line, column: col, surface: t.mention.surface)
                let place = gazetteer?.place(id: t.mention.id)
                let hit = goldPlaces.indices.first { i in
                    let (g, gSpan) = goldPlaces[i]
                    guard !usedGold.contains(i), covers(segs, line: g.line, gSpan) else { return false }
                    if let lat = place?.lat, let lon = place?.lon {
                        return Self.km(g.lat, g.lon, lat, lon) <= GeneralityTargets.toleranceKm(kind: g.kind)
                    }
                    return place?.name.lowercased() == g.name.lowercased()
                }
                if let hit { usedGold.insert(hit); s.places.tp += 1 } else {
                    s.places.fp += 1
                    s.errors.append("place FP \(t.line) `\(t.mention.surface.replacingOccurrences(of: "\n", with: " "))` → \(t.mention.id)"
                                    + (place?.lat.map { String(format: " (%.2f,%.2f)", $0, place?.lon ?? 0) } ?? ""))
                }
            }
            for (i, (g, _)) in goldPlaces.enumerated() where !usedGold.contains(i) {
                s.places.fn += 1
                s.errors.append("place FN \(g.line) `\(g.surface)` (\(g.name))")
            }

            // Formations: same line, overlapping surface, same side (and number when both give one).
            let toolUnits = ToolAdapter.formations(analysis, document: file)
            let goldUnits = Array(zip(ann.formations, Self.spans(ann.formations.map { ($0.line, $0.surface) }, in: lines)))
            var usedUnits = Set<Int>()
            for t in toolUnits {
                let segs = segments(line: t.line, column: t.column, surface: t.surface)
                let hit = goldUnits.indices.first { i in
                    let (g, gSpan) = goldUnits[i]
                    guard !usedUnits.contains(i), covers(segs, line: g.line, gSpan) else { return false }
                    guard g.side.lowercased() == t.side.lowercased() else { return false }
                    if let a = g.number, let b = t.number, a != b { return false }
                    return true
                }
                if let hit { usedUnits.insert(hit); s.formations.tp += 1 } else {
                    s.formations.fp += 1
                    s.errors.append("formation FP \(t.line) `\(t.surface.replacingOccurrences(of: "\n", with: " "))` \(t.side) \(t.type) \(t.number.map(String.init) ?? "-")")
                }
            }
            for (i, (g, _)) in goldUnits.enumerated() where !usedUnits.contains(i) {
                s.formations.fn += 1
                s.errors.append("formation FN \(g.line) `\(g.surface)` \(g.side) \(g.type) \(g.number.map(String.init) ?? "-")")
            }

            // A text about something else: nothing of the war may come out of it.
            if ann.offTopic {
                for t in toolUnits { s.offTopicViolations.append("formation `\(t.surface)` line \(t.line)") }
                let fronts = analysis.fronts?.theatres.flatMap { $0.axes.flatMap { $0.objectives.flatMap(\.dates) } }
                    .filter { $0.documentID == file } ?? []
                for f in fronts { s.offTopicViolations.append("front objective dated \(f.dateStart) from line \(f.line)") }
                for m in dateMentions where m.documentID == file && m.value.contains(GeneralityTargets.offTopicForbiddenYear)
                    && !gold.contains("\(m.line) \(m.value)") {
                    s.offTopicViolations.append("date \(m.value) `\(m.text)` line \(m.line)")
                }
            }
            scores.append(s)
        }
        self.scores = scores
    }

    /// The columns of each annotated surface on its line: the k-th row with the same surface on a
    /// line takes the k-th occurrence (an empty range when it is not there).
    static func spans(_ rows: [(line: Int, surface: String)], in lines: [String]) -> [Range<Int>] {
        var seen: [String: Int] = [:]
        return rows.map { row in
            let key = "\(row.line)|\(row.surface)"
            let k = seen[key, default: 0]
            seen[key] = k + 1
            guard row.line >= 1, row.line <= lines.count else { return 0..<0 }
            let text = Array(lines[row.line - 1].unicodeScalars), needle = Array(row.surface.unicodeScalars)
            var starts: [Int] = []
            if !needle.isEmpty, needle.count <= text.count {
                for i in 0...(text.count - needle.count) where Array(text[i..<(i + needle.count)]) == needle { starts.append(i) }
            }
            guard let start = starts.isEmpty ? nil : starts[min(k, starts.count - 1)] else { return 0..<0 }
            return start..<(start + needle.count)
        }
    }

    static func km(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let r = 6371.0, d = Double.pi / 180
        let a = pow(sin((lat2 - lat1) * d / 2), 2) + cos(lat1 * d) * cos(lat2 * d) * pow(sin((lon2 - lon1) * d / 2), 2)
        return 2 * r * asin(min(1, sqrt(a)))
    }

    var table: String {
        var out = "generality scores (\(directory.path)):\n"
        out += "text".padding(toLength: 22, withPad: " ", startingAt: 0)
            + "dates P/R (TP/FP/FN)            places                          formations\n"
        var total = (Figures(), Figures(), Figures())
        for s in scores {
            out += s.file.padding(toLength: 22, withPad: " ", startingAt: 0)
                + s.dates.text.padding(toLength: 32, withPad: " ", startingAt: 0)
                + s.places.text.padding(toLength: 32, withPad: " ", startingAt: 0)
                + (s.annotation.offTopic ? "off-topic: \(s.offTopicViolations.count) violation(s)" : s.formations.text) + "\n"
            total.0.tp += s.dates.tp; total.0.fp += s.dates.fp; total.0.fn += s.dates.fn
            total.1.tp += s.places.tp; total.1.fp += s.places.fp; total.1.fn += s.places.fn
            total.2.tp += s.formations.tp; total.2.fp += s.formations.fp; total.2.fn += s.formations.fn
        }
        out += "all".padding(toLength: 22, withPad: " ", startingAt: 0)
            + total.0.text.padding(toLength: 32, withPad: " ", startingAt: 0)
            + total.1.text.padding(toLength: 32, withPad: " ", startingAt: 0) + total.2.text + "\n"
        for s in scores where !s.annotationProblems.isEmpty {
            out += "!! annotation of \(s.file): " + s.annotationProblems.joined(separator: "; ") + "\n"
        }
        if Scoreboard.verbose {
            for s in scores where !s.errors.isEmpty || !s.offTopicViolations.isEmpty {
                out += "-- \(s.file)\n" + (s.errors + s.offTopicViolations.map { "off-topic: " + $0 }).map { "   " + $0 }.joined(separator: "\n") + "\n"
            }
        }
        return out
    }
}

// MARK: - Tests

@Suite("Generality on outside texts")
struct GeneralityTests {
    static let files = Scoreboard.annotatedFiles(in: Scoreboard.defaultDirectory)

    @Test("the annotation files parse and every annotated surface stands on its line", arguments: files)
    func annotationIsSound(_ file: String) throws {
        let dir = Scoreboard.defaultDirectory
        let ann = try String(contentsOf: dir.appendingPathComponent(String(file.dropLast(4)) + ".ann"), encoding: .utf8)
        let lines = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let (a, problems) = OutsideAnnotation.parse(ann)
        #expect(problems.isEmpty, "\(file): \(problems.joined(separator: "; "))")
        let misplaced = a.problems(against: lines)
        #expect(misplaced.isEmpty, "\(file): \(misplaced.joined(separator: "; "))")
        #expect(a.dates.count + a.places.count >= 15, "\(file): too few annotations to score")
        if !a.offTopic { #expect(a.formations.count >= 5, "\(file): too few formations to score") }
    }

    @Test("the six outside texts are there, one of them off-topic")
    func corpusShape() {
        #expect(Self.files.count >= 6, "outside texts: \(Self.files)")
        let offTopic = Self.files.filter { f in
            let url = Scoreboard.defaultDirectory.appendingPathComponent(String(f.dropLast(4)) + ".ann")
            return OutsideAnnotation.parse((try? String(contentsOf: url, encoding: .utf8)) ?? "").0.offTopic
        }
        #expect(offTopic.count == 1, "off-topic texts: \(offTopic)")
    }

    @Test("the scores table (always printed; AUGUST_SCORE_DIR scores another folder)")
    func table() {
        print(Scoreboard.shared.table)
        #expect(!Scoreboard.shared.scores.isEmpty, "no annotated text in \(Scoreboard.directory.path)")
    }

    @Test("each outside text meets the targets", .enabled(if: Scoreboard.overridden == nil), arguments: files)
    func targets(_ file: String) throws {
        let s = try #require(Scoreboard.shared.scores.first { $0.file == file })
        let t = GeneralityTargets.self
        func at(_ what: String, _ target: Double) -> Double { t.level(file, what, target) }
        let dp = at("dates precision", t.datesPrecision), dr = at("dates recall", t.datesRecall)
        #expect(s.dates.precision >= dp && s.dates.recall >= dr, "\(file) dates \(s.dates.text), need P ≥ \(dp) R ≥ \(dr)")
        let pp = at("places precision", t.placesPrecision), pr = at("places recall", t.placesRecall)
        #expect(s.places.precision >= pp && s.places.recall >= pr, "\(file) places \(s.places.text), need P ≥ \(pp) R ≥ \(pr)")
        if s.annotation.offTopic {
            #expect(s.offTopicViolations.isEmpty,
                    "\(file) is not about the war but yields: \(s.offTopicViolations.joined(separator: "; "))")
        } else {
            let fp = at("formations precision", t.formationsPrecision), fr = at("formations recall", t.formationsRecall)
            #expect(s.formations.precision >= fp && s.formations.recall >= fr,
                    "\(file) formations \(s.formations.text), need P ≥ \(fp) R ≥ \(fr)")
        }
    }
}
