import CourseModels
import Foundation
@testable import Grading
import Testing

struct MasteryTests {
    static let standard = MasteryParameters(pInit: 0.1, pLearn: 0.1, pSlip: 0.1, pGuess: 0.2)

    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 5e-5 }
    }

    @Test func fiveRightAnswersFollowTheTestVector() {
        let trace = KnowledgeTracing.trace([true, true, true, true, true], parameters: Self.standard)
        #expect(Self.close(trace, [0.40, 0.775, 0.94545, 0.98861, 0.9977]))
    }

    @Test func aWrongAnswerLowersMasteryThenRightOnesRaiseIt() {
        let trace = KnowledgeTracing.trace([true, false, true, true, true, true], parameters: Self.standard)
        #expect(Self.close(trace, [0.40, 0.16923, 0.53043, 0.85205, 0.96656, 0.99313]))
    }

    @Test(arguments: [0.0, 0.3, 0.5, 1.0])
    func aLighterLinkMovesMasteryLess(weight: Double) {
        let full = KnowledgeTracing.update(0.1, correct: true, parameters: Self.standard)
        let partial = KnowledgeTracing.update(0.1, correct: true, parameters: Self.standard, weight: weight)
        #expect(partial >= 0.1 && partial <= full + 1e-15)
        if weight == 0 { #expect(partial == 0.1) }
        if weight == 1 { #expect(partial == full) }
        let wrong = KnowledgeTracing.update(0.5, correct: false, parameters: Self.standard, weight: weight)
        let wrongFull = KnowledgeTracing.update(0.5, correct: false, parameters: Self.standard)
        #expect(wrong >= wrongFull - 1e-15)
    }

    @Test func replaySkipsSyntaxErrorsAndCountsReviewedManualParts() {
        let learner = UUID()
        let device = UUID()
        let exercise = Exercise(
            id: "ex6", title: "", prompt: "",
            parts: [ExercisePart(label: "", prompt: "", kind: .manual, keyJSON: "{}",
                                 objectives: [ObjectiveLink(objectiveID: "mvt")])],
            position: 1, contentHash: "")
        let model = MasteryModel(objectives: [Objective(id: "mvt", title: "MVT", mastery: Self.standard)], exercises: [exercise])
        func attempt(_ ms: Int64, _ verdict: Verdict) -> Attempt {
            Attempt(learnerID: learner, exerciseID: "ex6", part: "", answer: "proof", submittedAt: Date(millisecondsSince1970: ms),
                    deviceID: device, graderVersion: "t", verdict: verdict, score: 0)
        }
        let pending = attempt(2, .pendingReview)
        let attempts = [attempt(3, .syntaxError), pending, attempt(1, .correct)]
        #expect(model.replay(attempts).first?.observations == 1)
        let reviewed = model.replay(attempts, reviews: [pending.id: Review(attemptID: pending.id, reviewer: "i", accepted: true)])
        #expect(reviewed.first?.observations == 2)
        #expect(Self.close(reviewed.map(\.pKnown), [0.775]))
    }
}
