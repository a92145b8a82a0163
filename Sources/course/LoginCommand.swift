import ArgumentParser
import CourseCLI
import CourseService

struct LoginCommand: ParsableCommand {
    // `_superCommandName`: parsed directly, not through `course` (see `CommandRunner.directSubcommand`).
    static let configuration = CommandConfiguration(
        commandName: "login",
        _superCommandName: "course",
        abstract: "Remember which learner you are on this machine (creating you on a personal machine)."
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Your handle: letters, digits, '-', '_' or '.'.")
    var handle: String

    @Option(name: .long, help: "Your display name, when the learner is created.")
    var name: String?

    func run() throws {
        let store = try database.openStore()
        let (learner, created) = try LearnerSelection(store: store).login(handle: handle, displayName: name)
        if created {
            print("Created learner '\(learner.handle)' on this machine and logged in.")
        } else {
            print("Logged in as '\(learner.handle)' (\(learner.displayName)).")
        }
    }
}
