import ArgumentParser
import CourseCLI
import Foundation
import CourseService

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List answers waiting for review, or accept or reject one.",
        discussion: """
            course-admin review list
            course-admin review ex6 --learner ada --accept [--comment "Clear use of the MVT."]
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "'list', or the exercise whose answer you decide on (e.g. ex6).")
    var target: String

    @Option(name: .long, help: "The learner whose answer you decide on.")
    var learner: String?

    @Flag(name: .long, help: "Accept the answer (it counts as correct).")
    var accept = false

    @Flag(name: .long, help: "Reject the answer (it counts as wrong).")
    var reject = false

    @Option(name: .long, help: "A comment for the learner.")
    var comment: String = ""

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func validate() throws {
        if target == "list" {
            if learner != nil || accept || reject {
                throw ValidationError("'review list' takes no --learner, --accept or --reject")
            }
            return
        }
        guard learner != nil else { throw ValidationError("name the learner: --learner HANDLE") }
        guard accept != reject else { throw ValidationError("give exactly one of --accept or --reject") }
    }

    func run() throws {
        let store = try database.openStore()
        let service = CourseService(store: store)
        do {
            if target == "list" {
                let pending = try service.pendingReviews()
                if json { print(encodeJSON(pending)); return }
                if pending.isEmpty { print("Nothing is waiting for review."); return }
                let formatter = ISO8601DateFormatter()
                for item in pending {
                    print("\(item.exercise)\(item.part)  \(item.learner)  \(formatter.string(from: item.submittedAt))")
                    print(indent(item.answer, by: 4), terminator: "")
                }
                print("Decide with: course-admin review EXERCISE --learner HANDLE --accept|--reject")
                return
            }
            let result = try service.review(exerciseID: target, learner: learner!, accept: accept, comment: comment)
            if json { print(encodeJSON(result)); return }
            print("\(result.accepted ? "Accepted" : "Rejected") \(result.learner)'s answer to \(result.exercise)\(result.part).")
            for change in result.mastery {
                print("  \(change.title): \(percent(change.before)) → \(percent(change.after))")
            }
        } catch {
            fail(error.description)
        }
    }
}

