import ArgumentParser
import Content
import CourseModels
import CourseStore
import Foundation
import Practice

/// `course-bench practice`: the cost of one generated item (drawn, checked and verified, which is
/// also what rebuilding it from its seed costs), and `course practice` as a whole process next
/// to `course show` in the same run.
struct PracticeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice",
        abstract: "Generate-and-verify time per practice item, and 'course practice' against 'course show' as processes."
    )

    @Option(help: "Seeds per family and tier.")
    var seeds = 200

    @Option(help: "Processes of each kind to time.")
    var runs = 41

    @Option(help: "The Seeds folder (default: found from the working directory or the executable).")
    var content: String?

    func run() throws {
        try generation()
        try processes()
    }

    private func generation() throws {
        var all: [Double] = []
        var lines: [String] = []
        for family in PracticeFamily.allCases {
            var times: [Double] = []
            for tier in PracticeFamily.tiers {
                for seed in 0..<UInt64(seeds) {
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = try PracticeGenerator.item(family: family, tier: tier, seed: seed &* 0x9E37_79B9)
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3)
                }
            }
            times.sort()
            all += times
            lines.append("  " + family.rawValue.padding(toLength: 26, withPad: " ", startingAt: 0)
                + String(format: "median %7.1f µs, p90 %7.1f µs, max %8.1f µs",
                         times[times.count / 2], times[times.count * 9 / 10], times[times.count - 1]))
        }
        all.sort()
        print("generate and verify one item, \(all.count) items (\(seeds) seeds × 3 tiers × \(PracticeFamily.allCases.count) families):")
        for line in lines { print(line) }
        print(String(format: "  all: median %.1f µs, p90 %.1f µs, max %.1f µs (bar: median ≤ 1000 µs)",
                     all[all.count / 2], all[all.count * 9 / 10], all[all.count - 1]))
    }

    private func processes() throws {
        guard let seedFolder = content.map({ URL(fileURLWithPath: $0) }) ?? SeedLocator.defaultDirectory() else {
            throw ValidationError("cannot find the Seeds folder; pass --content PATH")
        }
        let course = try courseBinary()
        let folder = FileManager.default.temporaryDirectory.appending(path: "course-bench-practice-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appending(path: "course.db").path
        do {
            let store = try Store(path: database)
            _ = try SeedImporter(directory: seedFolder).importInto(store)
            try store.learners.insert(Learner(handle: "ada", displayName: "Ada"))
        }
        let wrong = folder.appending(path: "wrong.txt")
        try "0\n".write(to: wrong, atomically: true, encoding: .utf8)
        func time(_ arguments: [String]) throws -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            let status = try spawnAndWait(course.path, ["course"] + arguments + ["--db", database, "--learner", "ada"])
            guard status == 0 else { throw ValidationError("course \(arguments.joined(separator: " ")) exited with status \(status)") }
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        }
        _ = try time(["practice"])
        var show: [Double] = [], again: [Double] = [], fresh: [Double] = []
        for _ in 0..<runs {
            show.append(try time(["show", "drill1"]))
            // An answered item makes the next 'course practice' draw a new one; the answer is not timed.
            _ = try spawnAndWait(course.path, ["course", "submit", "practice", wrong.path, "--db", database, "--learner", "ada"])
            fresh.append(try time(["practice"]))
            again.append(try time(["practice"]))
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        print("whole processes, \(runs) runs each, interleaved:")
        print(String(format: "  course show drill1            median %.2f ms", median(show)))
        print(String(format: "  course practice (new item)    median %.2f ms  (%+.2f ms against show)", median(fresh), median(fresh) - median(show)))
        print(String(format: "  course practice (shown again) median %.2f ms  (%+.2f ms against show)", median(again), median(again) - median(show)))
        print("  (bar: course practice within 2 ms of course show)")
    }
}
