import AugustCore
import AugustUI
import ArgumentParser
import Foundation

struct Align: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "Parallel passages: documents that render one text, and which of their passages say the same.",
        discussion: """
            With two documents (their FILE as listed by 'august passages'), aligns their passages; \
            with none, finds every pair of documents of the corpus that translate or paraphrase \
            one text (by the dates, numbers, names and rare words their sentences share, and \
            their lengths; never by file names) and aligns each. One line a link: \
            FILE:LINE ⇄ FILE:LINE SCORE, LINE the first line of each passage, SCORE the share \
            of anchors the linked sentences have in common (0–1), then a quotation of each. \
            --json prints {"pairs": [{"a": {"file", "line"}, "b": {"file", "line"}, "score"}]}; \
            with no documents named, also "documents": each aligned pair of documents with the \
            share of the shorter one aligned ("score") and its own "pairs". Exit status: 0 when something is aligned, 1 when nothing is, 2 on an error \
            (an unknown document).
            """)

    @OptionGroup var corpusOptions: CorpusOptions
    @Argument(help: ArgumentHelp("Two documents to align (default: every aligned pair).", valueName: "doc")) var documents: [String] = []
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if documents.count == 1 || documents.count > 2 { throw ValidationError("give two documents, or none") }
    }

    struct Place: Encodable { let file: String; let line: Int }
    struct Pair: Encodable { let a: Place; let b: Place; let score: Double }
    struct DocumentPair: Encodable { let a: String; let b: String; let score: Double; let pairs: [Pair] }
    /// Two documents named: the issue's shape, `{"pairs": [...]}`.
    struct PairOutput: Encodable { let pairs: [Pair] }
    /// All pairs: each aligned pair of documents with its score and links, and every link flat.
    struct CorpusOutput: Encodable { let documents: [DocumentPair]; let pairs: [Pair] }

    func run() throws {
        try failing {
            let corpus = try corpusOptions.load()
            let mentions = (try? EntityLinker.shared()).map { $0.mentions(in: corpus) } ?? []
            var alignments: [DocumentAlignment]
            if documents.count == 2 {
                let a = try Self.resolve(documents[0], in: corpus), b = try Self.resolve(documents[1], in: corpus)
                if a == b { throw Failure("a document is not aligned with itself: \(a)") }
                alignments = Parallels.pair(a, b, in: corpus, mentions: mentions).map { [$0] } ?? []
            } else {
                alignments = Parallels.find(in: corpus, mentions: mentions).alignments
            }
            let rows = alignments.map { al in
                DocumentPair(a: al.a, b: al.b, score: Self.rounded(al.score), pairs: Self.pairs(al, corpus))
            }
            if json {
                if documents.count == 2 { try printJSON(PairOutput(pairs: rows.flatMap(\.pairs))) }
                else { try printJSON(CorpusOutput(documents: rows, pairs: rows.flatMap(\.pairs))) }
            } else if alignments.isEmpty {
                FileHandle.standardOutput.write(Data((documents.count == 2
                    ? "no alignment: \(Terminal.safe(documents[0])) and \(Terminal.safe(documents[1])) do not render one text\n"
                    : "no alignment: no two documents render one text\n").utf8))
            } else {
                printHuman(alignments, corpus)
            }
            if alignments.isEmpty { throw ExitCode(1) }
        }
    }

    static func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    static func pairs(_ al: DocumentAlignment, _ corpus: Corpus) -> [Pair] {
        guard let da = corpus.document(id: al.a), let db = corpus.document(id: al.b) else { return [] }
        return al.links.map {
            Pair(a: Place(file: al.a, line: da.passages[$0.a].lineStart), b: Place(file: al.b, line: db.passages[$0.b].lineStart),
                 score: rounded($0.score))
        }
    }

    /// A document by its id (path under the corpus), else by a path that ends with it or a file
    /// name only one document has; else one line, exit 2.
    static func resolve(_ name: String, in corpus: Corpus) throws -> String {
        if corpus.document(id: name) != nil { return name }
        let hits = corpus.documents.filter { name.hasSuffix("/" + $0.id) || $0.id.hasSuffix("/" + name) }
        if hits.count == 1 { return hits[0].id }
        throw Failure("unknown document: \(name) (see 'august passages' for the FILE names)")
    }

    /// `FILE:LINE ⇄ FILE:LINE  SCORE` and a quotation of each passage under it; a header a document pair.
    func printHuman(_ alignments: [DocumentAlignment], _ corpus: Corpus) {
        var out = ""
        for al in alignments {
            guard let da = corpus.document(id: al.a), let db = corpus.document(id: al.b) else { continue }
            out += "\(Terminal.safe(al.a)) ⇄ \(Terminal.safe(al.b))  \(String(format: "%.2f", al.score)) of the shorter text aligned, \(al.links.count) passage \(al.links.count == 1 ? "link" : "links")\n"
            for l in al.links {
                let pa = da.passages[l.a], pb = db.passages[l.b]
                out += "\(Terminal.safe(al.a)):\(pa.lineStart) ⇄ \(Terminal.safe(al.b)):\(pb.lineStart)  \(String(format: "%.2f", l.score))\n"
                out += "    \(Self.quote(pa.text))\n    \(Self.quote(pb.text))\n"
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// The start of a passage on one line, safe to print, cut at 72 columns.
    static func quote(_ text: String) -> String {
        let flat = text.split(whereSeparator: { $0.isNewline }).joined(separator: " ")
        return Kwic.head(Terminal.safe(flat), 72)
    }
}
