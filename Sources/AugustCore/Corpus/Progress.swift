/// How far a long step of opening a corpus has come: reading its files, building its search index,
/// analysing it (dates, events, places). Reported through a ``ProgressHandler``; what to show is
/// the caller's business (the CLI draws a bar on a terminal; nothing here writes anywhere).
public struct LoadProgress: Sendable, Equatable {
    public enum Phase: String, Sendable, CaseIterable {
        case reading, indexing, analysing
    }
    public let phase: Phase
    /// Units of work done and in all (files read; passages indexed; passages analysed, each
    /// counted once per pass). `done` never decreases within a phase and ends equal to `total`.
    public let done: Int
    public let total: Int
    /// Bytes of text behind the work done (for a throughput).
    public let bytes: Int

    public init(phase: Phase, done: Int, total: Int, bytes: Int) {
        self.phase = phase
        self.done = done
        self.total = total
        self.bytes = bytes
    }

    /// Share done, 0...1.
    public var fraction: Double { total > 0 ? min(Double(done) / Double(total), 1) : 1 }
}

/// Called on the thread doing the work, a few times a second at most for a large corpus.
public typealias ProgressHandler = @Sendable (LoadProgress) -> Void
