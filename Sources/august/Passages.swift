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
        let published: String?
        let lineStart, lineEnd: Int
        let text: String
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(passage, forKey: .passage)
            try c.encode(file, forKey: .file)
            try c.encode(article, forKey: .article)
            try c.encode(published, forKey: .published)  // null when unknown, never missing
            try c.encode(lineStart, forKey: .lineStart)
            try c.encode(lineEnd, forKey: .lineEnd)
            try c.encode(text, forKey: .text)
        }
        enum CodingKeys: String, CodingKey { case passage, file, article, published, lineStart, lineEnd, text }
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
