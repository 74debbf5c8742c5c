import AugustCore
import AugustTerminal
import AugustUI
import ArgumentParser
import Foundation

struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the explorer (the default when no subcommand is given).",
        discussion: """
            Keys: ? shows them all. Headless: --keys '<Tab>j<Enter>' --size 100x30 --print-screen \
            runs a key script (vim notation: <Enter> <Esc> <Tab> <S-Tab> <BS> <Up> <Down> <Left> \
            <Right> <PgUp> <PgDn> <Home> <End> <C-x> <Space> <lt> <Resize:WxH>) without a terminal.
            """)

    @OptionGroup var corpusOptions: CorpusOptions
    @Option(help: ArgumentHelp("Run a key script without a terminal (vim notation).", valueName: "keys"))
    var keys: String?
    @Option(help: ArgumentHelp("Screen size for --keys (default 100x30).", valueName: "WxH"))
    var size: String?
    @Flag(help: "With --keys: print the final screen as plain text.") var printScreen = false
    @Flag(help: "With --keys: print every frame with the time its key took (update, render) in microseconds.") var printFrames = false
    @Flag(help: "Leave the mouse to the terminal (selecting and copying text), no clicks or wheel.") var noMouse = false

    func validate() throws {
        if let size, KeyNotation.parseSize(size) == nil { throw ValidationError("--size must be WxH, e.g. 100x30") }
        if keys == nil, printScreen || printFrames || size != nil {
            throw ValidationError("--print-screen, --print-frames and --size go with --keys")
        }
    }

    func run() throws {
        try failing {
            if let keys {
                let inputs: [Input]
                do { inputs = try KeyNotation.parse(keys) } catch let e as KeyNotationError { throw Failure("--keys: \(e.message)") }
                let (w, h) = size.flatMap(KeyNotation.parseSize) ?? (100, 30)
                let explorer = Explorer(data: keptToExit(try loadData(progress: nil)))
                headless(explorer, inputs, w, h)
                return
            }
            if let problem = TerminalBackend.unusableReason() {
                throw Failure("\(problem): the explorer needs a terminal. Without one, use `august search`, `august passages` (see `august --help`), or `august --keys ... --print-screen`.")
            }
            // A large corpus takes a while to read, index and analyse: a progress bar on stderr
            // (when it is a terminal) until the explorer opens.
            let explorer = Explorer(data: keptToExit(try loadData(progress: ProgressBar())))
            do {
                try TerminalBackend.run(explorer, options: .init(mouse: !noMouse))
            } catch let e as TerminalError {
                throw Failure(e.message)
            }
        }
    }

    /// The explorer's data. A warm start — the folder's files have the stats recorded at the last
    /// full load (the stat manifest) and a snapshot for that corpus is in the cache — reads the
    /// snapshot: no file of the corpus is read, nothing parsed or analysed again. Anything else is a
    /// full load (read, index, analyse), which then records the manifest and writes the snapshot
    /// for the next start. An unwritable cache folder only means every start is a full one.
    func loadData(progress bar: ProgressBar?) throws -> ExplorerData {
        let cacheDirectory = SearchIndex.defaultCacheDirectory()
        let scan = try corpusOptions.scan()
        if let hit = StatManifest.fingerprint(for: scan, cacheDirectory: cacheDirectory) {
            let key = SnapshotKey.make(fingerprint: hit.fingerprint, binaryVersion: augustVersion)
            if let data = try ExplorerData.fromSnapshot(key: key, cacheDirectory: cacheDirectory, root: scan.root,
                                                        index: { try openIndex($0, progress: bar) }) {
                bar?.finish()
                for w in data.corpus.warnings { warn("warning: \(w)") }
                return data
            }
        }
        let corpus = try corpusOptions.load(scan, progress: bar)
        // The index and the analysis each need only the corpus: built side by side on two cores.
        // The bar follows the analysis, by far the longer of the two.
        final class Built: @unchecked Sendable { var index: Result<SearchIndex, Error>? }
        let built = Built()
        let group = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            built.index = Result { try openIndex(corpus, progress: nil) }
        }
        let analysis = Analysis.build(corpus: corpus, progress: bar?.handler)
        group.wait()
        guard let indexResult = built.index else { throw Failure("cannot build the search index") }
        let data = ExplorerData(analysis: analysis, index: try indexResult.get())
        bar?.finish()
        StatManifest.record(scan, corpus: corpus, cacheDirectory: cacheDirectory)
        data.writeSnapshot(key: SnapshotKey.make(fingerprint: corpus.fingerprint, binaryVersion: augustVersion),
                           cacheDirectory: cacheDirectory)
        return data
    }

    /// The explorer's data lives until the process exits and is never freed: taking apart a
    /// large corpus object by object (millions of strings) only delays the exit.
    func keptToExit(_ data: ExplorerData) -> ExplorerData {
        _ = Unmanaged.passRetained(data)
        return data
    }

    /// Runs the key script without a terminal. `--print-frames` prints every frame with the time
    /// its key took to reach it: the update, then the render, in microseconds.
    func headless(_ explorer: Explorer, _ inputs: [Input], _ w: Int, _ h: Int) {
        var out = ""
        var state = explorer.initialState(width: w, height: h)
        let clock = ContinuousClock()
        func micros(_ d: Duration) -> Int64 {
            d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000
        }
        func frame(_ label: String, update: Duration) {
            // --print-screen renders the last state only (a 10,000-key script is 10,000 updates, one render).
            guard printFrames else { return }
            var grid = Grid(width: 0, height: 0)
            let render = clock.measure { grid = explorer.render(state) }
            out += "--- frame \(label) \(state.width)x\(state.height) update \(micros(update)) µs render \(micros(render)) µs\n"
                + grid.text + "\n"
        }
        frame("0 start", update: .zero)
        for (n, input) in inputs.enumerated() {
            if state.quit { break }
            let update = clock.measure { state = explorer.update(state, input) }
            let label: String
            switch input {
            case .key(let k): label = k.description
            case .resize(let w, let h): label = "<Resize:\(w)x\(h)>"
            case .mouse(let b, let x, let y): label = "<\(b):\(x),\(y)>"
            case .notice(let text, _): label = "<notice \(text)>"
            }
            state.effects.removeAll()   // no terminal to copy to or to hand to a pager
            frame("\(n + 1) \(label)", update: update)
        }
        if !printFrames { out = explorer.render(state).text + "\n" }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
