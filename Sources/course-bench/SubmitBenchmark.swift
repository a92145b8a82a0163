import ArgumentParser
import CourseModels
import CourseStore
import Foundation
import CalculusCore
import Content
import CourseService
import Grading

/// `course-bench submit`: `course submit` as a whole process, on a database holding many attempts.
///
/// Builds a temporary database with the seed content, `--learners` learners and `--attempts`
/// graded attempts spread over the seed exercises (the measured learner holds its share), then runs
/// the built `course` binary `--runs` times, alternating a right and a wrong answer so that no
/// run is the "identical to last" shortcut, and prints the median and 90th-percentile wall time.
/// With `--hello`, a reference program (a static Swift "hello" that imports Foundation) is run
/// between the submissions and the median ratio is printed: wall times drift by 2× from run to
/// run on a loaded machine, their ratio within one run much less.
struct SubmitBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Median wall time of a whole 'course submit' process on a database of many attempts."
    )

    @Option(help: "Attempts already in the database.")
    var attempts = 100_000

    @Option(help: "Learners sharing them.")
    var learners = 100

    @Option(help: "How many submissions to time.")
    var runs = 41

    @Option(help: "The Seeds folder (default: found from the working directory or the executable).")
    var seeds: String?

    @Flag(help: "Keep the temporary database and answer files.")
    var keep = false

    @Option(help: "The course binary to time (default: the one beside course-bench), e.g. ~/.local/bin/course from scripts/install.sh.")
    var course: String?

    @Option(help: "Another 'course' binary (an earlier build) to time alternately with this one, each on its own copy of the database; prints both medians and their ratio.")
    var reference: String?

    @Option(help: "A reference program timed between the submissions, e.g. a static Swift \"hello\" importing Foundation.")
    var hello: String?

    func run() throws {
        guard let seedFolder = seeds.map({ URL(fileURLWithPath: $0) }) ?? SeedLocator.defaultDirectory() else {
            throw ValidationError("cannot find the Seeds folder; pass --seeds PATH")
        }
        let course = try course.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath) } ?? courseBinary()
        guard FileManager.default.isExecutableFile(atPath: course.path) else {
            throw ValidationError("cannot find the 'course' binary at \(course.path); build it first (swift build -c release) or pass --course PATH")
        }
        if let hello, !FileManager.default.isExecutableFile(atPath: hello) {
            throw ValidationError("cannot run the reference program '\(hello)'; pass the path of an executable")
        }
        let folder = FileManager.default.temporaryDirectory.appending(path: "course-bench-submit-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer {
            if keep { print("kept \(folder.path)") } else { try? FileManager.default.removeItem(at: folder) }
        }
        let database = folder.appending(path: "course.db").path

        try populate(database, seedFolder: seedFolder)
        var programs = [(name: "this build", course: course, database: database)]
        if let reference {
            guard FileManager.default.isExecutableFile(atPath: reference) else {
                throw ValidationError("--reference \(reference) is not an executable file; give the path of a built 'course'")
            }
            let copy = folder.appending(path: "reference.db").path
            try populate(copy, seedFolder: seedFolder)
            programs.append((name: "reference", course: URL(fileURLWithPath: reference), database: copy))
        }
        try runSubmissions(programs, folder: folder)
    }

    /// Fills the database, then closes it (so the timed processes are the only users, as in real use).
    private func populate(_ database: String, seedFolder: URL) throws {
        let store = try Store(path: database)
        _ = try SeedImporter(directory: seedFolder).importInto(store)
        let exercises = try store.content.exercises()
        var generator = SplitMix64(seed: 7)
        let people = (0..<learners).map { index in
            Learner(id: generator.uuid(), handle: "learner\(index)", displayName: "Learner \(index)",
                    createdAt: Date(millisecondsSince1970: 1_700_000_000_000))
        }
        for learner in people { try store.learners.insert(learner) }
        let slots = exercises.flatMap { exercise in exercise.parts.map { (exercise.id, $0.label) } }
        let device = try store.settings.deviceID()
        var rows: [Attempt] = []
        rows.reserveCapacity(attempts)
        for index in 0..<attempts {
            let (exercise, part) = slots[index % slots.count]
            let at = Date(millisecondsSince1970: 1_700_000_000_000 + Int64(index) * 1000)
            let correct = index % 3 != 0
            rows.append(Attempt(
                id: .timeOrdered(at: at, using: &generator), learnerID: people[index % people.count].id,
                exerciseID: exercise, part: part, answer: correct ? "right" : "wrong", submittedAt: at,
                deviceID: device, graderVersion: GraderVersion.current, verdict: correct ? .correct : .incorrect,
                score: correct ? 1 : 0, feedback: ""))
        }
        try store.attempts.insert(contentsOf: rows, pausingCheckpoints: true)
        let service = CourseService(store: store)
        _ = try service.replayMastery(learnerID: people[0].id)
        print("database: \(try store.attempts.count()) attempts, \(learners) learners, \(exercises.count) exercises")
    }

    /// Times `runs` submissions of each program, interleaved run by run so that the machine's
    /// load drifts alike for all of them.
    private func runSubmissions(_ programs: [(name: String, course: URL, database: String)], folder: URL) throws {
        let right = folder.appending(path: "right.txt"), wrong = folder.appending(path: "wrong.txt")
        try "a) 12x^3 - 4x\nb) e^x (1 + 2x)/(2√x)\nc) (x^2 - 2x - 1)/(x - 1)^2\n".write(to: right, atomically: true, encoding: .utf8)
        try "a) 12x^3 - 4\nb) e^x/(2√x)\nc) (x^2 + 1)/(x - 1)^2\n".write(to: wrong, atomically: true, encoding: .utf8)
        var times = Array(repeating: [Double](), count: programs.count)
        var references: [Double] = []
        for run in 0..<runs {
            if let hello {
                let start = DispatchTime.now().uptimeNanoseconds
                guard try spawnAndWait(hello, [hello]) == 0 else {
                    throw ValidationError("the reference program '\(hello)' failed")
                }
                references.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            for (index, program) in programs.enumerated() {
                let arguments = ["course", "submit", "ex1", (run % 2 == 0 ? right : wrong).path,
                                 "--db", program.database, "--learner", "learner0"]
                let start = DispatchTime.now().uptimeNanoseconds
                let status = try spawnAndWait(program.course.path, arguments)
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                guard status == 0 else {
                    throw ValidationError("\(program.name): course submit exited with status \(status)")
                }
                times[index].append(elapsed)
            }
        }
        var medians: [Double] = []
        for (index, program) in programs.enumerated() {
            let sorted = times[index].sorted()
            let median = sorted[sorted.count / 2]
            let p90 = sorted[min(sorted.count - 1, sorted.count * 9 / 10)]
            medians.append(median)
            print(program.name + String(format: ": course submit ex1 (3 parts), %d runs: median %.1f ms, p90 %.1f ms, min %.1f ms (bar: median ≤ 15 ms)",
                                        runs, median, p90, sorted[0]))
        }
        if medians.count == 2 {
            print(String(format: "ratio this build / reference: %.3f (medians)", medians[0] / medians[1]))
        }
        if !references.isEmpty {
            references.sort()
            let reference = references[references.count / 2]
            print(String(format: "reference %@: median %.1f ms; submit / reference = %.1f× (bar: at most 4×)",
                         URL(fileURLWithPath: hello ?? "").lastPathComponent, reference, medians[0] / reference))
        }
    }
}

/// The `course` binary beside this one, which the process benchmarks time.
/// - Throws: `ValidationError` saying to build it when it is missing.
func courseBinary() throws -> URL {
    let course = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent().appending(path: "course")
    guard FileManager.default.isExecutableFile(atPath: course.path) else {
        throw ValidationError("cannot find the 'course' binary beside course-bench; build it first (swift build -c release)")
    }
    return course
}

/// Runs a program with `posix_spawn`, its output sent to /dev/null, and waits for it.
///
/// Foundation's `Process` closes every possible descriptor in the child, which costs tens of
/// milliseconds where the descriptor limit is high; that would be measured as part of `course`.
func spawnAndWait(_ path: String, _ arguments: [String]) throws -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, path, &actions, nil, &argv, environ)
    guard code == 0 else { throw ValidationError("cannot start \(path): error \(code)") }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return (status >> 8) & 0xFF
}
