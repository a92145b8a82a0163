import ArgumentParser
import CourseCLI
import Foundation
import CourseService

struct ExercisesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises",
        abstract: "List every exercise with your status and score."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var learnerOptions: LearnerOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try database.openStore()
        let learner = try learnerOptions.current(in: store)
        let statuses: [ExerciseStatus]
        statuses = try CourseService(store: store).exerciseStatuses(learnerID: learner.id)
        if json { print(encodeJSON(statuses)); return }
        try announceNewReviews(CourseService(store: store), learner: learner)
        if statuses.isEmpty {
            print("No exercises yet: ask your instructor to run 'course-admin import seeds'.")
            return
        }
        let terminal = Terminal.standard
        for status in statuses {
            let state: String
            switch status.state {
            case .notStarted: state = "not started"
            case .inProgress: state = "in progress"
            case .done: state = terminal.green("done")
            }
            let id = status.exercise.padding(toLength: 8, withPad: " ", startingAt: 0)
            let title = status.title.padding(toLength: 44, withPad: " ", startingAt: 0)
            let score = status.state == .notStarted ? "" : "  \(percent(status.score))"
            print("\(id)\(title)\(state)\(score)")
        }
    }
}

