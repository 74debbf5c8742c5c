import Foundation
import Testing

/// The real binary in tmux (a private server per test): keys in, capture-pane out, and the
/// terminal restored afterwards. Skipped, with the reason printed, only where tmux is missing.

// `augustBinary` and `repoRoot` come from BinarySupport.swift.

let tmuxPath: String? = {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let p = "\(dir)/tmux"
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
}()

let tmuxMissing = "tmux is not installed: end-to-end explorer tests skipped (sudo apt-get install -y tmux)"

/// Runs a program to completion, its output through temporary files. (posix_spawn + waitpid:
/// Foundation's Process can wait forever for a tmux client whose server stays behind.)
@discardableResult
func run(_ path: String, _ args: [String], detached: Bool = false) -> (status: Int32, out: String, err: String) {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("august-run-\(getpid())-\(UUID().uuidString.prefix(8))").path
    let outPath = detached ? "/dev/null" : base + ".out", errPath = detached ? "/dev/null" : base + ".err"
    defer { if !detached { unlink(outPath); unlink(errPath) } }
    var fa = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fa)
    defer { posix_spawn_file_actions_destroy(&fa) }
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&fa, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&fa, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv = ([path] + args).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    // Test threads block most signals (libdispatch does); the child must start with none blocked
    // and default handlers, like a program started from a shell.
    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    var none = sigset_t(), all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attr, &none)
    posix_spawnattr_setsigdefault(&attr, &all)
    posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    guard posix_spawn(&pid, path, &fa, &attr, argv, environ) == 0 else { return (-1, "", "cannot run \(path)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    if detached { return (code, "", "") }
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return (code, out, err)
}

/// A corpus written for these tests: one happening told in two files, with explicit dates.
func writeCorpus() -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("august-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
    let corpus = dir.appendingPathComponent("corpus")
    try! FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
    try! """
    The campaign in the east

    On August 9, 1945, the Soviet armies crossed the Manchurian border at dawn and the Kwantung Army fell back.

    The rains slowed the tanks in the mountains, and the bridges over the rivers had been blown.

    On August 19, 1945, the Kwantung Army laid down its arms at Harbin.
    """.write(to: corpus.appendingPathComponent("a_history.txt"), atomically: true, encoding: .utf8)
    try! """
    A second account

    Many later wrote about the war in the north; the archives opened only decades after.

    On August 9, 1945, the Soviet armies crossed the Manchurian border, says the second account, and the Kwantung Army could not hold.
    """.write(to: corpus.appendingPathComponent("b_account.txt"), atomically: true, encoding: .utf8)
    return dir
}

/// One private tmux server with one pane running an interactive shell.
final class TmuxSession {
    let socket = "august-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
    let tmux: String
    let dir: URL
    let corpus: String

    /// `corpus`: the folder to explore (default: the two-file corpus written for these tests).
    init(tmux: String, width: Int = 100, height: Int = 30, noColor: String = "", corpus customCorpus: String? = nil) {
        self.tmux = tmux
        dir = writeCorpus()
        corpus = customCorpus ?? dir.appendingPathComponent("corpus").path
        let cache = dir.appendingPathComponent("cache").path
        run(tmux, ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)",
                   "-e", "LANG=C.UTF-8", "-e", "LC_ALL=C.UTF-8", "-e", "XDG_CACHE_HOME=\(cache)",
                   "-e", "XDG_DATA_HOME=\(dir.appendingPathComponent("data").path)", "-e", "PS1=$ ",
                   "-e", "NO_COLOR=\(noColor)", "-e", "TERM=tmux-256color", "env -u TMUX bash --norc --noprofile"], detached: true)
        _ = waitFor { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    deinit {
        run(tmux, ["-L", socket, "kill-server"], detached: true)
        try? FileManager.default.removeItem(at: dir)
    }

    func tmux(_ args: String...) -> String { run(tmux, ["-L", socket] + args).out }
    func send(_ keys: String...) { run(tmux, ["-L", socket, "send-keys", "-t", "t"] + keys) }
    func type(_ text: String) { run(tmux, ["-L", socket, "send-keys", "-t", "t", "-l", text]) }
    func capture() -> String { tmux("capture-pane", "-p", "-t", "t") }
    /// A left click at a cell, as an xterm (X10-encoded) mouse report typed into the pane.
    func click(_ x: Int, _ y: Int) {
        for b in [0, 3] {   // press, release
            let bytes = [0x1B, 0x5B, 0x4D, 32 + b, 33 + x, 33 + y].map { Character(Unicode.Scalar(UInt8($0))) }
            type(String(bytes))
        }
    }

    /// The pane with its attributes and colours as escape sequences.
    func captureStyled() -> String { tmux("capture-pane", "-p", "-e", "-t", "t") }
    func flags() -> String { tmux("display", "-p", "-t", "t", "#{alternate_on} #{cursor_flag} #{keypad_flag}").trimmingCharacters(in: .whitespacesAndNewlines) }
    func resize(_ w: Int, _ h: Int) { _ = tmux("resize-window", "-t", "t", "-x", "\(w)", "-y", "\(h)") }

    /// Poll the pane until `ok` holds (or a few seconds pass); returns the last capture.
    @discardableResult
    func waitFor(timeout seconds: Double = 8, _ ok: (String) -> Bool) -> String? {
        let end = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < end {
            last = capture()
            if ok(last) { return last }
            usleep(50_000)
        }
        return nil
    }

    /// The shell's `stty -g`, read through a file.
    func stty() -> String {
        let file = dir.appendingPathComponent("stty-\(UUID().uuidString.prefix(6))").path
        type("stty -g > \(file); echo done-stty")
        send("Enter")
        let end = Date().addingTimeInterval(5)
        while Date() < end {
            if let s = try? String(contentsOfFile: file, encoding: .utf8), !s.isEmpty { return s }
            usleep(50_000)
        }
        return "(no stty)"
    }

    /// Start the explorer from the shell; its pid goes to a file (the shell execs it in a subshell).
    func startExplorer(_ extra: String = "", env: String = "", wait: Bool = true) -> Int32? {
        let pidFile = dir.appendingPathComponent("pid-\(UUID().uuidString.prefix(6))").path
        type("\(env.isEmpty ? "" : env + " ")sh -c 'echo $$ > \(pidFile); exec \(augustBinary) --corpus \"\(corpus)\" \(extra)'")
        send("Enter")
        if wait {
            guard waitFor({ $0.contains("Timeline") && $0.contains("event") }) != nil else { return nil }
        }
        let end = Date().addingTimeInterval(8)
        while Date() < end {
            if let pid = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
                return pid
            }
            usleep(20_000)
        }
        return nil
    }
}

@Suite(.serialized) struct ExplorerEndToEndTests {
    @Test(.enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func jumpSearchResizeAndQuitRestoresTheTerminal() throws {
        let t = TmuxSession(tmux: tmuxPath!)
        let before = t.stty()
        let flagsBefore = t.flags()
        #expect(try #require(t.startExplorer()) > 0)
        #expect(t.flags().hasPrefix("1 0"), "alternate screen on, cursor hidden while running")
        // Start on the first event of the campaign; Enter jumps to its first passage, ] to the next.
        t.send("Enter")
        let first = t.waitFor { $0.contains("mention 1/2") }
        #expect(first != nil, "Enter shows the first mention")
        #expect(first?.contains("a_history") == true)
        t.send("]")
        let second = t.waitFor { $0.contains("mention 2/2") }
        #expect(second?.contains("b_account") == true, "] goes to the other document")
        // Search: incremental, Enter keeps, n moves on.
        t.send("/")
        t.type("kwantung")
        #expect(t.waitFor { $0.contains("matches in") } != nil)
        t.send("Enter")
        #expect(t.waitFor { $0.contains("match ") && $0.contains("/3") } != nil)
        t.send("n")
        #expect(t.waitFor { $0.contains("/3") } != nil)
        // Resize: re-lays out, keeps going, recovers from too small.
        t.resize(80, 24)
        #expect(t.waitFor { screen in screen.split(separator: "\n").first.map { $0.count <= 80 && $0.hasPrefix("┌") } ?? false } != nil)
        t.resize(30, 8)
        #expect(t.waitFor { $0.contains("too small") } != nil)
        t.resize(100, 30)
        #expect(t.waitFor { $0.contains("Timeline") && $0.contains("Fronts") } != nil)
        // Quit: the shell gets its terminal back exactly as it was.
        t.send("q")
        #expect(t.waitFor { !$0.contains("Timeline") } != nil)
        #expect(t.flags() == flagsBefore)
        #expect(t.stty() == before)
    }

    @Test("the real binary in tmux: m shows the map of the seeds, > steps its day, a resize redraws it, q restores the terminal",
          .enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func mapInTheRealBinary() throws {
        let t = TmuxSession(tmux: tmuxPath!, corpus: repoRoot.appendingPathComponent("seeds").path)
        let before = t.stty()
        #expect(try #require(t.startExplorer()) > 0)
        t.send("m")
        let braille = { (screen: String) in screen.unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }.count }
        let map = t.waitFor { $0.contains("Map") && braille($0) > 200 }
        #expect(map != nil, "the map is drawn in braille")
        #expect(map?.contains("Harbin") == true || map?.contains("Vladivostok") == true)
        // The status line names the map's day; > moves it.
        let dayOf = { (screen: String) -> String? in
            guard let r = screen.range(of: "day 19") else { return nil }
            return String(screen[r.lowerBound...].prefix(14))
        }
        let day = try #require(map.flatMap(dayOf))
        t.send(">")
        #expect(t.waitFor { dayOf($0).map { $0 != day } ?? false } != nil, "the day steps from \(day)")
        t.resize(200, 50)
        #expect(t.waitFor { screen in screen.split(separator: "\n").first.map { $0.count > 150 } ?? false && braille(screen) > 600 } != nil,
                "redrawn larger")
        t.resize(100, 30)
        t.send("q")
        #expect(t.waitFor { !$0.contains("Timeline") } != nil)
        #expect(t.stty() == before)
    }

    @Test("the real binary in tmux: the fronts pane names every front with its cue and a legend; f narrows the objectives, Esc clears",
          .enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func frontsPaneInTheRealBinary() throws {
        let t = TmuxSession(tmux: tmuxPath!, corpus: repoRoot.appendingPathComponent("seeds").path)
        #expect(try #require(t.startExplorer()) > 0)
        t.send("2")
        let fronts = t.waitFor { $0.contains("Transbaikal Front") && $0.contains("cursor") }
        #expect(fronts != nil, "the fronts pane with its legend")
        for name in ["W Transbaikal Front", "2nd Far Eastern Front", "1st Far Eastern Front", "Sakhalin and the Kurils", "Korea"] {
            #expect(fronts?.contains(name) == true, "\(name) on screen")
        }
        t.send("f")
        t.type("mudanjiang")
        let narrowed = t.waitFor { $0.contains("filter: mudanjiang") && $0.contains("Mudanjiang") }
        #expect(narrowed != nil, "the prompt and the narrowed pane")
        #expect(narrowed?.contains("Transbaikal Front") == false, "fronts without a matching objective are gone")
        t.send("Enter")
        #expect(t.waitFor { $0.contains("filter mudanjiang") && !$0.contains("filter: ") } != nil, "Enter keeps the filter")
        t.send("Escape")
        #expect(t.waitFor { $0.contains("Transbaikal Front") && $0.contains("filter cleared") } != nil, "Esc clears it")
        t.send("q")
        #expect(t.waitFor { !$0.contains("Timeline") } != nil)
    }

    @Test(.enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func sigtermRestoresTheTerminal() throws {
        let t = TmuxSession(tmux: tmuxPath!)
        let before = t.stty()
        let flagsBefore = t.flags()
        let pid = try #require(t.startExplorer())
        #expect(t.flags().hasPrefix("1"))
        kill(pid, SIGTERM)
        #expect(t.waitFor { !$0.contains("Timeline") } != nil)
        usleep(100_000)
        #expect(t.flags() == flagsBefore)
        #expect(t.stty() == before)
    }

    @Test(.enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func crashSignalRestoresTheTerminal() throws {
        let t = TmuxSession(tmux: tmuxPath!)
        let before = t.stty()
        let flagsBefore = t.flags()
        let pid = try #require(t.startExplorer())
        kill(pid, SIGSEGV)
        #expect(t.waitFor { !$0.contains("Timeline") } != nil)
        usleep(100_000)
        #expect(t.flags() == flagsBefore)
        #expect(t.stty() == before)
    }

    @Test(.enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func ctrlZSuspendsAndFgRedraws() throws {
        let t = TmuxSession(tmux: tmuxPath!)
        _ = try #require(t.startExplorer())
        t.send("j")
        t.send("C-z")
        #expect(t.waitFor { $0.contains("Stopped") } != nil)
        #expect(t.flags().hasPrefix("0 1"))
        t.type("fg")
        t.send("Enter")
        #expect(t.waitFor { $0.contains("Timeline") && $0.contains("event 2/") } != nil)
        t.send("C-c")
        #expect(t.waitFor { !$0.contains("Timeline") } != nil)
    }

    @Test(.enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func clickingATimelineRowSelectsIt() throws {
        let t = TmuxSession(tmux: tmuxPath!)
        _ = try #require(t.startExplorer())
        let screen = t.capture().components(separatedBy: "\n")
        // The timeline row (the fronts pane beside it may show the same date on an objective).
        let row = try #require(screen.firstIndex { $0.hasPrefix("│ 08-19") })
        #expect(!screen[row].contains("▸"))
        t.click(10, row)
        #expect(t.waitFor { $0.components(separatedBy: "\n")[row].contains("▸08-19") } != nil)
    }

    @Test(.enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func eHandsTheTerminalToThePagerAtTheLineAndTakesItBack() throws {
        let t = TmuxSession(tmux: tmuxPath!)
        // A pager that records its arguments and whether its input is a terminal, then waits for a key.
        let record = t.dir.appendingPathComponent("pager-args").path
        let pager = t.dir.appendingPathComponent("pager.sh")
        try "#!/bin/sh\nprintf '%s\\n' \"$@\" > \(record).tmp\n[ -t 0 ] && echo tty >> \(record).tmp\nmv \(record).tmp \(record)\necho PAGER-RUNNING\nread x\n"
            .write(to: pager, atomically: true, encoding: .utf8)
        chmod(pager.path, 0o755)
        _ = try #require(t.startExplorer("", env: "PAGER=\(pager.path)"))
        t.send("Enter")   // the first event's first passage
        let shown = try #require(t.waitFor { $0.contains("mention 1/2") })
        t.send("e")
        #expect(t.waitFor { $0.contains("PAGER-RUNNING") } != nil, "the pager has the screen")
        let args = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(args.count == 3, "\(args)")
        #expect(args.first?.hasPrefix("+") == true && Int(args[0].dropFirst()) != nil)
        #expect(args.dropFirst().first?.hasSuffix("/a_history.txt") == true, "\(args)")
        #expect(args.last == "tty", "the pager reads the terminal")
        t.send("Enter")   // the pager exits
        #expect(t.waitFor { $0.contains("Timeline") && $0.contains("mention 1/2") } != nil, "the explorer is back")
        _ = shown
    }

    /// The negative control: SIGKILL cannot be caught, so the pane is left in the explorer's modes.
    /// (Shows that the checks above can fail.)
    @Test(.enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func sigkillLeavesTheTerminalAsTheChecksWouldSee() throws {
        let t = TmuxSession(tmux: tmuxPath!)
        let flagsBefore = t.flags()
        let pid = try #require(t.startExplorer())
        kill(pid, SIGKILL)
        usleep(300_000)
        #expect(t.flags() != flagsBefore)
    }

    @Test(.enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func colourUnlessNoColor() throws {
        func sgrColours(_ s: String) -> Bool {
            // SGR 30–38, 40–48, 90–107 set colours (39/49 only reset to the default); 1, 4, 7 are attributes.
            let pattern = try! NSRegularExpression(pattern: "\u{1B}\\[([0-9;]*)m")
            for m in pattern.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
                let params = (s as NSString).substring(with: m.range(at: 1)).split(separator: ";").compactMap { Int($0) }
                if params.contains(where: { (30...38).contains($0) || (40...48).contains($0) || (90...107).contains($0) }) { return true }
            }
            return false
        }
        let colour = TmuxSession(tmux: tmuxPath!)
        _ = try #require(colour.startExplorer())
        #expect(sgrColours(colour.captureStyled()))
        let mono = TmuxSession(tmux: tmuxPath!, noColor: "1")
        _ = try #require(mono.startExplorer())
        let styled = mono.captureStyled()
        #expect(!sgrColours(styled), "NO_COLOR: attributes only")
        #expect(styled.contains("\u{1B}[7m") || styled.contains(";7m") || styled.contains("[7;"), "the selection is still shown (reverse)")
    }

    @Test func withoutATerminalItSaysWhatToUseAndExits2() {
        let r = run(augustBinary, ["--corpus", writeCorpus().appendingPathComponent("corpus").path])
        #expect(r.status == 2)
        #expect(r.err.contains("august search"))
        #expect(r.err.split(separator: "\n").count == 1)
        #expect(r.out.isEmpty)
    }

    @Test func headlessModePrintsScreensAndFrames() {
        let corpus = writeCorpus().appendingPathComponent("corpus").path
        let r = run(augustBinary, ["--corpus", corpus, "--keys", "<Enter>]", "--size", "80x24", "--print-screen"])
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 24)
        #expect(r.out.contains("mention 2/2"))
        let f = run(augustBinary, ["--corpus", corpus, "--keys", "j<Resize:60x20>", "--print-frames"])
        #expect(f.status == 0)
        #expect(f.out.components(separatedBy: "--- frame ").count == 4)
        #expect(f.out.contains("µs"))
        let bad = run(augustBinary, ["--corpus", corpus, "--keys", "<Bogus>", "--print-screen"])
        #expect(bad.status == 2)
        #expect(bad.err.contains("unknown key"))
    }
}
