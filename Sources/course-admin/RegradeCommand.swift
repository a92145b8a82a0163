import ArgumentParser
import CourseCLI
import Foundation
import CourseService

struct RegradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regrade",
        abstract: "Re-grade stored answers against the current keys, print what changed, and replay mastery."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: "Only this exercise.")
    var exercise: String?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try database.openStore()
        let report: RegradeReport
        report = try CourseService(store: store).regrade(exerciseID: exercise)
        if json { print(encodeJSON(report)); return }
        print("Re-graded \(report.examined) answers: \(report.changes.count) verdicts changed.")
        for change in report.changes {
            print("  \(change.learner) \(change.exercise)\(change.part): \(change.before.rawValue) → \(change.after.rawValue)")
        }
        if !report.learnersReplayed.isEmpty {
            print("Mastery replayed for: \(report.learnersReplayed.joined(separator: ", "))")
        }
    }
}
