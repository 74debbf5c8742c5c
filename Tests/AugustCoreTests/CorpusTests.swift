import Foundation
import Testing
@testable import AugustCore

@Suite("Corpus: documents, passages, articles")
struct CorpusTests {

    @Test("every passage's text is exactly its file's lines lineStart…lineEnd")
    func passagesMatchFileLines() throws {
        #expect(seedCorpus.documents.count == 5)
        for doc in seedCorpus.documents {
            let raw = try String(contentsOf: seedsURL.appendingPathComponent(doc.id), encoding: .utf8)
            let lines = raw.components(separatedBy: "\n")
            for p in doc.passages {
                let expected = lines[(p.lineStart - 1)...(p.lineEnd - 1)].joined(separator: "\n")
                #expect(p.text == expected, "\(p.id)")
                #expect(!p.text.trimmingCharacters(in: .whitespaces).isEmpty)
            }
            // Every non-empty line belongs to exactly one passage.
            let covered = doc.passages.reduce(0) { $0 + ($1.lineEnd - $1.lineStart + 1) }
            let nonEmpty = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count
            #expect(covered == nonEmpty, "\(doc.id)")
            // Ids are DOC#1, DOC#2, … in order.
            for (i, p) in doc.passages.enumerated() { #expect(p.id == "\(doc.id)#\(i + 1)") }
        }
    }

    @Test("documents come in byte order of their paths and passages are lines where lines are paragraphs")
    func stableOrder() {
        let ids = seedCorpus.documents.map(\.id)
        #expect(ids == ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        // A file without blank lines between its paragraphs still has one passage per line.
        let noBlank = seedCorpus.documents.first { doc in doc.passages.count == doc.lineCount }
        #expect(noBlank != nil)
    }

    @Test("a blog collection is split into its articles, each with title and publication date")
    func blogArticles() throws {
        // The collection in the seeds: every headline ends with its date in parentheses.
        let doc = try #require(seedCorpus.documents.first { $0.articles.count == 5 && $0.articles.allSatisfy { $0.published != nil } })
        #expect(doc.articles.map(\.title) == [
            "Manchuria [1945]: Japanese Kamikaze Attacks Against Advancing Soviet Armour!",
            "Tatyana Breus (Татьяна Бреус) – End of WW II: Soviet Red Army Enters China & Korea – Defeating Imperial Japan!",
            "When the Last Emperor of China Applied to Join the Communist Party!",
            "Japanese Scholar: “Truths in History Needs to be Told to More People!”",
            "China: New Evidence of Japanese Germ Warfare Unit 731 on Display!",
        ])
        #expect(doc.articles.map(\.published) == ["2024-07-26", "2024-05-10", "2024-02-14", "2023-09-18", "2022-12-14"])
        // The caption line before a headline opens the article with it.
        let first = doc.passages[0]
        #expect(first.text == "Brave Kamikaze Pilots Sacrificed Their Lives!")
        #expect(first.articleIndex == 0 && first.isHeading)
        let caption = try #require(doc.passages.first { $0.text == "Victory Parade - Harbin!" })
        #expect(caption.articleIndex == 1)
        let puyi = try #require(doc.passages.first { $0.text.hasPrefix("On August 19th, 1945, Puyi") })
        #expect(doc.article(of: puyi).title.hasPrefix("When the Last Emperor"))
    }

    @Test("a dateline `Category dd/mm/yy Title` gives the article its date; sections become articles")
    func datelineAndSections() throws {
        let dated = try #require(seedCorpus.documents.first { $0.articles.first?.published == "2019-12-30" })
        #expect(dated.articles.count == 1)
        #expect(dated.articles[0].title == "Why Japan accused the Soviet Union of treason in 1945")
        let sectioned = try #require(seedCorpus.documents.first { $0.articles.first?.title == "Section I" })
        #expect(sectioned.articles.map(\.title) == ["Section I", "Section II", "Section III", "Section IV"])
        #expect(sectioned.articles.allSatisfy { $0.published == nil })
    }

    @Test("a document with no heading is one article titled by its first line")
    func noHeadings() {
        let c = Corpus(texts: [("plain.txt", "The first line is the title.\n\nThen a paragraph of text.\n")])
        #expect(c.documents[0].articles.count == 1)
        #expect(c.documents[0].articles[0].title == "The first line is the title.")
        #expect(c.documents[0].passages.count == 2)
    }

    @Test("hard-wrapped text: a run of lines broken in mid-sentence is one passage")
    func hardWrapped() {
        let text = """
            The offensive began shortly after midnight when the advance
            detachments of the three fronts crossed the border along a front
            of more than four thousand kilometres, meeting little resistance
            in the first hours of the campaign.

            By the evening of the first day the tank army had advanced more
            than one hundred and fifty kilometres into the western desert and
            was approaching the passes of the mountains, which the defenders
            had believed impassable for armour.
            """
        let c = Corpus(texts: [("wrapped.txt", text)])
        let ps = c.documents[0].passages
        #expect(ps.count == 2)
        #expect(ps[0].lineStart == 1 && ps[0].lineEnd == 4)
        #expect(ps[1].lineStart == 6 && ps[1].lineEnd == 9)
        // Lines that are whole paragraphs are not merged, even without blank lines between them.
        let paragraphs = (1...4).map { "Paragraph \($0) is one long line that ends its sentence properly, as such lines do in prose that was never wrapped by a text editor at a fixed column width." }
        let c2 = Corpus(texts: [("lines.txt", paragraphs.joined(separator: "\n"))])
        #expect(c2.documents[0].passages.count == 4)
    }

    @Test("headings are found by general rules in any text")
    func genericHeadings() {
        let text = """
            Opening caption

            First Story Headline (3.9.2021)

            Body of the first story.

            Second Story Headline (12/10/2020)

            Body of the second story, which is long enough to be prose and ends with a period.
            """
        let c = Corpus(texts: [("blog.txt", text)])
        let d = c.documents[0]
        #expect(d.articles.map(\.title) == ["First Story Headline", "Second Story Headline"])
        #expect(d.articles.map(\.published) == ["2021-09-03", "2020-10-12"])
        #expect(d.articles[0].lineStart == 1)
        #expect(d.passages.map(\.articleIndex) == [0, 0, 0, 1, 1])
    }

    @Test("line ends: CRLF and lone CR split lines; a BOM is dropped; invalid UTF-8 becomes U+FFFD")
    func decoding() {
        let crlf = TextDecoding.decode(Data("a\r\nb\rc\n".utf8))
        #expect(crlf.lines == ["a", "b", "c"])
        let bom = TextDecoding.decode(Data([0xEF, 0xBB, 0xBF] + Array("Title".utf8)))
        #expect(bom.lines == ["Title"])
        let bad = TextDecoding.decode(Data([0x41, 0xFF, 0x42]))
        #expect(bad.hadInvalidUTF8)
        #expect(bad.lines == ["A\u{FFFD}B"])
    }

    @Test("loading a folder: recursion, .txt only, warnings for unusable files, errors for nothing usable")
    func loadingFolders() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: CorpusError.self) { try Corpus.load(directory: dir) }   // empty
        #expect(throws: CorpusError.notFound(dir.path + "/missing")) {
            try Corpus.load(directory: dir.appendingPathComponent("missing"))
        }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub/deeper"), withIntermediateDirectories: true)
        try "Deep text.".write(to: dir.appendingPathComponent("sub/deeper/b.txt"), atomically: true, encoding: .utf8)
        try "Top text.".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "not a text".write(to: dir.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
        try Data([0x41, 0x00, 0x42]).write(to: dir.appendingPathComponent("binary.txt"))
        try Data([0x4F, 0x6B, 0xC3, 0x28, 0x2E]).write(to: dir.appendingPathComponent("latin.txt"))
        let c = try Corpus.load(directory: dir)
        #expect(c.documents.map(\.id) == ["a.txt", "latin.txt", "sub/deeper/b.txt"])
        #expect(c.warnings.contains { $0.file == "binary.txt" && $0.message.contains("NUL") })
        #expect(c.warnings.contains { $0.file == "latin.txt" && $0.message.contains("UTF-8") })
        #expect(c.document(id: "latin.txt")?.passages.first?.text == "Ok\u{FFFD}(.")
    }

    @Test("the fingerprint changes when a file is added, changed or removed")
    func fingerprint() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "One.".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let f1 = try Corpus.load(directory: dir).fingerprint
        #expect(try Corpus.load(directory: dir).fingerprint == f1)
        try "Two.".write(to: dir.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let f2 = try Corpus.load(directory: dir).fingerprint
        try "Two!".write(to: dir.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let f3 = try Corpus.load(directory: dir).fingerprint
        try FileManager.default.removeItem(at: dir.appendingPathComponent("b.txt"))
        let f4 = try Corpus.load(directory: dir).fingerprint
        #expect(Set([f1, f2, f3]).count == 3)
        #expect(f4 == f1)
    }
}
