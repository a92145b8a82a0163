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
            course-admin review decide --attempt ID --reject      (an attempt id from 'review list')
            ('decide' may be left out: course-admin review ex6 --learner ada --accept)
            A decision can be changed by deciding again: the later one wins, as in sync.
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
            let pending = try CourseService(store: try database.openExistingStore()).pendingReviews()
            if json { print(encodeJSON(pending)); return }
            if pending.isEmpty { print("Nothing is waiting for review."); return }
            let formatter = ISO8601DateFormatter()
            for item in pending {
                print("\(TerminalText.visible(item.exercise + item.part))  \(TerminalText.visible(item.learner))  \(formatter.string(from: item.submittedAt))  attempt \(item.attemptID.uuidString)")
                if let rubric = item.rubric { print(indent("rubric: " + rubric, by: 4), terminator: "") }
                print(indent("answer: " + TerminalText.visibleKeepingLines(item.answer), by: 4), terminator: "")
            }
            print("Decide with: course-admin review EXERCISE --learner HANDLE --accept|--reject, or --attempt ID")
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

        @Argument(help: "The exercise whose answer you decide on (e.g. ex6); not with --attempt.")
        var exercise: String?

        @Option(name: .long, help: "The learner whose answer you decide on; not with --attempt.")
        var learner: String?

        @Option(name: .long, help: "The attempt to decide, by the id 'review list' shows (also one decided before).")
        var attempt: String?

        @Flag var decision: Decision

        @Option(name: .long, help: "A comment for the learner.")
        var comment: String = ""

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func validate() throws {
            if let attempt {
                if exercise != nil || learner != nil {
                    throw ValidationError("Give either --attempt ID, or EXERCISE with --learner HANDLE, not both.")
                }
                if UUID(uuidString: attempt) == nil {
                    throw ValidationError("'\(attempt)' is not an attempt id: copy the id from 'course-admin review list'.")
                }
            } else if exercise == nil || learner == nil {
                throw ValidationError("Name the answer to decide: EXERCISE --learner HANDLE, or --attempt ID from 'course-admin review list'.")
            }
        }

        func run() throws {
            let service = CourseService(store: try database.openStore())
            let result: ReviewResult
            if let attempt, let id = UUID(uuidString: attempt) {
                result = try service.review(attemptID: id, accept: decision == .accept, comment: comment)
            } else {
                result = try service.review(
                    exerciseID: exercise ?? "", learner: learner ?? "", accept: decision == .accept, comment: comment)
            }
            if json { print(encodeJSON(result)); return }
            let change = result.replaced.map { " (changed from \($0 ? "accepted" : "rejected"); the later decision wins)" } ?? ""
            print("\(result.accepted ? "Accepted" : "Rejected") \(TerminalText.visible(result.learner))'s answer to \(result.exercise)\(result.part)\(change).")
            for change in result.mastery {
                print("  \(change.title): \(percent(change.before)) → \(percent(change.after))")
            }
        }
    }
}
