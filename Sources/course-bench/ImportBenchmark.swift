import ArgumentParser
import CourseStore
import Foundation
import Content
import CourseService
import Grading

/// `course-bench import`: the bar of issue 5, the whole import of `Seeds/` (load, check every
/// key, compute numeric keys, open and migrate a fresh database, store) in under 200 ms.
///
/// Each run imports into a new database file in a temporary folder. The first run is reported
/// on its own, since it is what `course-admin import seeds` costs in a fresh process.
struct ImportBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Time the whole seed import into a fresh temporary database."
    )

    @Argument(help: "The seed folder (default: Seeds/ found from the working directory upwards, or beside this tool's package).")
    var directory: String?

    @Option(help: "How many imports to time, each into a new database.")
    var runs = 10

    func validate() throws {
        guard runs > 0 else { throw ValidationError("--runs must be a positive number.") }
    }

    func run() throws {
        guard let seeds = directory.map({ URL(fileURLWithPath: $0) }) ?? SeedLocator.defaultDirectory() else {
            throw ValidationError("No Seeds/ folder found; give the folder: course-bench import DIR")
        }
        let folder = FileManager.default.temporaryDirectory
            .appending(path: "course-bench-import-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let importer = SeedImporter(directory: seeds)
        var times: [Double] = []
        var last: ImportReport?
        for index in 0..<runs {
            let path = folder.appending(path: "run\(index).db").path
            let start = ContinuousClock.now
            let store = try Store(path: path)
            last = try importer.importInto(store)
            times.append((ContinuousClock.now - start).seconds)
        }
        let sorted = times.sorted()
        print("import benchmark: \(seeds.path), \(runs) run\(runs == 1 ? "" : "s"), each into a fresh database")
        if let last { print("  objectives \(last.objectives.added.count), exercises \(last.exercises.added.count)") }
        print(String(format: "first run:   %7.1f ms  (bar < 200 ms)", times[0] * 1000))
        print(String(format: "median:      %7.1f ms", sorted[sorted.count / 2] * 1000))
        print(String(format: "min / max:   %7.1f / %.1f ms", sorted[0] * 1000, sorted[sorted.count - 1] * 1000))
    }
}

extension Duration {
    fileprivate var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) * 1e-18
    }
}
