import ArgumentParser
import CourseCLI
import CourseModels
import Foundation
import CourseService

struct LearnersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learners",
        abstract: "Add and list learners.",
        subcommands: [Add.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a learner to this machine.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The learner's handle: letters, digits, '-', '_' or '.'.")
        var handle: String

        @Option(name: .long, help: "The learner's display name (default: the handle).")
        var name: String?

        func run() throws {
            let store = try database.openStore()
            let learner = try LearnerSelection(store: store).add(handle: handle, displayName: name)
            print("Added learner '\(TerminalText.visible(learner.handle))' (\(TerminalText.visible(learner.displayName))), id \(learner.id.uuidString.lowercased()).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the learners on this machine.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let learners = try CourseService(store: try database.openStore()).learners()
            if learners.isEmpty {
                print("No learners yet: add one with 'course-admin learners add HANDLE'.")
                return
            }
            for row in learners {
                print("\(TerminalText.visible(row.learner.handle))\t\(TerminalText.visible(row.learner.displayName))\t\(row.attempts) attempts")
            }
        }
    }
}
