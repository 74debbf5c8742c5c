import Foundation
import AugustCore

/// The repository's seeds/ folder, the default corpus.
let seedsURL: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        let candidate = url.appendingPathComponent("seeds")
        if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("../Package.swift").standardized.path) {
            return candidate
        }
    }
    fatalError("seeds/ not found above \(#filePath)")
}()

/// The seeds, loaded once for all tests.
let seedCorpus: Corpus = try! Corpus.load(directory: seedsURL)

/// A fresh empty temporary folder.
func temporaryDirectory(_ name: String = "august-test") -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("\(name)-\(getpid())-\(UUID().uuidString.prefix(8))")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The curated data and a linker over it, loaded once (as in AugustCoreTests' place tests).
let linker: EntityLinker = {
    switch CuratedData.shared {
    case .success(let d): return EntityLinker(data: d)
    case .failure(let e): fatalError("curated data: \(e)")
    }
}()
