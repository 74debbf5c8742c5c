@preconcurrency import CNcursesw
@preconcurrency import Glibc
import AugustCore
import AugustUI
import Foundation

public struct TerminalError: Error {
    public let message: String
}

// MARK: signal-safe restore

/// What the signal handlers need, prepared before any signal can arrive: the terminal modes saved
/// before ncurses starts, and the bytes that leave the alternate screen and show the cursor.
/// Only async-signal-safe calls (tcsetattr, write, signal, raise) run inside the handlers.
private enum Restore {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var haveSaved = false
    nonisolated(unsafe) static var bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 512)
    nonisolated(unsafe) static var count = 0
    nonisolated(unsafe) static var resumed: sig_atomic_t = 0
    nonisolated(unsafe) static var active = false

    static func setBytes(_ s: String) {
        let u = Array(s.utf8.prefix(511))
        for (i, b) in u.enumerated() { bytes[i] = b }
        count = u.count
    }

    /// Mouse reporting off, keypad off, leave the alternate screen, show the cursor, reset colours.
    static let generic = "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l\u{1B}[?1l\u{1B}>\u{1B}[0m\u{1B}[?1049l\u{1B}[?25h"

    static func fromTerminfo() {
        var s = "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l\u{1B}[0m"
        for cap in ["rmkx", "rmcup", "cnorm"] {
            if let p = aug_tigetstr(cap) { s += String(cString: p) }
        }
        if !s.contains("\u{1B}[?25h") && aug_tigetstr("cnorm") == nil { s += "\u{1B}[?25h" }
        setBytes(s)
    }
}

/// Restore the terminal from inside a signal handler (async-signal-safe calls only).
@inline(__always)
private func restoreTerminalFromSignal() {
    if Restore.haveSaved { tcsetattr(STDIN_FILENO, TCSANOW, &Restore.saved) }
    _ = write(STDOUT_FILENO, Restore.bytes, Restore.count)
}

private let fatalHandler: @convention(c) (Int32) -> Void = { sig in
    restoreTerminalFromSignal()
    signal(sig, SIG_DFL)
    raise(sig)
}

private let stopHandler: @convention(c) (Int32) -> Void = { _ in
    restoreTerminalFromSignal()
    signal(SIGTSTP, SIG_DFL)
    raise(SIGTSTP)
}

private let continueHandler: @convention(c) (Int32) -> Void = { _ in
    signal(SIGTSTP, stopHandler)
    Restore.resumed = 1
}

private func install(_ sig: Int32, _ handler: @convention(c) (Int32) -> Void) {
    var sa = sigaction()
    sa.__sigaction_handler.sa_handler = handler
    sigemptyset(&sa.sa_mask)
    sa.sa_flags = 0
    sigaction(sig, &sa, nil)
}

// MARK: the backend

/// The only code that talks to the terminal: ncursesw set-up and teardown, signals, colours,
/// key and mouse decoding, and copying changed grid cells to the screen.
public enum TerminalBackend {
    public struct Options: Sendable {
        public var mouse = true
        public init(mouse: Bool = true) { self.mouse = mouse }
    }

    /// Why the explorer cannot run here (stdout or stdin not a terminal, no usable TERM), or nil.
    public static func unusableReason() -> String? {
        if isatty(STDOUT_FILENO) != 1 { return "stdout is not a terminal" }
        if isatty(STDIN_FILENO) != 1 { return "stdin is not a terminal" }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" { return "TERM is \(term.isEmpty ? "not set" : "dumb")" }
        var err: Int32 = 0
        if setupterm(term, STDOUT_FILENO, &err) != OK { return "TERM=\(term) is not a terminal ncurses knows" }
        return nil
    }

    /// Make sure the C library speaks UTF-8 (the codeset ncursesw draws with).
    static func setUpLocale() throws {
        setlocale(LC_ALL, "")
        if utf8() { return }
        // Fall back to the UTF-8 locale every glibc system has, keeping the user's other settings.
        if setlocale(LC_CTYPE, "C.UTF-8") != nil, utf8() { return }
        throw TerminalError(message: "no UTF-8 locale (set LANG=C.UTF-8)")
    }

    static func utf8() -> Bool {
        guard let cs = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: cs).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    public static func run(_ explorer: Explorer, options: Options = Options()) throws {
        try setUpLocale()
        // Signal handlers first: ncurses only installs its own where the default is still set.
        // Touch every static the handlers read, so none is first initialised inside a handler.
        Restore.haveSaved = tcgetattr(STDIN_FILENO, &Restore.saved) == 0
        Restore.setBytes(Restore.generic)
        Restore.resumed = 0
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            install(sig, fatalHandler)
        }
        install(SIGTSTP, stopHandler)
        install(SIGCONT, continueHandler)
        // A parent may have left signals blocked (threads of test runners do): unblock the ones we
        // rely on, or resize, Ctrl-Z and SIGTERM would silently do nothing.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH] { sigaddset(&wanted, sig) }
        sigprocmask(SIG_UNBLOCK, &wanted, nil)

        if ProcessInfo.processInfo.environment["ESCDELAY"] == nil { set_escdelay(25) }
        guard newterm(nil, stdout, stdin) != nil, let win = aug_stdscr() else {
            throw TerminalError(message: "cannot start the terminal (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? ""))")
        }
        Restore.fromTerminfo()
        Restore.active = true
        defer {
            endwin()
            Restore.active = false
        }
        raw()
        noecho()
        nonl()
        keypad(win, true)
        wtimeout(win, 200)
        curs_set(0)
        if options.mouse {
            mouseinterval(0)
            mousemask(aug_BUTTON1_PRESSED() | aug_BUTTON4_PRESSED() | aug_BUTTON5_PRESSED(), nil)
        }
        let palette = Palette()

        var state = explorer.initialState(width: Int(getmaxx(win)), height: Int(getmaxy(win)))
        var previous: Grid?
        while !state.quit {
            let grid = explorer.render(state)
            draw(grid, previous: previous, win: win, palette: palette)
            previous = grid
            // Wait for input (waking now and then to notice a resume after a stop), then take every
            // key already waiting before drawing again: a paste of 10,000 characters is one frame,
            // not 10,000.
            var handled = 0
            while !state.quit && handled < 4096 {
                guard let input = nextInput(win, wait: handled == 0, redrawAll: &previous) else { break }
                state = explorer.handle(state, input)
                handled += 1
                if !state.effects.isEmpty {
                    let effects = state.effects
                    state.effects.removeAll()
                    for effect in effects {
                        if let notice = perform(effect, win, redrawAll: &previous) { state = explorer.handle(state, notice) }
                    }
                    break   // draw now: a pager or an editor has just given the screen back
                }
            }
        }
    }

    /// The next input: waits for one when `wait` is set, else only takes one already there (nil if
    /// none). After a resize or a resume `redrawAll` is cleared, so the next frame is drawn whole.
    static func nextInput(_ win: UnsafeMutablePointer<WINDOW>, wait: Bool, redrawAll previous: inout Grid?) -> Input? {
        wtimeout(win, wait ? 200 : 0)
        defer { wtimeout(win, 200) }
        while true {
            if Restore.resumed != 0 {
                // Continued after a stop by a signal (kill -TSTP, or Ctrl-Z in cooked mode): the
                // handler gave the terminal back behind ncurses' back; endwin tells it so, and the
                // refresh in resume enters raw mode and the alternate screen again.
                Restore.resumed = 0
                endwin()
                resume(win)
                previous = nil
                return .resize(width: Int(getmaxx(win)), height: Int(getmaxy(win)))
            }
            var ch: wint_t = 0
            let rc = wget_wch(win, &ch)
            if rc == ERR {
                if wait { continue }
                return nil
            }
            if rc == KEY_CODE_YES {
                switch Int32(ch) {
                case KEY_RESIZE:
                    previous = nil
                    werase(win)
                    return .resize(width: Int(getmaxx(win)), height: Int(getmaxy(win)))
                case KEY_MOUSE:
                    if let m = mouseInput() { return m }
                default:
                    if let k = decodeKeyCode(Int32(ch)) { return .key(k) }
                }
            } else {
                let v = UInt32(ch)
                if v == 0x1A {          // Ctrl-Z (raw mode): suspend like a shell job
                    suspend(win)
                    previous = nil
                    return .resize(width: Int(getmaxx(win)), height: Int(getmaxy(win)))
                }
                if v == 27, case .report(let m) = splitMouseReport(win) {
                    if let m { return m }
                    continue   // a release: nothing to do
                }
                if let k = decodeChar(v) { return .key(k) }
            }
            if !wait { return nil }
        }
    }

    /// After a lone ESC: the rest of an X10 mouse report that ncurses did not join to it (the bytes
    /// came later than its escape delay). Waits up to 60 ms a byte; bytes that turn out not to be a
    /// report are pushed back (`.notMouse`), so a plain Esc followed by keys loses nothing.
    static func splitMouseReport(_ win: UnsafeMutablePointer<WINDOW>) -> SplitMouseReport.Reading {
        var tail: [UInt32] = []
        wtimeout(win, 60)
        defer { wtimeout(win, 200) }
        while true {
            var ch: wint_t = 0
            let rc = wget_wch(win, &ch)
            if rc == ERR || rc == KEY_CODE_YES {
                if rc == KEY_CODE_YES { _ = ungetch(Int32(ch)) }
                pushBack(tail)
                return .notMouse
            }
            tail.append(UInt32(ch))
            let reading = SplitMouseReport.read(tail)
            if reading == .incomplete { continue }
            if reading == .notMouse { pushBack(tail) }
            return reading
        }
    }

    /// Gives characters back to ncurses in their order (its push-back is a stack).
    static func pushBack(_ chars: [UInt32]) {
        for v in chars.reversed() { unget_wch(wchar_t(bitPattern: v)) }
    }

    /// Does what the explorer asked: copies through OSC 52, or hands the terminal to a pager or an
    /// editor (as Ctrl-Z hands it to the shell) and takes it back when that exits. Returns what
    /// the status line should say when something went wrong.
    static func perform(_ effect: Effect, _ win: UnsafeMutablePointer<WINDOW>, redrawAll previous: inout Grid?) -> Input? {
        switch effect {
        case .copy(let text):
            fputs(osc52(text), stdout)
            fflush(stdout)
            return nil
        case .saveBookmarks:
            return BookmarkSaving.perform(effect)
        case .write(let path, let contents):
            do {
                try AtomicFile.write(Data(contents.utf8), to: path)
                return .notice("wrote \(URL(fileURLWithPath: path).standardizedFileURL.path)", isError: false)
            } catch let e as WriteError {
                return .notice(e.message, isError: true)
            } catch {
                return .notice("cannot write \(path)", isError: true)
            }
        case .open(let viewer, let path, let line):
            let argv = viewer.argv(path: path, line: line, environment: ProcessInfo.processInfo.environment)
            def_prog_mode()
            endwin()
            // Ctrl-C and Ctrl-\ belong to the program while it runs (it sets its own handlers).
            let oldInt = signal(SIGINT, SIG_IGN), oldQuit = signal(SIGQUIT, SIG_IGN)
            var outcome: Input?
            switch spawnAndWait(argv) {
            case .ran: break
            case .notFound:
                outcome = .notice("cannot run \(argv[0]): not found (\(viewer == .pager ? "$PAGER" : "$EDITOR"))", isError: true)
            case .failed(let why):
                outcome = .notice("cannot run \(argv[0]): \(why)", isError: true)
            }
            signal(SIGINT, oldInt)
            signal(SIGQUIT, oldQuit)
            reset_prog_mode()
            resume(win)
            previous = nil
            return outcome
        }
    }

    enum SpawnOutcome { case ran, notFound, failed(String) }

    /// Runs `argv` (found on PATH) in our process group, on our terminal, and waits for it.
    /// (Not Foundation's Process: it starts the child in a session of its own, without the
    /// terminal, and a pager then exits at once.)
    static func spawnAndWait(_ argv: [String]) -> SpawnOutcome {
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], nil, nil, &cArgs, environ)
        if rc == ENOENT { return .notFound }
        if rc != 0 { return .failed(String(cString: strerror(rc))) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return .ran
    }

    /// Ctrl-Z: give the terminal back, stop, and redraw everything when continued.
    static func suspend(_ win: UnsafeMutablePointer<WINDOW>) {
        endwin()
        raise(SIGTSTP)
        Restore.resumed = 0
        resume(win)
    }

    static func resume(_ win: UnsafeMutablePointer<WINDOW>) {
        refresh()            // after endwin (or a signal's restore): back to program mode, alt screen
        clearok(curscr, true)
        curs_set(0)
        keypad(win, true)
    }

    static func decodeChar(_ v: UInt32) -> Key? {
        switch v {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .esc
        case 127, 8: return .backspace
        case 0: return nil
        case 1...26: return .ctrl(Character(Unicode.Scalar(v + 96)!))
        case 28...31: return .ctrl(Character(Unicode.Scalar(v + 64)!))   // Ctrl-\ ] ^ _
        default:
            guard let s = Unicode.Scalar(v) else { return nil }
            return .char(Character(s))
        }
    }

    static func decodeKeyCode(_ c: Int32) -> Key? {
        switch c {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END, KEY_LL: return .end
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_ENTER: return .enter
        default:
            for n in 1...24 where c == aug_KEY_F(Int32(n)) { return .function(n) }
            return nil
        }
    }

    static func mouseInput() -> Input? {
        var ev = MEVENT()
        guard getmouse(&ev) == OK else { return nil }
        let x = Int(ev.x), y = Int(ev.y)
        if ev.bstate & aug_BUTTON4_PRESSED() != 0 { return .mouse(.wheelUp, x: x, y: y) }
        if ev.bstate & aug_BUTTON5_PRESSED() != 0 { return .mouse(.wheelDown, x: x, y: y) }
        if ev.bstate & (aug_BUTTON1_PRESSED() | aug_BUTTON1_CLICKED()) != 0 { return .mouse(.left, x: x, y: y) }
        return nil
    }

    // MARK: drawing

    /// Copy the cells that changed since the last frame (all of them after a resize or resume).
    static func draw(_ grid: Grid, previous: Grid?, win: UnsafeMutablePointer<WINDOW>, palette: Palette) {
        let full = previous == nil || previous!.width != grid.width || previous!.height != grid.height
        if full { werase(win) }
        let maxY = min(grid.height, Int(getmaxy(win))), maxX = min(grid.width, Int(getmaxx(win)))
        var wch = [wchar_t](repeating: 0, count: 8)
        var cc = cchar_t()
        for y in 0..<maxY {
            for x in 0..<maxX {
                let cell = grid[x, y]
                if cell.isContinuation { continue }
                if !full, let p = previous, p[x, y] == cell,
                   cell.width == 1 || (x + 1 < grid.width && p[x + 1, y] == grid[x + 1, y]) { continue }
                if x == maxX - 1, y == maxY - 1, cell.width == 1 {
                    // The bottom-right corner: adding a character there would scroll; insert instead.
                    put(cell, x, y, win, palette, &wch, &cc, insert: true)
                    continue
                }
                if cell.width == 2 && x + 1 >= maxX { continue }
                put(cell, x, y, win, palette, &wch, &cc, insert: false)
            }
        }
        if let c = grid.cursor, c.y < maxY, c.x < maxX {
            curs_set(1)
            wmove(win, Int32(c.y), Int32(c.x))
        } else {
            curs_set(0)
        }
        wrefresh(win)
    }

    static func put(_ cell: Cell, _ x: Int, _ y: Int, _ win: UnsafeMutablePointer<WINDOW>, _ palette: Palette,
                    _ wch: inout [wchar_t], _ cc: inout cchar_t, insert: Bool) {
        var n = 0
        for s in cell.text.unicodeScalars where n < 5 {
            wch[n] = wchar_t(bitPattern: s.value)
            n += 1
        }
        // The grid measured with the same table as wcwidth; if the C library disagrees, draw '?'
        // so a cell never takes a different width on screen than in the grid.
        if n == 0 || Int(aug_wcwidth(wch[0])) != cell.width {
            wch[0] = wchar_t(UInt8(ascii: "?"))
            if cell.width == 2 { wch[1] = wchar_t(UInt8(ascii: "?")); n = 2 } else { n = 1 }
            if n == 2 {
                wch[1] = 0
                let (a, p) = palette.look(cell.style)
                setcchar(&cc, wch, a, p, nil)
                mvwadd_wch(win, Int32(y), Int32(x), &cc)
                wmove(win, Int32(y), Int32(x + 1))
                wadd_wch(win, &cc)
                return
            }
        }
        wch[n] = 0
        let (attrs, pair) = palette.look(cell.style)
        setcchar(&cc, wch, attrs, pair, nil)
        if insert {
            wmove(win, Int32(y), Int32(x))
            wins_wch(win, &cc)
        } else {
            mvwadd_wch(win, Int32(y), Int32(x), &cc)
        }
    }
}

/// Style roles → colour pairs and attributes; attributes alone on a monochrome terminal or when
/// NO_COLOR is set (https://no-color.org: any non-empty value).
struct Palette {
    var looks: [Style: (attr_t, Int16)] = [:]

    init() {
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let color = !noColor && has_colors() && start_color() == OK
        let B = aug_A_BOLD(), R = aug_A_REVERSE(), U = aug_A_UNDERLINE(), D = aug_A_DIM(), N = aug_A_NORMAL()
        if color {
            use_default_colors()
            let specs: [(Style, Int16, Int16, attr_t)] = [
                (.normal, -1, -1, N), (.border, Int16(COLOR_BLUE), -1, N), (.borderFocused, Int16(COLOR_CYAN), -1, B),
                (.title, -1, -1, B), (.titleFocused, Int16(COLOR_BLACK), Int16(COLOR_CYAN), B),
                (.header, Int16(COLOR_YELLOW), -1, B), (.selected, Int16(COLOR_BLACK), Int16(COLOR_CYAN), N),
                (.selectedDim, Int16(COLOR_BLACK), Int16(COLOR_WHITE), N), (.dim, -1, -1, D),
                (.date, Int16(COLOR_GREEN), -1, N), (.place, Int16(COLOR_CYAN), -1, N), (.unit, Int16(COLOR_MAGENTA), -1, N),
                (.match, Int16(COLOR_BLACK), Int16(COLOR_YELLOW), N), (.emphasis, Int16(COLOR_BLACK), Int16(COLOR_GREEN), B | U),
                (.highlight, Int16(COLOR_YELLOW), -1, B), (.status, Int16(COLOR_BLACK), Int16(COLOR_WHITE), N),
                (.statusKey, Int16(COLOR_BLACK), Int16(COLOR_CYAN), B), (.statusError, Int16(COLOR_WHITE), Int16(COLOR_RED), B),
                (.tab, Int16(COLOR_BLACK), Int16(COLOR_WHITE), N), (.tabActive, Int16(COLOR_BLACK), Int16(COLOR_CYAN), B),
                (.overlay, -1, -1, N), (.overlayTitle, Int16(COLOR_YELLOW), -1, B),
                (.mapCoast, Int16(COLOR_CYAN), -1, D), (.mapRiver, Int16(COLOR_BLUE), -1, B),
                (.mapBorder, Int16(COLOR_MAGENTA), -1, D), (.mapFrontier, Int16(COLOR_YELLOW), -1, D),
                (.mapAxis, Int16(COLOR_RED), -1, B), (.mapAxisAhead, Int16(COLOR_RED), -1, D),
            ]
            for (i, spec) in specs.enumerated() {
                let pair = Int16(i + 1)
                init_pair(pair, spec.1, spec.2)
                looks[spec.0] = (spec.3, pair)
            }
        } else {
            let specs: [(Style, attr_t)] = [
                (.normal, N), (.border, N), (.borderFocused, B), (.title, B), (.titleFocused, B | R),
                (.header, B), (.selected, R), (.selectedDim, U), (.dim, D), (.date, N), (.place, N), (.unit, N),
                (.match, U | B), (.emphasis, R | B), (.highlight, B), (.status, R), (.statusKey, R | B),
                (.statusError, R | B), (.tab, R), (.tabActive, B), (.overlay, N), (.overlayTitle, B),
                (.mapCoast, N), (.mapRiver, D), (.mapBorder, D), (.mapFrontier, D), (.mapAxis, B), (.mapAxisAhead, D),
            ]
            for (s, a) in specs { looks[s] = (a, 0) }
        }
    }

    func look(_ s: Style) -> (attr_t, Int16) { looks[s] ?? (aug_A_NORMAL(), 0) }
}
