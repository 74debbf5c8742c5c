import Foundation
import Testing

/// The explorer binary against hostile text, bad queries, odd terminals, resizes and signals:
/// headless (`--keys … --print-screen/--print-frames`) and in tmux (a private server per test).
/// Skipped, with the reason printed, only where tmux is missing.

/// The hostile corpus without the 20 MB line, plus dated sentences full of escapes (so they reach
/// the timeline and the source pane).
private let explorerHostile: String = {
    let h = try! HostileCorpus.build(in: makeTemporaryDirectory("august-e2e-xhostile"), huge: false)
    try! Data(HostileCorpus.eventText.utf8).write(to: h.root.appendingPathComponent("events-hostile.txt"))
    return h.root.path
}()

/// About 1 MB of varied prose in four files: building its index and analysis takes a few seconds
/// in a debug build, long enough to send a signal before the first frame.
private let slowCorpus: String = {
    let dir = makeTemporaryDirectory("august-e2e-slow")
    let words = "soviet army crossed border rains slowed tanks mountains bridges rivers blown harbin mukden kwantung front supply column dawn night general orders retreat advance railway station village".split(separator: " ")
    var rng: UInt64 = 12345
    for f in 0..<4 {
        var text = ""
        while text.utf8.count < 250_000 {
            var line: [Substring] = []
            for _ in 0..<20 {
                rng = rng &* 6364136223846793005 &+ 1442695040888963407
                line.append(words[Int((rng >> 33) % UInt64(words.count))])
            }
            text += line.joined(separator: " ") + ".\n\n"
        }
        try! Data(text.utf8).write(to: dir.appendingPathComponent("slow\(f).txt"))
    }
    return dir.path
}()

private func alive(_ pid: Int32) -> Bool { kill(pid, 0) == 0 }

/// Waits until the process is gone (a few seconds at most).
private func gone(_ pid: Int32, within seconds: Double = 6) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        if !alive(pid) { return true }
        usleep(20_000)
    }
    return false
}

extension TmuxSession {
    var paneTitle: String { tmux("display", "-p", "-t", "t", "#{pane_title}") }
    var buffers: String { tmux("list-buffers") }
    /// The shell answers (a command typed after the explorer left runs and prints).
    func shellWorks() -> Bool {
        let n = Int.random(in: 100...999)
        type("echo ok-$((\(n)+1))")
        send("Enter")
        return waitFor { $0.contains("ok-\(n + 1)") } != nil
    }
    /// Runs a shell command line and waits for its `exit=N` line; the pane with wrapped lines joined.
    func shell(_ line: String, timeout: Double = 10) -> String? {
        type("\(line); echo exit=$?")
        send("Enter")
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            let screen = tmux("capture-pane", "-p", "-J", "-t", "t")
            if screen.range(of: #"exit=\d+"#, options: .regularExpression) != nil { return screen }
            usleep(50_000)
        }
        return nil
    }
    func clearScreen() {
        type("clear")
        send("Enter")
        _ = waitFor { !$0.contains("exit=") }
    }
}

// In the explorer suite (serialized): two tmux suites at once made the existing click test flaky under load.
extension ExplorerEndToEndTests {

    // MARK: 1. no control byte reaches the terminal

    static let headlessScripts = [
        "", "jjj", "<Enter>]]][", "G<Enter>]", "/harbin<Enter>nnN", "/clipboard<Enter>", "/pwned<Enter>", "/哈尔滨<Enter>",
        "sharbin<Enter><Down><Down><Enter>", "?<PgDn>", "<Tab>j<Enter>", "<Tab><Tab>G<PgUp>", "<Enter><Enter>",
    ]

    @Test("headless screens and frames over the hostile corpus hold no control byte but newline")
    func headlessHostile() throws {
        // Every script one after the other (Esc and 1 between them), every frame printed: one run
        // of the binary per size (each run loads and indexes the corpus).
        let all = Self.headlessScripts.joined(separator: "<Esc><Esc><Esc>1")
        var frames = 0
        var sawEscapes = false
        for size in ["80x24", "45x12", "200x50"] {
            let r = try runAugust(["--corpus", explorerHostile, "--keys", all, "--size", size, "--print-frames"])
            #expect(r.status == 0, "\(size): \(r.stderr.suffix(200))")
            #expect(containsTerminalControl(r.stdout) == nil, "\(size) --print-frames")
            if r.stdout.contains("␛[2J") && r.stdout.contains("␛]52;") { sawEscapes = true }
            frames += r.stdout.components(separatedBy: "--- frame ").count - 1
        }
        for keys in Self.headlessScripts.suffix(4) {
            let r = try runAugust(["--corpus", explorerHostile, "--keys", keys, "--size", "100x30", "--print-screen"])
            #expect(r.status == 0)
            #expect(containsTerminalControl(r.stdout) == nil, "\(keys) --print-screen")
        }
        #expect(sawEscapes, "the hostile text was on screen, as placeholders")
        #expect(frames > 3 * 100)
    }

    @Test(.enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func hostileTextNeverChangesTitleScreenOrClipboard() throws {
        let t = TmuxSession(tmux: tmuxPath!, corpus: explorerHostile)
        // OSC 52 from the pane would land in a tmux paste buffer with set-clipboard on.
        _ = t.tmux("set-option", "-s", "set-clipboard", "on")
        _ = t.tmux("delete-buffer")
        let title = t.paneTitle
        let before = t.stty(), flagsBefore = t.flags()
        #expect(t.buffers.isEmpty)
        _ = try #require(t.startExplorer())
        var sawHostile = false
        let steps: [[String]] = [
            ["j"], ["j"], ["Enter"], ["]"], ["]"], ["["], ["/", "-lharbin", "Enter"], ["n"], ["n"], ["/", "-lclipboard", "Enter"],
            ["/", "-lpwned", "Enter"], ["/", "-lcleared", "Enter"], ["s"], ["Down"], ["Enter"], ["?"], ["Escape"], ["Tab"], ["Tab"], ["G"],
            ["PageUp"], ["Escape"], ["g"], ["Enter"], ["]"],
        ]
        for step in steps {
            for k in step {
                if k.hasPrefix("-l") { t.type(String(k.dropFirst(2))) } else { t.send(k) }
            }
            usleep(30_000)
            // The frame is intact: top border on the first row, the status line on the last.
            let screen = t.waitFor(timeout: 4) { s in
                let rows = s.components(separatedBy: "\n")
                return rows.first?.hasPrefix("┌") == true && rows.count >= 30 && !rows[29].trimmingCharacters(in: .whitespaces).isEmpty
            }
            #expect(screen != nil, "after \(step): the screen was cleared or garbled")
            if let s = screen, s.contains("␛[2J") || s.contains("␛]52;") || s.contains("␛]0;pwned") { sawHostile = true }
            #expect(t.paneTitle == title, "after \(step): the pane title changed")
            #expect(t.buffers.isEmpty, "after \(step): OSC 52 reached the clipboard")
        }
        #expect(sawHostile, "the hostile lines were on screen")
        t.send("q")
        #expect(t.waitFor { !$0.contains("Timeline") } != nil)
        #expect(t.flags() == flagsBefore)
        #expect(t.stty() == before)
        // The negative control: the same bytes printed raw do change the title and the clipboard.
        t.type("printf '\\033]0;pwned\\007\\033]52;c;eA==\\007'")
        t.send("Enter")
        usleep(300_000)
        #expect(t.paneTitle.contains("pwned"))
        #expect(!t.buffers.isEmpty)
    }

    // MARK: 2. queries

    @Test("bad queries in the explorer: a one-line message in the status line, and it keeps working",
          .enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func badQueriesThroughTmux() throws {
        let t = TmuxSession(tmux: tmuxPath!)
        let before = t.stty(), flagsBefore = t.flags()
        let pid = try #require(t.startExplorer())
        let queries = ["\"unbalanced", "OR", "harbin OR", "*", "-", "!!! ??? ...", "\u{9B}\u{85}", String(repeating: "a", count: 10_000)]
        for q in queries {
            t.send("/")
            t.type(q)
            // The prompt holds the query (its end) before Enter.
            #expect(t.waitFor { $0.components(separatedBy: "\n")[29].hasPrefix("/") } != nil)
            t.send("Enter")
            let screen = t.waitFor { $0.contains("bad query: ") }
            #expect(screen != nil, "\(q.prefix(20)): no message")
            if let rows = screen?.components(separatedBy: "\n") {
                #expect(rows.filter { $0.contains("bad query: ") }.count == 1)
                #expect(rows.firstIndex { $0.contains("bad query: ") } == 29, "on the status line")
            }
            #expect(alive(pid))
        }
        // NUL and other C0 controls typed into the prompt do nothing; a good query still works.
        t.send("/")
        t.send("C-Space")
        t.send("C-a")
        t.type("kwantung")
        t.send("Enter")
        #expect(t.waitFor { $0.contains("match 1/3") || $0.contains("/3") } != nil)
        t.send("q")
        #expect(gone(pid))
        #expect(t.flags() == flagsBefore)
        #expect(t.stty() == before)
    }

    @Test("headless: a 10,000-character query and control characters typed as keys")
    func headlessLongQuery() throws {
        let corpus = writeCorpus().appendingPathComponent("corpus").path
        let r = try runAugust(["--corpus", corpus, "--keys", "/" + String(repeating: "a", count: 10_000) + "<Enter>", "--print-screen"])
        #expect(r.status == 0)
        let last = r.stdout.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        #expect(last.contains("bad query: query too long"), "\(last)")
        let after = try runAugust(["--corpus", corpus, "--keys", "/\u{1}\u{2}\u{7F}\u{9B}x<Enter>/kwantung<Enter>", "--print-screen"])
        #expect(after.status == 0)
        #expect(after.stdout.contains("match 1/3"))
        #expect(containsTerminalControl(after.stdout) == nil)
    }

    // MARK: 3. terminal

    @Test("200 headless resizes: every frame has the size it says, the explorer keeps working")
    func headlessResizeStorm() throws {
        var rng: UInt64 = 99
        var keys = ""
        var sizes: [(Int, Int)] = []
        for _ in 0..<200 {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            let w = Int((rng >> 33) % 300) + 1, h = Int((rng >> 17) % 120) + 1
            sizes.append((w, h))
            keys += "<Resize:\(w)x\(h)>"
        }
        keys += "<Resize:100x30>/kwantung<Enter>"
        let corpus = writeCorpus().appendingPathComponent("corpus").path
        let r = try runAugust(["--corpus", corpus, "--keys", keys, "--print-frames"])
        #expect(r.status == 0)
        let frames = r.stdout.components(separatedBy: "--- frame ").dropFirst()
        #expect(frames.count == 1 + 200 + 1 + 10)
        for (i, (w, h)) in sizes.enumerated() {
            let frame = frames[frames.startIndex + 1 + i]
            let lines = frame.components(separatedBy: "\n")
            #expect(lines[0].contains(" \(w)x\(h) "))
            // The corpus is ASCII and the frame single-width: characters are columns (trailing spaces trimmed).
            #expect(lines[1...].prefix(h).allSatisfy { $0.count <= w }, "\(w)x\(h)")
            #expect(lines.count >= h + 1)
        }
        #expect(frames.last?.contains("match 1/3") == true)
    }

    @Test("200 resizes of the tmux window with the real binary, then q: the terminal is restored",
          .enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func resizeStormThroughTmux() throws {
        let t = TmuxSession(tmux: tmuxPath!)
        let before = t.stty(), flagsBefore = t.flags()
        let pid = try #require(t.startExplorer())
        var rng: UInt64 = 7
        var args: [String] = ["-L", t.socket]
        for i in 0..<200 {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            let w = i % 25 == 0 ? 1 : Int((rng >> 33) % 250) + 1, h = i % 30 == 0 ? 1 : Int((rng >> 17) % 80) + 1
            if i > 0 { args.append(";") }
            args += ["resize-window", "-t", "t", "-x", "\(w)", "-y", "\(h)"]
        }
        run(tmuxPath!, args)
        t.resize(100, 30)
        #expect(t.waitFor { $0.contains("Timeline") && $0.contains("Fronts") && $0.hasPrefix("┌") } != nil)
        #expect(alive(pid), "survived 200 resizes")
        t.send("/")
        t.type("kwantung")
        t.send("Enter")
        #expect(t.waitFor { $0.contains("/3") } != nil, "still working")
        t.send("q")
        #expect(gone(pid))
        #expect(t.flags() == flagsBefore)
        #expect(t.stty() == before)
    }

    @Test("TERM unset, dumb, unknown: one clear line and exit 2; vt100 works; the terminal is untouched",
          .enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func oddTerminals() throws {
        let t = TmuxSession(tmux: tmuxPath!)
        let before = t.stty(), flagsBefore = t.flags()
        for (env, name) in [("env -u TERM", "not set"), ("env TERM=dumb", "dumb"), ("env TERM=no-such-terminal-xyz", "no-such-terminal-xyz")] {
            t.clearScreen()
            let screen = try #require(t.shell("\(env) \(augustBinary) --corpus \(t.corpus)"))
            #expect(screen.contains("exit=2"), "\(env)")
            let lines = screen.components(separatedBy: "\n").filter { $0.hasPrefix("august: ") }
            #expect(lines.count == 1 && lines[0].contains(name) && lines[0].contains("august search"), "\(lines)")
            #expect(t.flags() == flagsBefore)
        }
        // vt100 (no alternate screen, no colours): the explorer runs and q gives the shell back.
        t.clearScreen()
        t.type("TERM=vt100 \(augustBinary) --corpus \(t.corpus); echo exit=$?")
        t.send("Enter")
        let running = t.waitFor { $0.contains("Timeline") || $0.range(of: #"exit=\d"#, options: .regularExpression) != nil }
        #expect(running?.contains("Timeline") == true, "vt100 works")
        t.send("q")
        #expect(t.waitFor { $0.contains("exit=0") } != nil)
        #expect(t.flags() == flagsBefore)
        #expect(t.stty() == before)
        #expect(t.shellWorks())
    }

    @Test("stdin or stdout not a terminal: one line pointing to the subcommands, exit 2",
          .enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func noTTY() throws {
        let t = TmuxSession(tmux: tmuxPath!)
        let flagsBefore = t.flags()
        let a = try #require(t.shell("\(augustBinary) --corpus \(t.corpus) < /dev/null"))
        #expect(a.contains("exit=2"))
        #expect(a.components(separatedBy: "\n").filter { $0.contains("stdin is not a terminal") && $0.contains("august search") }.count == 1)
        t.clearScreen()
        let b = try #require(t.shell("\(augustBinary) --corpus \(t.corpus) | cat; (exit ${PIPESTATUS[0]})"))
        #expect(b.contains("exit=2"))
        #expect(b.components(separatedBy: "\n").filter { $0.contains("stdout is not a terminal") && $0.contains("august search") }.count == 1)
        #expect(t.flags() == flagsBefore)
    }

    // MARK: signals

    @Test("SIGINT, SIGTERM, SIGHUP while a search is typed: it exits at once and the terminal is as before",
          .enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func signalsWhileRunning() throws {
        let t = TmuxSession(tmux: tmuxPath!)
        let before = t.stty(), flagsBefore = t.flags()
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            t.clearScreen()
            let pid = try #require(t.startExplorer())
            t.send("/")
            t.type("kwant")
            #expect(t.waitFor { $0.contains("matches in") } != nil)
            kill(pid, sig)
            #expect(gone(pid), "signal \(sig)")
            #expect(t.waitFor { !$0.contains("Timeline") } != nil)
            #expect(t.flags() == flagsBefore, "signal \(sig)")
            #expect(t.stty() == before, "signal \(sig)")
        }
        #expect(t.shellWorks())
    }

    @Test("SIGTSTP from outside, then fg (SIGCONT): stopped with the terminal given back, then raw mode and the screen again",
          .enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func stopAndContinueBySignal() throws {
        let t = TmuxSession(tmux: tmuxPath!)
        let before = t.stty(), flagsBefore = t.flags()
        let pid = try #require(t.startExplorer())
        t.send("/")
        t.type("kwant")
        #expect(t.waitFor { $0.contains("matches in") } != nil)
        kill(pid, SIGTSTP)
        #expect(t.waitFor { $0.contains("Stopped") } != nil)
        #expect(t.flags() == flagsBefore, "stopped: the shell has its screen")
        #expect(t.stty() == before, "stopped: the shell has its modes")
        t.clearScreen()
        t.type("fg")
        t.send("Enter")
        #expect(t.waitFor { $0.contains("Timeline") && $0.contains("matches in") } != nil, "redrawn with the search still typed")
        #expect(t.flags().hasPrefix("1 1"), "alternate screen again, the cursor in the search prompt")
        // Raw mode again: Esc and q act at once, without Enter.
        t.send("Escape")
        let hidden = Date().addingTimeInterval(4)
        while Date() < hidden, !t.flags().hasPrefix("1 0") { usleep(50_000) }
        #expect(t.flags().hasPrefix("1 0"), "prompt closed: the cursor is hidden again")
        t.send("q")
        #expect(gone(pid), "q without Enter quits: the terminal is in raw mode again")
        #expect(t.flags() == flagsBefore)
        #expect(t.stty() == before)
    }

    @Test("SIGINT, SIGTERM, SIGHUP during the index build: exits at once, the terminal untouched",
          .enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func signalsDuringIndexBuild() throws {
        let t = TmuxSession(tmux: tmuxPath!, corpus: slowCorpus)
        let before = t.stty(), flagsBefore = t.flags()
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            t.clearScreen()
            let pid = try #require(t.startExplorer(wait: false))
            usleep(150_000)
            #expect(!t.capture().contains("Timeline"), "the signal comes before the first frame")
            kill(pid, sig)
            #expect(gone(pid, within: 3), "signal \(sig) during the build")
            #expect(t.flags() == flagsBefore)
            #expect(t.stty() == before)
        }
        // SIGTSTP during the build: stopped; fg finishes the build and opens the explorer.
        t.clearScreen()
        let pid = try #require(t.startExplorer(wait: false))
        usleep(150_000)
        #expect(!t.capture().contains("Timeline"))
        kill(pid, SIGTSTP)
        #expect(t.waitFor { $0.contains("Stopped") } != nil)
        #expect(t.flags() == flagsBefore)
        t.type("fg")
        t.send("Enter")
        #expect(t.waitFor(timeout: 60) { $0.contains("Timeline") } != nil, "the build went on after fg")
        t.send("q")
        #expect(gone(pid))
        #expect(t.flags() == flagsBefore)
        #expect(t.stty() == before)
        #expect(t.shellWorks())
    }
}
