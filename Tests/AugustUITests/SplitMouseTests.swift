import Testing
@testable import AugustUI

/// A mouse report whose bytes arrived after ncurses had already given its ESC away.
@Suite struct SplitMouseTests {
    static func bytes(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    @Test func aLeftPressIsAClickAtItsCell() {
        // ESC [ M, button 0, x = 10 (43 = 33 + 10), y = 20 (53)
        #expect(SplitMouseReport.read([0x5B, 0x4D, 32, 43, 53]) == .report(.mouse(.left, x: 10, y: 20)))
    }

    @Test func wheelAndReleaseAndModifiers() {
        #expect(SplitMouseReport.read([0x5B, 0x4D, 32 + 64, 34, 34]) == .report(.mouse(.wheelUp, x: 1, y: 1)))
        #expect(SplitMouseReport.read([0x5B, 0x4D, 32 + 65, 33, 40]) == .report(.mouse(.wheelDown, x: 0, y: 7)))
        #expect(SplitMouseReport.read([0x5B, 0x4D, 32 + 3, 43, 53]) == .report(nil), "a release does nothing")
        #expect(SplitMouseReport.read([0x5B, 0x4D, 32 + 16, 43, 53]) == .report(.mouse(.left, x: 10, y: 20)), "Ctrl-click")
    }

    @Test func partialReportsWaitAndOtherKeysAreNotMouse() {
        #expect(SplitMouseReport.read([]) == .incomplete)
        #expect(SplitMouseReport.read([0x5B]) == .incomplete)
        #expect(SplitMouseReport.read([0x5B, 0x4D, 32]) == .incomplete)
        // Esc then `[` (a key of its own) then `j`: not a report, so the keys are given back.
        #expect(SplitMouseReport.read(Self.bytes("[j")) == .notMouse)
        #expect(SplitMouseReport.read(Self.bytes("j")) == .notMouse)
        #expect(SplitMouseReport.read([0x5B, 0x4D, 10]) == .notMouse, "a control byte is never part of a report")
    }
}
