import Foundation

/// Runs one job per item, `jobs` at a time on threads of its own, and returns
/// the results in the order of the items.
public struct GradePool: Sendable {
    public var jobs: Int

    public init(jobs: Int) {
        self.jobs = max(1, jobs)
    }

    public func map<Item: Sendable, Result: Sendable>(_ items: [Item], _ work: @escaping @Sendable (Item) -> Result) -> [Result] {
        let results = Locked([Result?](repeating: nil, count: items.count))
        let next = Locked(0)
        let group = DispatchGroup()
        for _ in 0..<min(jobs, max(items.count, 1)) {
            group.enter()
            Thread.detachNewThread {
                while true {
                    let i = next.withLock { value -> Int in
                        defer { value += 1 }
                        return value
                    }
                    guard i < items.count else { break }
                    let result = work(items[i])
                    results.withLock { $0[i] = result }
                }
                group.leave()
            }
        }
        group.wait()
        return results.withLock { $0.compactMap { $0 } }
    }
}

/// `K/N`: the K-th of N slices of a batch, 1-based.
public struct Shard: Sendable, Hashable {
    public var index: Int
    public var count: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 1, k <= n else { return nil }
        index = k
        count = n
    }

    /// Every N-th ID of the sorted list, from the K-th: the same slice on every machine.
    public func select(_ sortedIDs: [String]) -> [String] {
        sortedIDs.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }
}
