import Foundation

/// Pure work spread over the processor's cores, results kept in order: grading and the
/// engine's same-answer comparisons are pure functions of their inputs, and dominate imports
/// of many different answers, while the store's writes stay on the calling thread.
enum ParallelWork {
    static let workers = ProcessInfo.processInfo.activeProcessorCount

    /// `[transform(0), …, transform(count − 1)]`, computed on up to `workers` threads (on the
    /// calling thread when there is one core or one item). `transform` must be pure.
    static func map<T: Sendable>(count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        let workers = min(workers, count)
        guard workers > 1 else { return (0..<count).map(transform) }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each worker writes only its own indices.
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var index = worker
                while index < count {
                    output[index] = transform(index)
                    index += workers
                }
            }
        }
        return results.map { $0! }
    }

    /// `map`, run on other threads while the caller goes on with its own work (reading the next
    /// input from the store, which only the calling thread may use); `Pending.wait()` gives the
    /// results. `transform` must be pure.
    static func start<T: Sendable>(count: Int, _ transform: @escaping @Sendable (Int) -> T) -> Pending<T> {
        let pending = Pending<T>()
        DispatchQueue.global().async {
            pending.results = map(count: count, transform)
            pending.done.signal()
        }
        return pending
    }

    /// Results of a `start`ed map, once they are all in.
    final class Pending<T: Sendable>: @unchecked Sendable {
        // Written once by the worker before `done` is signalled, read after it.
        fileprivate var results: [T] = []
        fileprivate let done = DispatchSemaphore(value: 0)

        /// Waits for the map to finish and gives its results in order. Call once.
        func wait() -> [T] {
            done.wait()
            return results
        }
    }
}
