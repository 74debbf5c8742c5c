import AugustBenchKit
import AugustCore
import ArgumentParser
import Foundation

@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "august-bench",
        abstract: "Generate synthetic corpora and measure august's speed against the targets of issue 6.",
        subcommands: [Generate.self, Run.self, Measure.self],
        defaultSubcommand: Run.self
    )
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a deterministic corpus made by recombining the seed texts (same seed, same bytes).")

    @Option(help: "Total size: 10MB, 100MB, 500KB or a byte count (MB = 10^6 bytes).") var size: String = "10MB"
    @Option(help: "Random seed.") var seed: UInt64 = 1945
    @Option(name: .customLong("from"), help: "Folder of source texts (default: ./seeds).") var from: String = "seeds"
    @Argument(help: "Folder to write (created; must be empty or written by august-bench before).") var directory: String

    func run() throws {
        guard let bytes = CorpusGenerator.parseSize(size) else { throw ValidationError("bad --size \(size)") }
        let sources = try Corpus.load(directory: URL(fileURLWithPath: from))
        let t = now()
        let s = try CorpusGenerator(sources: sources).write(size: bytes, seed: seed, to: URL(fileURLWithPath: directory))
        print(String(format: "wrote %d files, %d bytes into %@ in %.1f s", s.files, s.bytes, directory, now() - t))
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure every size: corpus load, index build, search p50/p99 vs rg and grep, start-up, warm commands, peak RSS.")

    @Option(help: "Comma-separated sizes: seeds and generated sizes such as 1MB,10MB,100MB,1GB.")
    var sizes: String = "seeds,1MB,10MB,100MB"
    @Option(help: "Seed of the generated corpora.") var seed: UInt64 = 1945
    @Option(help: "Where generated corpora are kept (reused when seed and sources match) and scratch files go.")
    var work: String = ".build/bench"
    @Option(help: "The seed texts (the `seeds` size and the generator's sources).") var seeds: String = "seeds"
    @Option(help: "The august binary to time (default: next to this executable).") var august: String?
    @Option(help: "The word of the whole-process search, beside `rg -c -i WORD` and `grep -c -i -r WORD`.")
    var word: String = "mudanjiang"
    @Flag(help: "Print the figures as JSON instead of a table.") var json = false
    @Option(help: "Also write the figures as JSON to this file.") var save: String?

    func run() throws {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let augustPath = august ?? URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("august").path
        guard FileManager.default.isExecutableFile(atPath: augustPath) else {
            throw ValidationError("no august binary at \(augustPath) (build it, or pass --august)")
        }
        let rg = Child.which("rg"), grep = Child.which("grep")
        if rg == nil { FileHandle.standardError.write(Data("note: rg is not installed; its reference figures are left out (apt-get install ripgrep)\n".utf8)) }
        let options = BenchOptions(
            sizes: sizes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
            seed: seed, workDirectory: URL(fileURLWithPath: work).standardizedFileURL.path,
            seedsDirectory: URL(fileURLWithPath: seeds).standardizedFileURL.path,
            august: augustPath, benchExecutable: me, rg: rg, grep: grep, word: word)
        let report = try BenchRunner.run(options)
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        if let save { try enc.encode(report).write(to: URL(fileURLWithPath: save)) }
        if json {
            FileHandle.standardOutput.write(try enc.encode(report))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(BenchTable.render(report), terminator: "")
        }
    }
}

/// One corpus measured in this process (run by `run` as a child, so its peak RSS is its own).
struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure load, index build and search on one corpus in process; prints JSON.", shouldDisplay: false)

    @Option var corpus: String
    @Option var cache: String
    @Option var loadRuns: Int = 3
    @Option var rounds: Int = 5

    func run() throws {
        let figures = try InProcess.measure(corpusDirectory: URL(fileURLWithPath: corpus), cacheDirectory: cache,
                                            loadRuns: loadRuns, rounds: rounds)
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        FileHandle.standardOutput.write(try enc.encode(figures))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
