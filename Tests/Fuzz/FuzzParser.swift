import Foundation

/// Bytes of a file → lines → passages and articles: the passage splitter and heading detector.
func fuzzParser(_ bytes: UnsafeBufferPointer<UInt8>) {
    let data = Data(buffer: bytes)
    let decoded = TextDecoding.decode(data)
    for line in decoded.lines {
        require(!line.utf8.contains(0x0A) && !line.utf8.contains(0x0D), "a line holds a line end")
    }
    // The bounded heading and title rules decide like the whole-line originals (first line only:
    // the regexes are slow, and every line is classified by parse below anyway).
    if let line = decoded.lines.first {
        require(Heading.classify(line) == ReferenceHeading.classify(line), "classify differs on \(Array(line.unicodeScalars))")
        require(Heading.tidyTitle(line) == ReferenceHeading.tidyTitle(line), "tidyTitle differs on \(Array(line.unicodeScalars))")
    }
    let doc = DocumentParser.parse(id: "f.txt", lines: decoded.lines)
    require(doc.lineCount == decoded.lines.count, "lineCount")
    require(!doc.articles.isEmpty, "no article")
    var lastEnd = 0
    for (i, p) in doc.passages.enumerated() {
        require(p.number == i + 1 && p.id == "f.txt#\(i + 1)", "numbering")
        require(p.lineStart > lastEnd && p.lineStart <= p.lineEnd && p.lineEnd <= decoded.lines.count, "line range")
        require(p.text == decoded.lines[(p.lineStart - 1)..<p.lineEnd].joined(separator: "\n"), "text is not its lines")
        require(p.articleIndex >= 0 && p.articleIndex < doc.articles.count, "article index")
        lastEnd = p.lineEnd
    }
    for (i, a) in doc.articles.enumerated() {
        require(a.index == i, "article index order")
        require(a.lineStart >= 1 && (decoded.lines.isEmpty || a.lineStart <= decoded.lines.count), "article line")
        require(!a.title.utf8.contains(0x0A) && a.title.count <= 250, "article title: \(a.title.count)")
        if let d = a.published {
            require(d.count == 10 && d.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil, "date \(d)")
        }
    }
    require(doc.title.count <= 101, "document title too long: \(doc.title.count)")
}
