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

    /// Answers whose profiles differ are not sent to the engine: the repeats found are still
    /// exactly those that asking the engine about every earlier answer finds.
    @Test func profilesFindTheRepeatsThatAskingAboutEveryPairFinds() throws {
        let forms = ["x^2", "x*x", "2x", "x + x", "x^3", "(x + 1)^2 - 2x - 1", "sin(x)", "sin(x)^2 + cos(x)^2",
                     "1", "x^2 + 1", "(x^2 - 1)/(x - 1)", "x + 1", "6x", "3x*2", "abs(x)", "sqrt(x^2)", "x^2 +", "e^x"]
        var generator = SystemRandomNumberGenerator()
        let answers = (0..<60).map { index in
            index % 7 == 6 ? "x^2 + \(index)" : forms.randomElement(using: &generator)!
        }
        let log = Self.log(answers)
        let repeats = RepeatedAnswers(exercises: [ServiceSandbox.ex1()])
        let key = try #require(repeats.regrader.key(exerciseID: "ex1", part: "a"))
        let grader = PartGrader()
        var expected: Set<UUID> = []
        for (index, attempt) in log.enumerated()
        where log[..<index].contains(where: {
            $0.answer == attempt.answer || grader.sameAnswer(attempt.answer, $0.answer, key: key)
        }) {
            expected.insert(attempt.id)
        }
        #expect(repeats.repeats(in: log) == expected, "\(answers)")
        #expect(expected.count > 10)
    }
}

/// Free-text answers (proofs) are the same answer up to spacing. The byte-level squeeze for ASCII
/// text must agree with the Unicode definition of whitespace it stands in for.
struct WhitespaceSqueezeTests {
    static func reference(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func squeezingAgreesWithCharacterWhitespaceOnMixedText() {
        let pieces = ["a", "Proof", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "f'(c)", "=", ".",
                      "\u{A0}", "\u{2003}", "\u{85}", "é", "e\u{301}", " \u{301}", "\u{2028}", "∀ε>0"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator))
                .map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(text.squeezingWhitespace == Self.reference(text), "\(text.debugDescription)")
        }
        #expect("  By the MVT,\r\n\tf(b) - f(a) = f'(c)(b - a).  ".squeezingWhitespace == "By the MVT, f(b) - f(a) = f'(c)(b - a).")
        #expect("x\u{A0}\u{A0}y".squeezingWhitespace == "x y")
    }
}
