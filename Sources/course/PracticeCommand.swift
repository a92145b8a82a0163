import ArgumentParser
import CourseCLI
import CourseService
import Foundation

struct PracticeCommand: ParsableCommand {
    // `_superCommandName`: parsed directly, not through `course` (see `CommandRunner.directSubcommand`).
    static let configuration = CommandConfiguration(
        commandName: "practice",
        _superCommandName: "course",
        abstract: "Get a fresh, generated exercise for your weakest objective.",
        discussion: """
            Picks the objective with the lowest mastery among those not yet mastered that have \
            generated practice (or the one --objective names), and a tier: the highest of 1 to 3 \
            whose predicted chance of a right first answer is at least 70%. The item is shown like \
            'course show' and becomes your current practice item: answer it with \
            'course submit practice FILE'. Until you answer it, 'course practice' shows it again.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var learnerOptions: LearnerOptions

    @Option(name: .long, help: "Practise this objective instead of the weakest, by its id (such as composite-implicit-inverse).")
    var objective: String?

    @Flag(name: .long, help: "Print the item as one JSON object.")
    var json = false

    func run() throws {
        let store = try database.openStore()
        let learner = try learnerOptions.current(in: store)
        let view = try CourseService(store: store).practice(learner: learner, objectiveID: objective)
        if json { print(encodeJSON(view)); return }
        print(LearnerViews.practice(view, terminal: .standard), terminator: "")
    }
}
