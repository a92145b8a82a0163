import CalculusCore
import CourseModels
@testable import Grading
import TestSupport
import Testing

/// A key compiled once grades every answer as the part's stored key does, and a key whose text
/// does not parse still sends answers to an instructor.
struct CompiledKeyTests {
    let grader = PartGrader()

    @Test func oneCompiledKeyGradesManyAnswersAsTheStoredKeyDoes() throws {
        let parts = [
            GradingParts.derivative("2*x*exp(x) + x^2*exp(x)", of: "x^2*exp(x)"),
            GradingParts.derivative("cos(x^2)*2*x", of: "sin(x^2)"),
            GradingParts.folium,
        ]
        let answers = ["2x e^x", "2x e^x + x^2 e^x", "cos(x^2)", "2x cos(x^2)", "(2y - x^2)/(y^2 - 2x)", "x +", "y/x"]
        for part in parts {
            let compiled = try CompiledKey(json: part.keyJSON)
            for (index, answer) in answers.enumerated() {
                let once = grader.grade(answer, key: compiled, part: part, wrongAttemptsBefore: index % 3)
                let fresh = grader.grade(answer, part: part, wrongAttemptsBefore: index % 3)
                #expect(once == fresh, "\(answer) against \(part.keyJSON)")
            }
        }
        // The compiled function still names the rule a wrong derivative broke.
        let chain = GradingParts.derivative("cos(x^2)*2*x", of: "sin(x^2)")
        #expect(grader.grade("cos(x^2)", key: try CompiledKey(json: chain.keyJSON), part: chain).mistake == "chain_missing_inner")
    }

    @Test func aKeyPreparedForManyAnswersNamesTheSameMistakes() throws {
        let parts = [
            GradingParts.derivative("2*x*exp(x) + x^2*exp(x)", of: "x^2*exp(x)"),
            GradingParts.derivative("cos(x^2)*2*x", of: "sin(x^2)"),
            GradingParts.folium,
        ]
        let answers = ["2x e^x", "-2x e^x - x^2 e^x", "cos(x^2)", "-2x cos(x^2)", "4x cos(x^2)", "(2y - x^2)/(y^2 - 2x)",
                       "-(2y - x^2)/(y^2 - 2x)", "x/y", "x +"]
        var named = 0
        for part in parts {
            let compiled = try CompiledKey(json: part.keyJSON)
            let prepared = compiled.preparingMistakeSearch()
            #expect(prepared.mistakeTransforms?.isEmpty == false, "\(part.keyJSON)")
            for answer in answers {
                let fresh = grader.grade(answer, key: compiled, part: part, wrongAttemptsBefore: 1)
                #expect(grader.grade(answer, key: prepared, part: part, wrongAttemptsBefore: 1) == fresh,
                        "\(answer) against \(part.keyJSON)")
                if fresh.mistake != nil { named += 1 }
            }
        }
        #expect(named >= 4)
    }

    /// Profiles only spare the judge comparisons it would not find equivalent: with them the
    /// mistake search names exactly what it names without them, for answers that are each
    /// mistake, a multiple of the key, −key, or near misses of those.
    @Test func profilesLeaveEveryMistakeSearchResultAsItWas() throws {
        let functions = ["x^2*exp(x)", "sin(x^2)", "ln(3x + 1)", "x/(x^2 + 1)", "exp(-x^2)", "sqrt(x)*cos(x)",
                         "tanh(2x)", "(x^3 - 1)/(x + 2)", "3x^4 - 2x", "e^(sin(x))"]
        let detector = MistakeDetector(checker: grader.checker)
        var named = 0
        var skipped = 0
        for text in functions {
            let function = try Parser.parse(text, variables: ["x"])
            let key = function.simplifiedDerivative(withRespectTo: "x")
            let part = GradingParts.derivative(key.description, of: text, domain: Interval(0.2, 3))
            let compiled = try CompiledKey(json: part.keyJSON).preparingMistakeSearch()
            let transforms = compiled.mistakeSearchTransforms()
            let keyExpression = try #require(compiled.expression)
            var answers = transforms.map(\.result) + [-keyExpression, .integer(3) * keyExpression, keyExpression + .one]
            answers += transforms.prefix(4).map { $0.result + .real(1e-3) } + [.variable("x"), .zero]
            let domain = ["x": 0.2...3.0]
            for answer in answers {
                let reparsed = try Parser.parse(answer.description, variables: ["x"])
                let profiled = try #require(compiled.mistakeSearchProfile(of: reparsed, transforms: transforms))
                let with = detector.mistake(answer: reparsed, key: keyExpression, transforms: transforms, domain: domain,
                                            profiled: profiled)
                let without = detector.mistake(answer: reparsed, key: keyExpression, transforms: transforms, domain: domain)
                #expect(with == without, "\(reparsed) for d/dx \(text)")
                if with != nil { named += 1 }
                skipped += transforms.indices.filter(profiled.toldApart(fromTransform:)).count
            }
        }
        #expect(named >= 40)
        #expect(skipped > 0)
    }

    @Test(arguments: [
        GradingParts.part(.expression(ExpressionKey(key: "2*x +", variables: ["x"], domain: ["x": Interval(-1, 1)]))),
        GradingParts.part(.implicit(ImplicitKey(equation: "x^2 + y^2", key: "-x/y", x: "x", y: "y",
                                                xRange: Interval(-1, 1), yRange: Interval(-1, 1)))),
    ])
    func aKeyThatDoesNotParseLeavesTheAnswerToAnInstructor(part: ExercisePart) {
        let grade = grader.grade("2x", part: part)
        #expect(grade.verdict == .pendingReview)
        #expect(grade.feedback == "This part's key could not be read, so an instructor will grade your answer.")
    }
}
