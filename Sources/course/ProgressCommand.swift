import ArgumentParser
import CourseCLI
import Foundation
import CourseService

struct ProgressCommand: ParsableCommand {
    // `_superCommandName`: parsed directly, not through `course` (see `CommandRunner.directSubcommand`).
    static let configuration = CommandConfiguration(
        commandName: "progress",
        _superCommandName: "course",
        abstract: "Show your mastery of each learning objective and the exercise to do next."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var learnerOptions: LearnerOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try database.openExistingStore()
        let learner = try learnerOptions.current(in: store)
        let progress: LearnerProgress
        progress = try CourseService(store: store).progress(learner: learner)
        if json { print(encodeJSON(progress)); return }
        try announceNewReviews(CourseService(store: store), learner: learner)
        let terminal = Terminal.standard
        print(terminal.bold("Progress of \(learner.handle)"))
        let width = progress.objectives.map(\.title.count).max() ?? 0
        for objective in progress.objectives {
            let title = objective.title.rightPadded(to: width)
            let mark = objective.mastered ? " " + terminal.check : ""
            let value = percent(objective.pKnown).leftPadded(to: 4)
            print("  \(title)  \(terminal.bar(objective.pKnown)) \(value)\(mark)")
        }
        if !progress.contentImported {
            print("No exercises are imported yet: run 'course-admin import seeds' (or ask your instructor to).")
        } else if let next = progress.next {
            print("Next: course show \(next)")
        } else if !progress.waitingForReview.isEmpty {
            print("Everything else is done; \(progress.waitingForReview.joined(separator: ", ")) waits for your instructor's review.")
        } else {
            print("Every exercise is done.")
        }
    }
}

extension String {
    /// The text with spaces before it to `width` characters, as it is when longer.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    /// A table's column: the text with spaces after it to `width` characters, or cut to
    /// `width` when longer.
    func rightPadded(to width: Int) -> String {
        count >= width ? String(prefix(width)) : self + String(repeating: " ", count: width - count)
    }
}
