import ArgumentParser
import CourseCLI
import Foundation
import CourseService

struct HistoryCommand: ParsableCommand {
    // `_superCommandName`: parsed directly, not through `course` (see `CommandRunner.directSubcommand`).
    static let configuration = CommandConfiguration(
        commandName: "history",
        _superCommandName: "course",
        abstract: "List your past attempts: time, verdict, score, whether it counted for mastery, the answer."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var learnerOptions: LearnerOptions

    @Argument(help: "Only this exercise (e.g. ex4).")
    var exercise: String?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try database.openExistingStore()
        let learner = try learnerOptions.current(in: store)
        let entries = try CourseService(store: store).history(learnerID: learner.id, exercise: exercise)
        if json { print(encodeJSON(entries)); return }
        try announceNewReviews(CourseService(store: store), learner: learner)
        if entries.isEmpty {
            print("You have no attempts yet\(exercise.map { " at \($0)" } ?? ""): submit one with 'course submit EXERCISE FILE'.")
            return
        }
        print(LearnerViews.history(entries, terminal: .standard), terminator: "")
    }
}
