import AugustCore
import AugustSearch
import ArgumentParser
import Foundation

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the passages (words, \"phrases\", prefix*, OR, -exclude).",
        discussion: """
            All words must match, in any order, case- and accent-insensitively. Results are ranked \
            by relevance (BM25); when more than \(SearchIndex.defaultRankLimit) passages match, the \
            first ones are listed in corpus order instead (ranking them all takes long; --rank forces \
            it). Output is FILE:LINE: passage, like grep, then a count.

            Exit status, as grep and rg: 0 when a passage matches, 1 when none does, 2 on an error \
            (a bad query, a missing corpus).
            """)

    @OptionGroup var corpusOptions: CorpusOptions
    @Argument(help: "The query, e.g. 'kwantung army', '\"Kwantung Army\"', 'manch*', 'harbin OR mukden', 'tank -kamikaze'.")
    var query: String
    @Option(help: "Show at most this many passages (the count still counts all).") var limit: Int?
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Match only the words typed: do not add the other names of places and formations.") var exact = false
    @Flag(help: "Rank by relevance however many passages match (slow when most of a large corpus matches).") var rank = false

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        try failing {
            let parsed: SearchQuery
            do { parsed = try SearchQuery.parse(query) } catch let e as QueryError { throw Failure("bad query: \(e.message)") }
            // Warm, the index is opened by the recorded fingerprint and only the passages printed
            // are read (from the snapshot): the corpus is neither read nor decoded.
            let session = try corpusOptions.openSession()
            var query = parsed
            var added: [String] = []
            if !exact {
                do {
                    (query, added) = parsed.expandingAliases(using: try session.aliasIndex())
                } catch {
                    warn("warning: \(error); searching the words as typed")
                }
            }
            _ = try openIndex(session)
            let result = try loading { try session.search(query, limit: limit ?? (json ? nil : 50),
                                                          rankLimit: rank ? nil : SearchIndex.defaultRankLimit) }
            if json {
                try printJSON(SearchJSON(result, aliases: added))
            } else {
                printHuman(result, aliases: added)
            }
            if result.count == 0 { throw ExitCode(1) }
        }
    }

    func printHuman(_ result: SearchResult, aliases: [String] = []) {
        let mark = Terminal.stdoutIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        var out = ""
        if !aliases.isEmpty {
            out += "also searching other names: " + aliases.map(Terminal.safe).joined(separator: ", ") + " (--exact to turn off)\n"
        }
        for hit in result.hits {
            let p = hit.passage
            var text = ""
            var pos = 0
            let scalars = Array(p.text.unicodeScalars)
            func append(_ a: Int, _ b: Int) {
                var v = String.UnicodeScalarView()
                for s in scalars[a..<b] { v.append(s == "\n" ? " " : (SafeText.placeholder(for: s) ?? s)) }
                text += String(v)
            }
            for r in hit.matches {
                append(pos, r.lowerBound)
                if mark { text += "\u{1B}[1;31m" }
                append(r.lowerBound, r.upperBound)
                if mark { text += "\u{1B}[0m" }
                pos = r.upperBound
            }
            append(pos, scalars.count)
            let file = Terminal.safe(p.documentID)
            out += mark ? "\u{1B}[35m\(file)\u{1B}[0m:\u{1B}[32m\(p.lineStart)\u{1B}[0m: \(text)\n"
                        : "\(file):\(p.lineStart): \(text)\n"
        }
        let noun = result.count == 1 ? "passage matches" : "passages match"
        var closing = "\(result.count) \(noun)"
        if result.hits.count < result.count { closing += " (showing \(result.hits.count); use --limit for more)" }
        out += closing + "\n"
        if !result.ranked {
            out += "results in corpus order: \(result.count) passages match, too many to rank "
                + "(more than \(SearchIndex.defaultRankLimit)); use a narrower query, or --rank to rank them anyway\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}

struct SearchJSON: Encodable {
    struct Hit: Encodable {
        let passage, file: String
        let line: Int
        let score: Double
        let text: String
        let matches: [[Int]]
    }
    let query: String
    /// Other names of places and formations added to the query (empty with --exact).
    let aliases: [String]
    let count: Int
    /// False when too many passages matched to rank them: the hits are then in corpus order, score 0.
    let ranked: Bool
    let hits: [Hit]

    init(_ r: SearchResult, aliases: [String] = []) {
        query = r.query.source
        self.aliases = aliases
        count = r.count
        ranked = r.ranked
        hits = r.hits.map {
            Hit(passage: $0.passage.id, file: $0.passage.documentID, line: $0.passage.lineStart,
                score: ($0.score * 1e6).rounded() / 1e6, text: $0.passage.text,
                matches: $0.matches.map { [$0.lowerBound, $0.upperBound] })
        }
    }
}
