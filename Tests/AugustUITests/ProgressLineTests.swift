import Testing
import AugustCore
@testable import AugustUI

@Suite("Progress line (drawn on stderr while a large corpus opens)")
struct ProgressLineTests {
    @Test("phase, a bar filled in proportion, percent, throughput and ETA")
    func parts() {
        let line = ProgressLine.format(phase: .indexing, fraction: 0.5, bytesPerSecond: 31_400_000, eta: 2.2, width: 79)
        #expect(line.hasPrefix("indexing "))
        #expect(line.contains("[###############---------------]"))
        #expect(line.contains(" 50%"))
        #expect(line.contains("31.4 MB/s"))
        #expect(line.contains("ETA 3s"))
        let start = ProgressLine.format(phase: .reading, fraction: 0, bytesPerSecond: nil, eta: nil, width: 79)
        #expect(start.contains("[------------------------------]") && start.contains("  0%") && !start.contains("ETA"))
        let done = ProgressLine.format(phase: .analysing, fraction: 1, bytesPerSecond: 250e6, eta: 0, width: 79)
        #expect(done.contains("[##############################]") && done.contains("100%") && done.contains("250 MB/s"))
        #expect(ProgressLine.format(phase: .analysing, fraction: 0.1, bytesPerSecond: nil, eta: 75, width: 79).contains("ETA 1m15s"))
    }

    @Test("never wider than the terminal, never a control character; out-of-range fractions are clamped")
    func bounds() {
        for width in [0, 5, 20, 30, 40, 60, 200] {
            for f in [-1.0, 0, 0.333, 1, 7, .nan] {
                let line = ProgressLine.format(phase: .analysing, fraction: f, bytesPerSecond: 1e9, eta: 3600, width: width)
                #expect(line.count <= width, "\(width) \(f): \(line)")
                #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
            }
        }
        #expect(ProgressLine.format(phase: .reading, fraction: 7, bytesPerSecond: nil, eta: nil, width: 79).contains("100%"))
    }
}
