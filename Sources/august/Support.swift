import AugustCore
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

    /// Load the corpus, printing its warnings to stderr; a fatal problem exits 2 with one line.
    func load(progress bar: ProgressBar? = nil) throws -> Corpus {
        try load(scan(), progress: bar)
    }

    /// Walk the corpus folder (no file read yet); a missing folder exits 2 with one line.
    func scan() throws -> CorpusScan {
        do {
            return try Corpus.scan(directory: URL(fileURLWithPath: resolvedPath()))
        } catch {
            throw Failure(error.description)
        }
    }

    /// Read the files a scan found, printing the warnings to stderr; a fatal problem exits 2 with one line.
    func load(_ scan: CorpusScan, progress bar: ProgressBar? = nil) throws -> Corpus {
        do {
            let corpus = try Corpus.load(scan, progress: bar?.handler)
            bar?.finish()  // the warnings start on a clean line
            for w in corpus.warnings { warn("warning: \(w)") }
            return corpus
        } catch {
            bar?.finish()
            if case .empty(_, let warnings) = error {
                for w in warnings { warn("warning: \(w)") }
            }
            throw Failure(error.description)
        }
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
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}
