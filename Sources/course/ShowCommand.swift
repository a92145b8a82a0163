import ArgumentParser
import CourseCLI
import Foundation
import CourseService

struct ShowCommand: ParsableCommand {
    // `_superCommandName`: parsed directly, not through `course` (see `CommandRunner.directSubcommand`).
    static let configuration = CommandConfiguration(
        commandName: "show",
        _superCommandName: "course",
        abstract: "Show an exercise with your own work on it: status, score, last answers, hints and the key once revealed."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var learnerOptions: LearnerOptions

    @Argument(help: "The exercise, e.g. ex4 or drill1 (any case).")
    var exercise: String

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try database.openExistingStore()
        let learner = try learnerOptions.current(in: store)
        let view = try CourseService(store: store).exerciseView(learner: learner, reference: exercise)
        if json { print(encodeJSON(view)); return }
        try announceNewReviews(CourseService(store: store), learner: learner)
        print(LearnerViews.exercise(view, terminal: .standard), terminator: "")
    }
}
