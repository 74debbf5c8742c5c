import Foundation
import AugustCore

// What the model's and the search's test targets share: the seeds, and temporary folders.

/// The repository's seeds/ folder, the default corpus.
public let seedsURL: URL = {
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
public let seedCorpus: Corpus = try! Corpus.load(directory: seedsURL)

/// A fresh empty temporary folder.
public func temporaryDirectory(_ name: String = "august-test") -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("\(name)-\(getpid())-\(UUID().uuidString.prefix(8))")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
