import AugustCore
import Foundation

/// One screen row of the source pane: a slice of a passage's text (scalar offsets), or a gap.
struct SourceRow: Sendable {
    var passage: Int          // ordinal in corpus.passages; -1 for the blank row between passages
    var start: Int
    var end: Int
}

/// A document word-wrapped to a width: its rows, and where each passage starts.
struct DocumentLayout: Sendable {
    var rows: [SourceRow]
    /// passage ordinal → first row index.
    var firstRow: [Int: Int]
    /// passage ordinal → number of rows.
    var rowCount: [Int: Int]
}

/// Wrapped documents, cached by (document, width). Shared by render and update (same answers).
final class LayoutCache: @unchecked Sendable {
    private var cache: [String: DocumentLayout] = [:]
    private var order: [String] = []
    private let lock = NSLock()

    func layout(document: Int, width: Int, corpus: Corpus) -> DocumentLayout {
        guard corpus.documents.indices.contains(document) else { return DocumentLayout(rows: [], firstRow: [:], rowCount: [:]) }
        let key = "\(document)|\(width)"
        lock.lock()
        if let hit = cache[key] { lock.unlock(); return hit }
        lock.unlock()
        let made = Wrapper.layout(document: corpus.documents[document], firstOrdinal: firstOrdinal(document, corpus), width: width)
        lock.lock()
        cache[key] = made
        order.append(key)
        if order.count > 16 { cache[order.removeFirst()] = nil }
        lock.unlock()
        return made
    }

    private var firsts: [Int] = []
    private func firstOrdinal(_ document: Int, _ corpus: Corpus) -> Int {
        lock.lock(); defer { lock.unlock() }
        if firsts.isEmpty {
            var n = 0
            for d in corpus.documents { firsts.append(n); n += d.passages.count }
        }
        return firsts[document]
    }
}

enum Wrapper {
    static func layout(document: Document, firstOrdinal: Int, width: Int) -> DocumentLayout {
        var rows: [SourceRow] = []
        var first: [Int: Int] = [:], count: [Int: Int] = [:]
        for (i, p) in document.passages.enumerated() {
            let ord = firstOrdinal + i
            if i > 0 { rows.append(SourceRow(passage: -1, start: 0, end: 0)) }
            first[ord] = rows.count
            let lines = wrap(p.text, width: width)
            for l in lines { rows.append(SourceRow(passage: ord, start: l.lowerBound, end: l.upperBound)) }
            count[ord] = lines.count
        }
        return DocumentLayout(rows: rows, firstRow: first, rowCount: count)
    }

    /// Greedy word wrap of `text` to `width` columns: scalar ranges of each line (spaces at a break
    /// are dropped; a word longer than the width is cut; "\n" is a hard break). At least one line.
    static func wrap(_ text: String, width: Int) -> [Range<Int>] {
        // Most passages are ASCII: every byte is then one scalar and one column (controls become
        // one-column placeholders, a tab a space), so the bytes are wrapped as they are.
        var text = text
        if let ascii = text.withUTF8({ buf in buf.allSatisfy { $0 < 0x80 } ? wrap(ascii: buf, width: width) : nil }) {
            return ascii
        }
        return wrap(scalars: text, width: width)
    }

    /// `wrap` for ASCII bytes (the same lines as `wrap(scalars:)`).
    static func wrap(ascii scalars: UnsafeBufferPointer<UInt8>, width: Int) -> [Range<Int>] {
        let w = max(1, width)
        var out: [Range<Int>] = []
        var lineStart = 0, col = 0
        var lastBreak = -1
        var i = 0
        let n = scalars.count
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        while i < n {
            let s = scalars[i]
            if s == 0x0A {
                out.append(lineStart..<i)
                i += 1; lineStart = i; col = 0; lastBreak = -1
                continue
            }
            if col + 1 > w, i > lineStart {
                if isSpace(s) {
                    out.append(lineStart..<i)
                    while i < n, isSpace(scalars[i]) { i += 1 }
                } else if lastBreak > lineStart {
                    out.append(lineStart..<lastBreak)
                    i = lastBreak
                    while i < n, isSpace(scalars[i]) { i += 1 }
                } else {
                    out.append(lineStart..<i)
                }
                lineStart = i; col = 0; lastBreak = -1
                continue
            }
            if isSpace(s) { lastBreak = i }
            col += 1
            i += 1
        }
        if lineStart < n || out.isEmpty || (n > 0 && scalars[n - 1] == 0x0A) { out.append(lineStart..<n) }
        return out
    }

    /// `wrap` scalar by scalar, with each scalar's width.
    static func wrap(scalars text: String, width: Int) -> [Range<Int>] {
        let w = max(1, width)
        let scalars = Array(text.unicodeScalars)
        var out: [Range<Int>] = []
        var lineStart = 0, col = 0
        var lastBreak = -1         // index of the last space on this line
        var i = 0
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" }
        while i < scalars.count {
            let s = scalars[i]
            if s == "\n" {
                out.append(lineStart..<i)
                i += 1; lineStart = i; col = 0; lastBreak = -1
                continue
            }
            let cw = DisplayWidth.of(Cell.sanitize(s))
            if col + cw > w, i > lineStart {
                if isSpace(s) {
                    out.append(lineStart..<i)
                    while i < scalars.count, isSpace(scalars[i]) { i += 1 }
                } else if lastBreak > lineStart {
                    out.append(lineStart..<lastBreak)
                    i = lastBreak
                    while i < scalars.count, isSpace(scalars[i]) { i += 1 }
                } else {
                    out.append(lineStart..<i)
                }
                lineStart = i; col = 0; lastBreak = -1
                continue
            }
            if isSpace(s) { lastBreak = i }
            col += cw
            i += 1
        }
        if lineStart < scalars.count || out.isEmpty || scalars.last == "\n" { out.append(lineStart..<scalars.count) }
        return out
    }
}
