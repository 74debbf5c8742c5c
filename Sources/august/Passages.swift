import AugustCore
import ArgumentParser
import Foundation

struct Passages: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every passage (paragraph) of the corpus with its file, lines and article.")

    @OptionGroup var corpusOptions: CorpusOptions
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        let passage, file, article: String
        @NullWhenAbsent var published: String?
        let lineStart, lineEnd: Int
        let text: String
    }

    func run() throws {
        try failing {
            let corpus = try corpusOptions.load()
            if json {
                let rows = corpus.passages.map { p -> Row in
                    let a = corpus.article(of: p)
                    return Row(passage: p.id, file: p.documentID, article: a?.title ?? "",
                               published: a?.published, lineStart: p.lineStart, lineEnd: p.lineEnd, text: p.text)
                }
                try printJSON(rows)
            } else {
                var out = ""
                for p in corpus.passages {
                    let range = p.lineStart == p.lineEnd ? "\(p.lineStart)" : "\(p.lineStart)-\(p.lineEnd)"
                    out += "\(Terminal.safe(p.id))\t\(range)\t\(Terminal.safe(p.text.replacingOccurrences(of: "\n", with: " ")))\n"
                }
                FileHandle.standardOutput.write(Data(out.utf8))
            }
        }
    }
}
