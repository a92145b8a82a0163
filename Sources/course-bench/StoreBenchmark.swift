import ArgumentParser
import CourseModels
import CourseStore
import CalculusCore
import Foundation

/// `course-bench store`: the storage bars of issue 3, measured on a fresh temporary database.
///
/// Prints the rate of inserting N attempts in one transaction, the rate of the `sqlite3`
/// shell's `.import` of the same rows from CSV into the same schema (the practical ceiling),
/// the ratio of the two, and the time to read one learner's attempts in time order.
struct StoreBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Measure attempt inserts against the sqlite3 shell's CSV import, and one learner's read."
    )

    @Option(help: "How many attempts to insert.")
    var count = 1_000_000

    @Option(help: "How many learners share the attempts (round-robin, so each holds count/learners).")
    var learners = 100

    @Option(help: "The sqlite3 shell to compare with; skipped when it cannot be run.")
    var sqlite3 = "sqlite3"

    @Option(help: "How many times to repeat the read of one learner's attempts.")
    var reads = 20

    @Flag(help: "Keep the temporary folder with both databases and the CSV file.")
    var keep = false

    func validate() throws {
        guard count > 0, learners > 0, reads > 0 else {
            throw ValidationError("--count, --learners and --reads must be positive numbers.")
        }
    }

    func run() throws {
        let folder = FileManager.default.temporaryDirectory
            .appending(path: "course-bench-store-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer {
            if keep { print("kept \(folder.path)") } else { try? FileManager.default.removeItem(at: folder) }
        }

        var generator = SplitMix64(seed: 2024)
        let people = (0..<learners).map { index in
            Learner(id: generator.uuid(), handle: "learner\(index)", displayName: "Learner \(index)",
                    createdAt: Date(millisecondsSince1970: 1_700_000_000_000))
        }
        let attempts = BenchmarkData.attempts(count: count, learners: people, generator: &generator)
        var ourRate = 0.0
        var ourCPURate = 0.0

        // Ours: one transaction, one reused prepared statement.
        let ours = folder.appending(path: "ours.db").path
        do {
            let store = try Store(path: ours)
            let version = try store.sqliteVersion()
            print("store benchmark: \(count) attempts, \(learners) learners, SQLite \(version)")
            for learner in people { try store.learners.insert(learner) }
            let cpuBefore = cpuSeconds(.process)
            let seconds = try measure { try store.attempts.insert(contentsOf: attempts, pausingCheckpoints: true) }
            let cpu = cpuSeconds(.process) - cpuBefore
            let rate = Double(count) / seconds
            print(String(format: "insert, one transaction:   %10.0f attempts/s  (%.3f s wall, %.3f s CPU = %.0f/s; bar ≥ 200000/s)",
                         rate, seconds, cpu, Double(count) / cpu))
            ourRate = rate
            ourCPURate = Double(count) / cpu
        }

        // The shell: same schema (migrated by us), same learners, and the very rows we stored, in
        // the order we inserted them, exported by the shell itself as CSV (a NULL mistake becomes
        // '' on the way; the shell does not check foreign keys, which we do).
        let shellDatabase = folder.appending(path: "shell.db").path
        let csv = folder.appending(path: "attempts.csv")
        guard try shell([ours, ".headers on", ".mode csv", ".once \(csv.path)", AttemptRepository.everyAttemptSQL]) != nil else {
            return
        }
        do {
            let store = try Store(path: shellDatabase)
            for learner in people { try store.learners.insert(learner) }
        }
        let importCommand = Database.writeSettings.flatMap { ["-cmd", $0] }
            + [shellDatabase, ".import --csv --skip 1 \(csv.path) attempts"]
        let childCPUBefore = cpuSeconds(.children)
        if let seconds = try shell(importCommand) {
            let cpu = cpuSeconds(.children) - childCPUBefore
            let rate = Double(count) / seconds
            print(String(format: "sqlite3 shell .import CSV: %10.0f attempts/s  (%.3f s wall, %.3f s CPU = %.0f/s)",
                         rate, seconds, cpu, Double(count) / cpu))
            print(String(format: "ratio ours / shell:        %10.2f wall, %.2f CPU  (bar ≥ 0.67, i.e. within 1.5×)",
                         ourRate / rate, ourCPURate / (Double(count) / cpu)))
        }

        // Reading one learner's attempts in time order, from a freshly opened connection.
        let store = try Store(path: ours)
        let learner = people[people.count / 2].id
        var timings: [Double] = []
        var found = 0
        for _ in 0..<(reads + 1) {
            timings.append(try measure { found = try store.attempts.attempts(learnerID: learner).count })
        }
        let first = timings.removeFirst()
        timings.sort()
        print(String(format: "read one learner's %d attempts of %d: first %.2f ms, median %.2f ms, best %.2f ms (bar < 20 ms)",
                     found, count, first * 1000, timings[timings.count / 2] * 1000, timings[0] * 1000))
    }

    /// Runs the sqlite3 shell with `arguments`; returns the seconds it took, nil when it failed.
    private func shell(_ arguments: [String]) throws -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [sqlite3] + arguments
        let errors = Pipe()
        process.standardError = errors
        let start = DispatchTime.now()
        do {
            try process.run()
        } catch {
            print("sqlite3 shell: cannot run \(sqlite3) (\(error)); comparison skipped")
            return nil
        }
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0, message.isEmpty else {
            print("sqlite3 shell: \(arguments.last ?? "") failed (\(process.terminationStatus)): \(message.prefix(400)); comparison skipped")
            return nil
        }
        return seconds
    }
}

/// User plus system CPU seconds used so far by this process or its waited-for children; unlike
/// wall time, it does not count waiting for a CPU that other work on the machine holds.
private func cpuSeconds(_ who: CPUOf) -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(who == .process ? RUSAGE_SELF.rawValue : RUSAGE_CHILDREN.rawValue, &usage)
    #else
    getrusage(who == .process ? RUSAGE_SELF : RUSAGE_CHILDREN, &usage)
    #endif
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

private enum CPUOf { case process, children }

/// Seconds taken by `body`.
private func measure(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now()
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

/// Realistic attempts, the same on every run.
enum BenchmarkData {
    static let answers = ["3*x^2 + 2*x", "cos(x)*2x", "e^x (x+1)", "1/(2*sqrt(x))", "-sin(x)", "ln(x) + 1", "6x", "0"]
    static let verdicts: [Verdict] = [.correct, .incorrect, .correct, .syntaxError, .correct]

    static func attempts(count: Int, learners: [Learner], generator: inout SplitMix64) -> [Attempt] {
        let device = generator.uuid()
        var attempts: [Attempt] = []
        attempts.reserveCapacity(count)
        for index in 0..<count {
            let verdict = verdicts[index % verdicts.count]
            let submittedAt = Date(millisecondsSince1970: 1_700_000_000_000 + Int64(index) * 250)
            attempts.append(Attempt(
                id: .timeOrdered(at: submittedAt, using: &generator), learnerID: learners[index % learners.count].id,
                exerciseID: "ex\(index % 40 + 1)", part: ["a", "b", ""][index % 3],
                answer: answers[Int(generator.next() % UInt64(answers.count))],
                submittedAt: submittedAt, deviceID: device, graderVersion: "1.0.0", verdict: verdict,
                score: verdict == .correct ? 1 : 0, feedback: verdict == .correct ? "Correct." : "Check the chain rule.",
                mistake: verdict == .incorrect ? "missing-chain-factor" : nil))
        }
        return attempts
    }
}

extension SplitMix64 {
    /// A version-4 UUID from the next 128 bits.
    mutating func uuid() -> UUID {
        let high = next(), low = next()
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: high >> (8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: low >> (8 * $0)) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
