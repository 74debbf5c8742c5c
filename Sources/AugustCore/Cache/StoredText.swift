import Foundation

/// The passages' texts of a corpus snapshot, left in its file: a warm start reads the documents'
/// records and no text; a passage's text is read (its blocks checked) when first asked for — the
/// explorer's first frame reads only the passages it shows.
///
/// The last blocks read are kept (a few megabytes at most), so a walk through the corpus in order
/// reads each block once. A text that can no longer be read (the file was cut or damaged under the
/// running reader; our writers never do that, they rename a new file over the old one) is empty.
public final class StoredText: @unchecked Sendable {
    private let body: CheckedBody
    /// Where the text section starts in the body, and its length.
    private let start: Int
    let length: Int
    private let blockSize: Int
    private let lock = NSLock()
    private var blocks: [Int: [UInt8]] = [:]
    private var order: [Int] = []
    /// Blocks kept: 128 × 32 KiB = 4 MiB.
    static let keptBlocks = 128

    init(body: CheckedBody, start: Int, length: Int, blockSize: Int) {
        self.body = body
        self.start = start
        self.length = length
        self.blockSize = max(blockSize, 64)
    }

    /// The text at `offset..<offset + length` of the section (checked against it when decoded).
    func text(offset: Int, length n: Int) -> String {
        guard n > 0 else { return "" }
        guard offset >= 0, n <= length - offset else { return "" }
        let lo = start + offset, hi = lo + n
        // Blocks of the body, aligned as the file checks them.
        let first = lo / blockSize, last = (hi - 1) / blockSize
        if first == last, let b = block(first) {
            let from = lo - first * blockSize
            guard from + n <= b.count else { return "" }
            return b.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[from..<from + n]), as: UTF8.self) }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(n)
        for k in first...last {
            guard let b = block(k) else { return "" }
            let from = max(lo, k * blockSize) - k * blockSize, to = min(hi, (k + 1) * blockSize) - k * blockSize
            guard from <= to, to <= b.count else { return "" }
            bytes.append(contentsOf: b[from..<to])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Block `k` of the body, read and checked (or kept from an earlier read); nil when it cannot be.
    private func block(_ k: Int) -> [UInt8]? {
        lock.lock()
        if let b = blocks[k] { lock.unlock(); return b }
        lock.unlock()
        let range = k * blockSize..<min((k + 1) * blockSize, body.bodyLength)
        guard !range.isEmpty, let b = try? body.withBytes(range, { [UInt8]($0) }) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if blocks[k] == nil {
            if order.count >= Self.keptBlocks { blocks[order.removeFirst()] = nil }
            blocks[k] = b
            order.append(k)
        }
        return b
    }
}
