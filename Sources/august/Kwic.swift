import AugustCore
import AugustUI
import ArgumentParser
import Foundation

struct Kwic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kwic",
        abstract: "Keyword in context: every match of a search as a line, the match in one column.",
        discussion: """
            One line a match: FILE:LINE, the words before it (right-aligned), the match, the words \
            after it. --sort orders the lines by the first or second word to the left (1L, 2L) or \
            to the right (1R, 2R) of the match, else they stay in corpus order. The query is read \
            as by 'august search' (other names added unless --exact). Exit status: 0 when \
            something matches, 1 when nothing does, 2 on an error.
            """)

    @OptionGroup var corpusOptions: CorpusOptions
    @Argument(help: "The query, as for 'august search'.") var query: String
    @Option(help: ArgumentHelp("Order: 1L, 2L, 1R, 2R or corpus.", valueName: "key")) var sort: String = "corpus"
    @Option(help: "Width of a line without its FILE:LINE (default 100).") var width: Int = 100
    @Option(help: "Show at most this many lines.") var limit: Int?
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Match only the words typed: do not add the other names of places and formations.") var exact = false

    func validate() throws {
        if ConcordanceSort.parse(sort) == nil { throw ValidationError("--sort must be 1L, 2L, 1R, 2R or corpus") }
        if width < 20 || width > 1000 { throw ValidationError("--width must be between 20 and 1000") }
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    struct Output: Encodable {
        let query: String
        let sort: String
        let count: Int
        let lines: [Row]
        struct Row: Encodable {
            let file: String, line: Int, passage: String, left: String, match: String, right: String, start: Int, end: Int
        }
    }

    func run() throws {
        try failing {
            let parsed: SearchQuery
            do { parsed = try SearchQuery.parse(query) } catch let e as QueryError { throw Failure("bad query: \(e.message)") }
            // Warm, through the same start as `search`: the index and the printed passages only.
            let session = try corpusOptions.openSession()
            var q = parsed
            if !exact, let aliases = try? session.aliasIndex() { q = parsed.expandingAliases(using: aliases).query }
            _ = try openIndex(session)
            // Unranked (rank limit 0): the hits come in corpus order; then the chosen sort.
            let result = try loading { try session.search(q, limit: nil, rankLimit: 0) }
            var lines = result.hits.flatMap { Concordance.lines(passage: $0.passage, matches: $0.matches) }
            let order = ConcordanceSort.parse(sort) ?? .corpus
            lines = Concordance.sorted(lines, by: order)
            let total = lines.count
            if let limit { lines = Array(lines.prefix(limit)) }
            if json {
                try printJSON(Output(query: query, sort: order.rawValue, count: total, lines: lines.map {
                    .init(file: $0.documentID, line: $0.line, passage: $0.passageID, left: $0.left, match: $0.match,
                          right: $0.right, start: $0.start, end: $0.end)
                }))
            } else {
                printHuman(lines, total: total)
            }
            if total == 0 { throw ExitCode(1) }
        }
    }

    /// `FILE:LINE  …words before │match│ words after…`, the matches in one column.
    func printHuman(_ lines: [ConcordanceLine], total: Int) {
        let mark = Terminal.stdoutIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        let locW = lines.map { DisplayWidth.of(Terminal.safe($0.documentID)) + 1 + String($0.line).count }.max() ?? 0
        let matchW = min(width / 3, lines.map { DisplayWidth.of(Terminal.safe($0.match)) }.max() ?? 0)
        let side = max(5, (width - matchW - 2) / 2)
        var out = ""
        for l in lines {
            let loc = "\(Terminal.safe(l.documentID)):\(l.line)"
            let left = Kwic.tail(Terminal.safe(l.left), side)
            let right = Kwic.head(Terminal.safe(l.right), side)
            let match = Terminal.safe(l.match)
            let pad = String(repeating: " ", count: max(0, side - DisplayWidth.of(left)))
            let locPad = String(repeating: " ", count: max(0, locW - DisplayWidth.of(loc)))
            let shown = mark ? "\u{1B}[1;31m\(match)\u{1B}[0m" : match
            out += "\(loc)\(locPad)  \(pad)\(left) \(shown) \(right)\n"
        }
        out += "\(total) \(total == 1 ? "match" : "matches")"
        if lines.count < total { out += " (showing \(lines.count); use --limit for more)" }
        out += "\n"
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// The last `width` columns of `s` (a leading `…` when cut).
    static func tail(_ s: String, _ width: Int) -> String {
        if DisplayWidth.of(s) <= width { return s }
        var out: [Character] = [], w = 0
        for c in s.reversed() {
            let cw = DisplayWidth.of(String(c))
            if w + cw > width - 1 { break }
            out.append(c); w += cw
        }
        return "…" + String(out.reversed())
    }

    /// The first `width` columns of `s` (a trailing `…` when cut).
    static func head(_ s: String, _ width: Int) -> String {
        if DisplayWidth.of(s) <= width { return s }
        var out = "", w = 0
        for c in s {
            let cw = DisplayWidth.of(String(c))
            if w + cw > width - 1 { break }
            out.append(c); w += cw
        }
        return out + "…"
    }
}
