import ArgumentParser
import CourseCLI
import Foundation
import CourseService

struct ExercisesCommand: ParsableCommand {
    // `_superCommandName`: parsed directly, not through `course` (see `CommandRunner.directSubcommand`).
    static let configuration = CommandConfiguration(
        commandName: "exercises",
        _superCommandName: "course",
        abstract: "List every exercise with your status and score."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var learnerOptions: LearnerOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try database.openExistingStore()
        let learner = try learnerOptions.current(in: store)
        let statuses = try CourseService(store: store).exerciseStatuses(learnerID: learner.id)
        if json { print(encodeJSON(statuses)); return }
        try announceNewReviews(CourseService(store: store), learner: learner)
        if statuses.isEmpty {
            print("No exercises are imported yet: run 'course-admin import seeds' (or ask your instructor to).")
            return
        }
        print(Self.table(statuses, terminal: .standard), terminator: "")
    }

    /// One row per exercise in fixed columns separated by two spaces: the id column as wide as
    /// the longest id, titles cut to `titleWidth` with "…", so columns never run together.
    static func table(_ statuses: [ExerciseStatus], terminal: Terminal, titleWidth: Int = 44) -> String {
        let idWidth = statuses.map(\.exercise.count).max() ?? 0
        var out = ""
        for status in statuses {
            let state: String
            switch status.state {
            case .notStarted: state = "not started"
            case .inProgress: state = "in progress"
            case .done: state = terminal.green("done")
            }
            let id = status.exercise.rightPadded(to: idWidth)
            let title = shortened(status.title, to: titleWidth).rightPadded(to: titleWidth)
            let score = status.state == .notStarted ? "" : "  \(percent(status.score))"
            out += "\(id)  \(title)  \(state)\(score)\n"
        }
        return out
    }
}

