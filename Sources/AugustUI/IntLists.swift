/// Many short lists of integers (an item's passages, a passage's items) in two flat arrays: one
/// allocation each instead of one per list, which is what a warm start of a large corpus spent
/// its time on. Read as `[Int]` by position; a position past the end is an empty list.
public struct IntLists: Sendable, Equatable {
    /// `offsets[i]..<offsets[i + 1]` are list `i`'s values.
    private var offsets: [Int32] = [0]
    private var values: [Int32] = []

    public init() {}

    /// The lists in order.
    public init(_ lists: some Sequence<[Int]>) {
        for l in lists { append(l) }
    }

    /// The lists of `count` keys from (key, value) pairs: each key's values in the order given,
    /// a value repeated right after itself kept once. Keys outside `0..<count` are left out.
    public init(count: Int, pairs: [(key: Int, value: Int)]) {
        var sizes = [Int32](repeating: 0, count: count + 1)
        for p in pairs where p.key >= 0 && p.key < count { sizes[p.key + 1] += 1 }
        for i in 0..<count { sizes[i + 1] += sizes[i] }
        var fill = Array(sizes.dropLast())
        var flat = [Int32](repeating: 0, count: Int(sizes[count]))
        for p in pairs where p.key >= 0 && p.key < count {
            flat[Int(fill[p.key])] = Int32(p.value)
            fill[p.key] += 1
        }
        // Drop the repeats (a key given the same value twice in a row).
        var out: [Int32] = [], starts: [Int32] = [0]
        out.reserveCapacity(flat.count)
        starts.reserveCapacity(count + 1)
        for k in 0..<count {
            let first = out.count
            for j in Int(sizes[k])..<Int(sizes[k + 1]) where out.count == first || out.last != flat[j] { out.append(flat[j]) }
            starts.append(Int32(out.count))
        }
        offsets = starts
        values = out
    }

    public var count: Int { offsets.count - 1 }

    public mutating func append(_ list: [Int]) {
        values.append(contentsOf: list.lazy.map { Int32(truncatingIfNeeded: $0) })
        offsets.append(Int32(values.count))
    }

    public subscript(i: Int) -> [Int] {
        guard i >= 0, i < count else { return [] }
        return values[Int(offsets[i])..<Int(offsets[i + 1])].map(Int.init)
    }
}
