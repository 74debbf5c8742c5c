import AugustCore
import AugustSearch
import AugustMap
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
    @Flag(help: "Draw the map with plain ASCII characters instead of braille (also when the locale is not UTF-8).") var ascii = false

    /// Braille lines on the map unless asked for ASCII or the locale cannot show them.
    var mapStyle: MapStyle { ascii ? .ascii : MapStyle.forLocale() }

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
                let data = keptToExit(try loadData(progress: nil))
                let explorer = Explorer(data: data, bookmarks: bookmarkSetup(data.corpus), mapStyle: mapStyle)
                headless(explorer, inputs, w, h)
                return
            }
            if let problem = TerminalBackend.unusableReason() {
                throw Failure("\(problem): the explorer needs a terminal. Without one, use `august search`, `august passages` (see `august --help`), or `august --keys ... --print-screen`.")
            }
            // A large corpus takes a while to read, index and analyse: a progress bar on stderr
            // (when it is a terminal) until the explorer opens.
            let data = keptToExit(try loadData(progress: ProgressBar()))
            let explorer = Explorer(data: data, bookmarks: bookmarkSetup(data.corpus), mapStyle: mapStyle)
            do {
                try TerminalBackend.run(explorer, options: .init(mouse: !noMouse))
            } catch let e as TerminalError {
                throw Failure(e.message)
            }
        }
    }

    /// The explorer's data through the start pipeline (`CorpusSession`, `ExplorerData.load`): a
    /// warm start — the folder's files have the stats recorded at the last full load and the
    /// snapshots are in the cache — reads the snapshots, no file of the corpus, nothing parsed or
    /// analysed again. Anything else is a full load (read, index, analyse), which writes the
    /// snapshots and the manifest for the next start.
    func loadData(progress bar: ProgressBar?) throws -> ExplorerData {
        let session = try corpusOptions.openSession(progress: bar)
        do {
            let data = try loading(bar) { try ExplorerData.load(from: session, binaryVersion: augustVersion) }
            bar?.finish()
            return data
        } catch let f as Failure {
            throw f
        } catch {
            bar?.finish()
            throw Failure("cannot build the search index: \(error)")
        }
    }

    /// The corpus's bookmarks file (under $XDG_DATA_HOME/august), read before the explorer opens.
    func bookmarkSetup(_ corpus: Corpus) -> BookmarkSetup {
        let store = BookmarkStore(corpusRoot: corpus.root)
        return BookmarkSetup(store: store, loaded: store.load())
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
            let update = clock.measure { state = explorer.handle(state, input) }
            let label: String
            switch input {
            case .key(let k): label = k.description
            case .resize(let w, let h): label = "<Resize:\(w)x\(h)>"
            case .mouse(let b, let x, let y): label = "<\(b):\(x),\(y)>"
            case .notice(let text, _): label = "<notice \(text)>"
            case .answer: label = "<answer>"
            }
            // No terminal to copy to or to hand to a pager; bookmarks are saved as in the explorer.
            for effect in state.effects {
                if let notice = BookmarkSaving.perform(effect) { state = explorer.handle(state, notice) }
            }
            state.effects.removeAll()
            frame("\(n + 1) \(label)", update: update)
        }
        if !printFrames { out = explorer.render(state).text + "\n" }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
