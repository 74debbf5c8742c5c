import Foundation

/// A corpus snapshot damaged anywhere past its checksums → the decoder: an error or a corpus,
/// never a trap. The input is split at its first NUL: before it, a text (parsed into a corpus of
/// two documents, whose snapshot body is made); after it, pairs of bytes that each change one byte
/// of that body (position from the pair, value from the next byte). The body is then written as a
/// block file (its checksums made to match: the decoder's own checks are what is tested) and read
/// back whole, one passage at a time, and its warnings.
func fuzzSnapshot(_ bytes: UnsafeBufferPointer<UInt8>) {
    let split = bytes.firstIndex(of: 0) ?? bytes.count
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<split]), as: UTF8.self)
    let corpus = Corpus(texts: [(id: "a.txt", text: text.isEmpty ? "x" : text), (id: "b/c.txt", text: "Harbin.\n\n" + text)])
    guard !corpus.passages.isEmpty else { return }
    var body = CorpusSnapshot.bytes(corpus)
    var i = split + 1
    while i + 2 < bytes.count {
        let at = (Int(bytes[i]) << 8 | Int(bytes[i + 1])) % body.count
        body[at] = bytes[i + 2]
        i += 3
    }
    let path = NSTemporaryDirectory() + "/august-fuzz-snapshot-\(getpid()).bin"
    defer { unlink(path) }
    guard BlockFile.write(body, key: "fuzz", formatVersion: CorpusSnapshot.formatVersion, to: path) == nil,
          let file = BlockFileReader(path: path, key: "fuzz", formatVersion: CorpusSnapshot.formatVersion),
          let snap = CorpusSnapshot(file: file) else { return }
    if let read = try? snap.corpus(root: URL(fileURLWithPath: "/")) {
        require(read.passages.count == snap.passageCount, "passage count \(read.passages.count) vs \(snap.passageCount)")
        for p in read.passages {
            let doc = read.document(id: p.documentID)
            require(doc != nil && p.articleIndex < doc!.articles.count, "passage \(p.id) without its article")
        }
    }
    _ = try? snap.warnings()
    for o in [0, snap.passageCount / 2, snap.passageCount - 1, snap.passageCount] {
        _ = try? snap.passage(at: o)
    }
    if split == bytes.count {
        // Undamaged: read back exactly.
        let read = try? snap.corpus(root: URL(fileURLWithPath: "/"))
        require(read?.passages == corpus.passages, "an undamaged snapshot reads back otherwise")
    }
}
