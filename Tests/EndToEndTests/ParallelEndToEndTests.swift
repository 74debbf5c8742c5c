import Foundation
import Testing

/// `t` in the real binary: the seeds' two translations side by side, Tab, and back to one column.
@Suite(.serialized) struct ParallelEndToEndTests {
    @Test(.enabled(if: tmuxPath != nil, Comment(rawValue: tmuxMissing)))
    func tShowsTheTranslationBesideThePassageInTheRealBinary() throws {
        let t = TmuxSession(tmux: tmuxPath!, corpus: repoRoot.appendingPathComponent("seeds").path)
        _ = try #require(t.startExplorer())
        // The documents list, the fifth document (004), then t.
        t.send("D"); t.send("j"); t.send("j"); t.send("j"); t.send("j"); t.send("Enter")
        #expect(t.waitFor { $0.contains("004 ·") } != nil)
        t.send("t")
        let two = try #require(t.waitFor { $0.contains("⇄ 002") }, "\(t.capture())")
        let rows = two.components(separatedBy: "\n")
        #expect(rows.contains { $0.components(separatedBy: "Japan publicly rejected the Potsdam").count == 3 },
                "both columns begin the passage on one row: \(two)")
        t.send("Tab")
        #expect(t.waitFor { $0.contains("⇄ 004") } != nil, "Tab: the cursor in 002's column")
        t.send("t")
        #expect(t.waitFor { !$0.contains("⇄") } != nil, "t again: one column")
        t.send("q")
    }
}
