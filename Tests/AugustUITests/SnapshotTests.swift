import AugustCore
import AugustSearch
import Foundation
import Testing
@testable import AugustUI

private let seedsDirectory: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            return url.appendingPathComponent("seeds")
        }
    }
    fatalError("seeds/ not found above \(#filePath)")
}()

private func freshFolder(_ name: String) -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(getpid())-\(UUID().uuidString.prefix(8))")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

/// The seeds analysed from scratch, as a full start builds them.
private let seedsAnalysed: ExplorerData = {
    let corpus = try! Corpus.load(directory: seedsDirectory)
    return ExplorerData(analysis: Analysis.build(corpus: corpus), index: try! SearchIndex(corpus: corpus, cacheDirectory: nil))
}()

private let key = "snapshot-test|" + seedsAnalysed.corpus.fingerprint

private let corpusKey = CorpusSnapshot.key(fingerprint: seedsAnalysed.corpus.fingerprint, binaryVersion: "test")

/// The explorer read back as a warm start reads it: the corpus from the start pipeline's snapshot
/// (written here when missing), then the explorer's own snapshot.
private func readBack(_ cache: String) -> ExplorerData? {
    if CorpusSnapshot(key: corpusKey, cacheDirectory: cache) == nil,
       CorpusSnapshot.write(seedsAnalysed.corpus, key: corpusKey, cacheDirectory: cache) != nil { return nil }
    guard let corpus = try? CorpusSnapshot(key: corpusKey, cacheDirectory: cache)?.corpus(root: seedsDirectory.standardizedFileURL)
    else { return nil }
    return (try? ExplorerData.fromSnapshot(key: key, cacheDirectory: cache, corpus: corpus) {
        try SearchIndex(corpus: corpus, cacheDirectory: nil)
    }) ?? nil
}

/// Every frame of a key script, as text.
private func frames(_ data: ExplorerData, _ keys: String, width: Int, height: Int) throws -> [String] {
    let explorer = Explorer(data: data)
    return explorer.run(try KeyNotation.parse(keys), width: width, height: height).map { explorer.render($0).text }
}

@Suite("Explorer snapshot: same screens as a fresh analysis; a bad file is ignored")
struct SnapshotTests {
    static let scripts = [
        "jjj<Enter>]][",                    // timeline to the source, on to other tellings
        "<Tab>jjj<Enter>x<Tab><Tab>j",      // fronts: an objective's events, the filter cleared
        "/ussuri<Enter>nnN",                // a search widened by other names (the alias index)
        "/kwantung<Enter>s<Down><Enter>",   // the ranked list
        "3<PgDn><Enter><Down><Enter>",      // a passage's events
        "pG<BS>?",                          // every kind, the end, back, help
        "m>>>.+l<Enter>",                   // the map: days, a place, zoom, pan, its events
        "D<Down><Down><Down><Down><Enter>tjj<Tab>jt",  // parallel passages side by side (`t`)
    ]

    @Test("the explorer read from a snapshot shows exactly the screens of one built by a fresh analysis",
          arguments: scripts)
    func sameScreens(_ keys: String) throws {
        let cache = freshFolder("august-snap")
        defer { try? FileManager.default.removeItem(atPath: cache) }
        #expect(seedsAnalysed.writeSnapshot(key: key, cacheDirectory: cache))
        let warm = try #require(readBack(cache))
        #expect(warm.timeline.count == seedsAnalysed.timeline.count && warm.timeline.count > 50)
        for (w, h) in [(100, 30), (80, 24)] {
            #expect(try frames(warm, keys, width: w, height: h) == frames(seedsAnalysed, keys, width: w, height: h),
                    "\(keys) at \(w)x\(h)")
        }
    }

    @Test("the snapshot holds the corpus and the explorer's model as they were")
    func sameModel() throws {
        let cache = freshFolder("august-snap")
        defer { try? FileManager.default.removeItem(atPath: cache) }
        #expect(seedsAnalysed.writeSnapshot(key: key, cacheDirectory: cache))
        let warm = try #require(readBack(cache))
        #expect(warm.corpus.passages == seedsAnalysed.corpus.passages)
        #expect(warm.corpus.documents == seedsAnalysed.corpus.documents)
        #expect(warm.corpus.warnings == seedsAnalysed.corpus.warnings)
        #expect(warm.corpus.fingerprint == seedsAnalysed.corpus.fingerprint)
        #expect(warm.timeline == seedsAnalysed.timeline)
        // The conflict marks travel too (the seeds have an event whose tellings disagree).
        #expect(warm.timeline.contains { !$0.conflicts.isEmpty })
        #expect(warm.fronts == seedsAnalysed.fronts)
        #expect(warm.styling == seedsAnalysed.styling)
        #expect(warm.itemsByPassage == seedsAnalysed.itemsByPassage)
        #expect(warm.mentionOrdinals == seedsAnalysed.mentionOrdinals)
        #expect(warm.aliases != nil)
        #expect(warm.mapScene == seedsAnalysed.mapScene && !warm.mapScene.places.isEmpty && !warm.mapScene.axes.isEmpty)
        #expect(warm.parallels == seedsAnalysed.parallels && !warm.parallels.pairs.isEmpty)
        #expect(warm.placeNames == seedsAnalysed.placeNames && warm.placeNames["mudanjiang"] == "Mudanjiang")
        // The fronts pane's preview (each objective's first event) is read, not walked for.
        #expect(warm.firstEvents.isKnown)
        let first = warm.firstEvents.value(warm)
        #expect(first == seedsAnalysed.firstEvents.value(seedsAnalysed) && first.count > 5)
    }

    @Test("a corpus that dates nothing: the snapshot reads back with an empty timeline and an unstyled source")
    func nothingDated() throws {
        let cache = freshFolder("august-snap-empty")
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let corpus = Corpus(texts: [(id: "plain.txt", text: "Nothing happens here.\n\nNor here.")])
        let data = ExplorerData(analysis: Analysis.build(corpus: corpus), index: nil)
        #expect(data.timeline.isEmpty)
        let key = "snapshot-test-empty|" + corpus.fingerprint
        #expect(data.writeSnapshot(key: key, cacheDirectory: cache))
        let warm = try #require(try ExplorerData.fromSnapshot(key: key, cacheDirectory: cache, corpus: corpus) { nil })
        #expect(warm.timeline.isEmpty && warm.itemsByPassage.count == corpus.passages.count)
        #expect(warm.styling.spans(of: 0).isEmpty && warm.styling == data.styling)
    }

    @Test("a warm start leaves the disagreements and the styling in the file until asked for; a file cut since gives a message or no styling, not a trap")
    func notesReadWhenAsked() throws {
        let cache = freshFolder("august-snap")
        defer { try? FileManager.default.removeItem(atPath: cache) }
        #expect(seedsAnalysed.writeSnapshot(key: key, cacheDirectory: cache))
        let warm = try #require(readBack(cache))
        let marked = warm.timeline.indices.filter { warm.timeline[$0].hasConflicts }
        #expect(marked == seedsAnalysed.timeline.indices.filter { !seedsAnalysed.timeline[$0].conflicts.isEmpty })
        let first = try #require(marked.first)
        #expect(warm.timeline[first].conflicts == seedsAnalysed.timeline[first].conflicts)
        // The styling of a passage is read when it is shown.
        let styled = seedsAnalysed.styling.spans.filter { !$0.value.isEmpty }.keys.sorted()
        let (shown, notShown) = (try #require(styled.first), try #require(styled.last))
        #expect(styled.count > 20 && warm.styling.spans(of: shown) == seedsAnalysed.styling.spans(of: shown))
        // Cut the file in place under the running reader: what was not read yet is gone.
        let path = ExplorerData.snapshotPath(key: key, cacheDirectory: cache)
        #expect(truncate(path, 64) == 0)
        let last = try #require(marked.last)
        #expect(warm.timeline[last].hasConflicts && warm.timeline[last].conflicts.isEmpty)
        #expect(warm.timeline[first].conflicts == seedsAnalysed.timeline[first].conflicts, "read once, kept")
        #expect(warm.styling.spans(of: notShown).isEmpty && !seedsAnalysed.styling.spans(of: notShown).isEmpty)
        #expect(warm.styling.spans(of: shown) == seedsAnalysed.styling.spans(of: shown), "read once, kept")
        let explorer = Explorer(data: warm)
        var s = explorer.initialState(width: 100, height: 30)
        explorer.timeline.select(&s, item: last)
        try #require(s.timelineSelection == last)
        s = explorer.update(s, .key(.char("C")))
        #expect(s.overlay == nil && s.message?.contains("could not be read back") == true)
    }

    @Test("a damaged, truncated, foreign or odd snapshot is ignored (nil, no trap) and the next write replaces it",
          arguments: ["flip", "truncate", "half", "empty", "garbage", "foreign", "folder", "fifo"])
    func badFile(_ kind: String) throws {
        let cache = freshFolder("august-snap")
        defer { try? FileManager.default.removeItem(atPath: cache) }
        #expect(seedsAnalysed.writeSnapshot(key: key, cacheDirectory: cache))
        let path = ExplorerData.snapshotPath(key: key, cacheDirectory: cache)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        switch kind {
        case "flip": bytes[bytes.count * 2 / 3] ^= 0x20
        case "truncate": bytes.removeLast(1)
        case "half": bytes.removeLast(bytes.count / 2)
        case "empty": bytes = []
        case "garbage": bytes = Array(repeating: 0x41, count: 4096)
        case "foreign":
            // Another explorer's snapshot (the fixture corpus) under this one's name.
            let other = freshFolder("august-snap-other")
            defer { try? FileManager.default.removeItem(atPath: other) }
            #expect(fixtureData.writeSnapshot(key: "another key", cacheDirectory: other))
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: ExplorerData.snapshotPath(key: "another key", cacheDirectory: other))))
        default: break
        }
        try FileManager.default.removeItem(atPath: path)
        switch kind {
        case "folder": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case "fifo": #expect(mkfifo(path, 0o644) == 0)
        default: try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        #expect(readBack(cache) == nil, "\(kind)")
        if kind == "folder" || kind == "fifo" { try FileManager.default.removeItem(atPath: path) }
        #expect(seedsAnalysed.writeSnapshot(key: key, cacheDirectory: cache))
        #expect(readBack(cache) != nil, "\(kind): rebuilt")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test("a body cut anywhere or with a changed byte (checksums aside) is refused or read, never a trap")
    func decoderNeverTraps() throws {
        let body = seedsAnalysed.snapshotBytes()
        let corpus = seedsAnalysed.corpus
        var refused = 0, cuts = 0
        for cut in stride(from: 0, to: body.count, by: max(1, body.count / 150)) {
            cuts += 1
            let ok = (try? ExplorerSnapshot.decode(ByteBody(Array(body[0..<cut])), corpus: corpus)) != nil
            if !ok { refused += 1 }
        }
        #expect(refused == cuts, "every cut body is refused")
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<150 {
            var b = body
            let i = Int.random(in: 0..<b.count, using: &rng)
            b[i] ^= UInt8.random(in: 1...255, using: &rng)
            // Every item's notes read too (a changed byte in the notes section is met there).
            _ = (try? ExplorerSnapshot.decode(ByteBody(b), corpus: corpus))?.timeline.map(\.conflicts)
        }
    }

    @Test("a cache folder that cannot be written: no snapshot, no error, nothing read")
    func unwritable() throws {
        let file = freshFolder("august-snap") + "/plain-file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(!seedsAnalysed.writeSnapshot(key: key, cacheDirectory: file + "/cache"))
        #expect(readBack(file + "/cache") == nil)
    }
}

/// A search that adds other names says which, as the CLI does.
@Suite struct SearchAliasesShownTests {
    @Test func thePromptAndTheListNameTheOtherNamesAdded() {
        let explorer = Explorer(data: seedsAnalysed)
        let typing = explorer.render(explorer.run(try! KeyNotation.parse("/harbin"), width: 120, height: 30).last!).text
        let status = typing.split(separator: "\n").last.map(String.init) ?? ""
        #expect(status.contains("(also Haerbin"), "\(status)")
        let list = explorer.render(explorer.run(try! KeyNotation.parse("sharbin<Enter>"), width: 160, height: 40).last!).text
        #expect(list.contains("with other names: Haerbin"), "\(list)")
        // --exact has no place in the explorer; a word with no other name adds none.
        let plain = explorer.render(explorer.run(try! KeyNotation.parse("/surrender"), width: 120, height: 30).last!).text
        #expect(!(plain.split(separator: "\n").last.map(String.init) ?? "").contains("(also"))
    }
}
