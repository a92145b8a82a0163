import ArgumentParser

/// Benchmarks for the performance bars in the issues. Run in release mode:
/// `swift run -c release course-bench <suite>`.
@main
struct CourseBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course-bench",
        abstract: "Measure the speed of the calculus core, storage, grading and sync.",
        subcommands: [
            // Each suite lives in its own file and registers itself here.
            CalcBenchmark.self,
            StoreBenchmark.self,
            NumericsBenchmark.self,
            ImportBenchmark.self,
            SyncBenchmark.self,
            SubmitBenchmark.self,
            GrowthBenchmark.self,
            ParseBenchmark.self,
            JSONLinesBenchmark.self,
            LRSBenchmark.self,
            PracticeBenchmark.self,
        ]
    )
}
