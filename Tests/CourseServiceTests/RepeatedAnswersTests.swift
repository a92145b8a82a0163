import CourseModels
import Foundation
@testable import CourseService
import Grading
import Testing

/// A wrong answer repeats the first earlier wrong answer the engine finds the same, however many
/// distinct ones come before it (they are compared several at a time, over the cores).
struct RepeatedAnswersTests {
    static let learner = UUID(uuidString: "A0000000-0000-4000-8000-000000000001")!

    static func log(_ answers: [String]) -> [Attempt] {
        answers.enumerated().map { index, answer in
            let at = Date(millisecondsSince1970: ServiceSandbox.epoch.millisecondsSince1970 + Int64(index) * 1000)
            return Attempt(
                id: UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", index))!, learnerID: learner,
                exerciseID: "ex1", part: "a", answer: answer, submittedAt: at, deviceID: ServiceSandbox.device,
                graderVersion: GraderVersion.current, verdict: .incorrect, score: 0, feedback: "", mistake: nil)
        }
    }

    @Test func findsTheFirstEarlierSameAnswerPastManyDistinctOnes() {
        // ex1 a: the key is 3x^2; all of these are wrong. `x*x` repeats `x^2`, `x + x` and `2*x`
        // repeat `2x`, each behind more distinct answers than are compared at once.
        let answers = ["x^2", "2x", "x^3", "4x", "5x", "6x", "7x", "8x", "x*x", "9x", "x + x", "10x", "2*x", "x^4"]
        let log = Self.log(answers)
        let repeats = RepeatedAnswers(exercises: [ServiceSandbox.ex1()])
        let expected: Set<UUID> = [log[8].id, log[10].id, log[12].id]
        #expect(repeats.repeats(in: log) == expected)
        // Again with every verdict remembered: the same repeats, and the same earlier attempt each repeats.
        #expect(repeats.repeats(in: log) == expected)
        let earlier = Array(log[0..<12])
        let found = repeats.repeated("2*x", verdict: .incorrect, earlier: earlier, exerciseID: "ex1", part: "a")
        #expect(found?.id == log[1].id)
        #expect(repeats.repeated("11x", verdict: .incorrect, earlier: earlier, exerciseID: "ex1", part: "a") == nil)
    }
}
