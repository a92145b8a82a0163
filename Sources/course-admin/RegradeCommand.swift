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
        let store = try database.openStore(checkingIntegrity: true)
        let report: RegradeReport
        report = try CourseService(store: store).regrade(exerciseID: exercise)
        if json { print(encodeJSON(report)); return }
        let verdicts = report.changes.filter { $0.before != $0.after }
        let scores = report.changes.filter { $0.before == $0.after && $0.scoreBefore != $0.scoreAfter }
        print("Re-graded \(report.examined) answers: \(verdicts.count) verdict\(verdicts.count == 1 ? "" : "s") changed, \(scores.count) score\(scores.count == 1 ? "" : "s") changed with the same verdict.")
        if !verdicts.isEmpty { print("Verdict changes:") }
        for change in verdicts {
            print("  \(change.learner) \(change.exercise)\(change.part): \(change.before.rawValue) → \(change.after.rawValue) (score \(percent(change.scoreBefore)) → \(percent(change.scoreAfter)))")
        }
        if !scores.isEmpty { print("Score changes:") }
        for change in scores {
            print("  \(change.learner) \(change.exercise)\(change.part): \(change.after.rawValue), score \(percent(change.scoreBefore)) → \(percent(change.scoreAfter))")
        }
        if !report.learnersReplayed.isEmpty {
            print("Mastery replayed for: \(report.learnersReplayed.joined(separator: ", "))")
        }
    }
}
