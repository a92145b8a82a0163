import ArgumentParser
import CourseCLI
import CourseModels
import Foundation
import CourseService

/// `course-admin review`: the queue of answers waiting for a person, and the decisions on them.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List answers waiting for review, or accept or reject one.",
        discussion: """
            course-admin review list
            course-admin review decide ex6 --learner ada --accept [--comment "Clear use of the MVT."]
            ('decide' may be left out: course-admin review ex6 --learner ada --accept)
            """,
        subcommands: [List.self, Decide.self],
        defaultSubcommand: Decide.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the answers waiting for review, oldest first.")

        @OptionGroup var database: DatabaseOptions

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() throws {
            let pending = try CourseService(store: try database.openStore()).pendingReviews()
            if json { print(encodeJSON(pending)); return }
            if pending.isEmpty { print("Nothing is waiting for review."); return }
            let formatter = ISO8601DateFormatter()
            for item in pending {
                print("\(TerminalText.visible(item.exercise + item.part))  \(TerminalText.visible(item.learner))  \(formatter.string(from: item.submittedAt))")
                print(indent(TerminalText.visibleKeepingLines(item.answer), by: 4), terminator: "")
            }
            print("Decide with: course-admin review EXERCISE --learner HANDLE --accept|--reject")
        }
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept or reject a learner's latest answer waiting for review, and replay their mastery.")

        /// The instructor's decision.
        enum Decision: String, EnumerableFlag {
            case accept, reject

            static func help(for value: Decision) -> ArgumentHelp? {
                switch value {
                case .accept: return "Accept the answer (it counts as correct)."
                case .reject: return "Reject the answer (it counts as wrong)."
                }
            }
        }

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The exercise whose answer you decide on (e.g. ex6).")
        var exercise: String

        @Option(name: .long, help: "The learner whose answer you decide on.")
        var learner: String

        @Flag var decision: Decision

        @Option(name: .long, help: "A comment for the learner.")
        var comment: String = ""

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() throws {
            let result = try CourseService(store: try database.openStore()).review(
                exerciseID: exercise, learner: learner, accept: decision == .accept, comment: comment)
            if json { print(encodeJSON(result)); return }
            print("\(result.accepted ? "Accepted" : "Rejected") \(TerminalText.visible(result.learner))'s answer to \(result.exercise)\(result.part).")
            for change in result.mastery {
                print("  \(change.title): \(percent(change.before)) → \(percent(change.after))")
            }
        }
    }
}
