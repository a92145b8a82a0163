import CourseModels
import CourseStore
import Foundation
@testable import Content
import Grading
import TestSupport

extension ContentSandbox {
    var importer: SeedImporter { SeedImporter(directory: seeds) }
}

enum ContentFixtures {
    static let device = UUID(uuidString: "D0000000-0000-4000-8000-000000000001")!

    /// A learner with one attempt at each of `exercises`' first parts.
    static func addAttempts(to store: Store, exercises: [String]) throws -> Learner {
        let learner = Learner(handle: "ada", displayName: "Ada", createdAt: Date(timeIntervalSince1970: 1_700_000_000))
        try store.learners.insert(learner)
        for (index, exercise) in exercises.enumerated() {
            let part = try store.content.exercise(id: exercise)?.parts.first?.label ?? ""
            try store.attempts.insert(Attempt(
                learnerID: learner.id, exerciseID: exercise, part: part, answer: "12*x^3 - 4*x",
                submittedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(index)), deviceID: device,
                graderVersion: GraderVersion.current, verdict: .correct, score: 1, feedback: "Correct."))
        }
        return learner
    }
}
