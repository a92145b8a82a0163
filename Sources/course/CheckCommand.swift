import ArgumentParser
import CourseCLI
import Foundation
import CourseService

/// `course check`: a preview that does not count (WeBWorK's Preview).
struct CheckCommand: ParsableCommand {
    // `_superCommandName`: parsed directly, not through `course` (see `CommandRunner.directSubcommand`).
    static let configuration = CommandConfiguration(
        commandName: "check",
        _superCommandName: "course",
        abstract: "Preview how an answer file is read and graded, without storing it or moving your mastery."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var learnerOptions: LearnerOptions

    @OptionGroup var answer: AnswerArguments

    @Flag(name: .long, help: "Print the result as one JSON object (\"stored\" is false).")
    var json = false

    func run() throws {
        let store = try database.openExistingStore()
        let learner = try learnerOptions.current(in: store)
        let result = try CourseService(store: store).check(learner: learner, reference: answer.exercise, file: try readAnswerFile(answer.file))
        if json { print(result.json); return }
        print(SubmissionReport(result: result, terminal: .standard).text, terminator: "")
    }
}
