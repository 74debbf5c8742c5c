import AugustCore
import AugustSearch
import ArgumentParser
import Foundation

let augustVersion = "0.1.0"

/// `--corpus DIR`, shared by every subcommand.
struct CorpusOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Folder of .txt files (default: $AUGUST_CORPUS, else ./seeds, else the installed seeds).",
        valueName: "dir"))
    var corpus: String?

    /// The folder to read, by the rule in the help text.
    func resolvedPath() -> String {
        if let corpus { return corpus }
        let env = ProcessInfo.processInfo.environment
        if let fromEnv = env["AUGUST_CORPUS"], !fromEnv.isEmpty { return fromEnv }
        let local = FileManager.default.currentDirectoryPath + "/seeds"
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: local, isDirectory: &isDir), isDir.boolValue { return local }
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let installed = exe.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/august/seeds").path
        if FileManager.default.fileExists(atPath: installed) { return installed }
        return local
    }

    /// The corpus through the start pipeline (from the cache's snapshot when the folder is
    /// unchanged, else read from the files), its warnings printed to stderr; a fatal problem exits 2
    /// with one line.
    func load(progress bar: ProgressBar? = nil) throws -> Corpus {
        let session = try openSession(progress: bar)
        return try loading(bar) { try session.corpus() }
    }

    /// The corpus' analysis (events, mentions, movements, fronts) through the start pipeline: read
    /// back from the cache when this program analysed this corpus before, else computed and saved.
    /// Curated data that cannot be loaded: one line, before any work.
    func analysis(progress bar: ProgressBar? = nil) throws -> Analysis {
        _ = try loadLinker()
        let session = try openSession(progress: bar)
        return try loading(bar) { try session.analysis() }
    }

    /// Walk the corpus folder (no file read yet); a missing folder exits 2 with one line.
    func scan() throws -> CorpusScan {
        do {
            return try Corpus.scan(directory: URL(fileURLWithPath: resolvedPath()))
        } catch {
            throw Failure(error.description)
        }
    }

    /// The start pipeline over the corpus folder (see `CorpusSession`), the load warnings printed to
    /// stderr (read from the snapshot when warm). A cache folder that cannot be written is said
    /// once on stderr; everything then works from memory.
    func openSession(progress bar: ProgressBar? = nil) throws -> CorpusSession {
        let session = CorpusSession(scan: try scan(), cacheDirectory: SearchIndex.defaultCacheDirectory(),
                                    binaryVersion: augustVersion, progress: bar?.handler, onCacheProblem: { problem in
            bar?.finish()
            warn("august: cache not written: \(problem); working from memory")
        })
        let warnings = try loading(bar) { try session.warnings() }
        bar?.finish()  // the warnings start on a clean line
        for w in warnings { warn("warning: \(w)") }
        return session
    }
}

/// Runs `body`, which may read the corpus: a fatal problem (no usable file) becomes one line, the
/// warnings of the skipped files printed first.
func loading<T>(_ bar: ProgressBar? = nil, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CorpusError {
        bar?.finish()
        if case .empty(_, let warnings) = error {
            for w in warnings { warn("warning: \(w)") }
        }
        throw Failure(error.description)
    }
}

/// The search index of the session's corpus (opened from the cache, or built), or a one-line failure.
func openIndex(_ session: CorpusSession) throws -> SearchIndex {
    do {
        return try loading { try session.index() }
    } catch let f as Failure {
        throw f
    } catch {
        throw Failure("cannot build the search index: \(error)")
    }
}

/// A one-line error: printed as `august: message` on stderr, exit code 2.
struct Failure: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

func warn(_ line: String) {
    FileHandle.standardError.write(Data((Terminal.safe(line) + "\n").utf8))
}

/// Runs a command body, turning failures into one line on stderr and exit code 2.
func failing(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let f as Failure {
        warn("august: \(f.message)")
        throw ExitCode(2)
    }
}

enum Terminal {
    static let stdoutIsTTY = isatty(STDOUT_FILENO) == 1

    /// Text from a corpus, made safe to print: control characters become visible placeholders.
    static func safe(_ s: String) -> String { SafeText.printable(s) }
}

/// Writes JSON to stdout, keys sorted, no escaping of slashes.
/// A JSON array printed exactly as `printJSON` prints it, its elements encoded in parallel in
/// chunks (the encoder is most of a warm `events --json`): each chunk is encoded as an array and
/// its brackets dropped, so the bytes are the same as one array encoded whole.
func printJSONArray<T: Encodable & Sendable>(_ items: [T]) throws {
    let chunk = 2048
    let parts = (items.count + chunk - 1) / chunk
    guard parts > 1 else { return try printJSON(items) }
    let slots = EncodedSlots(parts)
    let lock = NSLock()
    DispatchQueue.concurrentPerform(iterations: parts) { k in
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let r = Result { try encoder.encode(Array(items[(k * chunk)..<min(items.count, (k + 1) * chunk)])) }
        lock.withLock { slots.data[k] = r }
    }
    var out = Data("[".utf8)
    for (k, slot) in slots.data.enumerated() {
        let d = try slot!.get()
        if k > 0 { out.append(UInt8(ascii: ",")) }
        out.append(d.dropFirst().dropLast())
    }
    out.append(contentsOf: Array("]\n".utf8))
    FileHandle.standardOutput.write(out)
}

/// The same for values that write their own JSON (`JSONWritable`): the same bytes, several times faster.
func printJSONArray<T: JSONWritable & Sendable>(written items: [T]) {
    FileHandle.standardOutput.write(Data(jsonArrayBytes(items)))
}

/// Rows that write their own JSON; with AUGUST_JSON=foundation, through the generic encoder
/// instead (what the tests compare the writer's bytes with).
func printRows<T: JSONWritable & Encodable & Sendable>(_ rows: [T]) throws {
    if ProcessInfo.processInfo.environment["AUGUST_JSON"] == "foundation" { try printJSON(rows) } else { printJSONArray(written: rows) }
}

/// `items` as one JSON array and a line end, written in parallel parts.
func jsonArrayBytes<T: JSONWritable & Sendable>(_ items: [T]) -> [UInt8] {
    let chunk = 2048
    let parts = max(1, (items.count + chunk - 1) / chunk)
    let box = SlotBox<UInt8>(count: parts)
    DispatchQueue.concurrentPerform(iterations: parts) { k in
        var w = JSONWriter(capacity: 1 << 20)
        for (i, item) in items[(k * chunk)..<min(items.count, (k + 1) * chunk)].enumerated() {
            if i > 0 || k > 0 { w.raw(",") }
            item.writeJSON(&w)
        }
        box.set(k, w.bytes)
    }
    var out: [UInt8] = [UInt8(ascii: "[")]
    out.reserveCapacity(box.values.reduce(3) { $0 + $1.count })
    for part in box.values { out.append(contentsOf: part) }
    out.append(contentsOf: Array("]\n".utf8))
    return out
}

/// The chunks of `printJSONArray`, filled from several threads (each its own slot, under a lock).
final class EncodedSlots: @unchecked Sendable {
    var data: [Result<Data, Error>?]
    init(_ n: Int) { data = Array(repeating: nil, count: n) }
}

func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}
