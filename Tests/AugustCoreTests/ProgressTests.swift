import Foundation
import Testing
@testable import AugustCore
@testable import AugustSearch

/// Collects what a progress callback receives (it may be called from any thread).
private final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [LoadProgress] = []
    var handler: ProgressHandler { { p in self.lock.lock(); self.items.append(p); self.lock.unlock() } }
    var all: [LoadProgress] { lock.lock(); defer { lock.unlock() }; return items }
}

/// One phase's reports: all of that phase, `done` never backwards, within `total`, ending complete.
private func expectWellFormed(_ reports: [LoadProgress], _ phase: LoadProgress.Phase,
                              sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!reports.isEmpty, "no \(phase) report", sourceLocation: sourceLocation)
    #expect(reports.allSatisfy { $0.phase == phase }, sourceLocation: sourceLocation)
    #expect(reports.first?.done == 0, sourceLocation: sourceLocation)
    let total = reports.first?.total ?? 0
    #expect(reports.allSatisfy { $0.total == total && $0.done >= 0 && $0.done <= total }, sourceLocation: sourceLocation)
    for (a, b) in zip(reports, reports.dropFirst()) {
        #expect(a.done <= b.done && a.bytes <= b.bytes, "went backwards: \(a) then \(b)", sourceLocation: sourceLocation)
    }
    #expect(reports.last?.done == total, "did not end complete", sourceLocation: sourceLocation)
}

@Suite("Progress of reading, indexing and analysing")
struct ProgressTests {
    @Test("reading reports every group of files, up to all of them and all their bytes; the corpus is the same")
    func reading() throws {
        let dir = temporaryDirectory("august-progress")
        defer { try? FileManager.default.removeItem(at: dir) }
        for i in 0..<75 {   // more than one group of parallel reads
            try "Document \(i).\n\nOn August 9, 1945 the army crossed the river near Harbin.\n"
                .write(to: dir.appendingPathComponent(String(format: "d%03d.txt", i)), atomically: true, encoding: .utf8)
        }
        let r = Recorder()
        let corpus = try Corpus.load(directory: dir, progress: r.handler)
        let reports = r.all
        expectWellFormed(reports, .reading)
        #expect(reports.last?.total == 75)
        #expect(reports.count >= 3)  // start, and each group of 32
        #expect(reports.last?.bytes == corpus.byteCount)
        #expect(try Corpus.load(directory: dir).fingerprint == corpus.fingerprint)
    }

    @Test("indexing reports while the index is built, nothing when a valid cache is opened")
    func indexing() throws {
        let cache = temporaryDirectory("august-progress-cache")
        defer { try? FileManager.default.removeItem(at: cache) }
        let r = Recorder()
        let index = try SearchIndex(corpus: seedCorpus, cacheDirectory: cache.path, progress: r.handler)
        #expect(index.built)
        expectWellFormed(r.all, .indexing)
        let again = Recorder()
        let reopened = try SearchIndex(corpus: seedCorpus, cacheDirectory: cache.path, progress: again.handler)
        #expect(!reopened.built)
        #expect(again.all.isEmpty)
    }

    @Test("analysing reports up to complete, and the analysis is the one made without a callback")
    func analysing() {
        let r = Recorder()
        let withProgress = Analysis.build(corpus: seedCorpus, progress: r.handler)
        expectWellFormed(r.all, .analysing)
        #expect(r.all.count >= 5)  // start, the passes, the end
        #expect(r.all.last?.bytes == seedCorpus.byteCount)
        let plain = Analysis.build(corpus: seedCorpus)
        #expect(withProgress.events.map(\.id) == plain.events.map(\.id))
        #expect(withProgress.mentions == plain.mentions)
    }

    @Test("the analysis' corpus mentions are the linker's, and its fronts report is the one built from scratch")
    func sharedMentions() throws {
        let analysis = Analysis.build(corpus: seedCorpus)
        let linker = try #require(analysis.linker)
        #expect(analysis.mentions == linker.mentions(in: seedCorpus))
        let fresh = FrontsReport.build(corpus: seedCorpus, linker: linker, spans: Analysis.datedSpans(analysis.events))
        let a = try #require(analysis.fronts)
        func flat(_ r: FrontsReport) -> [String] {
            r.theatres.flatMap { t in t.axes.flatMap { ax in ax.objectives.map { o in
                "\(o.place.id) \(o.dates.map { "\($0.dateStart)/\($0.dateEnd)@\($0.passageID):\($0.line)" }) \(o.passages)"
            } } }
        }
        #expect(flat(a) == flat(fresh))
        #expect(!flat(a).allSatisfy { $0.hasSuffix("[] []") })  // the seeds do name objectives
    }
}
