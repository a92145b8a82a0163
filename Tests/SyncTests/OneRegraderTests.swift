import CourseModels
import CourseService
import CourseStore
import Foundation
import Grading
@testable import Sync
import TestSupport
import Testing

/// Submit, `regrade` and a sync import grade through the one `Regrader`: the same answers in the
/// same situation store the same verdict, score, feedback and mistake tag on every path.
struct OneRegraderTests {
    /// A part with two hints, so the feedback of a wrong answer depends on the wrong answers before it.
    static let hinted = Exercise(
        id: "ex9", title: "Hinted", prompt: "Differentiate x^3.",
        parts: [ExercisePart(
            label: "", prompt: "d/dx x^3", kind: .expression,
            keyJSON: PartKey(answer: .expression(ExpressionKey(key: "3*x^2", variables: ["x"], domain: ["x": Interval(-2, 2)]))).json,
            objectives: [ObjectiveLink(objectiveID: "power-rule")],
            hints: ["Bring the power down.", "Then lower the exponent by one."])],
        position: 9, contentHash: "h-ex9", revealKeyAfter: nil)

    struct Grade: Equatable {
        var answer: String, verdict: Verdict, score: Double, feedback: String, mistake: String?
        init(_ attempt: Attempt) {
            (answer, verdict, score, feedback, mistake) = (attempt.answer, attempt.verdict, attempt.score, attempt.feedback, attempt.mistake)
        }
    }

    @Test func submitRegradeAndSyncImportStoreTheSameGrades() throws {
        let folder = try TemporaryFolder()
        let laptop = try Machine("laptop", in: folder), lab = try Machine("lab", in: folder)
        for machine in [laptop, lab] {
            try importContent(objectives: TestContent.objectives, exercises: TestContent.exercises + [Self.hinted],
                              into: machine.store)
        }
        let ada = try laptop.addLearner("ada")
        let service = CourseService(store: laptop.store)
        for (index, answer) in ["7x", "sin(x)", "3x^2"].enumerated() {
            _ = try service.submit(learner: ada, reference: "ex9", text: answer, deviceID: laptop.device,
                               now: Date(millisecondsSince1970: 1_700_000_000_000 + Int64(index) * 1000))
        }
        let submitted = try laptop.attempts().sorted { $0.submittedAt < $1.submittedAt }
        #expect(submitted.map(\.verdict) == [.incorrect, .incorrect, .correct])
        #expect(submitted[0].feedback.hasSuffix("Hint: Bring the power down."))
        #expect(submitted[1].feedback.hasSuffix("Hint: Then lower the exponent by one."))

        // Regrading what submit stored changes nothing.
        let regraded = try service.regrade()
        #expect(regraded.updated == 0)
        #expect(try laptop.attempts().sorted { $0.submittedAt < $1.submittedAt }.map(Grade.init) == submitted.map(Grade.init))

        // A sync import grades each answer in its place in the history there: the same grades.
        let bundle = folder.path("ada.json")
        _ = try laptop.export(bundle)
        try lab.importBundle(bundle)
        let imported = try lab.attempts().sorted { $0.submittedAt < $1.submittedAt }
        #expect(imported.map(Grade.init) == submitted.map(Grade.init))
        // ... which a later regrade there leaves as they are.
        #expect(try CourseService(store: lab.store).regrade().updated == 0)
    }
}
