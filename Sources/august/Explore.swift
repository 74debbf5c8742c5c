import AugustCore
import ArgumentParser
import Foundation

struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the explorer (the default when no subcommand is given).")

    @OptionGroup var corpusOptions: CorpusOptions

    func run() throws {
        try failing {
            let corpus = try corpusOptions.load()
            print("august: the explorer is not built yet; \(corpus.passages.count) passages loaded. Try `august search`, `august passages`.")
        }
    }
}
