import ArgumentParser
import CourseModels
import CourseStore
import Foundation
import CalculusCore
import Content
import CourseService
import Grading
import Sync

/// `course-bench sync`: the bars of issue 7 on a bundle of N attempts by M learners.
///
/// Builds a source database (the seed content, M learners, N graded attempts at the seeds'
/// parts), then runs the export and the import (every answer re-graded, into a fresh database
/// holding the same content) each in its own child process, so each phase's peak memory is its
/// own; prints the rates and the peaks.
struct SyncBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Measure bundle export and import (re-grading every answer): rates and peak memory.",
        subcommands: [SyncPhase.self]
    )

    @Option(help: "How many attempts the bundle holds.")
    var attempts = 1_000_000

    @Option(help: "How many learners share them.")
    var learners = 1_000

    @Option(help: "The share of answers that are unique (the rest repeat common right and wrong answers).")
    var uniqueShare = 0.01

    @Option(help: "When positive: every attempt is a distinct proof of this many bytes, at the parts waiting for a person (issue 17's large-proof bundle: --attempts 3000 --proof-bytes 65536).")
    var proofBytes = 0

    @Option(help: "The seed folder (default: Seeds/ found from the working directory upwards).")
    var seeds: String?

    @Flag(help: "Keep the temporary folder with the databases and the bundle.")
    var keep = false

    @Flag(help: "Turn off SQLite's memory-mapped reads in both phases, so resident memory counts no mapped database pages.")
    var mmapOff = false

    func validate() throws {
        guard attempts > 0, learners > 0, (0...1).contains(uniqueShare) else {
            throw ValidationError("--attempts and --learners must be positive and --unique-share between 0 and 1.")
        }
        guard (0...BundleFormat.maximumTextBytes).contains(proofBytes) else {
            throw ValidationError("--proof-bytes must be from 0 to \(BundleFormat.maximumTextBytes) (the longest answer a bundle carries).")
        }
    }

    func run() throws {
        let seedFolder = try benchmarkSeeds(seeds)
        try withBenchmarkFolder(named: "sync", keep: keep) { folder in try run(in: folder, seeds: seedFolder) }
    }

    private func run(in folder: URL, seeds seedFolder: URL) throws {
        let source = folder.appending(path: "source.db").path
        let target = folder.appending(path: "target.db").path
        let bundle = folder.appending(path: "bundle.json").path

        if proofBytes > 0 {
            print("sync benchmark: \(attempts) distinct \(proofBytes)-byte proofs by \(learners) learners")
        } else {
            print("sync benchmark: \(attempts) attempts by \(learners) learners, \(Int(uniqueShare * 100))% unique answers")
        }
        let started = DispatchTime.now()
        try SyncBenchmarkData.populate(source, seeds: seedFolder, attempts: attempts, learners: learners, uniqueShare: uniqueShare,
                                       proofBytes: proofBytes)
        _ = try SeedImporter(directory: seedFolder).importInto(try Store(path: target))
        // Signing happens once per attempt on the device that made it; an export made now, and
        // not measured, signs them all, so the measured export is the steady state.
        let signing = DispatchTime.now()
        _ = try BundleExporter(store: try Store(path: source)).export(to: .file(bundle, replacing: true))
        try? FileManager.default.removeItem(atPath: bundle)
        print(String(format: "prepared the source database in %.1f s (signing its attempts: %.1f s)",
                     seconds(since: started), seconds(since: signing)))

        let flags = mmapOff ? ["--no-memory-map"] : []
        let export = try benchmarkPhase(["sync", "phase", "export", "--db", source, "--bundle", bundle] + flags)
        let size = (try? FileManager.default.attributesOfItem(atPath: bundle)[.size] as? Int) ?? 0
        print(String(format: "export: %9.0f attempts/s  (%.2f s, %d MB bundle; bar ≥ 100000/s)",
                     Double(export.count) / export.seconds, export.seconds, size >> 20))
        print("        peak memory: \(export.memory) (bar < 300 MB)")
        let importing = try benchmarkPhase(["sync", "phase", "import", "--db", target, "--bundle", bundle] + flags)
        print(String(format: "import: %9.0f attempts/s  (%.2f s, every answer re-graded; bar ≥ 20000/s)",
                     Double(importing.count) / importing.seconds, importing.seconds))
        print(String(format: "        signature checks: %.2f s, %.1f%% of the import (bar ≤ 20%%)",
                     importing.signatureSeconds, 100 * importing.signatureSeconds / importing.seconds))
        print("        peak memory: \(importing.memory) (bar < 300 MB)")
        if !mmapOff {
            print("(SQLite maps up to 64 MB of the database file into memory; those shared, clean page-cache pages count in resident memory: --mmap-off measures without them.)")
        }
    }
}

/// `course-bench sync phase`: one timed export or import, in its own process (hidden; used by
/// the benchmark). Prints one JSON line: count, seconds, peak KB.
struct SyncPhase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase",
        abstract: "Export or import one bundle and report time and peak memory.",
        shouldDisplay: false
    )

    enum Kind: String, ExpressibleByArgument {
        case export, `import`
    }

    struct Result: Codable {
        var count: Int
        var seconds: Double
        /// Peak resident memory (VmHWM), including memory-mapped file pages.
        var peakKB: Int
        /// Peak anonymous memory (heap and stacks), sampled every few milliseconds.
        var peakAnonymousKB: Int
        /// Import only: seconds spent checking signatures.
        var signatureSeconds = 0.0

        var memory: String {
            "\(peakKB >> 10) MB resident at peak, \(peakAnonymousKB >> 10) MB of it heap (anonymous)"
        }
    }

    @Argument(help: "export or import.")
    var kind: Kind

    @Option(help: "The database file.")
    var db: String

    @Option(help: "The bundle file to write or read.")
    var bundle: String

    // Named unlike the parent's --mmap-off, which the parser would otherwise take for its own.
    @Flag(help: "Turn off SQLite's memory-mapped reads on this connection.")
    var noMemoryMap = false

    func run() throws {
        let store = try Store(path: db)
        if noMemoryMap { try store.disableMemoryMapping() }
        let sampler = AnonymousMemorySampler()
        let started = DispatchTime.now()
        let count: Int
        var signatureSeconds = 0.0
        switch kind {
        case .export:
            count = try BundleExporter(store: store).export(to: .file(bundle)).attempts
        case .import:
            let report = try BundleImporter(store: store).importBundle(at: bundle)
            count = report.attemptsInBundle
            signatureSeconds = report.signatureSeconds
        }
        let result = Result(count: count, seconds: seconds(since: started), peakKB: peakResidentKilobytes(),
                            peakAnonymousKB: sampler.stop(), signatureSeconds: signatureSeconds)
        print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
    }
}

enum SyncBenchmarkData {
    /// Seeds content, `learners` learners and `attempts` attempts, graded, in one transaction.
    /// With `proofBytes`, every attempt is instead a distinct proof of that many bytes at a
    /// part waiting for a person.
    static func populate(_ path: String, seeds: URL, attempts: Int, learners count: Int, uniqueShare: Double,
                         proofBytes: Int = 0) throws {
        let store = try Store(path: path)
        _ = try SeedImporter(directory: seeds).importInto(store)
        let parts = try store.content.exercises().flatMap { exercise in
            exercise.parts.filter { ($0.kind == .manual) == (proofBytes > 0) }.map { (exercise.id, $0) }
        }
        var generator = SplitMix64(seed: 7)
        let learners = (0..<count).map { index in
            Learner(id: generator.uuid(), handle: "learner\(index)", displayName: "Learner \(index)",
                    createdAt: Date(millisecondsSince1970: 1_700_000_000_000))
        }
        // The source's own device: its export signs these attempts (see `run`).
        let device = try store.settings.deviceID()
        _ = generator.uuid()
        let grader = PartGrader()
        var grades: [String: PartGrade] = [:]
        // Each part's right answer (the key as shown) and common wrong or unreadable ones.
        let pools: [[String]] = parts.map { _, part in
            let key = (try? PartKey(json: part.keyJSON))?.displayText ?? "0"
            return [key, key, key, "0", "x", "2*x", "1/x", "sin(x)", "x^2 +", "e^x"]
        }
        try store.transaction {
            for learner in learners { try store.learners.insert(learner) }
            var index = 0
            let rows = AnyIterator<Attempt> {
                guard index < attempts else { return nil }
                defer { index += 1 }
                let partIndex = Int(generator.next() % UInt64(parts.count))
                let (exerciseID, part) = parts[partIndex]
                let unique = Double(generator.next() % 1_000_000) / 1_000_000 < uniqueShare
                let answer = proofBytes > 0 ? Self.proof(index, bytes: proofBytes)
                    : unique ? "x^2 + \(index)" : pools[partIndex][Int(generator.next() % 10)]
                let cacheKey = exerciseID + "\u{0}" + part.label + "\u{0}" + answer
                let grade = grades[cacheKey] ?? grader.grade(answer, part: part)
                if !unique, proofBytes == 0 { grades[cacheKey] = grade }
                let submittedAt = Date(millisecondsSince1970: 1_700_000_000_000 + Int64(index) * 1000)
                return Attempt(
                    id: .timeOrdered(at: submittedAt, using: &generator), learnerID: learners[index % count].id,
                    exerciseID: exerciseID, part: part.label, answer: answer, submittedAt: submittedAt,
                    deviceID: device, graderVersion: GraderVersion.current, verdict: grade.verdict,
                    score: grade.score, feedback: grade.feedback, mistake: grade.mistake)
            }
            try store.attempts.insert(contentsOf: rows, pausingCheckpoints: true)
        }
    }
}

extension SyncBenchmarkData {
    /// A proof text of exactly `bytes` bytes, different for every `index`.
    static func proof(_ index: Int, bytes: Int) -> String {
        let head = "Proof \(index): by the Mean Value Theorem "
        let filler = "f(b) - f(a) = f'(c)(b - a) for some c in (a, b). "
        var text = head
        while text.utf8.count < bytes { text += filler }
        return String(decoding: text.utf8.prefix(bytes), as: UTF8.self)
    }
}

/// Samples this process's anonymous resident memory (RssAnon) on a background thread, keeping
/// the peak: the kernel keeps a peak only for all resident memory, mapped files included.
final class AnonymousMemorySampler: @unchecked Sendable {
    private let lock = NSLock()
    private var peak = 0
    private var running = true

    init() {
        let thread = Thread { [self] in
            while true {
                let now = Self.anonymousKilobytes()
                lock.lock()
                peak = max(peak, now)
                let keepGoing = running
                lock.unlock()
                if !keepGoing { return }
                usleep(2_000)
            }
        }
        thread.start()
    }

    /// Stops sampling; returns the peak in kilobytes.
    func stop() -> Int {
        let last = Self.anonymousKilobytes()
        lock.lock()
        defer { lock.unlock() }
        running = false
        return max(peak, last)
    }

    /// RssAnon, as resident less shared pages from /proc/self/statm (the same figure
    /// /proc/self/status prints): a few hundred bytes read into a buffer, not a whole status
    /// file parsed as `Character`s every 2 ms, so the sampler takes no measurable share of the
    /// cores it measures.
    static func anonymousKilobytes() -> Int {
        let descriptor = open("/proc/self/statm", O_RDONLY)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = read(descriptor, &bytes, bytes.count)
        guard count > 0 else { return 0 }
        // size resident shared text lib data dt, in pages.
        let fields = bytes[..<count].split(separator: UInt8(ascii: " ")).prefix(3).map { field in
            field.reduce(0) { $1 >= 0x30 && $1 <= 0x39 ? $0 * 10 + Int($1 - 0x30) : $0 }
        }
        guard fields.count == 3 else { return 0 }
        return (fields[1] - fields[2]) * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
    }
}

/// The process's peak resident memory (VmHWM), in kilobytes.
func peakResidentKilobytes() -> Int {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
       let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss)
}

private func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}
