import AugustCore
import AugustUI
import Foundation

/// The progress bar of a long start: one line on stderr (phase, bar, throughput, ETA), redrawn in
/// place with `\r` and erased when done. Drawn only when stderr is a terminal, and only once the
/// work has taken long enough to be noticed (a small corpus never shows it).
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var phase: LoadProgress.Phase?
    private var phaseStart: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant?
    private var drawn = false
    /// Nothing is drawn before this much time has passed.
    private let delay: Duration

    /// A bar on stderr when it is a terminal; else nothing at all.
    init(enabled: Bool = isatty(STDERR_FILENO) == 1, delay: Duration = .milliseconds(300)) {
        self.enabled = enabled
        self.delay = delay
        started = clock.now
        phaseStart = started
    }

    /// The callback to give the loading steps (nil when nothing would be drawn).
    var handler: ProgressHandler? {
        guard enabled else { return nil }
        return { @Sendable [self] p in self.update(p) }
    }

    func update(_ p: LoadProgress) {
        lock.lock()
        defer { lock.unlock() }
        let now = clock.now
        if p.phase != phase { phase = p.phase; phaseStart = now; lastDraw = nil }
        guard enabled, now - started >= delay else { return }
        if let last = lastDraw, now - last < .milliseconds(100) { return }
        lastDraw = now
        let elapsed = seconds(now - phaseStart)
        let fraction = p.total > 0 ? Double(p.done) / Double(p.total) : 0
        let rate = elapsed >= 0.05 && p.bytes > 0 ? Double(p.bytes) / elapsed : nil
        let eta = elapsed >= 0.05 && fraction >= 0.01 ? elapsed * (1 - fraction) / fraction : nil
        let line = ProgressLine.format(phase: p.phase, fraction: fraction, bytesPerSecond: rate, eta: eta,
                                       width: ProgressBar.columns() - 1)
        write("\r" + line + "\u{1B}[K")
        drawn = true
    }

    /// Erase the line (if one was drawn): the explorer or the output starts on a clean line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { write("\r\u{1B}[K") }
        drawn = false
    }

    private func write(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Width of the terminal on stderr ($COLUMNS, else 80).
    static func columns() -> Int {
        var ws = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 0 { return c }
        return 80
    }
}
