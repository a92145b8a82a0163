import ArgumentParser
import CourseCLI
import Foundation
import CourseService

/// `course check`: a preview that does not count (WeBWorK's Preview).
struct CheckCommand: AnswerCommand {
    // `_superCommandName`: parsed directly, not through `course` (see `CommandRunner.directSubcommand`).
    static let configuration = CommandConfiguration(
        commandName: "check",
        _superCommandName: "course",
        abstract: "Preview how an answer file is read and graded, without storing it or moving your mastery."
    )

    // Flat, not option groups: see `AnswerCommand`.
    @Option(name: .long, help: DatabaseOptions.help)
    var db: String?

    @Option(name: .long, help: LearnerOptions.help)
    var learner: String?

    @Argument(help: AnswerArgumentHelp.exercise)
    var exercise: String

    @Argument(help: AnswerArgumentHelp.file)
    var file: String

    @Flag(name: .long, help: "Print the result as one JSON object (\"stored\" is false).")
    var json = false

    func run() throws {
        let store = try DatabaseOptions(db: db).openExistingStore()
        let learner = try LearnerOptions(learner: self.learner).current(in: store)
        let result = try CourseService(store: store).check(learner: learner, reference: exercise, file: try readAnswerFile(file))
        if json { print(result.json); return }
        print(SubmissionReport(result: result, terminal: .standard).text, terminator: "")
    }
}
