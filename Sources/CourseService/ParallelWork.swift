import CourseModels
import Foundation

/// Pure work spread over the processor's cores, results kept in order: grading and the
/// engine's same-answer comparisons are pure functions of their inputs, and dominate imports
/// of many different answers, while the store's writes stay on the calling thread.
enum ParallelWork {
    static let workers = availableCores()

    /// The cores this process may run on: its CPU affinity, fewer under a cgroup CPU quota
    /// (`cpu.max`, or cgroup v1's `cpu.cfs_quota_us`), as for Foundation's
    /// `activeProcessorCount`. Read here with the C library because Foundation reads those
    /// files through `URL`, which costs every `course submit` about 0.35 M instructions.
    static func availableCores() -> Int {
        #if os(Linux)
        var cores = ProcessInfo.processInfo.processorCount
        if let allowed = allowedCPUs() { cores = min(cores, allowed) }
        if let quota = cgroupQuota() { cores = min(cores, quota) }
        return max(1, cores)
        #else
        return ProcessInfo.processInfo.activeProcessorCount
        #endif
    }

    /// How many CPUs the process's affinity allows (`Cpus_allowed_list` of `/proc/self/status`,
    /// such as `0-3,8`), nil when it cannot be read; `read` as for `cgroupQuota`.
    static func allowedCPUs(read: (String) -> String? = ParallelWork.fileText) -> Int? {
        // Lines found on bytes: splitting the 1.5 KB file as Characters would cost more than
        // Foundation's way.
        let key = "Cpus_allowed_list:".utf8
        guard let status = read("/proc/self/status"),
              let line = status.utf8.split(separator: UInt8(ascii: "\n")).first(where: { $0.starts(with: key) }) else { return nil }
        var count = 0
        for range in String(decoding: line.dropFirst(key.count), as: UTF8.self).trimmingSpaces.split(separator: ",") {
            let ends = range.split(separator: "-")
            guard let first = ends.first.flatMap({ Int($0) }), let last = ends.last.flatMap({ Int($0) }),
                  ends.count <= 2, last >= first else { return nil }
            count += last - first + 1
        }
        return count > 0 ? count : nil
    }

    /// ⌈quota / period⌉ of the cgroup CPU limit, nil when there is none or it cannot be read;
    /// `read` gives a file's text (nil when it cannot be read).
    static func cgroupQuota(read: (String) -> String? = ParallelWork.fileText) -> Int? {
        func text(_ path: String) -> String? { read(path)?.trimmingSpacesAndNewlines }
        var limit: (quota: Int, period: Int)?
        if let max = text("/sys/fs/cgroup/cpu.max") {
            let fields = max.split(separator: " ")
            if fields.count == 2, let quota = Int(fields[0]), let period = Int(fields[1]) { limit = (quota, period) }
        } else if let quota = text("/sys/fs/cgroup/cpu/cpu.cfs_quota_us").flatMap({ Int($0) }),
                  let period = text("/sys/fs/cgroup/cpu/cpu.cfs_period_us").flatMap({ Int($0) }) {
            limit = (quota, period)
        }
        guard let limit, limit.quota > 0, limit.period > 0 else { return nil }
        return max(1, (limit.quota + limit.period - 1) / limit.period)
    }

    private static func fileText(_ path: String) -> String? {
        guard case let .success(bytes) = StandardStreams.readFile(atPath: path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

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
