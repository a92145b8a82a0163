import ArgumentParser
import CourseCLI
import Foundation
import CourseService

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List your past attempts with time, verdict and feedback tag."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var learnerOptions: LearnerOptions

    @Argument(help: "Only this exercise (e.g. ex4).")
    var exercise: String?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try database.openStore()
        let learner = try learnerOptions.current(in: store)
        let service = CourseService(store: store)
        var exerciseID: String?
        if let exercise { exerciseID = try service.resolve(exercise).0.id }
        let entries = try service.history(learnerID: learner.id, exerciseID: exerciseID)
        if !json { try announceNewReviews(service, learner: learner) }
        if json { print(encodeJSON(entries)); return }
        if entries.isEmpty {
            print("No attempts yet.")
            return
        }
        let formatter = ISO8601DateFormatter()
        for entry in entries {
            let attempt = entry.attempt
            let part = attempt.exerciseID + attempt.part
            var verdict = attempt.verdict.rawValue
            if let review = entry.review { verdict += review.accepted ? " (accepted)" : " (rejected)" }
            let tag = attempt.mistake.map { "  [\($0)]" } ?? ""
            // After the key was shown an answer is kept but is not evidence for mastery.
            let counted = attempt.evidence == .keyShown ? "  (after the key was shown: not counted)" : ""
            let comment = entry.review.map { $0.comment.isEmpty ? "" : "  “\($0.comment)”" } ?? ""
            print("\(formatter.string(from: attempt.submittedAt))  \(part.padding(toLength: 8, withPad: " ", startingAt: 0))\(verdict)\(tag)\(counted)\(comment)")
        }
    }
}
