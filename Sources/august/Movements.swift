import AugustCore
import ArgumentParser
import Foundation

struct Movements: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the movements the texts tell: who crossed, captured, entered, reached… which place, when.",
        discussion: """
            A movement is read from a statement by grammar: a verb (crossed, captured, occupied, took, \
            reached, entered, landed at, surrendered at, encircled, broke through, advanced on, \
            liberated, seized, fell), the place it governs, the formation (else the side) that did it, \
            and the date of the statement (see `august events`; a statement with no date takes the \
            last date before it in its paragraph, marked `~`). One line a movement: date (or \
            `undated`), action, place, who, FILE:LINE; in date order, the undated last.
            """)

    @OptionGroup var corpusOptions: CorpusOptions
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        @NullWhenAbsent var dateStart: String?
        @NullWhenAbsent var dateEnd: String?
        let dateInferred: Bool
        let action: String
        @NullWhenAbsent var actor: String?
        @NullWhenAbsent var actorName: String?
        @NullWhenAbsent var side: String?
        let place, placeName, placeText: String
        let passage, file: String
        let line: Int
        let start, end: Int
        let verbStart, verbEnd: Int
        let placeStart, placeEnd: Int

        enum CodingKeys: String, CodingKey {
            case dateStart = "date_start", dateEnd = "date_end", dateInferred = "date_inferred", action, actor, actorName = "actor_name", side
            case place, placeName = "place_name", placeText = "place_text", passage, file, line, start, end
            case verbStart = "verb_start", verbEnd = "verb_end", placeStart = "place_start", placeEnd = "place_end"
        }
    }

    func run() throws {
        try failing {
            let analysis = try corpusOptions.analysis()
            let corpus = analysis.corpus
            guard let linker = analysis.linker else { return }
            let ms = MovementList.sorted(analysis.movements, corpus: corpus)
            if json {
                try printJSON(ms.map { m in
                    Row(dateStart: m.dateStart, dateEnd: m.dateEnd, dateInferred: m.dateInferred, action: m.action.rawValue, actor: m.actorID,
                        actorName: m.actorID.map { MovementList.actorName($0, linker) }, side: m.side,
                        place: m.placeID, placeName: linker.data.gazetteer.place(id: m.placeID)?.name ?? m.placeText,
                        placeText: m.placeText, passage: m.passageID, file: m.documentID, line: m.line,
                        start: m.statementStart, end: m.statementEnd, verbStart: m.verbStart, verbEnd: m.verbEnd,
                        placeStart: m.placeStart, placeEnd: m.placeEnd)
                })
                return
            }
            var out = ""
            let dates = ms.map { MovementList.dateText($0) }
            let width = dates.map(\.count).max() ?? 10
            let actionWidth = ms.map { $0.action.rawValue.count }.max() ?? 8
            for (m, d) in zip(ms, dates) {
                let place = linker.data.gazetteer.place(id: m.placeID)?.name ?? m.placeText
                out += Terminal.safe("\(d.padding(toLength: width, withPad: " ", startingAt: 0))  "
                    + "\(m.action.rawValue.padding(toLength: actionWidth, withPad: " ", startingAt: 0))  "
                    + "\(place)  · \(MovementList.who(m, linker))  (\(m.documentID):\(m.line))") + "\n"
            }
            out += "\(ms.count) movement\(ms.count == 1 ? "" : "s"), \(ms.filter { $0.dateStart != nil }.count) dated\n"
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }
}

/// Shared by `movements` and `fronts`: order and labels of movements.
enum MovementList {
    /// By date (the undated last), then where they are told.
    static func sorted(_ ms: [Movement], corpus: Corpus) -> [Movement] {
        var order: [String: Int] = [:]
        for (i, p) in corpus.passages.enumerated() { order[p.id] = i }
        return ms.enumerated().sorted { a, b in
            (a.element.dateStart ?? "~", a.element.dateEnd ?? "~", order[a.element.passageID] ?? 0, a.offset)
                < (b.element.dateStart ?? "~", b.element.dateEnd ?? "~", order[b.element.passageID] ?? 0, b.offset)
        }.map(\.element)
    }

    static func dateText(_ m: Movement) -> String {
        guard let s = m.dateStart else { return "undated" }
        let mark = m.dateInferred ? "~" : ""
        guard let e = m.dateEnd, e != s else { return mark + s }
        return "\(mark)\(s)/\(e)"
    }

    /// The formation's name (an unknown formation's id made readable), else the side, else `?`.
    static func actorName(_ id: String, _ linker: EntityLinker) -> String {
        if let f = linker.formation(id: id) { return f.name }
        return id.split(separator: "-").map { w in w.first.map { String($0).uppercased() + w.dropFirst() } ?? "" }
            .joined(separator: " ")
    }

    static func who(_ m: Movement, _ linker: EntityLinker) -> String {
        if let a = m.actorID {
            let name = actorName(a, linker)
            return m.side.map { "\(name) (\($0))" } ?? name
        }
        return m.side ?? "?"
    }
}
